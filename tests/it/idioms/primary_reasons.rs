//! The primary store's reason rests on what was answered: a team whose applications must
//! keep MySQL's protocol is not told MySQL won a close race with PostgreSQL, and documents
//! kept in PostgreSQL by a project that asked for per-record atomicity are not said to
//! need strict consistency across records.

use dbadvise::kb::KnowledgeBase;

use crate::common::advice::advice_after;
use crate::common::answers::{many, one};

/// The titles and reasons of the primary store's decisions (one outcome may follow
/// another: PostgreSQL, then JSONB for the documents).
fn primary_reason(kb: &KnowledgeBase, script: &[(&str, dbadvise::kb::AnswerValue)]) -> String {
    let advice = advice_after(kb, script);
    let decisions = advice.decisions.iter().filter(|d| d.tree == "sql-vs-nosql");
    let said: Vec<String> = decisions
        .map(|d| format!("{}: {}", d.title, d.reason))
        .collect();
    assert!(!said.is_empty(), "no primary store decision");
    said.join("\n")
}

#[test]
fn a_mysql_protocol_kept_is_the_reason_not_a_comparison_with_postgresql() {
    let kb = KnowledgeBase::embedded();
    let script = |existing| {
        vec![
            ("data-kinds", many(&["records"])),
            ("existing", one(existing)),
            ("volume", one("medium")),
            ("peak-rate", one("thousands")),
        ]
    };
    let kept = primary_reason(&kb, &script("mysql-protocol"));
    assert!(kept.contains("MySQL's protocol and drivers"), "{kept}");
    assert!(!kept.contains("are close"), "{kept}");
    // A team that only runs MySQL well could have taken PostgreSQL: there the
    // comparison is the reason.
    let runs = primary_reason(&kb, &script("mysql"));
    assert!(runs.contains("MySQL and PostgreSQL are close"), "{runs}");
}

#[test]
fn documents_in_postgresql_claim_only_the_consistency_that_was_asked_for() {
    let kb = KnowledgeBase::embedded();
    for consistency in ["per-record", "strict"] {
        let reason = primary_reason(
            &kb,
            &[
                ("data-kinds", many(&["documents"])),
                ("consistency", one(consistency)),
                ("features", many(&["jobs"])),
            ],
        );
        assert!(
            reason.contains("PostgreSQL with JSONB for the varying attributes"),
            "{consistency}: {reason}"
        );
        assert!(
            !reason.contains("you need strict consistency"),
            "{consistency}: {reason}"
        );
    }
}

/// Terabytes of rebuildable cache entries added to the MySQL the team runs are kept in it
/// (the ranking puts no store beside it): the reason does not say they are "served beside
/// it", and the partitioning advice names nothing MySQL lacks (VACUUM, DETACH).
#[test]
fn terabytes_of_short_lived_data_kept_in_the_database_in_place_are_said_to_be_there() {
    let kb = KnowledgeBase::embedded();
    let text = include_str!("../../scenarios/answers/004-database-backed-page-cache.yaml");
    let advice = super::advice(&kb, text);
    assert_eq!(advice.stack.len(), 1, "{:?}", advice.stack);
    let primary = advice
        .decisions
        .iter()
        .find(|d| d.tree == "sql-vs-nosql")
        .unwrap();
    assert_eq!(primary.outcome, "kept-in-place-holds-it");
    assert!(!primary.reason.contains("beside it"), "{}", primary.reason);
    let words = super::decided_words(&advice);
    assert!(
        !words.contains("vacuum") && !words.contains("detaching"),
        "{words}"
    );
}

/// An in-memory primary that keeps the short-lived keys itself is not told they take load
/// off "the primary store": it is that store. Its keys still each get a TTL.
#[test]
fn short_lived_keys_in_an_in_memory_primary_are_not_taken_off_another_store() {
    let kb = KnowledgeBase::embedded();
    let text = include_str!("../../scenarios/answers/001-session-store-web-fleet.yaml");
    let advice = super::advice(&kb, text);
    let primary = advice.primary().unwrap().engine.to_string();
    assert!(["redis", "valkey"].contains(&primary.as_str()), "{primary}");
    let words = super::decided_words(&advice);
    assert!(
        !words.contains("the primary store keeps its connections"),
        "{words}"
    );
    assert!(
        !words.contains("the primary store no longer takes"),
        "{words}"
    );
    let ttl = advice
        .checklist
        .iter()
        .filter(|c| c.starts_with("Every key has a TTL"));
    assert_eq!(ttl.count(), 1, "{:?}", advice.checklist);
}
