-- One-to-one, one-to-many and many-to-many relationships
CREATE TABLE users (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One-to-one: the child's primary key IS the foreign key, so there can be at most one
-- profile per user. Split like this only for optional, large or rarely read columns.
CREATE TABLE user_profiles (
  user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  bio        TEXT,
  avatar_url TEXT
);

-- One-to-many: the foreign key sits on the "many" side, NOT NULL when every post must
-- have an author, and indexed because PostgreSQL does not index it for you.
CREATE TABLE posts (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title     TEXT NOT NULL
);
CREATE INDEX posts_author_idx ON posts (author_id);

-- Many-to-many: a junction table with a composite primary key (each pair once). Its
-- index serves "courses of a student"; the second index serves "students of a course".
CREATE TABLE students (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE courses (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title TEXT NOT NULL
);
CREATE TABLE enrollments (
  student_id  BIGINT NOT NULL REFERENCES students (id) ON DELETE CASCADE,
  course_id   BIGINT NOT NULL REFERENCES courses (id) ON DELETE RESTRICT,
  enrolled_at TIMESTAMPTZ NOT NULL DEFAULT now(),        -- facts about the pair live here
  grade       NUMERIC(3,1) CHECK (grade BETWEEN 0 AND 20),
  PRIMARY KEY (student_id, course_id)
);
CREATE INDEX enrollments_course_idx ON enrollments (course_id);

-- A hierarchy: a self-referencing foreign key (NULL at the top).
CREATE TABLE employees (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       TEXT NOT NULL,
  manager_id BIGINT REFERENCES employees (id) ON DELETE SET NULL,
  CHECK (manager_id <> id)
);
CREATE INDEX employees_manager_idx ON employees (manager_id);

INSERT INTO users (email) VALUES ('ada@example.com');
INSERT INTO user_profiles (user_id, bio) VALUES (1, 'Mathematician');
INSERT INTO posts (author_id, title) VALUES (1, 'Notes on the engine'), (1, 'Bernoulli numbers');
INSERT INTO students (name) VALUES ('Ada'), ('Grace');
INSERT INTO courses (title) VALUES ('Databases'), ('Compilers');
INSERT INTO enrollments (student_id, course_id) VALUES (1, 1), (1, 2), (2, 1);
INSERT INTO employees (name, manager_id) VALUES ('Grace', NULL), ('Ada', 1), ('Linus', 2);

SELECT u.email, p.bio, count(po.id) AS posts
FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id
LEFT JOIN posts po ON po.author_id = u.id
GROUP BY u.email, p.bio;

SELECT c.title, string_agg(s.name, ', ' ORDER BY s.name) AS students
FROM courses c JOIN enrollments e ON e.course_id = c.id JOIN students s ON s.id = e.student_id
GROUP BY c.title ORDER BY c.title;

-- Walking the hierarchy with a recursive CTE.
WITH RECURSIVE chain AS (
  SELECT id, name, manager_id, 0 AS depth FROM employees WHERE manager_id IS NULL
  UNION ALL
  SELECT e.id, e.name, e.manager_id, c.depth + 1 FROM employees e JOIN chain c ON e.manager_id = c.id
)
SELECT repeat('  ', depth) || name AS org_chart FROM chain ORDER BY depth;
