-- Money as NUMERIC (or integer minor units), always with its currency
-- Floating point cannot hold 0.10 exactly; NUMERIC is exact decimal arithmetic.
SELECT 0.1::float8 + 0.2::float8 = 0.3::float8 AS float_equal,     -- false
       0.1::numeric + 0.2::numeric = 0.3::numeric AS numeric_equal;  -- true

CREATE TABLE invoices (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  -- ISO 4217 code next to every amount: 10.00 EUR and 10.00 JPY are different things.
  currency    CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  issued_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE invoice_lines (
  invoice_id  BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  line_no     INT NOT NULL,
  quantity    NUMERIC(12,3) NOT NULL CHECK (quantity > 0),     -- 2.5 kg is a quantity too
  -- NUMERIC(19,4): four decimals keep unit prices and tax intermediate results exact;
  -- 15 integer digits are enough for any real amount. DECIMAL(10,2) (max 99,999,999.99)
  -- is fine for cents-only prices in one currency, but too tight for totals and rates.
  unit_price  NUMERIC(19,4) NOT NULL CHECK (unit_price >= 0),
  tax_rate    NUMERIC(5,4) NOT NULL CHECK (tax_rate BETWEEN 0 AND 1),   -- 0.2000 = 20 %
  PRIMARY KEY (invoice_id, line_no)
);

INSERT INTO invoices (customer_id, currency) VALUES (42, 'EUR');
INSERT INTO invoice_lines VALUES
  (1, 1, 3,     19.99, 0.2000),
  (1, 2, 2.5,    4.10, 0.0550),
  (1, 3, 10,     0.10, 0.2000);

-- Round once, at a defined point (here: per line, half away from zero for NUMERIC),
-- and store the rounded amounts you show on the invoice.
SELECT line_no,
       round(quantity * unit_price, 2)                  AS net,
       round(quantity * unit_price * tax_rate, 2)       AS tax,
       round(quantity * unit_price * (1 + tax_rate), 2) AS gross
FROM invoice_lines WHERE invoice_id = 1 ORDER BY line_no;

-- Summing a million 0.10 amounts: exact in NUMERIC, drifts in FLOAT.
SELECT sum(0.10::numeric) AS numeric_sum, sum(0.10::float8) AS float_sum
FROM generate_series(1, 1000000);

-- Alternative: integer minor units (cents). Exact and fast, common in payment APIs,
-- but the number of decimals depends on the currency (JPY 0, EUR 2, KWD 3).
CREATE TABLE payments (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),   -- 4990 = 49.90 EUR
  currency     CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$')
);
INSERT INTO payments (amount_minor, currency) VALUES (4990, 'EUR'), (5000, 'JPY');
SELECT id, amount_minor, currency FROM payments ORDER BY id;
