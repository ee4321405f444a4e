CREATE TABLE accounts (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE tasks (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    title VARCHAR(200) NOT NULL,
    UNIQUE KEY tasks_account_id_id_key (account_id, id),
    FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;
-- The comment's task is named with its account: another account's task is refused.
CREATE TABLE comments (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    task_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    FOREIGN KEY (account_id) REFERENCES accounts (id),
    FOREIGN KEY (account_id, task_id) REFERENCES tasks (account_id, id)
) ENGINE=InnoDB;
