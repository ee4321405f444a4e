-- Anti-pattern: leaked connections and idle-in-transaction sessions; find them, cap them
-- A connection checked out of the pool and never released (an exception path without
-- finally/release) keeps its server process; one left inside an open transaction also
-- holds its locks and stops VACUUM from cleaning up behind it.

-- Guard rails on the application's role: the server ends sessions idle inside a
-- transaction, and caps how many connections the role may hold.
CREATE ROLE web_app LOGIN CONNECTION LIMIT 40;
ALTER ROLE web_app SET idle_in_transaction_session_timeout = '60s';
ALTER ROLE web_app SET statement_timeout = '30s';
SELECT rolname, rolconnlimit, rolconfig FROM pg_roles WHERE rolname = 'web_app';

-- How many connections per application and state? Many "idle" ones mean pools are too
-- big; a climbing count that never falls means a leak.
SELECT coalesce(application_name, '') AS application, state, count(*) AS connections
FROM pg_stat_activity
WHERE backend_type = 'client backend'
GROUP BY 1, 2
ORDER BY connections DESC;

-- Sessions idle inside a transaction for more than a minute: the usual leak signature.
SELECT pid, usename, application_name, client_addr,
       now() - xact_start  AS transaction_age,
       now() - state_change AS idle_for,
       left(query, 80)     AS last_query
FROM pg_stat_activity
WHERE state IN ('idle in transaction', 'idle in transaction (aborted)')
  AND state_change < now() - interval '1 minute'
ORDER BY xact_start;

-- How close the server is to max_connections.
SELECT count(*) AS used, current_setting('max_connections')::int AS max_connections
FROM pg_stat_activity WHERE backend_type = 'client backend';

-- Last resort, for a leaked session found above (the application must still be fixed):
--   SELECT pg_terminate_backend(pid) FROM pg_stat_activity
--   WHERE state = 'idle in transaction' AND state_change < now() - interval '10 minutes';
