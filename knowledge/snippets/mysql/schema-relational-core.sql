-- A normalised relational core in MySQL/MariaDB (InnoDB, utf8mb4, strict mode)
-- Strict mode turns silent truncation ('abc' into an INT, 300 chars into VARCHAR(255))
-- into errors; it is the default on current versions, set here to be explicit.
SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

CREATE TABLE customers (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- VARCHAR, not TEXT: TEXT columns cannot take a plain (full) index or a UNIQUE key.
  email      VARCHAR(254) NOT NULL,
  name       VARCHAR(200) NOT NULL,
  status     VARCHAR(16)  NOT NULL DEFAULT 'active',
  created_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),   -- stored as UTC by convention
  -- The default utf8mb4 collation is case-insensitive: this key is too.
  UNIQUE KEY customers_email_key (email),
  -- Enforced since MySQL 8.0.16 and MariaDB 10.2; older MySQL parsed and ignored CHECK.
  CONSTRAINT customers_status_check CHECK (status IN ('active', 'suspended', 'closed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE products (
  id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku   VARCHAR(64)   NOT NULL UNIQUE,
  name  VARCHAR(200)  NOT NULL,
  price DECIMAL(19,4) NOT NULL,                   -- exact; never FLOAT/DOUBLE for money
  CONSTRAINT products_price_check CHECK (price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE orders (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  status      VARCHAR(16) NOT NULL DEFAULT 'pending',
  placed_at   DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  -- InnoDB creates an index for each foreign key if none exists; naming it keeps
  -- the composite one that also serves "latest orders of a customer".
  KEY orders_customer_placed_idx (customer_id, placed_at),
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)
    REFERENCES customers (id) ON DELETE RESTRICT,
  CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_items (
  order_id   BIGINT UNSIGNED NOT NULL,
  line_no    INT UNSIGNED    NOT NULL,
  product_id BIGINT UNSIGNED NOT NULL,
  quantity   INT UNSIGNED    NOT NULL,
  unit_price DECIMAL(19,4)   NOT NULL,
  PRIMARY KEY (order_id, line_no),               -- clustered: an order's lines sit together
  KEY order_items_product_idx (product_id),
  CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT order_items_quantity_check CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada'), ('grace@example.com', 'Grace');
INSERT INTO products (sku, name, price) VALUES ('BOLT-M8', 'Hex bolt M8', 0.45), ('NUT-M8', 'Hex nut M8', 0.12);

START TRANSACTION;
INSERT INTO orders (customer_id) VALUES (1);
SET @order_id = LAST_INSERT_ID();
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT @order_id, 1, id, 100, price FROM products WHERE sku = 'BOLT-M8';
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT @order_id, 2, id, 100, price FROM products WHERE sku = 'NUT-M8';
COMMIT;

SELECT c.name, o.id AS order_id, SUM(i.quantity * i.unit_price) AS total
FROM customers c
JOIN orders o      ON o.customer_id = c.id
JOIN order_items i ON i.order_id = o.id
GROUP BY c.name, o.id
ORDER BY o.id;
