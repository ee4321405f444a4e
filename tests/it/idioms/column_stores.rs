//! A column store's (the analytics family's) index plan is the order its rows are stored in: the index decision
//! for a columnar primary names its sort or clustering key and time partitions, not the
//! row-index hygiene written for transactional engines.

use super::outcomes;
use crate::common::answers::every_advice;
use dbadvise::kb::KnowledgeBase;

#[test]
fn a_columnar_primary_is_laid_out_rather_than_indexed() {
    let kb = KnowledgeBase::embedded();
    let mut columnar = 0;
    for (path, advice) in every_advice(&kb) {
        let Some(primary) = advice.primary().and_then(|c| kb.engine(&c.engine)) else {
            continue;
        };
        let reached = outcomes(&advice, "index-type");
        if primary.family == "analytics" {
            columnar += 1;
            assert_eq!(reached, ["columnar-layout"], "{}", path.display());
        } else {
            assert!(!reached.contains(&"columnar-layout"), "{}", path.display());
        }
    }
    assert!(columnar >= 3, "only {columnar} columnar primaries");
}
