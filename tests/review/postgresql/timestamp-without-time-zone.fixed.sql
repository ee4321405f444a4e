CREATE TABLE logins (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_in_at timestamptz NOT NULL,
    seen_at timestamp(3) with time zone,
    birthday date
);
