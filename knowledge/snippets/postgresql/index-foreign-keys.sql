-- Index foreign key columns: PostgreSQL does not do it for you
CREATE TABLE customers (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- indexed by the PRIMARY KEY
  name TEXT NOT NULL
);

CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- REFERENCES creates a constraint, not an index (MySQL's InnoDB would add one).
  customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  total       NUMERIC(19,4) NOT NULL
);

CREATE TABLE order_items (
  order_id   BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no    INT    NOT NULL,
  product_id BIGINT NOT NULL,
  quantity   INT    NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, line_no)   -- leads with order_id, so it already covers that FK
);

INSERT INTO customers (name) SELECT 'Customer ' || g FROM generate_series(1, 5000) AS g;
INSERT INTO orders (customer_id, total)
SELECT 1 + g % 5000, (g % 300) + 0.99 FROM generate_series(1, 50000) AS g;
INSERT INTO order_items (order_id, line_no, product_id, quantity)
SELECT o.id, l, (o.id * l) % 900, 1 + l FROM orders o, generate_series(1, 2) AS l;
ANALYZE customers;
ANALYZE orders;
ANALYZE order_items;

-- Find foreign keys whose columns are not the leading columns of any index. Without one,
-- every join from the parent and every DELETE/UPDATE of a parent key scans the child
-- table (ON DELETE CASCADE included), holding locks all the while.
SELECT c.conrelid::regclass AS child_table,
       c.conname            AS foreign_key,
       (SELECT string_agg(a.attname, ', ' ORDER BY k.n)
          FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns
FROM pg_constraint c
WHERE c.contype = 'f'
  AND NOT EXISTS (
    SELECT 1 FROM pg_index i
    WHERE i.indrelid = c.conrelid
      AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
  )
ORDER BY 1, 2;

-- Before: a customer's orders are found by scanning all of orders.
EXPLAIN (COSTS OFF) SELECT id, total FROM orders WHERE customer_id = 42;

-- The fix (CONCURRENTLY on a live table: it does not block writes).
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);

-- After: an index scan, and deleting a customer no longer scans orders.
EXPLAIN (COSTS OFF) SELECT id, total FROM orders WHERE customer_id = 42;
DELETE FROM customers WHERE id = 42;
