-- BIGINT AUTO_INCREMENT primary keys in MySQL/MariaDB
CREATE TABLE customers (
  -- UNSIGNED BIGINT: 1.8e19 values. INT stops at 2,147,483,647 (4,294,967,295 unsigned).
  -- InnoDB clusters rows by the primary key, so an increasing key appends to the end of
  -- the table; a random key (UUIDv4) splits pages all over it.
  id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(254) NOT NULL UNIQUE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO customers (email) VALUES ('ada@example.com');
SELECT LAST_INSERT_ID() AS new_id;    -- per connection: safe under concurrency

-- Unlike GENERATED ALWAYS in PostgreSQL, explicit ids are accepted, and the counter
-- jumps past them.
INSERT INTO customers (id, email) VALUES (1000, 'imported@example.com');
INSERT INTO customers (email) VALUES ('next@example.com');
SELECT id, email FROM customers ORDER BY id;     -- 1, 1000, 1001

-- Gaps are normal (rolled-back inserts, INSERT IGNORE, bulk inserts reserve ranges):
-- never use the id as a gap-free invoice number.
START TRANSACTION;
INSERT INTO customers (email) VALUES ('rolled-back@example.com');
ROLLBACK;
INSERT INTO customers (email) VALUES ('after-rollback@example.com');
SELECT MAX(id) AS last_id FROM customers;        -- 1003

-- How close is each AUTO_INCREMENT column to its type's limit?
SELECT c.table_name, c.column_type, t.auto_increment
FROM information_schema.columns c
JOIN information_schema.tables t
  ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = DATABASE() AND c.extra LIKE '%auto_increment%';
