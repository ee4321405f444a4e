CREATE TABLE orders (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    created_at DATETIME NOT NULL,
    KEY orders_customer_created_idx (customer_id, created_at),
    KEY orders_customer_idx (customer_id) -- expect: redundant-index
) ENGINE=InnoDB;
CREATE INDEX orders_id_idx ON orders (id); -- expect: redundant-index
