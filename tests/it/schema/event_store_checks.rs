//! An event log kept as the record in the starter schema (`source-of-truth: log`), on
//! each engine: an item's events are a stream keyed by (item, version), so a second
//! writer of the same version is refused; an event is never updated or deleted; and the
//! projection (items) can be emptied and rebuilt without touching the events. A domain's
//! tables (a wallet's ledger) get the same rules in a `domain_event` table beside them.

use super::*;

/// A wallet's ledger from `project_name`'s answers, with the event log as the record.
fn ledger_of_events(project_name: &str, more: &[(&str, &[&str])]) -> StarterSchema {
    let mut changes: Vec<(&str, &[&str])> = vec![
        ("product", &["ledger"]),
        ("data-kinds", &["records", "events"]),
        ("source-of-truth", &["log"]),
    ];
    changes.extend_from_slice(more);
    let schema = schema_of("ledger-events", &with(project(project_name), &changes));
    assert!(schema.holds_domain, "{}", schema.sql);
    schema
}

/// The statements each engine must refuse, after the first append: the same version
/// again, an update of an event, a delete of one.
fn refusals(table: &str, append_again: &str) -> [(&'static str, String); 3] {
    [
        ("a second writer of version 1", append_again.to_string()),
        (
            "an update of an event",
            format!("UPDATE {table} SET kind = 'edited';\n"),
        ),
        ("a delete of an event", format!("DELETE FROM {table};\n")),
    ]
}

pub(super) fn check_pg_event_store(server: &Postgres) -> Result<(), String> {
    let c = case("postgresql-event-store");
    with_pg_db(server, "check_event_store", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        let (acme, ada) = tenant_and_owner(server, db)?;
        let id = |sql: &str| pg_value(server, db, sql).map(|v| format!("'{v}'"));
        let plan = id(&format!(
            "INSERT INTO items (tenant_id, owner_id, title, price, currency) \
             VALUES ({acme}, {ada}, 'Plan', 10, 'EUR') RETURNING id"
        ))?;
        let append = format!(
            "INSERT INTO events (tenant_id, item_id, version, kind, payload) \
             VALUES ({acme}, {plan}, 1, 'created', '{{\"title\": \"Plan\"}}');\n"
        );
        server.run_psql_file(db, append.as_str())?;
        for (what, sql) in refusals("events", &append) {
            if server.run_psql_file(db, sql.as_str()).is_ok() {
                return Err(format!("{what} was accepted"));
            }
        }
        // Consumers deduplicate by the event's own id, so none goes without one.
        let without_id = format!(
            "INSERT INTO events (id, tenant_id, item_id, version, kind) \
             VALUES (NULL, {acme}, {plan}, 2, 'renamed');\n"
        );
        if server.run_psql_file(db, without_id.as_str()).is_ok() {
            return Err("an event without an id was accepted".into());
        }
        // The projection is rebuilt by replaying: emptying it leaves the events.
        server.run_psql_file(db, "DELETE FROM items;\n")?;
        expect_eq(
            "events left after the projection was emptied",
            pg_value(server, db, "SELECT count(*) FROM events")?,
            "1",
        )
    })?;
    // A wallet's ledger shared by tenants: domain_event beside its tables, with the
    // tenant's column leading the key.
    let ledger = ledger_of_events("multi-tenant-saas", &[]);
    if !ledger
        .sql
        .contains("CREATE POLICY domain_event_tenant_isolation ON domain_event")
    {
        return Err("the tenants' events are not under row-level security".into());
    }
    with_pg_db(server, "check_domain_events", |db| {
        server.run_psql_file(db, ledger.sql.as_str())?;
        let org = pg_value(
            server,
            db,
            "INSERT INTO organisation (name) VALUES ('Acme') RETURNING id",
        )?;
        let append = format!(
            "INSERT INTO domain_event (organisation_id, stream_type, stream_id, version, kind) \
             VALUES ('{org}', 'journal', '{org}', 1, 'posted');\n"
        );
        server.run_psql_file(db, append.as_str())?;
        for (what, sql) in refusals("domain_event", &append) {
            if server.run_psql_file(db, sql.as_str()).is_ok() {
                return Err(format!("the ledger's {what} was accepted"));
            }
        }
        Ok(())
    })
}

pub(super) fn check_mariadb_event_store(server: &MariaDb, db: &str) -> Result<(), String> {
    server.run_mysql(db, case("mysql-event-store").schema.sql.as_str())?;
    let append = "INSERT INTO events (item_id, version, kind, payload) \
                  SELECT id, 1, 'created', '{\"title\": \"Roses\"}' FROM items;\n";
    server.run_mysql(
        db,
        format!(
            "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
             INSERT INTO items (owner_id, title, body, price, currency) \
             VALUES (LAST_INSERT_ID(), 'Roses', '', 19.9000, 'EUR');\n{append}"
        )
        .as_str(),
    )?;
    for (what, sql) in refusals("events", append) {
        if server.run_mysql(db, sql.as_str()).is_ok() {
            return Err(format!("{what} was accepted"));
        }
    }
    server.run_mysql(db, "DELETE FROM items;\n")?;
    expect_eq(
        "events left after the projection was emptied",
        server.query(Some(db), "SELECT COUNT(*) FROM events")?,
        "1",
    )
}

/// A wallet's ledger for one organisation on MariaDB, in a database of its own.
pub(super) fn check_mariadb_domain_events(server: &MariaDb, db: &str) -> Result<(), String> {
    server.run_mysql(db, ledger_of_events("mysql-shop", &[]).sql.as_str())?;
    let append = "INSERT INTO domain_event (stream_type, stream_id, version, kind, payload) \
                  VALUES ('journal', 1, 1, 'posted', '{}');\n";
    server.run_mysql(db, append)?;
    for (what, sql) in refusals("domain_event", append) {
        if server.run_mysql(db, sql.as_str()).is_ok() {
            return Err(format!("the ledger's {what} was accepted"));
        }
    }
    Ok(())
}

pub(super) fn check_sqlite_event_store(shell: &Sqlite) -> Result<(), String> {
    let schema = &case("sqlite-event-store").schema.sql;
    let seeded = format!(
        "{schema}\n\
         INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
         INSERT INTO items (owner_id, title) SELECT id, 'Boiler inspection' FROM users;\n\
         INSERT INTO events (item_id, version, kind, payload) \
         SELECT id, 1, 'created', '{{}}' FROM items;\n"
    );
    let append = "INSERT INTO events (item_id, version, kind, payload) \
                  SELECT id, 1, 'created', '{}' FROM items;\n";
    for (what, sql) in refusals("events", append) {
        if shell.run_sqlite(format!("{seeded}{sql}").as_str()).is_ok() {
            return Err(format!("{what} was accepted"));
        }
    }
    let out = shell.run_sqlite(
        format!("{seeded}DELETE FROM items;\nSELECT 'events:' || count(*) FROM events;\n").as_str(),
    )?;
    expect_eq(
        "events left after the projection was emptied",
        out.lines()
            .filter(|l| l.starts_with("events:"))
            .collect::<String>(),
        "events:1",
    )?;
    let ledger = ledger_of_events("mobile-offline", &[("deployment", &["embedded"])]);
    let append = "INSERT INTO domain_event (stream_type, stream_id, version, kind, payload) \
                  VALUES ('journal', 'j1', 1, 'posted', '{}');\n";
    let seeded = format!("{}\n{append}", ledger.sql);
    shell.run_sqlite(seeded.as_str())?;
    for (what, sql) in refusals("domain_event", append) {
        if shell.run_sqlite(format!("{seeded}{sql}").as_str()).is_ok() {
            return Err(format!("the ledger's {what} was accepted"));
        }
    }
    Ok(())
}
