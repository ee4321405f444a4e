//! The detectors only a live database feeds: they read the statistics the server keeps,
//! which no schema file holds. Rules of `knowledge/review/live.yaml` name them; the
//! schema detectors (`review::detectors`) run on a live database's schema unchanged.

use super::{place, Snapshot};
use crate::kb::ReviewRule;
use crate::review::detectors::{Detector, Hit};
use crate::review::names::sql_ident;
use crate::review::schema::Table;

/// A counter past this share of its type's range (in percent) is reported: widening a
/// key rewrites the table, its indexes and every column that refers to it, which takes
/// planning; at half, as much time is left as the table took to get there (at a steady
/// rate of inserts).
pub const EXHAUSTION_PERCENT: i128 = 50;

// The table is the knowledge base's, with the schema detectors': see `kb::review_terms`.
pub use crate::kb::review_terms::LIVE_DETECTORS as DETECTORS;

pub fn detector(id: &str) -> Option<&'static Detector> {
    DETECTORS.iter().find(|d| d.id == id)
}

/// What the rule's detector finds in the snapshot.
pub fn run(rule: &ReviewRule, snapshot: &Snapshot) -> Vec<Hit> {
    let schema = &snapshot.schema;
    let table = |key: &str| schema.tables.get(key);
    let mut hits = Vec::new();
    match rule.detects.as_str() {
        "unused-index" => {
            let since = snapshot
                .source
                .statistics_since
                .clone()
                .unwrap_or_else(|| "the statistics began".into());
            let mut unused: Vec<_> = snapshot
                .stats
                .indexes
                .iter()
                .filter(|i| i.scans == Some(0) && !i.enforces)
                .collect();
            unused.sort_by(|a, b| (&a.table, &a.index).cmp(&(&b.table, &b.index)));
            for index in unused {
                let Some(table) = table(&index.table) else {
                    continue;
                };
                hits.push(
                    Hit::on(table, &table.place)
                        .fill("index", index.index.clone())
                        .fill("size", index.size.clone())
                        .fill("since", since.clone())
                        .fill("definition", format!("{};", index.definition)),
                );
            }
        }
        "integer-key-exhaustion" => {
            for counter in &snapshot.stats.counters {
                let past = counter.limit > 0
                    && counter.last.saturating_mul(100)
                        >= counter.limit.saturating_mul(EXHAUSTION_PERCENT);
                let Some(table) = table(&counter.table).filter(|_| past) else {
                    continue;
                };
                let percent = counter.last as f64 * 100.0 / counter.limit as f64;
                let mut hit = Hit::on(table, &table.place)
                    .fill("column", sql_ident(&counter.column, snapshot.dialect))
                    .fill("type", counter.type_text.clone())
                    .fill("counter", counter.counter.clone())
                    .fill("value", thousands(counter.last))
                    .fill("max", thousands(counter.limit))
                    .fill("percent", format!("{percent:.1}"))
                    .fill("referrers", referrers(snapshot, table, &counter.column));
                hit.column = Some(counter.column.clone());
                hits.push(hit);
            }
        }
        "table-never-analyzed" => {
            let (server_on, threshold) = snapshot.stats.autovacuum.unwrap_or((true, 50));
            for never in &snapshot.stats.never_analyzed {
                let Some(table) = table(&never.table).filter(|_| never.rows > threshold) else {
                    continue;
                };
                hits.push(
                    Hit::on(table, &table.place)
                        .fill("rows", thousands(never.rows.into()))
                        .fill("table_autovacuum", on_off(never.autovacuum))
                        .fill("server_autovacuum", on_off(server_on)),
                );
            }
        }
        "pg-stat-statements-missing" => {
            if let Some(extension) = snapshot.stats.statements.as_ref().filter(|e| !e.created) {
                let database = &snapshot.source.database;
                let preloaded = match extension.preloaded {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "not visible to this role",
                };
                hits.push(Hit {
                    place: place(database),
                    table: String::new(),
                    column: None,
                    fills: vec![
                        ("database", sql_ident(database, snapshot.dialect)),
                        ("preloaded", preloaded.into()),
                    ],
                });
            }
        }
        _ => {}
    }
    hits
}

fn on_off(on: bool) -> String {
    if on { "on" } else { "off" }.into()
}

/// The columns that refer to `table.column` through a foreign key, which must widen
/// with it (`none` when no key refers to it).
fn referrers(snapshot: &Snapshot, table: &Table, column: &str) -> String {
    let is_key = table
        .primary_key()
        .is_some_and(|k| k.columns == [Some(column.to_string())]);
    let mut found = Vec::new();
    for child in snapshot.schema.tables_in_order() {
        for fk in child.foreign_keys.iter().filter(|f| f.parent == table.key) {
            let parent_columns: Vec<String> = fk
                .parent_columns
                .iter()
                .map(|c| c.trim_matches(|q| q == '"' || q == '`').to_string())
                .collect();
            let position = if parent_columns.is_empty() && is_key {
                Some(0)
            } else {
                parent_columns.iter().position(|c| c == column)
            };
            if let Some(child_column) = position.and_then(|at| fk.columns.get(at)) {
                found.push(format!(
                    "{}.{}",
                    child.name,
                    sql_ident(child_column, snapshot.dialect)
                ));
            }
        }
    }
    if found.is_empty() {
        "none".into()
    } else {
        found.join(", ")
    }
}

/// `2147483647` as `2,147,483,647`.
fn thousands(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(2_147_483_647), "2,147,483,647");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(-1_000), "-1,000");
    }
}
