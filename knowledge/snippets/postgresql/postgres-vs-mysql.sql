-- The same schema in PostgreSQL (compare with mysql/postgres-vs-mysql.sql)
CREATE TABLE products (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- MySQL: BIGINT UNSIGNED AUTO_INCREMENT
  sku        TEXT NOT NULL UNIQUE,                              -- MySQL: VARCHAR(n) (TEXT cannot be a plain key)
  price      NUMERIC(19,4) NOT NULL CHECK (price >= 0),         -- same in both (DECIMAL)
  tags       TEXT[] NOT NULL DEFAULT '{}',                      -- MySQL: no arrays (JSON or a junction table)
  attributes JSONB NOT NULL DEFAULT '{}',                       -- MySQL: JSON, indexed via generated columns
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()                 -- MySQL: DATETIME(6) in UTC or TIMESTAMP (ends 2038)
);

-- Index kinds MySQL does not have:
CREATE INDEX products_attributes_idx ON products USING GIN (attributes jsonb_path_ops);  -- JSON containment
CREATE INDEX products_tags_idx ON products USING GIN (tags);                            -- array membership
CREATE INDEX products_premium_created_idx ON products (created_at)
  WHERE price > 100;                                                                     -- partial index

INSERT INTO products (sku, price, tags, attributes) VALUES
  ('DRILL-5', 59.90, '{tools,power}', '{"brand": "Voltix"}'),
  ('SAW-1', 189.00, '{tools}', '{"brand": "Voltix", "cordless": true}');

-- Transactional DDL: a failed migration rolls back completely (MySQL commits each DDL
-- statement implicitly, so a half-applied migration stays half-applied).
BEGIN;
ALTER TABLE products ADD COLUMN discontinued BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX products_discontinued_idx ON products (sku) WHERE discontinued;
ROLLBACK;
SELECT count(*) AS discontinued_columns FROM information_schema.columns
WHERE table_name = 'products' AND column_name = 'discontinued';   -- 0

-- Both have CTEs and window functions (MySQL since 8.0); RETURNING is PostgreSQL's
-- (MariaDB has it for INSERT/DELETE, MySQL has none).
UPDATE products SET price = price * 0.9
WHERE attributes @> '{"brand": "Voltix"}' AND 'power' = ANY (tags)
RETURNING sku, price;

WITH ranked AS (
  SELECT sku, price, rank() OVER (ORDER BY price DESC) AS r FROM products
)
SELECT sku, price FROM ranked WHERE r = 1;
