CREATE TABLE page_views ( -- expect: no-primary-key
    path text NOT NULL,
    viewed_on date NOT NULL,
    views bigint NOT NULL DEFAULT 0
);
-- A unique key on a column that may be NULL does not name every row.
CREATE TABLE tags ( -- expect: no-primary-key
    label text UNIQUE,
    colour text
);
-- A migration that lets the unique column be NULL again.
CREATE TABLE codes ( -- expect: no-primary-key
    code text NOT NULL UNIQUE
);
ALTER TABLE codes ALTER COLUMN code DROP NOT NULL;
