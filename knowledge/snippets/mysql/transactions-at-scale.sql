-- Transactions under load in MariaDB/MySQL: short, rows locked in one order, atomic checks, idempotent retries
CREATE TABLE accounts (
  id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  balance DECIMAL(19,4)   NOT NULL,
  CONSTRAINT accounts_no_overdraft CHECK (balance >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE TABLE transfers (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  idempotency_key CHAR(36)        NOT NULL,
  from_account    BIGINT UNSIGNED NOT NULL,
  to_account      BIGINT UNSIGNED NOT NULL,
  amount          DECIMAL(19,4)   NOT NULL,
  UNIQUE KEY transfers_idempotency (idempotency_key),   -- a retried request cannot run twice
  FOREIGN KEY (from_account) REFERENCES accounts (id),
  FOREIGN KEY (to_account) REFERENCES accounts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE TABLE products (
  id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  stock INT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO accounts VALUES (1, 100.0000), (2, 50.0000);
INSERT INTO products VALUES (42, 3);

-- Wait at most 5 s for a row lock instead of the default 50 s.
SET SESSION innodb_lock_wait_timeout = 5;

-- Lock both rows in id order (two opposite transfers then cannot deadlock), write, commit.
START TRANSACTION;
INSERT INTO transfers (idempotency_key, from_account, to_account, amount)
VALUES ('6f1c2a9e-1b1d-4f4e-9a53-0c1e8a4b7d21', 2, 1, 30.0000);
SELECT id FROM accounts WHERE id IN (1, 2) ORDER BY id FOR UPDATE;
UPDATE accounts SET balance = balance - 30.0000 WHERE id = 2;
UPDATE accounts SET balance = balance + 30.0000 WHERE id = 1;
COMMIT;

-- Check-and-change in one statement: ROW_COUNT() = 0 means out of stock.
UPDATE products SET stock = stock - 2 WHERE id = 42 AND stock >= 2;
SELECT ROW_COUNT() AS reserved;
UPDATE products SET stock = stock - 2 WHERE id = 42 AND stock >= 2;
SELECT ROW_COUNT() AS reserved;

-- On a deadlock (error 1213) InnoDB rolls the transaction back: retry it whole.
SELECT id, balance FROM accounts ORDER BY id;
