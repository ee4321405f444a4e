CREATE TABLE customers (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE invoices (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    amount DECIMAL(19, 4) NOT NULL,
    CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) -- expect: cascade-into-kept-table
        REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB;
DELIMITER //
CREATE TRIGGER invoices_checked BEFORE INSERT ON invoices FOR EACH ROW
BEGIN
  IF NEW.amount < 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'negative';
  END IF;
END//
DELIMITER ;
-- Read after the block: a trigger's body does not hide the statements that follow it.
CREATE TABLE refunds (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE -- expect: cascade-into-kept-table
) ENGINE=InnoDB;
