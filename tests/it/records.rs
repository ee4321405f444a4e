//! Decision records: MADR 4.0 structure, Nygard layout, ADR directories as adr-tools
//! leaves them, superseding, and every way writing one can fail.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::run::{dbadvise, failure_of, project, stdout_of};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

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

/// A record directory as adr-tools leaves it: `.adr-dir`, numbered Nygard records with
/// gaps, and one record superseded with adr-tools' spelling.
fn adr_tools_fixture(root: &Path) -> PathBuf {
    fs::write(root.join(".adr-dir"), "architecture/decisions\n").unwrap();
    let dir = root.join("architecture/decisions");
    fs::create_dir_all(&dir).unwrap();
    let record = |n: u32, title: &str, status: &str| {
        format!("# {n}. {title}\n\nDate: 2025-03-0{n}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n")
    };
    fs::write(
        dir.join("0001-record-architecture-decisions.md"),
        record(1, "Record architecture decisions", "Accepted"),
    )
    .unwrap();
    fs::write(
        dir.join("0002-use-mysql.md"),
        record(
            2,
            "Use MySQL",
            "Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)",
        ),
    )
    .unwrap();
    fs::write(
        dir.join("0003-use-postgresql.md"),
        record(
            3,
            "Use PostgreSQL",
            "Accepted\n\nSupercedes [2. Use MySQL](0002-use-mysql.md)",
        ),
    )
    .unwrap();
    fs::write(
        dir.join("0007-use-kafka.md"),
        record(7, "Use Kafka", "Accepted"),
    )
    .unwrap();
    fs::write(dir.join("README.md"), "not a record").unwrap();
    dir
}

#[test]
fn adr_new_numbers_after_the_highest_record_and_finds_the_adr_dir() {
    let root = tempfile::tempdir().unwrap();
    let dir = adr_tools_fixture(root.path());
    let sub = root.path().join("src/deep");
    fs::create_dir_all(&sub).unwrap();
    let printed = stdout_of(
        dbadvise()
            .current_dir(&sub)
            .args(["adr", "new", "--date", "2026-01-15", "--answers"])
            .arg(project("internal-tool")),
    );
    let stem = "0008-database-stack-for-equipment-booking-postgresql";
    let written = dir.join(format!("{stem}.md"));
    let beside = |ext: &str| dir.join(format!("{stem}.{ext}")).display().to_string();
    // The record first, then what it links beside it: its answers and its schema.
    assert_eq!(
        printed.lines().collect::<Vec<_>>(),
        [
            written.display().to_string(),
            beside("answers.yaml"),
            beside("schema.sql")
        ]
    );
    let md = fs::read_to_string(&written).unwrap();
    assert!(
        md.contains(&format!("[`{stem}.answers.yaml`]({stem}.answers.yaml)")),
        "{md}"
    );
    assert!(
        md.contains(&format!("[`{stem}.schema.sql`]({stem}.schema.sql)")),
        "{md}"
    );
    let schema = fs::read_to_string(beside("schema.sql")).unwrap();
    assert!(schema.contains("CREATE TABLE items ("), "{schema}");
    // The answers kept beside the record reproduce it.
    let answers = dir.join("0008-database-stack-for-equipment-booking-postgresql.answers.yaml");
    let replay = stdout_of(
        dbadvise()
            .args(["recommend", "--date", "2026-01-15", "--answers"])
            .arg(&answers),
    );
    let original = stdout_of(
        dbadvise()
            .args(["recommend", "--date", "2026-01-15", "--answers"])
            .arg(project("internal-tool")),
    );
    // The same decision; only the closing line names the answers file each was made from.
    let decision = |md: &str| md[..md.find("### Replaying this decision").unwrap()].to_string();
    assert_eq!(decision(&replay), decision(&original));
    assert!(
        replay.contains(&format!("--answers {}`", answers.display())),
        "{replay}"
    );
}

#[test]
fn adr_new_uses_the_known_directories_in_order() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("docs/adr")).unwrap();
    fs::write(root.path().join("docs/adr/0004-old.md"), "# Old\n").unwrap();
    let printed = stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    assert!(printed.contains("docs/adr/0005-"), "{printed}");

    let empty = tempfile::tempdir().unwrap();
    let printed = stdout_of(
        dbadvise()
            .current_dir(empty.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    assert!(
        printed.contains("docs/decisions/0001-"),
        "MADR's default directory: {printed}"
    );

    let explicit = empty.path().join("elsewhere");
    let printed = stdout_of(
        dbadvise()
            .current_dir(empty.path())
            .args(["adr", "new", "--dir"])
            .arg(&explicit)
            .arg("--answers")
            .arg(project("social-feed")),
    );
    assert!(printed.contains("elsewhere/0001-"), "--dir wins: {printed}");
}

#[test]
fn superseding_edits_both_records() {
    let root = tempfile::tempdir().unwrap();
    let dir = adr_tools_fixture(root.path());
    stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args([
                "adr",
                "new",
                "--style",
                "nygard",
                "--supersedes",
                "3",
                "--answers",
            ])
            .arg(project("ecommerce-catalogue")),
    );
    let old = fs::read_to_string(dir.join("0003-use-postgresql.md")).unwrap();
    let new_name = "0008-database-stack-for-online-shop-catalogue-postgresql.md";
    assert!(old.contains(&format!("## Status\n\nSuperseded by [8. Database stack for Online shop catalogue: PostgreSQL]({new_name})")), "{old}");
    assert!(
        old.contains("## Context\n\nWhy."),
        "the rest is untouched: {old}"
    );
    let new = fs::read_to_string(dir.join(new_name)).unwrap();
    assert!(
        new.contains("Supersedes [Use PostgreSQL](0003-use-postgresql.md)"),
        "{new}"
    );

    // Record 2 says "Superceded" (adr-tools' spelling): it cannot be superseded again.
    let (code, err) = failure_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--supersedes", "2", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 8);
    assert!(err.contains("already superseded"), "{err}");
    let (code, err) = failure_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--supersedes", "5", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 8);
    assert!(err.contains("no record 0005"), "{err}");
}

#[test]
fn superseding_a_madr_record_rewrites_its_front_matter() {
    let root = tempfile::tempdir().unwrap();
    let docs = root.path().join("docs/decisions");
    stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--supersedes", "1", "--answers"])
            .arg(project("payments-ledger")),
    );
    let first = fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("0001-")
                && p.extension().unwrap() == "md"
        })
        .unwrap();
    let text = fs::read_to_string(first).unwrap();
    assert!(
        text.contains(
            "status: \"superseded by [2. Database stack for Wallet ledger: PostgreSQL](0002-"
        ),
        "{text}"
    );
}

#[test]
fn templates_can_be_replaced_and_broken_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("mine.md");
    fs::write(
        &own,
        "# {{ title | md }}\nDecided on {{ date }}: {{ chosen }}.\n",
    )
    .unwrap();
    let md = stdout_of(
        dbadvise()
            .args(["recommend", "--date", "2026-01-15", "--template"])
            .arg(&own)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(
        md,
        "# Database stack for Equipment booking: PostgreSQL\nDecided on 2026-01-15: PostgreSQL.\n"
    );

    fs::write(&own, "# {{ title }}\n{% for x in %}\n").unwrap();
    let (code, err) = failure_of(
        dbadvise()
            .args(["recommend", "--template"])
            .arg(&own)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 7);
    assert!(err.contains("mine.md:2"), "{err}");
    let (code, err) = failure_of(
        dbadvise()
            .args([
                "recommend",
                "--template",
                "/no/such/template.md",
                "--answers",
            ])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 7);
    assert!(err.contains("/no/such/template.md"), "{err}");

    // A template kept in the record directory is used by `adr new`.
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("docs/decisions")).unwrap();
    fs::write(
        root.path().join("docs/decisions/dbadvise-template.md"),
        "# {{ number }} {{ title }}\n",
    )
    .unwrap();
    let printed = stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    let text = fs::read_to_string(printed.lines().next().unwrap()).unwrap();
    assert_eq!(
        text,
        "# 1 Database stack for Equipment booking: PostgreSQL\n"
    );
}

#[test]
fn records_are_never_overwritten_and_never_half_written() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("decision.md");
    fs::write(&out, "keep me").unwrap();
    let (code, _) = failure_of(
        dbadvise()
            .arg("recommend")
            .arg("-o")
            .arg(&out)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 6);
    assert_eq!(fs::read_to_string(&out).unwrap(), "keep me");

    // A file that would go beside the record is kept too, and then nothing is written:
    // the record and its companions are a set, whole or absent.
    let other = root.path().join("other.md");
    let schema = root.path().join("other.schema.sql");
    fs::write(&schema, "-- my own schema").unwrap();
    let (code, err) = failure_of(
        dbadvise()
            .arg("recommend")
            .arg("-o")
            .arg(&other)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 6);
    assert!(err.contains("other.schema.sql"), "{err}");
    assert!(!other.exists(), "no record without its companions");
    assert!(!root.path().join("other.answers.yaml").exists());
    assert_eq!(fs::read_to_string(&schema).unwrap(), "-- my own schema");

    // A broken template writes nothing at all, not even the answers file.
    let records = root.path().join("docs/decisions");
    fs::create_dir_all(&records).unwrap();
    fs::write(records.join("dbadvise-template.md"), "{% if %}").unwrap();
    let (code, _) = failure_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 7);
    assert_eq!(
        fs::read_dir(&records).unwrap().count(),
        1,
        "only the template is there"
    );
}

#[cfg(unix)]
#[test]
fn an_unwritable_directory_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let locked = root.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
    // Root ignores permissions; then a path through a file is the unwritable directory.
    let target = if fs::write(locked.join("probe"), "x").is_ok() {
        fs::write(root.path().join("a-file"), "x").unwrap();
        root.path().join("a-file/records")
    } else {
        locked.clone()
    };
    let (code, err) = failure_of(
        dbadvise()
            .args(["adr", "new", "--dir"])
            .arg(&target)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 6);
    assert!(err.contains(&target.display().to_string()), "{err}");
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
