-- Cursor (keyset) pagination: WHERE (created_at, id) < last seen, not OFFSET
CREATE TABLE posts (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id  BIGINT NOT NULL,
  title      TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO posts (author_id, title, created_at)
SELECT g % 300, 'Post ' || g,
       -- several posts share a timestamp: the id breaks ties so no row is skipped or repeated
       timestamptz '2025-01-01' + ((g / 3) || ' minutes')::interval
FROM generate_series(1, 100000) AS g;

-- The index matches the sort order exactly, tie-breaker included.
CREATE INDEX posts_created_id_idx ON posts (created_at DESC, id DESC);
ANALYZE posts;

-- Page 1.
SELECT id, title, created_at FROM posts ORDER BY created_at DESC, id DESC LIMIT 20;

-- Next page: the client sends back the (created_at, id) of the last row it got. The row
-- comparison seeks straight to that spot in the index: page 5 000 costs what page 1 costs.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT id, title, created_at FROM posts
WHERE (created_at, id) < ('2025-01-20 10:00:00+00', 25000)
ORDER BY created_at DESC, id DESC
LIMIT 20;

-- OFFSET reads and throws away every skipped row: deep pages get slower and slower,
-- and rows inserted meanwhile shift the pages (duplicates or gaps for the reader).
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT id, title, created_at FROM posts
ORDER BY created_at DESC, id DESC
LIMIT 20 OFFSET 80000;

-- With a filter, the index leads with the equality column: (author_id, created_at, id).
CREATE INDEX posts_author_created_id_idx ON posts (author_id, created_at DESC, id DESC);
SELECT id, title, created_at FROM posts
WHERE author_id = 7 AND (created_at, id) < ('2025-02-01 00:00:00+00', 99999)
ORDER BY created_at DESC, id DESC
LIMIT 20;
