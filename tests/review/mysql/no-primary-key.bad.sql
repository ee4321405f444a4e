CREATE TABLE `page_views` ( -- expect: no-primary-key
    `path` VARCHAR(255) NOT NULL,
    `viewed_on` DATE NOT NULL,
    `views` BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
