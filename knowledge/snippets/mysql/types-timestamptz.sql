-- Instants in MySQL/MariaDB: DATETIME in UTC (or TIMESTAMP, which ends in 2038)
-- There is no TIMESTAMPTZ. TIMESTAMP converts from the session time zone to UTC on
-- write and back on read (like TIMESTAMPTZ) but only covers 1970–2038. DATETIME stores
-- the wall-clock value as given, with no zone: write UTC into it, always.
SET time_zone = '+00:00';           -- the application's connections should all do this

CREATE TABLE events (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  happened_at DATETIME(6) NOT NULL,   -- UTC by convention; microseconds
  logged_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)   -- converted by the server
) ENGINE=InnoDB;

INSERT INTO events (happened_at) VALUES ('2025-03-30 10:00:00');

-- A session in another zone: TIMESTAMP is shown converted, DATETIME is not.
SET time_zone = '+02:00';
SELECT happened_at, logged_at, happened_at = '2025-03-30 10:00:00' AS still_utc_text FROM events;

-- Convert for display explicitly (named zones need the time zone tables loaded;
-- numeric offsets always work).
SELECT CONVERT_TZ(happened_at, '+00:00', '+02:00') AS paris_summer_time FROM events;

-- TIMESTAMP's range ends on 2038-01-19 03:14:07 UTC: future dates (contract ends,
-- subscriptions) need DATETIME.
SET time_zone = '+00:00';
SELECT CAST('2040-01-01 00:00:00' AS DATETIME) AS fine_as_datetime;
