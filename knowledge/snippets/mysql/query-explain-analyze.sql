-- Reading EXPLAIN in MySQL/MariaDB: access type, key, rows, and the Extra column
CREATE TABLE users (
  id     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email  VARCHAR(255) NOT NULL,
  status VARCHAR(16) NOT NULL,
  UNIQUE KEY users_email_key (email)
) ENGINE=InnoDB;
CREATE TABLE orders (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id    BIGINT UNSIGNED NOT NULL,
  total      DECIMAL(19,4) NOT NULL,
  created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;

INSERT INTO users (email, status)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 500)
SELECT CONCAT('u', n, '@example.com'), IF(n % 10 = 0, 'inactive', 'active') FROM seq;
INSERT INTO orders (user_id, total, created_at)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1000)
SELECT 1 + n % 500, (n % 250) + 0.5, TIMESTAMP '2025-01-01 00:00:00' + INTERVAL n MINUTE FROM seq;
ANALYZE TABLE users, orders;

-- Look for, per table of the plan:
--   type: ALL = full table scan (bad on a large table); index = full index scan;
--         range / ref / eq_ref / const = index lookups (good).
--   key: the index chosen (NULL = none); rows: rows it expects to examine.
--   Extra: "Using filesort" = a sort the index could have avoided; "Using temporary" =
--          a temporary table (GROUP BY / DISTINCT); "Using index" = covering, table not read.
EXPLAIN
SELECT u.email, SUM(o.total) AS spent
FROM users u JOIN orders o ON o.user_id = u.id
WHERE u.status = 'active' AND o.created_at >= '2025-01-01 10:00:00'
GROUP BY u.email
ORDER BY spent DESC
LIMIT 10;

-- The join column and the range column go into one index on orders …
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at);
-- … and the lookup becomes type=ref on it.
EXPLAIN SELECT id, total FROM orders WHERE user_id = 42 AND created_at >= '2025-01-01';

-- The whole plan with costs, as JSON (both MySQL and MariaDB).
EXPLAIN FORMAT=JSON SELECT id, total FROM orders WHERE user_id = 42;

-- Actual rows and time (the query runs): MySQL 8.0.18+ has EXPLAIN ANALYZE SELECT …;
-- MariaDB has ANALYZE SELECT … (r_rows, r_filtered beside the estimates). Compare the
-- estimated rows with the actual ones: far apart means stale statistics (ANALYZE TABLE).
