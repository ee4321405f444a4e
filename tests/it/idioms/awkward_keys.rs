//! Keys an engine cannot serve as the hot read has them. A column that changes after the
//! row is written (an alert's state, an order's status) cannot be updated in a
//! ClickHouse sorting key or a CQL primary key; a leading column of few values (a status)
//! puts every row of a value in one DynamoDB or Cassandra partition. The index plan says
//! what to do instead.

use crate::common;

/// The rows of a record's index plan.
fn index_plan(args: &[&str]) -> String {
    let record = common::run::stdout_of(common::run::dbadvise().arg("recommend").args(args));
    let start = record.find("### Index plan").expect("an index plan");
    let end = record[start..]
        .find("### Patterns")
        .map_or(record.len(), |e| start + e);
    record[start..end].to_string()
}

/// The index plan of invoices kept in ScyllaDB: the chat store of scenario 029 (a CQL
/// primary) with the invoicing domain, through a what-if.
fn invoicing_on_scylladb() -> String {
    let chat = "tests/scenarios/answers/029-chat-messages-trillions.yaml";
    let what_if = ["--what-if", "product=invoicing", "--full"];
    index_plan(&[&["--answers", chat][..], &what_if].concat())
}

#[test]
fn clickhouse_keys_no_table_on_a_state_that_changes() {
    let iot = common::run::project("iot-fleet");
    let plan = index_plan(&["--answers", iot.to_str().unwrap()]);
    assert!(
        plan.contains("| ORDER BY (sensor, measured at) of the reading table"),
        "readings are appended and keyed on their sensor and time:\n{plan}"
    );
    assert!(
        !plan.contains("| ORDER BY (state"),
        "an alert's state changes, and ClickHouse cannot update a sorting-key column:\n{plan}"
    );
    assert!(
        plan.contains("Not ORDER BY (state, opened at): state changes")
            && plan.contains("Keep the alert table in a transactional database beside it"),
        "{plan}"
    );
}

#[test]
fn cassandra_s_key_changes_by_a_delete_and_an_insert() {
    let plan = invoicing_on_scylladb();
    assert!(
        plan.contains(
            "invoice keyed by (status, due on), in that order; status is part of that key and \
             an UPDATE cannot change it, so a change deletes the row and inserts it under its \
             new key"
        ),
        "{plan}"
    );
    assert!(
        plan.contains(
            "| A table per query: invoice keyed by (customer, issued on), in that order |"
        ),
        "a key that does not change is kept as it is:\n{plan}"
    );
}

#[test]
fn a_partition_key_of_few_values_is_spread() {
    let cart = "tests/scenarios/answers/030-shopping-cart-key-value.yaml";
    let plan = index_plan(&["--answers", cart]);
    assert!(
        plan.contains(
            "global secondary index on customer order (status, created at), in that order; \
             status has few values, so one partition would take every item of a value: write \
             the index's key only on the items the read wants (a sparse index)"
        ),
        "{plan}"
    );
    assert!(
        plan.contains(
            "| Table key or global secondary index on customer order (customer, created at), \
             in that order |"
        ),
        "a key of many values is kept as it is:\n{plan}"
    );
    let plan = invoicing_on_scylladb();
    assert!(
        plan.contains("add a time bucket (a day or a month) to the partition key"),
        "{plan}"
    );
}

/// The IoT domain holds one reading per sensor and instant with a unique key; ClickHouse
/// has none, so its readings are a ReplacingMergeTree on that key (the snippet runs on
/// chDB with the other snippets). TimescaleDB holds the unique key itself and is not
/// told so.
#[test]
fn clickhouse_holds_one_reading_per_sensor_and_instant_by_its_sort_key() {
    let pattern = "Device readings in a ClickHouse ReplacingMergeTree";
    let record = |project: &str| {
        let path = common::run::project(project);
        common::run::stdout_of(common::run::dbadvise().args([
            "recommend",
            "--answers",
            path.to_str().unwrap(),
        ]))
    };
    let clickhouse = record("iot-fleet");
    assert!(clickhouse.contains("# Database stack for Van fleet telemetry: ClickHouse"));
    assert!(clickhouse.contains(pattern), "{clickhouse}");
    let timescale = record("timeseries-metrics");
    assert!(timescale.contains(": TimescaleDB\n"), "{timescale}");
    assert!(
        timescale.contains("IoT telemetry"),
        "the same domain:\n{timescale}"
    );
    assert!(!timescale.contains(pattern), "{timescale}");
}
