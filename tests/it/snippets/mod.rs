//! Every snippet of the embedded knowledge base, proven on a real engine where one can
//! be installed from Debian (PostgreSQL 15 with PostGIS, MariaDB, Redis, SQLite) or from
//! PyPI (ClickHouse, run in-process by chDB in the virtualenv `tests/tools/chdb/` that
//! `.ci/run` makes), and otherwise parsed (TimescaleDB), shape-checked (MongoDB,
//! DynamoDB, Elasticsearch) or form-checked (Cassandra, Neo4j). New snippet files are
//! covered without touching this file; a dialect folder with no runner fails.
//!
//! Each dialect group is one test, so a failure names its engine; every failure of a
//! group is collected before the test fails. `summary_of_all_snippets` prints the
//! count per engine and writes it to `target/snippet-summary.txt`.
//!
//! Servers are throwaway (see `common::engines`). A missing engine is a failure when
//! `DBADVISE_REQUIRE_ENGINES=1` (CI sets it), a printed `SKIPPED:` otherwise.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use common::engines::{say, skip_or_fail, Chdb, MariaDb, Postgres, Redis, Sqlite, Unavailable};

mod dynamodb;
mod engines;
mod forms;
mod mongodb;
mod summary;

use dynamodb::*;
use engines::*;
use forms::*;
use mongodb::*;
use summary::*;

// --- the snippets ------------------------------------------------------------------

struct Snippet {
    /// Path below `knowledge/snippets/`, e.g. `postgresql/index-gin-trgm.sql`.
    path: String,
    dialect: String,
    code: String,
}

/// Every snippet of the embedded knowledge base. While the knowledge base does not
/// load (its own tests say why), the snippet files are read from the embedded files
/// directly: the same set `KnowledgeBase::embedded().snippets` holds.
///
/// `DBADVISE_SNIPPET_DIR=DIR` runs the snippets of DIR instead (laid out like
/// `knowledge/snippets/`: `DIR/postgresql/x.sql`, …), to try new ones before adding them.
fn snippets() -> &'static [Snippet] {
    static SNIPPETS: OnceLock<Vec<Snippet>> = OnceLock::new();
    SNIPPETS.get_or_init(|| {
        if let Some(dir) = std::env::var_os("DBADVISE_SNIPPET_DIR") {
            let dir = PathBuf::from(dir);
            say(&format!(
                "note: DBADVISE_SNIPPET_DIR is set: running the snippets of {}, not the embedded ones",
                dir.display()
            ));
            let mut found = Vec::new();
            walk(&dir, &dir, &mut found);
            found.sort_by(|a, b| a.path.cmp(&b.path));
            return found;
        }
        embedded_snippets()
    })
}

/// Every file below `dir` that sits in a dialect folder.
fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<Snippet>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("DBADVISE_SNIPPET_DIR: cannot read {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .to_string();
        if !relative.contains('/') {
            continue;
        }
        let code = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        out.push(Snippet {
            dialect: relative.split('/').next().unwrap_or("").to_string(),
            path: relative,
            code,
        });
    }
}

fn embedded_snippets() -> Vec<Snippet> {
    match dbadvise::kb::load(&[]) {
        Ok(kb) => kb
            .snippets
            .values()
            .map(|s| Snippet {
                path: s.path.to_string(),
                dialect: s.dialect.to_string(),
                code: s.code.to_string(),
            })
            .collect(),
        Err(problems) => {
            say(&format!(
                "note: the embedded knowledge base does not load ({} problems, first: {}); \
                 snippets are read from the embedded files",
                problems.len(),
                problems.first().map(|p| p.to_string()).unwrap_or_default()
            ));
            dbadvise::kb::load::embedded_files()
                .into_iter()
                .filter_map(|f| {
                    let path = f.relative.strip_prefix("snippets/")?.to_string();
                    Some(Snippet {
                        dialect: path.split('/').next().unwrap_or("").to_string(),
                        path,
                        code: f.text,
                    })
                })
                .collect()
        }
    }
}

/// The file extension each dialect folder's snippets must have (the README's table).
fn extension_of(dialect: &str) -> Option<&'static str> {
    Some(match dialect {
        "postgresql" | "mysql" | "sqlite" | "timescaledb" | "clickhouse" => "sql",
        "redis" => "redis",
        "mongodb" | "dynamodb" | "elasticsearch" => "json",
        "cassandra" => "cql",
        "neo4j" => "cypher",
        _ => return None,
    })
}

/// Problems every snippet is checked for, whatever runs it: the right extension for
/// its folder, and some code beyond comments (an empty file would pass any engine).
fn common_problems(snippet: &Snippet) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(ext) = extension_of(&snippet.dialect) {
        if !snippet.path.ends_with(&format!(".{ext}")) {
            problems.push(format!(
                "a `{}` snippet must end in .{ext}",
                snippet.dialect
            ));
        }
    }
    let has_code = snippet.code.lines().any(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with("--") && !l.starts_with("//") && !l.starts_with('#')
    });
    if !has_code {
        problems.push("no code, only comments or blank lines".into());
    }
    problems
}

// --- results -----------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Postgresql,
    Mysql,
    Sqlite,
    Redis,
    Clickhouse,
    Timescaledb,
    Documents,
    Forms,
    Unknown,
}

const GROUPS: [Group; 9] = [
    Group::Postgresql,
    Group::Mysql,
    Group::Sqlite,
    Group::Redis,
    Group::Clickhouse,
    Group::Timescaledb,
    Group::Documents,
    Group::Forms,
    Group::Unknown,
];

fn group_of(dialect: &str) -> Group {
    match dialect {
        "postgresql" => Group::Postgresql,
        "mysql" => Group::Mysql,
        "sqlite" => Group::Sqlite,
        "redis" => Group::Redis,
        "clickhouse" => Group::Clickhouse,
        "timescaledb" => Group::Timescaledb,
        "mongodb" | "dynamodb" | "elasticsearch" => Group::Documents,
        "cassandra" | "neo4j" => Group::Forms,
        _ => Group::Unknown,
    }
}

/// A deliberately good or broken script the runner must judge right.
struct Canary {
    name: &'static str,
    must_fail: bool,
    outcome: Result<(), String>,
}

#[derive(Default)]
struct GroupResult {
    /// The engine and its version, `PostgreSQL 15.18`.
    engine: String,
    /// Passing snippets per dialect (executed, parsed, or checked, by group).
    passed: BTreeMap<String, usize>,
    /// TimescaleDB snippets that only PostgreSQL's grammar parsed, not sqlparser.
    sqlparser_gaps: Vec<String>,
    /// Snippets only parsed, and why (`pgvector` when it is not packaged).
    parsed_only: Vec<(String, String)>,
    /// `path: what went wrong`, every one.
    failures: Vec<String>,
    /// Set when the engine is not installed and that is allowed here.
    skipped: Option<String>,
    /// The engine started (or the checker ran): counts mean something.
    ran: bool,
    canaries: Vec<Canary>,
}

impl GroupResult {
    fn passed_total(&self) -> usize {
        self.passed.values().sum()
    }

    fn fail(&mut self, path: &str, message: impl fmt::Display) {
        let message = message.to_string();
        self.failures.push(format!(
            "{path}:\n    {}",
            message.trim_end().replace('\n', "\n    ")
        ));
    }

    /// An engine that cannot be used: skipped (printed) or a failure.
    fn unavailable(&mut self, unavailable: &Unavailable) {
        match skip_or_fail(unavailable) {
            Ok(note) => self.skipped = Some(note),
            Err(message) => self.failures.push(message),
        }
    }

    fn pass(&mut self, snippet: &Snippet) {
        *self.passed.entry(snippet.dialect.clone()).or_default() += 1;
    }

    fn canary(&mut self, name: &'static str, must_fail: bool, outcome: Result<String, String>) {
        self.canaries.push(Canary {
            name,
            must_fail,
            outcome: outcome.map(|_| ()),
        });
    }
}

/// Each group's result, computed once per test binary by whichever test asks first
/// (the group's own test or the summary), so servers start once.
fn result(group: Group) -> &'static GroupResult {
    static RESULTS: [OnceLock<GroupResult>; GROUPS.len()] =
        [const { OnceLock::new() }; GROUPS.len()];
    RESULTS[group as usize].get_or_init(|| {
        let members: Vec<&Snippet> = snippets()
            .iter()
            .filter(|s| group_of(&s.dialect) == group)
            .collect();
        let mut result = GroupResult::default();
        // Problems of form first; a snippet with one is not run.
        let members: Vec<&Snippet> = members
            .into_iter()
            .filter(|s| {
                let problems = common_problems(s);
                for p in &problems {
                    result.fail(&s.path, p);
                }
                problems.is_empty()
            })
            .collect();
        match group {
            Group::Postgresql => run_postgresql(&members, &mut result),
            Group::Mysql => run_mysql(&members, &mut result),
            Group::Sqlite => run_sqlite(&members, &mut result),
            Group::Redis => run_redis(&members, &mut result),
            Group::Clickhouse => run_clickhouse(&members, &mut result),
            Group::Timescaledb => parse_timescaledb(&members, &mut result),
            Group::Documents => check_documents(&members, &mut result),
            Group::Forms => check_forms(&members, &mut result),
            Group::Unknown => {
                for s in &members {
                    result.fail(
                        &s.path,
                        format!(
                            "no runner for dialect `{}` (tests/snippets.rs knows postgresql, \
                             mysql, sqlite, redis, clickhouse, timescaledb, mongodb, \
                             dynamodb, elasticsearch, cassandra, neo4j)",
                            s.dialect
                        ),
                    );
                }
            }
        }
        result
    })
}

/// Fails a group's test with all its failures (and its part of the summary).
fn assert_group(group: Group) {
    let result = result(group);
    let line = group_summary(group, result);
    if group != Group::Unknown || !result.failures.is_empty() {
        say(&format!("snippets ({group:?}): {line}"));
    }
    if !result.failures.is_empty() {
        panic!(
            "{} snippet failure(s) ({line}):\n\n{}",
            result.failures.len(),
            result.failures.join("\n\n")
        );
    }
}

// --- PostgreSQL ----------------------------------------------------------------------

fn target_dir() -> PathBuf {
    // Cargo sets CARGO_TARGET_TMPDIR to `<target dir>/tmp` for integration tests.
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().map(PathBuf::from).unwrap_or(tmp)
}

// --- the tests -----------------------------------------------------------------------

#[test]
fn postgresql_snippets_run_on_postgresql() {
    assert_group(Group::Postgresql);
}

#[test]
fn mysql_snippets_run_on_mariadb() {
    assert_group(Group::Mysql);
}

#[test]
fn sqlite_snippets_run_on_sqlite() {
    assert_group(Group::Sqlite);
}

#[test]
fn redis_snippets_run_on_redis() {
    assert_group(Group::Redis);
}

#[test]
fn clickhouse_snippets_run_on_clickhouse_in_chdb() {
    assert_group(Group::Clickhouse);
}

#[test]
fn timescaledb_snippets_parse() {
    assert_group(Group::Timescaledb);
}

#[test]
fn mongodb_dynamodb_elasticsearch_snippets_have_the_documented_shape() {
    assert_group(Group::Documents);
}

#[test]
fn cassandra_and_neo4j_snippets_are_well_formed() {
    assert_group(Group::Forms);
}

#[test]
fn every_snippet_dialect_has_a_runner() {
    assert_group(Group::Unknown);
}

#[test]
fn there_are_snippets() {
    assert!(
        !snippets().is_empty(),
        "no snippet files under knowledge/snippets/: nothing would be proven"
    );
}

#[test]
fn summary_of_all_snippets() {
    let line = summary();
    say(&line);
    // The file quotes the embedded snippets only, never a trial directory's.
    if std::env::var_os("DBADVISE_SNIPPET_DIR").is_none() {
        let path = target_dir().join("snippet-summary.txt");
        if let Err(e) = std::fs::write(&path, format!("{line}\n")) {
            say(&format!("cannot write {}: {e}", path.display()));
        }
    }
    let failures: Vec<&String> = GROUPS.iter().flat_map(|&g| &result(g).failures).collect();
    if !failures.is_empty() {
        panic!(
            "{line}\n\n{} snippet failure(s):\n\n{}",
            failures.len(),
            failures
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join("\n\n")
        );
    }
}

/// The runners must report broken code as broken, or passing proves nothing.
#[test]
fn harness_catches_broken_snippets() {
    let mut wrong = Vec::new();
    let mut judged = 0;
    for group in [
        Group::Postgresql,
        Group::Redis,
        Group::Mysql,
        Group::Sqlite,
        Group::Clickhouse,
        Group::Timescaledb,
    ] {
        let r = result(group);
        if let Some(note) = &r.skipped {
            say(&format!("harness check for {group:?}: {note}"));
            continue;
        }
        if r.canaries.is_empty() {
            wrong.push(format!(
                "{group:?}: no deliberate script ran (see that group's test)"
            ));
        }
        for canary in &r.canaries {
            judged += 1;
            match (&canary.outcome, canary.must_fail) {
                (Ok(()), true) => wrong.push(format!("{}: the broken script passed", canary.name)),
                (Err(e), false) => {
                    wrong.push(format!("{}: the good script failed: {e}", canary.name))
                }
                _ => {}
            }
        }
    }
    // The pure checkers, on broken inputs.
    let broken: &[(&str, Vec<String>)] = &[
        (
            "mongodb: not an array",
            check_mongodb(r#"{"create": "users"}"#),
        ),
        (
            "mongodb: unknown command",
            check_mongodb(r#"[{"drop": "users"}]"#),
        ),
        (
            "mongodb: index key kind",
            check_mongodb(
                r#"[{"createIndexes": "u", "indexes": [{"key": {"a": 2}, "name": "a"}]}]"#,
            ),
        ),
        (
            "mongodb: unsupported $jsonSchema keyword",
            check_mongodb(
                r#"[{"create": "u", "validator": {"$jsonSchema": {"bsonType": "object",
                   "properties": {"email": {"bsonType": "string", "format": "email"}}}}}]"#,
            ),
        ),
        (
            "mongodb: insert without documents",
            check_mongodb(r#"[{"insert": "u"}]"#),
        ),
        (
            "dynamodb: extra attribute definition",
            check_dynamodb(
                r#"{"TableName": "app", "BillingMode": "PAY_PER_REQUEST",
                   "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                   "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                            {"AttributeName": "email", "AttributeType": "S"}]}"#,
            ),
        ),
        (
            "dynamodb: RANGE first",
            check_dynamodb(
                r#"{"TableName": "app", "BillingMode": "PAY_PER_REQUEST",
                   "KeySchema": [{"AttributeName": "sk", "KeyType": "RANGE"}],
                   "AttributeDefinitions": [{"AttributeName": "sk", "AttributeType": "S"}]}"#,
            ),
        ),
        (
            "elasticsearch: property without type",
            check_elasticsearch(
                r#"{"mappings": {"properties": {"title": {"analyzer": "english"}}}}"#,
            ),
        ),
        (
            "cassandra: unterminated",
            check_statements("CREATE TABLE t (id int PRIMARY KEY)", Lang::Cql),
        ),
        (
            "cassandra: unbalanced",
            check_statements("CREATE TABLE t (id int PRIMARY KEY;", Lang::Cql),
        ),
        (
            "cassandra: unknown keyword",
            check_statements("CREAT TABLE t (id int);", Lang::Cql),
        ),
        (
            "neo4j: unclosed quote",
            check_statements("MATCH (n {name: 'x}) RETURN n;", Lang::Cypher),
        ),
    ];
    for (name, problems) in broken {
        judged += 1;
        if problems.is_empty() {
            wrong.push(format!("{name}: the broken snippet passed"));
        }
    }
    let good: &[(&str, Vec<String>)] = &[
        (
            "mongodb: good",
            check_mongodb(
                r#"[{"create": "users", "validator": {"$jsonSchema": {"bsonType": "object",
                     "required": ["email"], "properties": {"email": {"bsonType": "string"}}}}},
                    {"createIndexes": "users", "indexes": [{"key": {"email": 1}, "name": "email_1", "unique": true}]},
                    {"insert": "users", "documents": [{"email": "a@example.com"}]}]"#,
            ),
        ),
        (
            "dynamodb: good",
            check_dynamodb(
                r#"{"TableName": "app", "BillingMode": "PAY_PER_REQUEST",
                   "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                 {"AttributeName": "sk", "KeyType": "RANGE"}],
                   "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                            {"AttributeName": "sk", "AttributeType": "S"},
                                            {"AttributeName": "gsi1pk", "AttributeType": "S"}],
                   "GlobalSecondaryIndexes": [{"IndexName": "gsi1",
                       "KeySchema": [{"AttributeName": "gsi1pk", "KeyType": "HASH"},
                                     {"AttributeName": "sk", "KeyType": "RANGE"}],
                       "Projection": {"ProjectionType": "ALL"}}]}"#,
            ),
        ),
        (
            "cassandra: good",
            check_statements(
                "-- t\nCREATE TABLE t (id int PRIMARY KEY, note text); // c\n\
                 INSERT INTO t (id, note) VALUES (1, 'it''s; (fine');\n\
                 BEGIN BATCH\nINSERT INTO t (id) VALUES (2);\nAPPLY BATCH;\n",
                Lang::Cql,
            ),
        ),
        (
            "neo4j: good",
            check_statements(
                "CREATE CONSTRAINT u IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE;\n\
                 MATCH (a:User {id: 'x;y'})-[:FOLLOWS]->(b) RETURN b.name;\n",
                Lang::Cypher,
            ),
        ),
    ];
    for (name, problems) in good {
        judged += 1;
        if !problems.is_empty() {
            wrong.push(format!(
                "{name}: the good snippet failed: {}",
                problems.join("; ")
            ));
        }
    }
    say(&format!(
        "harness check: {judged} deliberately good or broken scripts judged"
    ));
    assert!(
        wrong.is_empty(),
        "the snippet harness misjudged:\n{}",
        wrong.join("\n")
    );
}
