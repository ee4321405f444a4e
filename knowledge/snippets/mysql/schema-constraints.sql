-- Constraints in MySQL/MariaDB: NOT NULL, UNIQUE, CHECK and foreign keys in InnoDB
SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

CREATE TABLE rooms (
  id       BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code     VARCHAR(16) NOT NULL,
  capacity INT NOT NULL,
  UNIQUE KEY rooms_code_key (code),
  CONSTRAINT rooms_capacity_check CHECK (capacity BETWEEN 1 AND 500)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE bookings (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  room_id   BIGINT UNSIGNED NOT NULL,
  booked_by VARCHAR(254) NOT NULL,
  starts_at DATETIME NOT NULL,
  ends_at   DATETIME NOT NULL,
  attendees INT NOT NULL,
  KEY bookings_room_starts_idx (room_id, starts_at),
  CONSTRAINT bookings_room_fk FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE RESTRICT,
  CONSTRAINT bookings_valid_range CHECK (ends_at > starts_at),
  CONSTRAINT bookings_attendees_check CHECK (attendees > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- No exclusion constraints: overlapping bookings must be prevented by locking the room
-- row (SELECT … FOR UPDATE) before checking for overlaps in the same transaction.

INSERT INTO rooms (code, capacity) VALUES ('R101', 12);

START TRANSACTION;
SELECT id FROM rooms WHERE id = 1 FOR UPDATE;          -- serialises bookings of this room
SELECT COUNT(*) AS overlapping FROM bookings
WHERE room_id = 1 AND starts_at < '2025-06-02 10:00:00' AND ends_at > '2025-06-02 09:00:00';
INSERT INTO bookings (room_id, booked_by, starts_at, ends_at, attendees)
VALUES (1, 'ada@example.com', '2025-06-02 09:00:00', '2025-06-02 10:00:00', 6);
COMMIT;

-- What the database enforces here, whichever client writes:
SELECT constraint_name, constraint_type FROM information_schema.table_constraints
WHERE table_schema = DATABASE() AND table_name = 'bookings' ORDER BY constraint_name;
