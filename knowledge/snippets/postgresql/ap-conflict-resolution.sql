-- Conflict rules for multi-writer replication: last-writer-wins by version, counters merged per region
-- Each row carries the time of its last write and the region that wrote it; a change
-- arriving from another region is applied only if it is newer (ties broken by region),
-- so every region converges to the same value whatever order changes arrive in.
CREATE TABLE user_profiles (
  user_id       BIGINT PRIMARY KEY,
  display_name  TEXT        NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL,
  origin_region TEXT        NOT NULL
);

-- Apply a change (local or replicated): last writer wins, deterministically.
INSERT INTO user_profiles VALUES (7, 'Ada', '2025-06-01 10:00:00+00', 'eu-west')
ON CONFLICT (user_id) DO UPDATE
SET display_name = excluded.display_name,
    updated_at = excluded.updated_at,
    origin_region = excluded.origin_region
WHERE (excluded.updated_at, excluded.origin_region)
    > (user_profiles.updated_at, user_profiles.origin_region);

-- A newer write from another region wins …
INSERT INTO user_profiles VALUES (7, 'Ada L.', '2025-06-01 10:00:05+00', 'us-east')
ON CONFLICT (user_id) DO UPDATE
SET display_name = excluded.display_name, updated_at = excluded.updated_at,
    origin_region = excluded.origin_region
WHERE (excluded.updated_at, excluded.origin_region)
    > (user_profiles.updated_at, user_profiles.origin_region);

-- … and an older one that arrives late is ignored (0 rows updated), not applied.
INSERT INTO user_profiles VALUES (7, 'Ada Lovelace', '2025-06-01 10:00:02+00', 'ap-south')
ON CONFLICT (user_id) DO UPDATE
SET display_name = excluded.display_name, updated_at = excluded.updated_at,
    origin_region = excluded.origin_region
WHERE (excluded.updated_at, excluded.origin_region)
    > (user_profiles.updated_at, user_profiles.origin_region);

SELECT * FROM user_profiles;

-- Counters cannot use last-writer-wins (concurrent +1s would be lost). Each region only
-- ever increments its own row; the value is the sum, so merging never loses an update.
CREATE TABLE post_like_counts (
  post_id BIGINT NOT NULL,
  region  TEXT   NOT NULL,
  likes   BIGINT NOT NULL DEFAULT 0 CHECK (likes >= 0),
  PRIMARY KEY (post_id, region)
);
INSERT INTO post_like_counts VALUES (456, 'eu-west', 1)
ON CONFLICT (post_id, region) DO UPDATE SET likes = post_like_counts.likes + 1;
INSERT INTO post_like_counts VALUES (456, 'us-east', 1)
ON CONFLICT (post_id, region) DO UPDATE SET likes = post_like_counts.likes + 1;
INSERT INTO post_like_counts VALUES (456, 'eu-west', 1)
ON CONFLICT (post_id, region) DO UPDATE SET likes = post_like_counts.likes + 1;
SELECT post_id, sum(likes) AS likes FROM post_like_counts GROUP BY post_id;

-- Conflicts no rule can settle (two edits of the same invoice) are kept for a human.
CREATE TABLE replication_conflicts (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name   TEXT        NOT NULL,
  row_key      TEXT        NOT NULL,
  local_value  JSONB       NOT NULL,
  remote_value JSONB       NOT NULL,
  detected_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  resolved_at  TIMESTAMPTZ
);
