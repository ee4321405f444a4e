CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    created_at timestamptz NOT NULL,
    notes text
);
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at);
-- A partial index holds other rows; a unique one enforces a rule; a GIN one serves other lookups.
CREATE INDEX orders_recent_customer_idx ON orders (customer_id) WHERE created_at > '2024-01-01';
CREATE UNIQUE INDEX orders_id_customer_key ON orders (id, customer_id);
CREATE INDEX orders_notes_idx ON orders USING gin (to_tsvector('simple', notes));
