-- Shard-ready schema: the distribution key (tenant_id) leads every key, so Citus can shard it later
CREATE TABLE tenants (
  id         BIGINT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Small, shared lookup data: a Citus "reference table" (a full copy on every node).
CREATE TABLE plans (
  code        TEXT PRIMARY KEY,
  max_seats   INT NOT NULL,
  price_month NUMERIC(19,4) NOT NULL
);

-- Every tenant-owned table carries tenant_id, and it is part of the primary key and of
-- every foreign key, so all rows of a tenant live on one shard and joins stay local.
CREATE TABLE projects (
  tenant_id  BIGINT NOT NULL REFERENCES tenants (id),
  id         BIGINT NOT NULL,
  name       TEXT   NOT NULL,
  plan_code  TEXT   NOT NULL REFERENCES plans (code),
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE tasks (
  tenant_id  BIGINT NOT NULL,
  id         BIGINT NOT NULL,
  project_id BIGINT NOT NULL,
  title      TEXT   NOT NULL,
  done       BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
-- Unique constraints must include the distribution key too.
CREATE UNIQUE INDEX projects_tenant_name ON projects (tenant_id, name);

-- With Citus installed, the same tables are distributed in place:
--   CREATE EXTENSION citus;
--   SELECT create_reference_table('plans');
--   SELECT create_distributed_table('tenants',  'id');
--   SELECT create_distributed_table('projects', 'tenant_id', colocate_with => 'tenants');
--   SELECT create_distributed_table('tasks',    'tenant_id', colocate_with => 'projects');

INSERT INTO tenants (id, name) VALUES (1, 'Acme'), (2, 'Globex');
INSERT INTO plans VALUES ('team', 10, 49.0000), ('business', 100, 399.0000);
INSERT INTO projects VALUES (1, 1, 'Website', 'team'), (2, 1, 'Billing', 'business');
INSERT INTO tasks VALUES (1, 1, 1, 'Draft copy', false), (1, 2, 1, 'Review', true),
                         (2, 1, 1, 'Invoice run', false);

-- Every query names the tenant: Citus routes it to one shard (a "router" query).
SELECT p.name, count(*) FILTER (WHERE NOT t.done) AS open_tasks
FROM projects p
JOIN tasks t ON t.tenant_id = p.tenant_id AND t.project_id = p.id
WHERE p.tenant_id = 1
GROUP BY p.name;

-- Application-level sharding instead: hash the key into many logical shards (1024) and
-- map logical shards to servers in a table, so adding a server moves some logical
-- shards rather than rehashing every key (hash % server_count would move most keys).
CREATE TABLE shard_map (
  logical_shard INT PRIMARY KEY CHECK (logical_shard BETWEEN 0 AND 1023),
  server        TEXT NOT NULL
);
INSERT INTO shard_map
SELECT s, CASE WHEN s < 512 THEN 'pg-shard-a' ELSE 'pg-shard-b' END
FROM generate_series(0, 1023) AS s;

SELECT t.id AS tenant_id, m.logical_shard, m.server
FROM tenants t
JOIN shard_map m ON m.logical_shard = abs(hashtextextended(t.id::text, 0) % 1024)
ORDER BY t.id;
