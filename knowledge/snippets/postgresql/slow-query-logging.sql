-- Slow-query logging: log statements over a threshold, lock waits and temp files; auto_explain for plans
-- Server-wide, in postgresql.conf or with ALTER SYSTEM (then SELECT pg_reload_conf()):
--   log_min_duration_statement = '250ms'   every statement slower than this, with its duration
--   log_lock_waits = on                    waits longer than deadlock_timeout (1s)
--   log_temp_files = 0                     sorts and hashes that spilled to disk
--   log_autovacuum_min_duration = '10s'
--   track_io_timing = on                   I/O time in EXPLAIN (ANALYZE, BUFFERS) and statistics
--   shared_preload_libraries = 'pg_stat_statements'   (restart) aggregated statistics per query
SELECT name, setting, unit FROM pg_settings
WHERE name IN ('log_min_duration_statement', 'log_lock_waits', 'log_temp_files',
               'log_autovacuum_min_duration', 'track_io_timing', 'shared_preload_libraries')
ORDER BY name;

-- The same for one database only (these settings need a superuser).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET log_min_duration_statement = %L', current_database(), '250ms');
  EXECUTE format('ALTER DATABASE %I SET log_lock_waits = on', current_database());
END $$;
SELECT unnest(setconfig) AS database_setting
FROM pg_db_role_setting
WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database());

-- auto_explain (shipped with PostgreSQL) logs the plan of every slow statement, which
-- is what you need when a query is slow only with production data. Per session here;
-- server-wide through shared_preload_libraries or session_preload_libraries.
LOAD 'auto_explain';
SET auto_explain.log_min_duration = '500ms';
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SHOW auto_explain.log_min_duration;
