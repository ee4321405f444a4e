CREATE TABLE products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE product_attributes ( -- expect: entity-attribute-value
    product_id bigint NOT NULL REFERENCES products (id),
    attribute_name text NOT NULL,
    attribute_value text,
    PRIMARY KEY (product_id, attribute_name)
);
