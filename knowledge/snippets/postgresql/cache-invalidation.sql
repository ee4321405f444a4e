-- Event-driven cache invalidation: the database announces changed rows after commit (NOTIFY + outbox)
CREATE TABLE products (
  id         BIGINT PRIMARY KEY,
  name       TEXT          NOT NULL,
  price      NUMERIC(19,4) NOT NULL,
  updated_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- Outbox: a durable list of cache keys to delete, written in the same transaction as the
-- change. A worker deletes the keys in Redis and marks the rows done, so an invalidation
-- is never lost even if the worker or Redis was down when the write happened.
CREATE TABLE cache_invalidations (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cache_key    TEXT        NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  processed_at TIMESTAMPTZ
);
CREATE INDEX cache_invalidations_pending ON cache_invalidations (id) WHERE processed_at IS NULL;

CREATE FUNCTION products_invalidate_cache() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key text := 'app:product:' || coalesce(NEW.id, OLD.id);
BEGIN
  INSERT INTO cache_invalidations (cache_key) VALUES (key);
  -- NOTIFY is delivered only when the transaction commits (never for a rollback), so
  -- listeners cannot delete the key before the new value is visible.
  PERFORM pg_notify('cache_invalidation', key);
  RETURN NULL;
END $$;

CREATE TRIGGER products_invalidate_cache
  AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION products_invalidate_cache();

-- A listener process runs: LISTEN cache_invalidation; and on each message: UNLINK <key>.
LISTEN cache_invalidation;

INSERT INTO products (id, name, price) VALUES (42, 'Desk lamp', 39.9000), (43, 'Chair', 89.0000);
UPDATE products SET price = 34.9000, updated_at = now() WHERE id = 42;
DELETE FROM products WHERE id = 43;

-- The outbox worker: claim pending keys (SKIP LOCKED lets several workers share the work),
-- delete them in Redis, then mark them processed.
WITH batch AS (
  SELECT id FROM cache_invalidations
  WHERE processed_at IS NULL
  ORDER BY id
  LIMIT 100
  FOR UPDATE SKIP LOCKED
)
UPDATE cache_invalidations c SET processed_at = now()
FROM batch WHERE c.id = batch.id
RETURNING c.cache_key;

UNLISTEN cache_invalidation;
