//! Databases inside the application, or on one machine: what it writes as it runs, what an
//! analyst loads to query, and where its files stay.

use crate::common::advice::{advice_after, outcomes};
use crate::common::answers::{many, one};

use dbadvise::kb::KnowledgeBase;

/// A home-automation hub records every state change of the home's devices inside its own
/// process (Home Assistant's recorder, scenario 083). DuckDB used to win on "write
/// performance", though it is built for bulk loads and scans and each of these writes is
/// a small transaction; SQLite, the source's choice, now does. Measurements loaded in
/// bulk for an analyst keep DuckDB.
#[test]
fn readings_an_embedded_application_writes_as_they_happen_go_to_sqlite_not_duckdb() {
    let kb = KnowledgeBase::embedded();
    let hub = |kinds: &[&str]| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(kinds)),
                ("team", one("no-ops")),
                ("deployment", one("embedded")),
                ("volume", one("small")),
                ("durability", one("may-lose")),
                ("consistency", one("eventual")),
            ],
        )
    };
    let advice = hub(&["time-series"]);
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(advice.primary().unwrap().engine, "sqlite");
    let duckdb = advice.alternatives.iter().find(|a| a.engine == "duckdb");
    let out = duckdb
        .and_then(|a| a.eliminated.as_ref())
        .map(|e| e.to_string());
    assert!(
        out.as_deref()
            .is_some_and(|e| e.contains("readings written one by one")),
        "{out:?}"
    );

    let advice = hub(&["time-series", "analytics"]);
    assert_eq!(advice.primary().unwrap().engine, "duckdb");
}

/// Review N: an HR tool for 40 people, on one server of its own with nobody to run
/// databases, was given MinIO or Ceph for its contracts. Its files stay in a folder on
/// the database's machine; a team that runs a database well may run a storage service.
#[test]
fn a_small_tool_on_one_server_keeps_its_files_beside_its_database() {
    let kb = KnowledgeBase::embedded();
    let tool = |team: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records", "files"])),
                ("team", one(team)),
                ("existing", one("none")),
                ("deployment", one("self-hosted")),
                ("volume", one("small")),
                ("peak-rate", one("hundreds")),
            ],
        )
    };
    let alone = tool("no-ops");
    assert!(
        alone
            .stack
            .iter()
            .all(|s| s.role.as_str() != "object-store"),
        "{:?}",
        alone.stack
    );
    assert!(outcomes(&alone, "secondary-stores").contains(&"files-beside-database"));
    let run = tool("small-team");
    assert!(run.stack.iter().any(|s| s.role.as_str() == "object-store"));
    assert!(outcomes(&run, "secondary-stores").contains(&"files-store"));
}
