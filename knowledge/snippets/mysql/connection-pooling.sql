-- Connection pooling, seen from MariaDB/MySQL: limits, who holds connections, per-user caps and timeouts
-- Pool size: a few connections per core actually run at once; (cores * 2) + spindles,
-- usually 10–30 for the whole server, shared by every application instance.
SHOW VARIABLES WHERE Variable_name IN
  ('max_connections', 'max_user_connections', 'wait_timeout', 'thread_handling',
   'thread_pool_size', 'innodb_lock_wait_timeout');

-- Peak and current use: Max_used_connections near max_connections means pools that
-- are too big in sum, or leaks.
SHOW GLOBAL STATUS WHERE Variable_name IN
  ('Threads_connected', 'Threads_running', 'Max_used_connections', 'Aborted_clients', 'Aborted_connects');

-- Connections by user and what they do: many 'Sleep' with a large TIME are idle pool members.
SELECT USER, COMMAND, COUNT(*) AS connections, MAX(TIME) AS longest_s
FROM information_schema.PROCESSLIST
GROUP BY USER, COMMAND ORDER BY connections DESC;

-- A cap for the application account, so one runaway service cannot take every connection.
CREATE USER 'app_rw'@'localhost' IDENTIFIED BY 'change-me' WITH MAX_USER_CONNECTIONS 40;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.* TO 'app_rw'@'localhost';   -- app: your database
SELECT User, Host, max_user_connections FROM mysql.user WHERE User = 'app_rw';

-- Per-session limits the pool sets on each connection: idle connections are closed by the
-- server after wait_timeout (keep the pool's idle timeout below it), and a lock wait
-- gives up after innodb_lock_wait_timeout seconds.
SET SESSION wait_timeout = 600;
SET SESSION innodb_lock_wait_timeout = 5;
SELECT @@SESSION.wait_timeout, @@SESSION.innodb_lock_wait_timeout;

-- Runaway statements are stopped; the two engines name the limit differently, so the
-- statement is chosen by the server it runs on. MySQL 8 (the second): max_execution_time,
-- in milliseconds, stops read-only SELECTs only. A pool that knows its engine sets its
-- one line directly.
-- MariaDB (the first): max_statement_time, in seconds, stops any statement.
SET @statement_limit = IF(VERSION() LIKE '%MariaDB%',
  'SET SESSION max_statement_time = 30',
  'SET SESSION max_execution_time = 30000');
PREPARE set_statement_limit FROM @statement_limit;
EXECUTE set_statement_limit;
DEALLOCATE PREPARE set_statement_limit;
