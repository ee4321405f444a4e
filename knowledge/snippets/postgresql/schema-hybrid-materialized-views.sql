-- Normalised tables plus a materialized view for the heavy report
CREATE TABLE products (
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name     TEXT NOT NULL,
  category TEXT NOT NULL
);
CREATE TABLE orders (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  placed_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE order_items (
  order_id   BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id BIGINT NOT NULL REFERENCES products (id),
  quantity   INT NOT NULL CHECK (quantity > 0),
  unit_price NUMERIC(19,4) NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX order_items_product_idx ON order_items (product_id);

INSERT INTO products (name, category) VALUES ('Hex bolt M8', 'fasteners'), ('Drill 500W', 'tools');
INSERT INTO orders (placed_at)
SELECT timestamptz '2025-05-01 00:00+00' + (g * interval '37 minutes') FROM generate_series(1, 2000) AS g;
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
SELECT id, 1 + id % 2, 1 + id % 5, CASE WHEN id % 2 = 0 THEN 0.45 ELSE 59.90 END FROM orders;

-- The report, computed once per refresh instead of once per page view. Days are cut in
-- UTC explicitly, so the result does not depend on the session's time zone.
CREATE MATERIALIZED VIEW daily_category_sales AS
SELECT (o.placed_at AT TIME ZONE 'UTC')::date AS day,
       p.category,
       count(DISTINCT o.id)            AS orders,
       sum(i.quantity * i.unit_price)  AS revenue
FROM orders o
JOIN order_items i ON i.order_id = o.id
JOIN products p    ON p.id = i.product_id
GROUP BY 1, 2;

-- A unique index is what REFRESH … CONCURRENTLY needs; it also serves lookups by day.
CREATE UNIQUE INDEX daily_category_sales_key ON daily_category_sales (day, category);

-- New orders arrive; the view shows them only after a refresh (it is a snapshot).
INSERT INTO orders (placed_at) VALUES ('2025-06-30 12:00+00');
INSERT INTO order_items VALUES (currval(pg_get_serial_sequence('orders', 'id')), 2, 3, 59.90);

-- CONCURRENTLY: readers keep reading the old rows during the refresh (run it from a
-- scheduler such as pg_cron, or after batch loads).
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_category_sales;

SELECT day, category, orders, revenue
FROM daily_category_sales
WHERE day >= '2025-06-29'
ORDER BY day, category;
