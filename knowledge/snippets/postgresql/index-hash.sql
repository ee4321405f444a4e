-- Hash index: equality only, sometimes smaller than a B-tree on long keys
CREATE TABLE page_views (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url        TEXT NOT NULL,              -- long values, only ever compared with =
  viewed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO page_views (url)
SELECT 'https://shop.example.com/catalogue/garden/tools/item-' || (g % 5000)
       || '?utm_source=newsletter&utm_campaign=spring-' || (g % 7)
FROM generate_series(1, 60000) AS g;

-- A hash index stores a 4-byte hash per row, not the key itself: on long keys it can be
-- smaller than a B-tree. Crash-safe and replicated only since PostgreSQL 10.
CREATE INDEX page_views_url_hash ON page_views USING HASH (url);
CREATE INDEX page_views_url_btree ON page_views (url);          -- only to compare sizes
ANALYZE page_views;

SELECT indexrelid::regclass AS index_name, pg_size_pretty(pg_relation_size(indexrelid)) AS size
FROM pg_index WHERE indrelid = 'page_views'::regclass ORDER BY 1;
DROP INDEX page_views_url_btree;

-- Equality: served by the hash index.
EXPLAIN (COSTS OFF)
SELECT count(*) FROM page_views
WHERE url = 'https://shop.example.com/catalogue/garden/tools/item-42?utm_source=newsletter&utm_campaign=spring-0';

-- Anything else is not: no ranges, no ORDER BY, no prefix LIKE, no multi-column keys,
-- no UNIQUE, no index-only scans. This sorts after a Seq Scan.
EXPLAIN (COSTS OFF)
SELECT url FROM page_views ORDER BY url LIMIT 10;
