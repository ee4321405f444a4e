-- Files in object storage: the database keeps the key, size, checksum and owner
CREATE TABLE files (
  id           UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id     BIGINT      NOT NULL,
  bucket       TEXT        NOT NULL,
  object_key   TEXT        NOT NULL,
  content_type TEXT        NOT NULL,
  size_bytes   BIGINT      CHECK (size_bytes >= 0),
  sha256       BYTEA       CHECK (octet_length(sha256) = 32),
  status       TEXT        NOT NULL DEFAULT 'uploading'
               CHECK (status IN ('uploading', 'stored', 'deleting')),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (bucket, object_key)
);

CREATE INDEX files_owner ON files (owner_id, created_at);

-- 1. Before the upload: a row in 'uploading', and the client gets a pre-signed URL
--    for bucket/object_key. The bytes never pass through the database.
INSERT INTO files (owner_id, bucket, object_key, content_type)
VALUES (7, 'media', 'u/7/2026/12/report.pdf', 'application/pdf');

-- 2. When the storage reports the upload complete: size and checksum, and 'stored'.
UPDATE files
SET status = 'stored', size_bytes = 183422, sha256 = decode(repeat('ab', 32), 'hex')
WHERE bucket = 'media' AND object_key = 'u/7/2026/12/report.pdf';

-- 3. Deleting is two steps: mark the row, delete the object, then delete the row. A
--    periodic job retries rows stuck in 'deleting' and removes 'uploading' rows older
--    than a day whose object never arrived.
UPDATE files SET status = 'deleting' WHERE owner_id = 7 AND object_key LIKE 'u/7/%';
SELECT bucket, object_key FROM files WHERE status = 'deleting';
