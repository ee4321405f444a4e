//! A fix `review` prints is SQL to run: on the schema it was found in, on a real engine,
//! it does what the finding asks.

use crate::common::engines::Postgres;
use crate::common::run::{dbadvise, stdout_of};
use serde_json::Value;
use std::path::Path;

/// The row-level security fix, run on PostgreSQL as printed, fails closed: a session of
/// an application role that sets no tenant sees no row (an error would break every
/// request that runs before the tenant is known), one that sets a tenant sees its own,
/// and it cannot write another's.
#[test]
fn the_row_level_security_fix_runs_and_fails_closed() {
    let bad = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/review/postgresql/tenant-table-without-row-security.bad.sql");
    let json = stdout_of(dbadvise().args(["review", "--format", "json"]).arg(&bad));
    let review: Value = serde_json::from_str(&json).unwrap();
    let fix = review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "tenant-table-without-row-security")
        .expect("the finding")["fix"]
        .as_str()
        .unwrap()
        .to_string();
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
