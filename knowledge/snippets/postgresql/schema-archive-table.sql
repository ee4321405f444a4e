-- Archive table: move cold rows out of the hot table in short batches, each one atomic
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT        NOT NULL,
  total       NUMERIC(19,4) NOT NULL,
  created_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE TABLE order_items (
  order_id BIGINT        NOT NULL REFERENCES orders (id),  -- not CASCADE: a cascade would delete items without archiving them
  sku      TEXT          NOT NULL,
  qty      INT           NOT NULL CHECK (qty > 0),
  price    NUMERIC(19,4) NOT NULL,
  PRIMARY KEY (order_id, sku)
);
CREATE INDEX orders_created_at ON orders (created_at);

-- Same columns, constraints and indexes, but ids are copied, not generated; archived_at
-- is an extra last column filled by its default.
CREATE TABLE orders_archive (LIKE orders INCLUDING ALL EXCLUDING IDENTITY);
ALTER TABLE orders_archive ADD COLUMN archived_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE TABLE order_items_archive (LIKE order_items INCLUDING ALL);

INSERT INTO orders (customer_id, total, created_at)
SELECT (g % 50) + 1, (g % 200) + 9.99, now() - (g || ' days')::interval
FROM generate_series(1, 800) AS g;
INSERT INTO order_items (order_id, sku, qty, price)
SELECT id, 'SKU-' || (id % 7), 1 + (id % 3), total FROM orders;

-- One statement moves one batch: DELETE … RETURNING feeds the INSERT, so a row is either
-- still hot or already archived, never lost or in both. Children move with their parents.
WITH batch AS (
  SELECT id FROM orders
  WHERE created_at < now() - interval '1 year'
  ORDER BY id
  LIMIT 100
  FOR UPDATE SKIP LOCKED
),
moved_items AS (
  DELETE FROM order_items i USING batch b WHERE i.order_id = b.id
  RETURNING i.*
),
archived_items AS (
  INSERT INTO order_items_archive SELECT * FROM moved_items
),
moved AS (
  DELETE FROM orders o USING batch b WHERE o.id = b.id
  RETURNING o.*
)
INSERT INTO orders_archive SELECT * FROM moved;

-- The same as a procedure that commits after every batch, so locks are held briefly
-- and replicas and VACUUM keep up. Run it from a nightly job.
CREATE PROCEDURE archive_orders(older_than interval, batch_size int DEFAULT 1000)
LANGUAGE plpgsql AS $$
DECLARE
  n int;
BEGIN
  LOOP
    WITH batch AS (
      SELECT id FROM orders
      WHERE created_at < now() - older_than
      ORDER BY id
      LIMIT batch_size
      FOR UPDATE SKIP LOCKED
    ),
    moved_items AS (
      DELETE FROM order_items i USING batch b WHERE i.order_id = b.id RETURNING i.*
    ),
    archived_items AS (
      INSERT INTO order_items_archive SELECT * FROM moved_items
    ),
    moved AS (
      DELETE FROM orders o USING batch b WHERE o.id = b.id RETURNING o.*
    )
    INSERT INTO orders_archive SELECT * FROM moved;
    GET DIAGNOSTICS n = ROW_COUNT;
    COMMIT;
    EXIT WHEN n < batch_size;
  END LOOP;
END $$;

CALL archive_orders(interval '1 year', 100);

SELECT (SELECT count(*) FROM orders)              AS hot_orders,
       (SELECT count(*) FROM orders_archive)      AS archived_orders,
       (SELECT count(*) FROM order_items_archive) AS archived_items,
       (SELECT max(created_at) < now() - interval '1 year' FROM orders_archive) AS only_cold_archived;

-- Reads that need history query both tables.
CREATE VIEW orders_all AS
  SELECT id, customer_id, total, created_at FROM orders
  UNION ALL
  SELECT id, customer_id, total, created_at FROM orders_archive;
SELECT count(*) AS all_orders FROM orders_all;
