-- Money in SQLite: integer minor units (cents), because there is no exact decimal type
-- A DECIMAL/NUMERIC column in SQLite stores 19.99 as an 8-byte float: not exact.
SELECT 0.1 + 0.2 = 0.3 AS float_equal;            -- 0

CREATE TABLE invoice_lines (
  invoice_id       INTEGER NOT NULL,
  line_no          INTEGER NOT NULL,
  currency         TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),   -- 1999 = 19.99 EUR
  tax_rate_bp      INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),   -- basis points: 2000 = 20 %
  PRIMARY KEY (invoice_id, line_no)
) STRICT;

INSERT INTO invoice_lines VALUES
  (1, 1, 'EUR', 3, 1999, 2000),
  (1, 2, 'EUR', 10,  10, 2000);

-- Integer arithmetic is exact; round explicitly (half up) where a fraction of a cent
-- appears, then format only for display.
SELECT line_no,
       quantity * unit_price_minor                                         AS net_minor,
       (quantity * unit_price_minor * tax_rate_bp + 5000) / 10000          AS tax_minor,
       printf('%.2f %s', quantity * unit_price_minor / 100.0, currency)    AS net_display
FROM invoice_lines ORDER BY line_no;

SELECT sum(quantity * unit_price_minor) AS invoice_net_minor FROM invoice_lines WHERE invoice_id = 1;
