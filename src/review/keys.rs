//! The detectors of keys and indexes: foreign keys without an index, cascades into
//! kept tables, case-sensitive unique emails, redundant indexes, references that leave
//! out the tenant.

use std::collections::BTreeMap;

use super::detectors::{is_number, Hit};
use super::names::{fits_any, is_key, sql_ident, words};
use super::parse::Dialect;
use super::schema::{ForeignKey, Index, ReviewedSchema, Table};
use crate::kb::ReviewRule;

/// Identifiers joined as a column list (`a, b`).
fn column_list<'a>(columns: impl IntoIterator<Item = &'a str>, dialect: Dialect) -> String {
    let quoted: Vec<String> = columns.into_iter().map(|c| sql_ident(c, dialect)).collect();
    quoted.join(", ")
}

/// The table's own name, without schema and quotes, for names made from it.
pub(super) fn bare_name(table: &Table) -> String {
    let last = table.name.rsplit('.').next().unwrap_or(&table.name);
    last.trim_matches(|c| c == '"' || c == '`').to_string()
}

/// An index name PostgreSQL would accept: at most 63 bytes.
pub(super) fn index_name(parts: &[&str], suffix: &str) -> String {
    let mut name = parts.join("_");
    name.truncate(63 - suffix.len() - 1);
    format!("{name}_{suffix}")
}

/// The name an index or constraint goes by: its own, or the one the engine gives it.
fn name_or_default(name: Option<&str>, table: &Table, columns: &[&str], suffix: &str) -> String {
    match name {
        Some(name) => name.to_string(),
        None => {
            let mut parts = vec![bare_name(table)];
            parts.extend(columns.iter().map(|c| c.to_string()));
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            index_name(&parts, suffix)
        }
    }
}

/// PostgreSQL indexes no foreign key by itself (MySQL's InnoDB does: rules say where
/// they apply). An index serves when its leading columns are the key's, in any order.
pub fn unindexed_foreign_keys(tables: &[&Table], dialect: Dialect, hits: &mut Vec<Hit>) {
    for table in tables.iter().filter(|t| !t.partition) {
        for fk in &table.foreign_keys {
            let served = table.indexes.iter().any(|index| {
                let leading = index.leading_columns();
                index.predicate.is_none()
                    && index.method != "fulltext"
                    && leading.len() >= fk.columns.len()
                    && fk
                        .columns
                        .iter()
                        .all(|c| leading[..fk.columns.len()].contains(&c.as_str()))
            });
            if !served {
                let columns: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
                let name = name_or_default(None, table, &columns, "idx");
                hits.push(
                    foreign_key_hit(tables, table, fk, dialect)
                        .fill("index", sql_ident(&name, dialect)),
                );
            }
        }
    }
}

/// The parent table as the schema writes it (quoted where it was).
fn parent_name(tables: &[&Table], key: &str) -> String {
    tables
        .iter()
        .find(|t| t.key == key)
        .map_or_else(|| key.to_string(), |t| t.name.clone())
}

fn foreign_key_hit(tables: &[&Table], table: &Table, fk: &ForeignKey, dialect: Dialect) -> Hit {
    let mut hit = Hit::on(table, &fk.place)
        .fill(
            "columns",
            column_list(fk.columns.iter().map(String::as_str), dialect),
        )
        .fill("parent", parent_name(tables, &fk.parent));
    if let [column] = fk.columns.as_slice() {
        hit.column = Some(column.clone());
    }
    hit
}

/// A cascade deletes rows of a table the business keeps: named like one (payments,
/// ledger, audit), or holding amounts of money.
pub fn cascades_into_kept(
    rule: &ReviewRule,
    schema: &ReviewedSchema,
    tables: &[&Table],
    dialect: Dialect,
    hits: &mut Vec<Hit>,
) {
    let kept = rule.names("kept_tables");
    let money = rule.names("money_columns");
    for table in tables.iter().filter(|t| !t.partition) {
        let holds_money = table
            .columns
            .iter()
            .any(|c| is_number(&c.type_text) && !is_key(&c.name) && fits_any(money, &c.name));
        // A table whose deletes a trigger decides refuses the cascade itself where a
        // row must stay (the lines of an issued invoice), and lets a draft's go.
        if !holds_money && !fits_any(kept, &bare_name(table))
            || schema.guarded_deletes.contains(&table.key)
        {
            continue;
        }
        for fk in table.foreign_keys.iter().filter(|f| f.cascades_on_delete) {
            let constraint = constraint_name(table, fk, dialect);
            let parent_columns = if fk.parent_columns.is_empty() {
                String::new()
            } else {
                format!(" ({})", fk.parent_columns.join(", "))
            };
            let hit = foreign_key_hit(tables, table, fk, dialect)
                .fill("parent_columns", parent_columns)
                .fill("constraint", sql_ident(&constraint, dialect));
            hits.push(hit);
        }
    }
}

/// A unique key on an email column that compares with case: `Ann@x.org` and
/// `ann@x.org` are two accounts. A unique index on `lower(email)`, or `citext`, fixes it.
pub fn case_sensitive_emails(
    rule: &ReviewRule,
    tables: &[&Table],
    dialect: Dialect,
    hits: &mut Vec<Hit>,
) {
    let emails = rule.names("email_columns");
    for table in tables.iter().filter(|t| !t.partition) {
        for index in table
            .indexes
            .iter()
            .filter(|i| i.unique && i.predicate.is_none())
        {
            let Some(email) = index.columns.iter().flatten().find(|c| fits_any(emails, c)) else {
                continue;
            };
            let folded = table
                .column(email)
                .is_some_and(|c| c.type_text.starts_with("citext"));
            let lowered = table.indexes.iter().any(|other| {
                other.unique
                    && other.shown.iter().any(|s| {
                        let s = s.to_lowercase();
                        s.starts_with("lower(") && s.contains(email.to_lowercase().as_str())
                    })
            });
            if folded || lowered {
                continue;
            }
            let columns: Vec<&str> = index.columns.iter().flatten().map(String::as_str).collect();
            let name = name_or_default(index.name.as_deref(), table, &columns, "key");
            let new_index = index_name(&[&bare_name(table), "lower", email], "key");
            let mut hit = Hit::on(table, &index.place)
                .fill("column", sql_ident(email, dialect))
                .fill("index", sql_ident(&name, dialect))
                .fill("new_index", sql_ident(&new_index, dialect));
            hit.column = Some(email.clone());
            hits.push(hit);
        }
    }
}

/// A plain B-tree index whose columns lead another B-tree index of the same table
/// (with the same `WHERE`): every lookup it serves, the other serves too. An index that
/// enforces something (primary key, unique) is never the redundant one.
pub fn redundant_indexes(tables: &[&Table], dialect: Dialect, hits: &mut Vec<Hit>) {
    for table in tables {
        let btree: Vec<&Index> = table
            .indexes
            .iter()
            .filter(|i| i.method == "btree")
            .collect();
        for (at, index) in btree.iter().enumerate() {
            let columns = index.leading_columns();
            if index.enforces() || columns.is_empty() || columns.len() != index.columns.len() {
                continue;
            }
            let covering = btree.iter().enumerate().find(|(other_at, other)| {
                let same_length = other.columns.len() == columns.len();
                *other_at != at
                    && other.predicate == index.predicate
                    && other.columns.len() >= columns.len()
                    && other.columns[..columns.len()]
                        .iter()
                        .zip(&columns)
                        .all(|(a, b)| a.as_deref() == Some(*b))
                    // Of two identical plain indexes, the second is the redundant one.
                    && (!same_length || other.enforces() || *other_at < at)
            });
            let Some((_, other)) = covering else { continue };
            let name = name_or_default(index.name.as_deref(), table, &columns, "idx");
            let other_columns: Vec<&str> =
                other.columns.iter().flatten().map(String::as_str).collect();
            let other_name = match (&other.name, other.primary) {
                (Some(name), _) => name.clone(),
                (None, true) if dialect == Dialect::MySql => "PRIMARY".into(),
                (None, true) => format!("{}_pkey", bare_name(table)),
                (None, false) => name_or_default(None, table, &other_columns, "idx"),
            };
            hits.push(
                Hit::on(table, &index.place)
                    .fill("index", sql_ident(&name, dialect))
                    .fill("columns", column_list(columns.iter().copied(), dialect))
                    .fill("other", sql_ident(&other_name, dialect))
                    .fill("other_columns", other.shown.join(", ")),
            );
        }
    }
}

/// In a schema where several tables carry the same tenant column, each such table's
/// primary key should lead with it: rows of one tenant sit together, and every lookup by
/// key names the tenant.
/// The tables of a shared multi-tenant schema, each with its tenant column: the first of
/// the rule's patterns that fits wins (`tenant_*_id` before `account_id`), and a column
/// counts only when two tables or more share it (one table with an account column is
/// not a shared schema: a bank has accounts).
pub(super) fn tenant_tables<'t>(
    patterns: &[String],
    tables: &[&'t Table],
) -> Vec<(&'t Table, String)> {
    let tenant_of = |table: &Table| -> Option<String> {
        patterns.iter().find_map(|p| {
            let one = std::slice::from_ref(p);
            table
                .columns
                .iter()
                .find(|c| fits_any(one, &c.name))
                .map(|c| c.name.clone())
        })
    };
    let owned: Vec<(&Table, String)> = tables
        .iter()
        .filter(|t| !t.partition)
        .filter_map(|t| tenant_of(t).map(|c| (*t, c)))
        .collect();
    let mut shared: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, column) in &owned {
        *shared.entry(column).or_default() += 1;
    }
    let shared: Vec<String> = shared
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(c, _)| c.to_string())
        .collect();
    owned
        .into_iter()
        .filter(|(_, column)| shared.contains(column))
        .collect()
}

/// A foreign key between two tables of one tenant column that leaves the tenant out: it
/// checks only that the parent row exists, in any tenant, and a foreign key check
/// bypasses row-level security, so a wrong id links two customers' rows.
pub fn references_without_tenant(
    rule: &ReviewRule,
    tables: &[&Table],
    dialect: Dialect,
    hits: &mut Vec<Hit>,
) {
    let owned = tenant_tables(rule.names("tenant_columns"), tables);
    let tenant_of = |key: &str| {
        owned
            .iter()
            .find(|(t, _)| t.key == key)
            .map(|(_, c)| c.as_str())
    };
    for (table, column) in &owned {
        for fk in &table.foreign_keys {
            let Some(parent) = tables.iter().find(|t| t.key == fk.parent) else {
                continue;
            };
            if tenant_of(&parent.key) != Some(column) || fk.columns.contains(column) {
                continue;
            }
            let parent_columns: Vec<&str> = if fk.parent_columns.is_empty() {
                parent
                    .primary_key()
                    .map(|k| k.leading_columns())
                    .unwrap_or_default()
            } else {
                fk.parent_columns.iter().map(String::as_str).collect()
            };
            let hit = foreign_key_hit(tables, table, fk, dialect)
                .fill("column", sql_ident(column, dialect))
                .fill("parent_columns", column_list(parent_columns, dialect))
                .fill(
                    "constraint",
                    sql_ident(&constraint_name(table, fk, dialect), dialect),
                )
                .fill("index", {
                    let mut indexed = vec![column.as_str()];
                    indexed.extend(fk.columns.iter().map(String::as_str));
                    sql_ident(&name_or_default(None, table, &indexed, "idx"), dialect)
                });
            hits.push(hit);
        }
    }
}

/// The name a foreign key goes by: its own, or the one the engine gave it.
/// PostgreSQL names it after its table and columns; InnoDB numbers a table's unnamed
/// keys in the order they were declared (`orders_ibfk_1`, `orders_ibfk_2`).
fn constraint_name(table: &Table, fk: &ForeignKey, dialect: Dialect) -> String {
    if let Some(name) = &fk.name {
        return name.clone();
    }
    match dialect {
        Dialect::PostgreSql => {
            let columns: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
            name_or_default(None, table, &columns, "fkey")
        }
        Dialect::MySql => {
            let n = table
                .foreign_keys
                .iter()
                .filter(|f| f.name.is_none())
                .position(|f| std::ptr::eq(f, fk))
                .unwrap_or(0);
            format!("{}_ibfk_{}", bare_name(table), n + 1)
        }
    }
}

/// Tables of a shared multi-tenant schema without row-level security: one query that
/// forgets its tenant filter reads every tenant's rows.
pub fn tenant_tables_without_row_security(
    rule: &ReviewRule,
    schema: &ReviewedSchema,
    tables: &[&Table],
    dialect: Dialect,
    hits: &mut Vec<Hit>,
) {
    for (table, column) in tenant_tables(rule.names("tenant_columns"), tables) {
        if schema.row_security.contains(&table.key) {
            continue;
        }
        let Some(c) = table.column(&column) else {
            continue;
        };
        let mut hit = Hit::on(table, &table.place)
            .fill("column", sql_ident(&column, dialect))
            .fill("type", c.type_text.clone());
        hit.column = Some(column.clone());
        hits.push(hit);
    }
}

/// A nullable column in a foreign key that makes the row a part of its parent: the key
/// cascades on delete and the table is named as the parent's part (`order_lines` of
/// `orders`, `DocumentPage` of `Document`). A part without its whole is one no delete
/// will reach. A cascade alone is not enough: an optional link that goes with its target
/// (a session's user, a token's refresh token) may be NULL by design. Not a table with
/// several such keys either (an exclusive arc: one of them is set).
pub fn nullable_owned_keys(tables: &[&Table], dialect: Dialect, hits: &mut Vec<Hit>) {
    for table in tables.iter().filter(|t| !t.partition) {
        let nullable = |name: &String| table.column(name).filter(|c| !c.not_null);
        let part_of = |parent: &str| {
            tables
                .iter()
                .find(|t| t.key == parent)
                .is_some_and(|p| is_part_name(&bare_name(table), &bare_name(p)))
        };
        let owning: Vec<&ForeignKey> = table
            .foreign_keys
            .iter()
            .filter(|f| f.cascades_on_delete && f.parent != table.key && part_of(&f.parent))
            .collect();
        let optional = owning
            .iter()
            .filter(|f| f.columns.iter().any(|c| nullable(c).is_some()))
            .count();
        if optional > 1 {
            continue;
        }
        for fk in owning {
            for name in &fk.columns {
                let Some(column) = nullable(name) else {
                    continue;
                };
                let mut hit = Hit::on(table, &column.place)
                    .fill("column", sql_ident(name, dialect))
                    .fill("type", column.type_text.clone())
                    .fill("parent", parent_name(tables, &fk.parent));
                hit.column = Some(name.clone());
                hits.push(hit);
            }
        }
    }
}

/// Whether `child` is named as a part of `parent`: the parent's words (its last one
/// also without a plural `s`), then more (`order_lines` of `orders`).
fn is_part_name(child: &str, parent: &str) -> bool {
    let child = words(child);
    let mut parent = words(parent);
    let singular = parent
        .last()
        .and_then(|w| w.strip_suffix('s'))
        .map(str::to_string);
    let leads = |parent: &[String]| child.len() > parent.len() && child.starts_with(parent);
    if leads(&parent) {
        return true;
    }
    match (singular, parent.last_mut()) {
        (Some(one), Some(last)) => {
            *last = one;
            leads(&parent)
        }
        _ => false,
    }
}
