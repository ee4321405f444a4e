-- Full-text search: a generated tsvector column with a GIN index
CREATE TABLE articles (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL DEFAULT '',
  published_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- Kept in step by PostgreSQL on every insert and update (PostgreSQL 12+). The
  -- configuration is named ('english'), so the expression is immutable; title words
  -- weigh more (A) than body words (B).
  search       TSVECTOR GENERATED ALWAYS AS (
                 setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                 setweight(to_tsvector('english', coalesce(body, '')), 'B')
               ) STORED
);

INSERT INTO articles (title, body) VALUES
  ('Indexing JSONB columns', 'GIN indexes serve containment queries on documents.'),
  ('Caching with Redis', 'Cache-aside keeps hot reads fast; invalidate keys on every write.'),
  ('Partitioning large tables', 'Range partitions by month make retention a cheap drop.'),
  ('Searching text in PostgreSQL', 'A tsvector column and a GIN index give ranked keyword search.');
INSERT INTO articles (title, body)
SELECT 'Release notes ' || g, 'Minor fixes and performance improvements, build ' || g
FROM generate_series(1, 20000) AS g;

CREATE INDEX articles_search_idx ON articles USING GIN (search);
ANALYZE articles;

-- websearch_to_tsquery accepts what users type ("quoted phrases", or, -not) without
-- raising syntax errors; stemming makes "indexes" match "index" and "indexing".
EXPLAIN (COSTS OFF)
SELECT id FROM articles WHERE search @@ websearch_to_tsquery('english', 'gin indexes');

SELECT id, title,
       ts_rank(search, query) AS rank,
       ts_headline('english', body, query, 'MaxFragments=1') AS snippet
FROM articles, websearch_to_tsquery('english', 'gin indexes -redis') AS query
WHERE search @@ query
ORDER BY rank DESC, published_at DESC
LIMIT 10;
