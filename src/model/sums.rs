//! A cached sum the database keeps: a wallet's or an account's balance is the sum of its
//! entries' amounts, moved by a trigger on every entry written, changed or deleted, so
//! that its CHECK (never below zero) refuses an overspend, and refused when written
//! directly where the dialect can tell.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ddl::column_of;
use super::rules::{fill, or_list, quoted};
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
    /// `{status: [posted]}`: only the lines whose owner (a journal) is in these states
    /// count, added as it reaches them; a pending journal's lines move no balance.
    #[serde(default)]
    pub counted_when: BTreeMap<String, Vec<String>>,
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
    // Lines counted once their owner reaches a state: the owner's trigger moves the sum.
    let counted = rule.counted_when.iter().next().and_then(|(state, values)| {
        let owner = model
            .entities
            .iter()
            .find(|o| Some(&o.name) == lines.owner.as_ref())?;
        let key = model
            .foreign_keys(lines)
            .into_iter()
            .find(|k| k.target == owner.name)?;
        Some((owner, column_of(d, owner, state), values, key.column))
    });
    // The triggers, the placeholders only they use, and the words of the comment.
    let (triggers, owner, state, values, owner_key, [counted_text, moved, refused]) = match &counted
    {
        Some((owner, state, values, key)) => {
            let (text, owner) = (or_list(values), owner.name.as_str());
            (
                sql.update.as_deref()?,
                owner,
                state.as_str(),
                quoted(values),
                key.as_str(),
                [
                    format!(" in each {text} {owner}"),
                    format!("as its {owner} becomes {text}, by all of that {owner}'s rows"),
                    format!("the change of a {owner} to {text}"),
                ],
            )
        }
        None => (
            sql.parts.as_deref()?,
            "",
            "",
            String::new(),
            "",
            [
                String::new(),
                format!("with every {} row written, changed or deleted", lines.name),
                format!("a {} row", lines.name),
            ],
        ),
    };
    let values = [
        ("table", e.name.as_str()),
        ("column", column.as_str()),
        ("lines", lines.name.as_str()),
        ("parent", parent.as_str()),
        ("new_amount", &format!("{sign}NEW.{amount}")),
        ("old_amount", &format!("{sign}OLD.{amount}")),
        ("sign", sign.as_str()),
        ("amount", amount.as_str()),
        ("owner", owner),
        ("state", state),
        ("values", values.as_str()),
        ("owner_key", owner_key),
        ("counted", counted_text.as_str()),
        ("moved", moved.as_str()),
        ("refused", refused.as_str()),
        ("name", name.as_str()),
        ("message", message.as_str()),
    ];
    let statements = format!(
        "{}{}",
        fill(triggers, &values),
        fill(sql.after.as_deref()?, &values)
    );
    Some((fill(&sql.why, &values), statements))
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
    if let Some(state) = rule.counted_when.keys().next() {
        let owner = lines.and_then(|l| l.owner.as_ref());
        let owner = owner.and_then(|o| model.entities.iter().find(|e| &e.name == o));
        if rule.counted_when.len() > 1 || !owner.is_some_and(|o| has(o, state)) {
            return Some(format!(
                "`{}`'s sums: `counted_when` names one attribute of the entity that owns \
                 the lines, and its values, e.g. {{status: [posted]}}",
                e.name
            ));
        }
    }
    let own = std::iter::once(&rule.column).chain(rule.negated_when.keys());
    own.into_iter().find(|a| !has(e, a)).map(|a| {
        format!(
            "`{}`'s sums: `{a}` is not an attribute of `{}`",
            e.name, e.name
        )
    })
}
