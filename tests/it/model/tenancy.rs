//! Tenants sharing the tables, for every domain: the record says row-level security
//! holds them apart, so every table of a tenant's rows has it. A domain written for one
//! organisation had no tenant, and its record claimed isolation its tables lacked.

use super::archetypes::{answers_with, record};
use std::fs;
use std::path::Path;

/// The domain's entities marked `global: true` (shared by all tenants), as the model
/// file writes them.
fn global_entities(domain: &Path) -> Vec<String> {
    let text = fs::read_to_string(domain).unwrap();
    let model: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let entities = model["entities"].as_sequence().unwrap();
    (entities.iter())
        .filter(|e| e["global"].as_bool() == Some(true))
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_domain_s_tables_hold_shared_tenants_apart_by_row_level_security() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/archetypes");
    let mut failures = Vec::new();
    for entry in fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        let domain = path.file_stem().unwrap().to_str().unwrap().to_string();
        let dir = answers_with(&domain, "shared");
        let (adr, schema) = record(dir.path());
        assert!(adr.contains("row-level security"), "{domain}: {adr}");
        let global = global_entities(&path);
        let tables = (schema.lines())
            .filter_map(|l| l.strip_prefix("CREATE TABLE "))
            .filter_map(|l| l.split_whitespace().next());
        for table in tables {
            let guarded =
                schema.contains(&format!("ALTER TABLE {table} FORCE ROW LEVEL SECURITY;"));
            if !guarded && !global.iter().any(|g| g == table) {
                failures.push(format!("{domain}: {table} has no row-level security"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The people who sign in are shared by every tenant, and their emails and names are
/// personal: a tenant's session on PostgreSQL sees only its own members, as a role that
/// is neither superuser nor BYPASSRLS. Without the policy, Acme read Globex's people.
#[test]
fn a_tenant_sees_only_its_own_members_among_the_people_every_tenant_shares() {
    let Some(pg) = super::overlaps::started_postgres() else {
        return;
    };
    let dir = answers_with("saas-admin", "shared");
    let (_, schema) = record(dir.path());
    let db = pg.fresh_database("shared_people").unwrap();
    pg.run_psql_file(&db, &schema).unwrap();
    pg.run_psql_file(
        &db,
        "INSERT INTO organisation (slug, display_name) VALUES ('acme', 'Acme'), ('globex', 'Globex');\n\
         INSERT INTO app_user (email, full_name) VALUES \
         ('ada@acme.test', 'Ada'), ('bob@globex.test', 'Bob'), ('cy@both.test', 'Cy');\n\
         INSERT INTO membership (organisation_id, app_user_id, role) \
         SELECT o.id, u.id, 'member' FROM organisation o, app_user u \
         WHERE (o.slug, u.email) IN (('acme', 'ada@acme.test'), ('globex', 'bob@globex.test'), \
         ('acme', 'cy@both.test'), ('globex', 'cy@both.test'));\n\
         CREATE ROLE shared_people_app;\n\
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO shared_people_app;\n",
    )
    .unwrap();
    let seen = |slug: &str| {
        pg.query(
            &db.name,
            &format!(
                "SELECT set_config('app.tenant_id', (SELECT id FROM organisation WHERE slug = '{slug}')::text, false); \
                 SET ROLE shared_people_app; \
                 SELECT string_agg(email, ',' ORDER BY email) FROM app_user;"
            ),
        )
        .map(|out| out.lines().last().unwrap_or("").trim().to_string())
    };
    let acme = seen("acme");
    let globex = seen("globex");
    let _ = pg.run_psql_file(
        &db,
        "RESET ROLE; DROP OWNED BY shared_people_app; DROP ROLE shared_people_app;",
    );
    assert_eq!(acme.as_deref(), Ok("ada@acme.test,cy@both.test"));
    assert_eq!(globex.as_deref(), Ok("bob@globex.test,cy@both.test"));
}
