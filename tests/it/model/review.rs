//! The model's tables, read by `dbadvise review`: the generator and the reviewer share a
//! knowledge base and must not disagree on what the tables claim.

use super::*;

/// What the tables claim to get right, `dbadvise review` (the same knowledge base's
/// rules) finds nothing against, on every model and engine: exact money, instants with
/// their time zone, a key on every table, an index on every foreign key and none that
/// another makes redundant, emails unique whatever their case, identity keys, and (on
/// PostgreSQL) row-level security on every tenant's table but the number counters.
#[test]
fn the_tables_pass_the_review_of_what_they_claim() {
    let claimed = [
        "float-money",
        "timestamp-without-time-zone",
        "no-primary-key",
        "unindexed-foreign-key",
        "sequence-key",
        "case-sensitive-unique-email",
        "redundant-index",
        "nullable-owned-foreign-key",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut broken = Vec::new();
    for model in models() {
        for (engine, dialect) in [("postgresql", "postgresql"), ("mysql", "mysql")] {
            let file = dir.path().join(format!(
                "{}-{engine}.sql",
                model.file_stem().unwrap().to_string_lossy()
            ));
            std::fs::write(&file, tables(&model, engine, "internal")).unwrap();
            let out = dbadvise()
                .args(["review", "--format", "json", "--dialect", dialect])
                .arg(&file)
                .output()
                .unwrap();
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            for f in json["findings"].as_array().unwrap() {
                let rule = f["rule"].as_str().unwrap();
                let table = f["table"].as_str().unwrap_or_default();
                let counter = table.ends_with("_counter");
                if claimed.contains(&rule)
                    || (rule == "tenant-table-without-row-security" && !counter)
                {
                    broken.push(format!("{}: {rule}: {}", file.display(), f["message"]));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
