CREATE TABLE orders (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    created_at DATETIME NOT NULL,
    notes TEXT,
    KEY orders_customer_created_idx (customer_id, created_at),
    UNIQUE KEY orders_id_customer_key (id, customer_id),
    FULLTEXT KEY orders_notes_idx (notes)
) ENGINE=InnoDB;
