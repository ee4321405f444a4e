CREATE TABLE logins (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_in_at timestamp NOT NULL, -- expect: timestamp-without-time-zone
    seen_at timestamp(3) without time zone -- expect: timestamp-without-time-zone
);
