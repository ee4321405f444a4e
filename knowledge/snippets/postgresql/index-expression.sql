-- Expression index: index lower(email), and query with the same expression
CREATE TABLE users (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT NOT NULL,
  metadata   JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO users (email, metadata)
SELECT 'User' || g || '@Example.com',
       jsonb_build_object('role', CASE WHEN g % 50 = 0 THEN 'admin' ELSE 'member' END)
FROM generate_series(1, 30000) AS g;

-- Case-insensitive uniqueness and lookup in one index: 'Ada@x.com' and 'ada@x.com'
-- are the same account.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- One frequently filtered JSONB field: a B-tree on the extracted value
-- (the extra parentheses around the expression are required).
CREATE INDEX users_role_idx ON users ((metadata ->> 'role'));
ANALYZE users;

-- Uses the index: the WHERE clause has exactly the indexed expression.
EXPLAIN (COSTS OFF)
SELECT id FROM users WHERE lower(email) = lower('USER42@example.COM');

-- Does NOT use it: the bare column is not the indexed expression (Seq Scan).
EXPLAIN (COSTS OFF)
SELECT id FROM users WHERE email = 'user42@example.com';

-- ILIKE is not the same expression either; case-insensitive substring search needs
-- a trigram index instead.
EXPLAIN (COSTS OFF)
SELECT id FROM users WHERE email ILIKE 'user42@example.com';

EXPLAIN (COSTS OFF)
SELECT id, email FROM users WHERE metadata ->> 'role' = 'admin';

-- The unique expression index rejects a case variant of an existing email.
DO $$
BEGIN
  INSERT INTO users (email) VALUES ('user42@EXAMPLE.com');
  RAISE EXCEPTION 'duplicate was accepted';
EXCEPTION WHEN unique_violation THEN
  RAISE NOTICE 'rejected as expected: %', SQLERRM;
END $$;
