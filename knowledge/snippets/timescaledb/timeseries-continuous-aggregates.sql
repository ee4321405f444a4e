-- TimescaleDB continuous aggregates: hourly roll-ups kept up to date incrementally
CREATE TABLE metrics (
  time      TIMESTAMPTZ      NOT NULL,
  device_id BIGINT           NOT NULL,
  metric    TEXT             NOT NULL,
  value     DOUBLE PRECISION NOT NULL
);
SELECT create_hypertable('metrics', by_range('time', INTERVAL '1 day'));

-- A materialized view over time buckets; TimescaleDB refreshes only the buckets whose
-- raw data changed, instead of recomputing everything like REFRESH MATERIALIZED VIEW.
-- materialized_only = false adds the not-yet-materialized newest rows at query time
-- (real-time aggregation, off by default since TimescaleDB 2.13).
CREATE MATERIALIZED VIEW metrics_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT
  time_bucket(INTERVAL '1 hour', time) AS bucket,
  device_id,
  metric,
  avg(value) AS avg_value,
  max(value) AS max_value,
  min(value) AS min_value,
  count(*)   AS samples
FROM metrics
GROUP BY bucket, device_id, metric;

-- Refresh every 30 minutes the window from 3 days ago to 1 hour ago: the newest, still
-- changing hour is served by real-time aggregation, older buckets are left alone. The raw
-- data's retention (drop_after) must be longer than start_offset, or a refresh would
-- empty the buckets of dropped chunks.
SELECT add_continuous_aggregate_policy('metrics_hourly',
  start_offset      => INTERVAL '3 days',
  end_offset        => INTERVAL '1 hour',
  schedule_interval => INTERVAL '30 minutes');

-- Daily roll-up on top of the hourly one (hierarchical, TimescaleDB 2.9+). Averages of
-- averages are wrong, so it re-weights by the sample count.
CREATE MATERIALIZED VIEW metrics_daily
WITH (timescaledb.continuous) AS
SELECT
  time_bucket(INTERVAL '1 day', bucket) AS day,
  device_id,
  metric,
  sum(avg_value * samples) / sum(samples) AS avg_value,
  max(max_value) AS max_value,
  min(min_value) AS min_value,
  sum(samples)   AS samples
FROM metrics_hourly
GROUP BY day, device_id, metric;

SELECT add_continuous_aggregate_policy('metrics_daily',
  start_offset      => INTERVAL '30 days',
  end_offset        => INTERVAL '1 day',
  schedule_interval => INTERVAL '1 hour');

-- Dashboards read the roll-up, not the raw rows.
SELECT bucket, avg_value, max_value
FROM metrics_hourly
WHERE device_id = 1 AND metric = 'temperature' AND bucket > now() - INTERVAL '7 days'
ORDER BY bucket;

-- Backfilled old data: refresh that window once by hand.
CALL refresh_continuous_aggregate('metrics_hourly', '2025-05-01', '2025-06-01');
