-- Row-level security for tenant isolation
CREATE TABLE tenants (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL,
  plan TEXT NOT NULL CHECK (plan IN ('free', 'team', 'enterprise'))
);
CREATE TABLE users (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  email     TEXT NOT NULL,
  UNIQUE (tenant_id, email),                -- unique per tenant, not globally
  UNIQUE (tenant_id, id)                    -- what a reference of the same tenant names
);
CREATE TABLE documents (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id  BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  author_id  BIGINT NOT NULL,
  title      TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- The tenant is part of the reference: a foreign key check skips row-level security,
  -- so a reference by id alone could point at another tenant's user.
  FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
-- tenant_id leads the indexes: every query is filtered by it anyway.
CREATE INDEX documents_tenant_created_idx ON documents (tenant_id, created_at DESC);
CREATE INDEX documents_author_idx ON documents (tenant_id, author_id);

-- The application connects as a role that is neither superuser nor owner, and has no
-- BYPASSRLS. Superusers and BYPASSRLS roles always skip policies.
CREATE ROLE app_owner NOLOGIN;      -- owns the tables (runs migrations)
CREATE ROLE tenant_app NOLOGIN;       -- what the application logs in as (LOGIN in real life)
ALTER TABLE users OWNER TO app_owner;
ALTER TABLE documents OWNER TO app_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, documents TO tenant_app;
GRANT SELECT ON tenants TO tenant_app;

-- The tenant comes from a per-transaction setting. NULLIF(…, '') plus missing_ok = true
-- make an unset tenant match no row (fail closed) instead of raising an error.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
-- Table owners bypass RLS unless FORCE is set; with FORCE the owner is filtered too.
ALTER TABLE users FORCE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON users
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
CREATE POLICY tenant_isolation ON documents
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);

-- Sample rows, inserted as the superuser (which bypasses RLS).
INSERT INTO tenants (name, plan) VALUES ('Acme', 'team'), ('Globex', 'enterprise');
INSERT INTO users (tenant_id, email) VALUES (1, 'ada@acme.example'), (2, 'hank@globex.example');
INSERT INTO documents (tenant_id, author_id, title) VALUES
  (1, 1, 'Acme roadmap'), (1, 1, 'Acme pricing'), (2, 2, 'Globex merger plan');

-- A request of tenant 1. SET LOCAL lasts until COMMIT, so a pooled connection (PgBouncer
-- in transaction mode) cannot carry the tenant over to the next request.
SET ROLE tenant_app;
BEGIN;
SET LOCAL app.tenant_id = '1';
SELECT id, title FROM documents ORDER BY id;        -- only Acme's two documents
SELECT count(*) AS visible FROM documents WHERE title LIKE 'Globex%';   -- 0, even when asked
COMMIT;

-- Writing into another tenant is refused by WITH CHECK.
BEGIN;
SET LOCAL app.tenant_id = '1';
DO $$
BEGIN
  INSERT INTO documents (tenant_id, author_id, title) VALUES (2, 2, 'Planted');
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'refused: %', SQLERRM;
END $$;
COMMIT;

-- Naming another tenant's row is refused by the composite foreign key: tenant 2's user
-- as the author of a document of tenant 1.
BEGIN;
SET LOCAL app.tenant_id = '1';
DO $$
BEGIN
  INSERT INTO documents (tenant_id, author_id, title) VALUES (1, 2, 'Borrowed author');
EXCEPTION WHEN foreign_key_violation THEN
  RAISE NOTICE 'refused: %', SQLERRM;
END $$;
COMMIT;

-- No tenant set: nothing is visible.
SELECT count(*) AS without_tenant FROM documents;   -- 0
RESET ROLE;

-- The owner is filtered as well, because of FORCE ROW LEVEL SECURITY.
SET ROLE app_owner;
SELECT count(*) AS owner_without_tenant FROM documents;   -- 0
RESET ROLE;
