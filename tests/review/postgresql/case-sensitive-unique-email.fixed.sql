CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
CREATE UNIQUE INDEX users_lower_email_key ON users (lower(email));
CREATE TABLE staff (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    work_email citext NOT NULL UNIQUE
);
