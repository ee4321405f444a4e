-- UUID primary keys: gen_random_uuid() (v4) built in, time-ordered UUIDv7 for index locality
-- gen_random_uuid() is built into PostgreSQL 13+; the uuid-ossp extension is not needed.
CREATE TABLE api_tokens_v4 (
  id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),   -- random: unguessable, unordered
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. PostgreSQL 18 has
-- uuidv7(); before that, this function builds one from a v4 by overwriting the first
-- six bytes with the time and turning version 4 into 7.
CREATE FUNCTION uuid_v7(at TIMESTAMPTZ DEFAULT clock_timestamp()) RETURNS uuid
LANGUAGE sql VOLATILE AS $$
  SELECT encode(
           set_bit(set_bit(
             overlay(uuid_send(gen_random_uuid())
                     PLACING substring(int8send((extract(epoch FROM at) * 1000)::bigint) FROM 3)
                     FROM 1 FOR 6),
             52, 1), 53, 1),
           'hex')::uuid
$$;

CREATE TABLE orders (
  id          UUID PRIMARY KEY DEFAULT uuid_v7(),   -- created in time order
  customer_id BIGINT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO orders (customer_id) VALUES (42) RETURNING id, substr(id::text, 15, 1) AS version;

-- Index locality: 100k random v4 keys land all over the B-tree (page splits, part-empty
-- pages, a cold cache); v7 keys, created over time (here: one every 10 ms), append at
-- the right edge like a sequence and leave full pages behind.
CREATE TABLE keys_v4 (id UUID PRIMARY KEY);
CREATE TABLE keys_v7 (id UUID PRIMARY KEY);
INSERT INTO keys_v4 SELECT gen_random_uuid() FROM generate_series(1, 100000);
INSERT INTO keys_v7
SELECT uuid_v7(timestamptz '2025-01-01 00:00+00' + g * interval '10 ms')
FROM generate_series(1, 100000) AS g;
SELECT pg_size_pretty(pg_relation_size('keys_v4_pkey')) AS v4_index,
       pg_size_pretty(pg_relation_size('keys_v7_pkey')) AS v7_index;

-- A common compromise: a BIGINT identity key for joins inside the database, and a UUID
-- for the outside world (URLs, APIs), so ids are neither guessable nor countable.
CREATE TABLE invoices (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  total     NUMERIC(19,4) NOT NULL
);
INSERT INTO invoices (total) VALUES (49.90);
SELECT id, public_id IS NOT NULL AS has_public_id FROM invoices;
