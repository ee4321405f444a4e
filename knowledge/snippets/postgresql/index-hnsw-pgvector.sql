-- HNSW index on a pgvector column for nearest-neighbour search on embeddings
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE documents (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title     TEXT NOT NULL,
  -- The dimension must equal the embedding model's (384, 768, 1536 …); 3 keeps it readable.
  embedding vector(3) NOT NULL
);

INSERT INTO documents (title, embedding) VALUES
  ('Indexing JSONB columns',       '[0.90, 0.10, 0.05]'),
  ('GIN indexes for containment',  '[0.85, 0.20, 0.10]'),
  ('Caching with Redis',           '[0.10, 0.90, 0.20]'),
  ('Cache stampede protection',    '[0.15, 0.85, 0.30]'),
  ('Partitioning by month',        '[0.20, 0.10, 0.95]');
INSERT INTO documents (title, embedding)
SELECT 'Note ' || g, ARRAY[0.01 + (g * 7 % 101) / 100.0, 0.01 + (g * 13 % 103) / 100.0, 0.01 + (g * 29 % 107) / 100.0]::vector(3)
FROM generate_series(1, 5000) AS g;

-- HNSW (pgvector 0.5.0 and later): a graph index with good recall and fast queries that
-- can be built on an empty table and stays good as rows are added. The operator class
-- must match the distance the queries use: vector_cosine_ops for <=>, vector_l2_ops
-- for <->, vector_ip_ops for <#>.
CREATE INDEX documents_embedding_hnsw ON documents
  USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);

-- Candidates examined per query: higher = better recall, slower (default 40).
SET hnsw.ef_search = 100;

-- The nearest documents to a query embedding: ORDER BY distance … LIMIT uses the index.
-- Results are approximate: a nearest row can be missed, which is the price of speed.
SELECT id, title, embedding <=> '[0.88, 0.12, 0.08]' AS cosine_distance
FROM documents
ORDER BY embedding <=> '[0.88, 0.12, 0.08]'
LIMIT 5;

-- Before pgvector 0.5.0 only IVFFlat exists: build it after loading representative data
-- (lists ≈ rows / 1000) and raise ivfflat.probes for recall:
--   CREATE INDEX ON documents USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
--   SET ivfflat.probes = 10;
