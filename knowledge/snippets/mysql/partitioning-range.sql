-- Range partitioning by time in MariaDB/MySQL: quarterly partitions, a catch-all, retention by DROP PARTITION
CREATE TABLE orders (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id BIGINT UNSIGNED NOT NULL,
  total       DECIMAL(19,4)   NOT NULL,
  status      VARCHAR(16)     NOT NULL DEFAULT 'placed',
  created_at  DATETIME        NOT NULL,
  -- Every unique key, the primary key included, must contain the partitioning column.
  -- Partitioned InnoDB tables cannot have foreign keys.
  PRIMARY KEY (id, created_at),
  KEY orders_customer_created (customer_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
PARTITION BY RANGE COLUMNS (created_at) (
  PARTITION p2025_q1 VALUES LESS THAN ('2025-04-01'),
  PARTITION p2025_q2 VALUES LESS THAN ('2025-07-01'),
  PARTITION p2025_q3 VALUES LESS THAN ('2025-10-01'),
  PARTITION pmax     VALUES LESS THAN (MAXVALUE)   -- catch-all: keep it empty
);

INSERT INTO orders (customer_id, total, created_at) VALUES
  (1, 19.90, '2025-02-14 10:00:00'),
  (2, 250.00, '2025-05-03 16:30:00'),
  (1, 42.50, '2025-08-21 09:15:00'),
  (3, 12.00, '2025-11-02 12:00:00');

SELECT PARTITION_NAME, TABLE_ROWS
FROM information_schema.PARTITIONS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders'
ORDER BY PARTITION_ORDINAL_POSITION;

-- Pruning: the plan's "partitions" list shows that only p2025_q2 is read.
EXPLAIN FORMAT=JSON
SELECT * FROM orders WHERE created_at >= '2025-05-01' AND created_at < '2025-06-01';

-- Add the next quarter ahead of time by splitting the catch-all (rows in it are moved).
ALTER TABLE orders REORGANIZE PARTITION pmax INTO (
  PARTITION p2025_q4 VALUES LESS THAN ('2026-01-01'),
  PARTITION pmax     VALUES LESS THAN (MAXVALUE)
);

-- Retention: dropping a partition is a metadata operation, not a long DELETE.
ALTER TABLE orders DROP PARTITION p2025_q1;

SELECT PARTITION_NAME, PARTITION_DESCRIPTION
FROM information_schema.PARTITIONS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders'
ORDER BY PARTITION_ORDINAL_POSITION;
