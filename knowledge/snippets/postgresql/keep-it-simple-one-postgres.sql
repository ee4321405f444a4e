-- One PostgreSQL for data, key-value lookups, jobs and search before adding more stores
-- Each table below replaces a system you would otherwise run, back up and keep in sync.

-- Source-of-truth data.
CREATE TABLE articles (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title     TEXT NOT NULL,
  body      TEXT NOT NULL,
  -- Keyword search without Elasticsearch: a generated tsvector with a GIN index.
  search    TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED
);
CREATE INDEX articles_search_idx ON articles USING GIN (search);

-- Key-value with expiry, instead of Redis at modest load: a primary-key probe per read.
-- UNLOGGED skips the WAL (faster writes) and is emptied after a crash: cache data only.
CREATE UNLOGGED TABLE kv_cache (
  key        TEXT PRIMARY KEY,
  value      JSONB NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

-- Background jobs, enqueued in the same transaction as the data that causes them.
CREATE TABLE jobs (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind       TEXT NOT NULL,
  payload    JSONB NOT NULL,
  run_after  TIMESTAMPTZ NOT NULL DEFAULT now(),
  done_at    TIMESTAMPTZ
);
CREATE INDEX jobs_pending_idx ON jobs (run_after) WHERE done_at IS NULL;

BEGIN;
INSERT INTO articles (title, body) VALUES
  ('Choosing keys', 'Identity columns versus UUIDs for primary keys'),
  ('Money types', 'Store prices as numeric, never as floating point');
-- The job exists if and only if the article does: no lost or phantom jobs.
INSERT INTO jobs (kind, payload) VALUES ('notify-subscribers', '{"article_id": 1}');
COMMIT;

-- Upsert into the key-value table; readers ignore expired rows, a job deletes them.
INSERT INTO kv_cache (key, value, expires_at)
VALUES ('homepage:top', '[1, 2]', now() + interval '5 minutes')
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at;
SELECT value FROM kv_cache WHERE key = 'homepage:top' AND expires_at > now();

-- A worker claims a job; SKIP LOCKED lets other workers take the next one.
BEGIN;
SELECT id, kind, payload FROM jobs
WHERE done_at IS NULL AND run_after <= now()
ORDER BY run_after
LIMIT 1
FOR UPDATE SKIP LOCKED;
UPDATE jobs SET done_at = now() WHERE id = 1;
COMMIT;

-- Search, ranked, consistent with the data at every commit.
SELECT id, title, ts_rank(search, q) AS rank
FROM articles, websearch_to_tsquery('english', 'primary keys') AS q
WHERE search @@ q
ORDER BY rank DESC;
