//! Decision records: MADR 4.0 structure, Nygard layout, ADR directories as adr-tools
//! leaves them, superseding, and every way writing one can fail.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::run::{dbadvise, failure_of, project, stdout_of};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

mod adr_dir;
mod confirmation;
mod drivers;
mod index_plan;
mod options;
mod patterns;
mod proposal;
mod writing;

fn record_of(name: &str) -> String {
    stdout_of(
        dbadvise()
            .args(["recommend", "--date", "2026-01-15", "--answers"])
            .arg(project(name)),
    )
}

/// (level, text) of every heading, in order.
fn headings(markdown: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut current: Option<(u8, String)> = None;
    for event in Parser::new_ext(
        markdown,
        pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
    ) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let n = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                current = Some((n, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

const MADR_SECTIONS: [&str; 7] = [
    "Context and Problem Statement",
    "Decision Drivers",
    "Considered Options",
    "Decision Outcome",
    "Pros and Cons of the Options",
    "More Information",
    "",
];

#[test]
fn every_example_record_has_the_madr_headings_in_order() {
    for name in [
        "ecommerce-catalogue",
        "social-feed",
        "multi-tenant-saas",
        "timeseries-metrics",
        "chat-app",
    ] {
        let md = record_of(name);
        assert!(
            md.starts_with("---\nstatus: proposed\ndate: 2026-01-15\n"),
            "{name}: front matter\n{md}"
        );
        let hs = headings(&md);
        assert_eq!(
            hs.iter().filter(|(l, _)| *l == 1).count(),
            1,
            "{name}: one title"
        );
        let h2: Vec<&str> = hs
            .iter()
            .filter(|(l, _)| *l == 2)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(h2, MADR_SECTIONS[..6], "{name}");
        let h3: Vec<&str> = hs
            .iter()
            .filter(|(l, _)| *l == 3)
            .map(|(_, t)| t.as_str())
            .collect();
        let at = |t: &str| {
            h3.iter()
                .position(|h| *h == t)
                .unwrap_or_else(|| panic!("{name}: no ### {t}"))
        };
        assert!(at("Consequences") < at("Confirmation"));
        assert!(md.contains("Chosen option: \""), "{name}");
        assert!(
            md.contains("* Good, because ") && md.contains("* Bad, because "),
            "{name}"
        );
        assert!(
            !md.contains("{{") && !md.contains("{%"),
            "{name}: template syntax leaked"
        );
    }
}

#[test]
fn the_record_is_filled_from_the_decision_not_placeholders() {
    let md = record_of("ecommerce-catalogue");
    assert!(
        md.contains("# Database stack for Online shop catalogue: PostgreSQL"),
        "{md}"
    );
    assert!(md.contains("Chosen option: \"PostgreSQL\", because "));
    // Considered options are the engines ranked against the choice, each with its own section.
    let hs = headings(&md);
    let options: Vec<&str> = hs
        .iter()
        .filter(|(l, _)| *l == 3)
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(options.contains(&"PostgreSQL (chosen)"), "{options:?}");
    assert!(
        options.iter().any(|o| o.starts_with("MySQL")),
        "{options:?}"
    );
    // The context is the workload in sentences, from the answers.
    assert!(
        md.contains("The system keeps business records that refer to each other."),
        "{md}"
    );
    // The drivers are numbered, and the stack table refers to them by number.
    assert!(
        md.contains("\n1. What does the system keep: Business records"),
        "{md}"
    );
    assert!(md.contains("| primary | PostgreSQL | "), "{md}");
    // More Information carries the index plan, the schema as a diagram (the SQL goes
    // into a file beside a written record) and the replayable answers.
    // Confirmation says the load the stack must hold, in the answers' terms.
    assert!(
        md.contains("holding the peak you expect (thousands a second)"),
        "{md}"
    );
    assert!(md.contains("### Index plan\n\n| Access pattern | Index | Why |"));
    assert!(md.contains("```mermaid\nerDiagram\n"), "{md}");
    assert!(!md.contains("```sql"), "{md}");
    assert!(!md.contains("<details>"), "{md}");
    // Printed, the record names the answers file it was made from to replay it, with
    // --defaults when the file left questions to their defaults.
    let given = project("ecommerce-catalogue").display().to_string();
    assert!(
        md.contains(&format!("`dbadvise recommend --answers {given}")),
        "{md}"
    );
}

/// A few hundred requests a second are held by one server of any engine: an internal
/// tool's record asks for no load test, where a busy shop's does (above).
#[test]
fn a_few_hundred_requests_a_second_need_no_load_test() {
    let md = record_of("internal-tool");
    assert!(md.contains("### Confirmation"), "{md}");
    assert!(!md.contains("A load test"), "{md}");
}

/// `confirm: false` is refused where there is no check to leave out.
#[test]
fn kb_check_refuses_an_option_that_leaves_out_a_check_its_question_lacks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.yaml"),
        "\
questions:
  - id: budget
    section: Platform
    prompt: What may the database cost a month?
    help: The budget decides between a managed service and a server of our own.
    kind: one
    options:
      - {id: small, label: Under 100 dollars, confirm: false, weights: {operating-cost: 2}}
      - {id: large, label: More}
",
    )
    .unwrap();
    let out = dbadvise()
        .args(["kb", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("question `budget`, option `small`: `confirm: false` leaves out a check"),
        "{err}"
    );
}

#[test]
fn nygard_style_is_the_classic_adr_tools_layout() {
    let md = stdout_of(
        dbadvise()
            .args([
                "recommend",
                "--style",
                "nygard",
                "--status",
                "accepted",
                "--date",
                "2026-01-15",
                "--answers",
            ])
            .arg(project("social-feed")),
    );
    let h2: Vec<String> = headings(&md)
        .into_iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(h2, ["Status", "Context", "Decision", "Consequences"]);
    assert!(md.contains("Date: 2026-01-15"));
    assert!(md.contains("## Status\n\nAccepted"));
    assert!(md.contains("We will use MongoDB"));
}

#[test]
fn user_text_cannot_break_the_markdown_or_inject_html() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("evil.yaml");
    let text = fs::read_to_string(project("internal-tool"))
        .unwrap()
        .replace(
            "project: Equipment booking",
            "project: \"<script>alert(1)</script> *x* [y](z) | \\n## Injected\"",
        );
    fs::write(&answers, text).unwrap();
    let md = stdout_of(
        dbadvise()
            .args([
                "recommend",
                "--decider",
                "Eve <eve@example.com>",
                "--decider",
                "x\"\nstatus: accepted",
                "--answers",
            ])
            .arg(&answers),
    );
    // The replay answers sit in a fenced YAML block, where the text is code, not HTML.
    let prose = outside_code_blocks(&md);
    assert!(!prose.contains("<script>"), "{md}");
    assert!(prose.contains("&lt;script&gt;"));
    assert!(
        !headings(&md).iter().any(|(_, t)| t == "Injected"),
        "a heading was injected"
    );
    assert_eq!(
        md.matches("\nstatus: ").count(),
        1,
        "the front matter cannot gain fields: {md}"
    );
}

#[test]
fn split_writes_one_linked_record_per_decision() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("records");
    let listed = stdout_of(
        dbadvise()
            .args(["recommend", "--split", "--date", "2026-01-15", "-o"])
            .arg(&out)
            .arg("--answers")
            .arg(project("ecommerce-catalogue")),
    );
    let mut files: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(listed.lines().count(), files.len());
    // Beside the records, named after the first: its answers and its starter schema.
    let (records, beside): (Vec<String>, Vec<String>) =
        files.into_iter().partition(|f| f.ends_with(".md"));
    let files = records;
    assert!(files.len() >= 6, "one record per decision: {files:?}");
    assert!(files[0].starts_with("0001-primary-store"), "{files:?}");
    let stem = files[0].trim_end_matches(".md");
    assert_eq!(
        beside,
        [format!("{stem}.answers.yaml"), format!("{stem}.schema.sql")]
    );
    for f in &files {
        let md = fs::read_to_string(out.join(f)).unwrap();
        let h2: Vec<String> = headings(&md)
            .into_iter()
            .filter(|(l, _)| *l == 2)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(h2, MADR_SECTIONS[..6], "{f}");
        for other in files.iter().filter(|o| *o != f) {
            assert!(
                md.contains(&format!("]({other})")),
                "{f} does not link to {other}"
            );
        }
    }
    let (code, err) = failure_of(
        dbadvise()
            .args(["recommend", "--split", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 2);
    assert!(err.contains("-o DIR"), "{err}");
}

#[test]
fn record_snapshots_of_the_seed_examples() {
    for name in [
        "ecommerce-catalogue",
        "social-feed",
        "multi-tenant-saas",
        "timeseries-metrics",
    ] {
        // Run from the repository with a relative path, as a user would, so the record's
        // replay line is the same on every machine.
        let md = stdout_of(
            dbadvise()
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["recommend", "--date", "2026-01-15", "--answers"])
                .arg(format!("tests/projects/{name}.yaml")),
        );
        insta::assert_snapshot!(format!("madr-{name}"), md);
    }
}

/// The Markdown with its fenced code blocks removed.
fn outside_code_blocks(md: &str) -> String {
    let mut in_fence = false;
    md.lines()
        .filter(|line| {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
                return false;
            }
            !in_fence
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn confirmation_reads_plans_in_the_primary_engines_own_terms() {
    let confirmation = |name: &str| {
        let record = record_of(name);
        let line = record
            .lines()
            .find(|l| l.contains("the queries behind each planned index"))
            .unwrap_or_else(|| panic!("{name}: no plan check in the Confirmation"))
            .to_string();
        line
    };
    let postgres = confirmation("ecommerce-catalogue");
    assert!(
        postgres.contains("EXPLAIN (ANALYZE, BUFFERS)"),
        "{postgres}"
    );
    let mysql = confirmation("mysql-shop");
    assert!(mysql.contains("Run EXPLAIN ANALYZE"), "{mysql}");
    assert!(
        !mysql.contains("BUFFERS"),
        "a PostgreSQL option for MySQL: {mysql}"
    );
}

#[test]
fn the_appendix_holds_every_pattern_and_snippet_and_is_no_record_of_its_own() {
    let root = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        stdout_of(
            dbadvise()
                .current_dir(root.path())
                .args(["adr", "new", "--defaults", "--answers"])
                .arg(project("ecommerce-catalogue"))
                .args(extra),
        )
    };
    let printed = run(&["--appendix"]);
    let files: Vec<&str> = printed.lines().collect();
    assert_eq!(
        files.len(),
        4,
        "record, answers, schema, appendix: {printed}"
    );
    let record = fs::read_to_string(files[0]).unwrap();
    let appendix_path = files[3];
    assert!(appendix_path.ends_with(".appendix.md"), "{appendix_path}");
    let name = Path::new(appendix_path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        record.contains(&format!("[the appendix]({name})")),
        "{record}"
    );
    let appendix = fs::read_to_string(appendix_path).unwrap();
    // Every pattern the advice applies is there, and the snippets the record leaves out.
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--format", "json", "--answers"])
            .arg(project("ecommerce-catalogue")),
    ))
    .unwrap();
    for p in json["patterns"].as_array().unwrap() {
        let title = p["title"].as_str().unwrap();
        let shown = dbadvise::report::escape_inline(title);
        assert!(
            appendix.contains(&shown),
            "{title} missing from the appendix"
        );
    }
    assert!(appendix.contains("```sql\n"), "{appendix}");
    assert!(
        !record.contains("```sql"),
        "snippets stay out of the record"
    );
    // The next record is numbered after the record, not after its appendix.
    let second = run(&[]);
    assert!(
        second.lines().next().unwrap().contains("/0002-"),
        "{second}"
    );
}

#[test]
fn a_printed_record_replays_with_defaults_when_its_file_needed_them() {
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join("partial.yaml");
    let full = fs::read_to_string(project("internal-tool")).unwrap();
    // Without its peak rate, the file needs --defaults to be decided.
    let text: String = full
        .lines()
        .filter(|l| !l.trim_start().starts_with("peak-rate:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&partial, text).unwrap();
    let md = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&partial),
    );
    assert!(
        md.contains(&format!(
            "`dbadvise recommend --answers {} --defaults`",
            partial.display()
        )),
        "{md}"
    );
    let (code, _) = failure_of(dbadvise().args(["recommend", "--answers"]).arg(&partial));
    assert_eq!(code, 5, "the file alone leaves a question open");
}

/// A need no engine can serve under the other requirements is named in the stack table,
/// not dropped: an app-embedded database gets no search cluster beside it.
#[test]
fn key_advice_for_an_in_memory_store_is_no_caching_plan_beside_no_cache() {
    // Rate-limit counters in Redis beside MySQL, with no cache: the TTLs and key names
    // are about the counters' store, and the record heads them so.
    let counters = stdout_of(dbadvise().args([
        "recommend",
        "--answers",
        "tests/scenarios/answers/003-api-rate-limit-counters.yaml",
    ]));
    assert!(
        counters.contains("| Caching | No cache yet |"),
        "{counters}"
    );
    assert!(
        counters.contains("### Keys in the in-memory store"),
        "{counters}"
    );
    assert!(!counters.contains("### Caching plan"), "{counters}");
    // With a cache in the stack, it is the caching plan.
    let cached = stdout_of(dbadvise().args([
        "recommend",
        "--answers",
        "tests/scenarios/answers/032-photo-owner-mapping-redis.yaml",
    ]));
    assert!(cached.contains("### Caching plan"), "{cached}");
}

#[test]
fn a_need_no_engine_serves_is_said_in_the_stack_table() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("desktop.yaml");
    std::fs::write(
        &answers,
        "answers:\n  data-kinds: [records]\n  deployment: embedded\n  \
         features: [jobs, relevance-search]\n",
    )
    .unwrap();
    let md = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&answers),
    );
    assert!(
        md.contains("| search | none | Unmet: relevance-tuned search; no engine that meets the other requirements serves it. |"),
        "{md}"
    );
    // The jobs stay in the application's own file, with its own idiom.
    assert!(md.contains("| queue | SQLite |"), "{md}");
    assert!(
        !md.contains("Redis"),
        "a server beside an embedded database:\n{md}"
    );
}
