-- Advisory locks: a mutex in PostgreSQL itself, released automatically on commit or disconnect
CREATE TABLE invoice_runs (
  period      TEXT PRIMARY KEY,
  started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ
);

-- Transaction-scoped: held until COMMIT or ROLLBACK, so it can never be left behind and
-- it works through PgBouncer in transaction mode. The key is a bigint; hash a name into it.
BEGIN;
SELECT pg_try_advisory_xact_lock(hashtextextended('invoice-run:2025-06', 0)) AS got_lock;
-- got_lock = false: another worker is running this period; skip it.
INSERT INTO invoice_runs (period) VALUES ('2025-06') ON CONFLICT DO NOTHING;
UPDATE invoice_runs SET finished_at = now() WHERE period = '2025-06';
COMMIT;

-- Session-scoped: held until unlocked or the connection closes (a crashed worker's lock
-- goes with its connection). Do not use it through a transaction-mode pooler: the next
-- transaction may run on another server connection.
SELECT pg_try_advisory_lock(hashtextextended('cron:nightly-archive', 0)) AS leader;
SELECT locktype, objid, mode, granted FROM pg_locks WHERE locktype = 'advisory';
SELECT pg_advisory_unlock(hashtextextended('cron:nightly-archive', 0)) AS released;

SELECT period, finished_at IS NOT NULL AS finished FROM invoice_runs;
