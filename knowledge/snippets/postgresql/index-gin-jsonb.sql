-- GIN index on JSONB: jsonb_path_ops for containment (@>), default jsonb_ops for key tests
CREATE TABLE products (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       TEXT NOT NULL,
  category   TEXT NOT NULL,               -- queried on every request: a real column
  price      NUMERIC(19,4) NOT NULL,
  attributes JSONB NOT NULL DEFAULT '{}'  -- varies by category: colour, size, brand …
);

INSERT INTO products (name, category, price, attributes)
SELECT 'Item ' || g,
       (ARRAY['electronics', 'clothing', 'garden'])[1 + g % 3],
       (g % 400) + 0.5,
       jsonb_build_object(
         'brand',  (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella'])[1 + g % 4],
         'colour', (ARRAY['red', 'black', 'white', 'blue', 'green'])[1 + g % 5],
         'size',   (ARRAY['S', 'M', 'L'])[1 + g % 3])
       || CASE WHEN g % 97 = 0 THEN '{"featured": true}'::jsonb ELSE '{}'::jsonb END
FROM generate_series(1, 60000) AS g;

CREATE INDEX products_category_idx ON products (category);

-- jsonb_path_ops: smaller and faster, but serves only containment (@>, and jsonpath @? @@).
CREATE INDEX products_attributes_path_idx ON products USING GIN (attributes jsonb_path_ops);
ANALYZE products;

-- Containment: a Bitmap Index Scan on the jsonb_path_ops index (combined with the B-tree).
EXPLAIN (COSTS OFF)
SELECT id, name FROM products
WHERE category = 'electronics' AND attributes @> '{"brand": "Acme", "colour": "red"}';

-- "Has the key" (?) cannot use jsonb_path_ops: this is a Seq Scan …
EXPLAIN (COSTS OFF) SELECT count(*) FROM products WHERE attributes ? 'featured';

-- … so if key-existence tests are hot, use the default operator class (jsonb_ops),
-- which also serves ?, ?| and ?& at the cost of a larger index. Usually keep only one.
DROP INDEX products_attributes_path_idx;
CREATE INDEX products_attributes_idx ON products USING GIN (attributes);
ANALYZE products;
EXPLAIN (COSTS OFF) SELECT count(*) FROM products WHERE attributes ? 'featured';
EXPLAIN (COSTS OFF) SELECT count(*) FROM products WHERE attributes @> '{"featured": true}';

-- Neither GIN class serves ->> comparisons or ranges; for one hot field use a B-tree
-- expression index on (attributes ->> 'brand') instead.

-- Updating one field rewrites the whole JSONB value (and its index entries).
UPDATE products SET attributes = attributes || '{"featured": true}' WHERE id = 1;
