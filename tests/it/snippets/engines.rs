//! The snippets that run on real engines: PostgreSQL (with PostGIS), MariaDB, SQLite,
//! Redis and ClickHouse (chDB), and TimescaleDB's, parsed by PostgreSQL's grammar.

use super::*;

/// Extensions Debian 12 does not package for PostgreSQL 15: a snippet that needs one is
/// parsed instead, and listed as such. Any other missing extension fails the snippet.
pub(super) const NOT_PACKAGED: &[(&str, &str)] = &[("vector", "pgvector")];

/// The extensions a script creates (`CREATE EXTENSION [IF NOT EXISTS] name`).
pub(super) fn extensions_created(sql: &str) -> Vec<String> {
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

pub(super) fn run_postgresql(members: &[&Snippet], result: &mut GroupResult) {
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

pub(super) fn parse_postgres(sql: &str) -> Result<(), String> {
    let statements = Parser::parse_sql(&PostgreSqlDialect {}, sql).map_err(|e| e.to_string())?;
    if statements.is_empty() {
        return Err("no statement".into());
    }
    Ok(())
}

// --- MariaDB -------------------------------------------------------------------------

pub(super) fn run_mysql(members: &[&Snippet], result: &mut GroupResult) {
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

pub(super) fn run_sqlite(members: &[&Snippet], result: &mut GroupResult) {
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

pub(super) fn run_redis(members: &[&Snippet], result: &mut GroupResult) {
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
pub(super) fn run_clickhouse(members: &[&Snippet], result: &mut GroupResult) {
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
pub(super) fn parse_timescaledb(members: &[&Snippet], result: &mut GroupResult) {
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
pub(super) fn grammar_check(server: &Postgres, name: &str, code: &str) -> Result<(), String> {
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

pub(super) fn check_documents(members: &[&Snippet], result: &mut GroupResult) {
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
