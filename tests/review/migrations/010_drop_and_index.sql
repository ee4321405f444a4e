-- Read after 002 (name order, not number order of a shell glob): the index made here
-- is on a table 002 made.
CREATE INDEX orders_created_idx ON orders (id);
DROP INDEX orders_created_idx;
