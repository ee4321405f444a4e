-- Optimistic locking with a version column (MySQL/MariaDB)
CREATE TABLE products (
  id      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name    VARCHAR(200) NOT NULL,
  price   DECIMAL(19,4) NOT NULL,
  stock   INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB;
INSERT INTO products (name, price, stock) VALUES ('Drill 500W', 59.90, 10);

-- Both editors read version 1.
SELECT id, price, version FROM products WHERE id = 1;

-- Editor A wins: one row changed.
UPDATE products SET price = 54.90, version = version + 1 WHERE id = 1 AND version = 1;
SELECT ROW_COUNT() AS rows_changed;    -- 1

-- Editor B's save matches nothing: ROW_COUNT() = 0 means "reload and show the conflict".
-- (With the client flag CLIENT_FOUND_ROWS, drivers report matched rather than changed
-- rows; the version check still makes 0 mean a conflict.)
UPDATE products SET price = 49.90, version = version + 1 WHERE id = 1 AND version = 1;
SELECT ROW_COUNT() AS rows_changed;    -- 0

-- Counters need no version: a relative, guarded update is atomic.
UPDATE products SET stock = stock - 1 WHERE id = 1 AND stock >= 1;
SELECT price, stock, version FROM products WHERE id = 1;
