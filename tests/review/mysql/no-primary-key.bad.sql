CREATE TABLE `page_views` ( -- expect: no-primary-key
    `path` VARCHAR(255) NOT NULL,
    `viewed_on` DATE NOT NULL,
    `views` BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
-- A unique key on a column that may be NULL does not name every row.
CREATE TABLE `tags` ( -- expect: no-primary-key
    `label` VARCHAR(100) UNIQUE,
    `colour` VARCHAR(20)
) ENGINE=InnoDB;
