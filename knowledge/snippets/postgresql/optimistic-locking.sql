-- Optimistic locking with a version column
CREATE TABLE products (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name    TEXT NOT NULL,
  price   NUMERIC(19,4) NOT NULL CHECK (price >= 0),
  stock   INT NOT NULL CHECK (stock >= 0),
  version INT NOT NULL DEFAULT 1          -- bumped by every update
);
INSERT INTO products (name, price, stock) VALUES ('Drill 500W', 59.90, 10);

-- Two editors open the product form; both read version 1 (no lock is held while they type).
SELECT id, price, version FROM products WHERE id = 1;

-- Editor A saves first: the WHERE clause matches, the version moves to 2.
UPDATE products
SET price = 54.90, version = version + 1
WHERE id = 1 AND version = 1
RETURNING id, price, version;

-- Editor B saves with the version it read (1): no row matches, nothing is overwritten.
-- The application sees "UPDATE 0" (or an empty RETURNING), reloads and shows the conflict.
UPDATE products
SET price = 49.90, version = version + 1
WHERE id = 1 AND version = 1
RETURNING id, price, version;

-- For a simple counter no version is needed: a relative update is atomic on its own, and
-- the CHECK refuses to sell stock that is not there. (It leaves the version alone: the
-- price editors never write stock, so they need not conflict with sales.)
UPDATE products SET stock = stock - 1 WHERE id = 1 AND stock >= 1 RETURNING stock;

-- The same check from a stored procedure, raising instead of returning 0 rows.
CREATE FUNCTION update_price(p_id BIGINT, p_expected_version INT, p_price NUMERIC)
RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
  new_version INT;
BEGIN
  UPDATE products SET price = p_price, version = version + 1
  WHERE id = p_id AND version = p_expected_version
  RETURNING version INTO new_version;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'product % was modified by someone else', p_id
      USING ERRCODE = 'serialization_failure';   -- 40001: clients already retry on it
  END IF;
  RETURN new_version;
END $$;

SELECT update_price(1, 2, 52.90) AS new_version;
SELECT price, stock, version FROM products WHERE id = 1;
