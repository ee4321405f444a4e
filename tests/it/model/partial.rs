//! A hot read of some rows (`where:`, the paid orders waiting to ship) is a partial
//! index where the engine has them, on the read's other columns, and each engine's
//! planner takes it for that read; MySQL, which has none, keeps the whole index.

use super::*;

/// One merchant's: the shop is written for a platform of many (its tenant).
const PAID_ORDERS: &str =
    "SELECT id FROM customer_order WHERE merchant_id = 1 AND status = 'paid' \
     ORDER BY created_at LIMIT 20";

fn tables(engine: &str) -> String {
    stdout_of(dbadvise().args(["schema", "--archetype", "ecommerce", "--engine", engine]))
}

#[test]
fn a_read_of_some_rows_is_a_partial_index_the_planner_takes() {
    let postgresql = tables("postgresql");
    let partial = "CREATE INDEX customer_order_merchant_id_created_at_paid_idx ON customer_order \
                   (merchant_id, created_at) WHERE status = 'paid';";
    assert!(postgresql.contains(partial), "{postgresql}");
    let mysql = tables("mysql");
    assert!(
        mysql.contains("KEY customer_order_merchant_id_status_created_at_idx (merchant_id, status, created_at)"),
        "{mysql}"
    );
    let mut failures = Vec::new();
    match Postgres::start() {
        Err(u) => unavailable(&u, &mut failures),
        Ok(pg) => {
            let db = pg.fresh_database("partial_paid_orders").unwrap();
            pg.run_psql_file(&db, &postgresql).unwrap();
            let plan = pg
                .query(
                    &db.name,
                    &format!("SET enable_seqscan = off; EXPLAIN {PAID_ORDERS}"),
                )
                .unwrap();
            if !plan.contains("customer_order_merchant_id_created_at_paid_idx") {
                failures.push(format!(
                    "PostgreSQL does not take the partial index:\n{plan}"
                ));
            }
        }
    }
    match Sqlite::find() {
        Err(u) => unavailable(&u, &mut failures),
        Ok(sqlite) => {
            let sql = tables("sqlite");
            let plan = sqlite
                .run_sqlite(format!("{sql}\nEXPLAIN QUERY PLAN {PAID_ORDERS};\n").as_str())
                .unwrap();
            if !plan.contains("customer_order_merchant_id_created_at_paid_idx") {
                failures.push(format!("SQLite does not take the partial index:\n{plan}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The index plan words a one-column hot read without "in that order", which only a
/// composite index has: the invoices falling due are one column once the status is the
/// partial index's condition, and a customer's invoices keep their two columns' order.
#[test]
fn a_one_column_index_has_no_order_to_keep() {
    let record = stdout_of(dbadvise().args([
        "recommend",
        "--answers",
        "tests/scenarios/answers/034-internal-ops-tool-one-database.yaml",
    ]));
    assert!(
        record.contains("| B-tree on invoice (due on), over only the rows whose status is issued"),
        "{record}"
    );
    assert!(!record.contains("(due on), in that order"), "{record}");
    assert!(
        record.contains("| B-tree on invoice (customer, issued on), in that order |"),
        "{record}"
    );
}
