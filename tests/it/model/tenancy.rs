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
