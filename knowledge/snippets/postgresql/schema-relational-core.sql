-- A normalised relational core: customers, products, orders and order lines
-- Each fact lives in one table; keys, foreign keys, NOT NULL and CHECK make the database
-- reject bad data whatever code path writes it.

CREATE TABLE customers (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- compact, ordered, never reused
  email      TEXT NOT NULL,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'active'
             CHECK (status IN ('active', 'suspended', 'closed')),      -- readable, validated
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),                       -- an instant, stored as UTC
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Case-insensitive uniqueness: 'Ada@Example.com' and 'ada@example.com' are one customer.
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));

CREATE TABLE products (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku        TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  price      NUMERIC(19,4) NOT NULL CHECK (price >= 0),              -- exact, never FLOAT
  attributes JSONB NOT NULL DEFAULT '{}'                             -- only the attributes that vary
);

CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- RESTRICT: a customer with orders cannot be deleted by accident (close them instead).
  customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  status      TEXT NOT NULL DEFAULT 'pending'
              CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  currency    CHAR(3) NOT NULL DEFAULT 'EUR',
  placed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- PostgreSQL does not index foreign keys by itself; joins and deletes need it.
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at DESC);

CREATE TABLE order_items (
  -- CASCADE: lines are part of the order and die with it.
  order_id   BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no    INT    NOT NULL CHECK (line_no > 0),
  product_id BIGINT NOT NULL REFERENCES products (id),
  quantity   INT    NOT NULL CHECK (quantity > 0),
  unit_price NUMERIC(19,4) NOT NULL CHECK (unit_price >= 0),  -- the price paid, frozen at order time
  PRIMARY KEY (order_id, line_no)                              -- also indexes order_id
);
CREATE INDEX order_items_product_idx ON order_items (product_id);

INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada'), ('grace@example.com', 'Grace');
INSERT INTO products (sku, name, price, attributes) VALUES
  ('BOLT-M8', 'Hex bolt M8', 0.4500, '{"material": "steel"}'),
  ('NUT-M8',  'Hex nut M8',  0.1200, '{"material": "steel"}');

BEGIN;
INSERT INTO orders (customer_id) VALUES (1);
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT currval(pg_get_serial_sequence('orders', 'id')), 1, id, 100, price FROM products WHERE sku = 'BOLT-M8';
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT currval(pg_get_serial_sequence('orders', 'id')), 2, id, 100, price FROM products WHERE sku = 'NUT-M8';
COMMIT;

-- Any new question is a join away: order totals per customer.
SELECT c.name, o.id AS order_id, sum(i.quantity * i.unit_price) AS total
FROM customers c
JOIN orders o       ON o.customer_id = c.id
JOIN order_items i  ON i.order_id = o.id
GROUP BY c.name, o.id
ORDER BY o.id;
