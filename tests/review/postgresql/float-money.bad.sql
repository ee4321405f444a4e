-- Money in binary fractions: the total and the unit price drift by cents.
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total double precision NOT NULL, -- expect: float-money
    unit_price real NOT NULL, -- expect: float-money
    weight_kg double precision
);
