-- Cursor (keyset) pagination in MySQL/MariaDB: seek past the last row, never OFFSET deep
CREATE TABLE posts (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id  BIGINT UNSIGNED NOT NULL,
  title      VARCHAR(200) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  -- Sort order plus the unique tie-breaker (InnoDB appends the primary key to every
  -- secondary index anyway; naming it makes the order explicit).
  KEY posts_created_id_idx (created_at, id)
) ENGINE=InnoDB;

INSERT INTO posts (author_id, title, created_at)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1000)
SELECT n % 50, CONCAT('Post ', n), TIMESTAMP '2025-01-01 00:00:00' + INTERVAL (n DIV 3) MINUTE
FROM seq;
ANALYZE TABLE posts;

-- Page 1, newest first.
SELECT id, title, created_at FROM posts ORDER BY created_at DESC, id DESC LIMIT 20;

-- Next page: the (created_at, id) of the last row the client saw. Spelled out as
-- OR/AND, which every MySQL and MariaDB version turns into an index range; the
-- row-constructor form (created_at, id) < (?, ?) is shorter but not always optimised.
SELECT id, title, created_at FROM posts
WHERE created_at < '2025-01-01 05:27:00'
   OR (created_at = '2025-01-01 05:27:00' AND id < 981)
ORDER BY created_at DESC, id DESC
LIMIT 20;

EXPLAIN SELECT id, title, created_at FROM posts
WHERE created_at < '2025-01-01 05:27:00'
   OR (created_at = '2025-01-01 05:27:00' AND id < 981)
ORDER BY created_at DESC, id DESC
LIMIT 20;

-- OFFSET reads and discards every skipped row: page 40 reads 800 rows to return 20.
SELECT id, title, created_at FROM posts ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 780;
