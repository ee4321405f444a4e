CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    paid numeric(19, 4) NOT NULL
);
CREATE INDEX payments_customer_id_idx ON payments (customer_id);
-- Sessions are no record of money: a cascade there is fine.
CREATE TABLE sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX sessions_customer_id_idx ON sessions (customer_id);
