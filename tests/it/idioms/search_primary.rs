//! A search engine chosen as the primary store is not told to feed itself: no search or
//! vector engine "beside the primary", and its field types are the mapping's, not those
//! of a store without a schema. Search judged by its quality that stays in PostgreSQL,
//! for rows that change too fast for a copy, says why rather than "move to a search
//! cluster when you need relevance tuning". Engines that have row-level security
//! policies get them for shared tenants.

use super::{advice, decided_words};
use crate::common::advice::advice_after;
use crate::common::answers::{many, one};
use dbadvise::kb::KnowledgeBase;

#[test]
fn a_search_engine_as_the_primary_store_has_nothing_beside_it_to_feed() {
    let kb = KnowledgeBase::embedded();
    let text = include_str!("../../scenarios/answers/012-financial-documents-in-vpc.yaml");
    let advice = advice(&kb, text);
    assert_eq!(advice.primary().unwrap().engine, "elasticsearch");
    let titles: Vec<&str> = advice.decisions.iter().map(|d| d.title.as_str()).collect();
    for beside in [
        "A search engine beside the primary store",
        "A vector engine beside the primary",
        "Attribute types without a schema",
    ] {
        assert!(!titles.contains(&beside), "{titles:?}");
    }
    assert!(titles.contains(&"Field types in the mapping"), "{titles:?}");
    assert!(!decided_words(&advice).contains("outbox or change data capture"));
}

#[test]
fn shared_tenants_get_row_level_security_wherever_the_engine_has_policies() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records"])),
            ("volume", one("large")),
            ("peak-rate", one("tens-of-thousands")),
            ("multi-region", one("multi-region-writes")),
            ("partition-behaviour", one("refuse")),
            ("multi-tenant", one("shared")),
        ],
    );
    let primary = advice.primary().unwrap().engine.to_string();
    assert!(
        ["cockroachdb", "yugabytedb"].contains(&primary.as_str()),
        "{primary}"
    );
    let tenancy: Vec<&str> = advice
        .decisions
        .iter()
        .filter(|d| d.title.contains("Shared tables") || d.title.contains("Tenant id"))
        .map(|d| d.outcome.as_str())
        .collect();
    assert_eq!(tenancy, ["tenant-rls"], "{primary}");
}

#[test]
fn relevance_search_kept_with_fast_changing_rows_says_why() {
    let kb = KnowledgeBase::embedded();
    let text = include_str!("../../scenarios/answers/010-grocery-hybrid-search-postgres.yaml");
    let advice = advice(&kb, text);
    let engine_of = |role: &str| {
        let store = advice.stack.iter().find(|c| c.role == role);
        store.map(|c| c.engine.to_string())
    };
    assert_eq!(engine_of("search"), engine_of("primary"));
    let search: Vec<&str> = advice
        .decisions
        .iter()
        .filter(|d| d.tree == "secondary-stores")
        .map(|d| d.outcome.as_str())
        .collect();
    assert!(search.contains(&"pg-fts-live"), "{search:?}");
    assert!(!decided_words(&advice).contains("Move to a search cluster"));
}
