//! Reads from replicas in the chosen store's own way: streaming replicas of one
//! PostgreSQL or MySQL primary, a read preference and causal sessions in MongoDB, and no
//! read-replica advice written for those engines to a store that replicates otherwise
//! (ClickHouse, Elasticsearch, a key-value store).

use super::{advice, ids, with_answers};
use dbadvise::kb::KnowledgeBase;

const SOCIAL_FEED: &str = include_str!("../../projects/social-feed.yaml");

/// The engine families whose replicas the read-replicas pattern describes.
const STREAMING: &[&str] = &[
    "postgresql",
    "postgresql-sharded",
    "mysql",
    "vitess",
    "citus",
    "timescaledb",
];

#[test]
fn replica_reads_are_advised_in_the_primary_stores_own_terms() {
    let kb = KnowledgeBase::embedded();

    // A MongoDB feed that reads from replicas: its read preference, not streaming
    // replication and LSNs.
    let feed = advice(&kb, &with_answers(SOCIAL_FEED, &[]));
    assert_eq!(feed.stack[0].engine, "mongodb", "{:?}", feed.stack);
    assert!(
        ids(&feed).contains(&"mongodb-read-preference"),
        "{:?}",
        ids(&feed)
    );
    assert!(!ids(&feed).contains(&"read-replicas"), "{:?}", ids(&feed));

    // Every scenario and example project: the read-replicas pattern only where the
    // primary replicates as PostgreSQL and MySQL do, and MongoDB's own where it is the
    // primary and replicas serve reads.
    let files = crate::common::answers::every_answers_file();
    let (mut streaming, mut mongodb) = (0, 0);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let advice = advice(&kb, &text);
        let primary = advice.stack[0].engine.as_str();
        let patterns = ids(&advice);
        if patterns.contains(&"read-replicas") {
            streaming += 1;
            assert!(
                STREAMING.contains(&primary),
                "{}: read replicas for {primary}",
                path.display()
            );
        }
        if patterns.contains(&"mongodb-read-preference") {
            mongodb += 1;
            assert_eq!(primary, "mongodb", "{}", path.display());
        }
    }
    assert!(streaming >= 3 && mongodb >= 1, "{streaming} {mongodb}");
}
