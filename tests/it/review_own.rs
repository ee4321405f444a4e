//! The tool's own starter schemas under its own review: `schema --archetype` for every
//! domain, on PostgreSQL and MySQL, is read whole (every table, nothing skipped, MySQL's
//! trigger blocks included) and breaks none of the rules that are errors or warnings.
//! A generator and a reviewer that disagree leave the user to decide which to believe.

use crate::common::run::{dbadvise, stdout_of};
use serde_json::Value;

#[test]
fn every_starter_schema_is_read_whole_and_passes_its_own_review() {
    let kb = dbadvise::kb::KnowledgeBase::embedded();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for id in kb.archetypes.keys() {
        for engine in ["postgresql", "mysql"] {
            let path = dir.path().join(format!("{id}.{engine}.sql"));
            let schema =
                stdout_of(dbadvise().args(["schema", "--archetype", id, "--engine", engine]));
            std::fs::write(&path, &schema).unwrap();
            let json = stdout_of(
                dbadvise()
                    .args(["review", "--format", "json", "--dialect", engine])
                    .arg(&path),
            );
            let review: Value = serde_json::from_str(&json).unwrap();
            let tables = schema.matches("CREATE TABLE ").count();
            assert_eq!(
                review["summary"]["tables"].as_u64(),
                Some(tables as u64),
                "{id} on {engine}: every table is read\n{json}"
            );
            assert_eq!(review["summary"]["skipped"], 0, "{id} on {engine}\n{json}");
            let serious: Vec<&Value> = review["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["severity"] != "note")
                .collect();
            assert!(serious.is_empty(), "{id} on {engine}: {serious:#?}");
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} schemas");
}
