-- Build, rebuild and drop indexes on live tables without blocking writes (CONCURRENTLY)
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  status      TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO orders (customer_id, status)
SELECT g % 4000, CASE WHEN g % 50 = 0 THEN 'pending' ELSE 'shipped' END
FROM generate_series(1, 50000) AS g;

-- A plain CREATE INDEX holds a SHARE lock: reads go on, but every INSERT, UPDATE and
-- DELETE on the table waits until the build ends. CONCURRENTLY scans the table twice
-- and waits for running transactions instead, so writes continue. It cannot run inside
-- a transaction block (BEGIN … COMMIT, or a migration tool's implicit transaction).
-- A short lock_timeout makes it give up instead of queueing behind a long transaction
-- (and making everyone else queue behind it).
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_created_idx
  ON orders (customer_id, created_at DESC);
RESET lock_timeout;

-- If a concurrent build fails (deadlock, duplicate key in a UNIQUE index, timeout), it
-- leaves an INVALID index that is still maintained on every write but never used.
-- Find such leftovers, drop them (DROP INDEX CONCURRENTLY) and build again.
SELECT indexrelid::regclass AS invalid_index, indrelid::regclass AS table_name
FROM pg_index WHERE NOT indisvalid;

-- A bloated index is rebuilt the same way (PostgreSQL 12+), then the old copy is dropped.
REINDEX INDEX CONCURRENTLY orders_customer_created_idx;

-- Dropping also takes a strong lock unless done CONCURRENTLY.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;

-- Progress of a long build, from another session.
SELECT pid, phase, blocks_done, blocks_total, tuples_done, tuples_total
FROM pg_stat_progress_create_index;
