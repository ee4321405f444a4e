-- Tiered storage in MariaDB/MySQL: swap an old partition out into its own table, export it, drop it
CREATE TABLE events (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  account_id  BIGINT UNSIGNED NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  occurred_at DATETIME    NOT NULL,
  PRIMARY KEY (id, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
PARTITION BY RANGE COLUMNS (occurred_at) (
  PARTITION p2025_01 VALUES LESS THAN ('2025-02-01'),
  PARTITION p2025_02 VALUES LESS THAN ('2025-03-01'),
  PARTITION p2025_03 VALUES LESS THAN ('2025-04-01'),
  PARTITION pmax     VALUES LESS THAN (MAXVALUE)
);
INSERT INTO events (account_id, kind, occurred_at)
WITH RECURSIVE seq (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < 999)
SELECT n % 10 + 1, IF(n % 3 = 0, 'login', 'page_view'), TIMESTAMP '2025-01-01 00:00:00' + INTERVAL n * 2 HOUR
FROM seq;

-- An empty, unpartitioned table of the same shape …
CREATE TABLE events_2025_01 LIKE events;
ALTER TABLE events_2025_01 REMOVE PARTITIONING;

-- … swapped with the old partition: a metadata operation, the rows are not copied.
ALTER TABLE events EXCHANGE PARTITION p2025_01 WITH TABLE events_2025_01;
ALTER TABLE events DROP PARTITION p2025_01;

-- The cold table can now be exported (mysqldump --tables, or SELECT … INTO OUTFILE on
-- the server) to object storage, counted against the file, and dropped.
SELECT COUNT(*) AS exported_rows, MIN(occurred_at) AS first_event, MAX(occurred_at) AS last_event
FROM events_2025_01;
DROP TABLE events_2025_01;

SELECT MIN(occurred_at) AS oldest_hot_event, COUNT(*) AS hot_rows FROM events;
