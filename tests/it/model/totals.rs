//! An invoice's total, summed from its lines when it is issued, while another session
//! adds a line: the record's recipe (lock the invoice row, then sum in the issuing
//! UPDATE) stores the total of every line, on the invoicing domain's MySQL tables.

use super::domains::archetype;
use super::overlaps::started_mariadb;
use super::*;

/// Session A adds a line of 900 to a draft of one line of 100 and commits a moment
/// later; session B issues the invoice meanwhile, as the record says. The issued total
/// is 1000, the lines' sum. Summing before the lock, B stored 100 (review L, H4).
#[test]
fn an_invoice_issued_while_a_line_is_added_stores_the_total_of_every_line_on_mariadb() {
    let Some(maria) = started_mariadb() else {
        return;
    };
    let notes = tables(&archetype("invoicing"), "mysql", "internal");
    assert!(
        notes.contains("first locks its row (SELECT"),
        "the recipe is in the script's notes"
    );
    let db = maria.fresh_database("totals").unwrap();
    let setup = "INSERT INTO account (name, plan) VALUES ('Firm', 'team');\n\
         INSERT INTO currency_code (code, label) VALUES ('EUR', 'Euro');\n\
         INSERT INTO customer (account_id, email, name, billing_address) VALUES (1, 'c@example.com', 'C', 'Street 1');\n\
         INSERT INTO invoice (account_id, customer_id, currency_id, status, due_on, total) VALUES (1, 1, 1, 'draft', '2026-12-31', 0);\n\
         INSERT INTO invoice_line (account_id, invoice_id, description, quantity, unit_price, tax_rate_bp) VALUES (1, 1, 'Design', 1, 100, 2000);\n";
    maria
        .run_mysql(&db, format!("{notes}\n{setup}").as_str())
        .unwrap();
    let (maria, db) = (&maria, db.as_str());
    let issued = std::thread::scope(|scope| {
        let adding = scope.spawn(move || {
            maria.query(
                Some(db),
                "BEGIN; INSERT INTO invoice_line (account_id, invoice_id, description, quantity, unit_price, tax_rate_bp) \
                 VALUES (1, 1, 'Build', 1, 900, 2000); DO SLEEP(1); COMMIT;",
            )
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        // The issuing transaction read something before, as an application does: at
        // REPEATABLE READ its snapshot is older than the line being added.
        let issued = maria.query(
            Some(db),
            "BEGIN; SELECT count(*) FROM invoice_line; \
             SELECT id FROM invoice WHERE id = 1 FOR UPDATE; \
             UPDATE invoice SET status = 'issued', issued_on = '2026-12-07', buyer_name = 'C', buyer_address = 'Street 1', \
             total = (SELECT SUM(quantity * unit_price) FROM invoice_line WHERE invoice_id = 1) WHERE id = 1; COMMIT;",
        );
        adding.join().unwrap().unwrap();
        issued
    });
    issued.unwrap();
    let totals = maria
        .query(
            Some(db),
            "SELECT total, (SELECT SUM(quantity * unit_price) FROM invoice_line) FROM invoice",
        )
        .unwrap();
    assert_eq!(totals.trim(), "1000.0000\t1000.0000", "total, lines' sum");
}
