-- A graph in SQL: the things as rows of a table, each relationship as a row of one
-- edge table, keyed for the direction queries walk and indexed for the other (PostgreSQL)
CREATE TABLE nodes (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('package', 'file', 'function')),
  name TEXT NOT NULL
);
CREATE TABLE edges (
  from_id BIGINT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  kind    TEXT   NOT NULL CHECK (kind IN ('contains', 'imports', 'calls')),
  to_id   BIGINT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  PRIMARY KEY (from_id, kind, to_id)
);
-- The other direction ("who calls this function?") reads this index.
CREATE INDEX edges_to ON edges (to_id, kind, from_id);

INSERT INTO nodes (kind, name) VALUES
  ('package', 'billing'), ('file', 'billing/invoice.py'),
  ('function', 'issue_invoice'), ('function', 'next_number'), ('function', 'send_email');
INSERT INTO edges (from_id, kind, to_id) VALUES
  (1, 'contains', 2), (2, 'contains', 3), (2, 'contains', 4),
  (3, 'calls', 4), (3, 'calls', 5), (4, 'calls', 3);

-- One hop: the direct callers of next_number.
SELECT n.name
FROM edges e JOIN nodes n ON n.id = e.from_id
WHERE e.to_id = 4 AND e.kind = 'calls';

-- Up to three hops along calls. The path is carried so that the cycle
-- issue_invoice -> next_number -> issue_invoice stops instead of looping.
WITH RECURSIVE reach (id, depth, path) AS (
  SELECT 3::bigint, 0, ARRAY[3::bigint]
  UNION ALL
  SELECT e.to_id, r.depth + 1, r.path || e.to_id
  FROM reach r
  JOIN edges e ON e.from_id = r.id AND e.kind = 'calls'
  WHERE r.depth < 3 AND e.to_id <> ALL (r.path)
)
SELECT n.name, min(r.depth) AS hops
FROM reach r JOIN nodes n ON n.id = r.id
WHERE r.depth > 0
GROUP BY n.name
ORDER BY hops, n.name;
