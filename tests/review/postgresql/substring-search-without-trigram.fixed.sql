CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    sku text NOT NULL
);
CREATE INDEX products_sku_idx ON products (sku text_pattern_ops);
CREATE INDEX products_name_trgm_idx ON products USING gin (name gin_trgm_ops);
