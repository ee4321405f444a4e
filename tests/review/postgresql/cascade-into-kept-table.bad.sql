CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE, -- expect: cascade-into-kept-table
    paid numeric(19, 4) NOT NULL
);
CREATE INDEX payments_customer_id_idx ON payments (customer_id);
-- Not named like a kept record, but it holds money.
CREATE TABLE quotes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    quote_total numeric(19, 4) NOT NULL,
    CONSTRAINT quotes_customer_fk FOREIGN KEY (customer_id) -- expect: cascade-into-kept-table
        REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX quotes_customer_id_idx ON quotes (customer_id);
