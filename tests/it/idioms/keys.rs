//! The keys and types decisions speak the primary store's own terms: PostgreSQL's
//! identity columns and UUID functions only for the engines that speak PostgreSQL, no
//! surrogate key for a cache, a log or a warehouse, document ids for the document stores
//! that have no ObjectId, and typed columns, not "attributes without a schema", for a
//! warehouse or a CQL table. Checked over every scenario and example project, whatever each picks.

use std::collections::BTreeSet;
use std::path::PathBuf;

use dbadvise::engine::advise_with_defaults;
use dbadvise::kb::KnowledgeBase;

use crate::common::answers::read_answers;

/// The engines that take PostgreSQL's DDL, keys included.
const SPEAKS_POSTGRESQL: &[&str] = &[
    "postgresql",
    "timescaledb",
    "citus",
    "postgresql-sharded",
    "cockroachdb",
    "yugabytedb",
];
/// What only PostgreSQL's dialect says about keys and types.
const POSTGRESQL_WORDS: &[&str] = &[
    "GENERATED ALWAYS AS IDENTITY",
    "gen_random_uuid",
    "TIMESTAMPTZ",
];

/// Every scenario's and example project's answers file.
pub(super) fn answers_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/scenarios/answers", "tests/projects"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn keys_and_types_are_decided_in_the_primary_store_s_own_terms() {
    let kb = KnowledgeBase::embedded();
    let mut seen = BTreeSet::new();
    for file in answers_files() {
        let advice = advise_with_defaults(&kb, &read_answers(&kb, &file));
        let Some(primary) = advice.primary().map(|c| c.engine.to_string()) else {
            continue;
        };
        let engine = kb.engine(&primary).unwrap();
        let (outcomes, said) = super::keys_decided(&advice);
        let at = format!("{} ({primary}): {outcomes:?}", file.display());
        if !SPEAKS_POSTGRESQL.contains(&primary.as_str()) {
            for word in POSTGRESQL_WORDS {
                assert!(!said.contains(word), "{at} says {word}: {said}");
            }
        }
        match engine.family.as_str() {
            "analytics" => assert!(outcomes.contains(&"warehouse-types"), "{at}"),
            // A CQL table declares its columns: they are typed, not schemaless items.
            "wide-column" => {
                assert!(outcomes.contains(&"cql-types"), "{at}");
                assert!(!outcomes.contains(&"item-types"), "{at}");
            }
            "key-value" | "event-log" | "vector" | "search" => {
                let keyed = ["bigint-ids", "uuid-ids"];
                assert!(!outcomes.iter().any(|o| keyed.contains(o)), "{at}");
            }
            "document" if primary != "mongodb" => {
                assert!(outcomes.contains(&"document-ids"), "{at}")
            }
            _ => {}
        }
        seen.insert(primary);
    }
    // The engines whose keys were told in another engine's terms before, among others.
    for engine in [
        "couchbase",
        "clickhouse",
        "sqlite",
        "mysql",
        "dynamodb",
        "scylladb",
    ] {
        assert!(
            seen.contains(engine),
            "no answers file picks {engine}: {seen:?}"
        );
    }
}

/// A TimescaleDB primary is told that its hypertables are keyed by series and time (a
/// hypertable's unique indexes must include its time column), before the keys of the
/// entities beside them.
#[test]
fn hypertables_are_keyed_by_series_and_time() {
    let kb = KnowledgeBase::embedded();
    let advice = super::advice(&kb, include_str!("../../projects/timeseries-metrics.yaml"));
    assert_eq!(advice.primary().unwrap().engine, "timescaledb");
    let (outcomes, _) = super::keys_decided(&advice);
    assert_eq!(outcomes.first(), Some(&"hypertable-keys"), "{outcomes:?}");
    assert!(
        outcomes.len() > 1,
        "the entities' keys are decided too: {outcomes:?}"
    );
}
