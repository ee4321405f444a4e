-- Job queue in MariaDB/MySQL: workers claim jobs with FOR UPDATE SKIP LOCKED (MariaDB 10.6+, MySQL 8.0+)
CREATE TABLE jobs (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  queue        VARCHAR(64)  NOT NULL DEFAULT 'default',
  payload      JSON         NOT NULL,
  status       VARCHAR(16)  NOT NULL DEFAULT 'queued',
  attempts     INT          NOT NULL DEFAULT 0,
  max_attempts INT          NOT NULL DEFAULT 5,
  run_at       DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  locked_by    VARCHAR(64)  NULL,
  locked_at    DATETIME(6)  NULL,
  last_error   TEXT         NULL,
  CONSTRAINT jobs_status_valid CHECK (status IN ('queued', 'running', 'done', 'failed')),
  -- No partial indexes here: lead with status so claimable rows are found fast.
  KEY jobs_claimable (status, queue, run_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Enqueue in the same transaction as the business write.
INSERT INTO jobs (queue, payload) VALUES
  ('email', '{"to": "ada@example.com", "template": "welcome"}'),
  ('email', '{"to": "grace@example.com", "template": "receipt"}'),
  ('email', '{"to": "alan@example.com", "template": "welcome"}');

-- Dequeue: lock the next claimable job, skipping rows other workers hold, mark it
-- running, commit at once. The lock lasts only for this short transaction. A SELECT
-- INTO that finds no row leaves the variable as it was, so clear it first: a worker
-- that loops in one session would otherwise claim its last job again. NULL after the
-- SELECT means the queue is empty: sleep, then ask again.
START TRANSACTION;
SET @job_id = NULL;
SELECT id INTO @job_id
FROM jobs
WHERE status = 'queued' AND queue = 'email' AND run_at <= NOW(6)
ORDER BY run_at, id
LIMIT 1
FOR UPDATE SKIP LOCKED;
UPDATE jobs
SET status = 'running', locked_by = 'worker-1', locked_at = NOW(6), attempts = attempts + 1
WHERE id = @job_id AND status = 'queued';
COMMIT;
SELECT id, payload FROM jobs WHERE id = @job_id;

-- Success.
UPDATE jobs SET status = 'done', locked_by = NULL WHERE id = @job_id;

-- Failure of another job: retry with exponential backoff, or give up.
UPDATE jobs
SET status = IF(attempts >= max_attempts, 'failed', 'queued'),
    run_at = NOW(6) + INTERVAL POW(2, attempts) SECOND,
    last_error = 'SMTP timeout', locked_by = NULL
WHERE id = 2;

-- Reaper: jobs held by a dead worker go back to the queue.
UPDATE jobs SET status = 'queued', locked_by = NULL
WHERE status = 'running' AND locked_at < NOW(6) - INTERVAL 15 MINUTE;

SELECT status, COUNT(*) AS jobs FROM jobs GROUP BY status ORDER BY status;
