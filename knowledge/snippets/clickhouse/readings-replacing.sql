-- Device readings in ClickHouse: one narrow row per sensor and instant. ClickHouse has
-- no unique constraint, so a reading a device sends again after a reconnect is inserted
-- twice; a ReplacingMergeTree keeps one row per sorting key when its parts merge, and
-- FINAL removes the duplicates a merge has not reached yet.
CREATE TABLE reading
(
    sensor_id   UInt64,
    measured_at DateTime64(3, 'UTC'),
    -- The sensor's integer, scaled by its decimals: 2154 with 2 decimals is 21.54.
    raw         Int64,
    received_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
-- The latest copy of a reading wins (received_at as its version).
ENGINE = ReplacingMergeTree(received_at)
PARTITION BY toYYYYMM(measured_at)
ORDER BY (sensor_id, measured_at)
-- The TTL deletes: two years is an example, set it from the retention rule and never
-- shorter (meter readings kept seven years by regulation need INTERVAL 7 YEAR). A row
-- already older is dropped as it arrives, backfills included; with no window, leave the
-- TTL out.
TTL toDateTime(measured_at) + INTERVAL 2 YEAR;

-- A batch from the queue, and the same readings again after a reconnect.
INSERT INTO reading (sensor_id, measured_at, raw)
SELECT number % 20, toDateTime64('2026-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(5 * intDiv(number, 20)), 2000 + number % 300
FROM numbers(2000);
INSERT INTO reading (sensor_id, measured_at, raw)
SELECT number % 20, toDateTime64('2026-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(5 * intDiv(number, 20)), 2000 + number % 300
FROM numbers(200);

-- A device's readings over a time range, each counted once: the sort key leads with
-- the sensor, so only its granules are read.
SELECT count() AS readings, min(raw), max(raw)
FROM reading FINAL
WHERE sensor_id = 7
  AND measured_at >= toDateTime64('2026-01-01 00:00:00', 3, 'UTC')
  AND measured_at < toDateTime64('2026-01-01 01:00:00', 3, 'UTC');

-- Minute averages for a dashboard, without FINAL: one row per reading key first.
SELECT toStartOfMinute(measured_at) AS minute, avg(raw) AS average
FROM
(
    SELECT sensor_id, measured_at, argMax(raw, received_at) AS raw
    FROM reading
    WHERE sensor_id = 7
    GROUP BY sensor_id, measured_at
)
GROUP BY minute
ORDER BY minute;
