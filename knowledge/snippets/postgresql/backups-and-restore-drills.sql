-- Backups you have restored: WAL archiving health, a restore-drill log, and checks to run on the restored copy
-- The backups themselves are taken outside SQL, for example:
--   pg_dump -Fc -d app -f app.dump                 logical, per database; restore with pg_restore -j 4
--   pg_basebackup -D /backups/base -X stream -c fast  physical base backup of the whole cluster
--   pgBackRest / WAL-G / Barman                     base backups + WAL archive = point-in-time recovery
-- Point-in-time recovery needs WAL archiving on the primary:
SELECT name, setting FROM pg_settings
WHERE name IN ('wal_level', 'archive_mode', 'archive_command', 'archive_library', 'archive_timeout')
ORDER BY name;

-- Is archiving keeping up? A growing failed_count or an old last_archived_time means the
-- recovery point objective is already broken.
SELECT archived_count, last_archived_wal, last_archived_time,
       failed_count, last_failed_wal, last_failed_time
FROM pg_stat_archiver;

-- A log of restore drills: a backup counts only once a restore from it has worked.
CREATE TABLE restore_drills (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  backup_id        TEXT        NOT NULL,
  backup_taken_at  TIMESTAMPTZ NOT NULL,
  restore_target   TIMESTAMPTZ,                 -- PITR target, if any
  started_at       TIMESTAMPTZ NOT NULL,
  finished_at      TIMESTAMPTZ NOT NULL,
  newest_row_at    TIMESTAMPTZ,                 -- newest data found in the restored copy
  checks_passed    BOOLEAN     NOT NULL,
  notes            TEXT
);

-- Stand-in for application data in the restored copy.
CREATE TABLE orders (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  total      NUMERIC(19,4) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO orders (total, created_at)
SELECT g * 1.5, now() - (g || ' minutes')::interval FROM generate_series(1, 500) AS g;
ANALYZE orders;

-- Checks on the restored copy: row counts of key tables against the source, how
-- recent the newest data is (the real recovery point), and index integrity.
SELECT count(*) AS orders, max(created_at) AS newest_order,
       now() - max(created_at) AS data_age
FROM orders;

SELECT relname, n_live_tup FROM pg_stat_user_tables ORDER BY n_live_tup DESC LIMIT 10;

-- amcheck (shipped with PostgreSQL) raises an error if a B-tree index is corrupt or
-- misses a row of its table.
CREATE EXTENSION IF NOT EXISTS amcheck;
SELECT bt_index_check(index => 'orders_pkey'::regclass, heapallindexed => true);

INSERT INTO restore_drills (backup_id, backup_taken_at, started_at, finished_at,
                            newest_row_at, checks_passed, notes)
SELECT '20250601T020000F', '2025-06-01 02:00+00', now() - interval '42 minutes', now(),
       max(created_at), true, 'full restore to a scratch server; app smoke test passed'
FROM orders;

SELECT backup_id, finished_at - started_at AS restore_took, checks_passed FROM restore_drills;
