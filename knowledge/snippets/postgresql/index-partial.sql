-- Partial indexes for rare values and for rows that are not soft-deleted
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at  TIMESTAMPTZ            -- NULL = live row (soft delete)
);

-- 1% of orders are pending, the rest are done: status has few values and one of them
-- is the one the hot query (the fulfilment worker) asks for.
INSERT INTO orders (customer_id, status, created_at, deleted_at)
SELECT g % 5000,
       CASE WHEN g % 100 = 0 THEN 'pending' WHEN g % 7 = 0 THEN 'cancelled' ELSE 'shipped' END,
       now() - (g || ' minutes')::interval,
       CASE WHEN g % 10 = 0 AND g % 100 <> 0 THEN now() END
FROM generate_series(1, 50000) AS g;

-- A full index on status would be large and mostly useless (most rows are 'shipped').
-- Index only the pending rows, ordered the way the worker reads them.
CREATE INDEX orders_pending_idx ON orders (created_at) WHERE status = 'pending';

-- Soft deletes: every query filters deleted_at IS NULL, so leave deleted rows out of the
-- index.
CREATE INDEX orders_live_customer_idx ON orders (customer_id, created_at DESC)
  WHERE deleted_at IS NULL;

ANALYZE orders;

-- The query must repeat the index's WHERE condition (or imply it) to use the index.
EXPLAIN (COSTS OFF)
SELECT id, customer_id FROM orders WHERE status = 'pending' ORDER BY created_at LIMIT 10;

EXPLAIN (COSTS OFF)
SELECT id, status FROM orders
WHERE customer_id = 42 AND deleted_at IS NULL
ORDER BY created_at DESC LIMIT 20;

-- A partial UNIQUE index enforces uniqueness among live rows only, so a soft-deleted
-- customer's email can sign up again.
CREATE TABLE customers (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT NOT NULL,
  deleted_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX customers_live_email_key ON customers (email) WHERE deleted_at IS NULL;
INSERT INTO customers (email) VALUES ('ada@example.com');
UPDATE customers SET deleted_at = now() WHERE email = 'ada@example.com';
INSERT INTO customers (email) VALUES ('ada@example.com');   -- allowed: the old row is deleted

-- Sizes: the partial index on pending rows is tiny next to orders_pkey, which has every row.
SELECT indexrelid::regclass AS index_name, pg_size_pretty(pg_relation_size(indexrelid)) AS size
FROM pg_index WHERE indrelid = 'orders'::regclass ORDER BY 1;
