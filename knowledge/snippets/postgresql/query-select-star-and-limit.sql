-- Select only the needed columns and LIMIT every list query
CREATE TABLE posts (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title      TEXT NOT NULL,
  status     TEXT NOT NULL,
  body       TEXT NOT NULL,            -- large: kilobytes per row, stored out of line (TOAST)
  created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO posts (title, status, body, created_at)
SELECT 'Post ' || g, CASE WHEN g % 4 = 0 THEN 'draft' ELSE 'published' END,
       repeat(md5(g::text), 200),
       timestamptz '2025-01-01' + (g || ' minutes')::interval
FROM generate_series(1, 20000) AS g;
CREATE INDEX posts_published_created_idx ON posts (created_at DESC) INCLUDE (id, title)
  WHERE status = 'published';
VACUUM (ANALYZE) posts;

-- Unbounded and every column: reads and ships every row's body to build a list.
--   SELECT * FROM posts ORDER BY created_at DESC;

-- A list page needs a few columns and one page of rows. With the matching index this is
-- an Index Only Scan that stops after 10 rows and never touches the bodies.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT id, title, created_at
FROM posts
WHERE status = 'published'
ORDER BY created_at DESC
LIMIT 10;

-- Bytes sent to the client for the same 10 rows: every column against the three shown.
SELECT (SELECT sum(octet_length(p::text))
          FROM (SELECT * FROM posts ORDER BY created_at DESC LIMIT 10) AS p) AS bytes_with_star,
       (SELECT sum(octet_length(p::text))
          FROM (SELECT id, title, created_at FROM posts ORDER BY created_at DESC LIMIT 10) AS p)
         AS bytes_with_columns;

-- Naming the columns also keeps the result stable when someone adds a column, and lets
-- views and prepared statements survive schema changes.
