CREATE TABLE tenants (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE tasks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    title text NOT NULL,
    UNIQUE (tenant_id, id)
);
-- The comment's task is named with its tenant: another tenant's task is refused.
CREATE TABLE comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    task_id bigint NOT NULL,
    body text NOT NULL,
    FOREIGN KEY (tenant_id, task_id) REFERENCES tasks (tenant_id, id)
);
CREATE INDEX comments_tenant_id_task_id_idx ON comments (tenant_id, task_id);
-- Each tenant's rows behind a policy (tenant-table-without-row-security).
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
