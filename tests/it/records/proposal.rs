//! A proposal judged: where the engine the team proposed is not chosen, the Decision
//! Outcome says where it ranks and why, and its pros and cons are weighed in full.

use crate::common::run::{dbadvise, stdout_of};

#[test]
fn the_record_answers_the_proposal_it_did_not_choose() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("invoicing.yaml");
    std::fs::write(
        &answers,
        "project: Invoicing\nanswers:\n  product: invoicing\n  data-kinds: [records]\n  \
         team: no-ops\n  existing: proposal\n  proposed-engine: mongodb\n  \
         deployment: managed\n  volume: small\n  peak-rate: hundreds\n  \
         invariants: [money, gapless-numbers, idempotency]\n  features: [jobs]\n  \
         consistency: strict\n  query-complexity: complex\n",
    )
    .unwrap();
    let record = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&answers),
    );
    let outcome = record
        .lines()
        .find(|l| l.starts_with("Chosen option: \"PostgreSQL\""))
        .unwrap_or_else(|| panic!("{record}"));
    assert!(
        outcome.contains("MongoDB, the engine proposed, ranks ")
            && outcome.contains("worse on ACID transactions"),
        "{outcome}"
    );
    // Below the first three, and still weighed in full.
    assert!(record.contains("\n### MongoDB\n"), "{record}");
}
