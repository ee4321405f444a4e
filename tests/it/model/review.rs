//! The model's tables, read by `dbadvise review`: the generator and the reviewer share a
//! knowledge base and must not disagree on what the tables claim.

use super::*;

/// What the tables claim to get right, `dbadvise review` (the same knowledge base's
/// rules) finds nothing against, on every model and engine: exact money, instants with
/// their time zone, a key on every table, an index on every foreign key and none that
/// another makes redundant, emails unique whatever their case, identity keys, no
/// cascade into a kept record that no trigger guards, and (on PostgreSQL) row-level
/// security on every tenant's table. The review reads every table and skips nothing,
/// MySQL's trigger blocks included.
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
        "cascade-into-kept-table",
        "tenant-table-without-row-security",
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
            let written = std::fs::read_to_string(&file).unwrap();
            let tables = written.matches("CREATE TABLE ").count() as u64;
            let summary = &json["summary"];
            if summary["tables"] != tables || summary["skipped"] != 0 {
                broken.push(format!(
                    "{}: read {summary} of {tables} tables",
                    file.display()
                ));
            }
            for f in json["findings"].as_array().unwrap() {
                let rule = f["rule"].as_str().unwrap();
                if claimed.contains(&rule) {
                    broken.push(format!("{}: {rule}: {}", file.display(), f["message"]));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
