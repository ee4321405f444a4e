-- B-tree index for range filters and ORDER BY … LIMIT (top-N without a sort)
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  total       NUMERIC(19,4) NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL
);

INSERT INTO orders (customer_id, total, created_at)
SELECT g % 3000, (g % 900) + 0.5, timestamptz '2025-01-01' + (g || ' minutes')::interval
FROM generate_series(1, 60000) AS g;

-- One B-tree serves =, <, <=, >, >=, BETWEEN and ORDER BY on the column. DESC matches
-- the "newest first" reads; a B-tree can also be read backwards, so for a single column
-- the direction only matters when it is combined with other columns.
CREATE INDEX orders_created_at_idx ON orders (created_at DESC);
ANALYZE orders;

-- Range: a half-open window [start, end) is exact and uses the index.
EXPLAIN (COSTS OFF)
SELECT count(*) FROM orders
WHERE created_at >= '2025-01-10' AND created_at < '2025-01-11';

-- Top-N: the index is already in ORDER BY order, so the scan stops after 20 rows;
-- the plan has no Sort node.
EXPLAIN (COSTS OFF)
SELECT id, total, created_at FROM orders ORDER BY created_at DESC LIMIT 20;

-- Wrapping the column in a function hides it from the index (this is a Seq Scan):
-- write the condition as a range on the bare column, as above.
EXPLAIN (COSTS OFF)
SELECT count(*) FROM orders WHERE date_trunc('day', created_at AT TIME ZONE 'UTC') = '2025-01-10';
