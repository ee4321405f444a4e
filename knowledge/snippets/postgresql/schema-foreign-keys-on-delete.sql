-- Foreign keys with a deliberate ON DELETE rule for each relationship
CREATE TABLE customers (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE sales_reps (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE orders (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- RESTRICT: orders are business records; deleting a customer who has some is an error.
  customer_id  BIGINT NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  -- SET NULL: the order outlives the rep who took it; the link is optional.
  sales_rep_id BIGINT REFERENCES sales_reps (id) ON DELETE SET NULL
);
CREATE TABLE order_items (
  -- CASCADE: lines are part of the order and mean nothing without it.
  order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no  INT NOT NULL,
  sku      TEXT NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE customer_notes (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- No ON DELETE clause: the default is NO ACTION (not RESTRICT, and not CASCADE).
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  body        TEXT NOT NULL
);
-- Index every referencing column: each parent delete looks the children up by it.
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_sales_rep_idx ON orders (sales_rep_id);
CREATE INDEX customer_notes_customer_idx ON customer_notes (customer_id);

-- What each constraint does on delete: a = NO ACTION, r = RESTRICT, c = CASCADE, n = SET NULL.
SELECT conrelid::regclass AS child, conname, confdeltype
FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2;

INSERT INTO customers (name) VALUES ('Ada'), ('Grace');
INSERT INTO sales_reps (name) VALUES ('Linus');
INSERT INTO orders (customer_id, sales_rep_id) VALUES (1, 1);
INSERT INTO order_items VALUES (1, 1, 'BOLT-M8'), (1, 2, 'NUT-M8');
INSERT INTO customer_notes (customer_id, body) VALUES (2, 'Prefers e-mail');

-- SET NULL: the rep leaves, the order stays with no rep.
DELETE FROM sales_reps WHERE id = 1;
-- CASCADE: deleting the order deletes its lines.
DELETE FROM orders WHERE id = 1;
SELECT count(*) AS remaining_lines FROM order_items;   -- 0

DO $$
BEGIN
  -- NO ACTION refuses too, but checks at the end of the statement (or at COMMIT if the
  -- constraint is DEFERRABLE INITIALLY DEFERRED); RESTRICT checks at once and cannot be
  -- deferred. Either way the parent stays.
  DELETE FROM customers WHERE id = 2;
EXCEPTION WHEN foreign_key_violation THEN
  RAISE NOTICE 'refused: %', SQLERRM;
END $$;

-- Deferrable: swap parent rows inside one transaction, checked at COMMIT.
ALTER TABLE customer_notes DROP CONSTRAINT customer_notes_customer_id_fkey,
  ADD CONSTRAINT customer_notes_customer_id_fkey FOREIGN KEY (customer_id)
      REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE;
BEGIN;
SET CONSTRAINTS customer_notes_customer_id_fkey DEFERRED;
DELETE FROM customers WHERE id = 2;                              -- would fail now…
INSERT INTO customers (id, name) OVERRIDING SYSTEM VALUE VALUES (2, 'Grace Hopper');
COMMIT;                                                          -- …but is valid at COMMIT
SELECT c.name, n.body FROM customer_notes n JOIN customers c ON c.id = n.customer_id;
