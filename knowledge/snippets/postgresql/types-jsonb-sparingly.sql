-- JSONB sparingly: columns for what every row has, JSONB for what really varies
CREATE TABLE products (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku        TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  category   TEXT NOT NULL,                      -- filtered on every page: a real column
  price      NUMERIC(19,4) NOT NULL CHECK (price >= 0),
  -- Supplier-specific attributes (colour, voltage, thread pitch…). JSONB, not JSON:
  -- binary, deduplicated keys, indexable; JSON keeps the text as typed and cannot be
  -- indexed with GIN.
  attributes JSONB NOT NULL DEFAULT '{}'
             CHECK (jsonb_typeof(attributes) = 'object')
);
CREATE INDEX products_category_idx ON products (category);
-- Containment (@>) over any attribute: one GIN index. jsonb_path_ops is smaller and
-- faster for @> but does not serve key-existence (?) queries.
CREATE INDEX products_attributes_idx ON products USING GIN (attributes jsonb_path_ops);

INSERT INTO products (sku, name, category, price, attributes) VALUES
  ('DRILL-5', 'Drill 500W', 'power tools', 59.90, '{"brand": "Voltix", "voltage": 230, "colour": "black"}'),
  ('BOLT-M8', 'Hex bolt M8', 'fasteners', 0.45, '{"brand": "Forge", "thread_pitch_mm": 1.25}'),
  ('SAW-1',   'Jigsaw',     'power tools', 89.00, '{"brand": "Voltix", "colour": "yellow"}');

-- B-tree on the column plus GIN on the attributes.
SELECT sku, name FROM products
WHERE category = 'power tools' AND attributes @> '{"brand": "Voltix"}'
ORDER BY sku;

-- One key read in a hot query: an expression index on it.
CREATE INDEX products_colour_idx ON products ((attributes ->> 'colour'));
SELECT sku FROM products WHERE attributes ->> 'colour' = 'black';

-- Update one key without rewriting the others in application code.
UPDATE products SET attributes = attributes || '{"featured": true}' WHERE sku = 'SAW-1';

-- A key that every product has turned out to need (sorting, constraints, statistics):
-- promote it to a column. A generated column keeps it in step during the transition.
ALTER TABLE products ADD COLUMN brand TEXT GENERATED ALWAYS AS (attributes ->> 'brand') STORED;
CREATE INDEX products_brand_idx ON products (brand);
SELECT brand, count(*) FROM products GROUP BY brand ORDER BY brand;
