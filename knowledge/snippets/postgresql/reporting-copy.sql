-- A reporting copy fed from a change feed: the fields reports use as columns, the document as JSONB
CREATE TABLE feed_positions (
  source     TEXT PRIMARY KEY,        -- the database and feed copied, e.g. 'couchdb/health'
  last_seq   TEXT NOT NULL,           -- where the copy stopped: resume the feed from here
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One table per kind of document. Only the fields reports filter, group and join on are
-- columns; the whole document stays beside them, so a new report needs no reload.
CREATE TABLE household_visits (
  doc_id     TEXT PRIMARY KEY,        -- the document's id in the application's store
  revision   TEXT NOT NULL,           -- the winning revision copied
  area_id    TEXT NOT NULL,
  worker_id  TEXT NOT NULL,
  visited_on DATE NOT NULL,
  doc        JSONB NOT NULL
);
CREATE INDEX household_visits_area_day ON household_visits (area_id, visited_on);

INSERT INTO feed_positions (source, last_seq) VALUES ('couchdb/health', '0');
INSERT INTO household_visits (doc_id, revision, area_id, worker_id, visited_on, doc)
VALUES ('visit-0', '1-a', 'north', 'w-7', '2026-10-30', '{"form": "assessment"}');

-- One batch of the feed: its changes and its new position commit together, so a restart
-- neither skips nor repeats a change. An update replaces the row; a deletion removes it.
BEGIN;
INSERT INTO household_visits (doc_id, revision, area_id, worker_id, visited_on, doc)
VALUES ('visit-1', '3-c9', 'north', 'w-7', '2026-11-02', '{"form": "assessment", "referral": true}'),
       ('visit-2', '1-f0', 'south', 'w-9', '2026-11-03', '{"form": "follow-up"}')
ON CONFLICT (doc_id) DO UPDATE
  SET revision = EXCLUDED.revision, area_id = EXCLUDED.area_id, worker_id = EXCLUDED.worker_id,
      visited_on = EXCLUDED.visited_on, doc = EXCLUDED.doc;
DELETE FROM household_visits WHERE doc_id = 'visit-0';
UPDATE feed_positions SET last_seq = '1042-g1AAAA', updated_at = now() WHERE source = 'couchdb/health';
COMMIT;

-- A dashboard's figure: visits per area per month.
SELECT area_id, date_trunc('month', visited_on) AS month, count(*) AS visits
FROM household_visits
GROUP BY area_id, month
ORDER BY area_id, month;

-- How far the copy lags: alert when the feed has not moved for longer than the reports allow.
SELECT source, now() - updated_at AS behind FROM feed_positions;
