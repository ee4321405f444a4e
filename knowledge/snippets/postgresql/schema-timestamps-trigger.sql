-- created_at and updated_at maintained by the database
CREATE TABLE posts (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  -- TIMESTAMPTZ, NOT NULL, defaulted: every row says when it was created, in UTC.
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A DEFAULT covers INSERT only; a BEFORE UPDATE trigger covers every UPDATE, from any
-- client (ORM, psql, a migration), which an ORM's "auto-update" field does not.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();      -- now() is the transaction's start time: stable within it
  RETURN NEW;
END $$;

-- One function, one trigger per table. WHEN skips no-op updates (nothing changed).
CREATE TRIGGER posts_set_updated_at
BEFORE UPDATE ON posts
FOR EACH ROW
WHEN (OLD.* IS DISTINCT FROM NEW.*)
EXECUTE FUNCTION set_updated_at();

-- created_at must not be rewritten by an update either.
CREATE FUNCTION keep_created_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_at := OLD.created_at;
  RETURN NEW;
END $$;
CREATE TRIGGER posts_keep_created_at
BEFORE UPDATE OF created_at ON posts
FOR EACH ROW EXECUTE FUNCTION keep_created_at();

INSERT INTO posts (title, body, created_at, updated_at)
VALUES ('Choosing keys', 'Identity or UUID?', '2025-01-01 10:00+00', '2025-01-01 10:00+00');

UPDATE posts SET title = 'Choosing primary keys', created_at = '1999-01-01' WHERE id = 1;
SELECT title, created_at, updated_at > created_at AS updated_later FROM posts;

-- The same trigger on every other table of the schema with an updated_at column.
CREATE TABLE comments (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id    BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  body       TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN
    SELECT r.oid::regclass FROM pg_class r
    JOIN pg_attribute a ON a.attrelid = r.oid AND a.attname = 'updated_at' AND NOT a.attisdropped
    WHERE r.relkind = 'r' AND r.relnamespace = 'public'::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = r.oid AND g.tgfoid = 'set_updated_at'::regproc)
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %s FOR EACH ROW '
                   'WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at()',
                   t::text || '_set_updated_at', t);
  END LOOP;
END $$;
SELECT tgrelid::regclass AS table_name, tgname FROM pg_trigger
WHERE tgfoid = 'set_updated_at'::regproc ORDER BY 1;
