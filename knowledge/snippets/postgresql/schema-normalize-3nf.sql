-- Normalising to 3NF: one fact in one place
-- ✗ The flat table a spreadsheet would give. It breaks all three normal forms:
--   1NF: product_skus holds a list in one column;
--   2NF/3NF: customer_email and customer_city depend on the customer, not on the order,
--   so changing an e-mail means updating every order row (an update anomaly), and a
--   customer without orders cannot be stored at all (an insertion anomaly).
CREATE TABLE orders_flat (
  order_id       BIGINT PRIMARY KEY,
  customer_email TEXT,
  customer_city  TEXT,
  product_skus   TEXT             -- 'BOLT-M8,NUT-M8'
);
INSERT INTO orders_flat VALUES
  (1, 'ada@example.com', 'Lyon', 'BOLT-M8,NUT-M8'),
  (2, 'ada@example.com', 'Lyon', 'NUT-M8');

-- ✓ 3NF: every non-key column depends on the key, the whole key, and nothing but the key.
CREATE TABLE customers (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  city  TEXT NOT NULL
);
CREATE TABLE products (
  id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE
);
CREATE TABLE orders (
  id          BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers (id)
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
-- 2NF: quantity depends on the whole key (order, product); a product's name would depend
-- on product_id alone, so it belongs in products, not here.
CREATE TABLE order_items (
  order_id   BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id BIGINT NOT NULL REFERENCES products (id),
  quantity   INT NOT NULL DEFAULT 1 CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX order_items_product_idx ON order_items (product_id);

-- Migrating the flat data: split the list (1NF), lift out customers (3NF).
INSERT INTO customers (email, city) SELECT DISTINCT customer_email, customer_city FROM orders_flat;
INSERT INTO products (sku)
SELECT DISTINCT trim(s) FROM orders_flat, unnest(string_to_array(product_skus, ',')) AS s;
INSERT INTO orders (id, customer_id)
SELECT f.order_id, c.id FROM orders_flat f JOIN customers c ON c.email = f.customer_email;
INSERT INTO order_items (order_id, product_id)
SELECT f.order_id, p.id
FROM orders_flat f, unnest(string_to_array(f.product_skus, ',')) AS s
JOIN products p ON p.sku = trim(s);

-- The e-mail changes in exactly one row now.
UPDATE customers SET email = 'ada@lovelace.example' WHERE email = 'ada@example.com';

-- Reads join the pieces back together; every order shows the new e-mail.
SELECT o.id, c.email, string_agg(p.sku, ', ' ORDER BY p.sku) AS skus
FROM orders o
JOIN customers c   ON c.id = o.customer_id
JOIN order_items i ON i.order_id = o.id
JOIN products p    ON p.id = i.product_id
GROUP BY o.id, c.email ORDER BY o.id;
