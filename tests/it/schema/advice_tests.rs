//! The starter schema against the advice: column types, the index statements the access
//! patterns ask for, what `kb check` and `recommend` say of it.

use super::*;

/// The type of a column in a CREATE TABLE of the script: what follows its name, on its
/// line (comments skipped).
pub(super) fn column_type(sql: &str, table: &str, column: &str) -> Option<String> {
    let start = sql.find(&format!("CREATE TABLE {table} ("))?;
    sql[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with(')'))
        .map(str::trim)
        .filter(|l| !l.starts_with("--"))
        .find_map(|l| {
            let (name, rest) = l.split_once(char::is_whitespace)?;
            (name == column).then(|| rest.trim().trim_end_matches(',').to_string())
        })
}

/// The CREATE INDEX statements (and index entries) of a schema.
pub(super) fn index_statements(sql: &str) -> BTreeSet<String> {
    sql.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("CREATE INDEX") || l.starts_with("CREATE UNIQUE INDEX"))
        .map(str::to_string)
        .collect()
}

#[test]
fn access_patterns_change_the_index_statements() {
    let base = index_statements(
        &schema_of(
            "equality-high only",
            &with(
                project("multi-tenant-saas"),
                &[("access-patterns", &["equality-high"]), ("features", &[])],
            ),
        )
        .sql,
    );
    assert!(
        base.contains("CREATE UNIQUE INDEX users_email_key ON users (tenant_id, email);"),
        "{base:#?}"
    );
    assert!(base.contains("CREATE INDEX items_owner_idx ON items (tenant_id, owner_id);"));
    for (pattern, index, _) in PATTERN_INDEXES {
        let c = case(&format!("multi-tenant-saas-{pattern}"));
        let indexes = index_statements(&c.schema.sql);
        let added: Vec<&String> = indexes.difference(&base).collect();
        assert!(
            added.iter().any(|s| s.contains(index)),
            "{pattern}: adds {added:?}, expected {index}"
        );
        // Nothing else moves but what the pattern replaces.
        let removed: Vec<&String> = base.difference(&indexes).collect();
        let replaced: &[&str] = match *pattern {
            "case-insensitive" => &["users_email_key"],
            "multi-column" => &["items_owner_idx"],
            _ => &[],
        };
        assert_eq!(
            removed.len(),
            replaced.len(),
            "{pattern}: removes {removed:?}"
        );
        for r in replaced {
            assert!(
                removed.iter().any(|s| s.contains(r)),
                "{pattern}: keeps {r}"
            );
        }
    }
    // The same answers on MySQL: a composite in leftmost-prefix order.
    let mysql = schema_of(
        "mysql multi-column",
        &with(
            project("mysql-shop"),
            &[("access-patterns", &["multi-column"])],
        ),
    );
    assert!(mysql
        .sql
        .contains("KEY items_owner_status_idx (owner_id, status, created_at)"));
    assert!(!mysql.sql.contains("KEY items_owner_idx"));
    assert_check(pg(), "indexes");
}

/// The schema says what the advice says: each tailoring appears exactly when the
/// decision trees recommend the pattern behind it.
#[test]
fn the_schema_and_the_advice_agree() {
    let mut wrong = Vec::new();
    for c in cases().iter().filter(|c| c.schema.dialect == "postgresql") {
        let advised = |id: &str| {
            c.advice
                .indexes
                .iter()
                .chain(&c.advice.patterns)
                .any(|p| p.id == id)
        };
        let sql = &c.schema.sql;
        let pairs: &[(&str, bool)] = &[
            ("index-gin-tsvector", sql.contains("USING GIN (search)")),
            (
                "schema-multi-tenant-rls",
                sql.contains("ROW LEVEL SECURITY"),
            ),
            ("types-money-numeric", sql.contains("NUMERIC(19,4)")),
            ("keys-uuid", sql.contains("gen_random_uuid()")),
            (
                "keys-bigint-identity",
                sql.contains("GENERATED ALWAYS AS IDENTITY"),
            ),
            ("index-gin-jsonb", sql.contains("jsonb_path_ops")),
            ("index-gin-trgm", sql.contains("gin_trgm_ops")),
            ("index-brin", sql.contains("USING BRIN")),
            ("index-gist-postgis", sql.contains("USING GIST (location)")),
            ("index-hnsw-pgvector", sql.contains("USING hnsw")),
            ("index-partial", sql.contains("WHERE status = 'pending'")),
            ("index-covering", sql.contains("INCLUDE (")),
            ("index-composite", sql.contains("items_owner_status_idx")),
            ("index-btree-range-sort", sql.contains("items_created_idx")),
            ("index-expression", sql.contains("lower(email)")),
            ("timeseries-hypertable", sql.contains("create_hypertable")),
            (
                "partitioning-range",
                sql.contains("PARTITION BY RANGE") || sql.contains("create_hypertable"),
            ),
        ];
        for (pattern, in_schema) in pairs {
            if advised(pattern) != *in_schema {
                wrong.push(format!(
                    "{}: advice {} {pattern}, schema {}",
                    c.name,
                    if advised(pattern) { "has" } else { "lacks" },
                    if *in_schema { "has it" } else { "lacks it" }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn kb_check_reports_broken_schema_parts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schema.yaml"),
        "schemas:\n  - id: broken\n    engines: [postgresq]\n    dialect: postgresql\n    parts:\n\
         \x20     - table: t\n        columns:\n          - {name: id, type: \"{keyy} PRIMARY KEY\"}\n\
         \x20         - name: price\n            type: NUMERIC(19,4)\n            when: {invariant: [money]}\n            why: Money.\n\
         \x20         - name: amount\n            type: NUMERIC(19,4)\n            when: {invariants: [mony]}\n\
         \x20     - sql: \"\"\n        when: {access-patterns: [range]}\n        why: Empty.\n\
         \x20 - id: second\n    engines: [mysql]\n    dialect: postgresql\n    parts:\n\
         \x20     - sql: SELECT 1;\n        for_tables: [nowhere]\n",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("dbadvise")
        .unwrap()
        .args(["kb", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "unknown engine `postgresq` (did you mean `postgresql`?)",
        "unknown question `invariant` (did you mean `invariants`?)",
        "unknown option of `invariants` `mony` (did you mean `money`?)",
        "{keyy} is not a var of the schema",
        "column `amount` has a `when` but no `why`",
        "part 2 (sql): empty SQL",
        "schema.yaml:3",
        "engine `mysql` does not run the `postgresql` dialect",
        "engine `mysql` already has the starter schema `mysql`",
        "for_tables: unknown table `nowhere`",
    ] {
        assert!(err.contains(expected), "no {expected:?} in:\n{err}");
    }
}

/// `recommend` shows the schema: in the JSON, and first in the record's Schema section.
#[test]
fn recommend_shows_the_starter_schema_in_json_and_first_in_the_record() {
    // The project with no domain picked, as `case` reads it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("multi-tenant-saas.yaml");
    let text = std::fs::read_to_string(projects_dir().join("multi-tenant-saas.yaml")).unwrap();
    let generic: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("product:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(
        &file,
        generic.replace("answers:\n", "answers:\n  product: none\n"),
    )
    .unwrap();
    let run = |args: &[&str]| stdout_of(dbadvise().args(args).arg(&file));
    let c = case("multi-tenant-saas");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["recommend", "--format", "json", "--answers"])).unwrap();
    let schema = &json["starter_schema"];
    assert_eq!(schema["engine"], "postgresql");
    assert_eq!(schema["dialect"], "postgresql");
    assert_eq!(schema["sql"], c.schema.sql.as_str());
    assert_eq!(
        schema["tailored"].as_array().map(Vec::len),
        Some(c.schema.tailored.len())
    );
    // A written record has the schema in a file beside it, exactly the SQL of the advice,
    // and says what was tailored, one line each, above the diagram.
    let out_dir = tempfile::tempdir().unwrap();
    let record = out_dir.path().join("record.md");
    run(&[
        "recommend",
        "--date",
        "2026-01-15",
        "-o",
        record.to_str().unwrap(),
        "--answers",
    ]);
    let md = std::fs::read_to_string(&record).unwrap();
    let sql = std::fs::read_to_string(out_dir.path().join("record.schema.sql")).unwrap();
    let (header, body) = sql.split_once('\n').unwrap();
    assert!(
        header.starts_with("-- The starter schema of record.md"),
        "{header}"
    );
    assert_eq!(body.trim_end(), c.schema.sql.trim_end());
    let section = &md[md.find("\n### Starter schema\n").expect("a schema section")..];
    assert!(
        section.contains("[`record.schema.sql`](record.schema.sql)"),
        "{section}"
    );
    let diagram = section.find("```mermaid").expect("the schema as a diagram");
    let bullets = section[..diagram]
        .lines()
        .filter(|l| l.starts_with("* "))
        .count();
    assert_eq!(bullets, c.schema.tailored.len(), "one line per tailoring");
    // A document store has no starter schema, and the record says nothing of one.
    let social = projects_dir().join("social-feed.yaml");
    let out = assert_cmd::Command::cargo_bin("dbadvise")
        .unwrap()
        .args(["recommend", "--format", "json", "--answers"])
        .arg(&social)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["starter_schema"].is_null());
}

#[test]
fn summary_of_assembled_schemas() {
    let (p, m, s) = (pg(), maria(), sqlite());
    let part = |r: &Results, verb: &str| {
        if r.skipped.is_some() {
            format!("{} SKIPPED (not installed)", r.engine)
        } else if !r.ran() {
            format!("{} NOT RUN", r.engine)
        } else {
            let projects = r
                .executed
                .iter()
                .filter(|n| cases().iter().any(|c| &c.name == *n && c.project))
                .count();
            let variants = r.executed.len() - projects;
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            format!(
                "{}{verb} {} ({}, {})",
                r.executed.len(),
                r.engine,
                plural(projects, "project"),
                plural(variants, "variant")
            )
        }
    };
    let mut parsed: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (name, why) in &p.parsed {
        let key = if why.starts_with("TimescaleDB") {
            "TimescaleDB".to_string()
        } else {
            format!("PostgreSQL needing {why}, not packaged here")
        };
        parsed.entry(key).or_default().push(name);
    }
    let parsed_text = parsed
        .iter()
        .map(|(why, names)| format!("{why}: {}", names.join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    let failed = p.failures.len() + m.failures.len() + s.failures.len();
    let mut line = format!(
        "assembled schemas: {}, {}, {}; {} parsed, not executed ({parsed_text})",
        part(p, " executed on"),
        part(m, " on"),
        part(s, " on"),
        p.parsed.len(),
    );
    if failed > 0 {
        line.push_str(&format!("; {failed} FAILED"));
    }
    say(&line);
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = tmp
        .parent()
        .map(PathBuf::from)
        .unwrap_or(tmp)
        .join("schema-summary.txt");
    if let Err(e) = std::fs::write(&path, format!("{line}\n")) {
        say(&format!("cannot write {}: {e}", path.display()));
    }
    assert_eq!(failed, 0, "{line}");
}
