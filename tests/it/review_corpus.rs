//! `dbadvise review` on real public schemas (`tests/review/corpus/`): what each rule finds
//! in each schema is pinned in `expected.yaml`, beside the findings judged false on
//! reading the schema, each with its reason. A detector that starts finding more or less
//! fails here with the difference; README.md's table and false-positive rate are
//! rendered from the same file and the same run, so they cannot drift either.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dbadvise::kb::KnowledgeBase;
use dbadvise::review::{self, Input, Review};
use serde::Deserialize;

const CORPUS: &str = "tests/review/corpus";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    schemas: BTreeMap<String, Schema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Schema {
    dialect: String,
    tables: usize,
    skipped: usize,
    findings: BTreeMap<String, usize>,
    #[serde(default)]
    false_positives: Vec<FalsePositive>,
}

/// A finding judged false: its rule, its line, what it is about (`table.column`), and why.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FalsePositive {
    rule: String,
    line: usize,
    at: String,
    reason: String,
}

fn expected() -> Expected {
    let path = Path::new(CORPUS).join("expected.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().to_string()
}

/// Each schema reviewed as `dbadvise review FILE` does (dialect detected), by file name.
fn reviews(kb: &KnowledgeBase) -> BTreeMap<String, Review> {
    schema_files()
        .iter()
        .map(|path| {
            let input = Input {
                shown: file_name(path),
                text: std::fs::read_to_string(path).unwrap(),
            };
            (file_name(path), review::review(kb, &[input], None))
        })
        .collect()
}

fn counts(review: &Review) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for finding in &review.findings {
        *counts.entry(finding.rule.clone()).or_insert(0) += 1;
    }
    counts
}

/// What differs between a schema's review and what `expected.yaml` says of it, one line each.
fn differences(name: &str, want: &Schema, review: &Review) -> Vec<String> {
    let mut out = Vec::new();
    let mut same = |what: &str, want: String, got: String| {
        if want != got {
            out.push(format!("{name}: {what}: expected {want}, found {got}"));
        }
    };
    same(
        "dialect",
        want.dialect.clone(),
        review.dialect.engine().into(),
    );
    same("tables", want.tables.to_string(), review.tables.to_string());
    same(
        "skipped statements",
        want.skipped.to_string(),
        review.skipped.len().to_string(),
    );
    let got = counts(review);
    let rules: std::collections::BTreeSet<&String> =
        want.findings.keys().chain(got.keys()).collect();
    for rule in rules {
        let (w, g) = (want.findings.get(rule), got.get(rule));
        same(
            &format!("findings of {rule}"),
            w.copied().unwrap_or(0).to_string(),
            g.copied().unwrap_or(0).to_string(),
        );
    }
    for fp in &want.false_positives {
        let found = review.findings.iter().any(|f| {
            f.rule == fp.rule
                && f.place.line == fp.line
                && format!("{}.{}", f.table, f.column.as_deref().unwrap_or("")) == fp.at
        });
        if !found {
            out.push(format!(
                "{name}:{}: the false positive {} on {} is no longer found (remove it from expected.yaml)",
                fp.line, fp.rule, fp.at
            ));
        }
        if fp.reason.trim().is_empty() {
            out.push(format!(
                "{name}:{}: a false positive needs its reason",
                fp.line
            ));
        }
    }
    out
}

#[test]
fn every_corpus_schema_is_pinned_and_credited() {
    let expected = expected();
    let files: Vec<String> = schema_files().iter().map(|p| file_name(p)).collect();
    let pinned: Vec<String> = expected.schemas.keys().cloned().collect();
    assert_eq!(files, pinned, "the .sql files and expected.yaml's schemas");
    assert!(files.len() >= 10, "only {} corpus schemas", files.len());
    let credits = std::fs::read_to_string(Path::new(CORPUS).join("README.md")).unwrap();
    for file in &files {
        let row = credits
            .lines()
            .find(|l| l.starts_with(&format!("| {file} |")))
            .unwrap_or_else(|| panic!("{file} has no row in the corpus README"));
        // file | source | licence | copyright holder, none of them empty.
        let cells: Vec<&str> = row
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert!(
            cells.len() == 4 && cells[1].starts_with("https://github.com/"),
            "{file}'s row names no source, licence or holder: {row}"
        );
    }
}

#[test]
fn each_rule_finds_in_each_corpus_schema_what_expected_yaml_says() {
    let kb = KnowledgeBase::embedded();
    let expected = expected();
    let reviews = reviews(&kb);
    let mut diff = Vec::new();
    for (name, want) in &expected.schemas {
        match reviews.get(name) {
            Some(review) => diff.extend(differences(name, want, review)),
            None => diff.push(format!("{name}: no such schema in {CORPUS}")),
        }
    }
    assert!(
        diff.is_empty(),
        "the corpus review drifted from {CORPUS}/expected.yaml:\n  {}\n(judge the new findings, then update expected.yaml and the README table)",
        diff.join("\n  ")
    );
}

/// README.md's table: a row per schema, a column per rule; a cell is the number of
/// findings, with the false ones named; then the false-positive rate over all.
fn readme_table(kb: &KnowledgeBase, expected: &Expected) -> String {
    // The rules that read a schema: a live database's rules find nothing in a file.
    let reads_schema = |r: &&dbadvise::kb::ReviewRule| {
        dbadvise::review::detectors::DETECTORS
            .iter()
            .any(|d| d.id == r.detects)
    };
    let rules: Vec<String> = kb
        .review_rules
        .iter()
        .filter(reads_schema)
        .map(|r| r.id.to_string())
        .collect();
    let mut out = format!("| schema | {} | findings | false |\n", rules.join(" | "));
    out.push_str(&format!(
        "| --- |{} --- | --- |\n",
        " --: |".repeat(rules.len())
    ));
    let (mut all, mut all_false) = (0, 0);
    for (name, schema) in &expected.schemas {
        let mut row = format!("| {name} |");
        for rule in &rules {
            let found = schema.findings.get(rule).copied().unwrap_or(0);
            let wrong = schema
                .false_positives
                .iter()
                .filter(|f| &f.rule == rule)
                .count();
            row.push_str(&match (found, wrong) {
                (0, _) => " · |".to_string(),
                (n, 0) => format!(" {n} |"),
                (n, w) => format!(" {n} ({w} false) |"),
            });
        }
        let total: usize = schema.findings.values().sum();
        let wrong = schema.false_positives.len();
        row.push_str(&format!(" {total} | {wrong} |\n"));
        out.push_str(&row);
        all += total;
        all_false += wrong;
    }
    let rate = if all == 0 {
        0.0
    } else {
        100.0 * all_false as f64 / all as f64
    };
    out.push_str(&format!(
        "\nFalse-positive rate: {all_false} of {all} findings ({rate:.1}%).\n"
    ));
    out
}

#[test]
fn the_readme_table_and_rate_are_the_pinned_results() {
    let kb = KnowledgeBase::embedded();
    let expected = expected();
    let table = readme_table(&kb, &expected);
    let (all, wrong) = expected.schemas.values().fold((0, 0), |(a, w), s| {
        (
            a + s.findings.values().sum::<usize>(),
            w + s.false_positives.len(),
        )
    });
    assert!(all > 0);
    assert!(
        wrong * 10 <= all,
        "the false-positive rate is over 10%: {wrong} of {all}"
    );
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(&table),
        "README.md's corpus table is not the pinned one; it should read:\n\n{table}"
    );
}
