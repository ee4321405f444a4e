CREATE TABLE orders (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    total DOUBLE NOT NULL, -- expect: float-money
    unit_price FLOAT(10, 2) NOT NULL, -- expect: float-money
    weight_kg DOUBLE
) ENGINE=InnoDB;
