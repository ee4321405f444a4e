-- Troubleshooting fixes: index a slow query, end runaway sessions, lock in one order, bulk-load with COPY, vacuum, reindex
CREATE TABLE accounts (
  id      BIGINT PRIMARY KEY,
  owner   TEXT NOT NULL,
  balance NUMERIC(19,4) NOT NULL CHECK (balance >= 0)
);
CREATE TABLE events (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id BIGINT NOT NULL,
  kind       TEXT   NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Slow bulk insert (row by row) → COPY, or at least multi-row INSERTs in one transaction.
COPY accounts (id, owner, balance) FROM STDIN WITH (FORMAT csv);
1,ada,100.0000
2,grace,250.0000
3,alan,75.0000
\.
INSERT INTO events (account_id, kind)
SELECT (g % 3) + 1, CASE WHEN g % 5 = 0 THEN 'withdrawal' ELSE 'login' END
FROM generate_series(1, 20000) AS g;
ANALYZE events;

-- Query timeout → missing index: the plan shows a Seq Scan over the whole table …
EXPLAIN (COSTS OFF) SELECT * FROM events WHERE account_id = 2 AND kind = 'withdrawal';
-- … so add the index the filter needs, without blocking writes, and check the plan again.
CREATE INDEX CONCURRENTLY events_account_kind ON events (account_id, kind);
EXPLAIN (COSTS OFF) SELECT * FROM events WHERE account_id = 2 AND kind = 'withdrawal';

-- Connections exhausted → first find who holds them (a leak shows as 'idle in transaction').
-- End such sessions: cancel the query first, terminate the session if that is not enough.
SELECT pid, pg_cancel_backend(pid) AS cancelled
FROM pg_stat_activity
WHERE state = 'active' AND pid <> pg_backend_pid()
  AND query_start < now() - interval '5 minutes';
SELECT pid, pg_terminate_backend(pid) AS terminated
FROM pg_stat_activity
WHERE state = 'idle in transaction' AND state_change < now() - interval '10 minutes';

-- Deadlock → transactions lock the same rows in different orders. Lock them in one
-- order (here: by id) before changing them, and the cycle cannot form.
BEGIN;
SELECT id, balance FROM accounts WHERE id IN (2, 1) ORDER BY id FOR UPDATE;
UPDATE accounts SET balance = balance - 25 WHERE id = 2;
UPDATE accounts SET balance = balance + 25 WHERE id = 1;
COMMIT;

-- Table bloat after mass updates or deletes → VACUUM (and ANALYZE for fresh statistics);
-- a bloated index is rebuilt without blocking writes.
DELETE FROM events WHERE kind = 'login' AND id % 2 = 0;
VACUUM (ANALYZE) events;
REINDEX INDEX CONCURRENTLY events_account_kind;

SELECT id, owner, balance FROM accounts ORDER BY id;
