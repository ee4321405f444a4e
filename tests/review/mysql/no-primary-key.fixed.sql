CREATE TABLE `page_views` (
    `path` VARCHAR(255) NOT NULL,
    `viewed_on` DATE NOT NULL,
    `views` BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
ALTER TABLE `page_views` ADD PRIMARY KEY (`path`, `viewed_on`);
