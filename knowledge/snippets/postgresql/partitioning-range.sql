-- Declarative range partitioning by time, with a default partition and retention by DROP
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY,
  customer_id BIGINT        NOT NULL,
  total       NUMERIC(19,4) NOT NULL CHECK (total >= 0),
  status      TEXT          NOT NULL DEFAULT 'placed',
  created_at  TIMESTAMPTZ   NOT NULL,
  -- A primary key (or any unique constraint) on a partitioned table must include the
  -- partition key: uniqueness is only enforced inside each partition.
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

-- One partition per quarter; the upper bound is exclusive.
CREATE TABLE orders_2025_q1 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2025-04-01');
CREATE TABLE orders_2025_q2 PARTITION OF orders FOR VALUES FROM ('2025-04-01') TO ('2025-07-01');
CREATE TABLE orders_2025_q3 PARTITION OF orders FOR VALUES FROM ('2025-07-01') TO ('2025-10-01');

-- The default partition catches rows no partition covers, so an insert never fails
-- because a partition was not created in time. Keep it empty: alert when it is not.
CREATE TABLE orders_default PARTITION OF orders DEFAULT;

-- Indexes created on the parent are created on every partition, present and future.
CREATE INDEX orders_customer_created ON orders (customer_id, created_at DESC);

INSERT INTO orders (customer_id, total, created_at) VALUES
  (1, 19.9000, '2025-02-14 10:00+00'),
  (2, 250.0000, '2025-05-03 16:30+00'),
  (1, 42.5000, '2025-08-21 09:15+00'),
  (3, 12.0000, '2025-11-02 12:00+00');   -- no Q4 partition yet: lands in the default

SELECT tableoid::regclass AS partition, count(*) FROM orders GROUP BY 1 ORDER BY 1;

-- Partition pruning: a filter on the partition key reads only the matching partitions.
EXPLAIN (COSTS OFF)
SELECT * FROM orders WHERE created_at >= '2025-05-01' AND created_at < '2025-06-01';

-- Creating the Q4 partition would fail while the default holds Q4 rows, so move them:
-- detach the default, create the partition, re-insert, re-attach (one transaction).
BEGIN;
ALTER TABLE orders DETACH PARTITION orders_default;
CREATE TABLE orders_2025_q4 PARTITION OF orders FOR VALUES FROM ('2025-10-01') TO ('2026-01-01');
WITH moved AS (
  DELETE FROM orders_default WHERE created_at >= '2025-10-01' AND created_at < '2026-01-01'
  RETURNING *
)
INSERT INTO orders OVERRIDING SYSTEM VALUE SELECT * FROM moved;
ALTER TABLE orders ATTACH PARTITION orders_default DEFAULT;
COMMIT;

-- Create partitions ahead of time (run from a scheduled job): next quarter, if missing.
DO $$
DECLARE
  q_start date := date_trunc('quarter', DATE '2025-12-15') + interval '3 months';
  q_name  text := format('orders_%s_q%s', extract(year FROM q_start), extract(quarter FROM q_start));
BEGIN
  IF to_regclass(q_name) IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF orders FOR VALUES FROM (%L) TO (%L)',
                   q_name, q_start, q_start + interval '3 months');
  END IF;
END $$;

-- Retention: detach the oldest partition (keep it as a plain table to archive), or drop it.
-- Either is a catalog change, not a DELETE of millions of rows followed by VACUUM.
ALTER TABLE orders DETACH PARTITION orders_2025_q1;
DROP TABLE orders_2025_q1;

SELECT c.relname AS partition, pg_get_expr(c.relpartbound, c.oid) AS bounds
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'orders'::regclass
ORDER BY c.relname;
