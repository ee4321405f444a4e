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

/// Extensions Debian 12 does not package for PostgreSQL 15: a snippet that needs one is
/// parsed instead, and listed as such. Any other missing extension fails the snippet.
const NOT_PACKAGED: &[(&str, &str)] = &[("vector", "pgvector")];

/// The extensions a script creates (`CREATE EXTENSION [IF NOT EXISTS] name`).
fn extensions_created(sql: &str) -> Vec<String> {
    let words: Vec<String> = sql
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut names = Vec::new();
    for (i, pair) in words.windows(2).enumerate() {
        if pair[0] == "create" && pair[1] == "extension" {
            let mut j = i + 2;
            if words
                .get(j..j + 3)
                .is_some_and(|w| w == ["if", "not", "exists"])
            {
                j += 3;
            }
            if let Some(name) = words.get(j) {
                names.push(name.trim_matches('"').to_string());
            }
        }
    }
    names
}

fn run_postgresql(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = Postgres::ENGINE.to_string();
    let server = match Postgres::start() {
        Ok(server) => server,
        Err(unavailable) => return result.unavailable(&unavailable),
    };
    result.engine = format!("PostgreSQL {}", server.version);
    result.ran = true;
    let available = match server.available_extensions() {
        Ok(set) => set,
        Err(e) => return result.fail("(server)", e),
    };
    let run = |name: &str, code: &str| -> Result<String, String> {
        let db = server.fresh_database(name)?;
        let outcome = server.run_psql_file(&db, code);
        let cleanup = server.drop_database(db);
        let out = outcome?;
        cleanup.map_err(|e| format!("the script left state that cannot be dropped: {e}"))?;
        Ok(out)
    };

    // The runner must tell broken from good, or it proves nothing.
    result.canary(
        "postgresql: good script",
        false,
        run(
            "canary_good",
            "CREATE TABLE t (id bigint PRIMARY KEY);\nINSERT INTO t VALUES (1);\n",
        ),
    );
    result.canary(
        "postgresql: syntax error",
        true,
        run("canary_syntax", "CREATE TABLE t (id bigint PRIMARY KEY;\n"),
    );
    result.canary(
        "postgresql: error in the middle, good statements after",
        true,
        run(
            "canary_middle",
            "CREATE TABLE t (id bigint PRIMARY KEY);\n\
             CREATE TABLE u (t_id bigint REFERENCES no_such_table (id));\nSELECT 1;\n",
        ),
    );
    result.canary(
        "postgresql: warning",
        true,
        run("canary_warning", "COMMIT;\n"),
    );

    for (i, snippet) in members.iter().enumerate() {
        let missing: Vec<String> = extensions_created(&snippet.code)
            .into_iter()
            .filter(|e| !available.contains(e))
            .collect();
        let unpackaged: Vec<&str> = missing
            .iter()
            .filter_map(|e| NOT_PACKAGED.iter().find(|(name, _)| name == e))
            .map(|(_, package)| *package)
            .collect();
        if !missing.is_empty() && unpackaged.len() == missing.len() {
            let reason = unpackaged.join(", ");
            let parsed = parse_postgres(&snippet.code)
                .map_err(|e| format!("sqlparser (PostgreSQL dialect) cannot parse it: {e}"))
                .and_then(|()| grammar_check(&server, &format!("parse_{i:03}"), &snippet.code));
            match parsed {
                Ok(()) => result.parsed_only.push((snippet.path.clone(), reason)),
                Err(e) => result.fail(
                    &snippet.path,
                    format!("needs {reason} (not installed here), and does not parse: {e}"),
                ),
            }
            continue;
        }
        match run(&format!("snippet_{i:03}"), &snippet.code) {
            Ok(_) => result.pass(snippet),
            Err(e) => result.fail(&snippet.path, e),
        }
    }
}

fn parse_postgres(sql: &str) -> Result<(), String> {
    let statements = Parser::parse_sql(&PostgreSqlDialect {}, sql).map_err(|e| e.to_string())?;
    if statements.is_empty() {
        return Err("no statement".into());
    }
    Ok(())
}

// --- MariaDB -------------------------------------------------------------------------

fn run_mysql(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = MariaDb::ENGINE.to_string();
    let server = match MariaDb::start() {
        Ok(server) => server,
        Err(unavailable) => return result.unavailable(&unavailable),
    };
    result.engine = format!("MariaDB {}", server.version);
    result.ran = true;
    let run = |name: &str, code: &str| -> Result<String, String> {
        let db = server.fresh_database(name)?;
        let outcome = server.run_mysql(&db, code);
        let cleanup = server.drop_database(&db);
        let out = outcome?;
        cleanup.map_err(|e| format!("the script left state that cannot be dropped: {e}"))?;
        Ok(out)
    };
    result.canary(
        "mysql: good script",
        false,
        run(
            "canary_good",
            "CREATE TABLE t (id BIGINT PRIMARY KEY);\nINSERT INTO t VALUES (1);\n",
        ),
    );
    result.canary(
        "mysql: syntax error",
        true,
        run(
            "canary_syntax",
            "CREATE TABLE t (id BIGINT PRIMARY KEY;\nSELECT 1;\n",
        ),
    );
    for (i, snippet) in members.iter().enumerate() {
        match run(&format!("snippet_{i:03}"), &snippet.code) {
            Ok(_) => result.pass(snippet),
            Err(e) => result.fail(&snippet.path, e),
        }
    }
}

// --- SQLite --------------------------------------------------------------------------

fn run_sqlite(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = Sqlite::ENGINE.to_string();
    let sqlite = match Sqlite::find() {
        Ok(sqlite) => sqlite,
        Err(unavailable) => return result.unavailable(&unavailable),
    };
    result.engine = format!("SQLite {}", sqlite.version);
    result.ran = true;
    result.canary(
        "sqlite: good script",
        false,
        sqlite.run_sqlite("CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (1);\n"),
    );
    result.canary(
        "sqlite: missing table in the middle",
        true,
        sqlite
            .run_sqlite("CREATE TABLE t (id INTEGER);\nINSERT INTO nope VALUES (1);\nSELECT 1;\n"),
    );
    for snippet in members {
        match sqlite.run_sqlite(snippet.code.as_str()) {
            Ok(_) => result.pass(snippet),
            Err(e) => result.fail(&snippet.path, e),
        }
    }
}

// --- Redis ---------------------------------------------------------------------------

fn run_redis(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = Redis::ENGINE.to_string();
    let server = match Redis::start() {
        Ok(server) => server,
        Err(unavailable) => return result.unavailable(&unavailable),
    };
    result.engine = format!("Redis {}", server.version);
    result.ran = true;
    let run = |code: &str| -> Result<String, String> {
        server.flushall()?;
        server.run_redis(code)
    };
    result.canary("redis: good commands", false, run("SET k v\nGET k\n"));
    result.canary(
        "redis: wrong type",
        true,
        run("SET k v\nLPUSH k x\nGET k\n"),
    );
    result.canary("redis: wrong arity", true, run("HSET onlykey\n"));
    result.canary("redis: unknown command", true, run("NOSUCHCOMMAND a b\n"));
    result.canary(
        "redis: error inside MULTI/EXEC",
        true,
        run("SET k v\nMULTI\nINCR k\nEXEC\n"),
    );
    for snippet in members {
        match run(&snippet.code) {
            Ok(_) => result.pass(snippet),
            Err(e) => result.fail(&snippet.path, e),
        }
    }
}

// --- ClickHouse (chDB) ---------------------------------------------------------------

/// Each script runs in a fresh chDB session, statement by statement (the split rule is
/// in `tests/tools/chdb_run.py`); the first failing statement fails it.
fn run_clickhouse(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = Chdb::ENGINE.to_string();
    let chdb = match Chdb::find() {
        Ok(chdb) => chdb,
        Err(unavailable) => return result.unavailable(&unavailable),
    };
    result.engine = format!("ClickHouse {} (chDB)", chdb.version);
    result.ran = true;
    // Tables persist between statements; a `;` inside a line does not split, and a
    // comment line ending in `;` is no statement.
    result.canary(
        "clickhouse: good script",
        false,
        chdb.run_clickhouse(
            "-- a comment line;\nCREATE TABLE t (id UInt64, note String)\n\
             ENGINE = MergeTree ORDER BY id;\n\
             INSERT INTO t VALUES (1, 'a; b');\nSELECT count() FROM t;\n",
        ),
    );
    result.canary(
        "clickhouse: unknown table in the middle",
        true,
        chdb.run_clickhouse(
            "CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id;\n\
             INSERT INTO nope VALUES (1);\nSELECT 1;\n",
        ),
    );
    result.canary(
        "clickhouse: syntax error",
        true,
        chdb.run_clickhouse("CREATE TABLE t (id UInt64 ENGINE = Memory;\nSELECT 1;\n"),
    );
    for snippet in members {
        match chdb.run_clickhouse(snippet.code.as_str()) {
            Ok(_) => result.pass(snippet),
            Err(e) => result.fail(&snippet.path, e),
        }
    }
}

// --- TimescaleDB (parsed) ------------------------------------------------------------

/// TimescaleDB is not packaged by Debian: its snippets are parsed, twice. By sqlparser
/// (PostgreSQL dialect), and by PostgreSQL 15's own grammar on a real server, where
/// only syntax errors count (TimescaleDB's functions and options do not exist there).
fn parse_timescaledb(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = "TimescaleDB".into();
    result.canary(
        "timescaledb: sqlparser parse error",
        true,
        parse_postgres("CREATE TABLE (;").map(|_| String::new()),
    );
    let server = match Postgres::start() {
        Ok(server) => Some(server),
        Err(unavailable) => {
            result.unavailable(&unavailable);
            None
        }
    };
    result.ran = true;
    if let Some(server) = &server {
        result.canary(
            "timescaledb: PostgreSQL grammar error",
            true,
            grammar_check(server, "canary_grammar", "CREATE TABLE t (id int;\n")
                .map(|_| String::new()),
        );
        result.canary(
            "timescaledb: PostgreSQL grammar accepts unknown functions and options",
            false,
            grammar_check(
                server,
                "canary_grammar_ok",
                "SELECT no_such_function('x');\n\
                 CREATE MATERIALIZED VIEW v WITH (timescaledb.continuous) AS SELECT 1;\n",
            )
            .map(|_| String::new()),
        );
    }
    for (i, snippet) in members.iter().enumerate() {
        let sqlparser = parse_postgres(&snippet.code);
        let grammar = server
            .as_ref()
            .map(|server| grammar_check(server, &format!("ts_{i:03}"), &snippet.code));
        let mut problems = Vec::new();
        match (&sqlparser, &grammar) {
            // PostgreSQL's own grammar is the authority; sqlparser only fills in when no
            // server is there.
            (Err(_), Some(Ok(()))) => {
                result.sqlparser_gaps.push(snippet.path.clone());
            }
            (Err(e), _) => problems.push(format!(
                "sqlparser (PostgreSQL dialect) cannot parse it: {e}"
            )),
            _ => {}
        }
        if let Some(Err(e)) = grammar {
            problems.push(e);
        }
        if problems.is_empty() {
            result.pass(snippet);
        } else {
            result.fail(&snippet.path, problems.join("\n"));
        }
    }
}

/// PostgreSQL's own grammar on `code`, in a throwaway database: Err lists the syntax
/// errors.
fn grammar_check(server: &Postgres, name: &str, code: &str) -> Result<(), String> {
    let db = server.fresh_database(name)?;
    let errors = server.syntax_errors(&db, code);
    server.drop_database(db)?;
    let errors = errors?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "PostgreSQL 15's grammar rejects it:\n{}",
            errors.join("\n")
        ))
    }
}

// --- MongoDB, DynamoDB, Elasticsearch (shape-checked) --------------------------------

fn check_documents(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = "JSON shape checks".into();
    for snippet in members {
        let problems = match snippet.dialect.as_str() {
            "mongodb" => check_mongodb(&snippet.code),
            "dynamodb" => check_dynamodb(&snippet.code),
            _ => check_elasticsearch(&snippet.code),
        };
        if problems.is_empty() {
            result.pass(snippet);
        } else {
            result.fail(&snippet.path, problems.join("\n"));
        }
    }
}

/// A JSON object with its keys in file order (MongoDB reads a command's name from its
/// first key; serde_json's map may sort them).
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a command document (object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    entries.push((k, v));
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(V)
    }
}

fn json_of(code: &str) -> Result<Value, String> {
    serde_json::from_str(code).map_err(|e| format!("not valid JSON: {e}"))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Keys of `object` not in `allowed`, as problems.
fn unknown_keys(what: &str, object: &Map<String, Value>, allowed: &[&str]) -> Vec<String> {
    object
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| {
            format!(
                "{what}: unknown field `{k}` (allowed: {})",
                allowed.join(", ")
            )
        })
        .collect()
}

fn is_non_negative_integer(v: &Value) -> bool {
    v.as_u64().is_some()
}

const MONGO_CREATE_FIELDS: &[&str] = &[
    "create",
    "capped",
    "size",
    "max",
    "timeseries",
    "expireAfterSeconds",
    "clusteredIndex",
    "changeStreamPreAndPostImages",
    "validator",
    "validationLevel",
    "validationAction",
    "collation",
    "viewOn",
    "pipeline",
    "storageEngine",
    "indexOptionDefaults",
    "writeConcern",
    "comment",
];
const MONGO_COLLMOD_FIELDS: &[&str] = &[
    "collMod",
    "validator",
    "validationLevel",
    "validationAction",
    "index",
    "expireAfterSeconds",
    "changeStreamPreAndPostImages",
    "timeseries",
    "viewOn",
    "pipeline",
    "cappedSize",
    "cappedMax",
    "writeConcern",
    "comment",
];
const MONGO_CREATE_INDEXES_FIELDS: &[&str] = &[
    "createIndexes",
    "indexes",
    "writeConcern",
    "commitQuorum",
    "comment",
];
const MONGO_INSERT_FIELDS: &[&str] = &[
    "insert",
    "documents",
    "ordered",
    "writeConcern",
    "bypassDocumentValidation",
    "comment",
];
const MONGO_INDEX_FIELDS: &[&str] = &[
    "key",
    "name",
    "unique",
    "sparse",
    "partialFilterExpression",
    "expireAfterSeconds",
    "hidden",
    "collation",
    "weights",
    "default_language",
    "language_override",
    "textIndexVersion",
    "2dsphereIndexVersion",
    "bits",
    "min",
    "max",
    "wildcardProjection",
    "storageEngine",
    "background",
    "v",
];
const MONGO_INDEX_KINDS: &[&str] = &["text", "2dsphere", "2d", "hashed"];
/// The `$jsonSchema` keywords MongoDB supports; it rejects any other (`format`,
/// `$ref`, `default`, …).
const JSON_SCHEMA_KEYWORDS: &[&str] = &[
    "bsonType",
    "type",
    "enum",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxProperties",
    "minProperties",
    "required",
    "additionalProperties",
    "properties",
    "patternProperties",
    "dependencies",
    "items",
    "additionalItems",
    "maxItems",
    "minItems",
    "uniqueItems",
    "title",
    "description",
    "encrypt",
];
const BSON_TYPES: &[&str] = &[
    "double",
    "string",
    "object",
    "array",
    "binData",
    "objectId",
    "bool",
    "date",
    "null",
    "regex",
    "javaScript",
    "int",
    "timestamp",
    "long",
    "decimal",
    "minKey",
    "maxKey",
    "number",
];
/// JSON Schema `type` names MongoDB accepts (no `integer`: use `bsonType`).
const JSON_TYPES: &[&str] = &["object", "array", "number", "boolean", "string", "null"];

fn check_mongodb(code: &str) -> Vec<String> {
    let value = match json_of(code) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    let Value::Array(items) = &value else {
        return vec![format!(
            "must be a JSON array of command documents, not {}",
            type_name(&value)
        )];
    };
    if items.is_empty() {
        return vec!["an empty array: no command".into()];
    }
    let ordered: Vec<Ordered> = match serde_json::from_str(code) {
        Ok(docs) => docs,
        Err(e) => return vec![format!("every element must be a command document: {e}")],
    };
    let mut problems = Vec::new();
    for (i, (doc, value)) in ordered.iter().zip(items).enumerate() {
        let at = format!("command {}", i + 1);
        let (Some((command, collection)), Some(fields)) = (doc.0.first(), value.as_object()) else {
            problems.push(format!("{at}: an empty document"));
            continue;
        };
        if collection.as_str().is_none_or(str::is_empty) {
            problems.push(format!(
                "{at}: `{command}` must name a collection (a non-empty string), not {}",
                type_name(collection)
            ));
        }
        let at = format!("{at} ({command})");
        match command.as_str() {
            "create" => {
                problems.extend(unknown_keys(&at, fields, MONGO_CREATE_FIELDS));
                problems.extend(check_mongo_validation(&at, fields));
                if let Some(ts) = fields.get("timeseries") {
                    match ts.as_object() {
                        Some(ts) => {
                            if !ts.get("timeField").is_some_and(Value::is_string) {
                                problems
                                    .push(format!("{at}: timeseries needs a `timeField` string"));
                            }
                            if let Some(g) = ts.get("granularity") {
                                if !matches!(g.as_str(), Some("seconds" | "minutes" | "hours")) {
                                    problems.push(format!(
                                        "{at}: timeseries granularity must be seconds, minutes or hours"
                                    ));
                                }
                            }
                            problems.extend(unknown_keys(
                                &format!("{at} timeseries"),
                                ts,
                                &[
                                    "timeField",
                                    "metaField",
                                    "granularity",
                                    "bucketMaxSpanSeconds",
                                    "bucketRoundingSeconds",
                                ],
                            ));
                        }
                        None => problems.push(format!("{at}: timeseries must be an object")),
                    }
                }
                if fields.get("capped") == Some(&Value::Bool(true))
                    && !fields.get("size").is_some_and(is_non_negative_integer)
                {
                    problems.push(format!("{at}: a capped collection needs `size` (bytes)"));
                }
                if let Some(ttl) = fields.get("expireAfterSeconds") {
                    if !is_non_negative_integer(ttl) {
                        problems.push(format!(
                            "{at}: expireAfterSeconds must be a non-negative integer"
                        ));
                    }
                }
            }
            "collMod" => {
                problems.extend(unknown_keys(&at, fields, MONGO_COLLMOD_FIELDS));
                problems.extend(check_mongo_validation(&at, fields));
            }
            "createIndexes" => {
                problems.extend(unknown_keys(&at, fields, MONGO_CREATE_INDEXES_FIELDS));
                problems.extend(check_mongo_indexes(&at, fields.get("indexes")));
            }
            "insert" => {
                problems.extend(unknown_keys(&at, fields, MONGO_INSERT_FIELDS));
                match fields.get("documents").and_then(Value::as_array) {
                    Some(docs) if !docs.is_empty() => {
                        for (j, d) in docs.iter().enumerate() {
                            if !d.is_object() {
                                problems.push(format!(
                                    "{at}: documents[{j}] must be an object, not {}",
                                    type_name(d)
                                ));
                            }
                        }
                    }
                    _ => problems.push(format!("{at}: needs `documents`, a non-empty array")),
                }
            }
            other => problems.push(format!(
                "{at}: the first key `{other}` is not a command this test knows \
                 (create, createIndexes, insert, collMod)"
            )),
        }
    }
    problems
}

fn check_mongo_validation(at: &str, fields: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(level) = fields.get("validationLevel") {
        if !matches!(level.as_str(), Some("off" | "strict" | "moderate")) {
            problems.push(format!(
                "{at}: validationLevel must be off, strict or moderate"
            ));
        }
    }
    if let Some(action) = fields.get("validationAction") {
        if !matches!(action.as_str(), Some("error" | "warn" | "errorAndLog")) {
            problems.push(format!("{at}: validationAction must be error or warn"));
        }
    }
    if let Some(validator) = fields.get("validator") {
        match validator.as_object() {
            None => problems.push(format!("{at}: validator must be an object")),
            Some(v) => {
                if let Some(schema) = v.get("$jsonSchema") {
                    check_json_schema(&format!("{at} $jsonSchema"), schema, &mut problems);
                }
            }
        }
    }
    problems
}

fn check_json_schema(at: &str, schema: &Value, problems: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        problems.push(format!(
            "{at}: must be an object, not {}",
            type_name(schema)
        ));
        return;
    };
    for key in schema.keys() {
        if !JSON_SCHEMA_KEYWORDS.contains(&key.as_str()) {
            problems.push(format!(
                "{at}: MongoDB's $jsonSchema does not support the keyword `{key}`"
            ));
        }
    }
    let names = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .map(|x| x.as_str().unwrap_or("?").to_string())
                .collect(),
            _ => vec!["?".into()],
        }
    };
    if let Some(t) = schema.get("bsonType") {
        for name in names(t) {
            if !BSON_TYPES.contains(&name.as_str()) {
                problems.push(format!("{at}: bsonType `{name}` is not a BSON type alias"));
            }
        }
    }
    if let Some(t) = schema.get("type") {
        for name in names(t) {
            if !JSON_TYPES.contains(&name.as_str()) {
                problems.push(format!(
                    "{at}: type `{name}` is not supported by MongoDB (use bsonType)"
                ));
            }
        }
    }
    if let Some(required) = schema.get("required") {
        let ok = required
            .as_array()
            .is_some_and(|r| !r.is_empty() && r.iter().all(Value::is_string));
        if !ok {
            problems.push(format!(
                "{at}: required must be a non-empty array of field names"
            ));
        }
    }
    if let Some(props) = schema.get("properties") {
        match props.as_object() {
            Some(props) => {
                for (name, sub) in props {
                    check_json_schema(&format!("{at}.{name}"), sub, problems);
                }
            }
            None => problems.push(format!("{at}: properties must be an object")),
        }
    }
    match schema.get("items") {
        Some(Value::Array(items)) => {
            for (i, sub) in items.iter().enumerate() {
                check_json_schema(&format!("{at}[{i}]"), sub, problems);
            }
        }
        Some(sub) => check_json_schema(&format!("{at}[]"), sub, problems),
        None => {}
    }
    for combinator in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = schema.get(combinator) {
            match list.as_array() {
                Some(list) if !list.is_empty() => {
                    for (i, sub) in list.iter().enumerate() {
                        check_json_schema(&format!("{at} {combinator}[{i}]"), sub, problems);
                    }
                }
                _ => problems.push(format!("{at}: {combinator} must be a non-empty array")),
            }
        }
    }
    if let Some(Value::Object(_)) = schema.get("additionalProperties") {
        check_json_schema(
            &format!("{at} additionalProperties"),
            &schema["additionalProperties"],
            problems,
        );
    }
    if let Some(e) = schema.get("enum") {
        if e.as_array().is_none_or(Vec::is_empty) {
            problems.push(format!("{at}: enum must be a non-empty array"));
        }
    }
}

fn check_mongo_indexes(at: &str, indexes: Option<&Value>) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(indexes) = indexes.and_then(Value::as_array).filter(|i| !i.is_empty()) else {
        return vec![format!("{at}: needs `indexes`, a non-empty array")];
    };
    let mut names = BTreeSet::new();
    for (i, index) in indexes.iter().enumerate() {
        let at = format!("{at} index {}", i + 1);
        let Some(index) = index.as_object() else {
            problems.push(format!("{at}: must be an object"));
            continue;
        };
        problems.extend(unknown_keys(&at, index, MONGO_INDEX_FIELDS));
        match index.get("name").and_then(Value::as_str) {
            Some(name) if !name.is_empty() => {
                if !names.insert(name.to_string()) {
                    problems.push(format!("{at}: the name `{name}` is used twice"));
                }
            }
            _ => problems.push(format!("{at}: needs `name`, a string")),
        }
        let mut kinds = Vec::new();
        match index.get("key").and_then(Value::as_object) {
            Some(key) if !key.is_empty() => {
                for (field, kind) in key {
                    let ok = match kind {
                        Value::Number(n) => matches!(n.as_i64(), Some(1 | -1)),
                        Value::String(s) => MONGO_INDEX_KINDS.contains(&s.as_str()),
                        _ => false,
                    };
                    if ok {
                        kinds.push(kind.clone());
                    } else {
                        problems.push(format!(
                            "{at}: key `{field}`: {kind} is not 1, -1 or one of {}",
                            MONGO_INDEX_KINDS.join(", ")
                        ));
                    }
                }
            }
            _ => problems.push(format!(
                "{at}: needs `key`, a non-empty object of field → 1 | -1 | index kind"
            )),
        }
        for flag in ["unique", "sparse", "hidden", "background"] {
            if index.get(flag).is_some_and(|v| !v.is_boolean()) {
                problems.push(format!("{at}: {flag} must be true or false"));
            }
        }
        if let Some(ttl) = index.get("expireAfterSeconds") {
            if !is_non_negative_integer(ttl) {
                problems.push(format!(
                    "{at}: expireAfterSeconds must be a non-negative integer"
                ));
            }
        }
        if index
            .get("partialFilterExpression")
            .is_some_and(|v| !v.is_object())
        {
            problems.push(format!("{at}: partialFilterExpression must be an object"));
        }
        if index.get("unique") == Some(&Value::Bool(true))
            && kinds.iter().any(|k| k.as_str() == Some("hashed"))
        {
            problems.push(format!("{at}: a hashed index cannot be unique"));
        }
    }
    problems
}

const DYNAMODB_FIELDS: &[&str] = &[
    "TableName",
    "KeySchema",
    "AttributeDefinitions",
    "BillingMode",
    "ProvisionedThroughput",
    "OnDemandThroughput",
    "GlobalSecondaryIndexes",
    "LocalSecondaryIndexes",
    "StreamSpecification",
    "SSESpecification",
    "Tags",
    "TableClass",
    "DeletionProtectionEnabled",
    "ResourcePolicy",
    "WarmThroughput",
];

fn check_dynamodb(code: &str) -> Vec<String> {
    let value = match json_of(code) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    let Some(table) = value.as_object() else {
        return vec![format!(
            "must be a CreateTable input (an object), not {}",
            type_name(&value)
        )];
    };
    let mut problems = unknown_keys("CreateTable", table, DYNAMODB_FIELDS);
    match table.get("TableName").and_then(Value::as_str) {
        Some(name)
            if (3..=255).contains(&name.len())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) => {}
        _ => problems.push("TableName must be 3–255 characters of a-z A-Z 0-9 _ . -".into()),
    }
    let mut used = BTreeSet::new();
    let table_keys = check_key_schema("table", table.get("KeySchema"), &mut used, &mut problems);

    let provisioned = match table.get("BillingMode").map(|m| m.as_str()) {
        Some(Some("PAY_PER_REQUEST")) => false,
        None | Some(Some("PROVISIONED")) => true,
        Some(_) => {
            problems.push("BillingMode must be PAY_PER_REQUEST or PROVISIONED".into());
            false
        }
    };
    check_throughput(
        "table",
        table.get("ProvisionedThroughput"),
        provisioned,
        &mut problems,
    );

    let mut index_names = BTreeSet::new();
    for (list, global) in [
        ("GlobalSecondaryIndexes", true),
        ("LocalSecondaryIndexes", false),
    ] {
        let Some(indexes) = table.get(list) else {
            continue;
        };
        let Some(indexes) = indexes.as_array().filter(|i| !i.is_empty()) else {
            problems.push(format!("{list} must be a non-empty array"));
            continue;
        };
        for (i, index) in indexes.iter().enumerate() {
            let Some(index) = index.as_object() else {
                problems.push(format!("{list}[{i}] must be an object"));
                continue;
            };
            let name = index.get("IndexName").and_then(Value::as_str).unwrap_or("");
            let at = format!("{list}[{i}] {name}");
            if name.len() < 3 {
                problems.push(format!("{at}: IndexName must be at least 3 characters"));
            } else if !index_names.insert(name.to_string()) {
                problems.push(format!("{at}: IndexName used twice"));
            }
            let mut allowed = vec!["IndexName", "KeySchema", "Projection"];
            if global {
                allowed.extend([
                    "ProvisionedThroughput",
                    "OnDemandThroughput",
                    "WarmThroughput",
                ]);
            }
            problems.extend(unknown_keys(&at, index, &allowed));
            let keys = check_key_schema(&at, index.get("KeySchema"), &mut used, &mut problems);
            if !global {
                if keys.0.is_some() && keys.0 != table_keys.0 {
                    problems.push(format!(
                        "{at}: a local secondary index must have the table's HASH key"
                    ));
                }
                if keys.1.is_none() {
                    problems.push(format!("{at}: a local secondary index needs a RANGE key"));
                }
                if table_keys.1.is_none() {
                    problems.push(format!(
                        "{at}: local secondary indexes need a table with a composite key"
                    ));
                }
            } else {
                check_throughput(
                    &at,
                    index.get("ProvisionedThroughput"),
                    provisioned,
                    &mut problems,
                );
            }
            check_projection(&at, index.get("Projection"), &mut problems);
        }
    }

    let mut defined = BTreeSet::new();
    match table.get("AttributeDefinitions").and_then(Value::as_array) {
        Some(defs) if !defs.is_empty() => {
            for (i, def) in defs.iter().enumerate() {
                let name = def.get("AttributeName").and_then(Value::as_str);
                let kind = def.get("AttributeType").and_then(Value::as_str);
                match (name, kind) {
                    (Some(name), Some("S" | "N" | "B")) => {
                        if !defined.insert(name.to_string()) {
                            problems.push(format!("AttributeDefinitions: `{name}` defined twice"));
                        }
                    }
                    _ => problems.push(format!(
                        "AttributeDefinitions[{i}] needs AttributeName and AttributeType S, N or B"
                    )),
                }
                if let Some(def) = def.as_object() {
                    problems.extend(unknown_keys(
                        &format!("AttributeDefinitions[{i}]"),
                        def,
                        &["AttributeName", "AttributeType"],
                    ));
                }
            }
        }
        _ => problems.push("AttributeDefinitions must be a non-empty array".into()),
    }
    for extra in defined.difference(&used) {
        problems.push(format!(
            "AttributeDefinitions defines `{extra}`, which no KeySchema uses \
             (DynamoDB rejects attributes that are not keys of the table or an index)"
        ));
    }
    for missing in used.difference(&defined) {
        problems.push(format!(
            "`{missing}` is a key attribute but not in AttributeDefinitions"
        ));
    }
    if let Some(stream) = table.get("StreamSpecification") {
        let enabled = stream.get("StreamEnabled").and_then(Value::as_bool);
        let view = stream.get("StreamViewType").and_then(Value::as_str);
        if enabled.is_none() {
            problems.push("StreamSpecification needs StreamEnabled (true or false)".into());
        }
        if enabled == Some(true)
            && !matches!(
                view,
                Some("NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES" | "KEYS_ONLY")
            )
        {
            problems.push(
                "StreamSpecification: StreamViewType must be NEW_IMAGE, OLD_IMAGE, \
                 NEW_AND_OLD_IMAGES or KEYS_ONLY"
                    .into(),
            );
        }
    }
    problems
}

/// Checks a KeySchema (HASH, then an optional RANGE); returns (hash, range) names and
/// records them as used.
fn check_key_schema(
    at: &str,
    schema: Option<&Value>,
    used: &mut BTreeSet<String>,
    problems: &mut Vec<String>,
) -> (Option<String>, Option<String>) {
    let Some(elements) = schema.and_then(Value::as_array) else {
        problems.push(format!("{at}: KeySchema must be an array"));
        return (None, None);
    };
    if !(1..=2).contains(&elements.len()) {
        problems.push(format!(
            "{at}: KeySchema must have 1 or 2 elements, not {}",
            elements.len()
        ));
    }
    let mut keys = (None, None);
    for (i, element) in elements.iter().enumerate() {
        let name = element.get("AttributeName").and_then(Value::as_str);
        let kind = element.get("KeyType").and_then(Value::as_str);
        let expected = if i == 0 { "HASH" } else { "RANGE" };
        match (name, kind) {
            (Some(name), Some(kind)) if kind == expected => {
                used.insert(name.to_string());
                if i == 0 {
                    keys.0 = Some(name.to_string());
                } else {
                    keys.1 = Some(name.to_string());
                }
            }
            _ => problems.push(format!(
                "{at}: KeySchema[{i}] must be {{AttributeName, KeyType: {expected}}} \
                 (HASH first, then an optional RANGE)"
            )),
        }
    }
    if keys.0.is_some() && keys.0 == keys.1 {
        problems.push(format!(
            "{at}: the HASH and RANGE keys are the same attribute"
        ));
    }
    keys
}

fn check_throughput(
    at: &str,
    throughput: Option<&Value>,
    provisioned: bool,
    problems: &mut Vec<String>,
) {
    match (throughput, provisioned) {
        (None, true) => problems.push(format!(
            "{at}: PROVISIONED billing (the default) needs ProvisionedThroughput; \
             or set BillingMode PAY_PER_REQUEST"
        )),
        (Some(_), false) => problems.push(format!(
            "{at}: ProvisionedThroughput is not allowed with PAY_PER_REQUEST"
        )),
        (Some(t), true) => {
            for unit in ["ReadCapacityUnits", "WriteCapacityUnits"] {
                if t.get(unit).and_then(Value::as_u64).is_none_or(|n| n < 1) {
                    problems.push(format!("{at}: ProvisionedThroughput needs {unit} ≥ 1"));
                }
            }
        }
        (None, false) => {}
    }
}

fn check_projection(at: &str, projection: Option<&Value>, problems: &mut Vec<String>) {
    let Some(projection) = projection.and_then(Value::as_object) else {
        problems.push(format!("{at}: needs Projection {{ProjectionType}}"));
        return;
    };
    match projection.get("ProjectionType").and_then(Value::as_str) {
        Some("ALL" | "KEYS_ONLY") => {
            if projection.contains_key("NonKeyAttributes") {
                problems.push(format!(
                    "{at}: NonKeyAttributes only go with ProjectionType INCLUDE"
                ));
            }
        }
        Some("INCLUDE") => {
            if !projection
                .get("NonKeyAttributes")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_string))
            {
                problems.push(format!(
                    "{at}: ProjectionType INCLUDE needs NonKeyAttributes"
                ));
            }
        }
        _ => problems.push(format!(
            "{at}: ProjectionType must be ALL, KEYS_ONLY or INCLUDE"
        )),
    }
}

/// Elasticsearch field types (8.x).
const ES_TYPES: &[&str] = &[
    "text",
    "match_only_text",
    "keyword",
    "constant_keyword",
    "wildcard",
    "long",
    "integer",
    "short",
    "byte",
    "double",
    "float",
    "half_float",
    "scaled_float",
    "unsigned_long",
    "date",
    "date_nanos",
    "boolean",
    "binary",
    "object",
    "nested",
    "flattened",
    "join",
    "geo_point",
    "geo_shape",
    "point",
    "shape",
    "ip",
    "version",
    "completion",
    "search_as_you_type",
    "token_count",
    "dense_vector",
    "sparse_vector",
    "semantic_text",
    "rank_feature",
    "rank_features",
    "percolator",
    "alias",
    "integer_range",
    "float_range",
    "long_range",
    "double_range",
    "date_range",
    "ip_range",
    "histogram",
    "aggregate_metric_double",
    "annotated_text",
    "murmur3",
];

fn check_elasticsearch(code: &str) -> Vec<String> {
    let value = match json_of(code) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    let Some(index) = value.as_object() else {
        return vec![format!(
            "must be an object (index body), not {}",
            type_name(&value)
        )];
    };
    let mut problems = unknown_keys("index", index, &["settings", "mappings", "aliases"]);
    if index.get("settings").is_some_and(|s| !s.is_object()) {
        problems.push("settings must be an object".into());
    }
    let Some(mappings) = index.get("mappings").and_then(Value::as_object) else {
        problems.push("needs `mappings`, an object".into());
        return problems;
    };
    problems.extend(unknown_keys(
        "mappings",
        mappings,
        &[
            "properties",
            "dynamic",
            "dynamic_templates",
            "_source",
            "_routing",
            "_meta",
            "date_detection",
            "numeric_detection",
            "dynamic_date_formats",
            "runtime",
            "enabled",
            "subobjects",
        ],
    ));
    if let Some(dynamic) = mappings.get("dynamic") {
        let ok = matches!(dynamic, Value::Bool(_))
            || matches!(
                dynamic.as_str(),
                Some("true" | "false" | "strict" | "runtime")
            );
        if !ok {
            problems.push("mappings.dynamic must be true, false, strict or runtime".into());
        }
    }
    match mappings.get("properties").and_then(Value::as_object) {
        Some(props) if !props.is_empty() => check_es_properties("", props, &mut problems),
        _ => problems.push("needs `mappings.properties`, a non-empty object".into()),
    }
    problems
}

fn check_es_properties(prefix: &str, props: &Map<String, Value>, problems: &mut Vec<String>) {
    for (name, field) in props {
        let at = format!("{prefix}{name}");
        let Some(field) = field.as_object() else {
            problems.push(format!("property `{at}` must be an object"));
            continue;
        };
        let kind = field.get("type").and_then(Value::as_str);
        let sub = field.get("properties").and_then(Value::as_object);
        match (kind, sub) {
            (Some(kind), _) if !ES_TYPES.contains(&kind) => {
                problems.push(format!(
                    "property `{at}`: `{kind}` is not an Elasticsearch field type"
                ));
            }
            (Some(_), _) => {}
            // An object field may leave out `type: object` when it lists properties.
            (None, Some(_)) => {}
            (None, None) => problems.push(format!("property `{at}` has no `type`")),
        }
        if let Some(sub) = sub {
            if !matches!(kind, None | Some("object" | "nested")) {
                problems.push(format!(
                    "property `{at}`: only object and nested fields have properties"
                ));
            }
            check_es_properties(&format!("{at}."), sub, problems);
        }
        if let Some(fields) = field.get("fields") {
            match fields.as_object() {
                Some(fields) => {
                    for (sub_name, sub_field) in fields {
                        match sub_field.get("type").and_then(Value::as_str) {
                            Some(k) if ES_TYPES.contains(&k) => {}
                            _ => problems.push(format!(
                                "multi-field `{at}.{sub_name}` needs a valid `type`"
                            )),
                        }
                    }
                }
                None => problems.push(format!("property `{at}`: fields must be an object")),
            }
        }
        match kind {
            Some("scaled_float") if !field.get("scaling_factor").is_some_and(Value::is_number) => {
                problems.push(format!(
                    "property `{at}`: scaled_float needs scaling_factor"
                ));
            }
            Some("alias") if !field.get("path").is_some_and(Value::is_string) => {
                problems.push(format!("property `{at}`: alias needs path"));
            }
            _ => {}
        }
    }
}

// --- Cassandra, Neo4j (form-checked) -------------------------------------------------

const CQL_STARTS: &[&str] = &[
    "CREATE KEYSPACE",
    "CREATE TABLE",
    "CREATE INDEX",
    "CREATE CUSTOM INDEX",
    "CREATE MATERIALIZED VIEW",
    "CREATE TYPE",
    "INSERT",
    "SELECT",
    "UPDATE",
    "DELETE",
    "ALTER",
    "DROP",
    "USE",
    "BEGIN BATCH",
    "BEGIN UNLOGGED BATCH",
    "BEGIN COUNTER BATCH",
    "APPLY BATCH",
];
const CYPHER_STARTS: &[&str] = &[
    "CREATE",
    "MATCH",
    "OPTIONAL MATCH",
    "MERGE",
    "RETURN",
    "WITH",
    "UNWIND",
    "CALL",
];

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Cql,
    Cypher,
}

fn check_forms(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = "statement form checks".into();
    for snippet in members {
        let lang = if snippet.dialect == "cassandra" {
            Lang::Cql
        } else {
            Lang::Cypher
        };
        let problems = check_statements(&snippet.code, lang);
        if problems.is_empty() {
            result.pass(snippet);
        } else {
            result.fail(&snippet.path, problems.join("\n"));
        }
    }
}

/// Splits a CQL or Cypher script into statements (comments removed), checking that
/// quotes and brackets balance and that every statement ends with `;`.
fn split_statements(code: &str, lang: Lang) -> Result<Vec<(usize, String)>, Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut problems = Vec::new();
    let mut statements = Vec::new();
    let mut current = String::new();
    let mut start_line = 1;
    let mut line = 1;
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut i = 0;
    let next_is = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if current.trim().is_empty() {
            start_line = line;
        }
        if c == '\n' {
            line += 1;
        }
        // Comments: `--` (CQL), `//`, `/* */`.
        if (lang == Lang::Cql && next_is(i, "--")) || next_is(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            current.push(' ');
            continue;
        }
        if next_is(i, "/*") {
            let opened = line;
            i += 2;
            while i < chars.len() && !next_is(i, "*/") {
                if chars[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            if i >= chars.len() {
                problems.push(format!("line {opened}: unterminated /* comment"));
            }
            i += 2;
            current.push(' ');
            continue;
        }
        // Quoted text: '…', "…", `…` (Cypher), $$…$$ (CQL).
        let quote = if lang == Lang::Cql && next_is(i, "$$") {
            Some("$$")
        } else {
            match c {
                '\'' => Some("'"),
                '"' => Some("\""),
                '`' if lang == Lang::Cypher => Some("`"),
                _ => None,
            }
        };
        if let Some(quote) = quote {
            let opened = line;
            current.push_str(quote);
            i += quote.len();
            let mut closed = false;
            while i < chars.len() {
                let q = chars[i];
                if q == '\n' {
                    line += 1;
                }
                // Cypher strings escape with a backslash.
                if lang == Lang::Cypher && q == '\\' && quote != "`" {
                    current.push(q);
                    if let Some(&n) = chars.get(i + 1) {
                        current.push(n);
                    }
                    i += 2;
                    continue;
                }
                if next_is(i, quote) {
                    // A doubled quote is an escaped one (CQL '', "", Cypher ``).
                    let doubled = quote.len() == 1 && chars.get(i + 1) == Some(&q);
                    if doubled && !(lang == Lang::Cypher && quote != "`") {
                        current.push(q);
                        current.push(q);
                        i += 2;
                        continue;
                    }
                    current.push_str(quote);
                    i += quote.len();
                    closed = true;
                    break;
                }
                current.push(q);
                i += 1;
            }
            if !closed {
                problems.push(format!("line {opened}: unterminated {quote} quote"));
            }
            continue;
        }
        match c {
            '(' | '[' | '{' => stack.push((c, line)),
            ')' | ']' | '}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match stack.pop() {
                    Some((o, _)) if o == open => {}
                    Some((o, at)) => problems.push(format!(
                        "line {line}: `{c}` closes the `{o}` opened at line {at}"
                    )),
                    None => problems.push(format!("line {line}: `{c}` closes nothing")),
                }
            }
            ';' => {
                for (o, at) in stack.drain(..) {
                    problems.push(format!(
                        "line {at}: `{o}` not closed before `;` at line {line}"
                    ));
                }
                let statement = current.trim().to_string();
                if statement.is_empty() {
                    problems.push(format!("line {line}: empty statement"));
                } else {
                    statements.push((start_line, statement));
                }
                current.clear();
                i += 1;
                continue;
            }
            _ => {}
        }
        current.push(c);
        i += 1;
    }
    for (o, at) in stack {
        problems.push(format!("line {at}: `{o}` never closed"));
    }
    if !current.trim().is_empty() {
        problems.push(format!(
            "line {start_line}: the last statement is not terminated by `;`"
        ));
    }
    if statements.is_empty() && problems.is_empty() {
        problems.push("no statement".into());
    }
    if problems.is_empty() {
        Ok(statements)
    } else {
        Err(problems)
    }
}

fn check_statements(code: &str, lang: Lang) -> Vec<String> {
    let statements = match split_statements(code, lang) {
        Ok(s) => s,
        Err(problems) => return problems,
    };
    let starts = if lang == Lang::Cql {
        CQL_STARTS
    } else {
        CYPHER_STARTS
    };
    let mut problems = Vec::new();
    let mut in_batch: Option<usize> = None;
    for (line, statement) in statements {
        let words = statement
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase();
        let start = starts
            .iter()
            .filter(|s| words == **s || words.starts_with(&format!("{s} ")))
            .max_by_key(|s| s.len());
        match start {
            None => problems.push(format!(
                "line {line}: `{}` does not start with a known keyword ({})",
                statement
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" "),
                starts.join(", ")
            )),
            Some(s) if s.starts_with("BEGIN") => {
                if let Some(at) = in_batch {
                    problems.push(format!(
                        "line {line}: a batch inside the batch begun at line {at}"
                    ));
                }
                in_batch = Some(line);
            }
            Some(&"APPLY BATCH") => {
                if in_batch.take().is_none() {
                    problems.push(format!("line {line}: APPLY BATCH without BEGIN BATCH"));
                }
            }
            Some(_) => {}
        }
    }
    if let Some(at) = in_batch {
        problems.push(format!("line {at}: BEGIN BATCH without APPLY BATCH"));
    }
    problems
}

// --- summary -------------------------------------------------------------------------

/// ` (MongoDB 2, DynamoDB 1)`, or nothing when none passed.
fn counts(passed: &BTreeMap<String, usize>, names: &[(&str, &str)]) -> String {
    let parts: Vec<String> = names
        .iter()
        .filter_map(|(dialect, label)| passed.get(*dialect).map(|n| format!("{label} {n}")))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// How an engine group reads in a summary: `12 executed on PostgreSQL 15.18`.
fn engine_part(r: &GroupResult, verb: &str) -> String {
    match (&r.skipped, r.ran) {
        (Some(_), _) => format!("{} SKIPPED (not installed)", r.engine),
        (None, false) => format!("{} NOT RUN (see its test)", r.engine),
        (None, true) => format!("{}{verb} {}", r.passed_total(), r.engine),
    }
}

const DOCUMENT_LABELS: &[(&str, &str)] = &[
    ("mongodb", "MongoDB"),
    ("dynamodb", "DynamoDB"),
    ("elasticsearch", "Elasticsearch"),
];
const FORM_LABELS: &[(&str, &str)] = &[("cassandra", "Cassandra"), ("neo4j", "Neo4j")];

/// Snippets of PostgreSQL only parsed, by the package they need: `pgvector 1`.
fn parsed_only_counts(r: &GroupResult) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, why) in &r.parsed_only {
        *counts.entry(why.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(why, n)| format!("PostgreSQL needing {why}, not packaged by Debian: {n}"))
        .collect()
}

fn group_summary(group: Group, r: &GroupResult) -> String {
    let n = r.passed_total();
    let mut line = match group {
        Group::Postgresql | Group::Mysql | Group::Sqlite | Group::Redis | Group::Clickhouse => {
            engine_part(r, " executed on")
        }
        Group::Timescaledb if r.skipped.is_some() => format!(
            "{n} parsed, not executed (TimescaleDB; sqlparser only, PostgreSQL not installed)"
        ),
        Group::Timescaledb => format!("{n} parsed, not executed (TimescaleDB)"),
        Group::Documents => format!("{n} shape-checked{}", counts(&r.passed, DOCUMENT_LABELS)),
        Group::Forms => format!(
            "{n} form-checked, not executed{}",
            counts(&r.passed, FORM_LABELS)
        ),
        Group::Unknown => format!("{} in folders with no runner", r.failures.len()),
    };
    let parsed = parsed_only_counts(r);
    if !parsed.is_empty() {
        line.push_str(&format!(
            "; {} parsed, not executed ({})",
            r.parsed_only.len(),
            parsed.join("; ")
        ));
    }
    if !r.failures.is_empty() && group != Group::Unknown {
        line.push_str(&format!("; {} FAILED", r.failures.len()));
    }
    line
}

/// The whole summary, e.g. `snippets: 41 executed on PostgreSQL 15.18, 9 on Redis
/// 7.0.15, …; 4 parsed, not executed (TimescaleDB 4); 6 shape-checked (…); 3
/// form-checked, not executed (…)`.
fn summary() -> String {
    let executed = [
        engine_part(result(Group::Postgresql), " executed on"),
        engine_part(result(Group::Redis), " on"),
        engine_part(result(Group::Mysql), " on"),
        engine_part(result(Group::Sqlite), " on"),
        engine_part(result(Group::Clickhouse), " on"),
    ]
    .join(", ");
    let pg = result(Group::Postgresql);
    let ts = result(Group::Timescaledb);
    let mut parsed_why = Vec::new();
    if ts.passed_total() > 0 {
        let gaps = match ts.sqlparser_gaps.len() {
            0 => String::new(),
            n => format!(", {n} of them by PostgreSQL's grammar only, not sqlparser"),
        };
        parsed_why.push(format!("TimescaleDB {}{gaps}", ts.passed_total()));
    }
    parsed_why.extend(parsed_only_counts(pg));
    let parsed_total = ts.passed_total() + pg.parsed_only.len();
    let parsed = if parsed_why.is_empty() {
        format!("{parsed_total} parsed, not executed")
    } else {
        format!(
            "{parsed_total} parsed, not executed ({})",
            parsed_why.join("; ")
        )
    };
    let docs = result(Group::Documents);
    let forms = result(Group::Forms);
    let failed: usize = GROUPS.iter().map(|&g| result(g).failures.len()).sum();
    let mut line = format!(
        "snippets: {executed}; {parsed}; {} shape-checked{}; {} form-checked, not executed{}",
        docs.passed_total(),
        counts(&docs.passed, DOCUMENT_LABELS),
        forms.passed_total(),
        counts(&forms.passed, FORM_LABELS),
    );
    if failed > 0 {
        line.push_str(&format!("; {failed} FAILED"));
    }
    line
}

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
