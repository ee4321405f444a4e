-- One statement the parser cannot read, between two it can: the review goes on.
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);

CREATE TABLE broken (id bigint PRIMARY KEY,, name text);

CREATE TABLE ledger_entries ( -- expect: no-primary-key
    customer_id bigint NOT NULL,
    balance double precision NOT NULL -- expect: float-money
);
