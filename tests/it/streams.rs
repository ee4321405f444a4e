//! Records beside a stream that brings the volume (`volume-source`): a multi-tenant IoT
//! platform whose devices send readings towards a million a second (ThingsBoard,
//! tests/scenarios/084), an observability tool whose traces grow by billions (Langfuse,
//! 082). The scale used to go to the primary, so the small relational records were put
//! on a distributed database with the readings. Now, where the stream is read and
//! written on its own, the records keep one ordinary database and the stream its own
//! store, and the record, the index plan and the starter schema say the same.

use crate::common::advice::{advice_after, outcomes};
use crate::common::answers::{many, one};
use crate::common::engines::{skip_or_fail, Postgres};

use dbadvise::engine::Advice;
use dbadvise::kb::{AnswerValue, KnowledgeBase};

/// A multi-tenant IoT platform at a million readings a second, with `volume-source`.
fn iot_platform(source: &str) -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("product", one("iot-telemetry")),
        ("data-kinds", many(&["records", "time-series"])),
        ("team", one("platform")),
        ("deployment", one("self-hosted")),
        ("volume", one("huge")),
        ("peak-rate", one("hundreds-of-thousands")),
        ("read-write", one("write-heavy")),
        ("volume-source", one(source)),
        ("query-complexity", one("complex")),
        ("multi-tenant", one("shared")),
        ("lifetime", one("retention")),
        (
            "access-patterns",
            many(&["equality-high", "range", "time-append"]),
        ),
    ]
}

fn engine_of<'a>(advice: &'a Advice, role: &str) -> Option<&'a str> {
    let store = advice.stack.iter().find(|c| c.role == role);
    store.map(|c| c.engine.as_str())
}

#[test]
fn readings_that_bring_the_volume_get_their_own_store_and_the_records_one_database() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &iot_platform("stream-apart"));
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(engine_of(&advice, "primary"), Some("postgresql"));
    let readings = advice.stack.iter().find(|c| c.role == "time-series");
    let readings = readings.expect("the readings have a store");
    assert!(
        readings.holds_stream && !readings.by_primary,
        "{readings:?}"
    );
    let store = kb.engine(&readings.engine).unwrap();
    assert!(
        store.capabilities.iter().any(|c| c == "horizontal-writes"),
        "a million readings a second are spread over nodes: {}",
        store.id
    );

    // The starter schema keeps the records and leaves the readings to that store.
    let sql = &advice
        .starter_schema
        .as_ref()
        .expect("a starter schema")
        .sql;
    assert!(sql.contains("CREATE TABLE sensor"), "{sql}");
    assert!(!sql.contains("CREATE TABLE reading"), "{sql}");
    let domain = advice.domain.as_ref().expect("the IoT domain");
    assert_eq!(domain.apart.len(), 1);
    assert_eq!(domain.apart[0].entity, "reading");
    assert_eq!(domain.apart[0].names, ["sensor"]);
    assert!(!domain.paths.iter().any(|p| p.entity == "reading"));

    // No index by time, no time partitions, in a primary that holds no readings.
    let indexes = outcomes(&advice, "index-type");
    assert!(indexes.contains(&"idx-time-beside"), "{indexes:?}");
    assert!(!indexes.contains(&"idx-brin"), "{indexes:?}");
    assert!(!advice.indexes.iter().any(|i| i.id == "index-brin"));
    let operations = outcomes(&advice, "operations");
    assert!(
        !operations.iter().any(|o| o.starts_with("partitioning")),
        "{operations:?}"
    );
    // The readings are modelled in their store's shape, not as a PostgreSQL table.
    assert_ne!(outcomes(&advice, "normalization"), ["ts-table"]);
}

#[test]
fn readings_joined_with_the_records_or_the_records_themselves_scale_the_primary() {
    let kb = KnowledgeBase::embedded();
    for source in ["records", "stream-joined"] {
        let advice = advice_after(&kb, &iot_platform(source));
        assert!(advice.complete, "{:?}", advice.pending);
        let primary = kb.engine(engine_of(&advice, "primary").unwrap()).unwrap();
        assert!(
            primary
                .capabilities
                .iter()
                .any(|c| c == "horizontal-writes"),
            "{source}: {}",
            primary.id
        );
        assert!(
            !advice.stack.iter().any(|c| c.holds_stream),
            "{source}: {:?}",
            advice.stack
        );
    }
}

/// Product analytics whose events are read in aggregates of their own: a column store
/// keeps them, and the schema in PostgreSQL keeps the projects and the people.
#[test]
fn facts_read_on_their_own_go_to_a_column_store_beside_the_records() {
    let kb = KnowledgeBase::embedded();
    let analytics = |source: &str| {
        vec![
            ("product", one("product-analytics")),
            ("data-kinds", many(&["records", "analytics"])),
            ("deployment", one("self-hosted")),
            ("volume", one("large")),
            ("peak-rate", one("thousands")),
            ("read-write", one("write-heavy")),
            ("volume-source", one(source)),
            ("multi-tenant", one("shared")),
        ]
    };
    let advice = advice_after(&kb, &analytics("stream-apart"));
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(engine_of(&advice, "primary"), Some("postgresql"));
    let facts = advice.stack.iter().find(|c| c.role == "analytics");
    let facts = facts.expect("the events have a column store");
    assert!(facts.holds_stream, "{facts:?}");
    let columnar = kb.engine(&facts.engine).unwrap();
    assert!(columnar.capabilities.iter().any(|c| c == "columnar"));
    let sql = &advice.starter_schema.as_ref().unwrap().sql;
    assert!(sql.contains("CREATE TABLE person"), "{sql}");
    assert!(!sql.contains("CREATE TABLE event "), "{sql}");
    assert!(!outcomes(&advice, "index-type").contains(&"idx-brin"));

    // Joined with the records, the events scale with them in one database.
    let advice = advice_after(&kb, &analytics("stream-joined"));
    assert!(!advice.stack.iter().any(|c| c.holds_stream));
    let domain = advice.domain.as_ref().expect("the analytics domain");
    assert!(domain.apart.is_empty(), "{:?}", domain.apart);
}

/// The durability of readings kept apart is asked of them alone (`durability`, which
/// speaks for the whole system, is not asked beside records): billed readings make their
/// store wait for replicas before it acknowledges, in its own terms; readings a device or
/// an ingest log still holds are sent again; readings that may be lost ask for neither.
#[test]
fn readings_kept_apart_are_kept_as_their_durability_answer_says() {
    let kb = KnowledgeBase::embedded();
    let with = |durability: &str, team: &str, deployment: &str| {
        let mut answers = iot_platform("stream-apart");
        answers.retain(|(q, _)| !matches!(*q, "team" | "deployment"));
        answers.push(("team", one(team)));
        answers.push(("deployment", one(deployment)));
        answers.push(("stream-durability", one(durability)));
        advice_after(&kb, &answers)
    };
    let billed = with("system-of-record", "platform", "self-hosted");
    assert!(billed.complete, "{:?}", billed.pending);
    assert_eq!(engine_of(&billed, "time-series"), Some("clickhouse"));
    let operations = outcomes(&billed, "operations");
    assert!(operations.contains(&"quorum-inserts"), "{operations:?}");
    assert!(billed
        .checklist
        .iter()
        .any(|c| c.contains("insert_quorum = 'auto'")));
    // The records' own durability is not what was asked: their restores stay.
    assert!(operations.contains(&"restore-drill"), "{operations:?}");

    let resent = with("rebuildable", "platform", "self-hosted");
    let operations = outcomes(&resent, "operations");
    assert!(operations.contains(&"resent-from-source"), "{operations:?}");
    assert!(!operations.contains(&"quorum-inserts"), "{operations:?}");
    assert!(operations.contains(&"restore-drill"), "{operations:?}");

    let lossy = with("may-lose", "platform", "self-hosted");
    let operations = outcomes(&lossy, "operations");
    assert!(
        !operations
            .iter()
            .any(|o| ["quorum-inserts", "resent-from-source"].contains(o)),
        "{operations:?}"
    );

    // A PostgreSQL-based store of the readings commits to a synchronous standby.
    let smaller = [
        ("data-kinds", many(&["records", "time-series"])),
        ("team", one("small-team")),
        ("deployment", one("managed")),
        ("volume", one("large")),
        ("volume-source", one("stream-apart")),
        ("stream-durability", one("system-of-record")),
    ];
    let managed = advice_after(&kb, &smaller);
    assert_eq!(engine_of(&managed, "time-series"), Some("timescaledb"));
    assert!(outcomes(&managed, "operations").contains(&"standby-commits"));
}

/// The records' tables, with the readings left out, run on a real PostgreSQL: no key,
/// index or policy still names the readings.
#[test]
fn the_records_schema_without_the_readings_runs_on_postgresql() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &iot_platform("stream-apart"));
    let sql = &advice
        .starter_schema
        .as_ref()
        .expect("a starter schema")
        .sql;
    match Postgres::start() {
        Err(u) => {
            if let Err(message) = skip_or_fail(&u) {
                panic!("{message}");
            }
        }
        Ok(pg) => {
            let db = pg.fresh_database("streams_apart").unwrap();
            pg.run_psql_file(&db, sql.as_str()).unwrap();
            let tables = pg
                .query(
                    &db.name,
                    "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables \
                     WHERE schemaname = 'public'",
                )
                .unwrap();
            assert!(tables.contains("sensor"), "{tables}");
            assert!(
                !tables.split(',').any(|t| t.trim() == "reading"),
                "{tables}"
            );
        }
    }
}

/// Below the scale that needs a cluster, a primary that could hold readings too (the
/// TimescaleDB extension of PostgreSQL) no longer takes them when they are read and
/// written apart: the records keep an ordinary database, as `stream-apart` says, and
/// the readings get their own store, not the primary's tables.
#[test]
fn readings_read_apart_are_not_taken_by_a_primary_that_could_hold_them() {
    let kb = KnowledgeBase::embedded();
    let mut answers = iot_platform("stream-apart");
    for (question, value) in answers.iter_mut() {
        match *question {
            "volume" => *value = one("large"),
            "peak-rate" => *value = one("tens-of-thousands"),
            _ => {}
        }
    }
    let advice = advice_after(&kb, &answers);
    assert_eq!(engine_of(&advice, "primary"), Some("postgresql"));
    let readings = advice.stack.iter().find(|c| c.role == "time-series");
    let readings = readings.expect("the readings have a store");
    assert!(!readings.by_primary, "{readings:?}");
    assert_ne!(readings.engine, "postgresql");
}

/// A product-analytics SaaS whose customers' apps send tens of thousands of events a
/// second, read in funnels over 13 months: the events land in the column store from the
/// log, not copied from the primary they never touch, and the record shows the column
/// store's own table. It used to say "copy data from the primary" and give no ClickHouse
/// table at all unless measurements over time were ticked too.
#[test]
fn events_kept_apart_land_in_the_column_store_rather_than_being_copied_from_the_primary() {
    let kb = KnowledgeBase::embedded();
    let analytics = |source: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records", "events", "analytics"])),
                ("volume", one("huge")),
                ("peak-rate", one("tens-of-thousands")),
                ("read-write", one("write-heavy")),
                ("volume-source", one(source)),
                ("lifetime", one("retention")),
            ],
        )
    };
    let advice = analytics("stream-apart");
    assert_eq!(engine_of(&advice, "analytics"), Some("clickhouse"));
    assert!(
        outcomes(&advice, "secondary-stores").contains(&"analytics-stream-landed"),
        "{:?}",
        outcomes(&advice, "secondary-stores")
    );
    assert!(advice
        .patterns
        .iter()
        .any(|p| p.id == "clickhouse-events-table"));
    let copied = analytics("records");
    assert!(
        !outcomes(&copied, "secondary-stores").contains(&"analytics-stream-landed"),
        "{:?}",
        outcomes(&copied, "secondary-stores")
    );
}

/// Meter readings analysed as well as read by series (`data-kinds` time series and
/// analytics, both apart): one store keeps the stream and answers both, where a column
/// store for the "facts" and a time-series store for the "readings" were two stores of
/// the same readings (a smart-meter review: ClickHouse and Citus side by side).
#[test]
fn readings_that_are_also_analysed_keep_one_store_for_the_stream() {
    let kb = KnowledgeBase::embedded();
    let mut answers = iot_platform("stream-apart");
    answers.retain(|(q, _)| {
        !matches!(
            *q,
            "data-kinds" | "volume" | "peak-rate" | "query-complexity"
        )
    });
    answers.extend([
        ("data-kinds", many(&["records", "time-series", "analytics"])),
        ("volume", one("large")),
        ("peak-rate", one("thousands")),
        ("query-complexity", one("moderate")),
    ]);
    let advice = advice_after(&kb, &answers);
    assert!(advice.complete, "{:?}", advice.pending);
    let streams: Vec<(&str, &str)> = (advice.stack.iter())
        .filter(|c| c.holds_stream)
        .map(|c| (c.role.as_str(), c.engine.as_str()))
        .collect();
    assert_eq!(streams.len(), 1, "{streams:?}");
    assert_eq!(engine_of(&advice, "analytics"), None, "{streams:?}");
}
