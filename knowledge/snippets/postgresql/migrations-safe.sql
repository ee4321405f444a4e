-- Safe schema changes on a busy table: lock_timeout, nullable column, batched backfill, NOT VALID + VALIDATE, CONCURRENTLY
CREATE TABLE accounts (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT NOT NULL UNIQUE,
  legacy_tel TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE countries (code TEXT PRIMARY KEY);
INSERT INTO countries VALUES ('DE'), ('FR'), ('GB');
INSERT INTO accounts (email, legacy_tel)
SELECT 'user' || g || '@example.com', '+44 20 7946 ' || lpad(g::text, 4, '0')
FROM generate_series(1, 5000) AS g;

-- Every DDL statement waits for its lock behind running queries, and every later query
-- queues behind it. A short lock_timeout makes it give up (and be retried) instead of
-- stalling the whole table.
SET lock_timeout = '5s';

-- 1. Add the column nullable, without a default: a catalog change, no table rewrite.
ALTER TABLE accounts ADD COLUMN phone TEXT;
-- (PostgreSQL 11+: a constant default is also instant, e.g. … BOOLEAN NOT NULL DEFAULT false.
-- A volatile default such as clock_timestamp() rewrites the whole table under lock.)
ALTER TABLE accounts ADD COLUMN marketing_opt_in BOOLEAN NOT NULL DEFAULT false;

-- 2. Backfill in small batches, each its own transaction, so no long lock and no huge
-- transaction for replicas and VACUUM to digest.
CREATE PROCEDURE backfill_accounts_phone(batch_size int DEFAULT 1000)
LANGUAGE plpgsql AS $$
DECLARE
  n int;
BEGIN
  LOOP
    UPDATE accounts SET phone = legacy_tel
    WHERE id IN (SELECT id FROM accounts WHERE phone IS NULL AND legacy_tel IS NOT NULL
                 ORDER BY id LIMIT batch_size);
    GET DIAGNOSTICS n = ROW_COUNT;
    COMMIT;
    EXIT WHEN n = 0;
  END LOOP;
END $$;
CALL backfill_accounts_phone(1000);
DROP PROCEDURE backfill_accounts_phone;

-- 3. Enforce NOT NULL without a long exclusive lock: a NOT VALID check is instant,
-- VALIDATE scans while reads and writes go on, and SET NOT NULL (PostgreSQL 12+) then
-- trusts the validated check instead of scanning again.
ALTER TABLE accounts ADD CONSTRAINT accounts_phone_not_null CHECK (phone IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_phone_not_null;
ALTER TABLE accounts ALTER COLUMN phone SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT accounts_phone_not_null;

-- Foreign keys the same way: NOT VALID now, VALIDATE later.
ALTER TABLE accounts ADD COLUMN country_code TEXT;
ALTER TABLE accounts ADD CONSTRAINT accounts_country_fk
  FOREIGN KEY (country_code) REFERENCES countries (code) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_country_fk;

-- 4. Indexes without blocking writes. CONCURRENTLY cannot run inside a transaction
-- block (most migration tools need a per-migration opt-out of their transaction).
CREATE INDEX CONCURRENTLY accounts_phone_idx ON accounts (phone);

-- A failed CONCURRENTLY build leaves an INVALID index behind: find it, drop it, retry.
SELECT c.relname AS invalid_index
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE NOT i.indisvalid;

-- Dropping works the same way.
DROP INDEX CONCURRENTLY IF EXISTS accounts_phone_idx;

RESET lock_timeout;
SELECT count(*) AS accounts, count(phone) AS with_phone FROM accounts;
