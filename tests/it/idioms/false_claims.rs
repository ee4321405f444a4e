//! Claims a reviewer found false, which no advice may make again, checked over every
//! scenario and example project: each with why it is false.

use super::words;
use dbadvise::kb::KnowledgeBase;

const FALSE_CLAIMS: &[(&str, &str)] = &[
    (
        "bounds staleness to the\nmoment",
        "a read that fetched the old row can put it back after the delete",
    ),
    (
        "only charset that holds all of Unicode",
        "utf16 and utf32 hold all of Unicode too",
    ),
    (
        "runs every transaction at SERIALIZABLE",
        "CockroachDB has READ COMMITTED since 24.1",
    ),
    (
        "scales reads and writes without limit",
        "DynamoDB partitions have throughput limits",
    ),
    ("miss memory and go to disk", "Redis never reads from disk"),
    (
        "You would rather refuse requests",
        "the CAP stance is also reached where partitions were never asked about",
    ),
    (
        "a row's replicas live only in the",
        "CockroachDB keeps non-voting replicas in other regions unless a super region confines them",
    ),
    (
        "Start on PostgreSQL, designed so that it can be sharded",
        "said where the stack is already Citus",
    ),
    (
        "(revisions, checkpoints, conflict detection) loses no edit",
        "Firestore applies the later write: an edit made offline can be overwritten",
    ),
    (
        "NUMERIC (DECIMAL) is exact, and",
        "said to stores without a decimal type (Cosmos DB's numbers are doubles)",
    ),
    (
        "writes batched instead of row by row",
        "batches across partitions are an anti-pattern in Cassandra and ScyllaDB",
    ),
    (
        "Partition hot tables by time, export old partitions",
        "said to stores that have no time partitions",
    ),
    (
        "decide how conflicts resolve (last writer wins, or merge)",
        "Cassandra, ScyllaDB and DynamoDB global tables keep the later write themselves: there is no merge to choose",
    ),
    (
        "_id leads every key and index",
        "the starter schema's primary key is the id alone, and a global entity's index leads with its own column",
    ),
    (
        "hot data in memory beside a durable primary store",
        "said of Redis where it is the primary store",
    ),
];

#[test]
fn no_advice_makes_a_claim_known_to_be_false() {
    let kb = KnowledgeBase::embedded();
    let mut checked = 0;
    for (path, advice) in crate::common::answers::every_advice(&kb) {
        // What the record says, with each store's reason; folded text, so compared with
        // single spaces.
        let mut said = words(&advice);
        for store in &advice.stack {
            for text in store.reason.kb_texts() {
                said += &format!("{text}\n");
            }
        }
        // What the starter schema says it tailored to the answers.
        for text in advice.starter_schema.iter().flat_map(|s| &s.tailored) {
            said += &format!("{text}\n");
        }
        let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
        for (claim, why) in FALSE_CLAIMS {
            let claim = claim.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                !said.contains(&claim),
                "{}: \"{claim}\": {why}",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 80, "only {checked} answers files");
}
