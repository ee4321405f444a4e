CREATE TABLE products (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    attributes JSON NOT NULL,
    colour VARCHAR(255) AS (JSON_UNQUOTE(JSON_EXTRACT(attributes, '$.colour'))) VIRTUAL,
    INDEX products_colour_idx (colour)
) ENGINE = InnoDB;
