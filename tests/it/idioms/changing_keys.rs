//! A hot read whose index has a column that changes after the row is written (an alert's
//! state, an order's status) is not keyed on it where the engine cannot update a key
//! column in place: ClickHouse refuses to update a sorting-key column, and CQL cannot
//! update a primary-key column, so the index plan says what to do instead.

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
    let chat = "tests/scenarios/answers/029-chat-messages-trillions.yaml";
    let plan = index_plan(&[
        "--answers",
        chat,
        "--what-if",
        "product=invoicing",
        "--full",
    ]);
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
