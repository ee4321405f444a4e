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
use dbadvise::engine::{advise, Advice, Answers, StarterSchema};
use dbadvise::kb::{AnswerValue, Condition, KnowledgeBase, QuestionKind, Schema};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use common::answers::read_answers;
use common::engines::{say, skip_or_fail, MariaDb, PgDatabase, Postgres, Sqlite, Unavailable};
use common::run::{dbadvise, stdout_of};

mod advice_tests;
mod cases;
mod event_store_checks;
mod mariadb_sqlite;
mod pg_checks;
mod postgresql;

use advice_tests::column_type;
use cases::*;
use event_store_checks::*;
use mariadb_sqlite::*;
use pg_checks::*;
use postgresql::*;

// --- results per engine --------------------------------------------------------------

#[derive(Default)]
pub(super) struct Results {
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
    /// The results on `engine` when it is not there: skipped, or (where the engines
    /// are required) failed.
    fn without(engine: &str, unavailable: &Unavailable) -> Results {
        let mut r = Results {
            engine: engine.to_string(),
            ..Results::default()
        };
        match skip_or_fail(unavailable) {
            Ok(note) => r.skipped = Some(note),
            Err(message) => r.failures = vec![format!("engine: {message}")],
        }
        r
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
pub(super) fn engine_ok(r: &Results) -> bool {
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
pub(super) fn assert_check(r: &Results, name: &str) {
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

/// The worked example of row-level security refuses a reference to another tenant's row.
#[test]
fn the_row_level_security_snippet_keeps_references_within_the_tenant() {
    assert_check(pg(), "row-level security snippet");
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

/// An event log kept as the record: each engine refuses a second writer of a stream's
/// version, any change to an event, and keeps the events when the projection is emptied;
/// a domain's tables (a wallet's ledger) get the same in `domain_event`.
#[test]
fn an_event_store_refuses_a_second_writer_and_any_change_to_an_event() {
    assert_check(pg(), "event store");
    assert_check(maria(), "event store");
    assert_check(maria(), "domain events");
    assert_check(sqlite(), "event store");
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
