-- TEXT and VARCHAR(n) in PostgreSQL: same storage, same speed; limits as CHECKs
-- citext: case-insensitive text, for e-mail addresses (a contrib extension).
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE users (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- VARCHAR(n) is TEXT plus a length check. Use it when the limit is a real rule of the
  -- domain (an ISO code, a username policy), not a habit like VARCHAR(255).
  username     VARCHAR(30) NOT NULL UNIQUE,
  -- A limit that may change is easier as a named CHECK: swapping a CHECK never
  -- rewrites the table (raising a VARCHAR limit does not either, lowering one does).
  display_name TEXT NOT NULL CONSTRAINT users_display_name_len CHECK (char_length(display_name) BETWEEN 1 AND 100),
  email        CITEXT NOT NULL UNIQUE,        -- 'Ada@Example.com' = 'ada@example.com'
  bio          TEXT,                           -- no sensible limit: TEXT
  country      CHAR(2) CHECK (country ~ '^[A-Z]{2}$')   -- fixed-length codes only: CHAR pads
);

INSERT INTO users (username, display_name, email, bio, country)
VALUES ('ada', 'Ada Lovelace', 'Ada@Example.com', 'Wrote the first program.', 'GB');

-- The same value takes the same bytes as TEXT and as VARCHAR(n).
SELECT pg_column_size('Ada Lovelace'::text)        AS text_bytes,
       pg_column_size('Ada Lovelace'::varchar(255)) AS varchar_bytes;

-- citext makes the UNIQUE constraint and lookups case-insensitive.
SELECT username FROM users WHERE email = 'ADA@example.COM';
DO $$
BEGIN
  INSERT INTO users (username, display_name, email) VALUES ('ada2', 'Ada', 'ada@example.com');
EXCEPTION WHEN unique_violation THEN RAISE NOTICE 'refused: %', SQLERRM;
END $$;

-- Without citext: a unique index on lower(email), and queries that use lower() too.
CREATE TABLE newsletter_subscribers (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email TEXT NOT NULL
);
CREATE UNIQUE INDEX newsletter_subscribers_email_key ON newsletter_subscribers (lower(email));
INSERT INTO newsletter_subscribers (email) VALUES ('Grace@Example.com');
SELECT id FROM newsletter_subscribers WHERE lower(email) = lower('grace@example.COM');

-- Changing a CHECK-based limit: no table rewrite, old rows validated without a long lock.
ALTER TABLE users DROP CONSTRAINT users_display_name_len,
  ADD CONSTRAINT users_display_name_len CHECK (char_length(display_name) BETWEEN 1 AND 200) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_display_name_len;
