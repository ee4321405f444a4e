//! Exact money is checked in the words of the store's own type system: columns and
//! NUMERIC for SQL stores, fields and decimals for document stores.

use super::{advice, with_answers, SHOP};
use dbadvise::kb::KnowledgeBase;

const FEED: &str = include_str!("../../projects/social-feed.yaml");

#[test]
fn exact_money_is_checked_in_the_words_of_the_stores_type_system() {
    let kb = KnowledgeBase::embedded();
    let column = "No money column is binary floating point";
    let field = "No money field is stored as a binary double";
    for (text, primary, said, unsaid) in [
        (SHOP, "mysql", column, field),
        (FEED, "mongodb", field, column),
    ] {
        let advice = advice(&kb, &with_answers(text, &[("invariants", "[money]")]));
        assert_eq!(advice.stack[0].engine.as_str(), primary);
        let checklist = advice.checklist.join("\n");
        assert!(checklist.contains(said), "{primary}: {checklist}");
        assert!(!checklist.contains(unsaid), "{primary}: {checklist}");
        assert!(!checklist.contains("BSON"), "{primary}: {checklist}");
    }
}
