-- A double-entry ledger: append-only postings that always balance
CREATE TABLE ledger_accounts (
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,                 -- 'cash', 'customer:42', 'revenue'
  currency CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$')
);

-- One row per business event (a payment, a refund), with an idempotency key so a retried
-- request cannot book the same event twice.
CREATE TABLE journal_entries (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  description     TEXT NOT NULL,
  booked_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The movements: signed amounts (debit +, credit −) in exact NUMERIC.
CREATE TABLE postings (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  journal_entry_id BIGINT NOT NULL REFERENCES journal_entries (id),
  account_id       BIGINT NOT NULL REFERENCES ledger_accounts (id),
  amount           NUMERIC(19,4) NOT NULL CHECK (amount <> 0)
);
CREATE INDEX postings_entry_idx ON postings (journal_entry_id);
CREATE INDEX postings_account_idx ON postings (account_id, id);

-- Every journal entry must sum to zero. A DEFERRABLE constraint trigger checks it at
-- COMMIT, after all the entry's postings are inserted.
CREATE FUNCTION check_entry_balances() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  s NUMERIC;
BEGIN
  SELECT sum(amount) INTO s FROM postings WHERE journal_entry_id = NEW.journal_entry_id;
  IF s <> 0 THEN
    RAISE EXCEPTION 'journal entry % does not balance (sum %)', NEW.journal_entry_id, s;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER postings_balance
AFTER INSERT ON postings DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION check_entry_balances();

-- Append-only: mistakes are corrected by a reversing entry, never by editing history.
CREATE FUNCTION forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only; book a reversing entry instead', TG_TABLE_NAME;
END $$;
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
FOR EACH ROW EXECUTE FUNCTION forbid_change();

INSERT INTO ledger_accounts (code, currency) VALUES
  ('cash', 'EUR'), ('customer:42', 'EUR'), ('revenue', 'EUR');

-- A customer pays 49.90 for an order: one entry, two postings, one transaction.
BEGIN;
WITH e AS (
  INSERT INTO journal_entries (idempotency_key, description)
  VALUES ('payment:pi_3F9', 'Order 1001 paid by card') RETURNING id
)
INSERT INTO postings (journal_entry_id, account_id, amount)
SELECT e.id, a.id, v.amount
FROM e, (VALUES ('cash', 49.90), ('revenue', -49.90)) AS v(code, amount)
JOIN ledger_accounts a ON a.code = v.code;
COMMIT;

-- An unbalanced entry is refused at COMMIT, and nothing of it remains.
DO $$
BEGIN
  INSERT INTO journal_entries (idempotency_key, description) VALUES ('bad:1', 'Typo');
  INSERT INTO postings (journal_entry_id, account_id, amount)
  VALUES (currval(pg_get_serial_sequence('journal_entries', 'id')), 1, 10.00);
  SET CONSTRAINTS postings_balance IMMEDIATE;   -- check now instead of at COMMIT
EXCEPTION WHEN raise_exception THEN
  RAISE NOTICE 'refused: %', SQLERRM;
END $$;

-- Balances are sums of postings; the books as a whole always sum to zero.
SELECT a.code, coalesce(sum(p.amount), 0) AS balance
FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id
GROUP BY a.code ORDER BY a.code;
SELECT sum(amount) AS trial_balance FROM postings;
