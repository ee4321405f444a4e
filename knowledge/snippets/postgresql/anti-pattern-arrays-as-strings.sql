-- Anti-pattern: lists stored as strings; use an array, JSONB or a junction table
-- ✗ A JSON list inside a TEXT column: no validation, no index, and substring matching
-- finds the wrong rows ('react' also matches 'preact').
CREATE TABLE posts_bad (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tags TEXT                                   -- '["javascript", "react"]'
);
INSERT INTO posts_bad (tags) VALUES ('["javascript", "react"]'), ('["preact"]'), ('javascript,react');
SELECT id, tags FROM posts_bad WHERE tags LIKE '%react%';   -- 3 rows, one is wrong, formats differ

-- ✓ A native array when the values are simple labels owned by the row.
CREATE TABLE posts (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title TEXT NOT NULL,
  tags  TEXT[] NOT NULL DEFAULT '{}'
);
-- GIN serves @> (contains), <@ and && (overlaps); it does not serve 'x' = ANY (tags).
CREATE INDEX posts_tags_idx ON posts USING GIN (tags);
INSERT INTO posts (title, tags) VALUES
  ('Hooks in depth', ARRAY['javascript', 'react']),
  ('A tiny alternative', ARRAY['preact']);
SELECT id, title FROM posts WHERE tags @> ARRAY['react'];   -- exact element match: 1 row
UPDATE posts SET tags = array_append(tags, 'frontend') WHERE id = 1;

-- Migrating the bad column: parse both formats into a real array.
ALTER TABLE posts_bad ADD COLUMN tag_list TEXT[];
UPDATE posts_bad SET tag_list = CASE
  WHEN tags LIKE '[%' THEN ARRAY(SELECT jsonb_array_elements_text(tags::jsonb))
  ELSE string_to_array(tags, ',')
END;
SELECT id, tag_list FROM posts_bad ORDER BY id;

-- ✓ A junction table when tags are shared entities (renamed once, counted, described)
-- or need foreign keys: the relational many-to-many.
CREATE TABLE tags (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE post_tags (
  post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  tag_id  BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (post_id, tag_id)
);
CREATE INDEX post_tags_tag_idx ON post_tags (tag_id);
INSERT INTO tags (name) SELECT DISTINCT unnest(tags) FROM posts;
INSERT INTO post_tags SELECT p.id, t.id FROM posts p JOIN tags t ON t.name = ANY (p.tags);
SELECT t.name, count(*) AS posts FROM tags t JOIN post_tags pt ON pt.tag_id = t.id
GROUP BY t.name ORDER BY t.name;
