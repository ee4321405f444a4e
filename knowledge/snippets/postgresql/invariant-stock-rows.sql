-- Stock sold in bursts: a row per unit, claimed with FOR UPDATE SKIP LOCKED, so that the
-- buyers of one item do not queue on one count's row lock
CREATE TABLE stock_unit (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku        TEXT NOT NULL,
  state      TEXT NOT NULL DEFAULT 'free' CHECK (state IN ('free', 'held', 'sold')),
  checkout   TEXT,                          -- the checkout that holds or bought the unit
  held_until TIMESTAMPTZ,
  CHECK ((state = 'free') = (checkout IS NULL))
);
-- An item's free units, found without reading its held and sold ones.
CREATE INDEX stock_unit_free_idx ON stock_unit (sku, id) WHERE state = 'free';

INSERT INTO stock_unit (sku) SELECT 'TEE-BLACK-M' FROM generate_series(1, 5);

-- Hold 2 units while the buyer pays: a concurrent claim skips the rows this one locks
-- and takes others, so nobody waits and no unit is held twice. Fewer than 2 rows back:
-- roll back, not enough is left.
BEGIN;
UPDATE stock_unit
SET state = 'held', checkout = 'chk_1', held_until = now() + interval '10 minutes'
WHERE id IN (
  SELECT id FROM stock_unit
  WHERE sku = 'TEE-BLACK-M' AND state = 'free'
  ORDER BY id
  LIMIT 2
  FOR UPDATE SKIP LOCKED
)
RETURNING id;
COMMIT;

-- Paid: the held units are sold, in the transaction that records the order.
UPDATE stock_unit SET state = 'sold', held_until = NULL
WHERE checkout = 'chk_1' AND state = 'held';

-- A job returns the units of expired holds.
UPDATE stock_unit SET state = 'free', checkout = NULL, held_until = NULL
WHERE state = 'held' AND held_until < now();

-- What the shop shows: a count to display, never the check that decides.
SELECT count(*) AS available FROM stock_unit WHERE sku = 'TEE-BLACK-M' AND state = 'free';
