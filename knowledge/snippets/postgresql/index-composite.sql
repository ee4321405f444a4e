-- Composite index in leftmost-prefix order: equality columns first, then range or sort
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  status      TEXT NOT NULL,
  total       NUMERIC(19,4) NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL
);

INSERT INTO orders (customer_id, status, total, created_at)
SELECT g % 199,
       (ARRAY['pending', 'paid', 'shipped', 'cancelled'])[1 + g % 4],
       (g % 700) + 0.25,
       timestamptz '2025-01-01' + (g || ' minutes')::interval
FROM generate_series(1, 80000) AS g;

-- The hot query: one customer's orders in one status, newest first.
-- Equality columns (customer_id, status) lead; the sort/range column comes last.
CREATE INDEX orders_customer_status_created_idx
  ON orders (customer_id, status, created_at DESC);
ANALYZE orders;

-- Uses all three columns: no Sort node, the scan stops after 20 rows.
EXPLAIN (COSTS OFF)
SELECT id, total, created_at FROM orders
WHERE customer_id = 42 AND status = 'paid'
ORDER BY created_at DESC LIMIT 20;

-- Uses the leftmost prefix (customer_id): a separate index on customer_id alone is redundant.
EXPLAIN (COSTS OFF)
SELECT count(*) FROM orders WHERE customer_id = 42;

-- Equality + range on the last column: one contiguous slice of the index.
EXPLAIN (COSTS OFF)
SELECT id FROM orders
WHERE customer_id = 42 AND status = 'shipped' AND created_at >= '2025-02-01';

-- Skips the leading column: the index cannot be used as a seek (Seq Scan here).
-- If this query is hot too, it needs its own index led by status.
EXPLAIN (COSTS OFF)
SELECT count(*) FROM orders WHERE status = 'pending';
