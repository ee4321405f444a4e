//! A fix `review` prints is SQL to run: on the schema it was found in, on a real engine,
//! it does what the finding asks.

use crate::common::engines::{MariaDb, Postgres};
use crate::common::run::{dbadvise, stdout_of};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(engine: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/review")
        .join(engine)
        .join(file)
}

/// The engine refused the statement, in words that name the key.
fn refused_by_a_key(result: &Result<String, String>, says: &str) {
    assert!(
        result.as_ref().is_err_and(|e| e.contains(says)),
        "{result:?}"
    );
}

/// The fixes `review` prints for one rule's findings in a schema, in order.
fn fixes_of(schema: &Path, rule: &str) -> Vec<String> {
    let json = stdout_of(dbadvise().args(["review", "--format", "json"]).arg(schema));
    let review: Value = serde_json::from_str(&json).unwrap();
    let fixes: Vec<String> = review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["fix"].as_str().unwrap().to_string())
        .collect();
    assert!(!fixes.is_empty(), "{}: no {rule} finding", schema.display());
    fixes
}

/// The row-level security fix, run on PostgreSQL as printed, fails closed: a session of
/// an application role that sets no tenant sees no row (an error would break every
/// request that runs before the tenant is known), one that sets a tenant sees its own,
/// and it cannot write another's.
#[test]
fn the_row_level_security_fix_runs_and_fails_closed() {
    let bad = fixture("postgresql", "tenant-table-without-row-security.bad.sql");
    let fix = fixes_of(&bad, "tenant-table-without-row-security").remove(0);
    let server =
        Postgres::start().unwrap_or_else(|e| panic!("the fix needs {}: {e}", Postgres::ENGINE));
    let db = server.fresh_database("rv_fix_rls").unwrap();
    server.run_psql_file(&db, bad.as_path()).unwrap();
    server
        .run_psql_file(
            &db,
            format!(
                "{fix}\nINSERT INTO tenants DEFAULT VALUES;\nINSERT INTO tenants DEFAULT VALUES;\n\
                 INSERT INTO projects (tenant_id) VALUES (1), (2), (2);\n\
                 CREATE ROLE rv_app NOLOGIN NOSUPERUSER NOBYPASSRLS;\n\
                 GRANT SELECT, INSERT ON projects TO rv_app;\n"
            )
            .as_str(),
        )
        .unwrap();
    let seen = |set: &str| {
        server.query(
            &db.name,
            &format!("SET ROLE rv_app; {set} SELECT count(*) FROM projects;"),
        )
    };
    assert_eq!(seen("").as_deref().map(str::trim), Ok("0"), "no tenant set");
    assert_eq!(
        seen("SET app.tenant_id = '2';").as_deref().map(str::trim),
        Ok("2"),
        "tenant 2"
    );
    let planted = server.query(
        &db.name,
        "SET ROLE rv_app; SET app.tenant_id = '1'; INSERT INTO projects (tenant_id) VALUES (2);",
    );
    assert!(
        planted
            .as_ref()
            .is_err_and(|e| e.contains("row-level security")),
        "{planted:?}"
    );
    server.drop_database(db).unwrap();
}

/// The fix for a reference that leaves out the tenant runs as printed on both engines,
/// on the constraint the engine named itself (InnoDB's `comments_ibfk_2`), and then the
/// database refuses a comment of one tenant on another tenant's task.
#[test]
fn the_tenant_reference_fix_runs_and_refuses_a_link_across_tenants() {
    // Two tenants with a task each; a comment of tenant 1 on its own task, then on
    // tenant 2's.
    let links = |key: &str| {
        [1, 2].map(|task| {
            format!("INSERT INTO comments ({key}, task_id, body) VALUES (1, {task}, 'x');")
        })
    };

    let bad = fixture("postgresql", "reference-without-tenant.bad.sql");
    let fix = fixes_of(&bad, "reference-without-tenant").join("\n");
    let pg =
        Postgres::start().unwrap_or_else(|e| panic!("the fix needs {}: {e}", Postgres::ENGINE));
    let db = pg.fresh_database("rv_fix_tenant_ref").unwrap();
    pg.run_psql_file(&db, bad.as_path()).unwrap();
    let rows = "INSERT INTO tenants DEFAULT VALUES; INSERT INTO tenants DEFAULT VALUES;\n\
                INSERT INTO tasks (tenant_id, title) VALUES (1, 'one'), (2, 'two');";
    pg.run_psql_file(&db, format!("{fix}\n{rows}").as_str())
        .unwrap_or_else(|e| panic!("the fix, on PostgreSQL:\n{fix}\n{e}"));
    let [own, cross] = links("tenant_id");
    assert!(pg.query(&db.name, &own).is_ok());
    let refused = pg.query(&db.name, &cross);
    refused_by_a_key(&refused, "foreign key");
    pg.drop_database(db).unwrap();

    let bad = fixture("mysql", "reference-without-tenant.bad.sql");
    let fix = fixes_of(&bad, "reference-without-tenant").join("\n");
    assert!(fix.contains("comments_ibfk_2"), "{fix}");
    let maria =
        MariaDb::start().unwrap_or_else(|e| panic!("the fix needs {}: {e}", MariaDb::ENGINE));
    let db = maria.fresh_database("rv_fix_tenant_ref").unwrap();
    maria.run_mysql(&db, bad.as_path()).unwrap();
    let rows = "INSERT INTO accounts () VALUES (), ();\n\
                INSERT INTO tasks (account_id, title) VALUES (1, 'one'), (2, 'two');";
    maria
        .run_mysql(&db, format!("{fix}\n{rows}").as_str())
        .unwrap_or_else(|e| panic!("the fix, on MariaDB:\n{fix}\n{e}"));
    let [own, cross] = links("account_id");
    assert!(maria.query(Some(&db), &own).is_ok());
    let refused = maria.query(Some(&db), &cross);
    refused_by_a_key(&refused, "foreign key constraint fails");
    maria.drop_database(&db).unwrap();
}

/// The cascade fix names an unnamed InnoDB key by the number MariaDB gave it, so it runs
/// as printed, and afterwards deleting a customer with refunds is refused.
#[test]
fn the_cascade_fix_names_an_unnamed_innodb_key_as_the_engine_did() {
    let bad = fixture("mysql", "cascade-into-kept-table.bad.sql");
    let fixes = fixes_of(&bad, "cascade-into-kept-table");
    let refunds = fixes
        .iter()
        .find(|f| f.contains("ALTER TABLE refunds"))
        .expect("the refunds finding");
    assert!(refunds.contains("refunds_ibfk_1"), "{refunds}");
    let maria =
        MariaDb::start().unwrap_or_else(|e| panic!("the fix needs {}: {e}", MariaDb::ENGINE));
    let db = maria.fresh_database("rv_fix_cascade").unwrap();
    maria.run_mysql(&db, bad.as_path()).unwrap();
    let all = fixes.join("\n");
    maria
        .run_mysql(&db, all.as_str())
        .unwrap_or_else(|e| panic!("the fixes, on MariaDB:\n{all}\n{e}"));
    maria
        .run_mysql(
            &db,
            "INSERT INTO customers () VALUES (); INSERT INTO refunds (customer_id) VALUES (1);",
        )
        .unwrap();
    let refused = maria.query(Some(&db), "DELETE FROM customers WHERE id = 1");
    refused_by_a_key(&refused, "foreign key constraint fails");
    maria.drop_database(&db).unwrap();
}
