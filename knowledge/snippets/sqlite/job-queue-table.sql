-- Background jobs in a SQLite table (3.35+ for RETURNING). SQLite takes one writer at a
-- time, so a claim (one UPDATE) is atomic without row locks: two workers of the same
-- application never get the same job.
PRAGMA journal_mode = WAL;      -- readers keep reading while a worker claims
PRAGMA busy_timeout = 5000;     -- a writer waits for the lock instead of failing at once

CREATE TABLE jobs (
  id         INTEGER PRIMARY KEY,
  kind       TEXT    NOT NULL,
  payload    TEXT    NOT NULL CHECK (json_valid(payload)),
  state      TEXT    NOT NULL DEFAULT 'queued'
             CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  run_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  claimed_at TEXT,
  last_error TEXT
) STRICT;
-- Small however many finished jobs the table holds: only the claimable rows.
CREATE INDEX jobs_claimable ON jobs (run_at) WHERE state = 'queued';

-- Enqueue in the same transaction as the change that causes the job.
BEGIN IMMEDIATE;
INSERT INTO jobs (kind, payload) VALUES ('send-receipt', '{"order_id": 1001}');
INSERT INTO jobs (kind, payload) VALUES ('render-pdf', '{"order_id": 1001}');
COMMIT;

-- Claim the next job: one statement, so nothing can claim it in between.
UPDATE jobs
SET state = 'running', attempts = attempts + 1,
    claimed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE id = (
  SELECT id FROM jobs
  WHERE state = 'queued' AND run_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  ORDER BY run_at, id
  LIMIT 1
)
RETURNING id, kind, payload;

-- A second worker claims the next one.
UPDATE jobs
SET state = 'running', attempts = attempts + 1,
    claimed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE id = (
  SELECT id FROM jobs
  WHERE state = 'queued' AND run_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  ORDER BY run_at, id
  LIMIT 1
)
RETURNING id, kind, payload;

-- Job 1 is done; job 2 failed and goes back to the queue later, until it has failed
-- five times.
UPDATE jobs SET state = 'done' WHERE id = 1;
UPDATE jobs
SET state = CASE WHEN attempts >= 5 THEN 'failed' ELSE 'queued' END,
    run_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || (attempts * attempts * 30) || ' seconds'),
    last_error = 'PDF renderer timed out'
WHERE id = 2;
SELECT id, state, attempts FROM jobs ORDER BY id;
