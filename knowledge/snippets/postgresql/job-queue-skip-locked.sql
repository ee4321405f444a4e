-- Job queue in PostgreSQL: workers claim jobs with FOR UPDATE SKIP LOCKED
CREATE TABLE jobs (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue        TEXT        NOT NULL DEFAULT 'default',
  payload      JSONB       NOT NULL,
  status       TEXT        NOT NULL DEFAULT 'queued'
               CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts     INT         NOT NULL DEFAULT 0,
  max_attempts INT         NOT NULL DEFAULT 5,
  run_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  locked_by    TEXT,
  locked_at    TIMESTAMPTZ,
  last_error   TEXT,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Partial index: only claimable rows are indexed, so it stays small however many
-- finished jobs the table keeps.
CREATE INDEX jobs_claimable ON jobs (queue, run_at, id) WHERE status = 'queued';

-- Enqueue in the same transaction as the business write: both commit or neither does.
INSERT INTO jobs (queue, payload) VALUES
  ('email', '{"to": "ada@example.com", "template": "welcome"}'),
  ('email', '{"to": "grace@example.com", "template": "receipt"}'),
  ('email', '{"to": "alan@example.com", "template": "welcome"}');

-- Dequeue: claim up to 2 jobs. Rows another worker has locked are skipped instead of
-- waited for, so workers never block each other and never claim the same job.
WITH next AS (
  SELECT id FROM jobs
  WHERE queue = 'email' AND status = 'queued' AND run_at <= now()
  ORDER BY run_at, id
  LIMIT 2
  FOR UPDATE SKIP LOCKED
)
UPDATE jobs j
SET status = 'running', locked_by = 'worker-1', locked_at = now(), attempts = attempts + 1
FROM next
WHERE j.id = next.id
RETURNING j.id, j.payload;

-- Success: mark done (or delete the row, or move it to a history table).
UPDATE jobs SET status = 'done', locked_by = NULL WHERE id = 1;

-- Failure: retry later with exponential backoff, or give up after max_attempts.
UPDATE jobs
SET status     = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
    run_at     = now() + interval '1 second' * power(2, attempts),
    last_error = 'SMTP timeout',
    locked_by  = NULL
WHERE id = 2;

-- Reaper: jobs held by a worker that died go back to the queue after a timeout.
UPDATE jobs
SET status = 'queued', locked_by = NULL
WHERE status = 'running' AND locked_at < now() - interval '15 minutes';

-- Wake idle workers without polling: NOTIFY is delivered when the transaction commits.
NOTIFY jobs_email;

SELECT status, count(*) FROM jobs GROUP BY status ORDER BY status;
