-- Gapless invoice numbers per company: a counter row taken under a row lock
CREATE TABLE invoice_counters (
  company_id BIGINT PRIMARY KEY,
  last_no    BIGINT NOT NULL DEFAULT 0 CHECK (last_no >= 0)
);

CREATE TABLE invoices (
  company_id BIGINT        NOT NULL REFERENCES invoice_counters (company_id),
  invoice_no BIGINT        NOT NULL,
  total      NUMERIC(19,4) NOT NULL CHECK (total >= 0),
  issued_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, invoice_no)
);

INSERT INTO invoice_counters (company_id) VALUES (1);

-- A sequence leaves gaps (a rolled-back transaction keeps its number). The counter
-- row is locked by the UPDATE until COMMIT, so concurrent invoices of one company
-- wait their turn, and a rollback gives the number back.
BEGIN;
WITH next AS (
  UPDATE invoice_counters SET last_no = last_no + 1
  WHERE company_id = 1
  RETURNING company_id, last_no
)
INSERT INTO invoices (company_id, invoice_no, total)
SELECT company_id, last_no, 118.00 FROM next
RETURNING invoice_no;
COMMIT;
