-- Indexes on a live hypertable: one transaction per chunk, since CONCURRENTLY is refused there
CREATE TABLE readings (
  time      TIMESTAMPTZ      NOT NULL,
  sensor_id BIGINT           NOT NULL,
  value     DOUBLE PRECISION NOT NULL
);
SELECT create_hypertable('readings', by_range('time', INTERVAL '1 day'));

-- CREATE INDEX CONCURRENTLY on a hypertable fails: its chunks are many tables. Built one
-- chunk per transaction instead, the index blocks writes only to the chunk being indexed,
-- for as long as that chunk takes; inserts into the newest chunk wait only for its turn.
CREATE INDEX readings_sensor_time ON readings (sensor_id, time DESC)
  WITH (timescaledb.transaction_per_chunk);

-- A build stopped part way leaves the hypertable's index marked invalid (it still serves
-- the chunks that have it, and new chunks get it): find it, drop it, build it again.
SELECT c.relname AS invalid_index
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
WHERE NOT i.indisvalid;

-- Tables that are not hypertables (sensors, customers) take CREATE INDEX CONCURRENTLY as in
-- PostgreSQL; a unique index on a hypertable cannot be built per chunk, so plan it with the table.
