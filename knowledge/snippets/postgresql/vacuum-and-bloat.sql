-- Vacuum and bloat: tune autovacuum per hot table, leave room for HOT updates, measure dead space
CREATE TABLE sessions (
  id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    BIGINT NOT NULL,
  last_seen  TIMESTAMPTZ NOT NULL DEFAULT now(),
  data       JSONB NOT NULL DEFAULT '{}'
) WITH (fillfactor = 80);   -- free space in each page lets updates stay on the page (HOT)

-- The defaults vacuum a table once 20% of it is dead: for a 100-million-row table that is
-- 20 million dead rows. Large, busy tables get a lower threshold of their own.
ALTER TABLE sessions SET (
  autovacuum_vacuum_scale_factor  = 0.02,
  autovacuum_analyze_scale_factor = 0.01,
  autovacuum_vacuum_cost_limit    = 2000
);

INSERT INTO sessions (user_id) SELECT g FROM generate_series(1, 5000) AS g;
UPDATE sessions SET last_seen = now() WHERE user_id % 2 = 0;
DELETE FROM sessions WHERE user_id % 5 = 0;

-- Dead rows waiting for vacuum, and how many updates were HOT (no index change needed).
SELECT relname, n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd,
       last_autovacuum, autovacuum_count
FROM pg_stat_user_tables WHERE relname = 'sessions';

-- Exact dead and free space with pgstattuple (shipped with PostgreSQL; reads the whole table).
CREATE EXTENSION IF NOT EXISTS pgstattuple;
SELECT table_len, tuple_percent, dead_tuple_percent, free_percent FROM pgstattuple('sessions');

-- Plain VACUUM makes dead space reusable without blocking reads or writes. VACUUM FULL
-- gives space back to the OS but rewrites the table under an exclusive lock: avoid it on
-- a live table (pg_repack does the same online).
VACUUM (ANALYZE) sessions;

-- What stops vacuum from removing dead rows: long transactions and abandoned slots.
SELECT pid, now() - xact_start AS open_for, state, left(query, 60) AS query
FROM pg_stat_activity
WHERE xact_start IS NOT NULL AND now() - xact_start > interval '10 minutes'
ORDER BY xact_start;
SELECT reloptions FROM pg_class WHERE relname = 'sessions';
