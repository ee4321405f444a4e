//! `review --answers-out`: the answers a schema gives, written as an answers file that
//! `recommend` and `--resume` read, whose record names the findings that bear on the
//! decision; a file is never overwritten unasked; `kb check` names a broken review answer.

use crate::common;
use crate::common::tools::{markdownlint, tools_installed};

use std::path::Path;

use common::answers::{many, one};
use common::run::{dbadvise, failure_of, load_with, stdout_of};
use dbadvise::engine::answers::{parse_answers, to_yaml};
use dbadvise::kb::KnowledgeBase;

const INVOICING: &str = "tests/review/answers/invoicing-postgresql.sql";

/// Reviews `schema` into `dir/answers.yaml` and returns the file's text.
fn answers_out(schema: &str, dir: &Path) -> String {
    let out = dir.join("answers.yaml");
    let run = dbadvise()
        .args(["review", schema, "--answers-out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("dbadvise --resume"), "{said}");
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn a_schema_answers_what_it_shows_and_keeps_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    let text = answers_out(INVOICING, dir.path());
    let kb = KnowledgeBase::embedded();
    let answers = parse_answers(&kb, "answers.yaml", &text).unwrap();
    assert_eq!(answers.get("existing"), Some(&one("postgresql")), "{text}");
    assert_eq!(answers.get("multi-tenant"), Some(&one("shared")), "{text}");
    assert_eq!(answers.get("invariants"), Some(&many(&["money"])), "{text}");
    assert_eq!(
        answers.get("data-kinds"),
        Some(&many(&["records", "documents"])),
        "{text}"
    );
    assert_eq!(
        answers.get("features"),
        Some(&many(&["keyword-search"])),
        "{text}"
    );
    // What the schema cannot tell is left for the interview.
    for open in ["team", "peak-rate", "existing-stays", "domain"] {
        assert_eq!(answers.get(open), None, "{open} was answered:\n{text}");
    }
    // Each answer says where it came from; the money column is named, its key is not.
    assert!(text.contains("# from the review: Amounts of money in 2 columns (invoices.grand_total, invoice_lines.amount)."), "{text}");
    let reviewed = answers.reviewed.as_ref().expect("the review is kept");
    assert_eq!(
        (reviewed.engine.as_str(), reviewed.errors),
        ("postgresql", 1)
    );
    let money = &reviewed.findings[0];
    assert_eq!((money.rule.as_str(), money.count), ("float-money", 1));
    assert_eq!(money.at, ["invoices.grand_total"]);
    // Written back (as the TUI saves), the review stays.
    let again = to_yaml(&kb, &answers, &[]);
    assert_eq!(parse_answers(&kb, "again.yaml", &again).unwrap(), answers);
}

#[test]
fn the_record_names_the_findings_that_bear_on_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    answers_out(INVOICING, dir.path());
    let file = dir.path().join("answers.yaml");
    let record = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&file),
    );
    let context = record
        .split("## Context and Problem Statement")
        .nth(1)
        .and_then(|s| s.split("## Decision Drivers").next())
        .expect("a Context section");
    assert!(
        context.contains(&format!(
            "The answers start from a review of the existing schema ({}, PostgreSQL)",
            INVOICING.replace('_', "\\_")
        )),
        "{context}"
    );
    assert!(context.contains("1 error, 1 warning, 3 notes"), "{context}");
    assert!(
        context.contains("* Tenant table without row-level security (`tenant-table-without-row-security`, note): customers.tenant\\_id, invoices.tenant\\_id, invoice\\_lines.tenant\\_id."),
        "{context}"
    );
    assert!(
        context.contains(
            "* Money in a floating-point column (`float-money`, error): invoices.grand\\_total."
        ),
        "{context}"
    );
    // Without the answer it bears on, the finding is not the decision's business.
    let text = std::fs::read_to_string(&file).unwrap();
    let without = text.replace("  invariants: [money]\n", "");
    assert_ne!(without, text);
    std::fs::write(&file, without).unwrap();
    let record = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&file),
    );
    assert!(!record.contains("`float-money`"), "{record}");
    assert!(
        record.contains("(`unindexed-foreign-key`, warning)"),
        "{record}"
    );
}

#[test]
fn the_record_with_a_review_passes_markdownlint() {
    if !tools_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    answers_out(INVOICING, dir.path());
    for style in ["madr", "nygard"] {
        let name = format!("{style}.md");
        stdout_of(
            dbadvise()
                .args(["recommend", "--defaults", "--style", style, "--answers"])
                .arg(dir.path().join("answers.yaml"))
                .arg("-o")
                .arg(dir.path().join(&name)),
        );
        let written = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(written.contains("(`float-money`, error)"), "{written}");
        if let Err(findings) = markdownlint(dir.path(), &[name]) {
            panic!("{style}: {findings}");
        }
    }
}

#[test]
fn an_existing_answers_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("answers.yaml");
    std::fs::write(&out, "mine\n").unwrap();
    let (code, stderr) = failure_of(
        dbadvise()
            .args(["review", INVOICING, "--answers-out"])
            .arg(&out),
    );
    assert_eq!(code, 6, "{stderr}");
    assert!(stderr.contains("answers.yaml"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine\n");
    stdout_of(
        dbadvise()
            .args(["review", INVOICING, "--force", "--answers-out"])
            .arg(&out),
    );
    assert!(std::fs::read_to_string(&out).unwrap().contains("reviewed:"));
}

#[test]
fn plain_mode_resumes_from_the_review_and_asks_only_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    answers_out(INVOICING, dir.path());
    let out = dbadvise()
        .args(["--plain", "--resume"])
        .arg(dir.path().join("answers.yaml"))
        // What it does, and the domain left at its default.
        .write_stdin("invoicing for small firms\n\n")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("In one sentence, what does the system do?"),
        "{shown}"
    );
    assert!(
        shown.contains("Who will run the database day to day?"),
        "{shown}"
    );
    // Answered by the schema: not asked again.
    assert!(
        !shown.contains("Does one deployment serve many customer organisations"),
        "{shown}"
    );
    assert!(!shown.contains("Is there a database to keep"), "{shown}");
}

/// `kb check` on a review answer: its fact, its questions and options, its placeholders.
#[test]
fn kb_check_names_a_broken_review_answer() {
    let overlay = r#"review_answers:
  - id: wrong
    sees: json-column
    answers:
      multi-tenant: [shared, isolated]
      data-kinds: [documentz]
      featurez: [jobs]
    because: "{count} of them"
"#;
    let problems = load_with(overlay).expect_err("a broken review answer");
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let has = |needle: &str| text.iter().any(|p| p.contains(needle));
    assert!(
        has("unknown fact `json-column` (did you mean `json-columns`?)"),
        "{text:#?}"
    );
    assert!(has("`multi-tenant` takes one option, not 2"), "{text:#?}");
    assert!(has("`documentz` (did you mean `documents`?)"), "{text:#?}");
    assert!(has("`featurez` (did you mean `features`?)"), "{text:#?}");
    assert!(
        text.iter().all(|p| p.starts_with("overlay.yaml:")),
        "{text:#?}"
    );
    assert!(has("overlay.yaml:3:"), "{text:#?}");
    // A fact's placeholders are checked once the fact is known.
    let overlay = "review_answers:\n  - id: wrong\n    sees: json-columns\n    answers:\n      data-kinds: [documents]\n    because: \"{count} of them\"\n";
    let problems = load_with(overlay).expect_err("an unknown placeholder");
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter()
            .any(|p| p.contains("overlay.yaml:6:") && p.contains("`count`")),
        "{text:#?}"
    );
}

/// The knowledge README documents every fact, for people who never read Rust.
#[test]
fn the_review_readme_documents_every_fact() {
    let readme = std::fs::read_to_string("knowledge/review/README.md").unwrap();
    for fact in dbadvise::review::seen::FACTS {
        assert!(
            readme.contains(&format!("| `{}` |", fact.id)),
            "{} is not in the README",
            fact.id
        );
    }
}

/// The queries given answer how columns are searched.
#[test]
fn the_queries_given_answer_how_columns_are_searched() {
    let dir = tempfile::tempdir().unwrap();
    let queries = dir.path().join("queries.sql");
    std::fs::write(
        &queries,
        "SELECT id FROM customers WHERE name ILIKE '%' || 'acme' || '%';\n\
         SELECT id FROM customers c WHERE c.settings ->> 'plan' = 'pro';\n",
    )
    .unwrap();
    let out = dir.path().join("answers.yaml");
    let text = stdout_of(
        dbadvise()
            .args(["review", INVOICING, "--queries"])
            .arg(&queries)
            .arg("--answers-out")
            .arg(&out),
    );
    assert!(
        text.contains("[substring-search-without-trigram]"),
        "{text}"
    );
    assert!(
        text.contains("customers.settings [unindexed-json-key-filter]"),
        "{text}"
    );
    let written = std::fs::read_to_string(&out).unwrap();
    let answers = parse_answers(&KnowledgeBase::embedded(), "answers.yaml", &written).unwrap();
    assert_eq!(
        answers.get("access-patterns"),
        Some(&many(&[
            "equality-high",
            "full-text",
            "substring",
            "json-containment"
        ])),
        "{written}"
    );
    assert!(
        written.contains("# from the review: The queries search 1 column for words inside them (customers.\"name\")."),
        "{written}"
    );
}

/// A rule's `why` is the same for every finding: a placeholder there would be shown raw.
#[test]
fn kb_check_names_a_placeholder_in_a_rules_why() {
    let overlay = "review_rules:\n  - id: float-money\n    why: \"{column} drifts by cents.\"\n";
    let problems = load_with(overlay).expect_err("a placeholder in why");
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter()
            .any(|p| p.contains("review rule `float-money`")
                && p.contains("`{column}` is never filled")),
        "{text:#?}"
    );
}
