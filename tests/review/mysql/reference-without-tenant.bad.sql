CREATE TABLE accounts (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE tasks (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    title VARCHAR(200) NOT NULL,
    FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;
-- A comment names its task by id alone: nothing stops it naming another account's task.
CREATE TABLE comments (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    task_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    FOREIGN KEY (account_id) REFERENCES accounts (id),
    FOREIGN KEY (task_id) REFERENCES tasks (id) -- expect: reference-without-tenant
) ENGINE=InnoDB;
