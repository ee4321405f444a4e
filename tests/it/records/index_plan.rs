//! The index plan answers every access pattern, each row with the answers behind it:
//! a search engine's field types, and a distributed SQL engine's index kinds.

use super::*;

/// The rows of the record's index plan: (access pattern, index).
fn index_plan(answers: &str, more: &[&str]) -> Vec<(String, String)> {
    let md = stdout_of(
        dbadvise()
            .args(["recommend", "--answers", answers])
            .args(more),
    );
    let plan = md
        .split("### Index plan")
        .nth(1)
        .unwrap_or_else(|| panic!("no index plan for {answers}:\n{md}"));
    let table = plan.split("\n### ").next().unwrap();
    table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Access pattern"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            (
                cells[0].trim_start_matches("| ").to_string(),
                cells[1].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_search_engine_primary_gets_a_field_type_for_every_access_pattern() {
    // Exact matches on tickers, words and similarity, over a corpus in Elasticsearch.
    let answers = "tests/scenarios/answers/012-financial-documents-in-vpc.yaml";
    let rows = index_plan(answers, &[]);
    let index_for = |access: &str| {
        rows.iter()
            .find(|(a, _)| a.starts_with(access))
            .map(|(_, i)| i.as_str())
            .unwrap_or_else(|| panic!("no row for {access}: {rows:#?}"))
    };
    assert!(index_for("Similarity search").contains("dense\\_vector"));
    assert!(index_for("Exact match").starts_with("Keyword fields"));
    assert!(index_for("Full-text search").starts_with("Analysed text fields"));
    // Nothing of PostgreSQL's in an Elasticsearch plan.
    for (_, index) in &rows {
        assert!(
            !index.contains("B-tree") && !index.contains("GIN"),
            "{rows:#?}"
        );
    }
}

#[test]
fn each_index_row_names_only_the_access_patterns_it_serves() {
    // A ride-hailing platform on CockroachDB: equality, rare values and several columns.
    let answers = "tests/scenarios/answers/054-ride-fulfillment-global-transactions.yaml";
    let rows = index_plan(answers, &[]);
    let row = |index: &str| {
        rows.iter()
            .find(|(_, i)| i.starts_with(index))
            .map(|(a, _)| a.as_str())
            .unwrap_or_else(|| panic!("no {index} row: {rows:#?}"))
    };
    assert_eq!(
        row("Composite index"),
        "Several columns together in one filter"
    );
    assert_eq!(
        row("Partial index"),
        "Filter on a column with few values (status, is\\_active, type)"
    );
    assert!(
        !row("B-tree index").contains("Several columns"),
        "{rows:#?}"
    );
}

/// An outcome of a tree that also adds indexes (the stores beside the primary: SQLite's
/// FTS5 table) is a row of the plan only when it answers an access pattern: the folder a
/// desktop app keeps its photos in is not an index.
#[test]
fn only_outcomes_that_answer_an_access_pattern_are_index_rows() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("desktop.yaml");
    let text = "project: Field notes\nanswers:\n  domain: Geologists' samples and photos.\n  \
                product: none\n  data-kinds: [records, files]\n  team: no-ops\n  \
                existing: none\n  deployment: embedded\n  volume: small\n  \
                features: [keyword-search]\n  \
                access-patterns: [equality-high, geo, full-text]\n";
    fs::write(&answers, text).unwrap();
    let rows = index_plan(answers.to_str().unwrap(), &["--defaults"]);
    assert!(
        rows.iter().any(|(_, index)| index.contains("FTS5")),
        "{rows:#?}"
    );
    assert!(
        rows.iter().any(|(_, index)| index.contains("R\\*Tree")),
        "{rows:#?}"
    );
    assert!(
        !rows
            .iter()
            .any(|(_, index)| index.contains("Small blobs in the database")),
        "{rows:#?}"
    );
}
