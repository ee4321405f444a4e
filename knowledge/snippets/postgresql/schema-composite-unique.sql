-- Composite unique constraints: unique per tenant, once per pair, and same-tenant references
CREATE TABLE organizations (
  id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE users (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email           TEXT NOT NULL,
  -- The same person may belong to two organisations, but only once to each. The index
  -- behind it leads with organization_id, so it also serves "users of org X".
  CONSTRAINT users_org_email_key UNIQUE (organization_id, email),
  -- Lets other tables reference (organization_id, id) to stay inside one tenant.
  CONSTRAINT users_org_id_key UNIQUE (organization_id, id)
);
CREATE TABLE projects (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  owner_id        BIGINT NOT NULL,
  name            TEXT NOT NULL,
  UNIQUE (organization_id, name),
  -- A composite foreign key: the owner must be a user of the same organisation.
  FOREIGN KEY (organization_id, owner_id) REFERENCES users (organization_id, id)
);
CREATE INDEX projects_owner_idx ON projects (organization_id, owner_id);

-- A junction table: its composite primary key means "at most once per pair".
CREATE TABLE project_members (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user_idx ON project_members (user_id);

INSERT INTO organizations (name) VALUES ('Acme'), ('Globex');
INSERT INTO users (organization_id, email) VALUES
  (1, 'ada@example.com'), (2, 'ada@example.com'), (2, 'hank@globex.example');
INSERT INTO projects (organization_id, owner_id, name) VALUES (1, 1, 'Roadmap');

DO $$
BEGIN
  BEGIN
    INSERT INTO users (organization_id, email) VALUES (1, 'ada@example.com');
  EXCEPTION WHEN unique_violation THEN RAISE NOTICE 'refused: %', SQLERRM;
  END;
  BEGIN
    -- User 3 belongs to Globex: it cannot own an Acme project.
    INSERT INTO projects (organization_id, owner_id, name) VALUES (1, 3, 'Leak');
  EXCEPTION WHEN foreign_key_violation THEN RAISE NOTICE 'refused: %', SQLERRM;
  END;
END $$;

-- Idempotent "add member": the composite key is the conflict target.
INSERT INTO project_members (project_id, user_id) VALUES (1, 1)
ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role;
INSERT INTO project_members (project_id, user_id, role) VALUES (1, 1, 'admin')
ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role;

-- NULLs: by default (a, NULL) and (a, NULL) do not conflict. PostgreSQL 15 can treat
-- NULLs as equal for the constraint.
CREATE TABLE feature_flags (
  name            TEXT NOT NULL,
  organization_id BIGINT REFERENCES organizations (id),   -- NULL = the global default
  enabled         BOOLEAN NOT NULL,
  UNIQUE NULLS NOT DISTINCT (name, organization_id)
);
INSERT INTO feature_flags VALUES ('dark-mode', NULL, false), ('dark-mode', 1, true);
DO $$
BEGIN
  INSERT INTO feature_flags VALUES ('dark-mode', NULL, true);   -- a second global default
EXCEPTION WHEN unique_violation THEN RAISE NOTICE 'refused: %', SQLERRM;
END $$;

SELECT p.name, u.email, m.role FROM project_members m
JOIN projects p ON p.id = m.project_id JOIN users u ON u.id = m.user_id;
