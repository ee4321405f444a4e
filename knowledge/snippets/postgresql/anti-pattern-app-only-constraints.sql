-- Anti-pattern: rules checked only in application code; the fix is a constraint
-- ✗ The application does:  SELECT 1 FROM users WHERE email = $1;  -- none found
--                          INSERT INTO users (email) VALUES ($1);
-- Two requests for the same e-mail both pass the SELECT before either INSERTs, so both
-- insert. Locks in the app, "SELECT … FOR UPDATE" on a row that does not exist yet, and
-- READ COMMITTED do not stop it. Only the database sees every writer.
CREATE TABLE users_unsafe (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email TEXT NOT NULL
);
INSERT INTO users_unsafe (email) VALUES ('ada@example.com'), ('ada@example.com');  -- the race's result

-- Adding the constraint later means cleaning up first: find the duplicates…
SELECT lower(email) AS email, count(*) AS copies
FROM users_unsafe GROUP BY lower(email) HAVING count(*) > 1;
-- …keep the oldest row of each, then let the database enforce the rule from now on.
DELETE FROM users_unsafe u
USING users_unsafe older
WHERE lower(older.email) = lower(u.email) AND older.id < u.id;
CREATE UNIQUE INDEX users_unsafe_email_key ON users_unsafe (lower(email));

-- ✓ Declared in the schema from the start: uniqueness, presence, ranges, references.
CREATE TABLE users (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT NOT NULL,
  age        INT CHECK (age BETWEEN 0 AND 150),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- ✓ One atomic statement instead of check-then-insert: the loser of the race gets no
-- row back (or a unique_violation without ON CONFLICT) and tells the user.
INSERT INTO users (email) VALUES ('ada@example.com')
ON CONFLICT ((lower(email))) DO NOTHING RETURNING id;
INSERT INTO users (email) VALUES ('ADA@example.com')
ON CONFLICT ((lower(email))) DO NOTHING RETURNING id;    -- 0 rows: already registered

-- Application validation still has its place (friendly messages before the round trip);
-- the constraint is what makes the rule true.
DO $$
BEGIN
  INSERT INTO users (email, age) VALUES ('grace@example.com', 200);
EXCEPTION WHEN check_violation THEN RAISE NOTICE 'refused: %', SQLERRM;
END $$;
SELECT id, email FROM users ORDER BY id;
