-- Partial indexes for what one tenant alone queries, in tables every tenant shares
CREATE TABLE clicks (
  tenant_id  BIGINT NOT NULL,
  id         BIGINT GENERATED ALWAYS AS IDENTITY,
  clicked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  target     TEXT NOT NULL,
  user_data  JSONB NOT NULL DEFAULT '{}',   -- extra fields; each tenant stores its own
  PRIMARY KEY (tenant_id, id)
);

-- Every tenant's queries name the tenant first.
CREATE INDEX clicks_tenant_time_idx ON clicks (tenant_id, clicked_at);

-- 200 tenants; tenant 5 records whether a visitor is on a phone, the others do not.
INSERT INTO clicks (tenant_id, clicked_at, target, user_data)
SELECT g % 200,
       now() - (g || ' seconds')::interval,
       CASE WHEN g % 50 = 0 THEN 'signup' ELSE 'pageview' END,
       CASE WHEN g % 200 = 5 THEN jsonb_build_object('is_mobile', g % 3 = 0) ELSE '{}' END
FROM generate_series(1, 100000) AS g;

-- Only tenant 5 filters on is_mobile: index that key for its rows alone. The other
-- tenants' inserts never touch this index.
CREATE INDEX clicks_t5_is_mobile_idx ON clicks ((user_data ->> 'is_mobile'))
  WHERE tenant_id = 5;

-- An event one tenant defined ("a signup is a click on the signup target"): the rows
-- that match its definition, in time order, for its funnels over all history.
CREATE INDEX clicks_t7_signups_idx ON clicks (clicked_at)
  WHERE tenant_id = 7 AND target = 'signup';

ANALYZE clicks;

-- The query repeats the index's condition, with literal values, to use it.
EXPLAIN (COSTS OFF)
SELECT user_data ->> 'is_mobile' AS is_mobile, count(*)
FROM clicks
WHERE tenant_id = 5 AND user_data ->> 'is_mobile' = 'true'
GROUP BY 1;

EXPLAIN (COSTS OFF)
SELECT date_trunc('day', clicked_at) AS day, count(*)
FROM clicks
WHERE tenant_id = 7 AND target = 'signup' AND clicked_at >= now() - interval '30 days'
GROUP BY 1;

-- Each partial index holds one tenant's matching rows: a fraction of the shared index.
SELECT indexrelid::regclass AS index_name, pg_size_pretty(pg_relation_size(indexrelid)) AS size
FROM pg_index WHERE indrelid = 'clicks'::regclass ORDER BY 1;
