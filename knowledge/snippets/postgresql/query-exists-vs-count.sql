-- EXISTS instead of COUNT(*) when the question is "is there any?"
CREATE TABLE posts (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id BIGINT NOT NULL,
  status  TEXT NOT NULL
);
INSERT INTO posts (user_id, status)
SELECT CASE WHEN g % 2 = 0 THEN 1 ELSE g END, 'published' FROM generate_series(1, 100000) AS g;
CREATE INDEX posts_user_id_idx ON posts (user_id);
ANALYZE posts;

-- Counts all 50 000 matching rows only to compare the total with zero.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT count(*) > 0 AS has_posts FROM posts WHERE user_id = 1;

-- Stops at the first match (a LIMIT 1 inside EXISTS adds nothing).
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT EXISTS (SELECT 1 FROM posts WHERE user_id = 1) AS has_posts;

-- The same in a filter: a semi-join, not a count per row.
CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO users SELECT g, 'User ' || g FROM generate_series(1, 1000) AS g;
ANALYZE users;
SELECT count(*) AS users_with_posts
FROM users u
WHERE EXISTS (SELECT 1 FROM posts p WHERE p.user_id = u.id);

-- NOT EXISTS, not NOT IN: NOT IN returns no rows at all if the subquery yields a NULL.
SELECT count(*) AS users_without_posts
FROM users u
WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.user_id = u.id);

-- When the UI only needs "more than 99", count at most 100 rows.
SELECT count(*) AS capped_count
FROM (SELECT 1 FROM posts WHERE user_id = 1 LIMIT 100) AS first_hundred;
