CREATE TABLE tenants (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE projects (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (tenant_id, id)
);
CREATE TABLE tasks (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint GENERATED ALWAYS AS IDENTITY,
    title text NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
