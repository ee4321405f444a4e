-- N+1 queries: load a list and its children in one or two queries, not one per row
CREATE TABLE users (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name  TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE
);
CREATE TABLE teams (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE user_teams (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  team_id BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  role    TEXT NOT NULL DEFAULT 'member',
  PRIMARY KEY (user_id, team_id)
);
-- The reverse lookup (members of a team) needs its own index: the primary key leads with user_id.
CREATE INDEX user_teams_team_id_idx ON user_teams (team_id);

INSERT INTO users (name, email) SELECT 'User ' || g, 'u' || g || '@example.com' FROM generate_series(1, 1000) AS g;
INSERT INTO teams (name) SELECT 'Team ' || g FROM generate_series(1, 50) AS g;
INSERT INTO user_teams (user_id, team_id, role)
SELECT u, 1 + (u * k) % 50, CASE WHEN k = 1 THEN 'owner' ELSE 'member' END
FROM generate_series(1, 1000) AS u, generate_series(1, 3) AS k
ON CONFLICT DO NOTHING;
ANALYZE users;
ANALYZE teams;
ANALYZE user_teams;

-- The N+1 shape, as an ORM's lazy loading produces it: one query for the page …
--   SELECT id, name, email FROM users ORDER BY id LIMIT 20;
-- … then, in a loop, one query per user (20 more round trips for one page, 101 for 100 rows):
--   SELECT t.id, t.name, ut.role FROM user_teams ut JOIN teams t ON t.id = ut.team_id
--   WHERE ut.user_id = $1;

-- Fix 1: one query that returns each user with its teams aggregated as JSON.
SELECT u.id, u.name, u.email,
       coalesce(
         json_agg(json_build_object('id', t.id, 'name', t.name, 'role', ut.role) ORDER BY t.name)
           FILTER (WHERE t.id IS NOT NULL),
         '[]') AS teams
FROM (SELECT id, name, email FROM users ORDER BY id LIMIT 20) AS u
LEFT JOIN user_teams ut ON ut.user_id = u.id
LEFT JOIN teams t ON t.id = ut.team_id
GROUP BY u.id, u.name, u.email
ORDER BY u.id;

-- Fix 2: two queries, the way eager loading "prefetches" (Django prefetch_related,
-- SQLAlchemy selectinload, Prisma include): the page, then all children of the page
-- in one query keyed by the parents' ids (the application passes them as one array).
SELECT id, name, email FROM users ORDER BY id LIMIT 20;
PREPARE teams_of_users (BIGINT[]) AS
  SELECT ut.user_id, t.id, t.name, ut.role
  FROM user_teams ut JOIN teams t ON t.id = ut.team_id
  WHERE ut.user_id = ANY ($1)
  ORDER BY ut.user_id, t.name;
EXECUTE teams_of_users ('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20}');
DEALLOCATE teams_of_users;

-- Finding N+1 in production: the same short statement with a huge call count in
-- pg_stat_statements (calls in the millions, mean time well under a millisecond), e.g.
--   SELECT query, calls, mean_exec_time FROM pg_stat_statements ORDER BY calls DESC LIMIT 10;
