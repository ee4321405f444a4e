-- Diagnostic queries for a stock PostgreSQL: activity, blocking, sizes, unused indexes, cache hits, bloat
-- A little data so the statistics views have something to show.
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  status      TEXT   NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_status ON orders (status);
INSERT INTO orders (customer_id, status)
SELECT g % 100, CASE WHEN g % 10 = 0 THEN 'pending' ELSE 'shipped' END
FROM generate_series(1, 10000) AS g;
DELETE FROM orders WHERE id % 7 = 0;
ANALYZE orders;
SELECT count(*) FROM orders WHERE customer_id = 42;

-- 1. Connections by state (many 'idle in transaction' = application holding transactions).
SELECT state, count(*) FROM pg_stat_activity
WHERE backend_type = 'client backend' GROUP BY state ORDER BY count(*) DESC;

-- 2. Queries running longer than 5 minutes.
SELECT pid, usename, now() - query_start AS running_for, state, left(query, 100) AS query
FROM pg_stat_activity
WHERE state <> 'idle' AND query_start < now() - interval '5 minutes'
ORDER BY query_start;

-- 3. Who blocks whom (pg_blocking_pids follows the lock queue for you).
SELECT blocked.pid                  AS blocked_pid,
       left(blocked.query, 60)      AS blocked_query,
       now() - blocked.query_start  AS waiting_for,
       blocking.pid                 AS blocking_pid,
       blocking.state               AS blocking_state,
       left(blocking.query, 60)     AS blocking_query
FROM pg_stat_activity AS blocked
JOIN LATERAL unnest(pg_blocking_pids(blocked.pid)) AS b(pid) ON true
JOIN pg_stat_activity AS blocking ON blocking.pid = b.pid;

-- 4. Lock requests not granted, with the relation they wait on.
SELECT l.pid, l.relation::regclass AS relation, l.mode, l.locktype, a.wait_event
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE NOT l.granted;

-- 5. Largest tables: total, heap and index sizes.
SELECT c.oid::regclass AS table_name,
       pg_size_pretty(pg_total_relation_size(c.oid)) AS total,
       pg_size_pretty(pg_relation_size(c.oid))       AS heap,
       pg_size_pretty(pg_indexes_size(c.oid))        AS indexes
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY pg_total_relation_size(c.oid) DESC
LIMIT 20;

-- 6. Indexes never scanned since statistics were reset (not unique: those enforce rules).
-- Check every replica too before dropping: usage statistics are per server.
SELECT s.relname AS table_name, s.indexrelname AS index_name, s.idx_scan,
       pg_size_pretty(pg_relation_size(s.indexrelid)) AS size
FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary
ORDER BY pg_relation_size(s.indexrelid) DESC;

-- 7. Tables read mostly by sequential scans (candidates for an index, if they are large).
SELECT relname, seq_scan, idx_scan,
       CASE WHEN seq_scan + coalesce(idx_scan, 0) > 0
            THEN round(100.0 * coalesce(idx_scan, 0) / (seq_scan + coalesce(idx_scan, 0)), 2)
            ELSE 100 END AS idx_scan_pct,
       n_live_tup
FROM pg_stat_user_tables
ORDER BY seq_scan DESC
LIMIT 20;

-- 8. Cache hit ratio: below ~99% on an OLTP database, the working set does not fit in memory.
SELECT datname,
       round(100.0 * blks_hit / nullif(blks_hit + blks_read, 0), 2) AS cache_hit_pct,
       deadlocks, temp_files, pg_size_pretty(temp_bytes) AS temp_written
FROM pg_stat_database
WHERE datname = current_database();

SELECT relname,
       round(100.0 * heap_blks_hit / nullif(heap_blks_hit + heap_blks_read, 0), 2) AS table_hit_pct,
       round(100.0 * idx_blks_hit / nullif(idx_blks_hit + idx_blks_read, 0), 2)   AS index_hit_pct
FROM pg_statio_user_tables
ORDER BY heap_blks_read + coalesce(idx_blks_read, 0) DESC
LIMIT 20;

-- 9. Dead rows and vacuum history (bloat candidates).
SELECT relname, n_live_tup, n_dead_tup,
       round(100.0 * n_dead_tup / nullif(n_live_tup + n_dead_tup, 0), 1) AS dead_pct,
       last_vacuum, last_autovacuum, last_autoanalyze
FROM pg_stat_user_tables
ORDER BY n_dead_tup DESC
LIMIT 20;

-- 10. Transaction-id age: autovacuum must freeze before 2 billion; alert well before.
SELECT datname, age(datfrozenxid) AS xid_age FROM pg_database ORDER BY 2 DESC;

-- 11. Slowest statements, once pg_stat_statements is loaded
-- (shared_preload_libraries = 'pg_stat_statements', restart, CREATE EXTENSION pg_stat_statements):
--   SELECT query, calls, mean_exec_time, total_exec_time
--   FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10;
SELECT count(*) > 0 AS pg_stat_statements_loaded
FROM pg_extension WHERE extname = 'pg_stat_statements';
