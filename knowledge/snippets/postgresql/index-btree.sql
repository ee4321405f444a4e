-- B-tree index for equality lookups on a selective column
CREATE TABLE customers (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- the primary key is indexed automatically
  email      TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO customers (email)
SELECT 'user' || g || '@example.com' FROM generate_series(1, 20000) AS g;

-- A UNIQUE constraint is a B-tree index too: it serves the lookup and enforces the rule,
-- so do not add a second plain index on the same column.
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);

CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  total       NUMERIC(19,4) NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO orders (customer_id, total)
SELECT 1 + (g % 20000), (g % 500) + 0.99 FROM generate_series(1, 50000) AS g;

-- Plain B-tree (the default kind): many distinct values, each matching few rows.
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
ANALYZE customers;
ANALYZE orders;

-- Both lookups are Index Scans (or Bitmap Index Scans) instead of Seq Scans.
EXPLAIN (COSTS OFF) SELECT id FROM customers WHERE email = 'user42@example.com';
EXPLAIN (COSTS OFF) SELECT id, total FROM orders WHERE customer_id = 42;
