-- Composite index in leftmost-prefix order (MySQL/MariaDB): equality columns, then range or sort
CREATE TABLE orders (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  status      VARCHAR(16) NOT NULL,
  total       DECIMAL(19,4) NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  -- Serves: (customer_id), (customer_id, status), (customer_id, status, created_at …).
  -- Does not serve: status alone, or created_at alone.
  KEY orders_customer_status_created_idx (customer_id, status, created_at)
) ENGINE=InnoDB;

INSERT INTO orders (customer_id, status, total, created_at)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1000)
SELECT n % 97,
       ELT(1 + n % 4, 'pending', 'paid', 'shipped', 'cancelled'),
       (n % 300) + 0.99,
       TIMESTAMP '2025-01-01 00:00:00' + INTERVAL n HOUR
FROM seq;
ANALYZE TABLE orders;

-- All three columns: type=ref on the index, no "Using filesort" (rows come sorted).
EXPLAIN SELECT id, total, created_at FROM orders
WHERE customer_id = 42 AND status = 'paid'
ORDER BY created_at DESC LIMIT 20;

-- Leftmost prefix only: still the same index.
EXPLAIN SELECT COUNT(*) FROM orders WHERE customer_id = 42;

-- Range on the LAST column is fine; a range on an earlier column stops the columns
-- after it from narrowing the seek (they are only filtered).
EXPLAIN SELECT id FROM orders
WHERE customer_id = 42 AND status = 'shipped' AND created_at >= '2025-01-20';

-- The leading column is missing: a full scan (type=ALL or index), unless the optimizer
-- uses a skip scan (MySQL 8.0.13+), which is still slower than a matching index.
EXPLAIN SELECT COUNT(*) FROM orders WHERE status = 'pending';
