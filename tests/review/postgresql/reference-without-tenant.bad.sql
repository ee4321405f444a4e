CREATE TABLE tenants (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE tasks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    title text NOT NULL
);
CREATE INDEX tasks_tenant_id_idx ON tasks (tenant_id);
-- A comment names its task by id alone: nothing stops it naming another tenant's task.
CREATE TABLE comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    task_id bigint NOT NULL REFERENCES tasks (id), -- expect: reference-without-tenant
    body text NOT NULL
);
CREATE INDEX comments_tenant_id_idx ON comments (tenant_id);
CREATE INDEX comments_task_id_idx ON comments (task_id);
-- Each tenant's rows behind a policy (tenant-table-without-row-security).
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
