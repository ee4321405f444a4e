-- Transactional outbox: the event is written in the same transaction as the change
CREATE TABLE orders (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer   TEXT        NOT NULL,
  total      NUMERIC(19,4) NOT NULL CHECK (total >= 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE outbox (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic        TEXT        NOT NULL,
  event_key    TEXT        NOT NULL,   -- the log's partition key: one entity's events stay in order
  event_type   TEXT        NOT NULL,
  payload      JSONB       NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  published_at TIMESTAMPTZ
);

-- Only unpublished rows are indexed, so the relay's scan stays small.
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- The change and its event commit together, or neither does.
BEGIN;
WITH placed AS (
  INSERT INTO orders (customer, total) VALUES ('ada', 42.50) RETURNING id
)
INSERT INTO outbox (topic, event_key, event_type, payload)
SELECT 'orders', placed.id::text, 'order-placed', jsonb_build_object('order_id', placed.id, 'total', 42.50)
FROM placed;
COMMIT;

-- The relay claims a batch (several relays never take the same rows), publishes it to
-- the log, then marks it published. Consumers must be idempotent: a crash between
-- publishing and marking publishes the batch again.
BEGIN;
WITH batch AS (
  SELECT id FROM outbox
  WHERE published_at IS NULL
  ORDER BY id
  LIMIT 100
  FOR UPDATE SKIP LOCKED
)
UPDATE outbox SET published_at = now()
FROM batch
WHERE outbox.id = batch.id
RETURNING outbox.topic, outbox.event_key, outbox.payload;
COMMIT;
