-- SQLite: B-tree indexes for lookups and sorts, an FTS5 table for word search
CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,          -- the rowid: the table's own B-tree key
  author_id    INTEGER NOT NULL,
  status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  published_at TEXT                          -- ISO-8601 text sorts in time order
);
-- Composite B-tree: equality column first, then the sort column.
CREATE INDEX articles_status_published_idx ON articles (status, published_at);

-- An external-content FTS5 table: the words are indexed, the text stays in articles.
-- Triggers keep it in step with every insert, update and delete.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body, content='articles', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

INSERT INTO articles (author_id, status, title, body, published_at) VALUES
  (1, 'published', 'Indexing strategies', 'Composite indexes follow the leftmost prefix rule.', '2025-03-01T10:00:00Z'),
  (2, 'published', 'Searching text locally', 'FTS5 gives ranked keyword search with no server.', '2025-03-02T09:30:00Z'),
  (3, 'draft', 'Caching hot reads', 'Invalidate cached keys on every write.', NULL);
UPDATE articles SET body = body || ' Equality columns come first.' WHERE id = 1;

-- Uses the composite index for the filter and the order.
EXPLAIN QUERY PLAN
SELECT id, title FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 10;

-- Ranked word search (bm25: lower is better); porter stemming matches "indexes" to "index".
SELECT a.id, a.title, round(bm25(articles_fts), 3) AS score
FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH 'index OR search'
ORDER BY bm25(articles_fts);

-- Prefix and column filters: title:search*, highlighted.
SELECT highlight(articles_fts, 0, '[', ']') AS title
FROM articles_fts WHERE articles_fts MATCH 'title:search*';
