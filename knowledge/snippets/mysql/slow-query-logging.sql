-- Slow-query logging in MariaDB/MySQL: the slow log, its threshold, and queries not using indexes
-- Server-wide in my.cnf (or SET GLOBAL, lost at restart):
--   slow_query_log = ON
--   long_query_time = 0.25                 seconds
--   log_queries_not_using_indexes = ON     with log_throttle_queries_not_using_indexes
--   log_slow_verbosity = query_plan,explain   (MariaDB: add the plan to each entry)
-- Summarise the log with mysqldumpslow or pt-query-digest.
SHOW VARIABLES WHERE Variable_name IN
  ('slow_query_log', 'slow_query_log_file', 'long_query_time',
   'log_queries_not_using_indexes', 'log_slow_verbosity', 'log_output');

-- Per session, e.g. to catch everything one batch job does.
SET SESSION long_query_time = 0.25;
SELECT @@SESSION.long_query_time AS long_query_time;

-- How many statements were slow since the server started.
SHOW GLOBAL STATUS LIKE 'Slow_queries';
