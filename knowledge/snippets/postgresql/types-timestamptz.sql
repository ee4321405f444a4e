-- TIMESTAMPTZ for instants, TIMESTAMP only for wall-clock times without a place
CREATE TABLE events (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  happened_tz TIMESTAMPTZ NOT NULL,   -- an instant: stored as UTC, shown in the session zone
  happened_ts TIMESTAMP   NOT NULL    -- a wall-clock reading: no zone, no conversion
);

-- The same input written by a server configured for Paris…
SET TIME ZONE 'Europe/Paris';
INSERT INTO events (happened_tz, happened_ts) VALUES ('2025-03-30 12:00', '2025-03-30 12:00');

-- …and read by one configured for New York. The TIMESTAMPTZ is still the same instant
-- (06:00 in New York); the TIMESTAMP silently claims 12:00, six hours off.
SET TIME ZONE 'America/New_York';
SELECT happened_tz, happened_ts,
       happened_tz = timestamptz '2025-03-30 10:00+00' AS same_instant
FROM events;

-- TIMESTAMPTZ does not remember the zone it was written in. When the local time matters
-- (a meeting in Paris), store the IANA zone name next to the instant.
CREATE TABLE meetings (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  starts_at TIMESTAMPTZ NOT NULL,
  time_zone TEXT NOT NULL
            CHECK (timestamptz '2000-01-01 00:00+00' AT TIME ZONE time_zone IS NOT NULL),  -- unknown zones fail
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO meetings (starts_at, time_zone) VALUES ('2025-10-26 09:00 Europe/Paris', 'Europe/Paris');
SELECT starts_at AT TIME ZONE time_zone AS local_wall_clock, time_zone FROM meetings;

-- Calendar arithmetic follows the session's zone: in Paris, "one day earlier" is 09:00
-- local on the day before, although 25 hours passed (summer time ended that night).
SET TIME ZONE 'Europe/Paris';
SELECT starts_at - interval '1 day' AS day_before,
       starts_at - (starts_at - interval '1 day') AS elapsed
FROM meetings;

-- Calendar facts without a time (birthdays, due dates) are DATE, not a timestamp.
SELECT date '2025-12-31' - date '2025-01-01' AS days_between;
RESET TIME ZONE;
