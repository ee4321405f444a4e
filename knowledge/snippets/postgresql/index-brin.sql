-- BRIN index for time ranges over append-only, time-ordered rows
CREATE TABLE events (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id   INT NOT NULL,
  kind        TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  payload     JSONB NOT NULL DEFAULT '{}'
);

-- Rows arrive in time order, so the physical order of the table follows recorded_at:
-- exactly the correlation BRIN relies on.
INSERT INTO events (device_id, kind, recorded_at)
SELECT g % 500, 'reading', timestamptz '2025-01-01' + (g || ' seconds')::interval
FROM generate_series(1, 200000) AS g;

-- BRIN keeps only the min/max per range of table pages (128 by default): a few dozen kB
-- where a B-tree needs megabytes, and almost no cost on insert.
CREATE INDEX events_recorded_at_brin ON events USING BRIN (recorded_at);
CREATE INDEX events_recorded_at_btree ON events (recorded_at);   -- only to compare sizes
ANALYZE events;

SELECT indexrelid::regclass AS index_name, pg_size_pretty(pg_relation_size(indexrelid)) AS size
FROM pg_index WHERE indrelid = 'events'::regclass ORDER BY pg_relation_size(indexrelid);

DROP INDEX events_recorded_at_btree;

-- A time window: Bitmap Index Scan on the BRIN index, then only the matching page ranges
-- are read ("Rows Removed by Index Recheck" are the non-matching rows of those pages).
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT count(*) FROM events
WHERE recorded_at >= '2025-01-02 00:00' AND recorded_at < '2025-01-02 01:00';

-- Correlation near 1 (or -1) is what makes BRIN effective; near 0 it is useless.
SELECT attname, round(correlation::numeric, 3) AS correlation
FROM pg_stats WHERE tablename = 'events' AND attname IN ('recorded_at', 'device_id');
