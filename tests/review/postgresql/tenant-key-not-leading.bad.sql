CREATE TABLE tenants (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE projects (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (tenant_id, id)
);
CREATE TABLE tasks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- expect: tenant-key-not-leading
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    title text NOT NULL
);
CREATE INDEX tasks_tenant_id_idx ON tasks (tenant_id);
-- Each tenant's rows behind a policy (tenant-table-without-row-security).
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
