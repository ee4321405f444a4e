-- No two bookings of one room overlap: an exclusion constraint
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE rooms (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE bookings (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room_id BIGINT    NOT NULL REFERENCES rooms (id) ON DELETE RESTRICT,
  during  TSTZRANGE NOT NULL CHECK (NOT isempty(during)),
  -- The database refuses a second booking of the same room whose range overlaps,
  -- however many requests race: no check-then-insert in the application.
  EXCLUDE USING gist (room_id WITH =, during WITH &&)
);

INSERT INTO rooms (name) VALUES ('Ada'), ('Turing');
INSERT INTO bookings (room_id, during) VALUES
  (1, '[2026-12-01 09:00+00, 2026-12-01 10:00+00)'),
  (1, '[2026-12-01 10:00+00, 2026-12-01 11:00+00)'),  -- touches, does not overlap
  (2, '[2026-12-01 09:30+00, 2026-12-01 10:30+00)');  -- another room
