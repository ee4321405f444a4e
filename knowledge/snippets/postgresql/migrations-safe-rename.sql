-- Zero-downtime column rename by expand and contract (name → full_name)
-- RENAME COLUMN itself is instant, but the application version still running during the
-- deploy would break. So the rename is spread over several deploys.
CREATE TABLE customers (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name  TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE
);
INSERT INTO customers (name, email) VALUES ('Ada Lovelace', 'ada@example.com'),
                                           ('Grace Hopper', 'grace@example.com');
SET lock_timeout = '5s';

-- Migration 1 (expand): add the new column, nullable, and keep both columns in step
-- whichever one an application version writes.
ALTER TABLE customers ADD COLUMN full_name TEXT;

CREATE FUNCTION customers_sync_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.full_name := coalesce(NEW.full_name, NEW.name);
    NEW.name      := coalesce(NEW.name, NEW.full_name);
  ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name THEN
    NEW.name := NEW.full_name;            -- a new version wrote full_name
  ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
    NEW.full_name := NEW.name;            -- an old version wrote name
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER customers_sync_name BEFORE INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION customers_sync_name();

-- Backfill existing rows (in batches on a big table).
UPDATE customers SET full_name = name WHERE full_name IS NULL;

-- Deploy the application that reads and writes full_name. Old and new versions can
-- run side by side: each write shows up in both columns.
INSERT INTO customers (name, email) VALUES ('Alan Turing', 'alan@example.com');          -- old version
INSERT INTO customers (full_name, email) VALUES ('Edsger Dijkstra', 'edsger@example.com'); -- new version
UPDATE customers SET name = 'Augusta Ada King' WHERE email = 'ada@example.com';             -- old version
SELECT id, name, full_name FROM customers ORDER BY id;

-- Migration 2 (contract), only once no running version reads or writes name:
ALTER TABLE customers ADD CONSTRAINT customers_full_name_not_null CHECK (full_name IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_full_name_not_null;
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_full_name_not_null;
DROP TRIGGER customers_sync_name ON customers;
DROP FUNCTION customers_sync_name();
ALTER TABLE customers DROP COLUMN name;
RESET lock_timeout;

SELECT id, full_name FROM customers ORDER BY id;
