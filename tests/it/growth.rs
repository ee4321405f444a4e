//! Tables that only grow are partitioned by time; their old partitions are dropped or
//! archived (on CockroachDB, given a row-level TTL) only where the data expires, is kept
//! for a window or goes cold. Data in use for as long as the business runs (a wallet's
//! ledger) stays in the database: no archive, no object storage for it.

use crate::common::advice::advice_after;
use crate::common::advice::outcomes;
use crate::common::answers::{advice, many, one, with_answers};
use dbadvise::kb::KnowledgeBase;

const LEDGER: &str = include_str!("../projects/payments-ledger.yaml");

#[test]
fn only_data_that_goes_cold_has_its_old_partitions_archived() {
    let kb = KnowledgeBase::embedded();
    let growing = [("data-kinds", "[records, events]"), ("volume", "large")];
    for (lifetime, archived) in [
        ("forever", false),
        ("cold-after", true),
        ("retention", true),
    ] {
        let mut changes = growing.to_vec();
        changes.push(("lifetime", lifetime));
        let advice = advice(&kb, &with_answers(LEDGER, &changes));
        assert_eq!(advice.stack[0].engine.as_str(), "postgresql");
        let decided = outcomes(&advice, "operations");
        let patterns: Vec<&str> = advice.patterns.iter().map(|p| p.id.as_str()).collect();
        assert!(
            patterns.contains(&"partitioning-range"),
            "{lifetime}: {patterns:?}"
        );
        let expected = if archived {
            "partitioning"
        } else {
            "partitioning-kept"
        };
        assert!(decided.contains(&expected), "{lifetime}: {decided:?}");
        for id in ["tiered-storage-archive", "schema-archive-table"] {
            assert_eq!(
                patterns.contains(&id),
                archived,
                "{lifetime}: {id} in {patterns:?}"
            );
        }
    }
}

/// CockroachDB spreads a growing table over ranges by itself: its old rows go by a
/// row-level TTL only where the data expires, is kept for a window or goes cold. A
/// bank's ledger written in two regions and kept for as long as the business runs is
/// never given a TTL that deletes its postings.
#[test]
fn a_distributed_ledger_kept_forever_gets_no_row_ttl() {
    let kb = KnowledgeBase::embedded();
    for (lifetime, ttl) in [("forever", false), ("retention", true)] {
        let changes = [
            ("data-kinds", "[records, events]"),
            ("volume", "large"),
            ("existing", "none"),
            ("team", "platform"),
            ("multi-region", "multi-region-writes"),
            ("cross-region", "shared"),
            ("lifetime", lifetime),
        ];
        let advice = advice(&kb, &with_answers(LEDGER, &changes));
        assert_eq!(advice.stack[0].engine.as_str(), "cockroachdb");
        let decided = outcomes(&advice, "operations");
        assert_eq!(decided.contains(&"row-ttl"), ttl, "{lifetime}: {decided:?}");
        assert_eq!(
            decided.contains(&"ranges-kept"),
            !ttl,
            "{lifetime}: {decided:?}"
        );
    }
}

/// Review M: a smart-meter platform on Azure, readings at thousands a second. Asked what
/// if the data stayed under 10 GB, the advice sharded the primary with Citus, which
/// serves time series itself. Data that fits one server keeps one PostgreSQL, readings
/// and all, and no sharding layer; only data past 10 GB gets a time-series store.
#[test]
fn readings_that_stay_small_keep_one_unsharded_postgresql() {
    let kb = KnowledgeBase::embedded();
    let meters = |volume: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records", "time-series", "analytics"])),
                ("team", one("platform")),
                ("existing", one("none")),
                ("deployment", one("managed")),
                ("cloud", one("azure")),
                ("volume", one(volume)),
                ("peak-rate", one("thousands")),
                ("read-write", one("write-heavy")),
                ("consistency", one("strict")),
                ("lifetime", one("retention")),
                ("query-complexity", one("moderate")),
            ],
        )
    };
    let small = meters("small");
    let roles: Vec<(&str, &str)> = small
        .stack
        .iter()
        .map(|s| (s.role.as_str(), s.engine.as_str()))
        .collect();
    assert_eq!(roles[0], ("primary", "postgresql"), "{roles:?}");
    assert!(
        roles.iter().all(|(role, _)| *role != "time-series"),
        "{roles:?}"
    );
    let large = meters("large");
    assert!(
        large.stack.iter().any(|s| s.role.as_str() == "time-series"),
        "{:?}",
        large.stack
    );
}
