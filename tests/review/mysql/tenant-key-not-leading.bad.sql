CREATE TABLE accounts (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE projects (
    account_id BIGINT NOT NULL,
    id BIGINT NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (account_id, id),
    KEY projects_id_idx (id),
    FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;
CREATE TABLE tasks (
    id BIGINT NOT NULL AUTO_INCREMENT,
    account_id BIGINT NOT NULL,
    title VARCHAR(200) NOT NULL,
    PRIMARY KEY (id), -- expect: tenant-key-not-leading
    FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;
