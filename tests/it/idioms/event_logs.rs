//! An event log beside a primary store is fed the way that store can: through an outbox
//! where a transaction holds the change and its event together, from the change feed of
//! a store that publishes its own changes (ScyllaDB, Cosmos DB), by writing the log first
//! where neither can (Cassandra). Optimistic locking, written in SQL, is advised
//! to SQL stores only.

use super::{advice, ids, with_answers, words};
use dbadvise::engine::Advice;
use dbadvise::kb::KnowledgeBase;

/// A member's viewing history at global scale (scenario 040): a CQL primary, with events
/// that several services replay.
const HISTORY: &str = include_str!("../../scenarios/answers/040-streaming-viewing-history.yaml");
/// An inventory system whose events feed other services (scenario 008): PostgreSQL, with
/// a log beside it.
const INVENTORY: &str =
    include_str!("../../scenarios/answers/008-inventory-events-kafka-as-database.yaml");

const OUTBOX_LINE: &str = "outbox table written in the same transaction";

/// Whether the decision titled so puts itself down to the events the answers keep: the
/// answers that chose the log, though the walk checked the primary on the way.
fn put_down_to_events(advice: &Advice, title: &str) -> bool {
    let decision = advice.decisions.iter().find(|d| d.title == title);
    decision.is_some_and(|d| {
        d.because
            .iter()
            .any(|b| b.question == "data-kinds" && b.answer.contains("events"))
    })
}

#[test]
fn a_primary_without_transactions_writes_the_log_first_and_one_with_them_uses_an_outbox() {
    let kb = KnowledgeBase::embedded();

    let history = advice(&kb, &with_answers(HISTORY, &[]));
    assert!(
        matches!(history.stack[0].engine.as_str(), "scylladb" | "cassandra"),
        "{:?}",
        history.stack
    );
    let said = words(&history);
    // ScyllaDB publishes its committed changes (CDC), so the state it keeps stays the
    // record and its change feed feeds the log; Cassandra's log is written first.
    let (title, first) = match history.stack[0].engine.as_str() {
        "scylladb" => (
            "An event log beside the primary, fed from its change feed",
            false,
        ),
        _ => ("An event log beside the primary, written first", true),
    };
    assert!(said.contains(title), "{said}");
    assert_eq!(
        ids(&history).contains(&"event-log-first"),
        first,
        "{:?}",
        ids(&history)
    );
    assert!(
        !ids(&history).contains(&"event-log-outbox"),
        "{:?}",
        ids(&history)
    );
    assert!(!said.contains(OUTBOX_LINE), "{said}");
    assert!(
        put_down_to_events(&history, title),
        "{:?}",
        history.decisions
    );
    assert!(
        !ids(&history).contains(&"optimistic-locking"),
        "{:?}",
        ids(&history)
    );

    let inventory = advice(&kb, &with_answers(INVENTORY, &[]));
    assert_eq!(inventory.stack[0].engine.as_str(), "postgresql");
    let said = words(&inventory);
    assert!(said.contains(OUTBOX_LINE), "{said}");
    let beside = "An event log beside the primary";
    assert!(
        put_down_to_events(&inventory, beside),
        "{:?}",
        inventory.decisions
    );
    assert!(
        ids(&inventory).contains(&"event-log-outbox"),
        "{:?}",
        ids(&inventory)
    );
    assert!(
        !ids(&inventory).contains(&"event-log-first"),
        "{:?}",
        ids(&inventory)
    );
    assert!(
        ids(&inventory).contains(&"optimistic-locking"),
        "{:?}",
        ids(&inventory)
    );
}

/// Where the log is the record (scenario 005, Kafka), the application's hot reads come
/// from the view a consumer builds in the read-model store, so the index plan gives that
/// store's index, not a topic keyed by an article's status (which changes, and would
/// scatter one article's events over partitions).
#[test]
fn a_log_s_hot_reads_are_indexed_in_its_read_model() {
    let answers = "tests/scenarios/answers/005-newsroom-published-content-log.yaml";
    let record = crate::common::run::stdout_of(crate::common::run::dbadvise().args([
        "recommend",
        "--answers",
        answers,
    ]));
    let start = record.find("### Index plan").expect("an index plan");
    let plan = &record[start..start + record[start..].find("### Patterns").unwrap()];
    assert!(record.contains("| read-model | PostgreSQL |"), "{record}");
    assert!(
        plan.contains(
            "B-tree on article (published at), over only the rows whose status \
             is published (a partial index), in PostgreSQL: the view a consumer builds from \
             the log"
        ),
        "{plan}"
    );
    assert!(!plan.contains("a topic of article keyed by"), "{plan}");
}
