-- GIN trigram index for substring search (LIKE/ILIKE '%term%')
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE products (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku   TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL,
  price NUMERIC(19,4) NOT NULL
);

INSERT INTO products (sku, name, price)
SELECT 'SKU-' || g,
       (ARRAY['Hex bolt', 'Wood screw', 'Wall anchor', 'Wing nut', 'Washer'])[1 + g % 5]
         || ' M' || (3 + g % 10) || ' pack of ' || (10 * (1 + g % 20)),
       (g % 50) + 0.99
FROM generate_series(1, 50000) AS g;

-- A B-tree can only serve a LIKE whose pattern starts with fixed text ('bolt%', and only
-- under the C collation or with text_pattern_ops). A leading wildcard needs trigrams:
-- the index stores every 3-character piece of the name.
CREATE INDEX products_name_trgm_idx ON products USING GIN (name gin_trgm_ops);
ANALYZE products;

-- Both are Bitmap Index Scans on the trigram index: ILIKE is case-insensitive already.
EXPLAIN (COSTS OFF) SELECT id, name FROM products WHERE name ILIKE '%anchor m7%';
EXPLAIN (COSTS OFF) SELECT id, name FROM products WHERE name LIKE '%nut M1%';

-- The same index ranks "did you mean" matches by similarity (the % operator uses
-- pg_trgm.similarity_threshold, 0.3 by default).
SELECT name, round(similarity(name, 'wing nutt m5')::numeric, 2) AS score
FROM (SELECT DISTINCT name FROM products WHERE name % 'wing nutt m5') AS matches
ORDER BY score DESC, name
LIMIT 5;

-- A pattern needs three characters in a row between its wildcards for the index to
-- narrow anything down: '%nut M1%' does, '%M1%' does not (it reads the whole index).
