CREATE TABLE page_views ( -- expect: no-primary-key
    path text NOT NULL,
    viewed_on date NOT NULL,
    views bigint NOT NULL DEFAULT 0
);
