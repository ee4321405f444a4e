-- Integer primary keys in SQLite: INTEGER PRIMARY KEY is the 64-bit rowid
CREATE TABLE customers (
  -- Exactly "INTEGER PRIMARY KEY" (not INT, not BIGINT) makes the column an alias of
  -- the rowid: 64-bit, assigned automatically, and the table's own B-tree key.
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE
);
INSERT INTO customers (email) VALUES ('ada@example.com'), ('grace@example.com');
SELECT id, email FROM customers;

-- Without AUTOINCREMENT the next id is max(id) + 1, so the id of a deleted last row can
-- come back. AUTOINCREMENT forbids reuse (at a small cost: the sqlite_sequence table).
DELETE FROM customers WHERE id = 2;
INSERT INTO customers (email) VALUES ('reused@example.com');
SELECT id AS reused_id FROM customers WHERE email = 'reused@example.com';   -- 2 again

CREATE TABLE invoices (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,   -- ids never reused: safe to show outside
  amount INTEGER NOT NULL
);
INSERT INTO invoices (amount) VALUES (4990), (1200);
DELETE FROM invoices WHERE id = 2;
INSERT INTO invoices (amount) VALUES (300);
SELECT id FROM invoices ORDER BY id;        -- 1, 3
