CREATE TABLE logins (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_in_at timestamptz NOT NULL,
    seen_at timestamp(3) with time zone,
    birthday date
);
-- Days of the calendar held in a timestamp: timestamptz would move them with the zone.
CREATE TABLE employees (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    birth_date timestamp,
    hire_date timestamp
);
