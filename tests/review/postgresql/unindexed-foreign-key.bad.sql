CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) -- expect: unindexed-foreign-key
);
CREATE TABLE order_notes (
    order_id bigint NOT NULL,
    note_no integer NOT NULL,
    body text NOT NULL,
    -- The key leads with note_no: it serves no lookup by order.
    PRIMARY KEY (note_no, order_id),
    FOREIGN KEY (order_id) REFERENCES orders (id) -- expect: unindexed-foreign-key
);
