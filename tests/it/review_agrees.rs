//! `review` reads a schema the same from its file and from the live database that file
//! made: on the tool's own ledger schema, every rule that reads a file finds the same
//! (rule, table) pairs both ways. A BEFORE DELETE trigger that keeps a posted journal's
//! entries was read from the file only, so the live review called their cascade an error.

use crate::common::engines::{MariaDb, Postgres};
use crate::common::run::{dbadvise, stdout_of};
use serde_json::Value;
use std::collections::BTreeSet;

/// The (rule, table) pairs of a review's findings, for the rules a file review has,
/// after checking that it read all nine tables and skipped nothing.
fn pairs(json: &str, rules: &BTreeSet<String>) -> BTreeSet<(String, String)> {
    let review: Value = serde_json::from_str(json).unwrap();
    assert_eq!(review["summary"]["tables"], 9, "{json}");
    assert_eq!(review["summary"]["skipped"], 0, "{json}");
    review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| rules.contains(f["rule"].as_str().unwrap()))
        .map(|f| {
            let table = f["table"].as_str().unwrap_or("");
            let bare = table.trim_start_matches("public.").trim_matches('`');
            (f["rule"].as_str().unwrap().to_string(), bare.to_string())
        })
        .collect()
}

/// The ledger domain's schema for `engine`, written to a file; and the rules that a
/// file review of it runs (every rule of the knowledge base that reads no statistics).
fn ledger(engine: &str, dir: &std::path::Path) -> (std::path::PathBuf, BTreeSet<String>) {
    let path = dir.join(format!("ledger-{engine}.sql"));
    let sql = stdout_of(dbadvise().args(["schema", "--archetype", "ledger", "--engine", engine]));
    std::fs::write(&path, sql).unwrap();
    let kb = dbadvise::kb::KnowledgeBase::embedded();
    let rules = kb
        .review_rules
        .iter()
        .filter(|r| dbadvise::review::live::detectors::detector(&r.detects).is_none())
        .map(|r| r.id.to_string())
        .collect();
    (path, rules)
}

fn reviewed(args: &[&str]) -> String {
    stdout_of(
        dbadvise()
            .arg("review")
            .args(args)
            .args(["--format", "json"]),
    )
}

/// The file and the database at `url` that it made give the same findings.
fn agree(file: &std::path::Path, url: &str, rules: &BTreeSet<String>) {
    let from_file = pairs(&reviewed(&[file.to_str().unwrap()]), rules);
    let live = pairs(&reviewed(&["--url", url]), rules);
    assert_eq!(live, from_file);
}

#[test]
fn the_ledger_schema_reviews_the_same_from_its_file_and_live_on_postgresql() {
    let dir = tempfile::tempdir().unwrap();
    let (file, rules) = ledger("postgresql", dir.path());
    let pg = Postgres::start().unwrap_or_else(|e| panic!("needs {}: {e}", Postgres::ENGINE));
    let db = pg.fresh_database("rv_agree").unwrap();
    pg.run_psql_file(&db, file.as_path()).unwrap();
    let url = format!(
        "postgresql://postgres@/rv_agree?host={}&port=5432",
        pg.socket_dir().display()
    );
    agree(&file, &url, &rules);
    pg.drop_database(db).unwrap();
}

#[test]
fn the_ledger_schema_reviews_the_same_from_its_file_and_live_on_mariadb() {
    let dir = tempfile::tempdir().unwrap();
    let (file, rules) = ledger("mysql", dir.path());
    let maria = MariaDb::start().unwrap_or_else(|e| panic!("needs {}: {e}", MariaDb::ENGINE));
    let db = maria.fresh_database("rv_agree").unwrap();
    maria.run_mysql(&db, file.as_path()).unwrap();
    // information_schema shows a table's triggers only to an account that may make them.
    let socket = maria.log().parent().unwrap().join("my.sock");
    let url = format!(
        "mariadb://root@localhost/rv_agree?socket={}",
        socket.display()
    );
    agree(&file, &url, &rules);
    maria.drop_database(&db).unwrap();
}
