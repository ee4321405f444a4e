//! The CAP stance: it follows the primary store the ranking chose (an AP engine, one
//! that commits by consensus, one with a single primary) and what the answers asked of it
//! during a partition.

use crate::common::advice::{advice_after, interview, outcomes};
use crate::common::answers::{many, one};

use dbadvise::engine::advise::advise;
use dbadvise::engine::Answers;
use dbadvise::kb::{AnswerValue, KnowledgeBase};

/// The interview run with `script`, the rest defaulted: the primary store, and the CAP
/// decision's outcome and reason.
fn cap_of(kb: &KnowledgeBase, script: &[(&str, AnswerValue)]) -> (String, String, String) {
    let mut answers = Answers::default();
    interview(kb, &mut answers, script);
    let advice = advise(kb, &answers);
    assert!(advice.complete, "{:?}", advice.pending);
    let primary = advice.primary().unwrap().engine.to_string();
    let cap = advice.decisions.iter().find(|d| d.tree == "cap").unwrap();
    (primary, cap.outcome.to_string(), cap.reason.to_string())
}

/// In one region, the CAP stance never says "CP — one primary" of a store that has none:
/// a cluster that must keep serving gets the AP stance of its AP engine, a small app on
/// DynamoDB strong reads where they matter, one on Firestore a majority of replicas; a CP
/// engine with one primary keeps that stance.
#[test]
fn the_cap_stance_in_one_region_follows_a_primary_that_is_ap() {
    let kb = KnowledgeBase::embedded();
    let cap_outcome = |script: &[(&str, AnswerValue)]| {
        let (primary, outcome, _) = cap_of(&kb, script);
        (primary, outcome)
    };
    let big = [
        ("data-kinds", many(&["records"])),
        ("deployment", one("self-hosted")),
        ("volume", one("huge")),
        ("peak-rate", one("hundreds-of-thousands")),
        ("read-write", one("write-heavy")),
        ("query-complexity", one("simple")),
        ("consistency", one("per-record")),
        ("multi-region", one("single-region")),
    ];
    let keep = [&big[..], &[("partition-behaviour", one("keep-serving"))]].concat();
    let (primary, cap) = cap_outcome(&keep);
    let engine = kb.engine(&primary).unwrap();
    assert_eq!(engine.cap, "AP", "{primary}");
    assert_eq!(cap, "ap-in-region", "{primary}");
    let refuse = [&big[..], &[("partition-behaviour", one("refuse"))]].concat();
    let (primary, cap) = cap_outcome(&refuse);
    assert_ne!(cap, "ap-in-region", "{primary}");

    // A small serverless app on DynamoDB is never asked about partitions: it is told to
    // ask for strong reads where they matter, not that one primary makes every read
    // consistent; PostgreSQL, with one primary, is.
    let small = [
        ("data-kinds", many(&["records"])),
        ("team", one("no-ops")),
        ("deployment", one("serverless")),
        ("cloud", one("aws")),
        ("volume", one("small")),
        ("peak-rate", one("hundreds")),
        ("consistency", one("per-record")),
    ];
    let keyed = [&small[..], &[("query-complexity", one("simple"))]].concat();
    assert_eq!(
        cap_outcome(&keyed),
        ("dynamodb".into(), "strong-reads-where-needed".into())
    );
    let joined = [&small[..], &[("query-complexity", one("complex"))]].concat();
    assert_eq!(
        cap_outcome(&joined),
        ("postgresql".into(), "cp-single".into())
    );
    // Firestore commits by consensus: there is no one primary and standby to fail over
    // between, and a majority of replicas commits each write.
    let documents = [
        ("data-kinds", many(&["documents"])),
        ("team", one("no-ops")),
        ("deployment", one("serverless")),
        ("cloud", one("gcp")),
        ("volume", one("small")),
    ];
    assert_eq!(
        cap_outcome(&documents),
        ("firestore".into(), "cp-quorum".into())
    );
}

/// Keeping on serving through a partition, in one region, with a primary that is not AP
/// (ClickHouse for events analysed in bulk): the stance says what that store keeps serving
/// (reads, from replicas) and that writes wait for failover. It used to say "CP — one
/// primary", whose reason opens "You would rather refuse requests", against the answer.
/// No scenario or example project that answered "keep serving" is told it would rather
/// refuse.
#[test]
fn keeping_on_serving_with_a_primary_that_is_not_ap_is_not_called_refusing() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    interview(
        &kb,
        &mut answers,
        &[
            ("data-kinds", many(&["analytics"])),
            ("deployment", one("managed")),
            ("volume", one("large")),
            ("peak-rate", one("tens-of-thousands")),
            ("read-write", one("write-heavy")),
            ("consistency", one("eventual")),
            ("multi-region", one("single-region")),
            ("partition-behaviour", one("keep-serving")),
        ],
    );
    let advice = advise(&kb, &answers);
    assert!(advice.complete, "{:?}", advice.pending);
    let primary = kb.engine(&advice.primary().unwrap().engine).unwrap();
    assert_ne!(primary.cap, "AP", "{}", primary.id);
    let cap = advice.decisions.iter().find(|d| d.tree == "cap").unwrap();
    assert_eq!(cap.outcome, "reads-through-partitions", "{}", primary.id);

    let files = crate::common::answers::every_answers_file();
    let mut checked = 0;
    for path in files {
        let answers = crate::common::answers::read_answers(&kb, &path);
        let keeps_serving = answers
            .get("partition-behaviour")
            .is_some_and(|v| v.has("keep-serving"));
        let advice = dbadvise::engine::advise_with_defaults(&kb, &answers);
        let Some(cap) = advice.decisions.iter().find(|d| d.tree == "cap") else {
            continue;
        };
        let asked = cap
            .because
            .iter()
            .any(|b| b.question == "partition-behaviour");
        if keeps_serving && asked {
            checked += 1;
            assert!(
                !cap.reason.contains("rather refuse"),
                "{}: {} says {}",
                path.display(),
                cap.outcome,
                cap.reason
            );
        }
    }
    assert!(checked >= 3, "only {checked} files keep serving");
}

/// A store with no CP stance of its own is not told "CP — one primary": SQLite inside the
/// application has no replicas to disagree, and Redis keeping sessions acknowledges writes
/// before its replicas hold them. The one-primary stance of PostgreSQL does not say the
/// team would rather refuse requests, which a small project is never asked.
#[test]
fn a_store_without_replicas_or_with_asynchronous_ones_gets_its_own_stance() {
    let kb = KnowledgeBase::embedded();
    let cap_of = |script: &[(&str, AnswerValue)]| cap_of(&kb, script);
    let embedded = cap_of(&[
        ("data-kinds", many(&["records"])),
        ("deployment", one("embedded")),
        ("volume", one("small")),
        ("peak-rate", one("hundreds")),
    ]);
    assert_eq!(
        (&embedded.0[..], &embedded.1[..]),
        ("sqlite", "single-node")
    );
    let sessions = cap_of(&[
        ("data-kinds", many(&["ephemeral"])),
        ("team", one("no-ops")),
        ("volume", one("small")),
        ("peak-rate", one("thousands")),
        ("durability", one("may-lose")),
        ("lifetime", one("expires")),
    ]);
    assert!(
        ["redis", "valkey"].contains(&&sessions.0[..]),
        "{sessions:?}"
    );
    assert_eq!(sessions.1, "async-primary");
    let records = cap_of(&[
        ("data-kinds", many(&["records"])),
        ("volume", one("small")),
        ("peak-rate", one("hundreds")),
    ]);
    assert_eq!(
        (&records.0[..], &records.1[..]),
        ("postgresql", "cp-single")
    );
    assert!(!records.2.contains("rather refuse"), "{}", records.2);
}

/// Consensus among Neo4j's primaries is a cluster's, and only Enterprise Edition (or
/// AuraDB) clusters: the CP stance for a Neo4j primary says so.
#[test]
fn neo4j_consensus_is_said_to_need_its_enterprise_cluster() {
    let kb = KnowledgeBase::embedded();
    let path = "tests/scenarios/answers/049-fraud-ring-investigation.yaml";
    let advice = crate::common::answers::advice_of(&kb, path);
    assert_eq!(advice.primary().map(|c| c.engine.as_str()), Some("neo4j"));
    let cap = advice.decisions.iter().find(|d| d.tree == "cap").unwrap();
    assert_eq!(cap.outcome, "cp-quorum");
    assert!(
        advice
            .checklist
            .iter()
            .any(|line| line.contains("Enterprise Edition") && line.contains("Community")),
        "{:?}",
        advice.checklist
    );
}

/// "Writes go to one primary; reads go to its replicas" is said only of a store with one
/// primary: a store that commits by consensus serves stale reads from followers, and an
/// AP store answers from any replica already. Swept over every answers file, each also
/// made read-heavy at a high peak with reads that may be seconds old.
#[test]
fn replica_reads_of_one_primary_are_said_only_of_a_store_that_has_one() {
    let kb = KnowledgeBase::embedded();
    let (mut consensus, mut checked) = (0, 0);
    for (path, text) in crate::common::answers::every_answers_text() {
        let stale = crate::common::answers::with_answers(
            &text,
            &[
                ("read-write", "read-heavy"),
                ("peak-rate", "tens-of-thousands"),
                ("stale-reads", "seconds"),
            ],
        );
        for text in [text, stale] {
            let advice = crate::common::answers::advice(&kb, &text);
            let primary = kb.engine(&advice.primary().unwrap().engine).unwrap();
            let cap = advice.decisions.iter().find(|d| d.tree == "cap").unwrap();
            checked += 1;
            if primary.has("consensus-replication") || primary.has("available-under-partition") {
                assert_ne!(cap.outcome, "cp-replica-reads", "{}", path.display());
            }
            if primary.has("consensus-replication") && cap.outcome == "cp-quorum-follower-reads" {
                consensus += 1;
            }
        }
    }
    assert!(checked >= 160, "only {checked} advices");
    assert!(consensus >= 3, "only {consensus} follower-read stances");
}

/// DynamoDB read near users in several regions: each region reads a replica of its own
/// (a global table), writes stay in the home region, and its reads already spread over
/// every replica. It used to be told that "a majority" commits each write and a follower
/// answers the stale reads, beside "DynamoDB is AP", and to add read replicas and keep
/// writes "on the primary", which it has none of.
#[test]
fn an_ap_store_read_in_several_regions_reads_a_replica_of_its_own_there() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records"])),
            ("team", one("no-ops")),
            ("deployment", one("serverless")),
            ("cloud", one("aws")),
            ("volume", one("large")),
            ("peak-rate", one("hundreds-of-thousands")),
            ("read-write", one("read-heavy")),
            ("query-complexity", one("simple")),
            ("consistency", one("per-record")),
            ("multi-region", one("multi-region-reads")),
            ("stale-reads", one("seconds")),
        ],
    );
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(advice.primary().unwrap().engine, "dynamodb");
    assert_eq!(outcomes(&advice, "cap"), ["ap-region-replicas"]);
    let operations = outcomes(&advice, "operations");
    assert!(
        operations.contains(&"reads-from-every-replica"),
        "{operations:?}"
    );
    assert!(!operations.contains(&"replicas"), "{operations:?}");
    let checklist = advice.checklist.join("\n");
    assert!(checklist.contains("global table"), "{checklist}");
    // Said only to the stores it is true of.
    for other in ["LOCAL_ONE", "read region", "CouchDB"] {
        assert!(!checklist.contains(other), "{other}: {checklist}");
    }
}

/// Money or strict consistency on one primary fed asynchronously would lose the last
/// acknowledged writes on failover: each commit waits for a standby, in the engine's own
/// terms; an internal tool with neither keeps the plain single primary.
#[test]
fn money_on_one_primary_waits_for_a_standby_in_the_engine_s_own_terms() {
    let kb = KnowledgeBase::embedded();
    for (file, engine, words, stance) in [
        (
            "payments-ledger",
            "postgresql",
            "synchronous_standby_names",
            "cp-single-sync",
        ),
        ("mysql-shop", "mysql", "AFTER_SYNC", "cp-single-sync"),
        ("internal-tool", "postgresql", "", "cp-single"),
    ] {
        let answers = crate::common::answers::read_answers(&kb, crate::common::run::project(file));
        let advice = advise(&kb, &answers);
        assert_eq!(advice.primary().unwrap().engine, engine, "{file}");
        assert_eq!(outcomes(&advice, "cap"), [stance], "{file}");
        let standby = advice
            .checklist
            .iter()
            .find(|t| t.contains("holds each commit"));
        match standby {
            Some(line) => assert!(!words.is_empty() && line.contains(words), "{file}: {line}"),
            None => assert!(words.is_empty(), "{file}: no standby line"),
        }
        // One primary with no replica to promote loses nothing either: where writes may
        // stop for a restart, a small project need not pay for a standby. It is the
        // other way of one item, not a second box to tick beside the standby's.
        if let Some(line) = standby {
            assert!(
                line.contains("no replica to promote at all"),
                "{file}: {line}"
            );
        }
        let no_replica = advice
            .checklist
            .iter()
            .any(|t| t.contains("no replica to promote at all"));
        assert_eq!(no_replica, !words.is_empty(), "{file}");
    }
    // Reads from replicas: a seat sold once, on the primary whose commits a standby holds.
    let script = |invariants: &[&str]| {
        vec![
            ("data-kinds", many(&["records"])),
            ("team", one("small-team")),
            ("existing", one("postgresql")),
            ("peak-rate", one("tens-of-thousands")),
            ("read-write", one("read-heavy")),
            ("stale-reads", one("seconds")),
            ("invariants", many(invariants)),
        ]
    };
    let advice = crate::common::advice::advice_after(&kb, &script(&["one-claimant"]));
    assert_eq!(advice.primary().unwrap().engine, "postgresql");
    assert_eq!(outcomes(&advice, "cap"), ["cp-replica-reads-sync"]);
    assert!(advice
        .checklist
        .iter()
        .any(|t| t.contains("holds each commit") && t.contains("synchronous_standby_names")));
    let advice = crate::common::advice::advice_after(&kb, &script(&[]));
    assert_eq!(outcomes(&advice, "cap"), ["cp-replica-reads"]);
}
