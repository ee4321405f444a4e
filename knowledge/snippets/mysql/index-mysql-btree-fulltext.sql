-- MySQL/MariaDB (InnoDB): B-tree indexes for lookups and sorts, FULLTEXT for word search
CREATE TABLE customers (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email      VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY customers_email_key (email)
) ENGINE=InnoDB;

CREATE TABLE articles (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- InnoDB stores rows in primary-key order (the clustered index); every secondary index
  -- stores the primary key too, so a short, increasing key keeps all indexes small.
  author_id    BIGINT UNSIGNED NOT NULL,
  status       VARCHAR(16) NOT NULL DEFAULT 'draft',
  title        VARCHAR(200) NOT NULL,
  body         TEXT NOT NULL,
  published_at DATETIME(6) NULL,
  -- InnoDB creates an index for a foreign key if none exists (PostgreSQL does not);
  -- this composite one leads with author_id, so it serves the constraint too.
  KEY articles_author_published_idx (author_id, published_at),
  KEY articles_status_published_idx (status, published_at),
  -- Declare FULLTEXT in CREATE TABLE: adding the first one later rebuilds the table.
  FULLTEXT KEY articles_title_body_ft (title, body),
  CONSTRAINT articles_author_fk FOREIGN KEY (author_id) REFERENCES customers (id)
) ENGINE=InnoDB;

INSERT INTO customers (email) VALUES ('ada@example.com'), ('grace@example.com'), ('alan@example.com');
INSERT INTO articles (author_id, status, title, body, published_at) VALUES
  (1, 'published', 'Indexing strategies for InnoDB',
   'Composite indexes follow the leftmost prefix rule; put equality columns first.', '2025-03-01 10:00:00'),
  (2, 'published', 'Full-text search without a search cluster',
   'InnoDB FULLTEXT indexes support natural language and boolean mode searches.', '2025-03-02 09:30:00'),
  (3, 'draft', 'Caching hot reads',
   'Cache-aside with Redis keeps product pages fast; invalidate on every write.', NULL),
  (1, 'published', 'Reading EXPLAIN output',
   'Look for type ALL (a full table scan) and for Using filesort on large tables.', '2025-03-05 08:00:00');
ANALYZE TABLE customers, articles;

-- Equality, then range or sort, on one composite index (leftmost prefix).
EXPLAIN SELECT id, title FROM articles
WHERE status = 'published' AND published_at >= '2025-03-01'
ORDER BY published_at DESC LIMIT 10;

-- Natural-language search: ranked by relevance. Words shorter than
-- innodb_ft_min_token_size (3) and stopwords are not indexed.
SELECT id, title, MATCH (title, body) AGAINST ('fulltext search') AS relevance
FROM articles
WHERE MATCH (title, body) AGAINST ('fulltext search')
ORDER BY relevance DESC;

-- Boolean mode: required (+), excluded (-) and prefix (*) terms.
SELECT id, title FROM articles
WHERE MATCH (title, body) AGAINST ('+index* -redis' IN BOOLEAN MODE);

-- LIKE '%term%' cannot use a B-tree (full scan); LIKE 'term%' can use one on the column.
EXPLAIN SELECT id FROM customers WHERE email LIKE 'ada%';
