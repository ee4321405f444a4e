//! PostgreSQL: the catalog queries, each answered by the server as one JSON array
//! (`json_agg(json_build_object(…))`), and the `ReviewedSchema` and statistics made from
//! them.
//! Only the user's tables: not the system's, nor those an extension owns. PostgreSQL 12
//! or later (`pg_partition_tree`, `indnkeyatts`, `conparentid`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::client::{self, Part, Replies};
use super::target::ConnectionUrl;
use super::{
    age, place, rows, Counter, IndexUse, LiveError, NeverAnalyzed, Snapshot, Source,
    StatementsExtension, Stats,
};
use crate::review::schema::{Column, ForeignKey, Index, ReviewedSchema, Table};
use crate::review::Dialect;

/// The user's tables and partitioned tables.
const USER_TABLES: &str = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
        AND d.objid = c.oid AND d.deptype = 'e')";

/// The queries, by name; `{tables}` stands for `USER_TABLES`.
const QUERIES: [(&str, &str); 8] = [
    (
        "server",
        "SELECT json_build_object('version', current_setting('server_version'),
            'database', current_database(), 'now', extract(epoch FROM now())::bigint,
            'stats_reset', extract(epoch FROM greatest(
                (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()),
                (SELECT stats_reset FROM pg_stat_bgwriter)))::bigint,
            'standby', pg_is_in_recovery(), 'autovacuum', current_setting('autovacuum')::bool,
            'analyze_threshold', current_setting('autovacuum_analyze_threshold')::bigint,
            'pg_stat_statements', EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'),
            'preload', (SELECT setting FROM pg_settings WHERE name = 'shared_preload_libraries'))",
    ),
    (
        "tables",
        "SELECT coalesce(json_agg(json_build_object('oid', c.oid::bigint, 'schema', n.nspname,
            'name', c.relname, 'shown', quote_ident(n.nspname) || '.' || quote_ident(c.relname),
            'partition', c.relispartition, 'row_security', c.relrowsecurity,
            'guarded_deletes', EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid
                AND NOT t.tgisinternal AND t.tgtype & 11 = 11))), '[]')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid IN ({tables})",
    ),
    (
        "columns",
        "SELECT coalesce(json_agg(json_build_object('table', a.attrelid::bigint, 'name', a.attname,
            'type', CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod)
                ELSE format_type(a.atttypid, a.atttypmod) END,
            'not_null', a.attnotnull, 'default', pg_get_expr(d.adbin, d.adrelid))
            ORDER BY a.attrelid, a.attnum), '[]')
        FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN ({tables})",
    ),
    (
        "indexes",
        "SELECT coalesce(json_agg(json_build_object('table', i.indrelid::bigint, 'name', ic.relname,
            'primary', i.indisprimary, 'unique', i.indisunique, 'method', am.amname,
            'columns', (SELECT json_agg(a.attname ORDER BY k.n) FROM generate_series(1, i.indnkeyatts) k(n)
                LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1]
                    AND i.indkey[k.n - 1] <> 0),
            'shown', (SELECT json_agg(pg_get_indexdef(i.indexrelid, k.n, true) ORDER BY k.n)
                FROM generate_series(1, i.indnkeyatts) k(n)),
            'predicate', pg_get_expr(i.indpred, i.indrelid, true))), '[]')
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
        WHERE i.indisvalid AND i.indrelid IN ({tables})",
    ),
    (
        "foreign keys",
        "SELECT coalesce(json_agg(json_build_object('table', k.conrelid::bigint, 'name', k.conname,
            'parent_schema', pn.nspname, 'parent', pc.relname,
            'columns', (SELECT json_agg(a.attname ORDER BY c.n) FROM unnest(k.conkey) WITH ORDINALITY c(attnum, n)
                JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.attnum),
            'parent_columns', (SELECT json_agg(quote_ident(a.attname) ORDER BY c.n)
                FROM unnest(k.confkey) WITH ORDINALITY c(attnum, n)
                JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = c.attnum),
            'on_delete', k.confdeltype)), '[]')
        FROM pg_constraint k JOIN pg_class pc ON pc.oid = k.confrelid
        JOIN pg_namespace pn ON pn.oid = pc.relnamespace
        WHERE k.contype = 'f' AND k.conparentid = 0 AND k.conrelid IN ({tables})",
    ),
    (
        "index usage",
        "SELECT coalesce(json_agg(json_build_object('table', i.indrelid::bigint,
            'index', quote_ident(n.nspname) || '.' || quote_ident(c.relname),
            'scans', CASE WHEN c.relkind = 'I' THEN (SELECT sum(s.idx_scan) FROM pg_partition_tree(i.indexrelid) t
                    JOIN pg_stat_user_indexes s ON s.indexrelid = t.relid)
                ELSE (SELECT s.idx_scan FROM pg_stat_user_indexes s WHERE s.indexrelid = i.indexrelid) END,
            'size', pg_size_pretty(current_setting('block_size')::bigint * CASE WHEN c.relkind = 'I'
                THEN (SELECT sum(p.relpages) FROM pg_partition_tree(i.indexrelid) t JOIN pg_class p ON p.oid = t.relid)
                ELSE c.relpages END),
            'definition', pg_get_indexdef(i.indexrelid),
            'enforces', i.indisprimary OR i.indisunique OR i.indisreplident OR EXISTS (SELECT 1 FROM pg_constraint k
                WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')))), '[]')
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.indisvalid AND i.indrelid IN ({tables})
            AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)",
    ),
    (
        "sequences",
        "SELECT coalesce(json_agg(json_build_object('table', x.attrelid::bigint, 'column', a.attname,
            'type', format_type(a.atttypid, a.atttypmod),
            'type_max', CASE a.atttypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647
                ELSE 9223372036854775807 END,
            'sequence', quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename),
            'readable', has_sequence_privilege(x.seq, 'SELECT, USAGE'),
            'last', s.last_value, 'max', s.max_value)), '[]')
        FROM (SELECT ad.adrelid AS attrelid, ad.adnum AS attnum, d.refobjid AS seq FROM pg_attrdef ad
                JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
                    AND d.refclassid = 'pg_class'::regclass
            UNION SELECT d.refobjid, d.refobjsubid, d.objid FROM pg_depend d
                WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i') x
        JOIN pg_class sc ON sc.oid = x.seq AND sc.relkind = 'S'
        JOIN pg_namespace sn ON sn.oid = sc.relnamespace
        JOIN pg_sequences s ON s.schemaname = sn.nspname AND s.sequencename = sc.relname
        JOIN pg_attribute a ON a.attrelid = x.attrelid AND a.attnum = x.attnum
        WHERE x.attrelid IN ({tables}) AND s.increment_by > 0
            AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)",
    ),
    (
        "tables never analysed",
        "SELECT coalesce(json_agg(json_build_object('table', s.relid::bigint, 'rows', s.n_live_tup,
            'options', c.reloptions)), '[]')
        FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.last_analyze IS NULL AND s.last_autoanalyze IS NULL AND s.relid IN ({tables})",
    ),
];

/// Each query on one line, as the client script needs it.
fn parts() -> Vec<Part> {
    let tables = USER_TABLES.split_whitespace().collect::<Vec<_>>().join(" ");
    QUERIES
        .iter()
        .map(|(name, sql)| Part {
            name,
            sql: sql
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace("{tables}", &tables),
        })
        .collect()
}

pub fn read(target: &ConnectionUrl) -> Result<Snapshot, LiveError> {
    let replies = client::run(target, &[], &parts())?;
    snapshot(&target.shown, &replies)
}

#[derive(Deserialize)]
struct Server {
    version: String,
    database: String,
    now: i64,
    stats_reset: Option<i64>,
    standby: bool,
    autovacuum: bool,
    analyze_threshold: i64,
    pg_stat_statements: bool,
    preload: Option<String>,
}

#[derive(Deserialize)]
struct TableRow {
    oid: i64,
    schema: String,
    name: String,
    shown: String,
    partition: bool,
    row_security: bool,
    /// A BEFORE DELETE row trigger decides its deletes (tgtype: row 1, before 2,
    /// delete 8), as a file review reads one.
    #[serde(default)]
    guarded_deletes: bool,
}

#[derive(Deserialize)]
struct ColumnRow {
    table: i64,
    name: String,
    #[serde(rename = "type")]
    type_text: String,
    not_null: bool,
    default: Option<String>,
}

#[derive(Deserialize)]
struct IndexRow {
    table: i64,
    name: String,
    primary: bool,
    unique: bool,
    method: String,
    columns: Vec<Option<String>>,
    shown: Vec<String>,
    predicate: Option<String>,
}

#[derive(Deserialize)]
struct ForeignKeyRow {
    table: i64,
    name: String,
    parent_schema: String,
    parent: String,
    columns: Vec<String>,
    parent_columns: Vec<String>,
    on_delete: String,
}

#[derive(Deserialize)]
struct IndexUseRow {
    table: i64,
    index: String,
    scans: Option<i64>,
    size: Option<String>,
    definition: String,
    enforces: bool,
}

#[derive(Deserialize)]
struct SequenceRow {
    table: i64,
    column: String,
    #[serde(rename = "type")]
    type_text: String,
    type_max: i64,
    sequence: String,
    readable: bool,
    last: Option<i64>,
    max: i64,
}

#[derive(Deserialize)]
struct NeverAnalyzedRow {
    table: i64,
    rows: i64,
    options: Option<Vec<String>>,
}

/// A table's key in `ReviewedSchema::tables`: its name, qualified unless it is in
/// `public`, as a file review keys it.
fn key(schema: &str, name: &str) -> String {
    if schema == "public" {
        name.to_string()
    } else {
        format!("{schema}.{name}")
    }
}

fn table_mut<'s>(
    schema: &'s mut ReviewedSchema,
    keys: &BTreeMap<i64, String>,
    oid: i64,
) -> Option<&'s mut Table> {
    keys.get(&oid).and_then(|k| schema.tables.get_mut(k))
}

/// An off value of a boolean storage parameter, as PostgreSQL reads it.
fn is_off(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "false" | "off" | "no" | "0" | "f" | "n"
    )
}

/// The snapshot the replies make. Only the first query is needed: without it the
/// server is not one review can read.
pub fn snapshot(url: &str, replies: &Replies) -> Result<Snapshot, LiveError> {
    let server: Server = replies
        .get("server")
        .and_then(|t| serde_json::from_str(t).map_err(|e| e.to_string()))
        .map_err(|why| LiveError::Unsupported {
            url: url.to_string(),
            why: format!("the server did not answer as PostgreSQL 12 or later does ({why})"),
        })?;
    let db = server.database.clone();
    let (mut read, mut skipped) = (1, Vec::new());
    let tables: Vec<TableRow> = rows(replies, "tables", &db, &mut read, &mut skipped);
    let columns: Vec<ColumnRow> = rows(replies, "columns", &db, &mut read, &mut skipped);
    let indexes: Vec<IndexRow> = rows(replies, "indexes", &db, &mut read, &mut skipped);
    let foreign_keys: Vec<ForeignKeyRow> =
        rows(replies, "foreign keys", &db, &mut read, &mut skipped);
    let index_usage: Vec<IndexUseRow> = rows(replies, "index usage", &db, &mut read, &mut skipped);
    let sequences: Vec<SequenceRow> = rows(replies, "sequences", &db, &mut read, &mut skipped);
    let unanalysed: Vec<NeverAnalyzedRow> = rows(
        replies,
        "tables never analysed",
        &db,
        &mut read,
        &mut skipped,
    );

    let at = place(&db);
    let mut schema = ReviewedSchema::default();
    let mut keys: BTreeMap<i64, String> = BTreeMap::new();
    for row in tables {
        let table_key = key(&row.schema, &row.name);
        keys.insert(row.oid, table_key.clone());
        if row.row_security {
            schema.row_security.insert(table_key.clone());
        }
        if row.guarded_deletes {
            schema.guarded_deletes.insert(table_key.clone());
        }
        schema.tables.insert(
            table_key.clone(),
            Table {
                key: table_key,
                name: row.shown,
                columns: Vec::new(),
                indexes: Vec::new(),
                foreign_keys: Vec::new(),
                partition: row.partition,
                place: at.clone(),
            },
        );
    }
    for row in columns {
        let Some(table) = table_mut(&mut schema, &keys, row.table) else {
            continue;
        };
        table.columns.push(Column {
            sequence_default: row
                .default
                .as_deref()
                .is_some_and(|d| d.starts_with("nextval(")),
            name: row.name,
            type_text: row.type_text.to_lowercase(),
            not_null: row.not_null,
            generated: None,
            place: at.clone(),
        });
    }
    for row in indexes {
        let Some(table) = table_mut(&mut schema, &keys, row.table) else {
            continue;
        };
        table.indexes.push(Index {
            name: Some(row.name),
            columns: row.columns,
            shown: row.shown,
            primary: row.primary,
            unique: row.unique,
            predicate: row.predicate,
            method: row.method,
            place: at.clone(),
        });
    }
    for row in foreign_keys {
        let parent = key(&row.parent_schema, &row.parent);
        let Some(table) = table_mut(&mut schema, &keys, row.table) else {
            continue;
        };
        table.foreign_keys.push(ForeignKey {
            name: Some(row.name),
            columns: row.columns,
            parent,
            parent_columns: row.parent_columns,
            cascades_on_delete: row.on_delete == "c",
            place: at.clone(),
        });
    }

    let mut stats = Stats {
        autovacuum: Some((server.autovacuum, server.analyze_threshold)),
        statements: Some(StatementsExtension {
            created: server.pg_stat_statements,
            preloaded: server.preload.as_deref().map(|libraries| {
                libraries
                    .split(',')
                    .any(|l| l.trim().trim_matches('"') == "pg_stat_statements")
            }),
        }),
        ..Stats::default()
    };
    for row in index_usage {
        let Some(table) = keys.get(&row.table) else {
            continue;
        };
        stats.indexes.push(IndexUse {
            table: table.clone(),
            index: row.index,
            scans: row.scans,
            size: row.size.unwrap_or_else(|| "?".into()),
            definition: row.definition,
            enforces: row.enforces,
        });
    }
    let mut unreadable = Vec::new();
    for row in sequences {
        let Some(table) = keys.get(&row.table) else {
            continue;
        };
        match row.last {
            Some(last) => stats.counters.push(Counter {
                table: table.clone(),
                column: row.column,
                type_text: row.type_text,
                counter: row.sequence,
                last: last.into(),
                limit: row.type_max.min(row.max).into(),
            }),
            None if !row.readable => unreadable.push(row.sequence),
            // Never called yet: nothing handed out.
            None => {}
        }
    }
    if !unreadable.is_empty() {
        skipped.push(super::skipped(
            &db,
            format!(
                "the counters of {} sequence(s) could not be read (this role has no SELECT or USAGE on them): {}",
                unreadable.len(),
                unreadable.join(", ")
            ),
        ));
    }
    for row in unanalysed {
        let Some(table) = keys.get(&row.table) else {
            continue;
        };
        let off = row.options.iter().flatten().any(|o| {
            o.split_once('=')
                .is_some_and(|(name, value)| name == "autovacuum_enabled" && is_off(value))
        });
        stats.never_analyzed.push(NeverAnalyzed {
            table: table.clone(),
            rows: row.rows,
            autovacuum: !off,
        });
    }

    let statistics_since = server
        .stats_reset
        .map(|reset| format!("{} ({})", utc(reset), age(server.now - reset)));
    Ok(Snapshot {
        dialect: Dialect::PostgreSql,
        source: Source {
            url: url.to_string(),
            database: db,
            // `15.18 (Debian 15.18-0+deb12u1)`: the packager's part is not the server's.
            server: format!(
                "PostgreSQL {}",
                server.version.split_whitespace().next().unwrap_or("")
            ),
            statistics_since,
            standby: server.standby,
        },
        schema,
        stats,
        read,
        skipped,
    })
}

/// A Unix time as `2025-06-01 10:00 UTC`.
fn utc(seconds: i64) -> String {
    match jiff::Timestamp::from_second(seconds) {
        Ok(at) => at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => format!("{seconds} (Unix time)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_is_one_line_and_names_the_user_tables() {
        for part in parts() {
            assert!(!part.sql.contains('\n'), "{}", part.name);
            assert!(!part.sql.contains("{tables}"), "{}", part.name);
        }
        assert_eq!(utc(1_748_772_000), "2025-06-01 10:00 UTC");
        assert_eq!(key("public", "Orders"), "Orders");
        assert_eq!(key("sales", "orders"), "sales.orders");
    }

    /// What the catalogs cannot tell is reported; what they can is read.
    #[test]
    fn an_answer_that_cannot_be_read_is_reported_and_the_rest_kept() {
        let mut replies = Replies::default();
        replies.texts.insert(
            "server",
            r#"{"version": "15.18 (Debian)", "database": "shop", "now": 1748772600,
                "stats_reset": 1748772000, "standby": false, "autovacuum": true,
                "analyze_threshold": 50, "pg_stat_statements": false, "preload": null}"#
                .into(),
        );
        replies.texts.insert(
            "tables",
            r#"[{"oid": 1, "schema": "public", "name": "orders", "shown": "public.orders",
                 "partition": false, "row_security": false}]"#
                .into(),
        );
        replies.texts.insert(
            "columns",
            r#"[{"table": 1, "name": "total", "type": "double precision", "not_null": true,
                 "default": null}]"#
                .into(),
        );
        replies
            .texts
            .insert("indexes", "[{\"table\": 1, \"name\"".into());
        replies.errors.insert(
            "index usage",
            "ERROR:  permission denied for view pg_stat_user_indexes".into(),
        );
        let snapshot = snapshot("postgres://app:***@db/shop", &replies).unwrap();
        assert_eq!(snapshot.source.server, "PostgreSQL 15.18");
        assert_eq!(
            snapshot.source.statistics_since.as_deref(),
            Some("2025-06-01 10:00 UTC (10 minutes)")
        );
        let orders = &snapshot.schema.tables["orders"];
        assert_eq!(orders.columns[0].type_text, "double precision");
        assert_eq!(snapshot.read, 3, "server, tables, columns; the rest failed");
        let messages: Vec<&str> = snapshot
            .skipped
            .iter()
            .map(|s| s.message.as_str())
            .collect();
        let has = |start: &str| messages.iter().any(|m| m.starts_with(start));
        assert!(
            has("the indexes could not be read: its answer is not what review expects"),
            "{messages:?}"
        );
        assert!(messages.contains(&"the index usage could not be read: ERROR:  permission denied for view pg_stat_user_indexes"), "{messages:?}");
        assert!(
            has("the foreign keys could not be read: the client gave no answer"),
            "{messages:?}"
        );
        assert_eq!(snapshot.skipped[0].place.line, 0);
        assert!(snapshot
            .stats
            .statements
            .as_ref()
            .is_some_and(|s| !s.created && s.preloaded.is_none()));
    }
}
