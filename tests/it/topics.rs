//! Learn mode's pure parts (`dbadvise::topics`) on the test knowledge base: finding a
//! topic by id or title, the nearest id to a typo, search, where a topic appears, and the
//! plain text that `dbadvise explain` prints.

use crate::common::tui::fixture_kb;
use dbadvise::topics::{self, Block};

#[test]
fn a_topic_is_found_by_id_or_by_title_in_any_case() {
    let kb = fixture_kb();
    assert_eq!(
        topics::find(&kb, "acid").map(|t| t.id.as_str()),
        Some("acid")
    );
    assert_eq!(
        topics::find(&kb, "  the cap THEOREM ").map(|t| t.id.as_str()),
        Some("cap-theorem")
    );
    assert!(
        topics::find(&kb, "cap").is_none(),
        "a part of a title is a search, not a name"
    );
}

#[test]
fn a_typo_suggests_the_nearest_topic() {
    let kb = fixture_kb();
    assert_eq!(topics::nearest(&kb, "cap-theorm"), Some("cap-theorem"));
    assert_eq!(topics::nearest(&kb, "btree index"), Some("btree-index"));
    assert_eq!(topics::nearest(&kb, "kubernetes"), None);
}

#[test]
fn search_needs_every_word_and_puts_title_matches_first() {
    let kb = fixture_kb();
    let ids = |q: &str| -> Vec<String> {
        topics::search(&kb, q)
            .iter()
            .map(|t| t.id.clone())
            .collect()
    };
    // "transaction" is in ACID's title and summary, and in the CAP text only in
    // passing (or not at all): the title match comes first.
    assert_eq!(
        ids("transactions").first().map(String::as_str),
        Some("acid")
    );
    assert_eq!(ids("B-TREE sorted"), ["btree-index"]);
    assert!(ids("btree kubernetes").is_empty(), "every word must match");
    assert_eq!(
        ids("").len(),
        kb.topics.len(),
        "no words: the whole library"
    );
}

#[test]
fn the_library_is_grouped_by_area_in_the_areas_order() {
    let kb = fixture_kb();
    let areas: Vec<&str> = topics::library(&kb)
        .iter()
        .map(|t| t.area.as_str())
        .collect();
    assert_eq!(
        areas,
        ["foundations", "foundations", "modelling", "indexes"]
    );
}

#[test]
fn a_topic_knows_where_it_appears() {
    let kb = fixture_kb();
    let acid: Vec<(String, String)> = topics::appearances(&kb, "acid")
        .into_iter()
        .map(|a| (a.kind.to_string(), a.id))
        .collect();
    assert_eq!(
        acid,
        [
            ("question".to_string(), "data-kinds".to_string()),
            ("question".to_string(), "consistency".to_string())
        ]
    );
    let page = topics::page(&kb, kb.topic("relational-vs-document").unwrap());
    assert!(page.contains(&Block::Heading("Where this appears".into())));
    assert!(page
        .iter()
        .any(|b| matches!(b, Block::Link(id, _) if id == "btree-index")));
}

#[test]
fn plain_text_wraps_prose_but_keeps_code_lines_whole() {
    let kb = fixture_kb();
    let acid = kb.topic("acid").unwrap();
    let text = topics::plain_text(&kb, acid, 40);
    assert!(text.starts_with("ACID transactions\n================="));
    let code = "    UPDATE accounts SET balance = balance - 10 WHERE id = 1;";
    assert!(text.contains(code), "code is never wrapped:\n{text}");
    for line in text.lines().filter(|l| !l.starts_with("    ")) {
        assert!(line.chars().count() <= 40, "{line:?} is wider than 40");
    }
    assert!(text.contains("- The CAP theorem (dbadvise explain\n    cap-theorem)"));
    assert!(text.contains("- question `data-kinds`:"));
}
