-- Money in exact decimals; a weight may stay a float.
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total numeric(19, 4) NOT NULL,
    unit_price numeric(19, 4) NOT NULL,
    weight_kg double precision
);
