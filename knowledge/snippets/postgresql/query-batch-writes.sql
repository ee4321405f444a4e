-- Batch writes: multi-row INSERT, INSERT … ON CONFLICT, COPY, and chunked UPDATEs
CREATE TABLE products (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku   TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL,
  price NUMERIC(19,4) NOT NULL,
  stale BOOLEAN NOT NULL DEFAULT false
);

-- One statement, many rows: one round trip and one commit instead of one per row.
INSERT INTO products (sku, name, price) VALUES
  ('SKU-1', 'Hex bolt M6', 0.2500),
  ('SKU-2', 'Wing nut M6', 0.1800),
  ('SKU-3', 'Washer M6',   0.0400);

-- Import where some rows may already exist: skip them (ORMs call it skipDuplicates) …
INSERT INTO products (sku, name, price) VALUES
  ('SKU-3', 'Washer M6',   0.0400),
  ('SKU-4', 'Wall anchor', 0.3100)
ON CONFLICT (sku) DO NOTHING;

-- … or update them (upsert), in one statement that is safe under concurrency.
INSERT INTO products (sku, name, price) VALUES
  ('SKU-1', 'Hex bolt M6', 0.2700),
  ('SKU-5', 'Wood screw',  0.0900)
ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, price = EXCLUDED.price;

-- Bulk loads: COPY is the fastest path (from a file, or from the client's stream).
COPY products (sku, name, price) FROM STDIN WITH (FORMAT csv);
SKU-6,Cable tie 200mm,0.0300
SKU-7,Hinge 50mm,1.2000
\.

-- From the application, several rows as arrays in one parameterised statement.
PREPARE insert_many (TEXT[], TEXT[], NUMERIC[]) AS
  INSERT INTO products (sku, name, price)
  SELECT * FROM unnest($1, $2, $3)
  ON CONFLICT (sku) DO NOTHING;
EXECUTE insert_many (ARRAY['SKU-8', 'SKU-9'], ARRAY['Nail 40mm', 'Nail 60mm'], ARRAY[0.01, 0.02]);
DEALLOCATE insert_many;

-- Large UPDATEs and DELETEs in chunks: short transactions, short locks, and autovacuum
-- keeps up. Run the statement repeatedly until it reports 0 rows.
INSERT INTO products (sku, name, price)
SELECT 'BULK-' || g, 'Bulk item ' || g, 1 FROM generate_series(1, 20000) AS g;
UPDATE products SET stale = true
WHERE id IN (SELECT id FROM products WHERE NOT stale AND sku LIKE 'BULK-%' ORDER BY id LIMIT 5000);

SELECT count(*) FILTER (WHERE stale) AS marked, count(*) AS total FROM products;
