-- Read replicas in MariaDB/MySQL: am I a replica, how far behind, read-your-writes by GTID
CREATE TABLE profiles (
  user_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  bio        VARCHAR(500) NOT NULL DEFAULT '',
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO profiles (user_id, bio) VALUES (1, 'Hello'), (2, 'Hi');

-- Replicas run read_only (and the application's account has no SUPER/READ_ONLY ADMIN),
-- so a write routed to a replica fails instead of diverging it.
SELECT @@read_only AS read_only;

-- On a replica: Seconds_Behind_Master, Slave_IO_Running / Slave_SQL_Running and the last
-- error (empty result on a primary; MySQL 8.0.22+ names the columns Source/Replica).
SHOW REPLICA STATUS;

-- Read-your-writes: after a write on the primary, remember its GTID position …
UPDATE profiles SET bio = 'Hello, world' WHERE user_id = 1;
SELECT @@gtid_binlog_pos AS write_position;
-- … and on the replica wait (at most 0.5 s) until it has applied that position:
-- 0 = caught up, read here; -1 = timed out, read from the primary instead.
-- (MySQL: WAIT_FOR_EXECUTED_GTID_SET('<gtid set>', 0.5).)
SELECT MASTER_GTID_WAIT('0-1-100', 0.5) AS caught_up;
