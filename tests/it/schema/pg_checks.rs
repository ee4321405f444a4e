//! What each PostgreSQL schema must do once it runs: partitions, full-text search, money
//! kept with its tenant, exact money types, keys, JSONB, and the planned indexes.

use super::*;

/// History kept for a window: events is partitioned by range with a default partition,
/// and rows land in this month's partition, a later month's, or the default one. Data
/// kept for good: a plain table.
pub(super) fn check_pg_partitions(server: &Postgres) -> Result<(), String> {
    let growing = &case("postgresql-history");
    with_pg_db(server, "check_partitions", |db| {
        server.run_psql_file(db, growing.schema.sql.as_str())?;
        expect_eq(
            "events' kind and partitioning",
            pg_value(
                server,
                db,
                "SELECT c.relkind::text || ' ' || pg_get_partkeydef(c.oid) FROM pg_class c WHERE c.relname = 'events'",
            )?,
            "p RANGE (occurred_at)",
        )?;
        let (acme, _globex, _ada, _hank) = seed_two_tenants(server, db)?;
        server.run_psql_file(
            db,
            format!(
                "INSERT INTO events (tenant_id, item_id, kind, occurred_at) \
                 SELECT tenant_id, id, 'old', '2000-01-15 12:00+00' FROM items WHERE tenant_id = {acme} LIMIT 1;\n\
                 INSERT INTO events (tenant_id, item_id, kind, occurred_at) \
                 SELECT tenant_id, id, 'later', date_trunc('month', now()) + interval '2 months 3 days' \
                 FROM items WHERE tenant_id = {acme} LIMIT 1;\n"
            )
            .as_str(),
        )?;
        let landed = pg_rows(
            server,
            db,
            "SELECT kind || ' ' || (tableoid::regclass::text = \
               CASE kind WHEN 'created' THEN 'events_' || to_char(now(), 'YYYY_MM') \
                         WHEN 'later' THEN 'events_' || to_char(now() + interval '2 months', 'YYYY_MM') \
                         ELSE 'events_default' END) \
             FROM events ORDER BY kind",
        )?;
        expect_eq(
            "each row in its partition (kind, in the right partition)",
            landed.join(", "),
            "created true, created true, created true, later true, old true",
        )?;
        // A month nobody made a partition for yet lands in the default partition.
        expect_eq(
            "rows in the default partition",
            pg_value(server, db, "SELECT count(*) FROM events_default")?,
            "1",
        )
    })?;
    let kept = &case("multi-tenant-saas");
    with_pg_db(server, "check_no_partitions", |db| {
        server.run_psql_file(db, kept.schema.sql.as_str())?;
        expect_eq(
            "events kept for good",
            pg_value(
                server,
                db,
                "SELECT relkind FROM pg_class WHERE relname = 'events'",
            )?,
            "r",
        )
    })
}

/// Full-text search: the generated tsvector column finds stemmed words, and the planner
/// uses its GIN index.
pub(super) fn check_pg_full_text(server: &Postgres) -> Result<(), String> {
    let c = case("ecommerce-catalogue");
    with_pg_db(server, "check_fts", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        server.run_psql_file(
            db,
            "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
             INSERT INTO items (owner_id, title, body, price, currency) \
             SELECT id, 'Hex bolts M8', 'Zinc-plated steel bolts, sold by the hundred', 4.5000, 'EUR' FROM users;\n\
             INSERT INTO items (owner_id, title, body, price, currency) \
             SELECT id, 'Hex nuts M8', 'Steel nuts for the bolts', 1.2000, 'EUR' FROM users;\n\
             INSERT INTO items (owner_id, title, price, currency) \
             SELECT id, 'Washer ' || g, 0.0500, 'EUR' FROM users, generate_series(1, 2000) g;\n\
             ANALYZE items;\n",
        )?;
        let found = pg_rows(
            server,
            db,
            "SELECT title FROM items WHERE search @@ websearch_to_tsquery('english', 'bolt') \
             ORDER BY ts_rank(search, websearch_to_tsquery('english', 'bolt')) DESC, title",
        )?;
        expect_eq(
            "items matching 'bolt' (stemmed, title first)",
            found.join(", "),
            "Hex bolts M8, Hex nuts M8",
        )?;
        let plan = pg_rows(
            server,
            db,
            "SET enable_seqscan = off; \
             EXPLAIN SELECT id FROM items WHERE search @@ websearch_to_tsquery('english', 'bolt')",
        )?
        .join("\n");
        if !plan.contains("items_search_idx") {
            return Err(format!("the search does not use items_search_idx:\n{plan}"));
        }
        Ok(())
    })
}

/// Money is NUMERIC(19,4), never a float, and adds up exactly.
/// A shared-tenant schema whose events move money: deleting a tenant must not delete
/// its payment events through a cascade (it is refused; the tenant is closed instead).
pub(super) fn check_pg_tenant_keeps_money(server: &Postgres) -> Result<(), String> {
    let c = case("postgresql-everything");
    with_pg_db(server, "check_tenant_money", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        let (acme, ada) = tenant_and_owner(server, db)?;
        server.run_psql_file(
            db,
            format!(
                "INSERT INTO items (tenant_id, owner_id, title, price, currency) VALUES \
                 ({acme}, {ada}, 'Plan', 10, 'EUR'), ({acme}, {ada}, 'Seats', 5, 'EUR');\n\
                 INSERT INTO events (tenant_id, item_id, kind, amount, currency) \
                 SELECT tenant_id, id, 'payment', 12.50, 'EUR' FROM items;\n"
            )
            .as_str(),
        )?;
        let deleted =
            server.run_psql_file(db, &format!("DELETE FROM tenants WHERE id = {acme};\n"));
        if !deleted.as_ref().is_err_and(|e| e.contains("foreign key")) {
            return Err(format!(
                "deleting a tenant with payment events was not refused: {deleted:?}"
            ));
        }
        expect_eq(
            "payment events kept",
            pg_value(
                server,
                db,
                "SELECT count(*) FROM events WHERE amount IS NOT NULL",
            )?,
            "2",
        )
    })
}

pub(super) fn check_pg_money(server: &Postgres) -> Result<(), String> {
    let c = case("payments-ledger");
    with_pg_db(server, "check_money", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        let money = pg_rows(
            server,
            db,
            "SELECT table_name || '.' || column_name || ' ' || data_type || '(' || numeric_precision || ',' || numeric_scale || ')' \
             FROM information_schema.columns WHERE table_schema = 'public' \
             AND column_name IN ('price', 'amount') AND table_name IN ('items', 'events') ORDER BY 1",
        )?;
        expect_eq(
            "money columns",
            money.join(", "),
            "events.amount numeric(19,4), items.price numeric(19,4)",
        )?;
        let floats = pg_rows(
            server,
            db,
            "SELECT table_name || '.' || column_name FROM information_schema.columns \
             WHERE table_schema = 'public' AND data_type IN ('real', 'double precision')",
        )?;
        if !floats.is_empty() {
            return Err(format!("float columns in a money workload: {floats:?}"));
        }
        server.run_psql_file(
            db,
            "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n\
             INSERT INTO items (owner_id, title, price, currency) SELECT id, 'Wallet', 0, 'EUR' FROM users;\n\
             INSERT INTO events (item_id, kind, amount, currency) \
             SELECT id, 'deposit', 0.10, 'EUR' FROM items, generate_series(1, 3);\n",
        )?;
        expect_eq(
            "three deposits of 0.10",
            pg_value(server, db, "SELECT sum(amount) = 0.30 FROM events")?,
            "t",
        )?;
        // An amount without its currency is refused.
        let bare = server.run_psql_file(
            db,
            "INSERT INTO events (item_id, kind, amount) SELECT id, 'fee', 1 FROM items;\n",
        );
        if bare.is_ok() {
            return Err("an amount without a currency was accepted".into());
        }
        // Money movements are never deleted with their item.
        let deleted = server.run_psql_file(db, "DELETE FROM items;\n");
        if !deleted.as_ref().is_err_and(|e| e.contains("foreign key")) {
            return Err(format!(
                "an item with money events was deleted: {deleted:?}"
            ));
        }
        Ok(())
    })
}

/// Keys: BIGINT identity for internal ids, UUID with a default for exposed ones.
pub(super) fn check_pg_keys(server: &Postgres) -> Result<(), String> {
    let key = |name: &str| -> Result<String, String> {
        let c = case(name);
        with_pg_db(server, &db_name("keys", name), |db| {
            server.run_psql_file(db, c.schema.sql.as_str())?;
            pg_value(
                server,
                db,
                "SELECT data_type || ' identity=' || is_identity || ' default=' || coalesce(column_default, '-') \
                 FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'id'",
            )
        })
    };
    expect_eq(
        "internal-tool items.id",
        key("internal-tool")?,
        "bigint identity=YES default=-",
    )?;
    expect_eq(
        "multi-tenant-saas items.id",
        key("multi-tenant-saas")?,
        "uuid identity=NO default=gen_random_uuid()",
    )
}

/// JSONB attributes with a GIN index answer containment queries through the index.
pub(super) fn check_pg_jsonb(server: &Postgres) -> Result<(), String> {
    let c = case("postgresql-documents");
    with_pg_db(server, "check_jsonb", |db| {
        server.run_psql_file(db, c.schema.sql.as_str())?;
        let (acme, _, ada, _) = seed_two_tenants(server, db)?;
        server.run_psql_file(
            db,
            format!(
                "INSERT INTO items (tenant_id, owner_id, title, attributes) VALUES \
                 ({acme}, {ada}, 'Red chair', '{{\"colour\": \"red\", \"legs\": 4}}'), \
                 ({acme}, {ada}, 'Blue chair', '{{\"colour\": \"blue\"}}');\n\
                 ANALYZE items;\n"
            )
            .as_str(),
        )?;
        expect_eq(
            "red items",
            pg_value(
                server,
                db,
                "SELECT string_agg(title, ',') FROM items WHERE attributes @> '{\"colour\": \"red\"}'",
            )?,
            "Red chair",
        )?;
        let plan = pg_rows(
            server,
            db,
            "SET enable_seqscan = off; EXPLAIN SELECT id FROM items WHERE attributes @> '{\"colour\": \"red\"}'",
        )?
        .join("\n");
        if !plan.contains("items_attributes_idx") {
            return Err(format!(
                "containment does not use items_attributes_idx:\n{plan}"
            ));
        }
        Ok(())
    })
}

/// The index each access pattern asks for, as PostgreSQL describes it after running the
/// variant's schema: (pattern, index name, a part of its definition).
pub(super) const PATTERN_INDEXES: &[(&str, &str, &str)] = &[
    (
        "equality-low",
        "items_pending_idx",
        "(tenant_id, created_at) WHERE (status = 'pending'::text)",
    ),
    (
        "range",
        "items_created_idx",
        "btree (tenant_id, created_at, id)",
    ),
    (
        "sort",
        "items_created_idx",
        "btree (tenant_id, created_at, id)",
    ),
    (
        "multi-column",
        "items_owner_status_idx",
        "btree (tenant_id, owner_id, status, created_at DESC)",
    ),
    (
        "case-insensitive",
        "users_email_key",
        "UNIQUE INDEX users_email_key ON public.users USING btree (tenant_id, lower(email))",
    ),
    (
        "hot-narrow",
        "items_list_idx",
        "btree (tenant_id, status, created_at DESC) INCLUDE (title)",
    ),
    (
        "substring",
        "items_title_trgm_idx",
        "gin (title gin_trgm_ops)",
    ),
    (
        "json-containment",
        "items_attributes_idx",
        "gin (attributes jsonb_path_ops)",
    ),
    ("full-text", "items_search_idx", "gin (search)"),
    ("time-append", "events_occurred_brin", "brin (occurred_at)"),
    ("geo", "items_location_idx", "gist (location)"),
];

/// Each access-pattern variant of the multi-tenant SaaS, run on the server: its index is
/// there with the definition the pattern calls for.
pub(super) fn check_pg_indexes(server: &Postgres) -> Result<(), String> {
    let mut problems = Vec::new();
    for (pattern, index, definition) in PATTERN_INDEXES {
        let c = case(&format!("multi-tenant-saas-{pattern}"));
        let found = with_pg_db(server, &db_name("idx", pattern), |db| {
            server.run_psql_file(db, c.schema.sql.as_str())?;
            pg_rows(
                server,
                db,
                &format!("SELECT indexdef FROM pg_indexes WHERE indexname = '{index}'"),
            )
        });
        match found {
            Ok(rows) if rows.len() == 1 && rows[0].contains(definition) => {}
            Ok(rows) => problems.push(format!(
                "{pattern}: index {index} is {rows:?}, expected it to contain {definition:?}"
            )),
            Err(e) => problems.push(format!("{pattern}: {e}")),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// One tenant, Acme, and one user of it, Ada: their ids, quoted for SQL.
pub(super) fn tenant_and_owner(
    server: &Postgres,
    db: &PgDatabase,
) -> Result<(String, String), String> {
    let id = |sql: &str| pg_value(server, db, sql).map(|v| format!("'{v}'"));
    let acme = id("INSERT INTO tenants (name) VALUES ('Acme') RETURNING id")?;
    let ada = id(&format!(
        "INSERT INTO users (tenant_id, email, name) VALUES ({acme}, 'ada@acme.example', 'Ada') RETURNING id"
    ))?;
    Ok((acme, ada))
}

/// The row-level security snippet: a reference names a row of the same tenant, since
/// a foreign key check skips the policies (an author of another tenant was accepted).
pub(super) fn check_pg_rls_snippet(server: &Postgres) -> Result<(), String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("knowledge/snippets/postgresql/schema-multi-tenant-rls.sql");
    let snippet = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    with_pg_db(server, "check_rls_snippet", |db| {
        server.run_psql_file(db, snippet.as_str())?;
        let borrowed = server.run_psql_file(
            db,
            "SET ROLE tenant_app;\nBEGIN;\nSET LOCAL app.tenant_id = '1';\n\
             INSERT INTO documents (tenant_id, author_id, title) VALUES (1, 2, 'Borrowed author');\n\
             COMMIT;\n",
        );
        match borrowed {
            Err(e) if e.contains("foreign key") => Ok(()),
            other => Err(format!(
                "a document of tenant 1 by tenant 2's user was not refused: {other:?}"
            )),
        }
    })
}
