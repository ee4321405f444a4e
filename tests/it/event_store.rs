//! Event sourcing beside records whose rules need transactions: the events are kept as
//! the record in the transactional primary (an event store table), and a log beside it
//! only distributes them. stores.rs has the log as the primary store.

use crate::common::advice::{advice_after, outcomes};
use crate::common::answers::{many, one};

use dbadvise::kb::KnowledgeBase;

/// Loans whose balances must never go negative, with the event log as the record. The
/// advice used to put the record in Kafka ("The events are the data; every other store
/// is a view rebuilt from them") beside "Use PostgreSQL as the single source of truth",
/// and to model the loans as normalised tables: two records, and a log that cannot hold
/// the rule. Now the events are an append-only table in PostgreSQL, and Kafka carries
/// them to other services.
#[test]
fn events_that_are_the_record_of_records_with_rules_live_in_the_transactional_primary() {
    let kb = KnowledgeBase::embedded();
    let loans = [
        ("data-kinds", many(&["records", "events"])),
        ("source-of-truth", one("log")),
        ("existing", one("postgresql")),
        ("consistency", one("strict")),
        (
            "invariants",
            many(&["money", "never-negative", "balanced-ledger"]),
        ),
    ];
    let advice = advice_after(&kb, &loans);
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(advice.primary().unwrap().engine, "postgresql");
    let modelling = outcomes(&advice, "normalization");
    assert_eq!(modelling, ["event-store-table"]);
    assert!(
        advice.patterns.iter().any(|p| p.id == "event-store-table"),
        "the pattern and its snippet come with the decision"
    );
    let log = advice.stack.iter().find(|c| c.role == "event-log");
    let log = log.expect("several services still read the events from a log");
    let words = format!("{:?}", log.reason);
    assert!(!words.contains("The events are the data"), "{words}");

    // Without such rules (documents, per-record changes), the log is still the record.
    let documents = [
        ("data-kinds", many(&["documents", "events"])),
        ("source-of-truth", one("log")),
    ];
    let advice = advice_after(&kb, &documents);
    assert!(advice.complete, "{:?}", advice.pending);
    assert_ne!(outcomes(&advice, "normalization"), ["event-store-table"]);
    let log = advice
        .stack
        .iter()
        .find(|c| c.role == "event-log" || c.role == "primary");
    assert!(
        log.is_some_and(|c| c.engine == "kafka"),
        "{:?}",
        advice.stack
    );
}

/// An event store grows like any table that only grows, but its key (stream, version)
/// cannot stay unique in a table partitioned by time. The advice used to say "Partition
/// by time the tables that only grow", and the starter schema to partition the events
/// (their key then (id, occurred_at), so two writers could append the same version) and
/// the domain's projections. Now the events stay whole and the tables are not
/// partitioned; with the state as the record, the same answers still partition.
#[test]
fn an_event_store_at_tens_of_gigabytes_is_kept_whole_not_partitioned_by_time() {
    let kb = KnowledgeBase::embedded();
    let ledger = |truth: &str| {
        [
            ("product", one("ledger")),
            ("data-kinds", many(&["records", "events"])),
            ("source-of-truth", one(truth)),
            ("existing", one("postgresql")),
            ("volume", one("medium")),
            ("invariants", many(&["never-negative"])),
        ]
    };
    let advice = advice_after(&kb, &ledger("log"));
    assert!(advice.complete, "{:?}", advice.pending);
    let operations = outcomes(&advice, "operations");
    assert!(
        operations.contains(&"event-streams-whole"),
        "{operations:?}"
    );
    assert!(!advice.patterns.iter().any(|p| p.id == "partitioning-range"));
    let schema = advice.starter_schema.as_ref().expect("a PostgreSQL schema");
    assert!(schema.holds_domain, "the ledger's tables");
    assert!(!schema.sql.contains("PARTITION BY"), "{}", schema.sql);

    let advice = advice_after(&kb, &ledger("state"));
    assert!(!outcomes(&advice, "operations").contains(&"event-streams-whole"));
    let schema = advice.starter_schema.as_ref().expect("a PostgreSQL schema");
    assert!(
        schema.sql.contains("PARTITION BY RANGE"),
        "the state's history grows"
    );
}

/// Orders whose log is the record and whose rules hold per record: the log itself is
/// the record (Kafka), and PostgreSQL keeps views built from it. The record used to say
/// so in its stores ("The events are the data") and then model the same events as an
/// append-only table in PostgreSQL, published through an outbox: two records of one
/// history. Now the events table, its modelling and its operations follow the same
/// condition as the store: rules that need the primary's transaction.
#[test]
fn a_log_that_is_the_record_is_written_first_and_not_kept_again_as_a_table() {
    let kb = KnowledgeBase::embedded();
    let orders = |consistency: &str| {
        [
            ("data-kinds", many(&["records", "events"])),
            ("source-of-truth", one("log")),
            ("existing", one("postgresql")),
            ("consistency", one(consistency)),
            ("invariants", many(&[])),
        ]
    };
    let advice = advice_after(&kb, &orders("per-record"));
    assert!(advice.complete, "{:?}", advice.pending);
    let log = advice.stack.iter().find(|c| c.role == "event-log");
    assert!(
        log.is_some_and(|c| c.engine == "kafka"),
        "{:?}",
        advice.stack
    );
    assert!(format!("{:?}", log.unwrap().reason).contains("The events are the data"));
    assert_ne!(outcomes(&advice, "normalization"), ["event-store-table"]);
    let stores = outcomes(&advice, "secondary-stores");
    assert!(stores.contains(&"event-log-first"), "{stores:?}");
    assert!(!stores.contains(&"event-log"), "no outbox: {stores:?}");
    let sql = &advice.starter_schema.as_ref().expect("a schema").sql;
    assert!(!sql.contains("version"), "{sql}");

    // Changes that span records make PostgreSQL's event table the record again.
    let advice = advice_after(&kb, &orders("strict"));
    assert_eq!(outcomes(&advice, "normalization"), ["event-store-table"]);
    let sql = &advice.starter_schema.as_ref().expect("a schema").sql;
    assert!(sql.contains("version"), "{sql}");
}

/// A global chat whose current state is the record, on a primary with no transaction
/// to hold a change and its event together (Cosmos DB): the log used to be "written
/// first", the primary's tables a view its consumers build, against the answer. Now the
/// log is fed from the primary's change feed, and the state stays the record.
#[test]
fn events_of_state_kept_without_transactions_are_published_from_the_change_feed() {
    let kb = KnowledgeBase::embedded();
    let chat = |truth: &str| {
        [
            ("product", one("chat")),
            (
                "data-kinds",
                many(&["records", "ephemeral", "files", "events"]),
            ),
            ("source-of-truth", one(truth)),
            ("team", one("platform")),
            ("deployment", one("managed")),
            ("cloud", one("any")),
            ("multi-region", one("multi-region-writes")),
            ("cross-region", one("shared")),
            ("partition-behaviour", one("keep-serving")),
            ("volume", one("huge")),
            ("peak-rate", one("hundreds-of-thousands")),
            ("read-write", one("balanced")),
            ("consistency", one("per-record")),
            ("invariants", many(&["idempotency"])),
            ("features", many(&["live", "jobs", "keyword-search"])),
        ]
    };
    let advice = advice_after(&kb, &chat("state"));
    assert!(advice.complete, "{:?}", advice.pending);
    let primary = kb.engine(&advice.primary().unwrap().engine).unwrap();
    let lacks = primary.lacks.contains_key("multi-row-transactions");
    assert!(
        lacks,
        "{}: this case needs a primary without them",
        primary.id
    );
    let stores = outcomes(&advice, "secondary-stores");
    assert!(stores.contains(&"event-log-from-feed"), "{stores:?}");
    assert!(!stores.contains(&"event-log-first"), "{stores:?}");

    // Where the log is the record, it is written first, on the same stack.
    let advice = advice_after(&kb, &chat("log"));
    let stores = outcomes(&advice, "secondary-stores");
    assert!(!stores.contains(&"event-log-from-feed"), "{stores:?}");
}

/// The conditions that add a domain's event table and partition its tables by time are
/// checked like every other part's: a misspelt question used to pass `kb check` and
/// silently never hold.
#[test]
fn kb_check_names_a_misspelt_question_in_the_event_table_or_time_partitions() {
    let schema = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/knowledge/schema/postgresql.yaml"
    ))
    .unwrap();
    for (part, wrong) in [
        ("event_store:", "source-of-thruth"),
        ("time_partitions:", "lifetme"),
    ] {
        let at = schema.find(part).unwrap();
        let right = if wrong == "lifetme" {
            "lifetime"
        } else {
            "source-of-truth"
        };
        let end = at + schema[at..].find(right).unwrap();
        let overlay = format!("{}{wrong}{}", &schema[..end], &schema[end + right.len()..]);
        let problems = crate::common::run::load_with(&overlay).expect_err("a misspelt question");
        let said = format!("{problems:?}");
        assert!(said.contains(part) && said.contains(wrong), "{said}");
    }
}
