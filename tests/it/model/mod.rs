//! `dbadvise schema --model`: every example model of `tests/models/` and every domain
//! archetype of `knowledge/archetypes/` becomes tables that PostgreSQL 15, MariaDB and
//! SQLite create, with either kind of key; and on the real servers the models hold
//! their rules (`cases.rs`, `domains.rs`): each engine must refuse what breaks them and
//! allow what does not.

use crate::common;

use std::path::{Path, PathBuf};

use common::engines::{skip_or_fail, MariaDb, PgDatabase, Postgres, Sqlite, Unavailable};
use common::run::{dbadvise, failure_of, stdout_of};

mod archetypes;
mod cases;
mod dbml_input;
mod diagrams;
mod documents;
mod domains;
mod errors;
mod marks;
mod overlaps;
mod partial;
mod review;
mod tenancy;
mod timescale;
mod totals;
mod wallets;

use cases::{cases, Case, Dialect};

/// The example models of tests/models/ (YAML and DBML) and the archetypes of
/// knowledge/archetypes/.
fn models() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found: Vec<PathBuf> = ["tests/models", "knowledge/archetypes"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "dbml"))
        .collect();
    found.sort();
    assert!(
        found.len() >= 17,
        "three example models and 14 archetypes: {found:?}"
    );
    found
}

fn model_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/models/{name}.yaml"))
}

/// `schema ARGS --model NAME` with the model `text` in NAME: refused with exit 13 and
/// nothing written; its message.
fn refused_model(name: &str, text: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    let out = dir.path().join("shop.sql");
    let (code, err) = failure_of(
        dbadvise()
            .arg("schema")
            .args(args)
            .arg("-o")
            .arg(&out)
            .arg("--model")
            .arg(&file),
    );
    assert_eq!(code, 13, "{err}");
    assert!(!out.exists(), "nothing is written");
    err
}

/// The model's tables for `engine`, with `ids` keys.
fn tables(model: &Path, engine: &str, ids: &str) -> String {
    stdout_of(
        dbadvise()
            .args(["schema", "--engine", engine, "--ids", ids, "--model"])
            .arg(model),
    )
}

/// Runs a case's rules on one engine: `fresh(script)` makes a database holding
/// `script` (the model's tables and the case's rows) and returns a runner of statements
/// on it; every refused statement gets a fresh one, the allowed ones share one, in order.
type Run<'a> = Box<dyn FnMut(&str) -> Result<String, String> + 'a>;

fn hold<'a>(
    name: &str,
    case: &dyn Case,
    engine: &str,
    mut fresh: impl FnMut(&str) -> Run<'a>,
) -> Vec<String> {
    let script = format!(
        "{}\n{}",
        tables(&case.model(), engine, "internal"),
        case.setup()
    );
    let mut failures = Vec::new();
    for r in case.refused() {
        let mut run = fresh(&script);
        match run(&r.sql) {
            Ok(_) => failures.push(format!("{name}: accepted {}", r.what)),
            Err(e) if !r.says.iter().any(|w| e.contains(w)) => failures.push(format!(
                "{name}: {} refused for another reason: {e}",
                r.what
            )),
            Err(_) => {}
        }
    }
    let mut run = fresh(&script);
    for a in case.allowed() {
        match run(&a.sql).and_then(|_| run(a.query)) {
            Ok(out) if out.lines().last().map(str::trim) == Some(a.expected) => {}
            Ok(out) => failures.push(format!(
                "{name}: {}: {} gave {out:?}, not {}",
                a.what, a.query, a.expected
            )),
            Err(e) => failures.push(format!("{name}: {}: {e}", a.what)),
        }
    }
    failures
}

/// The personal columns of the invoicing model, as the engine reads them back: marked
/// on the customer (where the engine keeps comments), and kept out of the invoice's
/// history. `marked` lists the marked columns of `customer`, comma-separated; `kept`
/// counts a `notes` column of `invoice_history`.
fn personal_columns(
    name: &str,
    run: &mut dyn FnMut(&str) -> Result<String, String>,
    marked: Option<&str>,
    kept: &str,
) -> Vec<String> {
    let mut failures = Vec::new();
    if let Some(query) = marked {
        match run(query) {
            Ok(out) if out.trim() == "email,name" => {}
            other => failures.push(format!("{name}: personal columns marked: {other:?}")),
        }
    }
    match run(kept) {
        Ok(out) if out.trim() == "0" => {}
        other => failures.push(format!(
            "{name}: a personal column in the history: {other:?}"
        )),
    }
    failures
}

/// Two sessions take credit-note numbers of one tenant at once, 15 each: every number
/// from 1 to 30 is taken once, none twice, none skipped.
fn numbers_taken_at_once(
    name: &str,
    run: &(dyn Fn(&str) -> Result<String, String> + Sync),
) -> Vec<String> {
    let insert = cases::credit_note(Dialect::default(), 1, 1);
    let sessions = [vec![insert.clone(); 15], vec![insert; 15]];
    let said = [
        format!("{name}: a concurrent credit note failed"),
        format!("{name}: 30 numbers taken at once"),
    ];
    thirty_at_once(said, run, sessions, "credit_note WHERE account_id = 1")
}

/// Runs each session's statements, the two sessions at once; then the rows of `rows`
/// (`TABLE WHERE …`) must number 1 to 30, each once. The failures: a statement's error
/// after `said[0]`, and what the rows hold after `said[1]`.
fn thirty_at_once(
    said: [String; 2],
    run: &(dyn Fn(&str) -> Result<String, String> + Sync),
    sessions: [Vec<String>; 2],
    rows: &str,
) -> Vec<String> {
    let errors: Vec<String> = std::thread::scope(|scope| {
        let sessions: Vec<_> = sessions
            .iter()
            .map(|statements| {
                scope.spawn(move || {
                    statements
                        .iter()
                        .filter_map(|sql| run(sql).err())
                        .collect::<Vec<String>>()
                })
            })
            .collect();
        sessions
            .into_iter()
            .flat_map(|s| s.join().unwrap())
            .collect()
    });
    let mut failures: Vec<String> = errors
        .into_iter()
        .map(|e| format!("{}: {e}", said[0]))
        .collect();
    let query = format!(
        "SELECT count(*) * 10000 + count(DISTINCT number) * 100 + max(number) FROM {rows};"
    );
    match run(&query) {
        Ok(out) if out.trim() == "303030" => {}
        other => failures.push(format!(
            "{} gave count/distinct/max {other:?}, not 30/30/30",
            said[1]
        )),
    }
    failures
}

/// The invoicing, IoT and ledger domains' tables fitted to answers: where tables that
/// only grow are partitioned by time (a stream of events at 10 GB and more), each history,
/// the readings and the ledger's entries are tables partitioned by month whose rows land
/// in this month's partition (a posted journal's entries still frozen); otherwise they
/// are plain tables.
fn histories_partitioned(pg: &Postgres) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let fittings = [("[records, events]", true), ("[records]", false)];
    for (n, (kinds, partitioned)) in fittings.into_iter().enumerate() {
        let answers = dir.path().join(format!("answers{n}.yaml"));
        std::fs::write(
            &answers,
            format!(
                "project: Billing\nanswers:\n  product: invoicing\n  data-kinds: {kinds}\n  \
                 volume: medium\n  multi-tenant: single\n"
            ),
        )
        .unwrap();
        for (archetype, table) in [
            ("invoicing", "invoice_history"),
            ("iot-telemetry", "reading"),
            ("ledger", "entry"),
        ] {
            let script = stdout_of(
                dbadvise()
                    .args(["schema", "--archetype", archetype, "--engine", "postgresql"])
                    .arg("--answers")
                    .arg(&answers),
            );
            let db = pg.fresh_database(&format!("model_{table}_{n}")).unwrap();
            if let Err(e) = pg.run_psql_file(&db, &script) {
                failures.push(format!("PostgreSQL: {archetype} with {kinds}: {e}"));
                continue;
            }
            let run = |sql: &str| pg.query(&db.name, sql).map(|out| out.trim().to_string());
            let kind = run(&format!(
                "SELECT relkind FROM pg_class WHERE relname = '{table}';"
            ));
            let expected = if partitioned { "p" } else { "r" };
            if kind.as_deref() != Ok(expected) {
                failures.push(format!(
                    "PostgreSQL: with {kinds} {table} has relkind {kind:?}, not {expected}"
                ));
            }
            // A posted journal's entries stay frozen when they are partitioned.
            if partitioned && table == "entry" {
                let frozen = run(
                    "INSERT INTO currency_code (code, minor_units) VALUES ('EUR', 2); \
                     INSERT INTO ledger_account (currency_id, code, kind, balance) \
                     SELECT id, k, CASE k WHEN 'a' THEN 'asset' ELSE 'equity' END, 0 \
                     FROM currency_code, (VALUES ('a'), ('b')) v(k); \
                     INSERT INTO journal (status, description, effective_on) \
                     VALUES ('pending', 'transfer', current_date); \
                     INSERT INTO entry (journal_id, ledger_account_id, amount) \
                     SELECT j.id, a.id, CASE a.code WHEN 'a' THEN 10 ELSE -10 END \
                     FROM journal j, ledger_account a; \
                     UPDATE journal SET status = 'posted'; \
                     SELECT status FROM journal;",
                );
                let changed = run("UPDATE entry SET amount = 5 WHERE amount = 10;");
                if frozen.as_deref() != Ok("posted") || changed.is_ok() {
                    failures.push(format!(
                        "PostgreSQL: a partitioned entry: posting gave {frozen:?}, and changing \
                         a posted entry {changed:?}"
                    ));
                }
            }
            if partitioned && table == "invoice_history" {
                let landed = run(
                    "INSERT INTO invoice_history (id, operation) VALUES (1, 'insert'); \
                     SELECT tableoid::regclass::text = 'invoice_history_' || to_char(now(), 'YYYY_MM') \
                     FROM invoice_history;",
                );
                if landed.as_deref() != Ok("t") {
                    failures.push(format!(
                        "PostgreSQL: a history row did not land in this month's partition: {landed:?}"
                    ));
                }
                // Through the parent a role sees the row; a partition read directly shows
                // nothing, since the parent's row-level security would not filter it.
                let seen = run("CREATE ROLE model_reader; \
                     GRANT SELECT ON ALL TABLES IN SCHEMA public TO model_reader; \
                     SET ROLE model_reader; \
                     SELECT (SELECT count(*) FROM invoice_history) || ',' || \
                     (SELECT count(*) FROM invoice_history_default) || ',' || \
                     (SELECT count(*) FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid \
                      WHERE i.inhparent = 'invoice_history'::regclass AND NOT c.relrowsecurity);");
                if seen.as_deref() != Ok("1,0,0") {
                    failures.push(format!(
                        "PostgreSQL: the parent, the default partition and the partitions without \
                         row-level security gave {seen:?}, not 1,0,0"
                    ));
                }
            }
        }
    }
    failures
}

/// A fresh database named `name` with the invoicing model's tables and two tenants'
/// rows (the numbering case's).
fn invoicing_on(pg: &Postgres, name: &str) -> PgDatabase {
    let db = pg.fresh_database(name).unwrap();
    let script = format!(
        "{}\n{}",
        tables(&model_file("invoicing"), "postgresql", "internal"),
        cases::Numbering::setup_for(Dialect::default())
    );
    pg.run_psql_file(&db, &script).unwrap();
    db
}

/// On PostgreSQL the database sets updated_at on every UPDATE, as the schema's header
/// says, whatever the statement writes into it.
fn updated_at_set(pg: &Postgres) -> Vec<String> {
    let db = invoicing_on(pg, "model_updated_at");
    pg.query(
        &db.name,
        "UPDATE customer SET name = 'Ada B', updated_at = '2000-01-01' WHERE id = 1;",
    )
    .unwrap();
    let later = pg.query(
        &db.name,
        "SELECT updated_at > created_at FROM customer WHERE id = 1;",
    );
    match later.as_deref().map(str::trim) {
        Ok("t") => vec![],
        other => vec![format!("PostgreSQL: an UPDATE left updated_at: {other:?}")],
    }
}

/// Row-level security on PostgreSQL, for a role that is not a superuser: a session sees
/// only the tenant it sets, none when it sets none, and cannot write another's row.
fn tenants_isolated(pg: &Postgres) -> Vec<String> {
    let db = invoicing_on(pg, "model_tenants");
    pg.run_psql_file(
        &db,
        "CREATE ROLE model_app;\n\
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO model_app;",
    )
    .unwrap();
    let as_app = |tenant: &str, sql: &str| {
        pg.query(
            &db.name,
            &format!("SET ROLE model_app; SET app.tenant_id = '{tenant}'; {sql}"),
        )
    };
    let mut failures = Vec::new();
    let seen = [("1", "1"), ("2", "1"), ("", "0")].map(|(tenant, expected)| {
        (
            tenant,
            as_app(tenant, "SELECT count(*) FROM customer;"),
            expected,
        )
    });
    for (tenant, got, expected) in seen {
        if got.as_deref().map(str::trim) != Ok(expected) {
            failures.push(format!(
                "PostgreSQL: tenant {tenant:?} sees {got:?} customers, not {expected}"
            ));
        }
    }
    match as_app(
        "1",
        "INSERT INTO customer (account_id, email, name) VALUES (2, 'eve@example.com', 'Eve');",
    ) {
        Err(e) if e.contains("row-level security") => {}
        other => failures.push(format!(
            "PostgreSQL: tenant 1 wrote a row of tenant 2: {other:?}"
        )),
    }
    // Tenant 2 numbers a credit note, so its counter has a row; tenant 1 sees its own
    // account only, and can neither read nor move tenant 2's counter.
    pg.query(
        &db.name,
        "INSERT INTO credit_note (account_id, invoice_id, amount, number) VALUES (2, 2, 1.00, 1);",
    )
    .unwrap();
    let probes = [
        ("the accounts", "SELECT count(*) FROM account;", "1"),
        (
            "tenant 2's counter",
            "WITH moved AS (UPDATE credit_note_number_counter SET next_value = next_value + 5 \
             WHERE account_id = 2 RETURNING 1) SELECT count(*) FROM moved;",
            "0",
        ),
    ];
    for (what, sql, expected) in probes {
        let got = as_app("1", sql);
        if got.as_deref().map(str::trim) != Ok(expected) {
            failures.push(format!("PostgreSQL: tenant 1 reaches {what}: {got:?}"));
        }
    }
    let counted = pg.query(&db.name, "SELECT count(*) FROM credit_note_number_counter;");
    if counted.as_deref().map(str::trim) != Ok("1") {
        failures.push(format!("PostgreSQL: tenant 2's counter row: {counted:?}"));
    }
    failures
}

fn unavailable(u: &Unavailable, failures: &mut Vec<String>) {
    if let Err(message) = skip_or_fail(u) {
        failures.push(message);
    }
}

#[test]
fn every_model_runs_on_postgresql_and_the_models_hold_their_rules() {
    let mut failures = Vec::new();
    match Postgres::start() {
        Err(u) => unavailable(&u, &mut failures),
        Ok(pg) => {
            let mut n = 0;
            for model in models() {
                for ids in ["internal", "exposed"] {
                    n += 1;
                    let db = pg.fresh_database(&format!("model_{n}")).unwrap();
                    if let Err(e) = pg.run_psql_file(&db, &tables(&model, "postgresql", ids)) {
                        failures.push(format!("{} ({ids}): {e}", model.display()));
                    }
                }
            }
            let pg = &pg;
            for case in cases(Dialect::default()) {
                failures.extend(hold("PostgreSQL", case.as_ref(), "postgresql", |script| {
                    n += 1;
                    let db = pg.fresh_database(&format!("model_{n}")).unwrap();
                    pg.run_psql_file(&db, script).unwrap();
                    Box::new(move |sql: &str| pg.query(&db.name, sql))
                }));
            }
            let db = invoicing_on(pg, "model_numbers");
            failures.extend(numbers_taken_at_once("PostgreSQL", &|sql| {
                pg.query(&db.name, sql)
            }));
            let db = pg.fresh_database("model_issuing").unwrap();
            pg.run_psql_file(&db, &domains::thirty_drafts("postgresql"))
                .unwrap();
            failures.extend(domains::issued_at_once("PostgreSQL", &|sql| {
                pg.query(&db.name, sql)
            }));
            failures.extend(tenants_isolated(pg));
            failures.extend(updated_at_set(pg));
            let db = pg.fresh_database("model_history").unwrap();
            pg.run_psql_file(&db, &documents::credit_notes("postgresql"))
                .unwrap();
            let who = "SET app.user_id = 'clerk-7';";
            failures.extend(documents::history_written("PostgreSQL", who, &mut |sql| {
                pg.query(&db.name, sql)
            }));
            failures.extend(histories_partitioned(pg));
            let db = pg.fresh_database("model_personal").unwrap();
            pg.run_psql_file(
                &db,
                &tables(&model_file("invoicing"), "postgresql", "internal"),
            )
            .unwrap();
            failures.extend(personal_columns(
                "PostgreSQL",
                &mut |sql| pg.query(&db.name, sql),
                Some(
                    "SELECT string_agg(a.attname, ',' ORDER BY a.attname) FROM pg_attribute a \
                     JOIN pg_description d ON d.objoid = a.attrelid AND d.objsubid = a.attnum \
                     WHERE a.attrelid = 'customer'::regclass AND d.description = 'personal'",
                ),
                "SELECT count(*) FROM information_schema.columns \
                 WHERE table_name = 'invoice_history' AND column_name = 'notes'",
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_model_runs_on_mariadb_and_the_models_hold_their_rules() {
    let mut failures = Vec::new();
    match MariaDb::start() {
        Err(u) => unavailable(&u, &mut failures),
        Ok(maria) => {
            let mut n = 0;
            for model in models() {
                for ids in ["internal", "exposed"] {
                    n += 1;
                    let db = maria.fresh_database(&format!("model_{n}")).unwrap();
                    if let Err(e) = maria.run_mysql(&db, &tables(&model, "mysql", ids)) {
                        failures.push(format!("{} ({ids}): {e}", model.display()));
                    }
                }
            }
            let maria = &maria;
            for case in cases(Dialect::default()) {
                failures.extend(hold("MariaDB", case.as_ref(), "mysql", |script| {
                    n += 1;
                    let db = maria.fresh_database(&format!("model_{n}")).unwrap();
                    maria.run_mysql(&db, script).unwrap();
                    Box::new(move |sql: &str| maria.query(Some(&db), sql))
                }));
            }
            let db = maria.fresh_database("model_numbers").unwrap();
            let script = format!(
                "{}\n{}",
                tables(&model_file("invoicing"), "mysql", "internal"),
                cases::Numbering::setup_for(Dialect::default())
            );
            maria.run_mysql(&db, &script).unwrap();
            failures.extend(numbers_taken_at_once("MariaDB", &|sql| {
                maria.query(Some(&db), sql)
            }));
            let db = maria.fresh_database("model_issuing").unwrap();
            maria
                .run_mysql(&db, &domains::thirty_drafts("mysql"))
                .unwrap();
            failures.extend(domains::issued_at_once("MariaDB", &|sql| {
                maria.query(Some(&db), sql)
            }));
            let db = maria.fresh_database("model_history").unwrap();
            maria
                .run_mysql(&db, &documents::credit_notes("mysql"))
                .unwrap();
            let who = "SET @app_user = 'clerk-7';";
            failures.extend(documents::history_written("MariaDB", who, &mut |sql| {
                maria.query(Some(&db), sql)
            }));
            let db = maria.fresh_database("model_personal").unwrap();
            maria
                .run_mysql(&db, &tables(&model_file("invoicing"), "mysql", "internal"))
                .unwrap();
            failures.extend(personal_columns(
                "MariaDB",
                &mut |sql| maria.query(Some(&db), sql),
                Some(
                    "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY COLUMN_NAME) FROM information_schema.COLUMNS \
                     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'customer' AND COLUMN_COMMENT = 'personal'",
                ),
                "SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
                 AND TABLE_NAME = 'invoice_history' AND COLUMN_NAME = 'notes'",
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_model_runs_on_sqlite_and_the_models_hold_their_rules() {
    let mut failures = Vec::new();
    match Sqlite::find() {
        Err(u) => unavailable(&u, &mut failures),
        Ok(sqlite) => {
            for model in models() {
                for ids in ["internal", "exposed"] {
                    if let Err(e) = sqlite.run_sqlite(&tables(&model, "sqlite", ids)) {
                        failures.push(format!("{} ({ids}): {e}", model.display()));
                    }
                }
            }
            let sqlite = &sqlite;
            let dialect = Dialect {
                cents: true,
                numbers_given: true,
                sums_unguarded: true,
            };
            for case in cases(dialect) {
                failures.extend(hold("SQLite", case.as_ref(), "sqlite", |script| {
                    // An in-memory database lives for one run: each statement replays
                    // the ones before it.
                    let mut done = script.to_string();
                    Box::new(move |sql: &str| {
                        let out = sqlite.run_sqlite(&format!("{done}\n{sql}"))?;
                        done.push_str(&format!("\n{sql}"));
                        Ok(out)
                    })
                }));
            }
            // SQLite keeps no column comments: the table's comment lists them.
            let schema = tables(&model_file("invoicing"), "sqlite", "internal");
            assert!(
                schema.contains("-- Personal data: email, name."),
                "{schema}"
            );
            failures.extend(personal_columns(
                "SQLite",
                &mut |sql| sqlite.run_sqlite(&format!("{schema}\n{sql}")),
                None,
                "SELECT count(*) FROM pragma_table_info('invoice_history') WHERE name = 'notes';",
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
