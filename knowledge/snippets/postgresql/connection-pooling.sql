-- Connection pooling, seen from the server: limits, who holds connections, and leak guards
-- Size the pool from the server, not the client count: roughly (cores * 2) + effective
-- spindles connections doing work at once, usually 10–30 in total across every app
-- instance. A pooler (PgBouncer, or the driver's pool) queues the rest.
SHOW max_connections;

-- Headroom: connections in use against the limit (superusers keep a few reserved).
SELECT count(*) AS connections,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS reserved
FROM pg_stat_activity
WHERE backend_type = 'client backend';

-- Who holds connections, and doing what: many 'idle' means pools larger than needed;
-- 'idle in transaction' means the application holds a transaction open (a leak or a
-- slow call made inside a transaction).
SELECT datname, usename, application_name, state, count(*)
FROM pg_stat_activity
WHERE backend_type = 'client backend'
GROUP BY datname, usename, application_name, state
ORDER BY count(*) DESC;

-- Sessions idle in a transaction for more than 30 seconds: they hold locks and stop VACUUM.
SELECT pid, usename, application_name, now() - state_change AS idle_for, left(query, 80) AS last_query
FROM pg_stat_activity
WHERE state = 'idle in transaction' AND now() - state_change > interval '30 seconds';

-- Guard rails on the application role: a cap per role, and timeouts so that a leaked
-- transaction or a runaway query is ended by the server instead of piling up.
CREATE ROLE app_rw LOGIN CONNECTION LIMIT 40;
ALTER ROLE app_rw SET idle_in_transaction_session_timeout = '60s';
ALTER ROLE app_rw SET statement_timeout = '30s';
ALTER ROLE app_rw SET lock_timeout = '5s';
SELECT rolname, rolconnlimit, rolconfig FROM pg_roles WHERE rolname = 'app_rw';

-- PgBouncer in front of PostgreSQL (pgbouncer.ini), transaction pooling:
--   [databases]  app = host=127.0.0.1 port=5432 dbname=app
--   [pgbouncer]  pool_mode = transaction
--                default_pool_size = 20        ; server connections per database/user pair
--                max_client_conn = 2000        ; application connections it accepts
--                server_idle_timeout = 600
--                max_prepared_statements = 100 ; PgBouncer 1.21+: protocol-level prepared statements
-- In transaction mode a server connection is shared between transactions, so session state
-- does not survive: use SET LOCAL inside the transaction, not SET.
BEGIN;
SET LOCAL statement_timeout = '5s';
SET LOCAL app.tenant_id = '42';
SELECT current_setting('app.tenant_id') AS tenant_for_this_transaction_only;
COMMIT;
