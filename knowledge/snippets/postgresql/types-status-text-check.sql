-- Status columns: readable TEXT with a CHECK, not magic integers
CREATE TABLE orders (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- 'shipped' reads the same in SQL, logs and dashboards; 3 needs a decoder ring.
  status     TEXT NOT NULL DEFAULT 'pending'
             CONSTRAINT orders_status_check
             CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  placed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO orders (status) VALUES ('pending'), ('paid'), ('shipped');

DO $$
BEGIN
  INSERT INTO orders (status) VALUES ('shiped');            -- a typo the database catches
EXCEPTION WHEN check_violation THEN RAISE NOTICE 'refused: %', SQLERRM;
END $$;

-- Adding a value is a constraint swap. NOT VALID + VALIDATE avoids holding a long
-- exclusive lock while old rows are checked on a big table.
BEGIN;
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')) NOT VALID;
COMMIT;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;
UPDATE orders SET status = 'delivered' WHERE status = 'shipped';

-- Queue-like access to one rare status: a partial index stays tiny.
CREATE INDEX orders_pending_idx ON orders (placed_at) WHERE status = 'pending';

-- The alternative, an ENUM type: compact (4 bytes) and ordered by declaration, but a
-- value can only be added or renamed; removing one means rebuilding the type.
CREATE TYPE shipment_state AS ENUM ('label_created', 'in_transit', 'delivered');
CREATE TABLE shipments (
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders (id),
  state    shipment_state NOT NULL DEFAULT 'label_created'
);
ALTER TYPE shipment_state ADD VALUE 'returned';

-- When statuses carry data of their own (label, is_final, sort order), use a lookup
-- table and a foreign key instead.
CREATE TABLE ticket_statuses (
  code     TEXT PRIMARY KEY,
  label    TEXT NOT NULL,
  is_final BOOLEAN NOT NULL
);
INSERT INTO ticket_statuses VALUES ('open', 'Open', false), ('closed', 'Closed', true);
CREATE TABLE tickets (
  id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'open' REFERENCES ticket_statuses (code)
);
INSERT INTO tickets DEFAULT VALUES;

SELECT status, count(*) FROM orders GROUP BY status ORDER BY status;
