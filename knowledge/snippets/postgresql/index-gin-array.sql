-- GIN index on an array column for "has this tag" queries
CREATE TABLE posts (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title        TEXT NOT NULL,
  tags         TEXT[] NOT NULL DEFAULT '{}',   -- a real array, not '["a","b"]' in a string
  published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO posts (title, tags)
SELECT 'Post ' || g,
       ARRAY[(ARRAY['postgres', 'redis', 'mongodb', 'kafka', 'rust'])[1 + g % 5],
             (ARRAY['tutorial', 'news', 'opinion'])[1 + g % 3]]
       || CASE WHEN g % 250 = 0 THEN ARRAY['release'] ELSE '{}' END
FROM generate_series(1, 50000) AS g;

-- GIN indexes every element, so one index serves "contains" (@>), "any of" (&&)
-- and "is contained by" (<@).
CREATE INDEX posts_tags_gin ON posts USING GIN (tags);
ANALYZE posts;

-- Posts tagged both 'redis' and 'release'.
EXPLAIN (COSTS OFF) SELECT id, title FROM posts WHERE tags @> ARRAY['redis', 'release'];

-- Posts with any of the tags.
EXPLAIN (COSTS OFF) SELECT count(*) FROM posts WHERE tags && ARRAY['release', 'kafka'];

-- Not indexed: 'release' = ANY (tags) asks what tags @> ARRAY['release'] asks, in a form
-- GIN cannot serve. Write array filters with the operators above.
EXPLAIN (COSTS OFF) SELECT count(*) FROM posts WHERE 'release' = ANY (tags);
