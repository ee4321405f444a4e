-- The write cost of indexes: every index is updated by every insert
CREATE TABLE events_lean (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    BIGINT NOT NULL,
  kind       TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE events_heavy (LIKE events_lean INCLUDING ALL);
-- Leave room in each page so updates can stay on the page (see HOT below).
ALTER TABLE events_lean  SET (fillfactor = 90);
ALTER TABLE events_heavy SET (fillfactor = 90);

-- "One index per column, just in case", plus a prefix of another index.
CREATE INDEX ON events_heavy (user_id);
CREATE INDEX ON events_heavy (kind);
CREATE INDEX ON events_heavy (created_at);
CREATE INDEX ON events_heavy (updated_at);
CREATE INDEX ON events_heavy (user_id, created_at);   -- makes (user_id) alone redundant

-- Only what the hot query needs: one composite index.
CREATE INDEX ON events_lean (user_id, created_at);

\timing on
INSERT INTO events_lean (user_id, kind)
SELECT g % 1000, 'click' FROM generate_series(1, 100000) AS g;
INSERT INTO events_heavy (user_id, kind)
SELECT g % 1000, 'click' FROM generate_series(1, 100000) AS g;
\timing off

-- The heavy table writes (and stores, and caches, and vacuums) several times more index data.
SELECT relname,
       pg_size_pretty(pg_table_size(relid))   AS table_size,
       pg_size_pretty(pg_indexes_size(relid)) AS index_size,
       (SELECT count(*) FROM pg_index i WHERE i.indrelid = relid) AS indexes
FROM pg_stat_user_tables ORDER BY relname;

-- Redundant indexes: an index whose columns are the leading columns of another index on
-- the same table (unique ones are kept: they enforce a rule).
SELECT a.indexrelid::regclass AS redundant, b.indexrelid::regclass AS covered_by
FROM pg_index a
JOIN pg_index b ON a.indrelid = b.indrelid AND a.indexrelid <> b.indexrelid
WHERE NOT a.indisunique
  AND a.indpred IS NULL AND b.indpred IS NULL
  AND a.indexprs IS NULL AND b.indexprs IS NULL
  AND b.indkey::text LIKE a.indkey::text || ' %'   -- indkey is '2 4': column numbers
ORDER BY 1;

-- Indexing a column also rules out HOT updates of it: when no indexed column changes,
-- PostgreSQL updates the row in place on its page and touches no index; when one does,
-- every index of the table gets a new entry. Same update, compare n_tup_hot_upd.
UPDATE events_lean  SET updated_at = now() WHERE id <= 1000;
UPDATE events_heavy SET updated_at = now() WHERE id <= 1000;
SELECT pg_stat_force_next_flush();
SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables ORDER BY relname;
