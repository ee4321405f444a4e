-- Idempotency keys: a retried request takes effect once and gets the same response
CREATE TABLE idempotency_keys (
  client_id       BIGINT      NOT NULL,
  key             TEXT        NOT NULL,
  request_hash    BYTEA       NOT NULL,   -- a retry must be the same request
  response_status INTEGER,
  response_body   JSONB,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, key)
);

-- In the same transaction as the work: the first request inserts the key; a retry
-- finds it (ON CONFLICT DO NOTHING inserts nothing) and returns the stored response
-- instead of doing the work again, after the check below.
BEGIN;
INSERT INTO idempotency_keys (client_id, key, request_hash)
VALUES (42, 'order-7f3a', sha256('POST /orders {"sku":"BOLT-M6","qty":2}'))
ON CONFLICT (client_id, key) DO NOTHING
RETURNING key;
-- … the work itself, then the response it produced:
UPDATE idempotency_keys
SET response_status = 201, response_body = '{"order_id": 1001}'
WHERE client_id = 42 AND key = 'order-7f3a';
COMMIT;

-- A retry's INSERT returns no row: read what the first request stored. A different
-- request under the same key (same_request false) is refused, with 409 or 422; the
-- same one gets the stored response. A retry that arrives while the first runs waits
-- on the key until the first commits (then reads its response) or rolls back (then
-- its own INSERT goes ahead). Work that leaves the database (a card capture) does not
-- fit in one transaction: commit the key first, then record each step on its row.
SELECT response_status, response_body,
       request_hash = sha256('POST /orders {"sku":"BOLT-M6","qty":2}') AS same_request
FROM idempotency_keys WHERE client_id = 42 AND key = 'order-7f3a';

-- Keys are kept for as long as clients may retry (a day, say), then deleted.
DELETE FROM idempotency_keys WHERE created_at < now() - INTERVAL '1 day';
