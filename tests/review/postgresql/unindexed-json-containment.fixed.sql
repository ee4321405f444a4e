CREATE TABLE products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX products_attributes_gin_idx ON products USING gin (attributes jsonb_path_ops);
