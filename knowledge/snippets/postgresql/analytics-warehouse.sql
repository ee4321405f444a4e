-- Feeding a warehouse: incremental extracts by updated_at watermark, never full-table scans of the primary
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT        NOT NULL,
  total       NUMERIC(19,4) NOT NULL,
  status      TEXT          NOT NULL,
  updated_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
  deleted_at  TIMESTAMPTZ                       -- soft delete, so the extract sees deletions too
);
-- The extract reads by updated_at; without this index every run scans the table.
CREATE INDEX orders_updated_at ON orders (updated_at, id);

-- Where each extract stopped.
CREATE TABLE etl_watermarks (
  source       TEXT PRIMARY KEY,
  extracted_to TIMESTAMPTZ NOT NULL,
  run_upto     TIMESTAMPTZ            -- cut-off of the run in progress
);
INSERT INTO etl_watermarks (source, extracted_to) VALUES ('orders', '-infinity');

INSERT INTO orders (customer_id, total, status, updated_at)
SELECT g % 20, g * 3.25, 'paid', now() - (g || ' minutes')::interval
FROM generate_series(1, 300) AS g;

-- One run: fix its cut-off slightly in the past, then read everything changed since the last
-- watermark. Transactions still open may commit rows with an earlier updated_at, so each run
-- re-reads a 5-minute overlap; the warehouse load upserts by id, so repeats are harmless.
UPDATE etl_watermarks SET run_upto = now() - interval '1 minute' WHERE source = 'orders';

SELECT o.id, o.customer_id, o.total, o.status, o.updated_at, o.deleted_at
FROM orders o
JOIN etl_watermarks w ON w.source = 'orders'
WHERE o.updated_at > w.extracted_to - interval '5 minutes' AND o.updated_at <= w.run_upto
ORDER BY o.updated_at, o.id
LIMIT 5;

-- After the warehouse confirmed the load: advance the watermark to the run's cut-off.
UPDATE etl_watermarks SET extracted_to = run_upto, run_upto = NULL WHERE source = 'orders';

-- Run extracts against a read replica, or replace them with change data capture
-- (logical replication to Debezium/Kafka, or the warehouse's own PostgreSQL connector).
SELECT source, extracted_to < now() AS watermark_set FROM etl_watermarks;
