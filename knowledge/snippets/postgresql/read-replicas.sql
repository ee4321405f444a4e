-- Read replicas: which server am I on, how far behind are the replicas, read-your-writes by LSN
CREATE TABLE profiles (
  user_id    BIGINT PRIMARY KEY,
  bio        TEXT NOT NULL DEFAULT '',
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO profiles (user_id, bio) VALUES (1, 'Hello'), (2, 'Hi');

-- true on a replica (hot standby), false on the primary: check it when routing.
SELECT pg_is_in_recovery() AS is_replica;

-- On the primary: every connected replica and its lag (write, flush, replay).
SELECT application_name, client_addr, state, sync_state,
       write_lag, flush_lag, replay_lag,
       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS replay_bytes_behind
FROM pg_stat_replication;

-- On the primary: replication slots hold WAL until their replica consumes it; a slot
-- whose replica is gone fills the disk. Alert on retained WAL.
SELECT slot_name, active,
       pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) AS retained_wal
FROM pg_replication_slots;

-- On a replica: how old is the last replayed transaction (NULL on a primary). Note it
-- also grows when the primary is simply idle.
SELECT now() - pg_last_xact_replay_timestamp() AS replay_delay;

-- Read-your-writes: after a write on the primary, keep its WAL position in the user's
-- session (a cookie, say) …
UPDATE profiles SET bio = 'Hello, world', updated_at = now() WHERE user_id = 1;
SELECT pg_current_wal_insert_lsn() AS write_lsn;
-- … and read from a replica only once it has replayed that far; else read the primary.
SELECT coalesce(pg_last_wal_replay_lsn() >= '0/1A2B3C4D'::pg_lsn, false) AS replica_caught_up;

-- A role for replica traffic whose sessions are read-only by default, so a write
-- that was routed to the read pool fails loudly even if it reaches the primary.
CREATE ROLE app_reader LOGIN;
ALTER ROLE app_reader SET default_transaction_read_only = on;
GRANT SELECT ON profiles TO app_reader;

-- Settings that decide how replicas behave under long reports.
SELECT name, setting FROM pg_settings
WHERE name IN ('hot_standby', 'hot_standby_feedback', 'max_standby_streaming_delay',
               'synchronous_commit', 'synchronous_standby_names')
ORDER BY name;
