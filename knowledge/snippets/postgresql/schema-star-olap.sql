-- A star schema: one fact table, denormalised dimensions around it
-- Dimensions are wide and flat on purpose (category and brand live in dim_product, not in
-- their own tables): analytic queries join each dimension once and group by its columns.
CREATE TABLE dim_date (
  date_key    INT PRIMARY KEY,             -- 20250501: a readable, sortable surrogate
  full_date   DATE NOT NULL UNIQUE,
  year        SMALLINT NOT NULL,
  quarter     SMALLINT NOT NULL,
  month       SMALLINT NOT NULL,
  iso_week    SMALLINT NOT NULL,
  is_weekend  BOOLEAN NOT NULL
);
CREATE TABLE dim_product (
  product_key BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku         TEXT NOT NULL,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL,
  brand       TEXT NOT NULL,
  -- Slowly changing dimension, type 2: a new row when an attribute changes, so old
  -- facts keep the category they were sold under.
  valid_from  DATE NOT NULL,
  valid_to    DATE,
  UNIQUE (sku, valid_from)
);
CREATE TABLE dim_customer (
  customer_key BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id  BIGINT NOT NULL UNIQUE,     -- the id in the source (OLTP) system
  country      TEXT NOT NULL,
  segment      TEXT NOT NULL
);

-- The fact table: one row per order line, only keys and additive measures.
CREATE TABLE fact_sales (
  date_key     INT    NOT NULL REFERENCES dim_date (date_key),
  product_key  BIGINT NOT NULL REFERENCES dim_product (product_key),
  customer_key BIGINT NOT NULL REFERENCES dim_customer (customer_key),
  order_id     BIGINT NOT NULL,            -- a degenerate dimension: no table of its own
  quantity     INT NOT NULL,
  revenue      NUMERIC(19,4) NOT NULL,
  cost         NUMERIC(19,4) NOT NULL
);
CREATE INDEX fact_sales_date_idx ON fact_sales (date_key);
CREATE INDEX fact_sales_product_idx ON fact_sales (product_key);

INSERT INTO dim_date
SELECT to_char(d, 'YYYYMMDD')::int, d, extract(year FROM d), extract(quarter FROM d),
       extract(month FROM d), extract(week FROM d), extract(isodow FROM d) IN (6, 7)
FROM generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') AS g(d);
INSERT INTO dim_product (sku, name, category, brand, valid_from) VALUES
  ('BOLT-M8', 'Hex bolt M8', 'fasteners', 'Forge', '2025-01-01'),
  ('DRILL-5', 'Drill 500W', 'power tools', 'Voltix', '2025-01-01');
INSERT INTO dim_customer (customer_id, country, segment) VALUES
  (42, 'FR', 'trade'), (43, 'DE', 'retail');
INSERT INTO fact_sales
SELECT to_char(date '2025-01-01' + (g % 365), 'YYYYMMDD')::int,
       1 + g % 2, 1 + (g / 2) % 2, g, 1 + g % 4,
       CASE WHEN g % 2 = 0 THEN 0.45 ELSE 59.90 END * (1 + g % 4),
       CASE WHEN g % 2 = 0 THEN 0.20 ELSE 41.00 END * (1 + g % 4)
FROM generate_series(1, 5000) AS g;
ANALYZE;

-- A typical OLAP question: margin by quarter, category and country.
SELECT d.year, d.quarter, p.category, c.country,
       sum(f.revenue) AS revenue,
       round(100 * sum(f.revenue - f.cost) / sum(f.revenue), 1) AS margin_pct
FROM fact_sales f
JOIN dim_date d     ON d.date_key = f.date_key
JOIN dim_product p  ON p.product_key = f.product_key
JOIN dim_customer c ON c.customer_key = f.customer_key
WHERE d.year = 2025
GROUP BY d.year, d.quarter, p.category, c.country
ORDER BY d.quarter, p.category, c.country
LIMIT 8;
