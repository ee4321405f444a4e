//! `dbadvise review`: every review rule fires on its seeded bad schema, at the lines the
//! schema marks (`-- expect: RULE`), and stays silent on its fixed schema; every one of
//! those schemas runs on the real engine; the output formats keep their shape; the exit
//! codes say what happened; `kb check` names a broken review rule.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::engines::{MariaDb, Postgres};
use common::run::{dbadvise, failure_of, load_with, stdout_of};
use dbadvise::kb::KnowledgeBase;
use dbadvise::review::{self, Dialect, Input};
use serde_json::Value;

const FIXTURES: &str = "tests/review";

fn kb() -> KnowledgeBase {
    KnowledgeBase::embedded()
}

/// The fixture schemas of one engine's folder, sorted (not the queries beside them).
fn fixtures(engine: &str) -> Vec<PathBuf> {
    let dir = Path::new(FIXTURES).join(engine);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .filter(|p| !p.to_string_lossy().ends_with(".queries.sql"))
        .collect();
    files.sort();
    files
}

fn input(path: &Path) -> Input {
    Input {
        shown: path.display().to_string(),
        text: std::fs::read_to_string(path).unwrap(),
    }
}

/// The (rule, line) pairs a fixture marks with `-- expect: RULE`.
fn expected(text: &str) -> BTreeSet<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let rule = line.split("-- expect: ").nth(1)?;
            Some((rule.trim().to_string(), i + 1))
        })
        .collect()
}

/// The application's queries a rule's fixtures are reviewed with: `RULE.queries.sql`
/// beside `RULE.bad.sql` and `RULE.fixed.sql`, for the rules that read queries.
fn queries_of(schema: &Path) -> Option<PathBuf> {
    let name = schema.file_name()?.to_string_lossy().to_string();
    let rule = name
        .strip_suffix(".bad.sql")
        .or_else(|| name.strip_suffix(".fixed.sql"))?;
    let queries = schema.with_file_name(format!("{rule}.queries.sql"));
    queries.exists().then_some(queries)
}

fn name_is_bad(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".bad.sql")
}

fn found(review: &review::Review) -> BTreeSet<(String, usize)> {
    review
        .findings
        .iter()
        .map(|f| (f.rule.clone(), f.place.line))
        .collect()
}

const ENGINES: [(&str, Dialect); 2] = [
    ("postgresql", Dialect::PostgreSql),
    ("mysql", Dialect::MySql),
];

#[test]
fn every_rule_has_a_bad_and_a_fixed_schema_for_each_engine_it_applies_to() {
    let kb = kb();
    assert!(
        kb.review_rules.len() >= 10,
        "the rules of issue 17's first slice"
    );
    for (engine, dialect) in ENGINES {
        let applying = review::rules_for(&kb, dialect);
        // A live database's rules read statistics no file holds: tests/it/review_live.rs.
        let from_files = kb
            .review_rules
            .iter()
            .filter(|r| dbadvise::review::live::detectors::detector(&r.detects).is_none());
        for rule in from_files {
            let applies = applying.iter().any(|r| r.id == rule.id);
            for kind in ["bad", "fixed"] {
                let path = Path::new(FIXTURES)
                    .join(engine)
                    .join(format!("{}.{kind}.sql", rule.id));
                assert_eq!(
                    path.exists(),
                    applies,
                    "{}: a {kind} schema exists exactly when the rule applies to {engine}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn each_bad_schema_fires_at_the_lines_it_marks_and_each_fixed_one_is_silent() {
    let kb = kb();
    let mut checked = 0;
    for (engine, dialect) in ENGINES {
        for path in fixtures(engine) {
            let input = input(&path);
            let queries: Vec<Input> = queries_of(&path).iter().map(|q| self::input(q)).collect();
            // The dialect is detected, as it is when --dialect is not given.
            let review = review::review_with(
                &kb,
                std::slice::from_ref(&input),
                &queries,
                None,
                &mut |_| {},
            );
            assert_eq!(review.dialect, dialect, "{}: dialect", path.display());
            assert!(
                review.skipped.is_empty(),
                "{}: skipped {:?}",
                path.display(),
                review.skipped
            );
            let mut want = expected(&input.text);
            // The queries mark the lines a bad schema's rule fires at; a fixed one, none.
            if name_is_bad(&path) {
                for q in &queries {
                    want.extend(expected(&q.text));
                }
            }
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".bad.sql") {
                let rule = name.trim_end_matches(".bad.sql");
                assert!(
                    want.iter().any(|(r, _)| r == rule),
                    "{name} marks no line of its rule"
                );
            } else {
                assert!(want.is_empty(), "{name}: a fixed schema expects nothing");
            }
            assert_eq!(found(&review), want, "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} fixtures");
}

#[test]
fn a_statement_that_cannot_be_parsed_is_reported_at_its_line_and_the_rest_reviewed() {
    let path = Path::new(FIXTURES).join("unparseable.sql");
    let out = stdout_of(dbadvise().arg("review").arg(&path));
    assert!(
        out.contains("tests/review/unparseable.sql:4: sql parser error:"),
        "{out}"
    );
    assert!(out.contains("2 statements read, 1 skipped"), "{out}");
    let review = review::review(&kb(), &[input(&path)], Some(Dialect::PostgreSql));
    assert_eq!(review.skipped.len(), 1);
    assert_eq!(review.skipped[0].place.line, 4);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(found(&review), expected(&text));
}

#[test]
fn a_migrations_directory_is_read_in_name_order_as_one_schema() {
    let dir = Path::new(FIXTURES).join("migrations");
    let out = stdout_of(dbadvise().args(["review", "--format", "json"]).arg(&dir));
    let json: Value = serde_json::from_str(&out).unwrap();
    let files: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 3);
    assert!(files.windows(2).all(|w| w[0] < w[1]), "{files:?}");
    let findings = json["findings"].as_array().unwrap();
    let shown: Vec<(String, &str, u64)> = findings
        .iter()
        .map(|f| {
            let file = f["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (
                file,
                f["rule"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // The key 002 adds to 001's table counts; the index 010 makes and drops does not.
    assert_eq!(
        shown,
        [("002_add_keys.sql".to_string(), "unindexed-foreign-key", 7)]
    );
}

#[test]
fn fail_on_sets_exit_code_10_at_or_above_its_level_and_findings_alone_exit_0() {
    let pg = Path::new(FIXTURES).join("postgresql");
    let error = pg.join("float-money.bad.sql");
    let warning = pg.join("redundant-index.bad.sql");
    let note = pg.join("sequence-key.bad.sql");
    stdout_of(dbadvise().arg("review").arg(&error));
    let (code, stderr) = failure_of(
        dbadvise()
            .arg("review")
            .arg(&error)
            .args(["--fail-on", "error"]),
    );
    assert_eq!(code, 10, "{stderr}");
    assert!(stderr.contains("2 findings at error or above"), "{stderr}");
    stdout_of(
        dbadvise()
            .arg("review")
            .arg(&warning)
            .args(["--fail-on", "error"]),
    );
    let (code, _) = failure_of(
        dbadvise()
            .arg("review")
            .arg(&warning)
            .args(["--fail-on", "warning"]),
    );
    assert_eq!(code, 10);
    stdout_of(
        dbadvise()
            .arg("review")
            .arg(&note)
            .args(["--fail-on", "warning"]),
    );
    let (code, _) = failure_of(
        dbadvise()
            .arg("review")
            .arg(&note)
            .args(["--fail-on", "note"]),
    );
    assert_eq!(code, 10);
    stdout_of(
        dbadvise()
            .arg("review")
            .arg(pg.join("float-money.fixed.sql"))
            .args(["--fail-on", "note"]),
    );
}

#[test]
fn a_missing_or_empty_input_exits_11_with_its_name() {
    let (code, stderr) = failure_of(dbadvise().args(["review", "tests/review/no-such-file.sql"]));
    assert_eq!(code, 11);
    assert!(
        stderr.contains("cannot read tests/review/no-such-file.sql"),
        "{stderr}"
    );
    let empty = tempfile::tempdir().unwrap();
    let (code, stderr) = failure_of(dbadvise().arg("review").arg(empty.path()));
    assert_eq!(code, 11);
    assert!(stderr.contains("holds no .sql file"), "{stderr}");
}

#[test]
fn the_json_has_its_documented_shape() {
    let path = Path::new(FIXTURES).join("unparseable.sql");
    let out = stdout_of(dbadvise().args(["review", "--format", "json"]).arg(&path));
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["dialect"], "postgresql");
    assert_eq!(json["summary"]["statements"], 2);
    assert_eq!(json["summary"]["skipped"], 1);
    assert_eq!(json["summary"]["tables"], 2);
    assert_eq!(json["summary"]["findings"]["error"], 2);
    assert_eq!(json["skipped"][0]["line"], 4);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    let money = findings
        .iter()
        .find(|f| f["rule"] == "float-money")
        .unwrap();
    for key in [
        "severity", "file", "line", "table", "column", "title", "message", "why", "fix", "topic",
    ] {
        assert!(!money[key].is_null(), "finding lacks {key}: {money}");
    }
    assert_eq!(money["column"], "balance");
    assert_eq!(money["line"], 8);
    assert_eq!(money["topic"], "float-money");
    assert!(money["fix"].as_str().unwrap().contains("numeric(19, 4)"));
}

#[test]
fn the_sarif_log_has_the_structure_of_sarif_2_1_0() {
    let path = Path::new(FIXTURES).join("unparseable.sql");
    let out = stdout_of(dbadvise().args(["review", "--format", "sarif"]).arg(&path));
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap()
        .ends_with("sarif-schema-2.1.0.json"));
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "dbadvise");
    // The project has no public address yet: no URI that would lead nowhere.
    assert!(driver.get("informationUri").is_none());
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        review::rules_for(&kb(), Dialect::PostgreSql).len()
    );
    for rule in rules {
        for text in ["shortDescription", "fullDescription", "help"] {
            assert!(!rule[text]["text"].as_str().unwrap().is_empty(), "{rule}");
        }
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
        assert!(rule["help"]["text"]
            .as_str()
            .unwrap()
            .contains("dbadvise explain "));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id);
        assert_eq!(
            result["level"],
            rules[index]["defaultConfiguration"]["level"]
        );
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let at = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            at["artifactLocation"]["uri"],
            "tests/review/unparseable.sql"
        );
        assert!(at["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    let notes = &run["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
}

#[test]
fn kb_check_names_a_review_rule_with_an_unknown_detector_topic_or_placeholder() {
    let overlay = "review_rules:
  - id: my-money
    severity: error
    engines: [postgresql, mysqll]
    detects: float-mony
    title: Money
    says: \"{table}.{colum} is money\"
    why: \"  \"
    fix:
      postgresql: ALTER TABLE {table} ALTER COLUMN {column} TYPE numeric;
    topic: float-mony
";
    let problems = load_with(overlay).expect_err("the overlay is broken");
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let has = |needle: &str| shown.iter().any(|p| p.contains(needle));
    assert!(has("overlay.yaml:5: review rule `my-money`: unknown detector `float-mony` (did you mean `float-money`?)"), "{shown:#?}");
    assert!(has("overlay.yaml:11: review rule `my-money`: unknown topic `float-mony` (did you mean `float-money`?)"), "{shown:#?}");
    assert!(has("overlay.yaml:4: review rule `my-money`: unknown engine or engine family `mysqll` (did you mean `mysql`?)"), "{shown:#?}");
    assert!(
        has("overlay.yaml:8: review rule `my-money`: `why` is empty"),
        "{shown:#?}"
    );

    // With the detector right, its lists and placeholders are checked too.
    let overlay = overlay
        .replace("float-mony", "float-money")
        .replace("mysqll", "mysql");
    let problems = load_with(&overlay).expect_err("still broken");
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let has = |needle: &str| shown.iter().any(|p| p.contains(needle));
    assert!(
        has("unknown placeholder of detector `float-money` `colum` (did you mean `column`?)"),
        "{shown:#?}"
    );
    assert!(
        has("reads the name list `money_columns`: give it"),
        "{shown:#?}"
    );
    assert!(has("no fix for mysql"), "{shown:#?}");
}

/// A database name for a fixture file: `rv_` and its name, folded.
fn db_name(path: &Path) -> String {
    let stem = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".sql", "");
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let mut name = format!("rv_{name}");
    name.truncate(60);
    name
}

/// The seeded schemas are real: each PostgreSQL one, and the migrations in order, run
/// on PostgreSQL 15. The server must be there: this test fails without it.
#[test]
fn the_postgresql_schemas_run_on_postgresql() {
    let server = Postgres::start()
        .unwrap_or_else(|e| panic!("review schemas need {}: {e}", Postgres::ENGINE));
    let mut failures = Vec::new();
    for path in fixtures("postgresql") {
        let db = server.fresh_database(&db_name(&path)).unwrap();
        // The queries run too, on the schema they are reviewed with.
        for file in std::iter::once(path.clone()).chain(queries_of(&path)) {
            if let Err(e) = server.run_psql_file(&db, file.as_path()) {
                failures.push(format!("{}: {e}", file.display()));
            }
        }
        server.drop_database(db).unwrap();
    }
    let db = server.fresh_database("rv_migrations").unwrap();
    let mut dir: Vec<PathBuf> = std::fs::read_dir(Path::new(FIXTURES).join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dir.sort();
    for path in dir {
        if let Err(e) = server.run_psql_file(&db, path.as_path()) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    server.drop_database(db).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each MySQL schema runs on MariaDB. The server must be there: this test fails without it.
#[test]
fn the_mysql_schemas_run_on_mariadb() {
    let server =
        MariaDb::start().unwrap_or_else(|e| panic!("review schemas need {}: {e}", MariaDb::ENGINE));
    let mut failures = Vec::new();
    for path in fixtures("mysql") {
        let db = server.fresh_database(&db_name(&path)).unwrap();
        for file in std::iter::once(path.clone()).chain(queries_of(&path)) {
            if let Err(e) = server.run_mysql(&db, file.as_path()) {
                failures.push(format!("{}: {e}", file.display()));
            }
        }
        server.drop_database(&db).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rules are knowledge: a `--kb` directory changes a rule's severity and its names
/// without touching the code, and the review follows.
#[test]
fn a_kb_overlay_changes_what_a_rule_says_and_finds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("review.yaml"),
        "review_rules:
  - id: float-money
    severity: note
    names:
      money_columns: ['*_weight_*', '*_kg']
",
    )
    .unwrap();
    let bad = Path::new(FIXTURES).join("postgresql/float-money.bad.sql");
    let out = stdout_of(
        dbadvise()
            .arg("--kb")
            .arg(dir.path())
            .args(["review", "--format", "json", "--fail-on", "warning"])
            .arg(&bad),
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let shown: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["column"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(shown, [("note", "weight_kg")]);
}

#[test]
fn the_text_groups_findings_by_severity_with_place_why_fix_and_lesson() {
    let warnings = Path::new(FIXTURES).join("postgresql/redundant-index.bad.sql");
    let errors = Path::new(FIXTURES).join("postgresql/float-money.bad.sql");
    let out = stdout_of(dbadvise().arg("review").arg(&errors).arg("--format=text"));
    assert!(out.contains("\nErrors (2)\n"), "{out}");
    assert!(
        out.contains("float-money.bad.sql:4: orders.total [float-money]"),
        "{out}"
    );
    assert!(
        out.contains("    why: A float cannot hold 0.10 exactly"),
        "{out}"
    );
    assert!(
        out.contains("    fix: ALTER TABLE orders ALTER COLUMN total TYPE numeric(19, 4);"),
        "{out}"
    );
    assert!(
        out.contains("    learn: dbadvise explain float-money"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "Summary: 1 statement read, 0 skipped, 1 table; 2 errors, 0 warnings, 0 notes\n"
        ),
        "{out}"
    );
    let out = stdout_of(dbadvise().arg("review").arg(&warnings));
    assert!(out.contains("\nWarnings (2)\n"), "{out}");
    assert!(!out.contains("Errors ("), "{out}");
}

#[test]
fn the_dialect_given_decides_which_rules_apply() {
    // A PostgreSQL file read as MySQL: the PostgreSQL-only timestamp rule stays silent.
    let path = Path::new(FIXTURES).join("postgresql/timestamp-without-time-zone.bad.sql");
    let out = stdout_of(dbadvise().arg("review").arg(&path).args([
        "--dialect",
        "mysql",
        "--format",
        "json",
    ]));
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["dialect"], "mysql");
    assert_eq!(json["findings"].as_array().unwrap().len(), 0, "{out}");
    let out = stdout_of(
        dbadvise()
            .arg("review")
            .arg(&path)
            .args(["--format", "json"]),
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 2, "{out}");
}

/// The rule format's README, for people who never read Rust, names every detector.
#[test]
fn the_review_readme_documents_every_detector() {
    let readme = std::fs::read_to_string("knowledge/review/README.md").unwrap();
    for detector in dbadvise::review::detectors::all() {
        assert!(
            readme.contains(&format!("| `{}` |", detector.id)),
            "{} is not in the README",
            detector.id
        );
        for list in detector.lists {
            assert!(
                readme.contains(&format!("`{list}`")),
                "{list} is not in the README"
            );
        }
    }
}
