//! A column store chosen as the primary says why for the data it holds: measurements
//! that arrive continuously (a van fleet's telemetry) are not a warehouse's facts loaded
//! in batches from other systems, and the record does not say they are.

use crate::common::advice::outcomes;
use crate::common::answers::{advice, with_answers};
use crate::common::run::{dbadvise, project, stdout_of};
use dbadvise::kb::KnowledgeBase;

const FLEET: &str = include_str!("../projects/iot-fleet.yaml");

#[test]
fn clickhouse_for_measurements_gives_their_reason_not_the_warehouse_s() {
    let kb = KnowledgeBase::embedded();
    let fleet = advice(&kb, FLEET);
    assert_eq!(fleet.stack[0].engine.as_str(), "clickhouse");
    assert_eq!(
        outcomes(&fleet, "sql-vs-nosql"),
        ["clickhouse-series-primary"]
    );
    let record = stdout_of(
        dbadvise()
            .args(["recommend", "--answers"])
            .arg(project("iot-fleet")),
    );
    assert!(
        record.contains("measurements that arrive continuously"),
        "{record}"
    );
    assert!(!record.contains("arrives in batches"), "{record}");

    // The same store for facts analysed in bulk keeps the warehouse's reason.
    let facts = with_answers(FLEET, &[("data-kinds", "[analytics]"), ("product", "none")]);
    let facts = advice(&kb, &facts);
    assert_eq!(facts.stack[0].engine.as_str(), "clickhouse");
    assert_eq!(outcomes(&facts, "sql-vs-nosql"), ["warehouse-primary"]);
}
