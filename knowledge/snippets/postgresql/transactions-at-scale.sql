-- Transactions under load: short, time-limited, rows locked in one order, atomic checks, idempotent retries
CREATE TABLE accounts (
  id      BIGINT PRIMARY KEY,
  balance NUMERIC(19,4) NOT NULL CHECK (balance >= 0)   -- the database refuses an overdraft
);
CREATE TABLE transfers (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key UUID          NOT NULL UNIQUE,        -- a retried request cannot run twice
  from_account    BIGINT        NOT NULL REFERENCES accounts (id),
  to_account      BIGINT        NOT NULL REFERENCES accounts (id),
  amount          NUMERIC(19,4) NOT NULL CHECK (amount > 0),
  created_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE TABLE products (
  id    BIGINT PRIMARY KEY,
  stock INT NOT NULL CHECK (stock >= 0)
);
INSERT INTO accounts VALUES (1, 100.0000), (2, 50.0000);
INSERT INTO products VALUES (42, 3);

-- A transfer: nothing slow inside (no HTTP calls, no user think-time), limits set for
-- this transaction only, and both rows locked in id order so that two opposite
-- transfers cannot deadlock.
BEGIN;
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '5s';
INSERT INTO transfers (idempotency_key, from_account, to_account, amount)
VALUES ('6f1c2a9e-1b1d-4f4e-9a53-0c1e8a4b7d21', 2, 1, 30.0000)
ON CONFLICT (idempotency_key) DO NOTHING;               -- 0 rows: already done, stop here
SELECT id FROM accounts WHERE id IN (1, 2) ORDER BY id FOR UPDATE;
UPDATE accounts SET balance = balance - 30.0000 WHERE id = 2;
UPDATE accounts SET balance = balance + 30.0000 WHERE id = 1;
COMMIT;

-- Check-and-change in one statement instead of read, check in the app, write (which
-- two requests can interleave): 0 rows updated means out of stock.
UPDATE products SET stock = stock - 2 WHERE id = 42 AND stock >= 2 RETURNING stock;
UPDATE products SET stock = stock - 2 WHERE id = 42 AND stock >= 2 RETURNING stock;

-- Invariants spanning rows: SERIALIZABLE makes PostgreSQL abort one of two conflicting
-- transactions (SQLSTATE 40001); the application retries the whole transaction, as it
-- does on a deadlock (40P01).
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT sum(balance) AS total FROM accounts;
UPDATE accounts SET balance = balance - 10.0000 WHERE id = 1;
COMMIT;

SELECT * FROM accounts ORDER BY id;
