-- Stock never goes below zero: a CHECK, and a decrement that says whether it took
CREATE TABLE stock (
  sku      TEXT PRIMARY KEY,
  quantity INTEGER NOT NULL CHECK (quantity >= 0)
);

INSERT INTO stock (sku, quantity) VALUES ('BOLT-M6', 3);

-- Reserve 2: the row lock serialises concurrent orders for the same SKU, and the
-- WHERE clause makes the decrement do nothing when too little is left. No row
-- returned means "out of stock"; the CHECK catches any path that forgets the WHERE.
UPDATE stock SET quantity = quantity - 2
WHERE sku = 'BOLT-M6' AND quantity >= 2
RETURNING quantity;
