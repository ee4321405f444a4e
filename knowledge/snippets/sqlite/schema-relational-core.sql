-- A relational core in SQLite: foreign keys on, STRICT tables, WAL for concurrent readers
-- Foreign keys are off by default, per connection: every connection must turn them on.
PRAGMA foreign_keys = ON;
-- WAL lets readers run while one writer writes (a no-op for :memory: databases).
PRAGMA journal_mode = WAL;

-- STRICT (SQLite 3.37+) makes column types binding: 'abc' in an INTEGER column is an
-- error instead of being stored as text.
CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,                    -- the rowid: auto-assigned, no extra index
  email      TEXT NOT NULL COLLATE NOCASE UNIQUE,    -- case-insensitive uniqueness (ASCII)
  name       TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))   -- ISO-8601 UTC
) STRICT;

CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0)   -- no DECIMAL type: integer cents
) STRICT;

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  placed_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at);

CREATE TABLE order_items (
  order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no          INTEGER NOT NULL CHECK (line_no > 0),
  product_id       INTEGER NOT NULL REFERENCES products (id),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, line_no)
) STRICT;
CREATE INDEX order_items_product_idx ON order_items (product_id);

INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada'), ('grace@example.com', 'Grace');
INSERT INTO products (sku, name, price_cents) VALUES ('BOLT-M8', 'Hex bolt M8', 45), ('NUT-M8', 'Hex nut M8', 12);

BEGIN IMMEDIATE;    -- take the write lock at once: avoids a busy error half-way through
INSERT INTO orders (customer_id) VALUES (1);
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_cents)
SELECT last_insert_rowid(), 1, id, 100, price_cents FROM products WHERE sku = 'BOLT-M8';
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_cents)
SELECT (SELECT max(id) FROM orders), 2, id, 100, price_cents FROM products WHERE sku = 'NUT-M8';
COMMIT;

SELECT c.name, o.id AS order_id,
       printf('%.2f', sum(i.quantity * i.unit_price_cents) / 100.0) AS total
FROM customers c
JOIN orders o      ON o.customer_id = c.id
JOIN order_items i ON i.order_id = o.id
GROUP BY c.name, o.id;

-- The foreign key is enforced because of the PRAGMA above.
SELECT count(*) AS fk_problems FROM pragma_foreign_key_check;
