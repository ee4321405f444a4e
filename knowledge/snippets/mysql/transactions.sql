-- A money transfer as one InnoDB transaction (MySQL/MariaDB)
CREATE TABLE accounts (
  id      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner   VARCHAR(100) NOT NULL,
  balance DECIMAL(19,4) NOT NULL,
  CONSTRAINT accounts_no_overdraft CHECK (balance >= 0)
) ENGINE=InnoDB;                     -- MyISAM has no transactions: never for such data
CREATE TABLE transfers (
  id      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  from_id BIGINT UNSIGNED NOT NULL,
  to_id   BIGINT UNSIGNED NOT NULL,
  amount  DECIMAL(19,4) NOT NULL,
  CONSTRAINT transfers_from_fk FOREIGN KEY (from_id) REFERENCES accounts (id),
  CONSTRAINT transfers_to_fk FOREIGN KEY (to_id) REFERENCES accounts (id),
  CONSTRAINT transfers_amount_check CHECK (amount > 0)
) ENGINE=InnoDB;
INSERT INTO accounts (owner, balance) VALUES ('Ada', 100), ('Grace', 20);

-- Lock both rows in id order (no deadlock between opposite transfers), then change them.
START TRANSACTION;
SELECT id, balance FROM accounts WHERE id IN (1, 2) ORDER BY id FOR UPDATE;
-- The guard is in the statement: 0 rows changed means insufficient funds → ROLLBACK.
UPDATE accounts SET balance = balance - 30 WHERE id = 1 AND balance >= 30;
UPDATE accounts SET balance = balance + 30 WHERE id = 2;
INSERT INTO transfers (from_id, to_id, amount) VALUES (1, 2, 30);
COMMIT;

-- A failing transfer: the guard matches no row, so the application rolls back and the
-- credit is never kept.
START TRANSACTION;
UPDATE accounts SET balance = balance - 500 WHERE id = 1 AND balance >= 500;
SELECT ROW_COUNT() AS debited;     -- 0: insufficient funds
ROLLBACK;

SELECT owner, balance FROM accounts ORDER BY id;   -- Ada 70, Grace 50
-- Note: a statement error inside a transaction does NOT roll the transaction back in
-- MySQL; the application must issue ROLLBACK (drivers' transaction helpers do).
