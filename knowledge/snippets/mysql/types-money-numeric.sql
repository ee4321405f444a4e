-- Money in MySQL/MariaDB: DECIMAL with its currency, never FLOAT or DOUBLE
SELECT 0.1e0 + 0.2e0 = 0.3e0 AS double_equal,        -- 0: binary floating point
       0.1 + 0.2 = 0.3       AS decimal_equal;       -- 1: exact decimal literals

CREATE TABLE invoice_lines (
  invoice_id BIGINT UNSIGNED NOT NULL,
  line_no    INT UNSIGNED NOT NULL,
  currency   CHAR(3) NOT NULL,                        -- ISO 4217, next to every amount
  quantity   DECIMAL(12,3) NOT NULL,
  unit_price DECIMAL(19,4) NOT NULL,                  -- exact; 4 decimals for unit prices and rates
  tax_rate   DECIMAL(5,4) NOT NULL,                   -- 0.2000 = 20 %
  PRIMARY KEY (invoice_id, line_no),
  CONSTRAINT invoice_lines_price_check CHECK (unit_price >= 0),
  CONSTRAINT invoice_lines_currency_check CHECK (currency REGEXP '^[A-Z]{3}$')
) ENGINE=InnoDB;

INSERT INTO invoice_lines VALUES
  (1, 1, 'EUR', 3,    19.99, 0.2000),
  (1, 2, 'EUR', 2.5,   4.10, 0.0550),
  (1, 3, 'EUR', 10,    0.10, 0.2000);

-- Round once, per line, and store what the invoice shows.
SELECT line_no,
       ROUND(quantity * unit_price, 2)                  AS net,
       ROUND(quantity * unit_price * tax_rate, 2)       AS tax,
       ROUND(quantity * unit_price * (1 + tax_rate), 2) AS gross
FROM invoice_lines WHERE invoice_id = 1 ORDER BY line_no;

-- Integer minor units are the alternative (amount_minor BIGINT + currency), as
-- payment APIs use; the number of decimals then depends on the currency.
