-- Covering index with INCLUDE: the hot query is answered by an Index Only Scan
CREATE TABLE products (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category_id BIGINT NOT NULL,
  name        TEXT NOT NULL,
  price       NUMERIC(19,4) NOT NULL,
  description TEXT NOT NULL,          -- wide columns the list page never reads
  specs       JSONB NOT NULL DEFAULT '{}'
);

INSERT INTO products (category_id, name, price, description)
SELECT g % 200, 'Product ' || g, (g % 300) + 9.99, repeat('Long marketing text. ', 40)
FROM generate_series(1, 40000) AS g;

-- The key column (category_id) is searched; INCLUDE adds the columns the list page
-- reads (name, price) to the leaf entries without making them part of the key.
CREATE INDEX products_category_list_idx ON products (category_id) INCLUDE (name, price);

-- Index-only scans skip the table only for pages marked all-visible in the visibility
-- map; VACUUM sets those marks (autovacuum does it in production).
VACUUM (ANALYZE) products;

-- "Index Only Scan … Heap Fetches: 0": the wide rows are never read.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT name, price FROM products WHERE category_id = 7;

-- Ask for one more column and it is an ordinary index scan again, visiting the table.
EXPLAIN (COSTS OFF)
SELECT name, price, description FROM products WHERE category_id = 7;
