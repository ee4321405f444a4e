-- Reading EXPLAIN (ANALYZE, BUFFERS): what to look for, and the fix for each finding
CREATE TABLE users (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT NOT NULL UNIQUE,
  status     TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE orders (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  total      NUMERIC(19,4) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

INSERT INTO users (email, status, created_at)
SELECT 'u' || g || '@example.com', CASE WHEN g % 10 = 0 THEN 'inactive' ELSE 'active' END,
       timestamptz '2024-01-01' + (g || ' minutes')::interval
FROM generate_series(1, 20000) AS g;
INSERT INTO orders (user_id, total, created_at)
SELECT 1 + g % 20000, (g % 250) + 0.5, timestamptz '2024-06-01' + (g || ' seconds')::interval
FROM generate_series(1, 100000) AS g;
ANALYZE users;
ANALYZE orders;

-- ANALYZE runs the query for real (wrap data-changing statements in BEGIN … ROLLBACK);
-- BUFFERS shows pages read from cache (hit) and from disk (read) per node.
-- Look for:
--   * Seq Scan on a large table with a selective Filter and many "Rows Removed by Filter"
--     → an index on the filtered columns.
--   * estimated rows= far from actual rows= (10x or more) → stale or missing statistics:
--     ANALYZE the table, raise the column's statistics target, or CREATE STATISTICS for
--     correlated columns. Bad estimates cause bad join choices.
--   * Sort with "Sort Method: external merge  Disk: …" → the sort spilled past work_mem:
--     an index in ORDER BY order, a LIMIT, or more work_mem for that query.
--   * Nested Loop whose inner side runs thousands of loops → an index on the inner
--     join column, or a hash join once estimates are right.
--   * Hash Join or Hash Aggregate on huge inputs ("Batches" > 1 = spilled to disk) →
--     filter earlier, or index the join keys.
--   * shared read= much larger than shared hit= → the data is not in memory.
EXPLAIN (ANALYZE, BUFFERS)
SELECT u.id, u.email, count(o.id) AS order_count
FROM users u
LEFT JOIN orders o ON o.user_id = u.id
WHERE u.status = 'active'
GROUP BY u.id
ORDER BY u.created_at DESC
LIMIT 20;

-- Each node shows (cost=… rows=estimated …) (actual … rows=… loops=…): compare the two
-- rows= figures, and multiply actual rows by loops for the real total.

-- A filter on orders.user_id without an index: Seq Scan over 100 000 rows for 5 of them.
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, total FROM orders WHERE user_id = 4242;

-- The fix, and the same plan again: an index scan reading a handful of buffers.
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC);
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, total FROM orders WHERE user_id = 4242;

-- A sort that does not fit in work_mem spills to disk ("external merge").
SET work_mem = '64kB';
EXPLAIN (ANALYZE)
SELECT id, total FROM orders ORDER BY total DESC, id;
RESET work_mem;

-- EXPLAIN ANALYZE of a data-changing statement, without keeping its changes.
BEGIN;
EXPLAIN (ANALYZE)
UPDATE orders SET total = total * 1.1 WHERE user_id = 4242;
ROLLBACK;

-- Machine-readable plans for tools (explain.depesz.com, pev2) and for logging:
EXPLAIN (FORMAT JSON, COSTS OFF) SELECT id FROM orders WHERE user_id = 4242;
-- In production, auto_explain logs the plans of slow statements by itself:
--   shared_preload_libraries = 'auto_explain'
--   auto_explain.log_min_duration = '500ms'
--   auto_explain.log_analyze = on
