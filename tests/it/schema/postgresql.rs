//! Running the assembled schemas on a throwaway PostgreSQL, and the helpers its checks
//! share: databases, rows, two seeded tenants, and row-level security.

use super::*;

// --- PostgreSQL ----------------------------------------------------------------------

/// Extensions Debian 12 does not package for PostgreSQL 15: a schema that needs one is
/// parsed, and listed as such.
pub(super) const NOT_PACKAGED: &[(&str, &str)] = &[("vector", "pgvector")];

/// The extensions a script creates.
pub(super) fn extensions_created(sql: &str) -> Vec<String> {
    sql.lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("CREATE EXTENSION IF NOT EXISTS ")
                .map(|rest| rest.trim_end_matches(';').trim().to_string())
        })
        .collect()
}

/// Runs `f` on a fresh database, then drops it (and the roles the script made).
pub(super) fn with_pg_db<T>(
    server: &Postgres,
    name: &str,
    f: impl FnOnce(&PgDatabase) -> Result<T, String>,
) -> Result<T, String> {
    let db = server.fresh_database(name)?;
    let outcome = f(&db);
    let cleanup = server.drop_database(db);
    let value = outcome?;
    cleanup.map_err(|e| format!("left state that cannot be dropped: {e}"))?;
    Ok(value)
}

pub(super) fn parse_postgres(sql: &str) -> Result<(), String> {
    Parser::parse_sql(&PostgreSqlDialect {}, sql)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// PostgreSQL's own grammar on `sql`: only syntax errors count.
pub(super) fn grammar_check(server: &Postgres, name: &str, sql: &str) -> Result<(), String> {
    let errors = with_pg_db(server, name, |db| server.syntax_errors(db, sql))?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

pub(super) fn pg() -> &'static Results {
    static PG: OnceLock<Results> = OnceLock::new();
    PG.get_or_init(|| {
        let server = match Postgres::start() {
            Ok(server) => server,
            Err(unavailable) => return Results::without(Postgres::ENGINE, &unavailable),
        };
        let mut r = Results {
            engine: format!("PostgreSQL {}", server.version),
            ..Results::default()
        };
        let available = match server.available_extensions() {
            Ok(set) => set,
            Err(e) => {
                r.failures.push(format!("engine: {e}"));
                return r;
            }
        };
        let run = |name: &str, sql: &str| {
            with_pg_db(&server, &db_name("s", name), |db| {
                server.run_psql_file(db, sql)
            })
        };
        // The runner must report a broken schema, or passing proves nothing.
        let good = &case("multi-tenant-saas").schema.sql;
        r.canary = Some(
            run(
                "canary",
                &format!("{good}\nCREATE TABLE broken (id bigint REFERENCES nowhere (id));\n"),
            )
            .map(|_| ()),
        );
        for c in cases() {
            match runner(&c.schema.engine) {
                Some(Runner::Postgres) => {
                    let missing: Vec<String> = extensions_created(&c.schema.sql)
                        .into_iter()
                        .filter(|e| !available.contains(e))
                        .collect();
                    let unpackaged: Vec<&str> = missing
                        .iter()
                        .filter_map(|e| NOT_PACKAGED.iter().find(|(n, _)| n == e))
                        .map(|(_, package)| *package)
                        .collect();
                    if !missing.is_empty() && unpackaged.len() == missing.len() {
                        let why = unpackaged.join(", ");
                        match grammar_check(&server, &db_name("p", &c.name), &c.schema.sql) {
                            Ok(()) => r.parsed.push((c.name.clone(), why)),
                            Err(e) => r.failures.push(format!(
                                "{}: needs {why} (not installed here), and does not parse: {e}",
                                c.name
                            )),
                        }
                        continue;
                    }
                    let outcome = run(&c.name, &c.schema.sql);
                    r.record(&c.name, outcome);
                }
                Some(Runner::Timescale) => {
                    let grammar = grammar_check(&server, &db_name("t", &c.name), &c.schema.sql);
                    let parsed = parse_postgres(&c.schema.sql);
                    match (grammar, parsed) {
                        (Ok(()), Ok(())) => {
                            r.parsed.push((c.name.clone(), "TimescaleDB".to_string()))
                        }
                        (Ok(()), Err(e)) => r.parsed.push((
                            c.name.clone(),
                            format!("TimescaleDB; PostgreSQL's grammar only, sqlparser: {e}"),
                        )),
                        (Err(e), _) => r.failures.push(format!(
                            "{}: TimescaleDB schema does not parse: {e}",
                            c.name
                        )),
                    }
                }
                _ => {}
            }
        }
        r.check("tenant isolation", check_rls(&server));
        r.check("partitions", check_pg_partitions(&server));
        r.check("event store", check_pg_event_store(&server));
        r.check("full-text search", check_pg_full_text(&server));
        r.check("money", check_pg_money(&server));
        r.check("tenant with money", check_pg_tenant_keeps_money(&server));
        r.check("row-level security snippet", check_pg_rls_snippet(&server));
        r.check("keys", check_pg_keys(&server));
        r.check("jsonb", check_pg_jsonb(&server));
        r.check("indexes", check_pg_indexes(&server));
        r
    })
}

/// The rows of one query on a database, one string per row.
pub(super) fn pg_rows(
    server: &Postgres,
    db: &PgDatabase,
    sql: &str,
) -> Result<Vec<String>, String> {
    Ok(server
        .query(&db.name, sql)?
        .lines()
        .map(str::to_string)
        .collect())
}

pub(super) fn pg_value(server: &Postgres, db: &PgDatabase, sql: &str) -> Result<String, String> {
    let rows = pg_rows(server, db, sql)?;
    match rows.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("{sql}: expected one row, got {rows:?}")),
    }
}

pub(super) fn expect_eq(
    what: &str,
    got: impl AsRef<str>,
    want: impl AsRef<str>,
) -> Result<(), String> {
    if got.as_ref() == want.as_ref() {
        Ok(())
    } else {
        Err(format!(
            "{what}: got {:?}, expected {:?}",
            got.as_ref(),
            want.as_ref()
        ))
    }
}

/// Tenants, users and items of two tenants (Acme with two items, Globex with one) as
/// the superuser; returns (acme, globex, ada, hank) ids as SQL literals.
pub(super) fn seed_two_tenants(
    server: &Postgres,
    db: &PgDatabase,
) -> Result<(String, String, String, String), String> {
    let id = |sql: &str| pg_value(server, db, sql).map(|v| format!("'{v}'"));
    let acme = id("INSERT INTO tenants (name) VALUES ('Acme') RETURNING id")?;
    let globex = id("INSERT INTO tenants (name) VALUES ('Globex') RETURNING id")?;
    let ada = id(&format!(
        "INSERT INTO users (tenant_id, email, name) VALUES ({acme}, 'ada@acme.example', 'Ada') RETURNING id"
    ))?;
    let hank = id(&format!(
        "INSERT INTO users (tenant_id, email, name) VALUES ({globex}, 'hank@globex.example', 'Hank') RETURNING id"
    ))?;
    server.run_psql_file(
        db,
        format!(
            "INSERT INTO items (tenant_id, owner_id, title) VALUES \
             ({acme}, {ada}, 'Acme roadmap'), ({acme}, {ada}, 'Acme pricing'), \
             ({globex}, {hank}, 'Globex merger plan');\n\
             INSERT INTO events (tenant_id, item_id, kind) SELECT tenant_id, id, 'created' FROM items;\n"
        )
        .as_str(),
    )?;
    Ok((acme, globex, ada, hank))
}

/// The multi-tenant SaaS: tenant_id and forced row-level security on every tenant-owned
/// table; an application role (no superuser, no BYPASSRLS) with app.tenant_id set sees
/// and writes only its tenant's rows, sees nothing without it; the owner is filtered too;
/// a jobs role with BYPASSRLS (the record's advice for sweeps across tenants) sees all.
pub(super) fn check_rls(server: &Postgres) -> Result<(), String> {
    let schema = &case("multi-tenant-saas").schema.sql;
    with_pg_db(server, "check_rls", |db| {
        server.run_psql_file(db, schema.as_str())?;
        // Every table but tenants (and partitions) is tenant-owned: tenant_id, RLS forced,
        // a policy.
        let tables = pg_rows(
            server,
            db,
            "SELECT c.relname || ':' || c.relrowsecurity || ':' || c.relforcerowsecurity || ':' || \
             EXISTS (SELECT 1 FROM information_schema.columns i \
                     WHERE i.table_name = c.relname AND i.column_name = 'tenant_id') || ':' || \
             (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition \
             ORDER BY 1",
        )?;
        expect_eq(
            "tables: name:rls:forced:tenant_id:policies",
            tables.join(" "),
            "events:true:true:true:1 items:true:true:true:1 tenants:true:false:false:1 users:true:true:true:1",
        )?;
        let (acme, globex, _ada, hank) = seed_two_tenants(server, db)?;
        server.run_psql_file(
            db,
            "CREATE ROLE dbadvise_app NOLOGIN NOSUPERUSER NOBYPASSRLS;\n\
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dbadvise_app;\n\
             CREATE ROLE dbadvise_jobs NOLOGIN NOSUPERUSER BYPASSRLS;\n\
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dbadvise_jobs;\n\
             CREATE ROLE dbadvise_owner NOLOGIN NOSUPERUSER NOBYPASSRLS;\n\
             ALTER TABLE tenants OWNER TO dbadvise_owner;\n\
             ALTER TABLE users OWNER TO dbadvise_owner;\n\
             ALTER TABLE items OWNER TO dbadvise_owner;\n\
             ALTER TABLE events OWNER TO dbadvise_owner;\n",
        )?;
        let seen = |role: &str, tenant: Option<&str>| -> Result<String, String> {
            let set = tenant
                .map(|t| format!("SET app.tenant_id = {t};"))
                .unwrap_or_default();
            pg_value(
                server,
                db,
                &format!(
                    "SET ROLE {role}; {set} SELECT (SELECT count(*) FROM tenants) || ' ' || \
                     (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM items) || ' ' || \
                     (SELECT count(*) FROM events) || ' ' || \
                     (SELECT count(*) FROM items WHERE title LIKE 'Globex%')"
                ),
            )
        };
        // tenants users items events globex-items
        expect_eq(
            "Acme's view",
            seen("dbadvise_app", Some(&acme))?,
            "1 1 2 2 0",
        )?;
        expect_eq(
            "Globex's view",
            seen("dbadvise_app", Some(&globex))?,
            "1 1 1 1 1",
        )?;
        expect_eq("no tenant set", seen("dbadvise_app", None)?, "0 0 0 0 0")?;
        // A sweep across tenants sees nothing as the application: the record's checklist
        // gives it a role of its own with BYPASSRLS, which sees every tenant's rows.
        expect_eq(
            "the jobs role, BYPASSRLS",
            seen("dbadvise_jobs", None)?,
            "2 2 3 3 1",
        )?;
        expect_eq(
            "the owner without a tenant (FORCE)",
            seen("dbadvise_owner", None)?,
            "2 0 0 0 0",
        )?;
        // Writing into another tenant is refused; into one's own, allowed.
        let planted = server.run_psql_file(
            db,
            format!(
                "SET ROLE dbadvise_app;\nSET app.tenant_id = {acme};\n\
                 INSERT INTO items (tenant_id, owner_id, title) VALUES ({globex}, {hank}, 'Planted');\n"
            )
            .as_str(),
        );
        match planted {
            Err(e) if e.contains("row-level security") => {}
            other => {
                return Err(format!(
                    "a write into another tenant was not refused: {other:?}"
                ))
            }
        }
        server.run_psql_file(
            db,
            format!(
                "SET ROLE dbadvise_app;\nBEGIN;\nSET LOCAL app.tenant_id = {acme};\n\
                 INSERT INTO users (tenant_id, email, name) VALUES ({acme}, 'grace@acme.example', 'Grace');\n\
                 COMMIT;\n"
            )
            .as_str(),
        )?;
        // Emails are unique per tenant, whatever their case.
        let duplicate = server.run_psql_file(
            db,
            format!(
                "INSERT INTO users (tenant_id, email, name) VALUES ({acme}, 'ADA@acme.example', 'Ada again');\n"
            )
            .as_str(),
        );
        if !duplicate
            .as_ref()
            .is_err_and(|e| e.contains("users_email_key"))
        {
            return Err(format!(
                "a case-changed duplicate email was accepted: {duplicate:?}"
            ));
        }
        // Deleting a tenant deletes its rows, and only its rows.
        server.run_psql_file(
            db,
            format!("DELETE FROM tenants WHERE id = {acme};\n").as_str(),
        )?;
        expect_eq(
            "rows left after deleting Acme",
            pg_value(
                server,
                db,
                "SELECT (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM items) || ' ' || \
                 (SELECT count(*) FROM events)",
            )?,
            "1 1 1",
        )
    })
}
