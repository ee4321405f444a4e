-- Instants in SQLite: ISO-8601 UTC text (or Unix epoch integers); there is no date type
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  -- Text in one fixed format, always UTC with a Z: sorts and compares in time order.
  happened_at TEXT NOT NULL
              CHECK (happened_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'),
  -- Or integer seconds since 1970 (UTC by definition): compact and fast to compare.
  happened_epoch INTEGER NOT NULL
) STRICT;

-- Convert local times to UTC before storing: 12:00 in Paris on 30 March 2025 is 10:00Z.
INSERT INTO events (happened_at, happened_epoch)
VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', '2025-03-30 12:00:00', '-2 hours'),
        CAST(strftime('%s', '2025-03-30 10:00:00') AS INTEGER));
INSERT INTO events (happened_at, happened_epoch)
VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), CAST(strftime('%s', 'now') AS INTEGER));

-- Range queries on the text work because the format is fixed.
SELECT id, happened_at FROM events
WHERE happened_at >= '2025-03-30T00:00:00Z' AND happened_at < '2025-03-31T00:00:00Z';

-- Date arithmetic with the built-in functions (they read and write UTC).
SELECT happened_at,
       datetime(happened_epoch, 'unixepoch')            AS from_epoch,
       strftime('%Y-%m-%dT%H:%M:%SZ', happened_at, '+1 day') AS one_day_later
FROM events WHERE id = 1;
-- SQLite knows no time zones beyond the machine's 'localtime': convert for display in
-- the application, with the user's IANA zone.
