//! A lookup on a computed value (lower(email), date(created_at)) is served in the primary
//! engine's own way: an expression index where the engine has them, the collation where
//! the engine compares text without case by default (MySQL, MariaDB), a collation on the
//! index (MongoDB), a NOCASE column (SQLite), or an indexed generated column where the
//! engine indexes columns only (Spanner). Never an answer the index advice ignores.

use std::collections::BTreeSet;

use super::outcomes;
use crate::common::answers::{advice, every_answers_text, with_answers};
use dbadvise::kb::KnowledgeBase;

/// The index decision each primary engine's computed lookups get.
const SERVED_BY: &[(&str, &str)] = &[
    ("postgresql", "idx-expression"),
    ("citus", "idx-expression"),
    ("timescaledb", "idx-expression"),
    ("cockroachdb", "idx-expression"),
    ("yugabytedb", "idx-expression"),
    ("mysql", "computed-mysql"),
    ("vitess", "computed-mysql"),
    ("sqlite", "computed-sqlite"),
    ("tidb", "tidb-expression"),
    ("spanner", "spanner-generated"),
    ("mongodb", "mongo-collation"),
];

/// The answers file's text with `case-insensitive` among its access patterns.
fn with_computed_lookups(text: &str) -> String {
    let line = text.lines().find(|l| l.starts_with("  access-patterns:"));
    let patterns = line
        .and_then(|l| l.split_once('['))
        .map(|(_, rest)| rest.trim_end().trim_end_matches(']'))
        .filter(|p| !p.trim().is_empty())
        .map_or("equality-high".to_string(), str::to_string);
    let patterns = format!("[{patterns}, case-insensitive]");
    with_answers(text, &[("access-patterns", &patterns)])
}

#[test]
fn a_computed_lookup_is_indexed_the_way_the_primary_engine_serves_it() {
    let kb = KnowledgeBase::embedded();
    let mut seen = BTreeSet::new();
    for (path, text) in every_answers_text() {
        let advice = advice(&kb, &with_computed_lookups(&text));
        let Some(primary) = advice.primary().map(|c| c.engine.to_string()) else {
            continue;
        };
        let Some(&(_, expected)) = SERVED_BY.iter().find(|(e, _)| *e == primary) else {
            continue;
        };
        if !advice
            .answers
            .iter()
            .any(|b| b.question == "access-patterns")
        {
            continue; // the path did not ask for the lookups
        }
        let reached = outcomes(&advice, "index-type");
        assert!(
            reached.contains(&expected),
            "{}: {primary} reached {reached:?}, not {expected}",
            path.display()
        );
        seen.insert(primary);
    }
    for engine in ["postgresql", "mysql", "sqlite", "mongodb", "tidb"] {
        assert!(seen.contains(engine), "no {engine} primary among {seen:?}");
    }
}
