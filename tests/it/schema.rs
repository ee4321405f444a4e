//! The starter schemas, proven as a whole on real engines: for every example project in
//! `tests/projects/` whose primary store has a schema in the knowledge base (and for a few
//! variants of their answers that, together, keep every part of every schema), the
//! assembled script runs in order in a fresh database — on PostgreSQL 15 (with PostGIS),
//! on MariaDB for MySQL, on SQLite — and a TimescaleDB schema is parsed by PostgreSQL's
//! grammar and sqlparser. Then the tailoring is checked on the real servers: row-level
//! security isolates tenants for a non-superuser role, rows land in the right partition,
//! full-text search finds words through the index column, money is exact, keys follow
//! the answers, and the index statements follow the access patterns.
//!
//! Servers are throwaway (see `common::engines`), started once per engine for the whole
//! file. A missing engine is a failure when `DBADVISE_REQUIRE_ENGINES=1` (CI sets it), a
//! printed `SKIPPED:` otherwise. `summary_of_assembled_schemas` prints how many schemas
//! ran on which engine and writes it to `target/schema-summary.txt`.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use dbadvise::engine::schema::kept;
use dbadvise::engine::{advise, parse_answers, Advice, Answers, StarterSchema};
use dbadvise::kb::{AnswerValue, Condition, KnowledgeBase, QuestionKind, Schema};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use common::engines::{say, skip_or_fail, MariaDb, PgDatabase, Postgres, Sqlite, Unavailable};

// --- the cases ---------------------------------------------------------------------

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(KnowledgeBase::embedded)
}

fn projects_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/projects")
}

/// Every example project's answers, by file name, in name order.
fn projects() -> &'static [(String, Answers)] {
    static PROJECTS: OnceLock<Vec<(String, Answers)>> = OnceLock::new();
    PROJECTS.get_or_init(|| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(projects_dir())
            .expect("tests/projects exists")
            .map(|e| e.expect("readable").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                let answers = parse_answers(kb(), &path.display().to_string(), &text)
                    .unwrap_or_else(|e| panic!("{e}"));
                let name = path.file_stem().unwrap().to_string_lossy().to_string();
                (name, answers)
            })
            .collect()
    })
}

fn project(name: &str) -> &'static Answers {
    &projects()
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no tests/projects/{name}.yaml"))
        .1
}

/// `answers` with some answers replaced (a several-choice question takes the whole list).
fn with(answers: &Answers, changes: &[(&str, &[&str])]) -> Answers {
    let mut changed = answers.clone();
    for (question, values) in changes {
        let q = kb()
            .question(question)
            .unwrap_or_else(|| panic!("no question {question}"));
        for v in *values {
            assert!(q.choice(v).is_some(), "{question} has no option {v}");
        }
        let value = match q.kind {
            QuestionKind::Many => AnswerValue::Many(values.iter().map(|v| v.to_string()).collect()),
            _ => AnswerValue::One(values[0].to_string()),
        };
        changed.set(question, value);
    }
    changed
}

/// Whether `question` is answered with `option` (among others, for a several-choice one).
fn answered(answers: &Answers, question: &str, option: &str) -> bool {
    answers.get(question).is_some_and(|v| v.has(option))
}

/// History that grows fast: kept for a window or going cold, or a stream of events or
/// measurements, at 10 GB and more.
fn history_grows_fast(all: &Answers) -> bool {
    // Only the answers the interview asks count: the schema reads no others.
    let mut answers = Answers::default();
    for q in dbadvise::engine::walk(kb(), all).asked {
        if let Some(v) = all.get(q) {
            answers.set(q, v.clone());
        }
    }
    let answers = &answers;
    let volume = ["medium", "large", "huge"]
        .iter()
        .any(|v| answered(answers, "volume", v));
    let ages =
        answered(answers, "lifetime", "retention") || answered(answers, "lifetime", "cold-after");
    let streams =
        answered(answers, "data-kinds", "events") || answered(answers, "data-kinds", "time-series");
    volume && (ages || streams)
}

/// Complete advice for answers, or a panic naming what is open.
fn advice_of(name: &str, answers: &Answers) -> Advice {
    let advice = advise(kb(), answers);
    assert!(
        advice.complete,
        "{name}: the answers leave {:?} open",
        advice.pending
    );
    advice
}

fn schema_of(name: &str, answers: &Answers) -> StarterSchema {
    advice_of(name, answers)
        .starter_schema
        .unwrap_or_else(|| panic!("{name}: no starter schema"))
}

/// Every access pattern but similarity search (pgvector is not packaged everywhere; the
/// store-locator project asks for it).
const ALL_PATTERNS_BUT_VECTOR: &[&str] = &[
    "equality-high",
    "equality-low",
    "range",
    "sort",
    "multi-column",
    "case-insensitive",
    "hot-narrow",
    "substring",
    "json-containment",
    "full-text",
    "time-append",
    "geo",
];

/// Variants of the projects' answers that keep the parts no project keeps, so that every
/// part of every schema runs somewhere: (name, project, changed answers).
/// Answers to change: (question, the new answer's options).
type Changes = &'static [(&'static str, &'static [&'static str])];

const VARIANTS: &[(&str, &str, Changes)] = &[
    (
        // History kept for a window at 10 GB and more is partitioned. The interview asks
        // how long data lives of a system that keeps files (or events, measurements …),
        // or at a terabyte and more: files it is, beside the records.
        "postgresql-everything",
        "multi-tenant-saas",
        &[
            ("access-patterns", ALL_PATTERNS_BUT_VECTOR),
            ("invariants", &["money"]),
            ("data-kinds", &["records", "files"]),
            ("lifetime", &["retention"]),
            ("id-exposure", &["internal"]),
        ],
    ),
    (
        // The SaaS's history kept for a window: events partitioned by month.
        "postgresql-history",
        "multi-tenant-saas",
        &[
            ("data-kinds", &["records", "files"]),
            ("lifetime", &["retention"]),
        ],
    ),
    (
        // Documents beside the records: a JSONB column for what varies.
        "postgresql-documents",
        "multi-tenant-saas",
        &[("data-kinds", &["records", "documents"])],
    ),
    (
        // A shared-tenant shop whose events move money: deleting a tenant is refused.
        "mysql-tenant-money",
        "mysql-shop",
        &[("multi-tenant", &["shared"]), ("invariants", &["money"])],
    ),
    (
        "mysql-everything",
        "mysql-shop",
        &[
            ("access-patterns", ALL_PATTERNS_BUT_VECTOR),
            ("multi-tenant", &["shared"]),
            ("data-kinds", &["records", "files"]),
            ("lifetime", &["retention"]),
            ("id-exposure", &["internal"]),
        ],
    ),
    (
        "mysql-tenants-internal-ids-no-money",
        "mysql-shop",
        &[
            ("invariants", &[]),
            ("id-exposure", &["internal"]),
            ("multi-tenant", &["shared"]),
            ("access-patterns", &["equality-high"]),
        ],
    ),
    (
        // The inspections app inside the application instead of syncing devices: SQLite,
        // with ids made on the device and keyword search.
        "sqlite-app",
        "mobile-offline",
        &[("deployment", &["embedded"])],
    ),
    (
        "sqlite-everything",
        "mobile-offline",
        &[
            ("deployment", &["embedded"]),
            ("access-patterns", ALL_PATTERNS_BUT_VECTOR),
            ("invariants", &["money"]),
            ("id-exposure", &["internal"]),
        ],
    ),
];

/// The access patterns whose index statements `access_patterns_change_the_index_statements`
/// checks on the real server, one variant each.
const PATTERN_VARIANTS: &[&str] = &[
    "equality-low",
    "range",
    "sort",
    "multi-column",
    "case-insensitive",
    "hot-narrow",
    "substring",
    "json-containment",
    "full-text",
    "time-append",
    "geo",
];

struct Case {
    name: String,
    /// An example project (not a variant).
    project: bool,
    answers: Answers,
    advice: Advice,
    schema: StarterSchema,
}

/// The projects with a starter schema, the variants, and one variant of the
/// multi-tenant SaaS per access pattern (without its keyword search, so that the
/// full-text pattern alone adds the search index).
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut cases = Vec::new();
        let mut push = |name: String, project: bool, answers: Answers| {
            let advice = advice_of(&name, &answers);
            if let Some(schema) = advice.starter_schema.clone() {
                cases.push(Case {
                    name,
                    project,
                    answers,
                    advice,
                    schema,
                });
            }
        };
        for (name, answers) in projects() {
            push(name.clone(), true, answers.clone());
        }
        for (name, base, changes) in VARIANTS {
            push(name.to_string(), false, with(project(base), changes));
        }
        for pattern in PATTERN_VARIANTS {
            let answers = with(
                project("multi-tenant-saas"),
                &[
                    ("access-patterns", &["equality-high", pattern]),
                    ("features", &[]),
                ],
            );
            push(format!("multi-tenant-saas-{pattern}"), false, answers);
        }
        cases
    })
}

fn case(name: &str) -> &'static Case {
    cases()
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name} with a starter schema"))
}

/// How a schema for an engine is proven.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Runner {
    Postgres,
    /// TimescaleDB is not packaged by Debian: parsed.
    Timescale,
    Mariadb,
    Sqlite,
}

fn runner(engine: &str) -> Option<Runner> {
    match engine {
        // Citus is PostgreSQL with an extension: its schema is plain PostgreSQL.
        "postgresql" | "citus" => Some(Runner::Postgres),
        "timescaledb" => Some(Runner::Timescale),
        "mysql" => Some(Runner::Mariadb),
        "sqlite" => Some(Runner::Sqlite),
        _ => None,
    }
}

fn db_name(prefix: &str, case: &str) -> String {
    format!("{prefix}_{}", case.replace('-', "_"))
        .chars()
        .take(60)
        .collect()
}

// --- results per engine --------------------------------------------------------------

#[derive(Default)]
struct Results {
    /// `PostgreSQL 15.18`.
    engine: String,
    /// The engine is not installed and that is allowed here: the SKIPPED note.
    skipped: Option<String>,
    /// Cases whose whole schema ran, by name.
    executed: Vec<String>,
    /// Cases only parsed, with why (`TimescaleDB`, `pgvector`).
    parsed: Vec<(String, String)>,
    /// Cases that failed: `name: what went wrong`.
    failures: Vec<String>,
    /// Checks of the tailoring on the real server, by name.
    checks: BTreeMap<&'static str, Result<(), String>>,
    /// A deliberately broken schema that the runner must report (Err: it did).
    canary: Option<Result<(), String>>,
}

impl Results {
    fn unavailable(&mut self, unavailable: &Unavailable) {
        match skip_or_fail(unavailable) {
            Ok(note) => self.skipped = Some(note),
            Err(message) => self.failures.push(message),
        }
    }

    fn ran(&self) -> bool {
        self.skipped.is_none() && self.failures.iter().all(|f| !f.starts_with("engine: "))
    }

    fn check(&mut self, name: &'static str, outcome: Result<(), String>) {
        self.checks.insert(name, outcome);
    }

    /// The outcome of one run of a case's schema.
    fn record(&mut self, case: &str, outcome: Result<String, String>) {
        match outcome {
            Ok(_) => self.executed.push(case.to_string()),
            Err(e) => self.failures.push(format!(
                "{case}:\n    {}",
                e.trim_end().replace('\n', "\n    ")
            )),
        }
    }
}

/// Fails the calling test with an engine's failures; false when the engine is skipped.
fn engine_ok(r: &Results) -> bool {
    if let Some(note) = &r.skipped {
        say(&format!("{note} (schema test)"));
        return false;
    }
    if !r.failures.is_empty() {
        panic!(
            "{}: {} failure(s):\n\n{}",
            r.engine,
            r.failures.len(),
            r.failures.join("\n\n")
        );
    }
    true
}

/// Asserts a tailoring check of an engine (skipped with the engine).
fn assert_check(r: &Results, name: &str) {
    if r.skipped.is_some() {
        say(&format!(
            "{}: check `{name}` skipped",
            r.skipped.as_deref().unwrap_or("")
        ));
        return;
    }
    if r.failures.iter().any(|f| f.starts_with("engine: ")) {
        panic!("{}", r.failures.join("\n"));
    }
    match r.checks.get(name) {
        Some(Ok(())) => {}
        Some(Err(e)) => panic!("{} check `{name}` failed:\n{e}", r.engine),
        None => panic!("{} check `{name}` did not run", r.engine),
    }
}

// --- PostgreSQL ----------------------------------------------------------------------

/// Extensions Debian 12 does not package for PostgreSQL 15: a schema that needs one is
/// parsed, and listed as such.
const NOT_PACKAGED: &[(&str, &str)] = &[("vector", "pgvector")];

/// The extensions a script creates.
fn extensions_created(sql: &str) -> Vec<String> {
    sql.lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("CREATE EXTENSION IF NOT EXISTS ")
                .map(|rest| rest.trim_end_matches(';').trim().to_string())
        })
        .collect()
}

/// Runs `f` on a fresh database, then drops it (and the roles the script made).
fn with_pg_db<T>(
    server: &Postgres,
    name: &str,
    f: impl FnOnce(&PgDatabase) -> Result<T, String>,
) -> Result<T, String> {
    let db = server.fresh_database(name)?;
    let outcome = f(&db);
    let cleanup = server.drop_database(db);
    let value = outcome?;
    cleanup.map_err(|e| format!("left state that cannot be dropped: {e}"))?;
    Ok(value)
}

fn parse_postgres(sql: &str) -> Result<(), String> {
    Parser::parse_sql(&PostgreSqlDialect {}, sql)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// PostgreSQL's own grammar on `sql`: only syntax errors count.
fn grammar_check(server: &Postgres, name: &str, sql: &str) -> Result<(), String> {
    let errors = with_pg_db(server, name, |db| server.syntax_errors(db, sql))?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

fn pg() -> &'static Results {
    static PG: OnceLock<Results> = OnceLock::new();
    PG.get_or_init(|| {
        let mut r = Results {
            engine: Postgres::ENGINE.to_string(),
            ..Results::default()
        };
        let server = match Postgres::start() {
            Ok(server) => server,
            Err(unavailable) => {
                r.unavailable(&unavailable);
                if !r.failures.is_empty() {
                    r.failures = vec![format!("engine: {}", r.failures.join("; "))];
                }
                return r;
            }
        };
        r.engine = format!("PostgreSQL {}", server.version);
        let available = match server.available_extensions() {
            Ok(set) => set,
            Err(e) => {
                r.failures.push(format!("engine: {e}"));
                return r;
            }
        };
        let run = |name: &str, sql: &str| {
            with_pg_db(&server, &db_name("s", name), |db| {
                server.run_psql_file(db, sql)
            })
        };
        // The runner must report a broken schema, or passing proves nothing.
        let good = &case("multi-tenant-saas").schema.sql;
        r.canary = Some(
            run(
                "canary",
                &format!("{good}\nCREATE TABLE broken (id bigint REFERENCES nowhere (id));\n"),
            )
            .map(|_| ()),
        );
        for c in cases() {
            match runner(&c.schema.engine) {
                Some(Runner::Postgres) => {
                    let missing: Vec<String> = extensions_created(&c.schema.sql)
                        .into_iter()
                        .filter(|e| !available.contains(e))
                        .collect();
                    let unpackaged: Vec<&str> = missing
                        .iter()
                        .filter_map(|e| NOT_PACKAGED.iter().find(|(n, _)| n == e))
                        .map(|(_, package)| *package)
                        .collect();
                    if !missing.is_empty() && unpackaged.len() == missing.len() {
                        let why = unpackaged.join(", ");
                        match grammar_check(&server, &db_name("p", &c.name), &c.schema.sql) {
                            Ok(()) => r.parsed.push((c.name.clone(), why)),
                            Err(e) => r.failures.push(format!(
                                "{}: needs {why} (not installed here), and does not parse: {e}",
                                c.name
                            )),
                        }
                        continue;
                    }
                    let outcome = run(&c.name, &c.schema.sql);
                    r.record(&c.name, outcome);
                }
                Some(Runner::Timescale) => {
                    let grammar = grammar_check(&server, &db_name("t", &c.name), &c.schema.sql);
                    let parsed = parse_postgres(&c.schema.sql);
                    match (grammar, parsed) {
                        (Ok(()), Ok(())) => {
                            r.parsed.push((c.name.clone(), "TimescaleDB".to_string()))
                        }
                        (Ok(()), Err(e)) => r.parsed.push((
                            c.name.clone(),
                            format!("TimescaleDB; PostgreSQL's grammar only, sqlparser: {e}"),
                        )),
                        (Err(e), _) => r.failures.push(format!(
                            "{}: TimescaleDB schema does not parse: {e}",
                            c.name
                        )),
                    }
                }
                _ => {}
            }
        }
        r.check("tenant isolation", check_rls(&server));
        r.check("partitions", check_pg_partitions(&server));
        r.check("full-text search", check_pg_full_text(&server));
        r.check("money", check_pg_money(&server));
        r.check("tenant with money", check_pg_tenant_keeps_money(&server));
        r.check("keys", check_pg_keys(&server));
        r.check("jsonb", check_pg_jsonb(&server));
        r.check("indexes", check_pg_indexes(&server));
        r
    })
}

/// The rows of one query on a database, one string per row.
fn pg_rows(server: &Postgres, db: &PgDatabase, sql: &str) -> Result<Vec<String>, String> {
    Ok(server
        .query(&db.name, sql)?
        .lines()
        .map(str::to_string)
        .collect())
}

fn pg_value(server: &Postgres, db: &PgDatabase, sql: &str) -> Result<String, String> {
    let rows = pg_rows(server, db, sql)?;
    match rows.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("{sql}: expected one row, got {rows:?}")),
    }
}

fn expect_eq(what: &str, got: impl AsRef<str>, want: impl AsRef<str>) -> Result<(), String> {
    if got.as_ref() == want.as_ref() {
        Ok(())
    } else {
        Err(format!(
            "{what}: got {:?}, expected {:?}",
            got.as_ref(),
            want.as_ref()
        ))
    }
}

/// Tenants, users and items of two tenants (Acme with two items, Globex with one) as
/// the superuser; returns (acme, globex, ada, hank) ids as SQL literals.
fn seed_two_tenants(
    server: &Postgres,
    db: &PgDatabase,
) -> Result<(String, String, String, String), String> {
    let id = |sql: &str| pg_value(server, db, sql).map(|v| format!("'{v}'"));
    let acme = id("INSERT INTO tenants (name) VALUES ('Acme') RETURNING id")?;
    let globex = id("INSERT INTO tenants (name) VALUES ('Globex') RETURNING id")?;
    let ada = id(&format!(
        "INSERT INTO users (tenant_id, email, name) VALUES ({acme}, 'ada@acme.example', 'Ada') RETURNING id"
    ))?;
    let hank = id(&format!(
        "INSERT INTO users (tenant_id, email, name) VALUES ({globex}, 'hank@globex.example', 'Hank') RETURNING id"
    ))?;
    server.run_psql_file(
        db,
        format!(
            "INSERT INTO items (tenant_id, owner_id, title) VALUES \
             ({acme}, {ada}, 'Acme roadmap'), ({acme}, {ada}, 'Acme pricing'), \
             ({globex}, {hank}, 'Globex merger plan');\n\
             INSERT INTO events (tenant_id, item_id, kind) SELECT tenant_id, id, 'created' FROM items;\n"
        )
        .as_str(),
    )?;
    Ok((acme, globex, ada, hank))
}

/// The multi-tenant SaaS: tenant_id and forced row-level security on every tenant-owned
/// table; an application role (no superuser, no BYPASSRLS) with app.tenant_id set sees
/// and writes only its tenant's rows, sees nothing without it; the owner is filtered too.
fn check_rls(server: &Postgres) -> Result<(), String> {
    let schema = &case("multi-tenant-saas").schema.sql;
    with_pg_db(server, "check_rls", |db| {
        server.run_psql_file(db, schema.as_str())?;
        // Every table but tenants (and partitions) is tenant-owned: tenant_id, RLS forced,
        // a policy.
        let tables = pg_rows(
            server,
            db,
            "SELECT c.relname || ':' || c.relrowsecurity || ':' || c.relforcerowsecurity || ':' || \
             EXISTS (SELECT 1 FROM information_schema.columns i \
                     WHERE i.table_name = c.relname AND i.column_name = 'tenant_id') || ':' || \
             (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition \
             ORDER BY 1",
        )?;
        expect_eq(
            "tables: name:rls:forced:tenant_id:policies",
            tables.join(" "),
            "events:true:true:true:1 items:true:true:true:1 tenants:true:false:false:1 users:true:true:true:1",
        )?;
        let (acme, globex, _ada, hank) = seed_two_tenants(server, db)?;
        server.run_psql_file(
            db,
            "CREATE ROLE dbadvise_app NOLOGIN NOSUPERUSER NOBYPASSRLS;\n\
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dbadvise_app;\n\
             CREATE ROLE dbadvise_owner NOLOGIN NOSUPERUSER NOBYPASSRLS;\n\
             ALTER TABLE tenants OWNER TO dbadvise_owner;\n\
             ALTER TABLE users OWNER TO dbadvise_owner;\n\
             ALTER TABLE items OWNER TO dbadvise_owner;\n\
             ALTER TABLE events OWNER TO dbadvise_owner;\n",
        )?;
        let seen = |role: &str, tenant: Option<&str>| -> Result<String, String> {
            let set = tenant
                .map(|t| format!("SET app.tenant_id = {t};"))
                .unwrap_or_default();
            pg_value(
                server,
                db,
                &format!(
                    "SET ROLE {role}; {set} SELECT (SELECT count(*) FROM tenants) || ' ' || \
                     (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM items) || ' ' || \
                     (SELECT count(*) FROM events) || ' ' || \
                     (SELECT count(*) FROM items WHERE title LIKE 'Globex%')"
                ),
            )
        };
        // tenants users items events globex-items
        expect_eq(
            "Acme's view",
            seen("dbadvise_app", Some(&acme))?,
            "1 1 2 2 0",
        )?;
        expect_eq(
            "Globex's view",
            seen("dbadvise_app", Some(&globex))?,
            "1 1 1 1 1",
        )?;
        expect_eq("no tenant set", seen("dbadvise_app", None)?, "0 0 0 0 0")?;
        expect_eq(
            "the owner without a tenant (FORCE)",
            seen("dbadvise_owner", None)?,
            "2 0 0 0 0",
        )?;
        // Writing into another tenant is refused; into one's own, allowed.
        let planted = server.run_psql_file(
            db,
            format!(
                "SET ROLE dbadvise_app;\nSET app.tenant_id = {acme};\n\
                 INSERT INTO items (tenant_id, owner_id, title) VALUES ({globex}, {hank}, 'Planted');\n"
            )
            .as_str(),
        );
        match planted {
            Err(e) if e.contains("row-level security") => {}
            other => {
                return Err(format!(
                    "a write into another tenant was not refused: {other:?}"
                ))
            }
        }
        server.run_psql_file(
            db,
            format!(
                "SET ROLE dbadvise_app;\nBEGIN;\nSET LOCAL app.tenant_id = {acme};\n\
                 INSERT INTO users (tenant_id, email, name) VALUES ({acme}, 'grace@acme.example', 'Grace');\n\
                 COMMIT;\n"
            )
            .as_str(),
        )?;
        // Emails are unique per tenant, whatever their case.
        let duplicate = server.run_psql_file(
            db,
            format!(
                "INSERT INTO users (tenant_id, email, name) VALUES ({acme}, 'ADA@acme.example', 'Ada again');\n"
            )
            .as_str(),
        );
        if !duplicate
            .as_ref()
            .is_err_and(|e| e.contains("users_email_key"))
        {
            return Err(format!(
                "a case-changed duplicate email was accepted: {duplicate:?}"
            ));
        }
        // Deleting a tenant deletes its rows, and only its rows.
        server.run_psql_file(
            db,
            format!("DELETE FROM tenants WHERE id = {acme};\n").as_str(),
        )?;
        expect_eq(
            "rows left after deleting Acme",
            pg_value(
                server,
                db,
                "SELECT (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM items) || ' ' || \
                 (SELECT count(*) FROM events)",
            )?,
            "1 1 1",
        )
    })
}

/// History kept for a window: events is partitioned by range with a default partition,
/// and rows land in this month's partition, a later month's, or the default one. Data
/// kept for good: a plain table.
fn check_pg_partitions(server: &Postgres) -> Result<(), String> {
    let growing = &case("postgresql-history");
    with_pg_db(server, "check_partitions", |db| {
        server.run_psql_file(db, growing.schema.sql.as_str())?;
        expect_eq(
            "events' kind and partitioning",
            pg_value(
                server,
                db,
                "SELECT c.relkind::text || ' ' || pg_get_partkeydef(c.oid) FROM pg_class c WHERE c.relname = 'events'",
            )?,
            "p RANGE (occurred_at)",
        )?;
        let (acme, _globex, _ada, _hank) = seed_two_tenants(server, db)?;
        server.run_psql_file(
            db,
            format!(
                "INSERT INTO events (tenant_id, item_id, kind, occurred_at) \
                 SELECT tenant_id, id, 'old', '2000-01-15 12:00+00' FROM items WHERE tenant_id = {acme} LIMIT 1;\n\
                 INSERT INTO events (tenant_id, item_id, kind, occurred_at) \
                 SELECT tenant_id, id, 'later', date_trunc('month', now()) + interval '2 months 3 days' \
                 FROM items WHERE tenant_id = {acme} LIMIT 1;\n"
            )
            .as_str(),
        )?;
        let landed = pg_rows(
            server,
            db,
            "SELECT kind || ' ' || (tableoid::regclass::text = \
               CASE kind WHEN 'created' THEN 'events_' || to_char(now(), 'YYYY_MM') \
                         WHEN 'later' THEN 'events_' || to_char(now() + interval '2 months', 'YYYY_MM') \
                         ELSE 'events_default' END) \
             FROM events ORDER BY kind",
        )?;
        expect_eq(
            "each row in its partition (kind, in the right partition)",
            landed.join(", "),
            "created true, created true, created true, later true, old true",
        )?;
        // A month nobody made a partition for yet lands in the default partition.
        expect_eq(
            "rows in the default partition",
            pg_value(server, db, "SELECT count(*) FROM events_default")?,
            "1",
        )
    })?;
    let kept = &case("multi-tenant-saas");
    with_pg_db(server, "check_no_partitions", |db| {
        server.run_psql_file(db, kept.schema.sql.as_str())?;
        expect_eq(
            "events kept for good",
            pg_value(
                server,
                db,
                "SELECT relkind FROM pg_class WHERE relname = 'events'",
            )?,
            "r",
        )
    })
}

/// Full-text search: the generated tsvector column finds stemmed words, and the planner
/// uses its GIN index.
fn check_pg_full_text(server: &Postgres) -> Result<(), String> {
    let c = case("ecommerce-catalogue");
    with_pg_db(server, "check_fts", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        server.run_psql_file(
            db,
            "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
             INSERT INTO items (owner_id, title, body, price, currency) \
             SELECT id, 'Hex bolts M8', 'Zinc-plated steel bolts, sold by the hundred', 4.5000, 'EUR' FROM users;\n\
             INSERT INTO items (owner_id, title, body, price, currency) \
             SELECT id, 'Hex nuts M8', 'Steel nuts for the bolts', 1.2000, 'EUR' FROM users;\n\
             INSERT INTO items (owner_id, title, price, currency) \
             SELECT id, 'Washer ' || g, 0.0500, 'EUR' FROM users, generate_series(1, 2000) g;\n\
             ANALYZE items;\n",
        )?;
        let found = pg_rows(
            server,
            db,
            "SELECT title FROM items WHERE search @@ websearch_to_tsquery('english', 'bolt') \
             ORDER BY ts_rank(search, websearch_to_tsquery('english', 'bolt')) DESC, title",
        )?;
        expect_eq(
            "items matching 'bolt' (stemmed, title first)",
            found.join(", "),
            "Hex bolts M8, Hex nuts M8",
        )?;
        let plan = pg_rows(
            server,
            db,
            "SET enable_seqscan = off; \
             EXPLAIN SELECT id FROM items WHERE search @@ websearch_to_tsquery('english', 'bolt')",
        )?
        .join("\n");
        if !plan.contains("items_search_idx") {
            return Err(format!("the search does not use items_search_idx:\n{plan}"));
        }
        Ok(())
    })
}

/// Money is NUMERIC(19,4), never a float, and adds up exactly.
/// A shared-tenant schema whose events move money: deleting a tenant must not delete
/// its payment events through a cascade (it is refused; the tenant is closed instead).
fn check_pg_tenant_keeps_money(server: &Postgres) -> Result<(), String> {
    let c = case("postgresql-everything");
    with_pg_db(server, "check_tenant_money", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        let id = |sql: &str| pg_value(server, db, sql).map(|v| format!("'{v}'"));
        let acme = id("INSERT INTO tenants (name) VALUES ('Acme') RETURNING id")?;
        let ada = id(&format!(
            "INSERT INTO users (tenant_id, email, name) VALUES ({acme}, 'ada@acme.example', 'Ada') RETURNING id"
        ))?;
        server.run_psql_file(
            db,
            format!(
                "INSERT INTO items (tenant_id, owner_id, title, price, currency) VALUES \
                 ({acme}, {ada}, 'Plan', 10, 'EUR'), ({acme}, {ada}, 'Seats', 5, 'EUR');\n\
                 INSERT INTO events (tenant_id, item_id, kind, amount, currency) \
                 SELECT tenant_id, id, 'payment', 12.50, 'EUR' FROM items;\n"
            )
            .as_str(),
        )?;
        let deleted =
            server.run_psql_file(db, &format!("DELETE FROM tenants WHERE id = {acme};\n"));
        if !deleted.as_ref().is_err_and(|e| e.contains("foreign key")) {
            return Err(format!(
                "deleting a tenant with payment events was not refused: {deleted:?}"
            ));
        }
        expect_eq(
            "payment events kept",
            pg_value(
                server,
                db,
                "SELECT count(*) FROM events WHERE amount IS NOT NULL",
            )?,
            "2",
        )
    })
}

fn check_pg_money(server: &Postgres) -> Result<(), String> {
    let c = case("payments-ledger");
    with_pg_db(server, "check_money", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        let money = pg_rows(
            server,
            db,
            "SELECT table_name || '.' || column_name || ' ' || data_type || '(' || numeric_precision || ',' || numeric_scale || ')' \
             FROM information_schema.columns WHERE table_schema = 'public' \
             AND column_name IN ('price', 'amount') AND table_name IN ('items', 'events') ORDER BY 1",
        )?;
        expect_eq(
            "money columns",
            money.join(", "),
            "events.amount numeric(19,4), items.price numeric(19,4)",
        )?;
        let floats = pg_rows(
            server,
            db,
            "SELECT table_name || '.' || column_name FROM information_schema.columns \
             WHERE table_schema = 'public' AND data_type IN ('real', 'double precision')",
        )?;
        if !floats.is_empty() {
            return Err(format!("float columns in a money workload: {floats:?}"));
        }
        server.run_psql_file(
            db,
            "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
             INSERT INTO items (owner_id, title, price, currency) SELECT id, 'Wallet', 0, 'EUR' FROM users;\n\
             INSERT INTO events (item_id, kind, amount, currency) \
             SELECT id, 'deposit', 0.10, 'EUR' FROM items, generate_series(1, 3);\n",
        )?;
        expect_eq(
            "three deposits of 0.10",
            pg_value(server, db, "SELECT sum(amount) = 0.30 FROM events")?,
            "t",
        )?;
        // An amount without its currency is refused.
        let bare = server.run_psql_file(
            db,
            "INSERT INTO events (item_id, kind, amount) SELECT id, 'fee', 1 FROM items;\n",
        );
        if bare.is_ok() {
            return Err("an amount without a currency was accepted".into());
        }
        // Money movements are never deleted with their item.
        let deleted = server.run_psql_file(db, "DELETE FROM items;\n");
        if !deleted.as_ref().is_err_and(|e| e.contains("foreign key")) {
            return Err(format!(
                "an item with money events was deleted: {deleted:?}"
            ));
        }
        Ok(())
    })
}

/// Keys: BIGINT identity for internal ids, UUID with a default for exposed ones.
fn check_pg_keys(server: &Postgres) -> Result<(), String> {
    let key = |name: &str| -> Result<String, String> {
        let c = case(name);
        with_pg_db(server, &db_name("keys", name), |db| {
            server.run_psql_file(db, c.schema.sql.as_str())?;
            pg_value(
                server,
                db,
                "SELECT data_type || ' identity=' || is_identity || ' default=' || coalesce(column_default, '-') \
                 FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'id'",
            )
        })
    };
    expect_eq(
        "internal-tool items.id",
        key("internal-tool")?,
        "bigint identity=YES default=-",
    )?;
    expect_eq(
        "multi-tenant-saas items.id",
        key("multi-tenant-saas")?,
        "uuid identity=NO default=gen_random_uuid()",
    )
}

/// JSONB attributes with a GIN index answer containment queries through the index.
fn check_pg_jsonb(server: &Postgres) -> Result<(), String> {
    let c = case("postgresql-documents");
    with_pg_db(server, "check_jsonb", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        let (acme, _, ada, _) = seed_two_tenants(server, db)?;
        server.run_psql_file(
            db,
            format!(
                "INSERT INTO items (tenant_id, owner_id, title, attributes) VALUES \
                 ({acme}, {ada}, 'Red chair', '{{\"colour\": \"red\", \"legs\": 4}}'), \
                 ({acme}, {ada}, 'Blue chair', '{{\"colour\": \"blue\"}}');\n\
                 ANALYZE items;\n"
            )
            .as_str(),
        )?;
        expect_eq(
            "red items",
            pg_value(
                server,
                db,
                "SELECT string_agg(title, ',') FROM items WHERE attributes @> '{\"colour\": \"red\"}'",
            )?,
            "Red chair",
        )?;
        let plan = pg_rows(
            server,
            db,
            "SET enable_seqscan = off; EXPLAIN SELECT id FROM items WHERE attributes @> '{\"colour\": \"red\"}'",
        )?
        .join("\n");
        if !plan.contains("items_attributes_idx") {
            return Err(format!(
                "containment does not use items_attributes_idx:\n{plan}"
            ));
        }
        Ok(())
    })
}

/// The index each access pattern asks for, as PostgreSQL describes it after running the
/// variant's schema: (pattern, index name, a part of its definition).
const PATTERN_INDEXES: &[(&str, &str, &str)] = &[
    (
        "equality-low",
        "items_pending_idx",
        "(tenant_id, created_at) WHERE (status = 'pending'::text)",
    ),
    (
        "range",
        "items_created_idx",
        "btree (tenant_id, created_at, id)",
    ),
    (
        "sort",
        "items_created_idx",
        "btree (tenant_id, created_at, id)",
    ),
    (
        "multi-column",
        "items_owner_status_idx",
        "btree (tenant_id, owner_id, status, created_at DESC)",
    ),
    (
        "case-insensitive",
        "users_email_key",
        "UNIQUE INDEX users_email_key ON public.users USING btree (tenant_id, lower(email))",
    ),
    (
        "hot-narrow",
        "items_list_idx",
        "btree (tenant_id, status, created_at DESC) INCLUDE (title)",
    ),
    (
        "substring",
        "items_title_trgm_idx",
        "gin (title gin_trgm_ops)",
    ),
    (
        "json-containment",
        "items_attributes_idx",
        "gin (attributes jsonb_path_ops)",
    ),
    ("full-text", "items_search_idx", "gin (search)"),
    ("time-append", "events_occurred_brin", "brin (occurred_at)"),
    ("geo", "items_location_idx", "gist (location)"),
];

/// Each access-pattern variant of the multi-tenant SaaS, run on the server: its index is
/// there with the definition the pattern calls for.
fn check_pg_indexes(server: &Postgres) -> Result<(), String> {
    let mut problems = Vec::new();
    for (pattern, index, definition) in PATTERN_INDEXES {
        let c = case(&format!("multi-tenant-saas-{pattern}"));
        let found = with_pg_db(server, &db_name("idx", pattern), |db| {
            server.run_psql_file(db, c.schema.sql.as_str())?;
            pg_rows(
                server,
                db,
                &format!("SELECT indexdef FROM pg_indexes WHERE indexname = '{index}'"),
            )
        });
        match found {
            Ok(rows) if rows.len() == 1 && rows[0].contains(definition) => {}
            Ok(rows) => problems.push(format!(
                "{pattern}: index {index} is {rows:?}, expected it to contain {definition:?}"
            )),
            Err(e) => problems.push(format!("{pattern}: {e}")),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

// --- MariaDB -------------------------------------------------------------------------

fn maria() -> &'static Results {
    static MARIA: OnceLock<Results> = OnceLock::new();
    MARIA.get_or_init(|| {
        let mut r = Results {
            engine: MariaDb::ENGINE.to_string(),
            ..Results::default()
        };
        let server = match MariaDb::start() {
            Ok(server) => server,
            Err(unavailable) => {
                r.unavailable(&unavailable);
                if !r.failures.is_empty() {
                    r.failures = vec![format!("engine: {}", r.failures.join("; "))];
                }
                return r;
            }
        };
        r.engine = format!("MariaDB {}", server.version);
        let with_db = |name: &str, f: &dyn Fn(&str) -> Result<(), String>| -> Result<(), String> {
            let db = server.fresh_database(&db_name("m", name))?;
            let outcome = f(&db);
            let cleanup = server.drop_database(&db);
            outcome?;
            cleanup
        };
        let good = &case("mysql-shop").schema.sql;
        r.canary = Some(with_db("canary", &|db| {
            server
                .run_mysql(
                    db,
                    format!("{good}\nCREATE TABLE broken (id BIGINT, FOREIGN KEY (id) REFERENCES nowhere (id));\n")
                        .as_str(),
                )
                .map(|_| ())
        }));
        for c in cases().iter().filter(|c| runner(&c.schema.engine) == Some(Runner::Mariadb)) {
            let outcome = with_db(&c.name, &|db| server.run_mysql(db, c.schema.sql.as_str()).map(|_| ()));
            r.record(&c.name, outcome.map(|()| String::new()));
        }
        let value = |db: &str, sql: &str| server.query(Some(db), sql);
        // Money: DECIMAL(19,4), no FLOAT or DOUBLE anywhere.
        r.check(
            "money",
            with_db("money", &|db| {
                server.run_mysql(db, case("mysql-shop").schema.sql.as_str())?;
                expect_eq(
                    "money columns",
                    value(
                        db,
                        "SELECT GROUP_CONCAT(CONCAT(table_name, '.', column_name, ' ', column_type) ORDER BY 1) \
                         FROM information_schema.columns WHERE table_schema = DATABASE() \
                         AND column_name IN ('price', 'amount')",
                    )?,
                    "events.amount decimal(19,4),items.price decimal(19,4)",
                )?;
                expect_eq(
                    "float columns",
                    value(
                        db,
                        "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() \
                         AND data_type IN ('float', 'double', 'real')",
                    )?,
                    "0",
                )
            }),
        );
        // Full-text search with MATCH … AGAINST on the FULLTEXT index.
        r.check(
            "full-text search",
            with_db("fts", &|db| {
                server.run_mysql(db, case("mysql-shop").schema.sql.as_str())?;
                server.run_mysql(
                    db,
                    "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
                     INSERT INTO items (owner_id, title, body, price, currency) VALUES \
                     (LAST_INSERT_ID(), 'Gardening for beginners', 'Roses, tulips and a greenhouse', 19.9000, 'EUR'),\
                     (LAST_INSERT_ID(), 'Cooking at home', 'Bread, soups and pasta', 24.5000, 'EUR');\n",
                )?;
                expect_eq(
                    "books about greenhouses",
                    value(
                        db,
                        "SELECT title FROM items WHERE MATCH (title, body) AGAINST ('greenhouse' IN NATURAL LANGUAGE MODE)",
                    )?,
                    "Gardening for beginners",
                )
            }),
        );
        // History kept for a window: rows land in their quarter's partition, or in p_future.
        r.check(
            "partitions",
            with_db("parts", &|db| {
                server.run_mysql(db, case("mysql-everything").schema.sql.as_str())?;
                server.run_mysql(
                    db,
                    "INSERT INTO tenants (name) VALUES ('Acme');\n\
                     INSERT INTO users (tenant_id, email, name) VALUES (1, 'ada@acme.example', 'Ada');\n\
                     INSERT INTO items (tenant_id, owner_id, title, body, price, currency, attributes) \
                     VALUES (1, 1, 'Roadmap', '', 0, 'EUR', '{\"colour\": \"red\"}');\n\
                     INSERT INTO events (tenant_id, item_id, kind, occurred_at) VALUES \
                     (1, 1, 'q1', '2026-02-14 10:00:00'), (1, 1, 'q3', '2026-08-01 00:00:00'), \
                     (1, 1, 'far', '2031-01-01 00:00:00');\n",
                )?;
                let count = |partition: &str| {
                    value(
                        db,
                        &format!("SELECT GROUP_CONCAT(kind) FROM events PARTITION ({partition})"),
                    )
                };
                expect_eq("p2026_q1", count("p2026_q1")?, "q1")?;
                expect_eq("p2026_q3", count("p2026_q3")?, "q3")?;
                expect_eq("p_future", count("p_future")?, "far")?;
                expect_eq(
                    "the generated colour column",
                    value(db, "SELECT title FROM items WHERE colour = 'red'")?,
                    "Roadmap",
                )
            }),
        );
        // Exposed ids: a random public_id, unique.
        r.check(
            "keys",
            with_db("keys", &|db| {
                server.run_mysql(db, case("mysql-shop").schema.sql.as_str())?;
                server.run_mysql(
                    db,
                    "INSERT INTO users (email, name) VALUES ('a@example.com', 'A'), ('b@example.com', 'B');\n",
                )?;
                expect_eq(
                    "distinct 16-byte public ids",
                    value(
                        db,
                        "SELECT CONCAT(COUNT(DISTINCT public_id), ' ', MIN(LENGTH(public_id))) FROM users",
                    )?,
                    "2 16",
                )
            }),
        );
        r
    })
}

// --- SQLite --------------------------------------------------------------------------

fn sqlite() -> &'static Results {
    static SQLITE: OnceLock<Results> = OnceLock::new();
    SQLITE.get_or_init(|| {
        let mut r = Results {
            engine: Sqlite::ENGINE.to_string(),
            ..Results::default()
        };
        let shell = match Sqlite::find() {
            Ok(shell) => shell,
            Err(unavailable) => {
                r.unavailable(&unavailable);
                if !r.failures.is_empty() {
                    r.failures = vec![format!("engine: {}", r.failures.join("; "))];
                }
                return r;
            }
        };
        r.engine = format!("SQLite {}", shell.version);
        let good = &case("sqlite-app").schema.sql;
        r.canary = Some(
            shell
                .run_sqlite(format!("{good}\nINSERT INTO nowhere VALUES (1);\n").as_str())
                .map(|_| ()),
        );
        for c in cases().iter().filter(|c| runner(&c.schema.engine) == Some(Runner::Sqlite)) {
            let outcome = shell.run_sqlite(c.schema.sql.as_str());
            r.record(&c.name, outcome);
        }
        // FTS5 kept in step by the triggers; money in integer cents; foreign keys enforced.
        r.check(
            "full-text search",
            shell
                .run_sqlite(
                    format!(
                        "{good}\n\
                         INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
                         INSERT INTO items (owner_id, title, body) SELECT id, 'Boiler inspection', 'Pressure valve replaced' FROM users;\n\
                         INSERT INTO items (owner_id, title, body) SELECT id, 'Roof survey', 'Two tiles missing' FROM users;\n\
                         UPDATE items SET body = 'Gutter cleaned' WHERE title = 'Roof survey';\n\
                         SELECT 'valve:' || group_concat(title) FROM items WHERE id IN (SELECT item_id FROM items_search WHERE items_search MATCH 'valve');\n\
                         SELECT 'tiles:' || count(*) FROM items_search WHERE items_search MATCH 'tiles';\n\
                         SELECT 'gutter:' || count(*) FROM items_search WHERE items_search MATCH 'gutter';\n"
                    )
                    .as_str(),
                )
                .and_then(|out| {
                    expect_eq(
                        "search results",
                        out.lines().filter(|l| l.contains(':')).collect::<Vec<_>>().join(" "),
                        "valve:Boiler inspection tiles:0 gutter:1",
                    )
                }),
        );
        let money = &case("sqlite-everything").schema.sql;
        r.check(
            "money",
            shell
                .run_sqlite(
                    format!(
                        "{money}\n\
                         SELECT 'col:' || name || ' ' || type FROM pragma_table_info('items') WHERE name LIKE 'price%';\n\
                         SELECT 'floats:' || count(*) FROM pragma_table_info('items') WHERE type = 'REAL';\n"
                    )
                    .as_str(),
                )
                .and_then(|out| {
                    expect_eq(
                        "money columns",
                        out.lines().filter(|l| l.contains(':')).collect::<Vec<_>>().join(" "),
                        "col:price_cents INTEGER floats:0",
                    )
                }),
        );
        r.check(
            "foreign keys",
            match shell.run_sqlite(
                format!("{good}\nINSERT INTO items (owner_id, title) VALUES ('nobody', 'Orphan');\n").as_str(),
            ) {
                Err(e) if e.contains("FOREIGN KEY") => Ok(()),
                other => Err(format!("an orphan item was accepted: {other:?}")),
            },
        );
        r
    })
}

// --- coverage ------------------------------------------------------------------------

/// Every item of a schema, each with a label and whether the answers keep it.
fn items(schema: &Schema, answers: &Answers) -> Vec<(String, bool)> {
    let keep = |when: &Option<Condition>, unless: &Option<Condition>| kept(when, unless, answers);
    let mut out = Vec::new();
    for (name, alternatives) in &schema.vars {
        let chosen = alternatives.iter().position(|a| keep(&a.when, &a.unless));
        for (i, alt) in alternatives.iter().enumerate() {
            out.push((format!("var {name} = {:?}", alt.sql), chosen == Some(i)));
        }
    }
    let tables: Vec<&str> = schema
        .parts
        .iter()
        .filter(|p| keep(&p.when, &p.unless))
        .filter_map(|p| p.table.as_deref())
        .collect();
    for (i, part) in schema.parts.iter().enumerate() {
        let mut part_kept = keep(&part.when, &part.unless);
        if !part.for_tables.is_empty() {
            part_kept &= part.for_tables.iter().any(|t| tables.contains(&t.as_str()));
        }
        let label = match (&part.table, &part.sql) {
            (Some(t), _) => format!("table {t}"),
            (_, Some(sql)) => format!("part {}: {}", i + 1, sql.lines().next().unwrap_or("")),
            _ => format!("part {}", i + 1),
        };
        out.push((label.clone(), part_kept));
        for c in &part.columns {
            out.push((
                format!("{label}, column {} {}", c.name, c.kind),
                part_kept && keep(&c.when, &c.unless),
            ));
        }
        for (kind, list) in [
            ("constraint", &part.constraints),
            ("option", &part.options),
            ("statement", &part.statements),
        ] {
            for p in list {
                out.push((
                    format!("{label}, {kind} {}", p.sql.lines().next().unwrap_or("")),
                    part_kept && keep(&p.when, &p.unless),
                ));
            }
        }
    }
    out
}

// --- the tests -----------------------------------------------------------------------

#[test]
fn every_relational_project_gets_the_starter_schema_of_its_engine() {
    let mut wrong = Vec::new();
    let mut without = Vec::new();
    for (name, answers) in projects() {
        let advice = advice_of(name, answers);
        let Some(primary) = advice.primary() else {
            wrong.push(format!("{name}: no primary store"));
            continue;
        };
        let engine = kb().engine(&primary.engine).unwrap();
        let expected = kb().schema_for(&engine.id).map(|s| s.id.clone());
        let got = advice.starter_schema.as_ref().map(|s| s.schema.clone());
        if got != expected {
            wrong.push(format!(
                "{name}: primary {} gets schema {got:?}, expected {expected:?}",
                engine.id
            ));
        }
        if engine.family == "relational" && expected.is_none() {
            without.push(format!("{name} ({})", engine.name));
        }
        if let Some(s) = &advice.starter_schema {
            if runner(&s.engine).is_none() {
                wrong.push(format!(
                    "{name}: no runner in tests/schema.rs for a schema on {}",
                    s.engine
                ));
            }
            if s.sql.trim().is_empty() || s.tailored.is_empty() {
                wrong.push(format!("{name}: an empty schema or nothing tailored"));
            }
        }
    }
    // The relational engines the example projects choose, except CockroachDB, have one
    // (Citus takes PostgreSQL's).
    let engines: BTreeSet<&str> = cases().iter().map(|c| c.schema.engine.as_str()).collect();
    assert_eq!(
        engines,
        BTreeSet::from(["citus", "mysql", "postgresql", "sqlite", "timescaledb"]),
        "the engines whose schemas the projects prove"
    );
    if !without.is_empty() {
        say(&format!(
            "relational primary stores without a starter schema: {}",
            without.join(", ")
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn assembled_schemas_run_on_postgresql() {
    let r = pg();
    if !engine_ok(r) {
        return;
    }
    let pg_cases = cases()
        .iter()
        .filter(|c| runner(&c.schema.engine) == Some(Runner::Postgres))
        .count();
    let pgvector = r.parsed.iter().filter(|(_, why)| why == "pgvector").count();
    assert_eq!(
        r.executed.len() + pgvector,
        pg_cases,
        "every PostgreSQL schema executed (or parsed for want of pgvector)"
    );
    say(&format!(
        "schemas on {}: {} executed ({})",
        r.engine,
        r.executed.len(),
        r.executed.join(", ")
    ));
}

#[test]
fn timescaledb_schemas_parse() {
    let r = pg();
    if !engine_ok(r) {
        return;
    }
    let ts: Vec<&str> = cases()
        .iter()
        .filter(|c| runner(&c.schema.engine) == Some(Runner::Timescale))
        .map(|c| c.name.as_str())
        .collect();
    assert!(!ts.is_empty(), "no TimescaleDB project to parse");
    for name in ts {
        assert!(
            r.parsed
                .iter()
                .any(|(n, why)| n == name && why.starts_with("TimescaleDB")),
            "{name} was not parsed"
        );
    }
    let c = case("timeseries-metrics");
    assert!(c
        .schema
        .sql
        .contains("SELECT create_hypertable('events', by_range('occurred_at'"));
    assert!(
        !c.schema.sql.contains("PARTITION BY"),
        "a hypertable is the partitioning"
    );
}

#[test]
fn assembled_schemas_run_on_mariadb() {
    let r = maria();
    if !engine_ok(r) {
        return;
    }
    let expected = cases()
        .iter()
        .filter(|c| runner(&c.schema.engine) == Some(Runner::Mariadb))
        .count();
    assert!(expected >= 3);
    assert_eq!(r.executed.len(), expected);
}

#[test]
fn assembled_schemas_run_on_sqlite() {
    let r = sqlite();
    if !engine_ok(r) {
        return;
    }
    let expected = cases()
        .iter()
        .filter(|c| runner(&c.schema.engine) == Some(Runner::Sqlite))
        .count();
    assert!(expected >= 2);
    assert_eq!(r.executed.len(), expected);
}

/// Passing proves something only if the runners report a broken schema.
#[test]
fn the_runners_report_a_broken_schema() {
    for r in [pg(), maria(), sqlite()] {
        if r.skipped.is_some() {
            continue;
        }
        match &r.canary {
            Some(Err(_)) => {}
            Some(Ok(())) => panic!("{}: a broken schema passed", r.engine),
            None => panic!(
                "{}: the broken schema did not run: {:?}",
                r.engine, r.failures
            ),
        }
    }
}

/// A variant proves a part only if a user can get there: every answer it changes is one
/// the interview asks on its path. (An answer to a question that is never asked would
/// keep a part that no interview keeps.)
#[test]
fn every_variant_changes_only_questions_its_interview_asks() {
    let mut off_path = Vec::new();
    let mut check = |name: &str, questions: &mut dyn Iterator<Item = &str>| {
        let asked = &case(name).advice.answers;
        for q in questions {
            if !asked.iter().any(|b| b.question == q) {
                off_path.push(format!("{name}: {q}"));
            }
        }
    };
    for (name, _, changes) in VARIANTS {
        check(name, &mut changes.iter().map(|(q, _)| *q));
    }
    for pattern in PATTERN_VARIANTS {
        check(
            &format!("multi-tenant-saas-{pattern}"),
            &mut ["access-patterns", "features"].into_iter(),
        );
    }
    assert!(
        off_path.is_empty(),
        "variants answer questions their interview does not ask:\n{}",
        off_path.join("\n")
    );
}

/// Every part, column, constraint, option, statement and var alternative of every schema
/// is kept in at least one case that ran on a real engine (or, for TimescaleDB and
/// pgvector, was parsed): no part of the knowledge base goes unproven.
#[test]
fn every_part_of_every_schema_is_proven() {
    let mut unproven = Vec::new();
    for schema in &kb().schemas {
        let mine: Vec<&Case> = cases()
            .iter()
            .filter(|c| c.schema.schema == schema.id)
            .collect();
        assert!(!mine.is_empty(), "schema {} is used by no case", schema.id);
        let mut covered: BTreeSet<String> = BTreeSet::new();
        let mut all: Vec<String> = Vec::new();
        for c in &mine {
            for (label, kept) in items(schema, &c.answers) {
                if kept {
                    covered.insert(label.clone());
                }
                if !all.contains(&label) {
                    all.push(label);
                }
            }
        }
        for label in all.iter().filter(|l| !covered.contains(*l)) {
            unproven.push(format!("{}: {label}", schema.id));
        }
    }
    assert!(
        unproven.is_empty(),
        "parts no case keeps (add a variant to tests/schema.rs VARIANTS):\n{}",
        unproven.join("\n")
    );
}

#[test]
fn a_money_workload_gets_exact_types_and_no_float() {
    let mut wrong = Vec::new();
    for c in cases() {
        let money = answered(&c.answers, "invariants", "money");
        let sql = &c.schema.sql;
        let has = |word: &str| {
            sql.lines()
                .any(|l| !l.trim_start().starts_with("--") && l.contains(word))
        };
        let price = column_type(sql, "items", "price")
            .or_else(|| column_type(sql, "items", "price_cents"))
            .unwrap_or_default();
        if money {
            let exact = match c.schema.engine.as_str() {
                "mysql" => price.starts_with("DECIMAL(19,4) NOT NULL"),
                "sqlite" => price.starts_with("INTEGER NOT NULL"),
                _ => price.starts_with("NUMERIC(19,4) NOT NULL"),
            };
            if !exact {
                wrong.push(format!("{}: money, but the price is {price:?}", c.name));
            }
            for float in ["FLOAT", "REAL", "DOUBLE"] {
                if has(float) {
                    wrong.push(format!("{}: money, and a {float} column", c.name));
                }
            }
        } else if !price.is_empty() || has("amount") {
            wrong.push(format!("{}: no money, yet a money column", c.name));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_check(pg(), "money");
    assert_check(maria(), "money");
    assert_check(sqlite(), "money");
}

#[test]
fn deleting_a_tenant_never_deletes_the_events_that_moved_money() {
    assert_check(pg(), "tenant with money");
}

#[test]
fn multi_tenant_schemas_isolate_tenants_with_row_level_security() {
    for c in cases() {
        let shared = c
            .answers
            .get("multi-tenant")
            .is_some_and(|v| v.values() == ["shared"]);
        let postgres = c.schema.dialect == "postgresql";
        let sql = &c.schema.sql;
        if shared && postgres {
            for table in ["users", "items", "events"] {
                for line in [
                    format!("ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;"),
                    format!("ALTER TABLE {table} FORCE ROW LEVEL SECURITY;"),
                    format!("CREATE POLICY tenant_isolation ON {table}"),
                ] {
                    assert!(sql.contains(&line), "{}: no `{line}`", c.name);
                }
            }
            assert!(
                sql.contains("current_setting('app.tenant_id', true)"),
                "{}",
                c.name
            );
        } else {
            assert!(
                !sql.contains("ROW LEVEL SECURITY"),
                "{}: RLS without tenants",
                c.name
            );
        }
        assert_eq!(
            sql.contains("tenant_id"),
            shared,
            "{}: tenant_id when (and only when) tenants share the tables",
            c.name
        );
    }
    assert_check(pg(), "tenant isolation");
}

#[test]
fn fast_growth_partitions_the_history_and_rows_land_in_the_right_partition() {
    for c in cases() {
        let fast = history_grows_fast(&c.answers);
        let partitioned = c.schema.sql.contains("PARTITION BY RANGE");
        let expected = fast && c.schema.engine != "timescaledb" && c.schema.engine != "sqlite";
        assert_eq!(partitioned, expected, "{}: partitioned?", c.name);
        if partitioned && c.schema.engine == "postgresql" {
            assert!(
                c.schema
                    .sql
                    .contains("CREATE TABLE events_default PARTITION OF events DEFAULT;"),
                "{}: a default partition",
                c.name
            );
        }
    }
    assert_check(pg(), "partitions");
    assert_check(maria(), "partitions");
}

#[test]
fn text_search_gets_a_tsvector_column_and_a_working_index() {
    for c in cases().iter().filter(|c| c.schema.engine == "postgresql") {
        let searches = answered(&c.answers, "features", "keyword-search")
            || answered(&c.answers, "access-patterns", "full-text");
        let sql = &c.schema.sql;
        assert_eq!(
            column_type(sql, "items", "search")
                .is_some_and(|t| t.starts_with("tsvector GENERATED ALWAYS AS (")),
            searches,
            "{}: tsvector column",
            c.name
        );
        assert_eq!(
            sql.contains("CREATE INDEX items_search_idx ON items USING GIN (search);"),
            searches,
            "{}: GIN index on it",
            c.name
        );
    }
    assert_check(pg(), "full-text search");
    assert_check(maria(), "full-text search");
    assert_check(sqlite(), "full-text search");
}

#[test]
fn keys_follow_who_sees_the_ids() {
    for c in cases().iter().filter(|c| c.schema.dialect == "postgresql") {
        let exposed = c
            .answers
            .get("id-exposure")
            .is_none_or(|v| v.values() != ["internal"]);
        let sql = &c.schema.sql;
        for table in ["users", "items"] {
            let key = column_type(sql, table, "id").unwrap_or_default();
            let expected = if exposed {
                "UUID DEFAULT gen_random_uuid() PRIMARY KEY"
            } else {
                "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
            };
            assert_eq!(key, expected, "{}: {table}.id", c.name);
            let owner = column_type(sql, "items", "owner_id").unwrap_or_default();
            let reference = if exposed {
                "UUID NOT NULL"
            } else {
                "BIGINT NOT NULL"
            };
            assert_eq!(owner, reference, "{}: items.owner_id", c.name);
        }
    }
    assert_check(pg(), "keys");
    assert_check(maria(), "keys");
    assert_check(sqlite(), "foreign keys");
    assert_check(pg(), "jsonb");
}

/// The type of a column in a CREATE TABLE of the script: what follows its name, on its
/// line (comments skipped).
fn column_type(sql: &str, table: &str, column: &str) -> Option<String> {
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
fn index_statements(sql: &str) -> BTreeSet<String> {
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
    let file = projects_dir().join("multi-tenant-saas.yaml");
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("dbadvise")
            .unwrap()
            .args(args)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
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
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("record.md");
    run(&[
        "recommend",
        "--date",
        "2026-01-15",
        "-o",
        record.to_str().unwrap(),
        "--answers",
    ]);
    let md = std::fs::read_to_string(&record).unwrap();
    let sql = std::fs::read_to_string(dir.path().join("record.schema.sql")).unwrap();
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
