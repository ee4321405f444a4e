-- The same schema in MySQL/MariaDB (compare with postgresql/postgres-vs-mysql.sql)
CREATE TABLE products (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,  -- PostgreSQL: GENERATED ALWAYS AS IDENTITY
  sku        VARCHAR(64) NOT NULL UNIQUE,                          -- PostgreSQL: TEXT works as a key
  price      DECIMAL(19,4) NOT NULL,                               -- same type in both
  tags       JSON NOT NULL,                                        -- no array type: a JSON array
  attributes JSON NOT NULL,                                        -- MySQL: binary JSON; MariaDB: checked LONGTEXT
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),    -- no TIMESTAMPTZ: store UTC by convention
  -- JSON is indexed through a generated column (no GIN, no containment index).
  brand      VARCHAR(64) AS (JSON_UNQUOTE(JSON_EXTRACT(attributes, '$.brand'))) STORED,
  KEY products_brand_idx (brand),
  CONSTRAINT products_price_check CHECK (price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- No partial indexes: index the whole column (or a generated column that is NULL for
-- the rows you do not want, since NULLs are still indexed but cheap to skip).

INSERT INTO products (sku, price, tags, attributes) VALUES
  ('DRILL-5', 59.90, '["tools", "power"]', '{"brand": "Voltix"}'),
  ('SAW-1', 189.00, '["tools"]', '{"brand": "Voltix", "cordless": true}');

-- DDL is not transactional: each ALTER commits implicitly, so ROLLBACK cannot undo it
-- and a migration that fails half-way stays half-applied.
START TRANSACTION;
ALTER TABLE products ADD COLUMN discontinued BOOLEAN NOT NULL DEFAULT FALSE;
ROLLBACK;
SELECT COUNT(*) AS discontinued_columns FROM information_schema.columns
WHERE table_schema = DATABASE() AND table_name = 'products' AND column_name = 'discontinued';   -- 1

-- Same query as in PostgreSQL, with JSON functions instead of @> and = ANY; no
-- RETURNING on UPDATE, so read the rows back.
UPDATE products SET price = price * 0.9
WHERE brand = 'Voltix' AND JSON_CONTAINS(tags, '"power"');
SELECT sku, price FROM products WHERE brand = 'Voltix' ORDER BY sku;

-- CTEs and window functions: MySQL 8.0+, MariaDB 10.2+.
WITH ranked AS (
  SELECT sku, price, RANK() OVER (ORDER BY price DESC) AS r FROM products
)
SELECT sku, price FROM ranked WHERE r = 1;
