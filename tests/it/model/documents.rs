//! The invoicing archetype's documents. Its credit notes are legal documents like its
//! invoices: a draft has no number and may change or go; issuing gives it the next
//! number, and then it changes no more and is never deleted. An invoice draft cannot
//! carry a number either, which would take the one the counter gives next. Where the
//! dialect has a history trigger, every change of an audited table is in its history,
//! with who made it, and no history row changes or goes.

use super::cases::{Allowed, Case, Dialect, Refused};
use super::domains::archetype;
use std::path::PathBuf;

const CHECK: &[&str] = &["check", "CHECK", "CONSTRAINT"];
const ISSUED_NOTE: &[&str] = &["credit_note is issued and cannot change"];

pub(crate) struct CreditNotes(pub(crate) Dialect);

impl CreditNotes {
    fn draft(&self) -> String {
        let (amount, a) = self.0.money("amount", "5.00");
        format!(
            "INSERT INTO credit_note (account_id, invoice_id, status, {amount}, reason) \
             VALUES (1, 1, 'draft', {a}, 'Returned goods');"
        )
    }

    /// Issues credit note `id`; where the application gives numbers (SQLite), the next.
    fn issue(&self, id: u32) -> String {
        let number = if self.0.numbers_given {
            ", number = coalesce((SELECT next_value FROM credit_note_number_counter WHERE account_id = 1), 1)"
        } else {
            ""
        };
        format!("UPDATE credit_note SET status = 'issued', issued_on = '2026-03-09'{number} WHERE id = {id};")
    }
}

impl Case for CreditNotes {
    fn model(&self) -> PathBuf {
        archetype("invoicing")
    }

    fn setup(&self) -> String {
        let (total, t) = self.0.money("total", "20.00");
        format!(
            "INSERT INTO account (name, plan) VALUES ('Firm', 'team');\n\
             INSERT INTO currency_code (code, label) VALUES ('EUR', 'Euro');\n\
             INSERT INTO customer (account_id, email, name, billing_address) VALUES (1, 'ada@example.com', 'Ada', 'Street 1');\n\
             INSERT INTO invoice (account_id, customer_id, currency_id, status, due_on, {total}) \
             VALUES (1, 1, 1, 'draft', '2026-04-01', {t});\n\
             {}\n{}\n{}\n",
            self.draft(),
            self.draft(),
            self.issue(1)
        )
    }

    fn refused(&self) -> Vec<Refused> {
        let (total, t) = self.0.money("total", "20.00");
        let (amount, _) = self.0.money("amount", "0");
        vec![
            Refused {
                what: "an issued credit note deleted",
                sql: "DELETE FROM credit_note WHERE id = 1;".into(),
                says: ISSUED_NOTE,
            },
            Refused {
                what: "an issued credit note's amount changed",
                sql: format!("UPDATE credit_note SET {amount} = {amount} * 2 WHERE id = 1;"),
                says: ISSUED_NOTE,
            },
            Refused {
                what: "a draft credit note carrying a number",
                sql: "UPDATE credit_note SET number = 2 WHERE id = 2;".into(),
                says: CHECK,
            },
            Refused {
                what: "a draft invoice carrying a number",
                sql: format!(
                    "INSERT INTO invoice (account_id, customer_id, currency_id, number, status, due_on, {total}) \
                     VALUES (1, 1, 1, 1, 'draft', '2026-04-01', {t});"
                ),
                says: CHECK,
            },
        ]
    }

    fn allowed(&self) -> Vec<Allowed> {
        vec![
            Allowed {
                what: "the credit note issued first takes number 1, the draft none",
                sql: String::new(),
                query: "SELECT coalesce(sum(number), 0) * 10 + count(number) FROM credit_note;",
                expected: "11",
            },
            Allowed {
                what: "the next credit note issued takes number 2",
                sql: self.issue(2),
                query: "SELECT number FROM credit_note WHERE id = 2;",
                expected: "2",
            },
            Allowed {
                what: "a draft credit note changes, then goes",
                sql: format!(
                    "{} UPDATE credit_note SET reason = 'Price error' WHERE id = 3; \
                     DELETE FROM credit_note WHERE id = 3;",
                    self.draft()
                ),
                query: "SELECT count(*) FROM credit_note;",
                expected: "2",
            },
        ]
    }
}

/// The invoicing domain's tables in `engine`, with `CreditNotes`' rows.
pub(crate) fn credit_notes(engine: &str) -> String {
    format!(
        "{}\n{}",
        super::tables(&archetype("invoicing"), engine, "internal"),
        CreditNotes(Dialect::default()).setup()
    )
}

/// Run on the invoicing tables with `CreditNotes`' rows: the history the database wrote
/// for them, and that it keeps. `who` sets the user the application acts for.
pub(crate) fn history_written(
    name: &str,
    who: &str,
    run: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Vec<String> {
    let mut failures = Vec::new();
    let mut expect = |what: &str, sql: &str, expected: &str| match run(sql) {
        Ok(out) if out.lines().last().map(str::trim) == Some(expected) => {}
        other => failures.push(format!(
            "{name}: {what}: {sql} gave {other:?}, not {expected}"
        )),
    };
    expect(
        "two credit notes written, one issued",
        "SELECT count(*) * 10 + sum(CASE WHEN operation = 'update' THEN 1 ELSE 0 END) \
         FROM credit_note_history;",
        "31",
    );
    expect(
        "a draft deleted, by a named user",
        &format!(
            "{who} DELETE FROM credit_note WHERE id = 2; \
             SELECT changed_by FROM credit_note_history WHERE operation = 'delete' AND id = 2;"
        ),
        "clerk-7",
    );
    // TRUNCATE deletes without a row trigger: PostgreSQL refuses it with one of its own
    // (MySQL fires none; the record says its account must lack DROP).
    let truncate = (name == "PostgreSQL").then_some("TRUNCATE credit_note_history;");
    let sqls = [
        "UPDATE credit_note_history SET reason = 'forged';",
        "DELETE FROM credit_note_history;",
    ];
    for sql in sqls.into_iter().chain(truncate) {
        match run(sql) {
            Err(e) if e.contains("credit_note_history rows are never changed or deleted") => {}
            other => failures.push(format!("{name}: {sql} gave {other:?}")),
        }
    }
    failures
}

/// The record says a frozen row's parts freeze with it only where it has parts: an
/// invoice's lines do, a credit note has none.
#[test]
fn the_record_names_parts_only_of_a_document_that_has_them() {
    use crate::common::run::{dbadvise, stdout_of};
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("invoicing.yaml");
    std::fs::write(
        &answers,
        "project: Bills\nanswers:\n  product: invoicing\n  data-kinds: [records]\n",
    )
    .unwrap();
    let record = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&answers),
    );
    let flat = record.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "invoice rows that are issued, paid or void never change, nor do their parts;"
        ),
        "{flat}"
    );
    assert!(
        flat.contains("credit note rows that are issued never change;"),
        "{flat}"
    );
}

/// Review N: the history trigger ran as the caller, so the application's role needed
/// INSERT on the history, and with it wrote forged rows. On PostgreSQL, as a role that
/// may change credit notes and nothing else, a change is still written to the history,
/// and a row written by hand is refused.
#[test]
fn the_application_writes_history_only_through_its_trigger_on_postgresql() {
    let Some(pg) = super::overlaps::started_postgres() else {
        return;
    };
    let db = pg.fresh_database("history_grants").unwrap();
    pg.run_psql_file(&db, &credit_notes("postgresql")).unwrap();
    pg.run_psql_file(
        &db,
        "CREATE ROLE history_app;\n\
         GRANT SELECT, INSERT, UPDATE, DELETE ON credit_note TO history_app;\n",
    )
    .unwrap();
    // The tenant's session, as row-level security wants it.
    let as_app = |sql: &str| {
        let session = format!("SET app.tenant_id = '1'; SET ROLE history_app; {sql}");
        pg.query(&db.name, &session)
    };
    let changed = as_app("UPDATE credit_note SET reason = 'Damaged' WHERE id = 2;");
    let forged = as_app(
        "INSERT INTO credit_note_history (id, account_id, operation, changed_by) \
         VALUES (2, 1, 'update', 'forged');",
    );
    let written = pg.query(
        &db.name,
        "SELECT count(*) FROM credit_note_history WHERE id = 2 AND operation = 'update'",
    );
    let _ = pg.run_psql_file(&db, "DROP OWNED BY history_app; DROP ROLE history_app;");
    assert!(changed.is_ok(), "{changed:?}");
    assert_eq!(written.as_deref().map(str::trim), Ok("1"));
    match forged {
        Err(e) if e.contains("permission denied for table credit_note_history") => {}
        other => panic!("a forged history row: {other:?}"),
    }
}
