-- Index usage monitoring: unused, duplicate and oversized indexes from the statistics views
CREATE TABLE users (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT NOT NULL UNIQUE,
  username   TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'active',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO users (email, username, status)
SELECT 'u' || g || '@example.com', 'user' || g, CASE WHEN g % 20 = 0 THEN 'banned' ELSE 'active' END
FROM generate_series(1, 20000) AS g;

CREATE INDEX users_username_idx   ON users (username);
CREATE INDEX users_status_idx     ON users (status);
CREATE INDEX users_updated_at_idx ON users (updated_at);
CREATE INDEX users_email_idx      ON users (email);        -- duplicates the UNIQUE index
ANALYZE users;

-- Some traffic, so the counters move.
SELECT id FROM users WHERE username = 'user42';
SELECT id FROM users WHERE email = 'u7@example.com';
-- The statistics collector reports asynchronously; make this session's counts visible now.
SELECT pg_stat_force_next_flush();

-- 1. Indexes never scanned since the statistics were last reset, largest first.
--    Unique and primary-key indexes are kept: they enforce rules even when never read.
SELECT s.relname        AS table_name,
       s.indexrelname   AS index_name,
       s.idx_scan,
       s.idx_tup_read,
       s.idx_tup_fetch,
       pg_size_pretty(pg_relation_size(s.indexrelid)) AS size
FROM pg_stat_user_indexes s
JOIN pg_index i ON i.indexrelid = s.indexrelid
WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary
ORDER BY pg_relation_size(s.indexrelid) DESC;

-- 2. Duplicate indexes: same table, same columns, same expressions and predicate.
SELECT indrelid::regclass AS table_name,
       array_agg(indexrelid::regclass ORDER BY indexrelid) AS same_definition
FROM pg_index
GROUP BY indrelid, indkey::text, indclass::text,
         coalesce(pg_get_expr(indexprs, indrelid), ''), coalesce(pg_get_expr(indpred, indrelid), '')
HAVING count(*) > 1;

-- 3. How often each table is read by index versus by sequential scan.
SELECT relname, seq_scan, idx_scan, n_live_tup,
       pg_size_pretty(pg_indexes_size(relid)) AS all_indexes
FROM pg_stat_user_tables
ORDER BY seq_scan DESC;

-- When the statistics were last reset: idx_scan = 0 means little if that was yesterday.
SELECT stats_reset FROM pg_stat_database WHERE datname = current_database();

-- Dropping is a decision, not a script: check replicas (their counters are separate),
-- monthly or yearly jobs, and constraints, then drop without blocking writes:
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
