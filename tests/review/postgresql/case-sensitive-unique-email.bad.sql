CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE -- expect: case-sensitive-unique-email
);
CREATE TABLE staff (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    work_email text NOT NULL
);
CREATE UNIQUE INDEX staff_work_email_key ON staff (work_email); -- expect: case-sensitive-unique-email
