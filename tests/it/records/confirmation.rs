//! The Confirmation of a record: every rule the database holds is proven by a check the
//! team can run, not only named.

use crate::common::advice::advice_after;
use crate::common::answers::many;

use dbadvise::kb::KnowledgeBase;

#[test]
fn every_rule_the_database_holds_has_a_check_that_proves_it() {
    let kb = KnowledgeBase::embedded();
    let rules = kb.question("invariants").expect("the invariants question");
    let all: Vec<&str> = rules.options.iter().map(|o| o.id.as_str()).collect();
    let tree = kb.trees.iter().find(|t| t.id == "invariants").unwrap();
    // On PostgreSQL (exclusion constraints) and on MySQL (a lock on the resource).
    for existing in ["postgresql", "mysql"] {
        let advice = advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("existing", dbadvise::kb::AnswerValue::One(existing.into())),
                ("invariants", many(&all)),
            ],
        );
        let held: Vec<_> = advice
            .decisions
            .iter()
            .filter(|d| d.tree == "invariants")
            .collect();
        // Every rule but exact money, which the column types hold.
        assert_eq!(held.len(), all.len() - 1, "{existing}: {held:?}");
        for decision in held {
            let outcome = tree
                .nodes
                .iter()
                .filter_map(|n| n.outcome.as_ref())
                .find(|o| o.title == decision.title)
                .unwrap();
            let proven = outcome
                .checklist
                .iter()
                .any(|c| advice.checklist.contains(&c.text));
            assert!(
                proven,
                "{existing}: `{}` has no check in the confirmation: {:#?}",
                decision.title, advice.checklist
            );
        }
    }
}

/// A database per large tenant is a fleet to migrate: the record's Confirmation asks for
/// the one job that migrates every tenant's database and shows the version each runs.
#[test]
fn a_database_per_tenant_has_a_check_that_every_tenant_is_migrated() {
    let kb = KnowledgeBase::embedded();
    let advice = |tenants: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("volume", dbadvise::kb::AnswerValue::One("large".into())),
                (
                    "multi-tenant",
                    dbadvise::kb::AnswerValue::One(tenants.into()),
                ),
            ],
        )
    };
    let fleet = |advice: &dbadvise::engine::Advice| {
        advice
            .checklist
            .iter()
            .any(|c| c.contains("runs each migration on every tenant's"))
    };
    let isolated = advice("isolated");
    assert!(fleet(&isolated), "{:#?}", isolated.checklist);
    assert!(!fleet(&advice("shared")));
}

/// The check that reads the plans names every index of the plan, those that come from no
/// pattern too: MySQL's SPATIAL index for "near me" was in the index plan and missing from
/// the queries to check.
#[test]
fn the_plan_check_names_every_planned_index() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records"])),
            ("existing", dbadvise::kb::AnswerValue::One("mysql".into())),
            ("access-patterns", many(&["equality-high", "geo"])),
        ],
    );
    assert_eq!(advice.primary().unwrap().engine, "mysql");
    let checks = dbadvise::report::record::checks(&kb, &advice);
    let plan = checks
        .iter()
        .find(|c| c.contains("the queries behind each planned index"))
        .expect("a check that reads the plans");
    assert!(
        plan.contains("SPATIAL index on a POINT column") && plan.contains("B-tree"),
        "{plan}"
    );
}
