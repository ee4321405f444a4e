-- Feed a search index from PostgreSQL with a transactional outbox (or CDC from the WAL)
CREATE TABLE products (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  price       NUMERIC(19,4) NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The outbox: one row per change, written by the same transaction as the change, so
-- the search index can never miss a committed write (nor see a rolled-back one).
CREATE TABLE search_outbox (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity      TEXT NOT NULL,
  entity_id   BIGINT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION products_to_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO search_outbox (entity, entity_id, op) VALUES ('product', OLD.id, 'delete');
    RETURN OLD;
  END IF;
  INSERT INTO search_outbox (entity, entity_id, op) VALUES ('product', NEW.id, 'upsert');
  RETURN NEW;
END $$;

CREATE TRIGGER products_outbox
  AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION products_to_outbox();

INSERT INTO products (sku, name, description, price) VALUES
  ('SKU-1', 'Cordless drill', 'Two batteries, keyless chuck.', 89.00),
  ('SKU-2', 'Claw hammer', 'Fibreglass handle.', 19.90);
UPDATE products SET price = 84.00, updated_at = now() WHERE sku = 'SKU-1';
DELETE FROM products WHERE sku = 'SKU-2';

-- The indexer: take a batch out of the outbox (SKIP LOCKED: workers never block each
-- other), keep the newest change per row, and read the current row for each upsert.
-- The application sends them as one bulk request and COMMITs only when it succeeded;
-- on failure it rolls back and the changes are still in the outbox.
BEGIN;
WITH batch AS (
  DELETE FROM search_outbox
  WHERE id IN (SELECT id FROM search_outbox ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED)
  RETURNING id, entity_id, op
), latest AS (
  SELECT DISTINCT ON (entity_id) entity_id, op FROM batch ORDER BY entity_id, id DESC
)
SELECT l.entity_id,
       CASE WHEN l.op = 'delete' OR p.id IS NULL THEN 'delete' ELSE 'index' END AS action,
       to_jsonb(p) - 'id' AS document    -- the document body; its _id is entity_id
FROM latest l LEFT JOIN products p ON p.id = l.entity_id
ORDER BY l.entity_id;
COMMIT;

-- Change data capture instead of an outbox: a connector (Debezium, or a logical
-- replication client) reads committed changes from the WAL, with no trigger and no
-- extra writes. It needs wal_level = logical and a publication:
--   CREATE PUBLICATION search_feed FOR TABLE products;
-- and a replication slot that must be monitored: an abandoned slot keeps WAL forever.
SELECT slot_name, active,
       pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) AS retained_wal
FROM pg_replication_slots;

SELECT count(*) AS pending_changes FROM search_outbox;
