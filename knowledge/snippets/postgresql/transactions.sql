-- A money transfer as one transaction: both updates or neither
CREATE TABLE accounts (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner   TEXT NOT NULL,
  balance NUMERIC(19,4) NOT NULL CHECK (balance >= 0)   -- the database refuses an overdraft
);
CREATE TABLE transfers (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_id    BIGINT NOT NULL REFERENCES accounts (id),
  to_id      BIGINT NOT NULL REFERENCES accounts (id),
  amount     NUMERIC(19,4) NOT NULL CHECK (amount > 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (from_id <> to_id)
);
INSERT INTO accounts (owner, balance) VALUES ('Ada', 100), ('Grace', 20);

-- The transfer as a function, so the same rules hold for every caller.
CREATE FUNCTION transfer(p_from BIGINT, p_to BIGINT, p_amount NUMERIC) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
  t_id BIGINT;
BEGIN
  -- Lock both rows in id order: two opposite transfers cannot deadlock.
  PERFORM 1 FROM accounts WHERE id IN (p_from, p_to) ORDER BY id FOR UPDATE;
  -- Check and change in one statement: the CHECK constraint rejects a negative balance,
  -- so no read-then-write race can overdraw the account.
  UPDATE accounts SET balance = balance - p_amount WHERE id = p_from;
  UPDATE accounts SET balance = balance + p_amount WHERE id = p_to;
  INSERT INTO transfers (from_id, to_id, amount) VALUES (p_from, p_to, p_amount)
  RETURNING id INTO t_id;
  RETURN t_id;
END $$;

-- Succeeds: both balances change and the transfer is recorded, atomically.
BEGIN;
SELECT transfer(1, 2, 30);
COMMIT;

-- Fails: Ada has 70 left. The CHECK violation aborts the whole transaction, so the
-- credit to Grace and the transfer row are rolled back too. (Caught here only so the
-- script can carry on; an application lets the error roll back its transaction.)
DO $$
BEGIN
  PERFORM transfer(1, 2, 500);
EXCEPTION WHEN check_violation THEN
  RAISE NOTICE 'transfer refused: %', SQLERRM;
END $$;

SELECT owner, balance FROM accounts ORDER BY id;   -- Ada 70, Grace 50
SELECT count(*) AS transfers FROM transfers;       -- 1

-- Invariants that span rows (e.g. "at most 3 active sessions per user") need more than
-- READ COMMITTED: SERIALIZABLE detects the conflicting transaction and aborts it with
-- SQLSTATE 40001, and the application retries the whole transaction.
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT sum(balance) AS total FROM accounts;
COMMIT;
