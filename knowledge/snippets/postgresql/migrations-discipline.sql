-- Migration discipline: versioned, transactional, reversible, checksummed, never edited after merge
-- What migration tools (Flyway, Alembic, Rails, Django, sqlx …) keep: one row per applied
-- migration with a checksum of its file, so an edited migration is detected, not re-run.
CREATE TABLE schema_migrations (
  version    BIGINT PRIMARY KEY,
  name       TEXT        NOT NULL,
  checksum   TEXT        NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- 0001_create_users (up). PostgreSQL DDL is transactional: a failing migration leaves
-- nothing half-applied.
BEGIN;
CREATE TABLE users (
  id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email TEXT NOT NULL UNIQUE
);
INSERT INTO schema_migrations (version, name, checksum)
VALUES (1, 'create_users', md5('CREATE TABLE users (…)'));
COMMIT;

-- 0002_add_users_phone (up) …
BEGIN;
ALTER TABLE users ADD COLUMN phone VARCHAR(20);
INSERT INTO schema_migrations (version, name, checksum)
VALUES (2, 'add_users_phone', md5('ALTER TABLE users ADD COLUMN phone VARCHAR(20)'));
COMMIT;

-- … and its down, written and tested in CI together with the up: apply, roll back,
-- apply again, on a copy of production's schema.
BEGIN;
ALTER TABLE users DROP COLUMN phone;
DELETE FROM schema_migrations WHERE version = 2;
COMMIT;
BEGIN;
ALTER TABLE users ADD COLUMN phone VARCHAR(20);
INSERT INTO schema_migrations (version, name, checksum)
VALUES (2, 'add_users_phone', md5('ALTER TABLE users ADD COLUMN phone VARCHAR(20)'));
COMMIT;

-- 0002 turned out wrong (20 characters is too short for E.164 plus extensions). It is
-- merged and has run in production, so it is never edited: a new migration fixes it.
BEGIN;
ALTER TABLE users ALTER COLUMN phone TYPE TEXT;   -- varchar → text needs no table rewrite
INSERT INTO schema_migrations (version, name, checksum)
VALUES (3, 'widen_users_phone', md5('ALTER TABLE users ALTER COLUMN phone TYPE TEXT'));
COMMIT;

SELECT version, name, applied_at IS NOT NULL AS applied FROM schema_migrations ORDER BY version;
