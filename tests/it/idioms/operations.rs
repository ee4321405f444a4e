//! How the primary store is run fits what it is: an engine that runs inside its
//! application (SQLite, DuckDB) is not told to pool connections or to watch a
//! cluster's capacity, and DuckDB's own limits (one writer per file, queries that
//! outgrow memory) are named.

use super::{advice, outcomes};
use dbadvise::kb::KnowledgeBase;

/// The operations outcomes written for a server or a cluster reached over the network.
const FOR_SERVERS: &[&str] = &["ops-client", "ops-server-sql", "ops-distributed-sql"];

#[test]
fn an_embedded_primary_is_not_run_like_a_server() {
    let kb = KnowledgeBase::embedded();
    let mut embedded = 0;
    for path in crate::common::answers::every_answers_file() {
        let advice = advice(&kb, &std::fs::read_to_string(&path).unwrap());
        let Some(primary) = advice.primary().and_then(|c| kb.engine(&c.engine)) else {
            continue;
        };
        if primary.has("client-server") {
            continue;
        }
        embedded += 1;
        let reached = outcomes(&advice, "operations");
        for server in FOR_SERVERS {
            assert!(
                !reached.contains(server),
                "{}: {} gets {server}: {reached:?}",
                path.display(),
                primary.id
            );
        }
    }
    assert!(embedded >= 2, "only {embedded} embedded primaries");
}

#[test]
fn duckdb_is_run_with_one_writer_and_a_memory_limit() {
    let kb = KnowledgeBase::embedded();
    let path = "tests/scenarios/answers/021-single-analyst-small-data.yaml";
    let advice = advice(&kb, &std::fs::read_to_string(path).unwrap());
    assert_eq!(advice.primary().map(|c| c.engine.as_str()), Some("duckdb"));
    assert!(outcomes(&advice, "operations").contains(&"ops-duckdb"));
    let checklist: Vec<&str> = advice.checklist.iter().map(|t| t.as_str()).collect();
    let checklist = checklist.join("\n");
    assert!(checklist.contains("read-write"), "{checklist}");
    assert!(checklist.contains("memory_limit"), "{checklist}");
}
