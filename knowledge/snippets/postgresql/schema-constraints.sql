-- Constraints: let the database reject bad data, whoever writes it
-- btree_gist lets an exclusion constraint mix equality (room) with range overlap (&&).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE rooms (
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,                                  -- natural key stays unique
  capacity INT  NOT NULL CHECK (capacity BETWEEN 1 AND 500)
);

CREATE TABLE bookings (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room_id     BIGINT NOT NULL REFERENCES rooms (id) ON DELETE RESTRICT,
  booked_by   TEXT   NOT NULL CHECK (booked_by ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),  -- coarse sanity check only
  starts_at   TIMESTAMPTZ NOT NULL,
  ends_at     TIMESTAMPTZ NOT NULL,
  attendees   INT NOT NULL CHECK (attendees > 0),
  status      TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
  -- A multi-column CHECK: a booking cannot end before it starts.
  CONSTRAINT bookings_valid_range CHECK (ends_at > starts_at),
  -- No two confirmed bookings of one room may overlap: a race two app servers cannot win,
  -- because the check and the insert are one atomic operation inside the database.
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
    room_id WITH =,
    tstzrange(starts_at, ends_at) WITH &&
  ) WHERE (status = 'confirmed')
);
CREATE INDEX bookings_room_idx ON bookings (room_id);

INSERT INTO rooms (code, capacity) VALUES ('R101', 12);
INSERT INTO bookings (room_id, booked_by, starts_at, ends_at, attendees)
VALUES (1, 'ada@example.com', '2025-06-02 09:00+00', '2025-06-02 10:00+00', 6);

-- Each of these is refused by the database itself (caught here to keep the script going).
DO $$
BEGIN
  BEGIN
    INSERT INTO bookings (room_id, booked_by, starts_at, ends_at, attendees)
    VALUES (1, 'grace@example.com', '2025-06-02 09:30+00', '2025-06-02 11:00+00', 4);
  EXCEPTION WHEN exclusion_violation THEN RAISE NOTICE 'overlap refused: %', SQLERRM;
  END;
  BEGIN
    INSERT INTO bookings (room_id, booked_by, starts_at, ends_at, attendees)
    VALUES (1, 'grace@example.com', '2025-06-02 12:00+00', '2025-06-02 11:00+00', 4);
  EXCEPTION WHEN check_violation THEN RAISE NOTICE 'bad range refused: %', SQLERRM;
  END;
  BEGIN
    INSERT INTO bookings (room_id, booked_by, starts_at, ends_at, attendees)
    VALUES (99, 'grace@example.com', '2025-06-02 12:00+00', '2025-06-02 13:00+00', 4);
  EXCEPTION WHEN foreign_key_violation THEN RAISE NOTICE 'unknown room refused: %', SQLERRM;
  END;
  BEGIN
    INSERT INTO rooms (code, capacity) VALUES ('R101', 8);
  EXCEPTION WHEN unique_violation THEN RAISE NOTICE 'duplicate code refused: %', SQLERRM;
  END;
END $$;

-- A cancelled booking no longer blocks the slot (the exclusion has a WHERE clause).
UPDATE bookings SET status = 'cancelled' WHERE id = 1;
INSERT INTO bookings (room_id, booked_by, starts_at, ends_at, attendees)
VALUES (1, 'grace@example.com', '2025-06-02 09:30+00', '2025-06-02 11:00+00', 4);

-- Adding a constraint to a big live table: NOT VALID skips the full-table check (and its
-- long lock); VALIDATE later checks old rows while allowing writes.
ALTER TABLE bookings ADD CONSTRAINT bookings_max_attendees CHECK (attendees <= 500) NOT VALID;
ALTER TABLE bookings VALIDATE CONSTRAINT bookings_max_attendees;

SELECT id, status, starts_at FROM bookings ORDER BY id;
