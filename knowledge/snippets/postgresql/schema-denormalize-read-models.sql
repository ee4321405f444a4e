-- A denormalised read model kept in step by a trigger
-- The normalised tables stay the source of truth; customer_stats is a copy shaped for the
-- hot "customer list with order count and last order" page, so that page reads one row
-- per customer instead of aggregating all orders on every view.
CREATE TABLE customers (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email TEXT NOT NULL UNIQUE
);
CREATE TABLE orders (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  total       NUMERIC(19,4) NOT NULL CHECK (total >= 0),
  placed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON orders (customer_id);

CREATE TABLE customer_stats (
  customer_id   BIGINT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  order_count   BIGINT NOT NULL DEFAULT 0,
  lifetime_total NUMERIC(19,4) NOT NULL DEFAULT 0,
  last_order_at TIMESTAMPTZ
);

-- Same transaction as the write: the read model can never show an order that rolled back.
-- The upsert increments in place, so concurrent orders of one customer do not lose counts.
CREATE FUNCTION orders_to_customer_stats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_stats AS s (customer_id, order_count, lifetime_total, last_order_at)
  VALUES (NEW.customer_id, 1, NEW.total, NEW.placed_at)
  ON CONFLICT (customer_id) DO UPDATE
    SET order_count    = s.order_count + 1,
        lifetime_total = s.lifetime_total + EXCLUDED.lifetime_total,
        last_order_at  = greatest(s.last_order_at, EXCLUDED.last_order_at);
  RETURN NEW;
END $$;
CREATE TRIGGER orders_stats AFTER INSERT ON orders
FOR EACH ROW EXECUTE FUNCTION orders_to_customer_stats();

INSERT INTO customers (email) VALUES ('ada@example.com'), ('grace@example.com');
INSERT INTO orders (customer_id, total, placed_at) VALUES
  (1, 57.00, '2025-05-01 10:00+00'),
  (1, 12.00, '2025-05-03 16:30+00'),
  (2, 99.90, '2025-05-02 08:15+00');

-- The hot read: no aggregation at read time.
SELECT c.email, s.order_count, s.lifetime_total, s.last_order_at
FROM customers c JOIN customer_stats s ON s.customer_id = c.id
ORDER BY s.lifetime_total DESC;

-- Drift check (run from a scheduled job): the copy must equal what the source says.
-- Updates and deletes of orders need their own trigger branches, or a periodic rebuild.
SELECT s.customer_id
FROM customer_stats s
JOIN (SELECT customer_id, count(*) AS n, sum(total) AS t FROM orders GROUP BY customer_id) o
  ON o.customer_id = s.customer_id
WHERE (s.order_count, s.lifetime_total) IS DISTINCT FROM (o.n, o.t);
