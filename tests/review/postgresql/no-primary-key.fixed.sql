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
