-- TimescaleDB retention and compression: compress chunks after a week, drop raw data after 90 days
CREATE TABLE metrics (
  time      TIMESTAMPTZ      NOT NULL,
  device_id BIGINT           NOT NULL,
  metric    TEXT             NOT NULL,
  value     DOUBLE PRECISION NOT NULL
);
SELECT create_hypertable('metrics', by_range('time', INTERVAL '1 day'));

-- Columnar compression: segment by what queries filter on, order by time within a segment.
-- Compressed chunks typically take a tenth of the space or less.
ALTER TABLE metrics SET (
  timescaledb.compress,
  timescaledb.compress_segmentby = 'device_id, metric',
  timescaledb.compress_orderby   = 'time DESC'
);

-- Compress chunks once they are older than 7 days (writes to them are then rare).
SELECT add_compression_policy('metrics', compress_after => INTERVAL '7 days');

-- Drop raw chunks older than 90 days: whole chunks are dropped, no DELETE, no VACUUM.
-- 90 days is an example: set it from the retention rule, and never shorter.
-- Keep the roll-ups longer than the raw data: give continuous aggregates their own policy.
SELECT add_retention_policy('metrics', drop_after => INTERVAL '90 days');

-- Space per hypertable, before and after compression.
SELECT hypertable_size('metrics') AS total_bytes;
SELECT * FROM hypertable_compression_stats('metrics');

-- The scheduled jobs and their last runs.
SELECT job_id, application_name, schedule_interval, hypertable_name
FROM timescaledb_information.jobs
WHERE hypertable_name = 'metrics';
