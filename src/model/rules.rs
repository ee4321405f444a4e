//! The rules a model asks the database to hold (no_overlap, frozen, gapless), written
//! from the dialect's `invariants:` templates into the table being written.

use super::ddl::{column_name, Table};
use super::{Entity, ForeignKey};
use crate::kb::ModelDialect;

/// `template` with each `{key}` replaced.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// The rules the entity asks the database to hold, in the dialect's terms: a constraint
/// line, or statements after the table, each explained above the table.
pub(super) fn rules(
    e: &Entity,
    keys: &[ForeignKey],
    d: &ModelDialect,
    (lead, reference): (&[String], &str),
    t: &mut Table,
) {
    if let (Some(rule), Some(sql)) = (&e.no_overlap, &d.invariants.no_overlap) {
        let columns: Vec<String> = lead
            .iter()
            .cloned()
            .chain(rule.per.iter().map(|p| format!("{p}_id")))
            .collect();
        let same = sql.same.as_deref().unwrap_or("{column}");
        let same: Vec<String> = columns
            .iter()
            .map(|c| fill(same, &[("column", c)]))
            .collect();
        let kind = e
            .attributes
            .iter()
            .find(|a| a.name == rule.from)
            .map_or("timestamp", |a| a.kind.as_str());
        let (mut also, mut except) = (String::new(), String::new());
        if let Some((column, values)) = rule.unless.iter().next() {
            let list: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
            let list = list.join(", ");
            also = format!(" AND o.{column} NOT IN ({list}) AND NEW.{column} NOT IN ({list})");
            except = format!(" WHERE ({column} NOT IN ({list}))");
        }
        let per = rule.per.join(" and ");
        let message = format!("{} overlaps another {} of the same {per}", e.name, e.name);
        let name = format!("{}_no_overlap", e.name);
        let values = [
            ("table", e.name.as_str()),
            ("name", name.as_str()),
            (
                "same",
                &same.join(if sql.constraint.is_some() {
                    ", "
                } else {
                    " AND "
                }),
            ),
            ("range", sql.ranges.get(kind).map_or("", String::as_str)),
            ("from", rule.from.as_str()),
            ("to", rule.to.as_str()),
            ("per", per.as_str()),
            ("message", message.as_str()),
            ("also", also.as_str()),
            ("where", except.as_str()),
        ];
        t.comment.push(fill(&sql.why, &values));
        if let Some(constraint) = &sql.constraint {
            t.lines.push(fill(constraint, &values));
        }
        if let Some(after) = &sql.after {
            t.trailing.push(fill(after, &values));
        }
    }
    if let (Some(column), Some(sql)) = (&e.gapless, &d.invariants.gapless) {
        t.trailing
            .push(counter_table(e, column, d, (lead, reference)));
        let counter = format!("{}_{column}_counter", e.name);
        let (columns, values, matches) = match lead.first() {
            Some(tenant) => (
                tenant.clone(),
                format!("NEW.{tenant}"),
                format!("{tenant} = NEW.{tenant}"),
            ),
            None => ("id".to_string(), "1".to_string(), "id = 1".to_string()),
        };
        let name = format!("{}_{column}_next", e.name);
        let message = format!("{}.{column} must be the next number, without gaps", e.name);
        let values = [
            ("table", e.name.as_str()),
            ("name", name.as_str()),
            ("column", column.as_str()),
            ("counter", counter.as_str()),
            ("scope_columns", columns.as_str()),
            ("scope_values", values.as_str()),
            ("scope_match", matches.as_str()),
            ("message", message.as_str()),
        ];
        t.comment.push(fill(&sql.why, &values));
        if let Some(after) = &sql.after {
            t.trailing.push(fill(after, &values));
        }
    }
    if let (Some(rule), Some(sql)) = (&e.frozen, &d.invariants.frozen) {
        let changed = sql.changed.as_deref().unwrap_or("{column}");
        let mut columns: Vec<String> = keys.iter().map(|k| k.column.clone()).collect();
        columns.extend(
            e.attributes
                .iter()
                .filter(|a| !rule.except.contains(&a.name))
                .map(|a| column_name(d, a)),
        );
        let changed: Vec<String> = columns
            .iter()
            .map(|c| fill(changed, &[("column", c)]))
            .collect();
        let quoted: Vec<String> = rule.values.iter().map(|v| format!("'{v}'")).collect();
        let text = match rule.values.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
            [] => String::new(),
        };
        let message = format!("{} is {text} and cannot change", e.name);
        let name = format!("{}_frozen", e.name);
        let values = [
            ("table", e.name.as_str()),
            ("name", name.as_str()),
            ("column", rule.column.as_str()),
            ("values", &quoted.join(", ")),
            ("values_text", text.as_str()),
            ("changed", &changed.join(" OR ")),
            ("message", message.as_str()),
        ];
        t.comment.push(fill(&sql.why, &values));
        if let Some(after) = &sql.after {
            t.trailing.push(fill(after, &values));
        }
    }
}

/// The row a gapless number is taken from, one per tenant (or one in all): locked by the
/// transaction that takes a number until it commits or rolls back.
fn counter_table(
    e: &Entity,
    column: &str,
    d: &ModelDialect,
    (lead, reference): (&[String], &str),
) -> String {
    let integer = &d.types["integer"].sql;
    let options = if d.table_options.is_empty() {
        String::new()
    } else {
        format!(" {}", d.table_options)
    };
    let (key, foreign) = match lead.first() {
        Some(tenant) => {
            let target = tenant.trim_end_matches("_id");
            (
                format!("{tenant} {reference} NOT NULL PRIMARY KEY"),
                format!(",\n  FOREIGN KEY ({tenant}) REFERENCES {target} (id) ON DELETE CASCADE"),
            )
        }
        None => (
            format!("id {integer} NOT NULL PRIMARY KEY CHECK (id = 1)"),
            String::new(),
        ),
    };
    format!(
        "CREATE TABLE {}_{column}_counter (\n  {key},\n  next_value {integer} NOT NULL DEFAULT 1{foreign}\n){options};",
        e.name
    )
}
