//! Writes in several regions: one database spanning them where the same data crosses
//! regions, a deployment per region where each customer lives in one (cross-region).

use crate::common::advice::{advice_after, interview, outcomes};
use crate::common::answers::{many, one};

use dbadvise::engine::Answers;
use dbadvise::kb::{AnswerValue, KnowledgeBase};

/// A payroll SaaS on PostgreSQL whose employer customers each live in the EU or the US,
/// with their data kept there, and writes in both regions.
fn payroll(cross_region: &str) -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("data-kinds", many(&["records"])),
        ("existing", one("postgresql")),
        ("volume", one("medium")),
        ("peak-rate", one("thousands")),
        ("cloud", one("aws")),
        ("consistency", one("strict")),
        ("invariants", many(&["money", "gapless-numbers"])),
        ("multi-tenant", one("shared")),
        ("multi-region", one("multi-region-writes")),
        ("residency", one("pinned")),
        ("cross-region", one(cross_region)),
    ]
}

/// The advice used to eliminate PostgreSQL ("needs writes accepted in several regions")
/// and choose CockroachDB with rows pinned by region, for customers who never write
/// outside their own region. A deployment per region serves them with the engine the
/// team runs, and says so once: the CAP decision describes the cells, the residency
/// decision only where each customer's home is.
#[test]
fn customers_homed_in_one_region_each_get_a_deployment_per_region() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &payroll("homed"));
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(advice.primary().unwrap().engine, "postgresql");
    let eliminated: Vec<_> = advice
        .alternatives
        .iter()
        .filter(|a| a.role == "primary" && a.engine == "postgresql")
        .filter_map(|a| a.eliminated.as_ref())
        .collect();
    assert!(eliminated.is_empty(), "{eliminated:?}");
    assert_eq!(
        outcomes(&advice, "cap"),
        // Payroll is money: each region's commits wait for a standby.
        ["region-cells", "cp-single-sync"],
        "the cells, then how each region's store behaves"
    );
    let operations = outcomes(&advice, "operations");
    assert!(
        operations.contains(&"home-in-jurisdiction") && !operations.contains(&"cell-per-region"),
        "{operations:?}"
    );
    assert!(advice.patterns.iter().any(|p| p.id == "region-cells"));

    // Partitions between regions stop nothing a customer writes: not asked.
    let mut answers = Answers::default();
    let asked = interview(&kb, &mut answers, &payroll("homed"));
    assert!(asked.iter().any(|q| q == "cross-region"), "{asked:?}");
    assert!(
        !asked.iter().any(|q| q == "partition-behaviour"),
        "{asked:?}"
    );
}

/// The same system whose data is written or queried across regions needs one database
/// across them: PostgreSQL is eliminated for it, and rows are pinned by region.
#[test]
fn data_shared_across_regions_needs_one_database_spanning_them() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &payroll("shared"));
    assert!(advice.complete, "{:?}", advice.pending);
    let primary = &advice.primary().unwrap().engine;
    let engine = kb.engine(primary).unwrap();
    for capability in ["multi-region-writes", "geo-partitioning"] {
        assert!(
            engine.capabilities.iter().any(|c| c == capability),
            "{primary} lacks {capability}"
        );
    }
    let postgresql = advice
        .alternatives
        .iter()
        .find(|a| a.role == "primary" && a.engine == "postgresql")
        .unwrap();
    assert!(postgresql.eliminated.is_some(), "{postgresql:?}");
    assert!(!outcomes(&advice, "cap").contains(&"region-cells"));
}

/// Consensus across regions survives the loss of a region only with three of them: the
/// advice says so where it promises it, and asks for the third region in its checklist,
/// since two regions lose their quorum with either one.
#[test]
fn surviving_a_region_is_promised_only_with_three_regions() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &payroll("shared"));
    let cap = advice.decisions.iter().find(|d| d.tree == "cap").unwrap();
    assert_eq!(cap.outcome, "cp-consensus");
    let consequences: Vec<&str> = cap.good.iter().map(|g| g.as_str()).collect();
    assert!(
        consequences
            .iter()
            .any(|g| g.contains("with three regions or more")),
        "{consequences:?}"
    );
    assert!(
        advice
            .checklist
            .iter()
            .any(|c| c.contains("at least three regions")),
        "{:?}",
        advice.checklist
    );
}
