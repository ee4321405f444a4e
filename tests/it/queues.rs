//! Background jobs beside a primary store that cannot let workers claim them: the
//! cloud's own queue where there is a cloud and nothing should be run, an in-memory
//! store's streams on your own servers.

use crate::common::advice::{advice_after, outcomes};
use crate::common::answers::{many, one};

use crate::common::engines::{skip_or_fail, MariaDb};
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

/// Review N: the MySQL queue's claim read the next job `INTO @job_id`, which a SELECT
/// that finds nothing leaves as it was. A worker looping in one session, as a pooled
/// connection does, claimed its last job again once the queue was empty: five claims on
/// three jobs gave 1 2 3 3 3. Run on MariaDB, no job is claimed twice.
#[test]
fn a_worker_that_empties_the_mysql_queue_claims_no_job_twice() {
    let maria = match MariaDb::start() {
        Ok(maria) => maria,
        Err(unavailable) => {
            skip_or_fail(&unavailable).unwrap();
            return;
        }
    };
    let snippet = include_str!("../../knowledge/snippets/mysql/job-queue-skip-locked.sql");
    let claim_at = snippet.find("START TRANSACTION;").unwrap();
    let claim_end = claim_at + snippet[claim_at..].find("COMMIT;").unwrap() + "COMMIT;".len();
    let claim = &snippet[claim_at..claim_end];
    // The table and three queued jobs, then five claims in one session.
    let table = &snippet[..snippet.find("-- Dequeue").unwrap()];
    let db = maria.fresh_database("queue_claims").unwrap();
    maria.run_mysql(&db, table).unwrap();
    // An empty queue's SELECT INTO warns "no data": that is the case under test.
    maria.query(Some(&db), &claim.repeat(5)).unwrap();
    let attempts = maria
        .query(
            Some(&db),
            "SELECT GROUP_CONCAT(attempts ORDER BY id) FROM jobs",
        )
        .unwrap();
    assert_eq!(attempts.trim(), "1,1,1", "attempts per job");
    maria.drop_database(&db).unwrap();
}
