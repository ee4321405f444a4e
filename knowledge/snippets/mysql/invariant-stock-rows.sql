-- Stock sold in bursts in MariaDB/MySQL: a row per unit, claimed with FOR UPDATE SKIP
-- LOCKED (MariaDB 10.6+, MySQL 8.0+), so that the buyers of one item do not queue on one
-- count's row lock
CREATE TABLE stock_unit (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku        VARCHAR(64) NOT NULL,
  state      VARCHAR(8)  NOT NULL DEFAULT 'free',
  checkout   VARCHAR(64) NULL,              -- the checkout that holds or bought the unit
  held_until DATETIME(6) NULL,
  CONSTRAINT stock_unit_state_valid CHECK (state IN ('free', 'held', 'sold')),
  CONSTRAINT stock_unit_free_has_no_checkout CHECK ((state = 'free') = (checkout IS NULL)),
  -- No partial indexes here: lead with the item and the state, so free units are found fast.
  KEY stock_unit_claimable (sku, state, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO stock_unit (sku) VALUES
  ('TEE-BLACK-M'), ('TEE-BLACK-M'), ('TEE-BLACK-M'), ('TEE-BLACK-M'), ('TEE-BLACK-M');

-- Hold 2 units while the buyer pays: a concurrent claim skips the rows this one locks
-- and takes others, so nobody waits and no unit is held twice. The application reads the
-- ids it got (fewer than 2: roll back, not enough is left) and holds them.
START TRANSACTION;
SELECT id FROM stock_unit
WHERE sku = 'TEE-BLACK-M' AND state = 'free'
ORDER BY id
LIMIT 2
FOR UPDATE SKIP LOCKED;
UPDATE stock_unit
SET state = 'held', checkout = 'chk_1', held_until = NOW(6) + INTERVAL 10 MINUTE
WHERE id IN (1, 2);
COMMIT;

-- Paid: the held units are sold, in the transaction that records the order.
UPDATE stock_unit SET state = 'sold', held_until = NULL
WHERE checkout = 'chk_1' AND state = 'held';

-- A job returns the units of expired holds.
UPDATE stock_unit SET state = 'free', checkout = NULL, held_until = NULL
WHERE state = 'held' AND held_until < NOW(6);

-- What the shop shows: a count to display, never the check that decides.
SELECT COUNT(*) AS available FROM stock_unit WHERE sku = 'TEE-BLACK-M' AND state = 'free';
