-- One table, the right PostgreSQL type for each kind of value
CREATE TABLE subscriptions (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- not INT: 2.1 billion runs out
  public_id     UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,   -- ids shown outside
  customer_id   BIGINT NOT NULL,                                  -- same type as the key it references
  plan          TEXT NOT NULL CHECK (plan IN ('free', 'team', 'enterprise')),   -- not INT codes
  seats         INT NOT NULL CHECK (seats > 0),                   -- bounded counts: INT is plenty
  price         NUMERIC(19,4) NOT NULL CHECK (price >= 0),        -- not FLOAT, not MONEY
  currency      CHAR(3) NOT NULL,                                 -- ISO 4217 code
  is_trial      BOOLEAN NOT NULL DEFAULT false,                   -- not 'true'/'false' text, not 0/1
  period        TSTZRANGE NOT NULL,                               -- a validity window as one value
  started_on    DATE NOT NULL,                                    -- a calendar day: no time, no zone
  billing_every INTERVAL NOT NULL DEFAULT '1 month',              -- a duration
  signup_ip     INET,                                             -- validated, with network operators
  features      TEXT[] NOT NULL DEFAULT '{}',                     -- a small list of labels
  settings      JSONB NOT NULL DEFAULT '{}',                      -- what varies per customer; not JSON
  notes         TEXT,                                             -- text without a real length rule
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),               -- instants: not TIMESTAMP, not VARCHAR
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO subscriptions (customer_id, plan, seats, price, currency, period, started_on, signup_ip, features, settings)
VALUES (42, 'team', 12, 240.0000, 'EUR',
        tstzrange('2025-06-01 00:00+00', '2026-06-01 00:00+00'), '2025-06-01',
        '203.0.113.7', '{sso,audit-log}', '{"invoice_language": "fr"}');

-- Each type brings its own operators, checked by the database.
SELECT plan,
       period @> timestamptz '2025-12-24 12:00+00'   AS active_at_christmas,
       started_on + billing_every                     AS next_invoice,
       signup_ip << inet '203.0.113.0/24'             AS from_office_network,
       'sso' = ANY (features)                         AS has_sso,
       settings ->> 'invoice_language'                AS invoice_language,
       price * seats                                  AS invoice_amount
FROM subscriptions;
