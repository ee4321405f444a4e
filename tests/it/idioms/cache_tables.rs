//! A project whose data is itself a cache kept in the primary (Solid Cache's terabytes of
//! rendered fragments in MySQL) is told so: the store is the cache, filled on a miss; its
//! table is keys and values; old entries are dropped, never archived. The same data that
//! may be lost rather than rebuilt, or kept beside business records, is advised as before.

use super::{advice, outcomes, with_answers};
use dbadvise::kb::KnowledgeBase;

const FRAGMENTS: &str = "tests/scenarios/answers/004-database-backed-page-cache.yaml";

#[test]
fn rebuildable_keys_kept_in_the_primary_are_advised_as_the_cache_they_are() {
    let kb = KnowledgeBase::embedded();
    let text = std::fs::read_to_string(FRAGMENTS).unwrap();
    let fragments = advice(&kb, &text);
    assert_eq!(
        fragments.primary().map(|c| c.engine.as_str()),
        Some("mysql")
    );
    assert_eq!(
        fragments.stack.len(),
        1,
        "the fragments live in MySQL itself"
    );
    assert_eq!(outcomes(&fragments, "caching"), ["rebuilt-on-miss"]);
    assert_eq!(outcomes(&fragments, "normalization"), ["kv-table"]);
    let operations = outcomes(&fragments, "operations");
    assert!(operations.contains(&"partitioning-drop"), "{operations:?}");
    assert!(!operations.contains(&"partitioning"), "{operations:?}");
    for pattern in &fragments.patterns {
        assert!(
            !["tiered-storage-archive", "schema-archive-table"].contains(&pattern.id.as_str()),
            "a cache that can be rebuilt is archived: {}",
            pattern.id
        );
    }

    // Beside business records, the caching and modelling decisions are the records'.
    let beside = advice(
        &kb,
        &with_answers(&text, &[("data-kinds", "[records, ephemeral]")]),
    );
    assert_ne!(outcomes(&beside, "caching"), ["rebuilt-on-miss"]);
    assert_ne!(outcomes(&beside, "normalization"), ["kv-table"]);
    // Values that may be lost are not rebuilt from anything: no cache of a source.
    let lost = advice(&kb, &with_answers(&text, &[("durability", "may-lose")]));
    assert_eq!(lost.primary().map(|c| c.engine.as_str()), Some("mysql"));
    assert_ne!(outcomes(&lost, "caching"), ["rebuilt-on-miss"]);
    assert!(!outcomes(&lost, "operations").contains(&"partitioning"));
}

/// A newsroom's public site, read-heavy and bursting tenfold on breaking news, at a rate
/// and latency the database serves: the caching decision is the HTTP cache in front of
/// the application that takes the bursts, where it said "No cache yet" while the
/// content domain purged "the CDN's copies". Steady traffic still adds no cache.
#[test]
fn reads_that_burst_are_cached_at_the_edge_and_steady_ones_not_at_all() {
    use crate::common::advice::advice_after;
    use crate::common::answers::{many, one};
    let kb = KnowledgeBase::embedded();
    let site = |shape: &str| {
        advice_after(
            &kb,
            &[
                ("product", one("content")),
                ("data-kinds", many(&["records", "files"])),
                ("peak-rate", one("thousands")),
                ("read-write", one("read-heavy")),
                ("traffic-shape", one(shape)),
                ("latency", one("tens-of-ms")),
            ],
        )
    };
    assert!(!site("spiky").stack.iter().any(|c| c.role == "cache"));
    assert_eq!(outcomes(&site("spiky"), "caching"), ["edge-cache"]);
    assert_eq!(outcomes(&site("steady"), "caching"), ["no-cache"]);
}
