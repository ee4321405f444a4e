-- Status columns in MySQL/MariaDB: VARCHAR with a CHECK (or ENUM), not magic integers
CREATE TABLE orders (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  status    VARCHAR(16) NOT NULL DEFAULT 'pending',
  placed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  -- Enforced by MySQL 8.0.16+ and MariaDB 10.2+ (older MySQL ignored CHECK silently).
  CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  KEY orders_status_placed_idx (status, placed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO orders (status) VALUES ('pending'), ('paid'), ('shipped');

-- Adding a value: replace the constraint (MySQL: ALTER TABLE … DROP CHECK name).
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled'));
UPDATE orders SET status = 'delivered' WHERE status = 'shipped';

-- ENUM: one or two bytes per row and validated, but changing the list is an ALTER of
-- the column (cheap when appending at the end), and it sorts by position, not by name.
-- Strict mode matters: without it an invalid value becomes '' with only a warning.
CREATE TABLE shipments (
  id       BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  state    ENUM('label_created', 'in_transit', 'delivered') NOT NULL DEFAULT 'label_created',
  CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE shipments MODIFY state
  ENUM('label_created', 'in_transit', 'delivered', 'returned') NOT NULL DEFAULT 'label_created';
INSERT INTO shipments (order_id, state) VALUES (3, 'in_transit');

SELECT status, COUNT(*) AS orders FROM orders GROUP BY status ORDER BY status;
