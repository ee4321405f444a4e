//! Running the assembled schemas on a throwaway MariaDB and on SQLite, and which parts
//! of each schema a run proved.

use super::*;

// --- MariaDB -------------------------------------------------------------------------

pub(super) fn maria() -> &'static Results {
    static MARIA: OnceLock<Results> = OnceLock::new();
    MARIA.get_or_init(|| {
        let server = match MariaDb::start() {
            Ok(server) => server,
            Err(unavailable) => return Results::without(MariaDb::ENGINE, &unavailable),
        };
        let mut r = Results {
            engine: format!("MariaDB {}", server.version),
            ..Results::default()
        };
        let with_db = |name: &str, f: &dyn Fn(&str) -> Result<(), String>| -> Result<(), String> {
            let db = server.fresh_database(&db_name("m", name))?;
            let outcome = f(&db);
            let cleanup = server.drop_database(&db);
            outcome?;
            cleanup
        };
        let good = &case("mysql-shop").schema.sql;
        r.canary = Some(with_db("canary", &|db| {
            server
                .run_mysql(
                    db,
                    format!("{good}\nCREATE TABLE broken (id BIGINT, FOREIGN KEY (id) REFERENCES nowhere (id));\n")
                        .as_str(),
                )
                .map(|_| ())
        }));
        for c in cases().iter().filter(|c| runner(&c.schema.engine) == Some(Runner::Mariadb)) {
            let outcome = with_db(&c.name, &|db| server.run_mysql(db, c.schema.sql.as_str()).map(|_| ()));
            r.record(&c.name, outcome.map(|()| String::new()));
        }
        let value = |db: &str, sql: &str| server.query(Some(db), sql);
        // Money: DECIMAL(19,4), no FLOAT or DOUBLE anywhere.
        r.check(
            "money",
            with_db("money", &|db| {
                server.run_mysql(db, case("mysql-shop").schema.sql.as_str())?;
                expect_eq(
                    "money columns",
                    value(
                        db,
                        "SELECT GROUP_CONCAT(CONCAT(table_name, '.', column_name, ' ', column_type) ORDER BY 1) \
                         FROM information_schema.columns WHERE table_schema = DATABASE() \
                         AND column_name IN ('price', 'amount')",
                    )?,
                    "events.amount decimal(19,4),items.price decimal(19,4)",
                )?;
                expect_eq(
                    "float columns",
                    value(
                        db,
                        "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() \
                         AND data_type IN ('float', 'double', 'real')",
                    )?,
                    "0",
                )
            }),
        );
        // Full-text search with MATCH … AGAINST on the FULLTEXT index.
        r.check(
            "full-text search",
            with_db("fts", &|db| {
                server.run_mysql(db, case("mysql-shop").schema.sql.as_str())?;
                server.run_mysql(
                    db,
                    "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
                     INSERT INTO items (owner_id, title, body, price, currency) VALUES \
                     (LAST_INSERT_ID(), 'Gardening for beginners', 'Roses, tulips and a greenhouse', 19.9000, 'EUR'),\
                     (LAST_INSERT_ID(), 'Cooking at home', 'Bread, soups and pasta', 24.5000, 'EUR');\n",
                )?;
                expect_eq(
                    "books about greenhouses",
                    value(
                        db,
                        "SELECT title FROM items WHERE MATCH (title, body) AGAINST ('greenhouse' IN NATURAL LANGUAGE MODE)",
                    )?,
                    "Gardening for beginners",
                )
            }),
        );
        // History kept for a window: rows land in their quarter's partition, or in p_future.
        r.check(
            "partitions",
            with_db("parts", &|db| {
                server.run_mysql(db, case("mysql-everything").schema.sql.as_str())?;
                server.run_mysql(
                    db,
                    "INSERT INTO tenants (name) VALUES ('Acme');\n\
                     INSERT INTO users (tenant_id, email, name) VALUES (1, 'ada@acme.example', 'Ada');\n\
                     INSERT INTO items (tenant_id, owner_id, title, body, price, currency, attributes) \
                     VALUES (1, 1, 'Roadmap', '', 0, 'EUR', '{\"colour\": \"red\"}');\n\
                     INSERT INTO events (tenant_id, item_id, kind, occurred_at) VALUES \
                     (1, 1, 'q1', '2026-02-14 10:00:00'), (1, 1, 'q3', '2026-08-01 00:00:00'), \
                     (1, 1, 'far', '2031-01-01 00:00:00');\n",
                )?;
                let count = |partition: &str| {
                    value(
                        db,
                        &format!("SELECT GROUP_CONCAT(kind) FROM events PARTITION ({partition})"),
                    )
                };
                expect_eq("p2026_q1", count("p2026_q1")?, "q1")?;
                expect_eq("p2026_q3", count("p2026_q3")?, "q3")?;
                expect_eq("p_future", count("p_future")?, "far")?;
                expect_eq(
                    "the generated colour column",
                    value(db, "SELECT title FROM items WHERE colour = 'red'")?,
                    "Roadmap",
                )
            }),
        );
        r.check(
            "event store",
            with_db("events", &|db| check_mariadb_event_store(&server, db)),
        );
        r.check(
            "domain events",
            with_db("devents", &|db| check_mariadb_domain_events(&server, db)),
        );
        // Exposed ids: a random public_id, unique.
        r.check(
            "keys",
            with_db("keys", &|db| {
                server.run_mysql(db, case("mysql-shop").schema.sql.as_str())?;
                server.run_mysql(
                    db,
                    "INSERT INTO users (email, name) VALUES ('a@example.com', 'A'), ('b@example.com', 'B');\n",
                )?;
                expect_eq(
                    "distinct 16-byte public ids",
                    value(
                        db,
                        "SELECT CONCAT(COUNT(DISTINCT public_id), ' ', MIN(LENGTH(public_id))) FROM users",
                    )?,
                    "2 16",
                )
            }),
        );
        r
    })
}

// --- SQLite --------------------------------------------------------------------------

pub(super) fn sqlite() -> &'static Results {
    static SQLITE: OnceLock<Results> = OnceLock::new();
    SQLITE.get_or_init(|| {
        let shell = match Sqlite::find() {
            Ok(shell) => shell,
            Err(unavailable) => return Results::without(Sqlite::ENGINE, &unavailable),
        };
        let mut r = Results {
            engine: format!("SQLite {}", shell.version),
            ..Results::default()
        };
        let good = &case("sqlite-app").schema.sql;
        r.canary = Some(
            shell
                .run_sqlite(format!("{good}\nINSERT INTO nowhere VALUES (1);\n").as_str())
                .map(|_| ()),
        );
        for c in cases().iter().filter(|c| runner(&c.schema.engine) == Some(Runner::Sqlite)) {
            let outcome = shell.run_sqlite(c.schema.sql.as_str());
            r.record(&c.name, outcome);
        }
        // FTS5 kept in step by the triggers; money in integer cents; foreign keys enforced.
        r.check(
            "full-text search",
            shell
                .run_sqlite(
                    format!(
                        "{good}\n\
                         INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
                         INSERT INTO items (owner_id, title, body) SELECT id, 'Boiler inspection', 'Pressure valve replaced' FROM users;\n\
                         INSERT INTO items (owner_id, title, body) SELECT id, 'Roof survey', 'Two tiles missing' FROM users;\n\
                         UPDATE items SET body = 'Gutter cleaned' WHERE title = 'Roof survey';\n\
                         SELECT 'valve:' || group_concat(title) FROM items WHERE id IN (SELECT item_id FROM items_search WHERE items_search MATCH 'valve');\n\
                         SELECT 'tiles:' || count(*) FROM items_search WHERE items_search MATCH 'tiles';\n\
                         SELECT 'gutter:' || count(*) FROM items_search WHERE items_search MATCH 'gutter';\n"
                    )
                    .as_str(),
                )
                .and_then(|out| {
                    expect_eq(
                        "search results",
                        out.lines().filter(|l| l.contains(':')).collect::<Vec<_>>().join(" "),
                        "valve:Boiler inspection tiles:0 gutter:1",
                    )
                }),
        );
        let money = &case("sqlite-everything").schema.sql;
        r.check(
            "money",
            shell
                .run_sqlite(
                    format!(
                        "{money}\n\
                         SELECT 'col:' || name || ' ' || type FROM pragma_table_info('items') WHERE name LIKE 'price%';\n\
                         SELECT 'floats:' || count(*) FROM pragma_table_info('items') WHERE type = 'REAL';\n"
                    )
                    .as_str(),
                )
                .and_then(|out| {
                    expect_eq(
                        "money columns",
                        out.lines().filter(|l| l.contains(':')).collect::<Vec<_>>().join(" "),
                        "col:price_cents INTEGER floats:0",
                    )
                }),
        );
        r.check("event store", check_sqlite_event_store(&shell));
        r.check(
            "foreign keys",
            match shell.run_sqlite(
                format!("{good}\nINSERT INTO items (owner_id, title) VALUES ('nobody', 'Orphan');\n").as_str(),
            ) {
                Err(e) if e.contains("FOREIGN KEY") => Ok(()),
                other => Err(format!("an orphan item was accepted: {other:?}")),
            },
        );
        r
    })
}

// --- coverage ------------------------------------------------------------------------

/// Every item of a schema, each with a label and whether the answers keep it.
pub(super) fn items(schema: &Schema, answers: &Answers) -> Vec<(String, bool)> {
    let keep = |when: &Option<Condition>, unless: &Option<Condition>| kept(when, unless, answers);
    let mut out = Vec::new();
    for (name, alternatives) in &schema.vars {
        let chosen = alternatives.iter().position(|a| keep(&a.when, &a.unless));
        for (i, alt) in alternatives.iter().enumerate() {
            out.push((format!("var {name} = {:?}", alt.sql), chosen == Some(i)));
        }
    }
    let tables: Vec<&str> = schema
        .parts
        .iter()
        .filter(|p| keep(&p.when, &p.unless))
        .filter_map(|p| p.table.as_deref())
        .collect();
    for (i, part) in schema.parts.iter().enumerate() {
        let mut part_kept = keep(&part.when, &part.unless);
        if !part.for_tables.is_empty() {
            part_kept &= part.for_tables.iter().any(|t| tables.contains(&t.as_str()));
        }
        let label = match (&part.table, &part.sql) {
            (Some(t), _) => format!("table {t}"),
            (_, Some(sql)) => format!("part {}: {}", i + 1, sql.lines().next().unwrap_or("")),
            _ => format!("part {}", i + 1),
        };
        out.push((label.clone(), part_kept));
        for c in &part.columns {
            out.push((
                format!("{label}, column {} {}", c.name, c.kind),
                part_kept && keep(&c.when, &c.unless),
            ));
        }
        for (kind, list) in [
            ("constraint", &part.constraints),
            ("option", &part.options),
            ("statement", &part.statements),
        ] {
            for p in list {
                out.push((
                    format!("{label}, {kind} {}", p.sql.lines().next().unwrap_or("")),
                    part_kept && keep(&p.when, &p.unless),
                ));
            }
        }
    }
    out
}
