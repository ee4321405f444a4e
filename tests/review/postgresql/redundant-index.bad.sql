CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at);
CREATE INDEX orders_customer_idx ON orders (customer_id); -- expect: redundant-index
CREATE INDEX orders_id_idx ON orders (id); -- expect: redundant-index
