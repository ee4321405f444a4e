//! The records of the example projects, checked by real tools instead of by eye:
//! markdownlint (markdownlint-cli2, rules in `tests/tools/.markdownlint-cli2.jsonc`) lints
//! every one, and mermaid's own parser (`tests/tools/mermaid-er.mjs`) reads each record's
//! `erDiagram`, which must show every table and foreign key of the starter schema written
//! beside the record, as sqlparser reads that schema.
//!
//! The tools are npm packages pinned by `tests/tools/package-lock.json`, installed by
//! `npm ci --prefix tests/tools` (`.ci/run` does it). Without them, or without Node.js,
//! the tests print SKIPPED, unless `DBADVISE_REQUIRE_ENGINES=1`, where they fail.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::thread;

use serde::Deserialize;

use common::diagram::check_diagram;
use common::sql_schema::read_schema;
use common::tools::{markdownlint, parse_diagrams, tools_installed};

const BIN: &str = env!("CARGO_BIN_EXE_dbadvise");

/// The starter schema `recommend --format json` reports for a project.
#[derive(Deserialize)]
struct Starter {
    name: String,
    dialect: String,
    sql: String,
}

struct Record {
    name: String,
    md: PathBuf,
    /// Where the schema file belongs: `NAME.schema.sql` beside the record.
    schema_file: PathBuf,
    starter: Option<Starter>,
}

fn dbadvise(args: &[&str]) -> Vec<u8> {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("dbadvise runs");
    assert!(
        out.status.success(),
        "dbadvise {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// One project's record, written by `recommend -o` into `dir`.
fn write_record(dir: &Path, file: &Path) -> Record {
    let name = file.file_stem().unwrap().to_string_lossy().to_string();
    let answers = file.to_str().unwrap();
    let md = dir.join(format!("{name}.md"));
    let recommend = ["recommend", "--answers", answers, "--defaults"];
    dbadvise(&[&recommend[..], &["-o", md.to_str().unwrap()]].concat());
    let json: serde_json::Value =
        serde_json::from_slice(&dbadvise(&[&recommend[..], &["--format", "json"]].concat()))
            .expect("recommend --format json prints JSON");
    let starter = serde_json::from_value(json["starter_schema"].clone())
        .expect("starter_schema is null or {name, dialect, sql, …}");
    Record {
        schema_file: dir.join(format!("{name}.schema.sql")),
        name,
        md,
        starter,
    }
}

/// Every example project's record, in name order, written once for the tests of this
/// file (side by side: each run of the debug binary takes a second) into a directory of
/// the target dir's tmp/, emptied first.
fn records() -> &'static [Record] {
    static RECORDS: OnceLock<Vec<Record>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("record_lint");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let projects = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/projects");
        let mut answers: Vec<PathBuf> = fs::read_dir(&projects)
            .expect("tests/projects")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        answers.sort();
        assert!(!answers.is_empty(), "no example projects");
        thread::scope(|scope| {
            let running: Vec<_> = answers
                .iter()
                .map(|file| scope.spawn(|| write_record(&dir, file)))
                .collect();
            running.into_iter().map(|r| r.join().unwrap()).collect()
        })
    })
}

/// The directory the records are in.
fn records_dir() -> &'static Path {
    records()[0].md.parent().unwrap()
}

// --- markdownlint ------------------------------------------------------------------

#[test]
fn every_example_record_passes_markdownlint() {
    if !tools_installed() {
        return;
    }
    let files: Vec<String> = records().iter().map(|r| format!("{}.md", r.name)).collect();
    match markdownlint(records_dir(), &files) {
        Ok(output) => assert!(
            output.contains(&format!("Linting: {} file(s)", files.len())),
            "markdownlint did not lint every record:\n{output}"
        ),
        Err(output) => panic!("markdownlint finds fault with the example records:\n{output}"),
    }
}

/// The linter and its rules are really at work: a record with faults fails, the fault
/// named, even when it switches the rules off for itself; a long line does not.
#[test]
fn markdownlint_reports_a_faulty_record() {
    if !tools_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let long = "word ".repeat(60).trim_end().to_string();
    let faulty = format!(
        "<!-- markdownlint-disable -->\n# Title\n\n### Skips a level\n\n{long}\n\n\
         <details><summary>Raw HTML</summary>\n\nhidden\n\n</details>\n"
    );
    fs::write(dir.path().join("faulty.md"), faulty).unwrap();
    fs::write(
        dir.path().join("clean.md"),
        format!("# Title\n\n## Section\n\n{long}\n"),
    )
    .unwrap();
    let output = markdownlint(dir.path(), &["faulty.md".into()]).unwrap_err();
    for rule in ["MD001/heading-increment", "MD033/no-inline-html"] {
        assert!(output.contains(rule), "{rule} not reported:\n{output}");
    }
    assert!(
        !output.contains("MD013"),
        "line length is not checked:\n{output}"
    );
    markdownlint(dir.path(), &["clean.md".into()]).expect("a clean file passes");
}

// --- the diagram -------------------------------------------------------------------

#[test]
fn every_example_diagram_parses_and_shows_its_schema() {
    if !tools_installed() {
        return;
    }
    let records = records();
    let files: Vec<PathBuf> = records.iter().map(|r| r.md.clone()).collect();
    let parsed = parse_diagrams(&files);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (record, parsed) in records.iter().zip(&parsed) {
        let name = &record.name;
        assert_eq!(Path::new(&parsed.file), record.md, "results in file order");
        let Some(starter) = &record.starter else {
            if !parsed.diagrams.is_empty() {
                failures.push(format!(
                    "{name}.md: has a mermaid block, but the project has no starter schema"
                ));
            }
            continue;
        };
        let mut problems = Vec::new();
        // The schema beside the record is the one drawn; without it, the one recommend
        // reports, so the diagram is still checked.
        let sql = fs::read_to_string(&record.schema_file).unwrap_or_else(|_| {
            problems.push(format!(
                "{name}.schema.sql was not written beside {name}.md (the project has a {} \
                 starter schema)",
                starter.name
            ));
            starter.sql.clone()
        });
        let schema = match read_schema(&starter.dialect, &sql) {
            Ok(schema) => schema,
            Err(e) => {
                failures.push(format!("{name}.schema.sql: {e}"));
                continue;
            }
        };
        checked += 1;
        problems.extend(check_diagram(
            &format!("{name}.md"),
            &parsed.diagrams,
            &schema,
        ));
        if !problems.is_empty() {
            failures.push(format!(
                "{name}.md:\n  {}{}",
                problems.join("\n  "),
                schema.skipped_note()
            ));
        }
    }
    assert!(checked > 0, "no example project has a starter schema");
    assert!(
        failures.is_empty(),
        "the records' diagrams, as mermaid parsed them, against their schemas:\n{}",
        failures.join("\n")
    );
}

/// A small schema with every kind of foreign key, a partition and a statement sqlparser
/// does not read.
const FIXTURE_SQL: &str = "
CREATE TABLE users (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE items (
  id BIGINT PRIMARY KEY,
  owner_id BIGINT NOT NULL REFERENCES users (id),
  reviewer_id BIGINT
);
CREATE TABLE events (
  id BIGINT,
  item_id BIGINT NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (id, occurred_at),
  FOREIGN KEY (item_id) REFERENCES items (id)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE events_default PARTITION OF events DEFAULT;
REINDEX (VERBOSE) TABLE CONCURRENTLY events;
ALTER TABLE items ADD CONSTRAINT items_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);
";

/// The diagram of `FIXTURE_SQL`, as a record would draw it.
const FIXTURE_DIAGRAM: &str = r#"erDiagram
    users {
        BIGINT id PK
    }
    items {
        BIGINT id PK
        BIGINT owner_id FK
        BIGINT reviewer_id FK
    }
    events {
        BIGINT id PK
        BIGINT item_id FK
        TIMESTAMPTZ occurred_at PK
    }
    users ||--o{ items : "owner_id"
    users |o--o{ items : "reviewer_id"
    items ||--o{ events : "item_id"
"#;

#[test]
fn the_schema_reader_finds_every_table_and_foreign_key() {
    let schema = read_schema("postgresql", FIXTURE_SQL).unwrap();
    let tables: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tables, ["users", "items", "events"]);
    assert_eq!(schema.tables[2].primary_key, ["id", "occurred_at"]);
    assert_eq!(schema.partitions, ["events_default"]);
    let keys: Vec<String> = schema.foreign_keys.iter().map(|k| k.to_string()).collect();
    assert_eq!(
        keys,
        [
            "items (owner_id) → users",
            "events (item_id) → items",
            "items (reviewer_id) → users"
        ]
    );
    assert_eq!(schema.skipped.len(), 1, "{:?}", schema.skipped);
    assert!(
        schema.skipped[0].contains("REINDEX"),
        "{:?}",
        schema.skipped
    );
    // A statement it cannot read may not hide a table or a key.
    for hidden in [
        "CREATE TABLE t (id INT) WITH NONSENSE (;",
        "ALTER TABLE t ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES u (id) NONSENSE;",
    ] {
        let err = read_schema("postgresql", &format!("{FIXTURE_SQL}\n{hidden}")).unwrap_err();
        assert!(err.contains("line 19"), "the statement is named: {err}");
    }
}

/// The diagram check passes a faithful diagram and reports each way one can break: a
/// syntax error, a missing table, a key drawn backwards, no diagram at all.
#[test]
fn the_diagram_check_reports_a_broken_diagram_and_a_missing_table() {
    if !tools_installed() {
        return;
    }
    let schema = read_schema("postgresql", FIXTURE_SQL).unwrap();
    let missing_events = FIXTURE_DIAGRAM
        .replace(
            "    events {\n        BIGINT id PK\n        BIGINT item_id FK\n        \
             TIMESTAMPTZ occurred_at PK\n    }\n",
            "",
        )
        .replace("    items ||--o{ events : \"item_id\"\n", "");
    assert!(!missing_events.contains("events"), "{missing_events}");
    let cases = [
        ("faithful", FIXTURE_DIAGRAM.to_string(), vec![]),
        (
            "syntax-error",
            FIXTURE_DIAGRAM.replace("users ||--o{ items", "users ||--o{ "),
            vec!["does not parse", "Parse error"],
        ),
        (
            "missing-table",
            missing_events,
            vec!["table events has no entity", "events (item_id) → items"],
        ),
        (
            "backwards",
            FIXTURE_DIAGRAM.replace("users ||--o{ items", "users }o--|| items"),
            vec!["owner_id", "many"],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, diagram, _) in &cases {
        let path = dir.path().join(format!("{name}.md"));
        fs::write(&path, format!("# {name}\n\n```mermaid\n{diagram}\n```\n")).unwrap();
        files.push(path);
    }
    let none = dir.path().join("none.md");
    fs::write(&none, "# No diagram\n\n```sql\nSELECT 1;\n```\n").unwrap();
    files.push(none);
    let parsed = parse_diagrams(&files);
    for ((name, _, expected), parsed) in cases.iter().zip(&parsed) {
        let problems = check_diagram(&format!("{name}.md"), &parsed.diagrams, &schema);
        let text = problems.join("\n");
        if expected.is_empty() {
            assert!(problems.is_empty(), "{name}: {text}");
        }
        for needle in expected {
            assert!(text.contains(needle), "{name}: `{needle}` not in:\n{text}");
        }
    }
    let problems = check_diagram("none.md", &parsed[4].diagrams, &schema);
    assert_eq!(problems, ["no mermaid erDiagram block in none.md"]);
}
