-- created_at and updated_at in MySQL/MariaDB: column defaults, no trigger needed
CREATE TABLE posts (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title      VARCHAR(200) NOT NULL,
  body       TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  -- ON UPDATE sets it on every UPDATE that changes the row (not on no-op updates).
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Write UTC: CURRENT_TIMESTAMP follows the session time zone for DATETIME columns.
SET time_zone = '+00:00';
INSERT INTO posts (title, body, created_at, updated_at)
VALUES ('Choosing keys', 'Identity or UUID?', '2025-01-01 10:00:00', '2025-01-01 10:00:00');
UPDATE posts SET title = 'Choosing primary keys' WHERE id = 1;
SELECT title, created_at, updated_at > created_at AS updated_later FROM posts;

-- created_at is protected only by convention here; a BEFORE UPDATE trigger can pin it.
CREATE TRIGGER posts_keep_created_at BEFORE UPDATE ON posts
FOR EACH ROW SET NEW.created_at = OLD.created_at;
UPDATE posts SET created_at = '1999-01-01 00:00:00' WHERE id = 1;
SELECT created_at FROM posts WHERE id = 1;      -- still 2025-01-01
