//! SQLite's keys and word search in its own terms: the keys decision says what its
//! starter schema does (the rowid, or random text ids), never PostgreSQL's identity
//! columns or UUID functions; its word and substring search is FTS5, and MySQL's is
//! FULLTEXT, each without the other's. On both, each B-tree index of the plan names
//! only the lookups it serves.

use dbadvise::kb::KnowledgeBase;

use dbadvise::engine::Advice;

use super::{advice, decided_words, ids, keys_decided, with_answers, SHOP};

/// A desktop app with local data searched by words: SQLite, embedded.
const NOTES: &str = "project: Notes app
answers:
  domain: A desktop notes app for one user, searched by words.
  product: none
  data-kinds: [records]
  team: no-ops
  existing: none
  deployment: embedded
  volume: small
  features: [keyword-search]
  access-patterns: [equality-high, full-text, sort]
";

#[test]
fn sqlite_keys_are_the_rowid_or_random_text_as_its_schema_makes_them() {
    let kb = KnowledgeBase::embedded();
    for exposure in ["internal", "exposed", "distributed"] {
        let advice = advice(&kb, &with_answers(NOTES, &[("id-exposure", exposure)]));
        assert_eq!(advice.primary().map(|c| c.engine.as_str()), Some("sqlite"));
        let schema = advice.starter_schema.as_ref().expect("SQLite's schema");
        // The keys decision, in SQLite's terms (the patterns it links to cover every
        // engine's form of the key, each named).
        let (keys, said) = keys_decided(&advice);
        for foreign in [
            "GENERATED",
            "IDENTITY",
            "gen_random_uuid",
            "UUIDv7",
            "SERIAL",
        ] {
            assert!(!said.contains(foreign), "{exposure}: {foreign} in {said}");
        }
        // The columns as the schema declares them, spaces between words made single.
        let keyed_by = |key: &str| {
            let wanted = format!("id {key},");
            let lines = schema
                .sql
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>());
            lines.map(|words| words.join(" ")).any(|l| l == wanted)
        };
        if exposure == "internal" {
            assert!(keys.contains(&"sqlite-rowid-ids"), "{exposure}: {keys:?}");
            assert!(said.contains("INTEGER PRIMARY KEY"), "{exposure}");
            assert!(keyed_by("INTEGER PRIMARY KEY"), "{}", schema.sql);
        } else {
            assert!(keys.contains(&"sqlite-random-ids"), "{exposure}: {keys:?}");
            assert!(said.contains("randomblob(16)"), "{exposure}");
            assert!(
                keyed_by("TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(16))))"),
                "{exposure}: the decision promises random text keys the schema lacks: {}",
                schema.sql
            );
        }
    }
}

#[test]
fn word_and_substring_search_are_fts5_in_sqlite_and_fulltext_in_mysql_each_without_the_other() {
    let kb = KnowledgeBase::embedded();
    let searched = "[equality-high, full-text, substring, sort]";
    let sqlite = advice(&kb, &with_answers(NOTES, &[("access-patterns", searched)]));
    let mysql = advice(&kb, &with_answers(SHOP, &[("access-patterns", searched)]));
    assert_eq!(sqlite.primary().map(|c| c.engine.as_str()), Some("sqlite"));
    assert_eq!(mysql.primary().map(|c| c.engine.as_str()), Some("mysql"));
    for (advice, own, other, own_words, strangers) in [
        (
            &sqlite,
            "index-sqlite-btree-fts5",
            "index-mysql-btree-fulltext",
            &["FTS5", "trigram"],
            &["MySQL", "FULLTEXT", "ngram"],
        ),
        (
            &mysql,
            "index-mysql-btree-fulltext",
            "index-sqlite-btree-fts5",
            &["FULLTEXT", "ngram"],
            &["SQLite", "FTS5", "trigram tokenizer"],
        ),
    ] {
        let got = ids(advice);
        assert!(got.contains(&own) && !got.contains(&other), "{got:?}");
        let said = decided_and_indexed(advice);
        for word in own_words {
            assert!(said.contains(word), "{word} not named in {said}");
        }
        for stranger in strangers {
            assert!(!said.contains(stranger), "{stranger} named in {said}");
        }
    }
}

/// The words of the decisions and of the index patterns: what speaks for the chosen
/// engine alone. (Other patterns name each engine's form of the same thing, and so name
/// engines not chosen.)
fn decided_and_indexed(advice: &Advice) -> String {
    let mut out = decided_words(advice);
    for p in &advice.indexes {
        out += &format!("{}\n{}\n", p.title, p.summary);
    }
    out
}

/// On the B-tree engines (MySQL, SQLite) each index of the plan names only the lookups
/// it serves, as on PostgreSQL: the equality B-tree is not said to serve a status filter
/// or a multi-column one, which a composite index serves.
#[test]
fn each_b_tree_index_of_the_plan_names_only_its_own_lookups() {
    let kb = dbadvise::kb::KnowledgeBase::embedded();
    for primary in ["mysql", "sqlite"] {
        let existing = if primary == "mysql" { "mysql" } else { "none" };
        let deployment = if primary == "mysql" {
            "self-hosted"
        } else {
            "embedded"
        };
        let text = format!(
            "project: Stock\nanswers:\n  data-kinds: [records]\n  team: small-team\n  existing: {existing}\n  existing-stays: stays\n  deployment: {deployment}\n  \
             access-patterns: [equality-high, equality-low, range, multi-column]\n"
        );
        let advice = super::advice(&kb, &text);
        assert_eq!(advice.primary().unwrap().engine, primary);
        let labels = |id: &str| -> Vec<String> {
            let p = advice
                .indexes
                .iter()
                .find(|p| p.id == id)
                .unwrap_or_else(|| panic!("{primary}: no {id}"));
            p.because.iter().map(|b| b.answer.to_string()).collect()
        };
        assert_eq!(labels("index-btree"), ["equality-high"], "{primary}");
        assert_eq!(
            labels("index-composite"),
            ["equality-low", "multi-column"],
            "{primary}"
        );
        assert_eq!(labels("index-btree-range-sort"), ["range"], "{primary}");
    }
}
