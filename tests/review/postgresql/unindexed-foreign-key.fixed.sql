CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id)
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE TABLE order_notes (
    order_id bigint NOT NULL,
    note_no integer NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (order_id, note_no),
    FOREIGN KEY (order_id) REFERENCES orders (id)
);
