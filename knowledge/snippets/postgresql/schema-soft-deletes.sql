-- Soft deletes with deleted_at: partial unique index, partial indexes and a view of live rows
CREATE TABLE customers (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT NOT NULL,
  name       TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at TIMESTAMPTZ                -- NULL = live; set = deleted at that instant
);
-- A plain UNIQUE (email) would stop a deleted customer from signing up again; only
-- live rows must be unique.
CREATE UNIQUE INDEX customers_email_live_key ON customers (lower(email)) WHERE deleted_at IS NULL;
-- Hot queries read live rows only: index just those.
CREATE INDEX customers_created_live_idx ON customers (created_at DESC) WHERE deleted_at IS NULL;

-- Queries go through the view, so no one forgets the filter.
CREATE VIEW live_customers AS
SELECT id, email, name, created_at FROM customers WHERE deleted_at IS NULL;

CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Foreign keys do not know about soft deletes: orders still point at a deleted
  -- customer, which is usually what history needs.
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  total       NUMERIC(19,4) NOT NULL
);
CREATE INDEX orders_customer_idx ON orders (customer_id);

INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada'), ('grace@example.com', 'Grace');
INSERT INTO orders (customer_id, total) VALUES (1, 57.00);

-- "Delete": one UPDATE, reversible.
UPDATE customers SET deleted_at = now() WHERE id = 1 AND deleted_at IS NULL;
SELECT id, email FROM live_customers ORDER BY id;            -- Grace only

-- The same e-mail can register again, because the old row is not live.
INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada (new account)');

-- Restore = clear the marker (it fails if a live row now holds the e-mail, as it should).
DO $$
BEGIN
  UPDATE customers SET deleted_at = NULL WHERE id = 1;
EXCEPTION WHEN unique_violation THEN RAISE NOTICE 'cannot restore: %', SQLERRM;
END $$;

-- Old orders still join to their (deleted) customer.
SELECT o.id, c.email, c.deleted_at IS NOT NULL AS customer_deleted
FROM orders o JOIN customers c ON c.id = o.customer_id;

-- Erasure requests (GDPR) and retention still need a real DELETE or anonymisation later.
UPDATE customers SET email = 'erased-' || id || '@invalid', name = 'erased'
WHERE deleted_at < now() - interval '30 days';
