CREATE TABLE customers (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE invoices (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    amount DECIMAL(19, 4) NOT NULL,
    CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id)
        REFERENCES customers (id) ON DELETE RESTRICT
) ENGINE=InnoDB;
CREATE TABLE sessions (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB;
-- The lines of an invoice go with a draft; a trigger refuses an issued one's.
CREATE TABLE invoice_lines (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    invoice_id BIGINT NOT NULL,
    amount DECIMAL(19, 4) NOT NULL,
    FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE CASCADE
) ENGINE=InnoDB;
DELIMITER //
CREATE TRIGGER invoice_lines_frozen_insert BEFORE INSERT ON invoice_lines FOR EACH ROW
BEGIN
  IF EXISTS (SELECT 1 FROM invoices WHERE id = NEW.invoice_id AND amount < 0) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'issued';
  END IF;
END//
CREATE DEFINER = CURRENT_USER TRIGGER invoice_lines_frozen_delete BEFORE DELETE ON invoice_lines FOR EACH ROW
BEGIN
  IF EXISTS (SELECT 1 FROM invoices WHERE id = OLD.invoice_id AND amount < 0) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'issued';
  END IF;
END//
DELIMITER ;
