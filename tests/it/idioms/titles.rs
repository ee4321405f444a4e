//! A decision whose title opens with an engine's name speaks of a store in the stack: the
//! primary decision for ScyllaDB is not titled "Cassandra (wide-column)", and the live
//! features beside a Valkey store are not "Redis for live counters"; nor is a pattern
//! written for some engines titled by one outside the stack, nor one promising a store
//! what it lacks (point-in-time recovery to ClickHouse). Checked over every scenario
//! and example project.

use dbadvise::engine::advise_with_defaults;
use dbadvise::kb::KnowledgeBase;

use super::keys::answers_files;
use crate::common::answers::read_answers;

/// The name a title would open with: without the vendor ("Apache Cassandra" is
/// "Cassandra") and without what follows it ("Vitess (MySQL sharding)" is "Vitess").
fn short_name(name: &str) -> &str {
    let name = name.split([',', '(']).next().unwrap_or(name).trim();
    let vendors = ["Apache ", "Amazon ", "Google Cloud ", "Azure ", "Cloud "];
    vendors
        .iter()
        .find_map(|v| name.strip_prefix(v))
        .unwrap_or(name)
}

#[test]
fn a_decision_titled_by_an_engine_names_one_of_the_stack() {
    let kb = KnowledgeBase::embedded();
    let names: Vec<&str> = kb.engines.iter().map(|e| short_name(&e.name)).collect();
    let mut titled = 0;
    for file in answers_files() {
        let advice = advise_with_defaults(&kb, &read_answers(&kb, &file));
        let stack: Vec<&str> = advice.stack.iter().map(|c| c.name.as_str()).collect();
        for d in &advice.decisions {
            let Some(name) = names.iter().find(|n| d.title.starts_with(**n)) else {
                continue;
            };
            titled += 1;
            assert!(
                stack.iter().any(|s| s.contains(name)),
                "{}: “{}” ({}) names {name}; the stack is {stack:?}",
                file.display(),
                d.title,
                d.tree
            );
        }
    }
    assert!(
        titled > 40,
        "only {titled} decisions open with an engine's name"
    );
}

/// A pattern written for some engines only, whose title names engines, names one of the
/// stack: a Valkey store's patterns are not "Cap Redis memory" (they apply to both, and
/// say so). Patterns for every engine may name several as examples, and are not checked.
#[test]
fn an_engine_pattern_titled_by_engines_names_one_of_the_stack() {
    let kb = KnowledgeBase::embedded();
    let names: Vec<&str> = kb.engines.iter().map(|e| short_name(&e.name)).collect();
    let mut titled = 0;
    for file in answers_files() {
        let advice = advise_with_defaults(&kb, &read_answers(&kb, &file));
        // TimescaleDB is PostgreSQL with an extension: its patterns may say PostgreSQL.
        let bases = advice
            .stack
            .iter()
            .filter_map(|c| kb.engine(&c.engine)?.extends.as_ref())
            .filter_map(|base| kb.engine(base));
        let stack: Vec<&str> = advice
            .stack
            .iter()
            .map(|c| c.name.as_str())
            .chain(bases.map(|e| e.name.as_str()))
            .collect();
        for p in advice.patterns.iter().chain(&advice.indexes) {
            let written_for_some = kb.pattern(&p.id).is_some_and(|k| !k.engines.is_empty());
            let named: Vec<&&str> = names
                .iter()
                .filter(|n| {
                    p.title
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == **n)
                })
                .collect();
            if !written_for_some || named.is_empty() {
                continue;
            }
            titled += 1;
            assert!(
                named.iter().any(|n| stack.iter().any(|s| s.contains(**n))),
                "{}: “{}” names {named:?}; the stack (with the engines it extends) is {stack:?}",
                file.display(),
                p.title
            );
        }
    }
    assert!(titled > 40, "only {titled} engine patterns name an engine");
}

/// No pattern listed for a store without point-in-time recovery promises it in its
/// title: ClickHouse and Elasticsearch restore to a snapshot, so the backups pattern
/// they share with PostgreSQL says "restore drills" and leaves recovery to each engine.
#[test]
fn no_pattern_title_promises_point_in_time_recovery_to_a_store_without_it() {
    let kb = KnowledgeBase::embedded();
    let mut checked = 0;
    for name in [
        "projects/iot-fleet",
        "projects/log-search",
        "scenarios/answers/023-self-hosted-product-analytics",
    ] {
        let file =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/{name}.yaml"));
        let advice = advise_with_defaults(&kb, &read_answers(&kb, &file));
        let primary = advice.stack[0].engine.as_str();
        assert!(
            ["clickhouse", "elasticsearch"].contains(&primary),
            "{name}: {primary}"
        );
        for p in &advice.patterns {
            assert!(
                !p.title.contains("point-in-time"),
                "{name} ({primary}): {}",
                p.title
            );
            checked += usize::from(p.id == "backups-and-restore-drills");
        }
    }
    assert!(
        checked >= 1,
        "the backups pattern is listed for none of them"
    );
}
