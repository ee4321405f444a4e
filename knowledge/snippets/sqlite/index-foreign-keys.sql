-- Foreign keys need their own index in SQLite too: REFERENCES makes a constraint, and
-- with PRAGMA foreign_keys=ON every DELETE of a parent searches the child table.
PRAGMA foreign_keys = ON;

CREATE TABLE customers (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL
) STRICT;
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  created_at  TEXT NOT NULL
) STRICT;
CREATE TABLE order_notes (
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  note     TEXT NOT NULL
) STRICT;

-- Foreign keys whose column does not lead any index: each DELETE of a parent row scans
-- the child table, and so does every join from parent to children.
SELECT m.name AS child_table, fk."from" AS column_name, fk."table" AS parent_table
FROM sqlite_schema AS m
JOIN pragma_foreign_key_list(m.name) AS fk
WHERE m.type = 'table'
  AND NOT EXISTS (
    SELECT 1
    FROM pragma_index_list(m.name) AS il
    JOIN pragma_index_info(il.name) AS ii
    WHERE ii.seqno = 0 AND ii.name = fk."from"
  )
ORDER BY child_table, column_name;

-- The fix: an index led by each foreign key column (a composite one serves too).
CREATE INDEX orders_customer_created ON orders (customer_id, created_at);
CREATE INDEX order_notes_order ON order_notes (order_id);

-- Now the check finds nothing, and the plan of a parent's children uses the index.
SELECT m.name, fk."from"
FROM sqlite_schema AS m
JOIN pragma_foreign_key_list(m.name) AS fk
WHERE m.type = 'table'
  AND NOT EXISTS (
    SELECT 1 FROM pragma_index_list(m.name) AS il
    JOIN pragma_index_info(il.name) AS ii
    WHERE ii.seqno = 0 AND ii.name = fk."from"
  );
EXPLAIN QUERY PLAN SELECT id FROM orders WHERE customer_id = 42;
