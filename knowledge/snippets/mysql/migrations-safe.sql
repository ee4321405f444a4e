-- Safe schema changes in MariaDB/MySQL: lock_wait_timeout, INSTANT/INPLACE algorithms, batched backfill
CREATE TABLE accounts (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email      VARCHAR(255) NOT NULL,
  legacy_tel VARCHAR(32)  NULL,
  created_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY accounts_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO accounts (email, legacy_tel)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1000)
SELECT CONCAT('user', n, '@example.com'), CONCAT('+44 20 7946 ', LPAD(n, 4, '0')) FROM seq;

-- DDL waits for a metadata lock behind running transactions while new queries queue
-- behind it: fail fast and retry instead of stalling the table.
SET SESSION lock_wait_timeout = 5;

-- 1. Add the column. Naming the algorithm makes the statement fail instead of silently
-- falling back to a table copy that blocks writes.
ALTER TABLE accounts ADD COLUMN phone VARCHAR(32) NULL, ALGORITHM = INSTANT;
ALTER TABLE accounts ADD COLUMN marketing_opt_in TINYINT(1) NOT NULL DEFAULT 0, ALGORITHM = INSTANT;

-- 2. Backfill in batches (repeat until 0 rows changed), each batch its own short transaction.
UPDATE accounts SET phone = legacy_tel WHERE phone IS NULL AND legacy_tel IS NOT NULL ORDER BY id LIMIT 400;
UPDATE accounts SET phone = legacy_tel WHERE phone IS NULL AND legacy_tel IS NOT NULL ORDER BY id LIMIT 400;
UPDATE accounts SET phone = legacy_tel WHERE phone IS NULL AND legacy_tel IS NOT NULL ORDER BY id LIMIT 400;
SELECT COUNT(*) AS still_missing FROM accounts WHERE phone IS NULL;

-- 3. NOT NULL rebuilds the table in place while reads and writes continue (LOCK = NONE).
ALTER TABLE accounts MODIFY phone VARCHAR(32) NOT NULL, ALGORITHM = INPLACE, LOCK = NONE;

-- 4. Secondary indexes are built online too.
ALTER TABLE accounts ADD INDEX accounts_phone (phone), ALGORITHM = INPLACE, LOCK = NONE;

-- For very large tables, or changes that need a copy, use an online schema-change tool
-- (gh-ost, pt-online-schema-change) that copies in the background and swaps tables.
SHOW CREATE TABLE accounts;
