//! `dbadvise schema --model`: every example model of `tests/models/` becomes tables that
//! PostgreSQL 15, MariaDB and SQLite create, with either kind of key; and on the real
//! servers the invoicing model holds its invariants: a reference cannot cross tenants,
//! CHECKs refuse a negative stock, an unknown status and a lower-case currency, an email
//! is unique whatever its case, a referenced customer cannot be deleted, and deleting an
//! invoice or a whole tenant takes its parts with it.

use crate::common;

use std::path::{Path, PathBuf};

use common::engines::{skip_or_fail, MariaDb, Postgres, Sqlite, Unavailable};
use common::run::{dbadvise, failure_of, stdout_of};

mod diagrams;
mod errors;

fn models() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    found.sort();
    assert!(found.len() >= 3, "{found:?}");
    found
}

fn invoicing() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/invoicing.yaml")
}

/// The model's tables for `engine`, with `ids` keys.
fn tables(model: &Path, engine: &str, ids: &str) -> String {
    stdout_of(
        dbadvise()
            .args(["schema", "--engine", engine, "--ids", ids, "--model"])
            .arg(model),
    )
}

/// A statement that must be refused, and a word of the refusal.
struct Refused {
    what: &'static str,
    sql: String,
    says: &'static [&'static str],
}

/// The invoicing model's rows for one dialect: money is integer cents on SQLite.
struct Data {
    cents: bool,
    /// The engine checks references at once, even in a cascade (InnoDB): a tenant's
    /// rows are deleted child first.
    child_first: bool,
}

impl Data {
    fn money(&self, column: &str, amount: &str) -> (String, String) {
        if self.cents {
            let cents = (amount.parse::<f64>().unwrap() * 100.0).round() as i64;
            (format!("{column}_cents"), cents.to_string())
        } else {
            (column.to_string(), amount.to_string())
        }
    }

    fn setup(&self) -> String {
        let (price, p) = self.money("unit_price", "1.50");
        let (total, t) = self.money("total", "3.00");
        format!(
            "INSERT INTO account (name, plan) VALUES ('A', 'free');\n\
             INSERT INTO account (name, plan) VALUES ('B', 'team');\n\
             INSERT INTO currency_code (code, label) VALUES ('EUR', 'Euro');\n\
             INSERT INTO salesperson (account_id, name) VALUES (1, 'Sam');\n\
             INSERT INTO customer (account_id, email, name, account_manager_id) VALUES (1, 'ada@example.com', 'Ada', 1);\n\
             INSERT INTO customer (account_id, email, name) VALUES (2, 'bob@example.com', 'Bob');\n\
             INSERT INTO product (account_id, sku, title, {price}, stock) VALUES (1, 'P1', 'Pen', {p}, 10);\n\
             INSERT INTO tag (account_id, label) VALUES (1, 'office');\n\
             INSERT INTO product_tag (account_id, product_id, tag_id) VALUES (1, 1, 1);\n\
             INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (1, 1, 1, 1, 'draft', {t});\n\
             INSERT INTO invoice_line (account_id, invoice_id, product_id, quantity, {price}, paid) VALUES (1, 1, 1, 2, {p}, FALSE);\n"
        )
    }

    fn refused(&self) -> Vec<Refused> {
        let (total, t) = self.money("total", "0");
        let fk = &["foreign key", "FOREIGN KEY"][..];
        vec![
            Refused {
                what: "an invoice of tenant 2 for a customer of tenant 1",
                sql: format!(
                    "INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (2, 1, 1, 7, 'draft', {t});"
                ),
                says: fk,
            },
            Refused {
                what: "a negative stock",
                sql: "UPDATE product SET stock = -1 WHERE id = 1;".into(),
                says: &["check", "CHECK", "CONSTRAINT"],
            },
            Refused {
                what: "a status the model does not list",
                sql: "UPDATE invoice SET status = 'lost' WHERE id = 1;".into(),
                says: &["check", "CHECK", "CONSTRAINT"],
            },
            Refused {
                what: "a lower-case currency code",
                sql: "INSERT INTO currency_code (code, label) VALUES ('eur', 'euro');".into(),
                says: &["check", "CHECK", "CONSTRAINT"],
            },
            Refused {
                what: "the same email in another case, in the same tenant",
                sql: "INSERT INTO customer (account_id, email, name) VALUES (1, 'ADA@Example.com', 'Ada again');".into(),
                says: &["unique", "UNIQUE", "Duplicate"],
            },
            Refused {
                what: "a second invoice number 1 in the same tenant",
                sql: format!(
                    "INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (1, 1, 1, 1, 'draft', {t});"
                ),
                says: &["unique", "UNIQUE", "Duplicate"],
            },
            Refused {
                what: "deleting a customer that has invoices",
                sql: "DELETE FROM customer WHERE id = 1;".into(),
                says: fk,
            },
        ]
    }

    /// What the model allows, each followed by a query whose answer proves it.
    fn allowed(&self) -> Vec<(&'static str, String, &'static str, &'static str)> {
        let (total, t) = self.money("total", "0");
        vec![
            (
                "invoice number 1 in the other tenant",
                format!("INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (2, 2, 1, 1, 'draft', {t});"),
                "SELECT count(*) FROM invoice WHERE number = 1;",
                "2",
            ),
            (
                "deleting an invoice deletes its lines",
                "DELETE FROM invoice WHERE id = 1;".into(),
                "SELECT count(*) FROM invoice_line;",
                "0",
            ),
            (
                "deleting a product deletes its tags' pairs, not the tags",
                "DELETE FROM product WHERE id = 1;".into(),
                "SELECT count(*) FROM product_tag;",
                "0",
            ),
            (
                "deleting a tenant deletes its customers and invoices",
                if self.child_first {
                    "DELETE FROM invoice WHERE account_id = 2; DELETE FROM account WHERE id = 2;"
                } else {
                    "DELETE FROM account WHERE id = 2;"
                }
                .into(),
                "SELECT count(*) FROM customer;",
                "1",
            ),
        ]
    }
}

/// Runs the invariants on one engine: `run(script)` on a database holding the model's
/// tables and rows, fresh for every statement.
type Run<'a> = Box<dyn FnMut(&str) -> Result<String, String> + 'a>;

fn hold<'a>(name: &str, data: &Data, mut fresh: impl FnMut() -> Run<'a>) -> Vec<String> {
    let mut failures = Vec::new();
    for r in data.refused() {
        let mut run = fresh();
        match run(&r.sql) {
            Ok(_) => failures.push(format!("{name}: accepted {}", r.what)),
            Err(e) if !r.says.iter().any(|w| e.contains(w)) => failures.push(format!(
                "{name}: {} refused for another reason: {e}",
                r.what
            )),
            Err(_) => {}
        }
    }
    let mut run = fresh();
    for (what, sql, query, expected) in data.allowed() {
        match run(&sql).and_then(|_| run(query)) {
            Ok(out) if out.lines().last().map(str::trim) == Some(expected) => {}
            Ok(out) => failures.push(format!(
                "{name}: {what}: {query} gave {out:?}, not {expected}"
            )),
            Err(e) => failures.push(format!("{name}: {what}: {e}")),
        }
    }
    failures
}

fn unavailable(u: &Unavailable, failures: &mut Vec<String>) {
    if let Err(message) = skip_or_fail(u) {
        failures.push(message);
    }
}

#[test]
fn every_model_runs_on_postgresql_and_the_invoicing_model_holds_its_invariants() {
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
            let schema = tables(&invoicing(), "postgresql", "internal");
            let data = Data {
                cents: false,
                child_first: false,
            };
            failures.extend(hold("PostgreSQL", &data, || {
                n += 1;
                let db = pg.fresh_database(&format!("model_{n}")).unwrap();
                pg.run_psql_file(&db, &format!("{schema}\n{}", data.setup()))
                    .unwrap();
                let pg = &pg;
                Box::new(move |sql: &str| pg.query(&db.name, sql))
            }));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_model_runs_on_mariadb_and_the_invoicing_model_holds_its_invariants() {
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
            let schema = tables(&invoicing(), "mysql", "internal");
            let data = Data {
                cents: false,
                child_first: true,
            };
            let maria = &maria;
            failures.extend(hold("MariaDB", &data, || {
                n += 1;
                let db = maria.fresh_database(&format!("model_{n}")).unwrap();
                maria
                    .run_mysql(&db, &format!("{schema}\n{}", data.setup()))
                    .unwrap();
                Box::new(move |sql: &str| maria.query(Some(&db), sql))
            }));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_model_runs_on_sqlite_and_the_invoicing_model_holds_its_invariants() {
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
            let schema = tables(&invoicing(), "sqlite", "internal");
            let data = Data {
                cents: true,
                child_first: false,
            };
            let sqlite = &sqlite;
            let setup = data.setup();
            failures.extend(hold("SQLite", &data, || {
                // An in-memory database lives for one run: each statement replays the
                // ones before it.
                let mut done = format!("{schema}\n{setup}");
                Box::new(move |sql: &str| {
                    let out = sqlite.run_sqlite(&format!("{done}\n{sql}"))?;
                    done.push_str(&format!("\n{sql}"));
                    Ok(out)
                })
            }));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
