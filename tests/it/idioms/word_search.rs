//! Words searched in a search engine beside the primary get no full-text index in the
//! primary as well, in the index plan or the starter schema; words searched in the primary
//! get that engine's own index.

use super::{advice, ids, with_answers, SHOP};
use crate::common::advice::advice_after;
use crate::common::answers::{many, one};
use dbadvise::engine::Advice;
use dbadvise::kb::KnowledgeBase;

const CATALOGUE: &str = include_str!("../../projects/ecommerce-catalogue.yaml");

fn search_engine(advice: &Advice) -> Option<&str> {
    let search = advice.stack.iter().find(|c| c.role == "search")?;
    (!search.by_primary).then_some(search.engine.as_str())
}

fn searched_elsewhere(advice: &Advice) -> bool {
    advice
        .decisions
        .iter()
        .any(|d| d.title == "Word search in the search engine, not in the primary")
}

#[test]
fn a_search_engine_beside_the_primary_takes_the_full_text_index_off_it() {
    let kb = KnowledgeBase::embedded();
    for (text, primary, own_index) in [
        (SHOP, "mysql", "index-mysql-btree-fulltext"),
        (CATALOGUE, "postgresql", "index-gin-tsvector"),
    ] {
        // Keyword search over a few fields: the primary serves it, with its own index.
        let own = advice(
            &kb,
            &with_answers(text, &[("features", "[keyword-search]")]),
        );
        assert_eq!(own.stack[0].engine.as_str(), primary);
        assert_eq!(search_engine(&own), None, "{:?}", own.stack);
        assert!(ids(&own).contains(&own_index), "{primary}: {:?}", ids(&own));
        assert!(!searched_elsewhere(&own), "{primary}");

        // Search judged by its quality: a search engine beside it answers the words.
        let beside = advice(
            &kb,
            &with_answers(text, &[("features", "[relevance-search]")]),
        );
        assert_eq!(beside.stack[0].engine.as_str(), primary);
        assert!(search_engine(&beside).is_some(), "{:?}", beside.stack);
        assert!(
            !ids(&beside).contains(&own_index),
            "{primary}: {:?}",
            ids(&beside)
        );
        assert!(searched_elsewhere(&beside), "{primary}");
    }
}

/// Word search sent to a search engine beside the primary leaves the tables without a
/// full-text index of their own: the index plan says so, and the starter schema used to
/// add a FULLTEXT key anyway. Keyword search served by the primary keeps it.
#[test]
fn tables_searched_by_a_search_engine_beside_them_get_no_full_text_index() {
    let kb = KnowledgeBase::embedded();
    let shop = |features: &[&str]| {
        let answers = [
            ("product", one("marketplace")),
            ("data-kinds", many(&["records"])),
            ("existing", one("mysql")),
            ("features", many(features)),
            ("access-patterns", many(&["equality-high", "full-text"])),
        ];
        let advice = advice_after(&kb, &answers);
        let search = advice.stack.iter().find(|c| c.role == "search").unwrap();
        let sql = advice.starter_schema.as_ref().unwrap().sql.clone();
        (search.engine.to_string(), sql)
    };
    let (engine, sql) = shop(&["keyword-search"]);
    assert_eq!(engine, "mysql");
    assert!(sql.contains("FULLTEXT KEY"), "{sql}");
    let (engine, sql) = shop(&["relevance-search"]);
    assert_ne!(engine, "mysql");
    assert!(!sql.contains("FULLTEXT"), "{sql}");
}

/// The same for the generic starter tables (no product domain): the PostgreSQL `items`
/// table kept a tsvector and its GIN index while the index plan said the primary keeps
/// no full-text index (a 3M-record library catalogue searched in Elasticsearch).
#[test]
fn the_generic_tables_searched_beside_them_get_no_tsvector() {
    let kb = KnowledgeBase::embedded();
    let catalogue = |features: &[&str]| {
        let answers = [
            ("product", one("none")),
            ("data-kinds", many(&["records", "documents"])),
            ("features", many(features)),
            ("access-patterns", many(&["equality-high", "full-text"])),
        ];
        let advice = advice_after(&kb, &answers);
        assert_eq!(advice.stack[0].engine, "postgresql");
        let beside = search_engine(&advice).map(str::to_string);
        (beside, advice.starter_schema.as_ref().unwrap().sql.clone())
    };
    let (beside, sql) = catalogue(&["keyword-search"]);
    assert_eq!(beside, None);
    assert!(
        sql.contains("items_search_idx ON items USING GIN (search)"),
        "{sql}"
    );
    let (beside, sql) = catalogue(&["relevance-search"]);
    assert!(beside.is_some());
    assert!(
        !sql.contains("tsvector") && !sql.contains("items_search_idx"),
        "{sql}"
    );
}

/// Review N: the record offered MySQL's FULLTEXT for "full-text search (words,
/// stemming, ranking)", and it does not stem: on MariaDB, "printers" did not find
/// "printer". Where the primary's FULLTEXT index serves word search, the advice says so.
#[test]
fn mysql_word_search_says_it_does_not_stem() {
    let kb = KnowledgeBase::embedded();
    let own = advice(
        &kb,
        &with_answers(SHOP, &[("features", "[keyword-search]")]),
    );
    assert_eq!(own.stack[0].engine.as_str(), "mysql");
    let index = own
        .indexes
        .iter()
        .find(|i| i.id.as_str() == "index-mysql-btree-fulltext")
        .expect("the FULLTEXT index");
    assert!(index.summary.contains("no stemming"), "{}", index.summary);
}
