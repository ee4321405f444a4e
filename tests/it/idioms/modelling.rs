//! The modelling patterns follow the modelling decision: a column store whose rows arrive
//! in time order is one wide table, and is not also told to build a star schema (the
//! store's own outcome used to name one whatever the modelling decided).

use super::{advice, ids, outcomes};
use dbadvise::kb::KnowledgeBase;

#[test]
fn a_star_schema_is_advised_only_where_the_modelling_decision_is_a_star() {
    let kb = KnowledgeBase::embedded();
    let files = crate::common::answers::every_answers_file();
    let mut wide = 0;
    for path in &files {
        let advice = advice(&kb, &std::fs::read_to_string(path).unwrap());
        let modelled = outcomes(&advice, "normalization");
        let star = ids(&advice).contains(&"schema-star-olap");
        assert_eq!(
            star,
            modelled.contains(&"star"),
            "{}: modelled {modelled:?}, star schema pattern {star}",
            path.display()
        );
        wide += usize::from(modelled.contains(&"wide-events"));
    }
    assert!(wide >= 2, "only {wide} wide tables");
}
