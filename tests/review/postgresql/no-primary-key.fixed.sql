-- The key is added later, as pg_dump writes it; a partition has its parent's key.
CREATE TABLE page_views (
    path text NOT NULL,
    viewed_on date NOT NULL,
    views bigint NOT NULL DEFAULT 0
);
ALTER TABLE ONLY page_views ADD CONSTRAINT page_views_pkey PRIMARY KEY (path, viewed_on);

CREATE TABLE measurements (
    taken_on date NOT NULL,
    sensor text NOT NULL,
    PRIMARY KEY (taken_on, sensor)
) PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2024 PARTITION OF measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 (
    taken_on date NOT NULL,
    sensor text NOT NULL
);
ALTER TABLE ONLY measurements ATTACH PARTITION measurements_2025
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- A unique key on NOT NULL columns is a key in all but name (REPLICA IDENTITY USING INDEX).
CREATE TABLE tags (
    label text NOT NULL,
    colour text
);
CREATE UNIQUE INDEX tags_label_key ON tags (label);
-- NOT NULL set by a later migration counts as well.
CREATE TABLE labels (
    code text,
    note text
);
ALTER TABLE labels ALTER COLUMN code SET NOT NULL;
ALTER TABLE ONLY labels ADD CONSTRAINT labels_code_key UNIQUE (code);
