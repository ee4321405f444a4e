ALTER TABLE customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL
);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
    FOREIGN KEY (customer_id) REFERENCES customers (id); -- expect: unindexed-foreign-key
