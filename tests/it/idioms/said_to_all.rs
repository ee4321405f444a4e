//! The outcomes most projects reach (the operations baseline, the restore drill, each
//! engine family's index hygiene) are read by users of every engine they serve: their
//! words name no engine outside the project's stack. What differs by engine goes in a
//! checklist line or a pattern that only that engine's users get.

use crate::common::answers::every_advice;
use dbadvise::kb::KnowledgeBase;

/// Outcomes reached for many engines alike.
const SHARED: &[&str] = &[
    "baseline",
    "restore-drill",
    "pg-hygiene",
    "generic-hygiene",
    "document-ids",
    "ap-in-region",
    "strong-reads-where-needed",
    "search-cluster",
];

#[test]
fn an_outcome_said_to_every_engine_names_none_outside_the_stack() {
    let kb = KnowledgeBase::embedded();
    let mut read = 0;
    for (path, advice) in every_advice(&kb) {
        let stack: Vec<&str> = advice.stack.iter().map(|c| c.engine.as_str()).collect();
        // An engine is named by its name, or by the name of the engine it extends.
        let in_stack = |id: &str| {
            stack
                .iter()
                .any(|s| *s == id || kb.engine(s).and_then(|e| e.extends.as_deref()) == Some(id))
        };
        for decision in advice.decisions.iter() {
            if !SHARED.contains(&decision.outcome.as_str()) {
                continue;
            }
            read += 1;
            let said = format!(
                "{} {} {}",
                decision.title, decision.summary, decision.reason
            );
            for engine in kb.engines.iter().filter(|e| !in_stack(&e.id)) {
                // "Cassandra" names Apache Cassandra as well as its full name does.
                let vendor = ["Apache ", "Amazon ", "Google Cloud ", "Azure "];
                let short = vendor.iter().find_map(|v| engine.name.strip_prefix(v));
                let short = short.unwrap_or(engine.name.as_str());
                assert!(
                    !said.contains(short),
                    "{}: {} names {}: {said}",
                    path.display(),
                    decision.outcome,
                    engine.name
                );
            }
        }
    }
    assert!(read >= 60, "only {read} shared outcomes read");
}
