-- Event store in PostgreSQL: the events are the record, one stream per aggregate
CREATE TABLE loan_events (
  stream_id   BIGINT      NOT NULL,                -- the aggregate: one loan
  version     INTEGER     NOT NULL CHECK (version > 0),
  event_type  TEXT        NOT NULL,
  payload     JSONB       NOT NULL,                -- amounts as strings, exact
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  position    BIGINT      GENERATED ALWAYS AS IDENTITY UNIQUE,   -- global order, for replays and the relay
  PRIMARY KEY (stream_id, version)                 -- a second writer of the same version is refused
);

-- Events are never changed: a correction is a new event.
CREATE FUNCTION refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only';
END $$;

CREATE TRIGGER loan_events_append_only BEFORE UPDATE OR DELETE ON loan_events
  FOR EACH ROW EXECUTE FUNCTION refuse_event_change();

-- The projection the application reads, written in the transaction that appends.
CREATE TABLE loan_balances (
  loan_id BIGINT        PRIMARY KEY,
  version INTEGER       NOT NULL,
  balance NUMERIC(19,4) NOT NULL CHECK (balance >= 0)   -- the rule, held where the append commits
);

BEGIN;
INSERT INTO loan_events (stream_id, version, event_type, payload)
VALUES (1, 1, 'disbursed', '{"amount": "1000.00"}');
INSERT INTO loan_balances (loan_id, version, balance) VALUES (1, 1, 1000.00);
COMMIT;

-- A payment by a writer that read version 1: it appends version 2, and the projection
-- moves only from the version it read (the application rolls back if no row moved).
BEGIN;
INSERT INTO loan_events (stream_id, version, event_type, payload)
VALUES (1, 2, 'payment-received', '{"amount": "250.00"}');
UPDATE loan_balances SET balance = balance - 250.00, version = 2
WHERE loan_id = 1 AND version = 1;
COMMIT;

-- A second writer that also read version 1 is refused: its event collides on
-- (stream_id, version), so it loads the stream again and decides anew.
DO $$
BEGIN
  INSERT INTO loan_events (stream_id, version, event_type, payload)
  VALUES (1, 2, 'payment-received', '{"amount": "900.00"}');
  RAISE EXCEPTION 'a concurrent append was accepted';
EXCEPTION WHEN unique_violation THEN
  RAISE NOTICE 'refused as expected: %', SQLERRM;
END $$;

-- Rewriting history is refused too.
DO $$
BEGIN
  UPDATE loan_events SET payload = '{"amount": "1.00"}' WHERE stream_id = 1 AND version = 2;
  RAISE EXCEPTION 'an event was changed';
EXCEPTION WHEN raise_exception THEN
  IF SQLERRM <> 'events are append-only' THEN
    RAISE;
  END IF;
  RAISE NOTICE 'refused as expected: %', SQLERRM;
END $$;

-- The projection is rebuilt by replaying each stream in order.
SELECT stream_id,
       max(version) AS version,
       sum(CASE event_type
             WHEN 'disbursed'        THEN  (payload ->> 'amount')::numeric
             WHEN 'payment-received' THEN -(payload ->> 'amount')::numeric
           END) AS balance
FROM loan_events
GROUP BY stream_id
ORDER BY stream_id;
