-- Archive table in MariaDB/MySQL: copy a batch of cold rows and delete the same rows, in one transaction
CREATE TABLE orders (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  total       DECIMAL(19,4)   NOT NULL,
  created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY orders_created_at (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Same columns (LIKE copies indexes too), plus when the row was archived.
CREATE TABLE orders_archive LIKE orders;
ALTER TABLE orders_archive ADD COLUMN archived_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP;

INSERT INTO orders (customer_id, total, created_at)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 800)
SELECT n % 50, n + 9.99, NOW() - INTERVAL n DAY FROM seq;

-- One batch: pick the ids first (locked), copy exactly those rows, delete exactly those
-- rows. Either both happen or neither; repeat until a batch moves nothing.
START TRANSACTION;
CREATE TEMPORARY TABLE archive_batch (id BIGINT UNSIGNED PRIMARY KEY) ENGINE = InnoDB;
INSERT INTO archive_batch (id)
  SELECT id FROM orders
  WHERE created_at < NOW() - INTERVAL 1 YEAR
  ORDER BY id
  LIMIT 500
  FOR UPDATE;
INSERT INTO orders_archive (id, customer_id, total, created_at)
  SELECT o.id, o.customer_id, o.total, o.created_at
  FROM orders o JOIN archive_batch b ON b.id = o.id;
DELETE o FROM orders o JOIN archive_batch b ON b.id = o.id;
COMMIT;
DROP TEMPORARY TABLE archive_batch;

SELECT (SELECT COUNT(*) FROM orders) AS hot_orders,
       (SELECT COUNT(*) FROM orders_archive) AS archived_orders,
       (SELECT MAX(created_at) < NOW() - INTERVAL 1 YEAR FROM orders_archive) AS only_cold_archived;
