CREATE TABLE `page_views` (
    `path` VARCHAR(255) NOT NULL,
    `viewed_on` DATE NOT NULL,
    `views` BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
ALTER TABLE `page_views` ADD PRIMARY KEY (`path`, `viewed_on`);
-- A unique key on NOT NULL columns is a key in all but name.
CREATE TABLE `tags` (
    `label` VARCHAR(100) NOT NULL,
    `colour` VARCHAR(20),
    UNIQUE KEY `tags_label` (`label`)
) ENGINE=InnoDB;
