-- Product search inside PostgreSQL: weighted tsvector, GIN, ranking, filters, prefixes
CREATE EXTENSION IF NOT EXISTS pg_trgm;   -- for "did you mean" on misspelt words

CREATE TABLE categories (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE products (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category_id BIGINT NOT NULL REFERENCES categories (id),
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  price       NUMERIC(19,4) NOT NULL CHECK (price >= 0),
  is_active   BOOLEAN NOT NULL DEFAULT true,
  -- One stored, generated document per row: always in step with the data, in the same
  -- transaction, with nothing to sync. Name matches rank above description matches.
  search      TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('english', name), 'A') ||
                setweight(to_tsvector('english', description), 'B')
              ) STORED
);
CREATE INDEX products_search_idx ON products USING GIN (search);
CREATE INDEX products_category_active_idx ON products (category_id) WHERE is_active;
CREATE INDEX products_name_trgm_idx ON products USING GIN (name gin_trgm_ops);

INSERT INTO categories (name) VALUES ('tools'), ('garden'), ('kitchen');
INSERT INTO products (category_id, name, description, price) VALUES
  (1, 'Cordless drill 18V', 'Two batteries, keyless chuck, for wood and metal drilling.', 89.00),
  (1, 'Hammer drill', 'Drills into concrete and brick; hammer action can be switched off.', 129.00),
  (1, 'Claw hammer', 'Steel hammer with a fibreglass handle.', 19.90),
  (2, 'Garden hose 25 m', 'Kink-free hose with brass fittings.', 34.50),
  (3, 'Chef knife', 'Forged steel, 20 cm blade.', 59.00);
INSERT INTO products (category_id, name, description, price)
SELECT 1 + g % 3, 'Accessory ' || g, 'Spare part number ' || g, 4.99
FROM generate_series(1, 5000) AS g;
ANALYZE products;

-- The search box: websearch_to_tsquery takes user input as typed ("a phrase", or,
-- -word) and never raises a syntax error; stemming matches "hammers" to "hammer". The
-- filters are ordinary WHERE clauses in the same query.
SELECT p.id, p.name, p.price,
       round(ts_rank(p.search, q)::numeric, 3) AS rank
FROM products p, websearch_to_tsquery('english', 'hammers') AS q
WHERE p.search @@ q
  AND p.is_active
  AND p.category_id = 1
ORDER BY rank DESC, p.id
LIMIT 20;

-- Search-as-you-type on whole words: a prefix query ('dril:*' matches drill, drilling).
SELECT id, name FROM products
WHERE search @@ to_tsquery('english', 'dril:*') AND is_active
ORDER BY ts_rank(search, to_tsquery('english', 'dril:*')) DESC
LIMIT 10;

-- Stemming does not fix typos: offer the closest names by trigram similarity instead.
SELECT name, round(similarity(name, 'hamer dril')::numeric, 2) AS score
FROM products
WHERE name % 'hamer dril'
ORDER BY score DESC
LIMIT 3;

-- Result highlighting for the page.
SELECT name, ts_headline('english', description, websearch_to_tsquery('english', 'concrete')) AS excerpt
FROM products
WHERE search @@ websearch_to_tsquery('english', 'concrete');
