-- Logs, events or readings in ClickHouse: one wide table, sorted by the columns queries
-- filter on first, partitioned by day and expired by a TTL
CREATE TABLE logs
(
    ts         DateTime64(3, 'UTC'),
    service    LowCardinality(String),
    host       LowCardinality(String),
    level      Enum8('debug' = 1, 'info' = 2, 'warn' = 3, 'error' = 4),
    trace_id   String,
    message    String,
    -- Fields that differ by service: a map of strings keeps a line whose field changes
    -- type from one service to the next, instead of rejecting it.
    attributes Map(LowCardinality(String), String),
    -- Skips the granules whose messages cannot contain a searched word.
    INDEX message_words message TYPE tokenbf_v1(8192, 3, 0) GRANULARITY 4
)
ENGINE = MergeTree
ORDER BY (service, level, ts)
PARTITION BY toDate(ts)
-- The TTL deletes: 30 days is an example, set it from the retention rule and never
-- shorter; a row already older is dropped as it arrives, backfills included.
TTL toDateTime(ts) + INTERVAL 30 DAY;

-- Write in batches of thousands of rows (or with async_insert): every INSERT makes a
-- part on disk, and thousands of small parts a second overwhelm the merges.
INSERT INTO logs (ts, service, host, level, trace_id, message, attributes)
SELECT
    now64(3) - toIntervalSecond(number * 3),
    ['checkout', 'search', 'payments'][number % 3 + 1],
    concat('web-', toString(number % 4)),
    if(number % 10 = 0, 'error', 'info'),
    hex(number),
    if(number % 10 = 0, 'payment gateway timeout', 'request handled'),
    map('status', if(number % 10 = 0, '504', '200'), 'route', '/api/v1/orders')
FROM numbers(1000);

-- Errors per service in the last hour: the filter reads the front of the sort key.
SELECT service, count() AS errors
FROM logs
WHERE level = 'error' AND ts >= now64(3) - INTERVAL 1 HOUR
GROUP BY service
ORDER BY errors DESC;

-- A field that exists only in some services, and a word in the message.
SELECT service, count() AS timeouts
FROM logs
WHERE attributes['status'] = '504' AND hasToken(message, 'timeout')
GROUP BY service
ORDER BY service;
