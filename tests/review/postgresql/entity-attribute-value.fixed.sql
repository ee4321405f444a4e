CREATE TABLE products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    colour text,
    weight_grams integer,
    attributes jsonb NOT NULL DEFAULT '{}'
);
-- Settings by name belong to no entity: not an attribute table.
CREATE TABLE settings (
    name text PRIMARY KEY,
    value text NOT NULL
);
