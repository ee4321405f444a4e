-- Tiered storage: hot partitions in PostgreSQL, old partitions detached, exported and dropped
CREATE TABLE events (
  id          UUID        NOT NULL DEFAULT gen_random_uuid(),
  account_id  BIGINT      NOT NULL,
  kind        TEXT        NOT NULL,
  payload     JSONB       NOT NULL DEFAULT '{}',
  occurred_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE events_2025_01 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE events_2025_02 PARTITION OF events FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
CREATE TABLE events_2025_03 PARTITION OF events FOR VALUES FROM ('2025-03-01') TO ('2025-04-01');
CREATE INDEX events_account_time ON events (account_id, occurred_at DESC);

INSERT INTO events (account_id, kind, occurred_at)
SELECT (g % 10) + 1, CASE WHEN g % 3 = 0 THEN 'login' ELSE 'page_view' END,
       TIMESTAMPTZ '2025-01-01 00:00+00' + (g || ' hours')::interval
FROM generate_series(0, 2000) AS g;

-- Warm tier: old partitions leave the hot table but stay queryable in an archive schema.
-- CONCURRENTLY (PostgreSQL 14+) does not block queries on events; it cannot run inside a
-- transaction block or when the table has a default partition.
CREATE SCHEMA archive;
CREATE TABLE archive.events (LIKE events) PARTITION BY RANGE (occurred_at);
ALTER TABLE events DETACH PARTITION events_2025_01 CONCURRENTLY;
ALTER TABLE events_2025_01 SET SCHEMA archive;
ALTER TABLE archive.events ATTACH PARTITION archive.events_2025_01
  FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
-- Optionally put warm data on cheaper disks: ALTER TABLE … SET TABLESPACE slow_disks;

-- Cold tier: export the partition to object storage, e.g.
--   psql -c "\copy (SELECT … ) TO STDOUT WITH (FORMAT csv, HEADER)" | gzip | aws s3 cp - s3://…/events_2025_01.csv.gz
-- (or convert to Parquet), then prove the export before dropping anything.
COPY (SELECT id, account_id, kind, payload, occurred_at
      FROM archive.events_2025_01 ORDER BY occurred_at LIMIT 3)
TO STDOUT WITH (FORMAT csv, HEADER true);

-- Record what was exported (rows and time range) and compare with the file's count.
CREATE TABLE archive.exports (
  partition_name TEXT        PRIMARY KEY,
  row_count      BIGINT      NOT NULL,
  min_time       TIMESTAMPTZ NOT NULL,
  max_time       TIMESTAMPTZ NOT NULL,
  location       TEXT        NOT NULL,
  exported_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO archive.exports (partition_name, row_count, min_time, max_time, location)
SELECT 'events_2025_01', count(*), min(occurred_at), max(occurred_at),
       's3://example-archive/events/2025/01/events_2025_01.csv.gz'
FROM archive.events_2025_01;

-- Only after the exported file has been verified: drop the partition.
ALTER TABLE archive.events DETACH PARTITION archive.events_2025_01;
DROP TABLE archive.events_2025_01;

SELECT * FROM archive.exports;
SELECT min(occurred_at) AS oldest_hot_event FROM events;
