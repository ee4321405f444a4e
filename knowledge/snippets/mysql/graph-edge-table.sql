-- A graph in SQL: the things as rows of a table, each relationship as a row of one
-- edge table, keyed for the direction queries walk and indexed for the other
-- (MySQL 8 / MariaDB 10.2 and later, for the recursive query)
CREATE TABLE nodes (
  id   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(20)  NOT NULL CHECK (kind IN ('package', 'file', 'function')),
  name VARCHAR(200) NOT NULL
) ENGINE=InnoDB;
-- InnoDB clusters rows by the primary key: a node's outgoing edges of one kind are
-- stored together, so one hop is one range read.
CREATE TABLE edges (
  from_id BIGINT UNSIGNED NOT NULL,
  kind    VARCHAR(20)     NOT NULL CHECK (kind IN ('contains', 'imports', 'calls')),
  to_id   BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (from_id, kind, to_id),
  KEY edges_to (to_id, kind, from_id),
  CONSTRAINT edges_from_fk FOREIGN KEY (from_id) REFERENCES nodes (id) ON DELETE CASCADE,
  CONSTRAINT edges_to_fk   FOREIGN KEY (to_id)   REFERENCES nodes (id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO nodes (kind, name) VALUES
  ('package', 'billing'), ('file', 'billing/invoice.py'),
  ('function', 'issue_invoice'), ('function', 'next_number'), ('function', 'send_email');
INSERT INTO edges (from_id, kind, to_id) VALUES
  (1, 'contains', 2), (2, 'contains', 3), (2, 'contains', 4),
  (3, 'calls', 4), (3, 'calls', 5), (4, 'calls', 3);

-- One hop: the direct callers of next_number, read from edges_to.
SELECT n.name
FROM edges e JOIN nodes n ON n.id = e.from_id
WHERE e.to_id = 4 AND e.kind = 'calls';

-- Up to three hops along calls. The visited ids are carried as a string so that the
-- cycle issue_invoice -> next_number -> issue_invoice stops instead of looping.
WITH RECURSIVE reach (id, depth, path) AS (
  SELECT CAST(3 AS UNSIGNED), 0, CAST(',3,' AS CHAR(1000))
  UNION ALL
  SELECT e.to_id, r.depth + 1, CONCAT(r.path, e.to_id, ',')
  FROM reach r
  JOIN edges e ON e.from_id = r.id AND e.kind = 'calls'
  WHERE r.depth < 3 AND LOCATE(CONCAT(',', e.to_id, ','), r.path) = 0
)
SELECT n.name, MIN(r.depth) AS hops
FROM reach r JOIN nodes n ON n.id = r.id
WHERE r.depth > 0
GROUP BY n.name
ORDER BY hops, n.name;
