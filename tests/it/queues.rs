//! Background jobs beside a primary store that cannot let workers claim them: the
//! cloud's own queue where there is a cloud and nothing should be run, an in-memory
//! store's streams on your own servers.

use crate::common::advice::{advice_after, outcomes};
use crate::common::answers::{many, one};

use dbadvise::kb::KnowledgeBase;

/// A shop's order API on Lambda with DynamoDB used to get a Valkey cluster for its
/// emails and invoice PDFs: a server to size and run beside a design that runs none.
/// On AWS it gets SQS, named as such, with the queue's own checklist.
#[test]
fn serverless_jobs_beside_a_store_without_a_queue_go_to_the_cloud_s_queue() {
    let kb = KnowledgeBase::embedded();
    let serverless = [
        ("data-kinds", many(&["documents"])),
        ("team", one("no-ops")),
        ("deployment", one("serverless")),
        ("cloud", one("aws")),
        ("query-complexity", one("simple")),
        ("consistency", one("per-record")),
        ("features", many(&["jobs"])),
    ];
    let advice = advice_after(&kb, &serverless);
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(advice.primary().unwrap().engine, "dynamodb");
    let queue = advice.stack.iter().find(|c| c.role == "queue").unwrap();
    assert_eq!(
        (queue.engine.as_str(), queue.name.as_str()),
        ("queue-service", "Amazon SQS")
    );
    assert!(outcomes(&advice, "secondary-stores").contains(&"managed-queue"));
    assert!(
        advice
            .checklist
            .iter()
            .any(|c| c.contains("dead-letter queue")),
        "{:?}",
        advice.checklist
    );

    // On your own servers there is no cloud queue: the jobs go where they can run.
    let own_servers = [
        ("data-kinds", many(&["time-series"])),
        ("deployment", one("self-hosted")),
        ("volume", one("huge")),
        ("peak-rate", one("hundreds-of-thousands")),
        ("read-write", one("write-heavy")),
        ("features", many(&["jobs"])),
    ];
    let advice = advice_after(&kb, &own_servers);
    assert!(advice.complete, "{:?}", advice.pending);
    let queue = advice.stack.iter().find(|c| c.role == "queue").unwrap();
    assert_ne!(queue.engine, "queue-service", "{:?}", advice.stack);
}
