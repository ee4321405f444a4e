-- Diagnostic queries for MariaDB/MySQL: long queries, lock waits, sizes, buffer-pool hits, history list
CREATE TABLE orders (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  status      VARCHAR(16) NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY orders_customer (customer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO orders (customer_id, status)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1000)
SELECT n % 100, IF(n % 10 = 0, 'pending', 'shipped') FROM seq;
ANALYZE TABLE orders;

-- 1. Connections by user and command ('Sleep' = idle connections held by pools).
SELECT USER, COMMAND, COUNT(*) AS connections
FROM information_schema.PROCESSLIST
GROUP BY USER, COMMAND ORDER BY connections DESC;

-- 2. Statements running longer than 60 seconds (end one with KILL QUERY <id>).
SELECT ID, USER, DB, TIME AS seconds, STATE, LEFT(INFO, 100) AS query
FROM information_schema.PROCESSLIST
WHERE COMMAND = 'Query' AND TIME > 60
ORDER BY TIME DESC;

-- 3. Open InnoDB transactions, oldest first: a long one blocks purge and holds locks.
SELECT trx_id, trx_state, trx_started, TIMESTAMPDIFF(SECOND, trx_started, NOW()) AS age_s,
       trx_mysql_thread_id AS thread_id, trx_rows_locked, LEFT(trx_query, 80) AS query
FROM information_schema.INNODB_TRX
ORDER BY trx_started;

-- 4. Who waits for whom, and the statement that ends the blocker: the sys schema's view
-- (MySQL 8 reads it from performance_schema.data_lock_waits, MariaDB 10.6 and later
-- from information_schema; both name the columns alike).
SELECT wait_age_secs, waiting_pid, waiting_query, blocking_pid, blocking_query,
       sql_kill_blocking_query
FROM sys.innodb_lock_waits
ORDER BY wait_age_secs DESC;

-- 5. Largest tables: data and index size.
SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS,
       ROUND(DATA_LENGTH / 1024 / 1024, 1)  AS data_mb,
       ROUND(INDEX_LENGTH / 1024 / 1024, 1) AS index_mb,
       ROUND(DATA_FREE / 1024 / 1024, 1)    AS free_mb
FROM information_schema.TABLES
WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
ORDER BY DATA_LENGTH + INDEX_LENGTH DESC
LIMIT 20;

-- 6. Buffer pool hit ratio = 1 - Innodb_buffer_pool_reads / Innodb_buffer_pool_read_requests
-- (reads that had to go to disk); below ~99% on OLTP the working set does not fit in memory.
SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_read%';

-- 7. Counters worth graphing: slow queries, full scans, temp tables on disk, deadlocks,
-- connections, and the purge backlog (history list length).
SHOW GLOBAL STATUS WHERE Variable_name IN
  ('Slow_queries', 'Select_scan', 'Created_tmp_disk_tables', 'Innodb_deadlocks',
   'Threads_connected', 'Max_used_connections', 'Innodb_history_list_length');

-- 8. The plan of a hot query.
EXPLAIN SELECT id, status FROM orders WHERE customer_id = 42;
