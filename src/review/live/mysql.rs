//! MySQL and MariaDB: the catalog queries on `information_schema`, each answered by the
//! server as one JSON array (`JSON_ARRAYAGG(JSON_OBJECT(…))`: MariaDB 10.5 or later,
//! MySQL 5.7.22 or later), and the `ReviewedSchema` and counters made from them. Rows come
//! flat (one per column, key part, foreign-key column) and are put in order here: MySQL's
//! `JSON_ARRAYAGG` takes no `ORDER BY`, and MariaDB's JSON is text, which nests badly.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::client::{self, Part, Replies};
use super::target::ConnectionUrl;
use super::{place, rows, Counter, LiveError, Snapshot, Source, Stats};
use crate::review::names::sql_ident;
use crate::review::schema::{Column, ForeignKey, Index, ReviewedSchema, Table};
use crate::review::Dialect;

const QUERIES: [(&str, &str); 5] = [
    (
        "server",
        "SELECT JSON_OBJECT('version', VERSION(), 'database', DATABASE())",
    ),
    (
        "tables",
        "SELECT JSON_ARRAYAGG(JSON_OBJECT('name', TABLE_NAME, 'auto_increment', AUTO_INCREMENT,
            'guarded_deletes', EXISTS (SELECT 1 FROM information_schema.TRIGGERS g
                WHERE g.EVENT_OBJECT_SCHEMA = DATABASE() AND g.EVENT_OBJECT_TABLE = TABLE_NAME
                AND g.ACTION_TIMING = 'BEFORE' AND g.EVENT_MANIPULATION = 'DELETE')))
        FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    ),
    (
        "columns",
        "SELECT JSON_ARRAYAGG(JSON_OBJECT('table', TABLE_NAME, 'name', COLUMN_NAME,
            'position', ORDINAL_POSITION, 'type', COLUMN_TYPE, 'data_type', DATA_TYPE,
            'nullable', IS_NULLABLE, 'extra', EXTRA))
        FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
    ),
    (
        "indexes",
        "SELECT JSON_ARRAYAGG(JSON_OBJECT('table', TABLE_NAME, 'name', INDEX_NAME,
            'non_unique', NON_UNIQUE, 'seq', SEQ_IN_INDEX, 'column', COLUMN_NAME,
            'sub_part', SUB_PART, 'type', INDEX_TYPE))
        FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()",
    ),
    (
        "foreign keys",
        "SELECT JSON_ARRAYAGG(JSON_OBJECT('table', k.TABLE_NAME, 'name', k.CONSTRAINT_NAME,
            'column', k.COLUMN_NAME, 'position', k.ORDINAL_POSITION,
            'parent', k.REFERENCED_TABLE_NAME, 'parent_column', k.REFERENCED_COLUMN_NAME,
            'on_delete', r.DELETE_RULE))
        FROM information_schema.KEY_COLUMN_USAGE k LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
            ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
            AND r.TABLE_NAME = k.TABLE_NAME
        WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL",
    ),
];

/// MariaDB builds `JSON_ARRAYAGG` on `GROUP_CONCAT`, which stops at this many bytes
/// (1 MiB by default): a large schema needs more.
const PRELUDE: [&str; 1] = ["SET SESSION group_concat_max_len = 1073741824;"];

fn parts() -> Vec<Part> {
    QUERIES
        .iter()
        .map(|(name, sql)| Part {
            name,
            sql: sql.split_whitespace().collect::<Vec<_>>().join(" "),
        })
        .collect()
}

pub fn read(target: &ConnectionUrl) -> Result<Snapshot, LiveError> {
    let replies = client::run(target, &PRELUDE, &parts())?;
    snapshot(&target.shown, &replies)
}

#[derive(Deserialize)]
struct Server {
    version: String,
    database: Option<String>,
}

#[derive(Deserialize)]
struct TableRow {
    name: String,
    auto_increment: Option<i128>,
    /// A BEFORE DELETE trigger decides its deletes, as a file review reads one: 1 or 0,
    /// which the server's JSON gives as a number or as text.
    #[serde(default, deserialize_with = "one_or_zero")]
    guarded_deletes: bool,
}

/// A flag as MySQL's or MariaDB's JSON writes a condition: 1, "1", true, or their opposites.
fn one_or_zero<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(match value {
        serde_json::Value::Bool(b) => b,
        serde_json::Value::Number(n) => n.as_i64() != Some(0),
        serde_json::Value::String(s) => s.trim() != "0",
        _ => false,
    })
}

#[derive(Deserialize)]
struct ColumnRow {
    table: String,
    name: String,
    position: u32,
    #[serde(rename = "type")]
    type_text: String,
    data_type: String,
    nullable: String,
    extra: Option<String>,
}

#[derive(Deserialize)]
struct IndexRow {
    table: String,
    name: String,
    non_unique: i64,
    seq: u32,
    column: Option<String>,
    sub_part: Option<i64>,
    #[serde(rename = "type")]
    method: String,
}

#[derive(Deserialize)]
struct ForeignKeyRow {
    table: String,
    name: String,
    column: String,
    position: u32,
    parent: String,
    parent_column: String,
    /// `None` when the account may not see it: MariaDB shows REFERENTIAL_CONSTRAINTS
    /// only to accounts with more than SELECT on the table.
    on_delete: Option<String>,
}

/// `10.11.6-MariaDB-…` → (MariaDB, [10, 11, 6]).
fn version_of(version: &str) -> (bool, Vec<u32>) {
    let numbers = version
        .split(['-', '+'])
        .next()
        .unwrap_or("")
        .split('.')
        .map_while(|n| n.parse().ok())
        .collect();
    (version.contains("MariaDB"), numbers)
}

/// The largest value an integer type holds (`None`: not an integer type, or one too
/// big to run out).
fn integer_max(data_type: &str, unsigned: bool) -> Option<i128> {
    let bits = match data_type {
        "tinyint" => 8,
        "smallint" => 16,
        "mediumint" => 24,
        "int" | "integer" => 32,
        "bigint" => 64,
        _ => return None,
    };
    Some(if unsigned {
        (1i128 << bits) - 1
    } else {
        (1i128 << (bits - 1)) - 1
    })
}

pub fn snapshot(url: &str, replies: &Replies) -> Result<Snapshot, LiveError> {
    let unsupported = |why: String| LiveError::Unsupported {
        url: url.to_string(),
        why,
    };
    let server: Server = replies
        .get("server")
        .and_then(|t| serde_json::from_str(t).map_err(|e| e.to_string()))
        .map_err(|why| {
            unsupported(format!(
                "the server did not answer as MariaDB 10.5+ or MySQL 5.7.22+ do ({why})"
            ))
        })?;
    let (mariadb, numbers) = version_of(&server.version);
    let (name, needed): (&str, &[u32]) = if mariadb {
        ("MariaDB", &[10, 5])
    } else {
        ("MySQL", &[5, 7, 22])
    };
    if numbers.as_slice() < needed {
        return Err(unsupported(format!(
            "{name} {} has no JSON_ARRAYAGG, which review needs ({name} {} or later)",
            server.version,
            needed
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".")
        )));
    }
    let db = server.database.unwrap_or_default();
    let (mut read, mut skipped) = (1, Vec::new());
    let tables: Vec<TableRow> = rows(replies, "tables", &db, &mut read, &mut skipped);
    let mut columns: Vec<ColumnRow> = rows(replies, "columns", &db, &mut read, &mut skipped);
    let mut indexes: Vec<IndexRow> = rows(replies, "indexes", &db, &mut read, &mut skipped);
    let mut foreign_keys: Vec<ForeignKeyRow> =
        rows(replies, "foreign keys", &db, &mut read, &mut skipped);

    let at = place(&db);
    // MySQL compares table and column names without case on the usual setups, and a
    // file review folds them: so do keys here.
    let fold = |name: &str| name.to_lowercase();
    let mut schema = ReviewedSchema::default();
    for row in &tables {
        if row.guarded_deletes {
            schema.guarded_deletes.insert(fold(&row.name));
        }
        schema.tables.insert(
            fold(&row.name),
            Table {
                key: fold(&row.name),
                name: sql_ident(&row.name, Dialect::MySql),
                columns: Vec::new(),
                indexes: Vec::new(),
                foreign_keys: Vec::new(),
                partition: false,
                place: at.clone(),
            },
        );
    }
    columns.sort_by(|a, b| (&a.table, a.position).cmp(&(&b.table, b.position)));
    for row in &columns {
        let Some(table) = schema.tables.get_mut(&fold(&row.table)) else {
            continue; // a view's
        };
        table.columns.push(Column {
            name: fold(&row.name),
            type_text: row.type_text.to_lowercase(),
            sequence_default: false,
            not_null: row.nullable == "NO",
            generated: None,
            place: at.clone(),
        });
    }
    indexes.sort_by(|a, b| (&a.table, &a.name, a.seq).cmp(&(&b.table, &b.name, b.seq)));
    let mut grouped: BTreeMap<(String, String), Vec<&IndexRow>> = BTreeMap::new();
    for row in &indexes {
        grouped
            .entry((fold(&row.table), row.name.clone()))
            .or_default()
            .push(row);
    }
    for ((table, name), parts) in grouped {
        let Some(table) = schema.tables.get_mut(&table) else {
            continue;
        };
        let primary = name == "PRIMARY";
        table.indexes.push(Index {
            name: (!primary).then_some(name),
            columns: parts
                .iter()
                .map(|p| p.column.as_deref().map(fold))
                .collect(),
            shown: parts
                .iter()
                .map(|p| match (&p.column, p.sub_part) {
                    (Some(c), Some(n)) => format!("{c}({n})"),
                    (Some(c), None) => c.clone(),
                    (None, _) => "(expression)".into(),
                })
                .collect(),
            primary,
            unique: parts[0].non_unique == 0,
            predicate: None,
            method: parts[0].method.to_lowercase(),
            place: at.clone(),
        });
    }
    foreign_keys
        .sort_by(|a, b| (&a.table, &a.name, a.position).cmp(&(&b.table, &b.name, b.position)));
    let mut grouped: BTreeMap<(String, String), Vec<&ForeignKeyRow>> = BTreeMap::new();
    for row in &foreign_keys {
        grouped
            .entry((fold(&row.table), row.name.clone()))
            .or_default()
            .push(row);
    }
    let mut unknown_rules = Vec::new();
    for ((table, name), parts) in grouped {
        let Some(table) = schema.tables.get_mut(&table) else {
            continue;
        };
        if parts[0].on_delete.is_none() {
            unknown_rules.push(format!("{}.{name}", table.name));
        }
        table.foreign_keys.push(ForeignKey {
            name: Some(name),
            columns: parts.iter().map(|p| fold(&p.column)).collect(),
            parent: fold(&parts[0].parent),
            parent_columns: parts
                .iter()
                .map(|p| sql_ident(&p.parent_column, Dialect::MySql))
                .collect(),
            cascades_on_delete: parts[0].on_delete.as_deref() == Some("CASCADE"),
            place: at.clone(),
        });
    }
    if !unknown_rules.is_empty() {
        skipped.push(super::skipped(
            &db,
            format!(
                "the ON DELETE rules of {} foreign key(s) could not be read, so no rule judged them \
                 (information_schema.REFERENTIAL_CONSTRAINTS shows them only to an account with more \
                 than SELECT on the table, such as REFERENCES): {}",
                unknown_rules.len(),
                unknown_rules.join(", ")
            ),
        ));
    }

    let mut stats = Stats::default();
    for table in &tables {
        let Some(next) = table.auto_increment else {
            continue;
        };
        let column = columns.iter().find(|c| {
            c.table == table.name
                && c.extra
                    .as_deref()
                    .is_some_and(|e| e.to_lowercase().contains("auto_increment"))
        });
        let Some(column) = column else { continue };
        let unsigned = column.type_text.to_lowercase().contains("unsigned");
        let Some(limit) = integer_max(&column.data_type.to_lowercase(), unsigned) else {
            continue;
        };
        stats.counters.push(Counter {
            table: fold(&table.name),
            column: fold(&column.name),
            type_text: column.type_text.to_lowercase(),
            counter: "AUTO_INCREMENT".into(),
            // AUTO_INCREMENT is the next value: the last handed out is one less.
            last: next - 1,
            limit,
        });
    }
    let version = server.version.split('-').next().unwrap_or("").to_string();
    Ok(Snapshot {
        dialect: Dialect::MySql,
        source: Source {
            url: url.to_string(),
            database: db,
            server: format!("{name} {version}"),
            statistics_since: None,
            standby: false,
        },
        schema,
        stats,
        read,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_integer_limits() {
        assert_eq!(
            version_of("10.11.6-MariaDB-0+deb12u1"),
            (true, vec![10, 11, 6])
        );
        assert_eq!(version_of("8.0.36"), (false, vec![8, 0, 36]));
        assert!(vec![10, 4, 32] < vec![10, 5]);
        assert!(vec![5, 7, 22] >= vec![5, 7, 22]);
        assert_eq!(integer_max("int", false), Some(2_147_483_647));
        assert_eq!(integer_max("int", true), Some(4_294_967_295));
        assert_eq!(integer_max("tinyint", true), Some(255));
        assert_eq!(integer_max("decimal", false), None);
    }
}
