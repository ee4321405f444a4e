//! The modelling patterns follow the modelling decision: a column store whose rows arrive
//! in time order is one wide table, and is not also told to build a star schema (the
//! store's own outcome used to name one whatever the modelling decided). A warehouse
//! beside the primary is modelled as a star whatever the primary's modelling: the facts
//! copied into it are joined to dimensions there.

use super::{advice, ids, outcomes};
use dbadvise::kb::KnowledgeBase;

#[test]
fn a_star_schema_is_advised_only_where_the_modelling_decision_or_a_warehouse_beside_is_a_star() {
    let kb = KnowledgeBase::embedded();
    let files = crate::common::answers::every_answers_file();
    let (mut wide, mut beside) = (0, 0);
    for path in &files {
        let advice = advice(&kb, &std::fs::read_to_string(path).unwrap());
        let modelled = outcomes(&advice, "normalization");
        let warehouse = outcomes(&advice, "secondary-stores").contains(&"analytics-warehouse");
        let star = ids(&advice).contains(&"schema-star-olap");
        assert_eq!(
            star,
            modelled.contains(&"star") || warehouse,
            "{}: modelled {modelled:?}, a warehouse beside {warehouse}, star schema pattern {star}",
            path.display()
        );
        assert!(
            !(star && modelled.contains(&"wide-events")),
            "{}: one wide table and a star",
            path.display()
        );
        wide += usize::from(modelled.contains(&"wide-events"));
        beside += usize::from(warehouse && !modelled.contains(&"star"));
    }
    assert!(wide >= 2, "only {wide} wide tables");
    assert!(
        beside >= 1,
        "no warehouse beside a primary modelled otherwise"
    );
}
