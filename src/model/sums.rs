//! A cached sum the database keeps: a wallet's or an account's balance is the sum of its
//! entries' amounts, moved by a trigger on every entry written, changed or deleted, so
//! that its CHECK (never below zero) refuses an overspend, and refused when written
//! directly where the dialect can tell.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ddl::column_of;
use super::rules::{fill, quoted};
use super::{Entity, Model};
use crate::kb::ModelDialect;

/// `sums: {column: balance, lines: entry, amount: amount}` on the entity that holds the
/// sum.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summed {
    /// The attribute that holds the sum.
    pub column: String,
    /// The entity whose rows are added up: it refers to this one.
    pub lines: String,
    /// The lines' amount.
    pub amount: String,
    /// `{kind: [liability, income, equity]}`: rows of this entity with these values count
    /// their lines' amounts negated (an account whose balance is normally a credit).
    #[serde(default)]
    pub negated_when: BTreeMap<String, Vec<String>>,
}

/// Why (for the comment above the table) and the statements, written after every table
/// since they need the lines' table.
pub(super) fn sums(model: &Model, e: &Entity, d: &ModelDialect) -> Option<(String, String)> {
    let (rule, sql) = (e.sums.as_ref()?, d.invariants.sums.as_ref()?);
    let lines = model.entities.iter().find(|l| l.name == rule.lines)?;
    let parent = model
        .foreign_keys(lines)
        .into_iter()
        .find(|k| k.target == e.name)?
        .column;
    let amount = column_of(d, lines, &rule.amount);
    let sign = match rule.negated_when.iter().next() {
        None => String::new(),
        Some((column, values)) => format!(
            "(CASE WHEN {} IN ({}) THEN -1 ELSE 1 END) * ",
            column_of(d, e, column),
            quoted(values)
        ),
    };
    let column = column_of(d, e, &rule.column);
    let name = format!("{}_{}_sum", e.name, rule.column);
    let message = format!(
        "{}.{} is the sum of its {} rows: write one instead",
        e.name, rule.column, lines.name
    );
    let values = [
        ("table", e.name.as_str()),
        ("column", column.as_str()),
        ("lines", lines.name.as_str()),
        ("parent", parent.as_str()),
        ("new_amount", &format!("{sign}NEW.{amount}")),
        ("old_amount", &format!("{sign}OLD.{amount}")),
        ("name", name.as_str()),
        ("message", message.as_str()),
    ];
    Some((
        fill(&sql.why, &values),
        fill(sql.after.as_deref()?, &values),
    ))
}

/// What is wrong with `e`'s `sums:`, if anything: its lines must refer to it and have the
/// amount, and the sum and the negating attribute must be its own.
pub(super) fn problem(model: &Model, e: &Entity) -> Option<String> {
    let rule = e.sums.as_ref()?;
    let has = |entity: &Entity, name: &str| entity.attributes.iter().any(|a| a.name == name);
    let lines = model.entities.iter().find(|l| l.name == rule.lines);
    let refers = lines.is_some_and(|l| model.foreign_keys(l).iter().any(|k| k.target == e.name));
    if !refers || !lines.is_some_and(|l| has(l, &rule.amount)) {
        return Some(format!(
            "`{}`'s sums: `lines` must name an entity that refers to `{}` and has the \
             attribute `amount` names",
            e.name, e.name
        ));
    }
    if rule.negated_when.len() > 1 {
        return Some(format!(
            "`{}`'s sums: `negated_when` names one attribute and its values, e.g. \
             {{kind: [liability]}}",
            e.name
        ));
    }
    let own = std::iter::once(&rule.column).chain(rule.negated_when.keys());
    own.into_iter().find(|a| !has(e, a)).map(|a| {
        format!(
            "`{}`'s sums: `{a}` is not an attribute of `{}`",
            e.name, e.name
        )
    })
}
