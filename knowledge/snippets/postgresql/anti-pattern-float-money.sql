-- Anti-pattern: money in FLOAT / REAL / DOUBLE PRECISION, and how to migrate off it
-- ✗ Binary floating point stores 19.99 as 19.989999999999998436805981327779591083526611328125.
CREATE TABLE order_lines_bad (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_price DOUBLE PRECISION NOT NULL,
  quantity   INT NOT NULL
);
INSERT INTO order_lines_bad (unit_price, quantity)
SELECT 0.10, 1 FROM generate_series(1, 10) UNION ALL SELECT 19.99, 3;

-- Ten lines of 0.10 do not sum to 1.00, so the "paid in full" check fails.
SELECT sum(unit_price * quantity) FILTER (WHERE unit_price = 0.10) AS ten_dimes,
       sum(unit_price * quantity) FILTER (WHERE unit_price = 0.10) = 1.00 AS ten_dimes_is_one_euro
FROM order_lines_bad;

-- ✓ Migrate in place: round each stored value to the precision it was meant to have.
-- (The type change rewrites the table under an exclusive lock; for a big table add a
-- new NUMERIC column, backfill it in batches, and switch over.)
ALTER TABLE order_lines_bad
  ALTER COLUMN unit_price TYPE NUMERIC(19,4) USING round(unit_price::numeric, 4);
ALTER TABLE order_lines_bad ADD CONSTRAINT order_lines_price_check CHECK (unit_price >= 0);

SELECT sum(unit_price * quantity) FILTER (WHERE unit_price = 0.10) AS ten_dimes,
       sum(unit_price * quantity) FILTER (WHERE unit_price = 0.10) = 1.00 AS ten_dimes_is_one_euro
FROM order_lines_bad;

-- Find any money-looking column still stored as a float.
SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'public'
  AND data_type IN ('real', 'double precision')
  AND column_name ~ '(price|amount|total|balance|cost|fee|tax)';
