//! MySQL has no way for a trigger to tell its own write from the application's, so the
//! triggers that keep a balance (or a gapless counter) mark their write with a session
//! variable. A write they make that fails (a CHECK refusing an overdraft) must not leave
//! the mark behind: the next statement of the same session, as a pool reuses it, would
//! then write the balance directly and be let through.

use super::cases::{Case, Dialect};
use super::domains::{Issuing, Ledger};
use super::overlaps::started_mariadb;
use super::wallets::Wallets;
use super::*;

/// In one session: a statement the triggers' own write makes fail, then a direct write
/// that must be refused; the value read back afterwards is the one before.
struct Probe {
    what: &'static str,
    case: Box<dyn Case>,
    failing: String,
    direct: &'static str,
    read: &'static str,
}

fn probes() -> Vec<Probe> {
    let mysql = Dialect::default();
    vec![
        Probe {
            what: "a ledger's balance after a posting its CHECK refused",
            case: Box::new(Ledger(mysql)),
            failing: "INSERT INTO journal (organisation_id, status, description, effective_on) \
                      VALUES (1, 'pending', 'payout', '2026-03-02'); \
                      INSERT INTO entry (organisation_id, journal_id, ledger_account_id, amount) \
                      VALUES (1, 2, 2, 100.00); \
                      INSERT INTO entry (organisation_id, journal_id, ledger_account_id, amount) \
                      VALUES (1, 2, 1, -100.00); \
                      UPDATE journal SET status = 'posted' WHERE id = 2;"
                .into(),
            direct: "UPDATE ledger_account SET balance = 999999 WHERE id = 2;",
            read: "SELECT balance FROM ledger_account WHERE id = 2",
        },
        Probe {
            what: "a wallet's balance after a spend its CHECK refused",
            case: Box::new(Wallets(mysql)),
            failing: "INSERT INTO wallet_entry (game_id, wallet_id, amount, reason, purchase_id) \
                      VALUES (1, 1, -600, 'spend', NULL);"
                .into(),
            direct: "UPDATE wallet SET balance = 1000000 WHERE id = 1;",
            read: "SELECT balance FROM wallet WHERE id = 1",
        },
        Probe {
            what: "an invoice counter after a numbering its foreign key refused",
            case: Box::new(Issuing(mysql)),
            // An account that does not exist: the counter's row for it is refused.
            failing:
                "UPDATE invoice SET account_id = 99, status = 'issued', issued_on = '2026-03-02', \
                      buyer_name = 'Ada', buyer_address = 'Street 1' WHERE id = 1;"
                    .into(),
            direct: "INSERT INTO invoice_number_counter (account_id, next_value) VALUES (1, 7);",
            read: "SELECT COUNT(*) FROM invoice_number_counter",
        },
    ]
}

#[test]
fn a_refused_write_leaves_no_mark_that_lets_a_direct_write_through_on_mariadb() {
    let Some(maria) = started_mariadb() else {
        return;
    };
    let mut failures = Vec::new();
    for (n, probe) in probes().into_iter().enumerate() {
        let db = maria.fresh_database(&format!("marks_{n}")).unwrap();
        let script = format!(
            "{}\n{}",
            tables(&probe.case.model(), "mysql", "internal"),
            probe.case.setup()
        );
        maria.run_mysql(&db, script.as_str()).unwrap();
        let before = maria.query(Some(&db), probe.read).unwrap();
        // Each statement's error is caught, as an application's would be, and the
        // session goes on; `refused` counts the errors.
        let session = format!(
            "DELIMITER //\n\
             CREATE PROCEDURE probe(OUT refused INT)\n\
             BEGIN\n\
               DECLARE CONTINUE HANDLER FOR SQLEXCEPTION SET refused = refused + 1;\n\
               SET refused = 0;\n\
               {}\n\
               {}\n\
             END//\n\
             DELIMITER ;\n",
            probe.failing, probe.direct
        );
        maria.run_mysql(&db, session.as_str()).unwrap();
        let refused = maria.query(Some(&db), "CALL probe(@r); SELECT @r").unwrap();
        let after = maria.query(Some(&db), probe.read).unwrap();
        if refused.trim().parse::<u32>().unwrap_or(0) < 2 || after != before {
            failures.push(format!(
                "{}: {} errors in the session (the failing write and the direct one \
                 must both be refused), read {} before and {} after",
                probe.what,
                refused.trim(),
                before.trim(),
                after.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
