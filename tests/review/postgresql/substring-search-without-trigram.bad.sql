CREATE TABLE products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    sku text NOT NULL
);
CREATE INDEX products_sku_idx ON products (sku text_pattern_ops);
