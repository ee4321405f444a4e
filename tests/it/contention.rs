//! Counts that must never go below zero, taken from by bursts of buyers at once: one row
//! per count queues them on its lock, so the units become rows claimed with SKIP LOCKED
//! (Shopify's checkout reservations, tests/scenarios/070).

use crate::common::advice::{advice_after, interview, outcomes};
use crate::common::answers::{many, one};

use dbadvise::engine::Answers;
use dbadvise::kb::{AnswerValue, KnowledgeBase};

/// A MySQL shop whose stock must never go below zero, at thousands of checkouts a second.
fn shop(shared: &str) -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("data-kinds", many(&["records"])),
        ("existing", one("mysql")),
        ("peak-rate", one("thousands")),
        ("traffic-shape", one("spiky")),
        ("invariants", many(&["never-negative", "idempotency"])),
        ("shared-counts", one(shared)),
    ]
}

/// The advice used to be a CHECK and a conditional decrement of one row per item, the
/// design Shopify's checkout outgrew ("A single row with a quantity column couldn't
/// handle the contention"). Where bursts of buyers take from one item, the units are now
/// rows claimed with SKIP LOCKED; where each count has its own owner, nothing changes.
#[test]
fn stock_that_bursts_of_buyers_take_from_is_claimed_as_rows_with_skip_locked() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &shop("shared"));
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(advice.primary().unwrap().engine, "mysql");
    assert_eq!(
        outcomes(&advice, "invariants"),
        ["never-negative-rows", "idempotency"]
    );
    let rows = advice
        .patterns
        .iter()
        .find(|p| p.id == "invariant-stock-rows");
    let rows = rows.expect("the pattern, with its MySQL snippet");
    assert!(
        (advice.snippets.iter())
            .any(|s| s.dialect == "mysql" && s.file.contains("invariant-stock-rows")),
        "{:?}",
        advice.snippets.iter().map(|s| &s.file).collect::<Vec<_>>()
    );
    assert!(rows.title.contains("SKIP LOCKED"));

    let advice = advice_after(&kb, &shop("own"));
    assert_eq!(
        outcomes(&advice, "invariants"),
        ["never-negative", "idempotency"]
    );
    assert!(!advice
        .patterns
        .iter()
        .any(|p| p.id == "invariant-stock-rows"));
}

/// The question is asked only where it can change the advice: at thousands of requests
/// a second, on a primary that claims rows with SKIP LOCKED.
#[test]
fn the_question_of_shared_counts_is_asked_only_at_a_burst_s_rate_on_such_a_primary() {
    let kb = KnowledgeBase::embedded();
    let asked = |changes: &[(&'static str, AnswerValue)]| {
        let mut script = shop("shared");
        for (q, v) in changes {
            script.retain(|(s, _)| s != q);
            script.push((q, v.clone()));
        }
        let mut answers = Answers::default();
        interview(&kb, &mut answers, &script).contains(&"shared-counts".to_string())
    };
    assert!(asked(&[]));
    assert!(
        !asked(&[("peak-rate", one("hundreds"))]),
        "a few hundred a second"
    );
    assert!(
        !asked(&[("invariants", many(&["idempotency"]))]),
        "no count"
    );
    let serverless = [
        ("existing", one("none")),
        ("deployment", one("serverless")),
        ("cloud", one("aws")),
        ("query-complexity", one("simple")),
        ("consistency", one("per-record")),
        ("data-kinds", many(&["documents"])),
    ];
    assert!(!asked(&serverless), "DynamoDB has no SKIP LOCKED");
}
