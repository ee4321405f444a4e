CREATE TABLE customers (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE invoices (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    amount DECIMAL(19, 4) NOT NULL,
    CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) -- expect: cascade-into-kept-table
        REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB;
