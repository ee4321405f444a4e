-- TimescaleDB hypertable: a narrow metrics table partitioned into time chunks automatically
CREATE TABLE devices (
  id         BIGINT PRIMARY KEY,
  name       TEXT NOT NULL,
  site       TEXT NOT NULL
);

-- Narrow and typed: one row per reading, metadata in the devices table, not repeated.
CREATE TABLE metrics (
  time      TIMESTAMPTZ      NOT NULL,
  device_id BIGINT           NOT NULL REFERENCES devices (id),
  metric    TEXT             NOT NULL,
  value     DOUBLE PRECISION NOT NULL
);

-- Turn it into a hypertable with one chunk per day (TimescaleDB 2.13+ syntax; earlier 2.x:
-- create_hypertable('metrics', 'time', chunk_time_interval => INTERVAL '1 day')).
-- Size chunks so that the recent ones and their indexes fit in memory.
SELECT create_hypertable('metrics', by_range('time', INTERVAL '1 day'));

-- Indexes lead with the filter column and end with time, newest first.
CREATE INDEX metrics_device_time ON metrics (device_id, time DESC);
CREATE INDEX metrics_metric_time ON metrics (metric, time DESC);

-- Idempotent ingestion needs a unique index, and on a hypertable it must contain the time column.
CREATE UNIQUE INDEX metrics_unique_reading ON metrics (device_id, metric, time);

INSERT INTO devices (id, name, site) VALUES (1, 'boiler-1', 'north'), (2, 'boiler-2', 'south');
INSERT INTO metrics (time, device_id, metric, value) VALUES
  ('2025-06-01 10:00:00+00', 1, 'temperature', 71.5),
  ('2025-06-01 10:00:00+00', 2, 'temperature', 69.8),
  ('2025-06-01 10:01:00+00', 1, 'temperature', 71.9)
ON CONFLICT DO NOTHING;

-- Queries filter on a time range, so only the matching chunks are read.
SELECT time_bucket(INTERVAL '5 minutes', m.time) AS bucket, d.name, avg(m.value) AS avg_value
FROM metrics m
JOIN devices d ON d.id = m.device_id
WHERE m.metric = 'temperature' AND m.time > now() - INTERVAL '1 day'
GROUP BY bucket, d.name
ORDER BY bucket DESC;

-- Latest reading per device.
SELECT DISTINCT ON (device_id) device_id, time, value
FROM metrics
WHERE metric = 'temperature'
ORDER BY device_id, time DESC;
