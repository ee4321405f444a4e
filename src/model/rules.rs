//! The rules a model asks the database to hold (no_overlap, frozen, gapless), written
//! from the dialect's `invariants:` templates into the table being written.

use super::ddl::{column_name, column_of, Table};
use super::{Entity, ForeignKey, Model, OnDelete};
use crate::kb::ModelDialect;

impl Entity {
    /// Records kept for audit, frozen in a final state (issued invoices) or `kept` (a
    /// wallet's entries) outlive a delete of what they belong to: they are erased
    /// deliberately, not by a cascade.
    pub fn outlives_owner(&self) -> bool {
        self.audit || self.kept || self.frozen.is_some()
    }
}

/// The CHECKs of attributes set in some states of an enum (`required_when`), or in
/// those only (`set_when`).
pub(super) fn state_checks(d: &ModelDialect, e: &Entity) -> Vec<String> {
    let mut checks = Vec::new();
    for a in &e.attributes {
        let Some((state, values)) = &a.required_when else {
            continue;
        };
        let (state, values, column) = (column_of(d, e, state), quoted(values), column_name(d, a));
        checks.push(if a.only_then {
            format!("CHECK (({state} IN ({values})) = ({column} IS NOT NULL))")
        } else {
            format!("CHECK ({state} NOT IN ({values}) OR {column} IS NOT NULL)")
        });
    }
    checks
}

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
    model: &Model,
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
        // Each owner's row, locked before the check where the engine has no constraint:
        // the table its foreign key names.
        let lock: Vec<String> = match &sql.lock {
            Some(lock) => (rule.per.iter())
                .map(|p| format!("{p}_id"))
                .filter_map(|column| {
                    let key = keys.iter().find(|k| k.column == column)?;
                    Some(fill(lock, &[("table", &key.target), ("column", &column)]))
                })
                .collect(),
            None => Vec::new(),
        };
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
            ("lock", &lock.join("\n  ")),
            ("where", except.as_str()),
        ];
        t.comment.push(fill(&sql.why, &values));
        // A period ends after it starts, on every engine.
        t.lines.push(format!(
            "CONSTRAINT {}_period CHECK ({} < {})",
            e.name, rule.from, rule.to
        ));
        if let Some(constraint) = &sql.constraint {
            t.lines.push(fill(constraint, &values));
        }
        if let Some(after) = &sql.after {
            t.trailing.push(fill(after, &values));
        }
    }
    if let (Some(rule), Some(sql)) = (&e.gapless, &d.invariants.gapless) {
        let column = &rule.column;
        t.trailing
            .push(counter_table(e, column, d, (lead, reference)));
        let counter = format!("{}_{column}_counter", e.name);
        // A tenant reads and moves its own counter only.
        t.trailing.extend(isolation(d, lead, reference, &counter));
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
        // Which inserts and updates take a number: every insert, or those that bring
        // the row into a numbered state.
        let (guard_insert, guard_update, when_text) = match &rule.when {
            Some((state, states)) => {
                let list = quoted(states);
                (
                    format!("NEW.{state} IN ({list})"),
                    format!("NEW.{state} IN ({list}) AND OLD.{state} NOT IN ({list})"),
                    format!(" when it becomes {}", or_list(states)),
                )
            }
            None => ("1 = 1".to_string(), String::new(), String::new()),
        };
        let values = [
            ("table", e.name.as_str()),
            ("name", name.as_str()),
            ("column", column.as_str()),
            ("counter", counter.as_str()),
            ("scope_columns", columns.as_str()),
            ("scope_values", values.as_str()),
            ("scope_match", matches.as_str()),
            ("message", message.as_str()),
            ("guard_insert", guard_insert.as_str()),
            ("guard_update", guard_update.as_str()),
            ("when", when_text.as_str()),
        ];
        t.comment.push(fill(&sql.why, &values));
        if let Some(after) = &sql.after {
            t.trailing.push(fill(after, &values));
        }
        if let (Some(_), Some(update)) = (&rule.when, &sql.update) {
            t.trailing.push(fill(update, &values));
        }
    }
    if let Some(owner) = e.owner.as_deref() {
        frozen_part(model, e, owner, d, t);
    }
    if let (false, Some(sql)) = (e.fixed.is_empty(), &d.invariants.fixed) {
        let changed = sql.changed.as_deref().unwrap_or("{column}");
        let column = |name: &String| match e.attributes.iter().find(|a| &a.name == name) {
            Some(a) => column_name(d, a),
            None => format!("{name}_id"),
        };
        let changed: Vec<String> = (e.fixed.iter())
            .map(|n| fill(changed, &[("column", &column(n))]))
            .collect();
        let text = and_list(&e.fixed);
        let message = format!("the {text} of a {} never change: open another", e.name);
        let name = format!("{}_fixed", e.name);
        let values = [
            ("table", e.name.as_str()),
            ("name", name.as_str()),
            ("changed", &changed.join(" OR ")),
            ("columns_text", text.as_str()),
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
        // When the row was written is part of it (an access log backdated is forged).
        columns.push("created_at".into());
        let mut changed: Vec<String> = columns
            .iter()
            .map(|c| fill(changed, &[("column", c)]))
            .collect();
        // A column that may still change cannot lead out of the frozen states (an
        // issued invoice set back to draft, then edited).
        if rule.except.contains(&rule.column) {
            changed.push(format!(
                "NEW.{} NOT IN ({})",
                rule.column,
                quoted(&rule.values)
            ));
        }
        // Nor move on from a final state (a cancelled order delivered).
        let finally = if rule.final_states.is_empty() {
            String::new()
        } else {
            changed.push(format!(
                "(OLD.{column} IN ({}) AND NEW.{column} <> OLD.{column})",
                quoted(&rule.final_states),
                column = rule.column
            ));
            format!(", a move on from {}", or_list(&rule.final_states))
        };
        let text = or_list(&rule.values);
        let message = format!("{} is {text} and cannot change", e.name);
        let name = format!("{}_frozen", e.name);
        let values = [
            ("table", e.name.as_str()),
            ("name", name.as_str()),
            ("column", rule.column.as_str()),
            ("values", &quoted(&rule.values)),
            ("values_text", text.as_str()),
            ("changed", &changed.join(" OR ")),
            ("message", message.as_str()),
            ("finally", finally.as_str()),
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
            // The counter goes as its numbered rows do: deliberately when they are kept.
            let on_delete = if e.outlives_owner() {
                OnDelete::Restrict
            } else {
                OnDelete::Cascade
            };
            let on_delete = on_delete.sql();
            (
                format!("{tenant} {reference} NOT NULL PRIMARY KEY"),
                format!(
                    ",\n  FOREIGN KEY ({tenant}) REFERENCES {target} (id) ON DELETE {on_delete}"
                ),
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

/// A journal whose lines must sum to zero once it reaches a state (`balanced:`).
#[derive(Debug, Clone)]
pub struct Balanced {
    /// The entity whose rows are the lines: owned by this one.
    pub lines: String,
    /// The lines' signed amount (debits positive, credits negative).
    pub amount: String,
    pub column: String,
    pub values: Vec<String>,
    /// A reference of the lines and a column (attribute or reference) of the entity it
    /// points at: the lines must sum to zero in each group of that column (each
    /// currency), since amounts in different currencies do not add up.
    pub per: Option<(String, String)>,
}

/// The lines of a balanced entity sum to zero once it reaches its final state, and then
/// change no more: why (for the comment above its table) and the statements, written
/// after every table since they need the lines' table too.
pub(super) fn balanced(model: &Model, e: &Entity, d: &ModelDialect) -> Option<(String, String)> {
    let (rule, sql) = (e.balanced.as_ref()?, d.invariants.balanced.as_ref()?);
    let lines = model.entities.iter().find(|l| l.name == rule.lines)?;
    let amount = lines.attributes.iter().find(|a| a.name == rule.amount)?;
    let text = or_list(&rule.values);
    let parent = format!("{}_id", e.name);
    // The lines sum to zero per group: one group, the parent, unless `per` groups them
    // by a column of what they refer to (an account's currency).
    let (grouped, group, each) = match &rule.per {
        None => (
            lines.name.clone(),
            format!("{}.{parent}", lines.name),
            String::new(),
        ),
        Some((reference, column)) => {
            let target = &lines
                .references
                .iter()
                .find(|r| &r.name == reference)?
                .entity;
            let target_entity = model.entities.iter().find(|t| &t.name == target)?;
            let target_column = column_of(d, target_entity, column);
            (
                format!(
                    "{lines} JOIN {target} ON {target}.id = {lines}.{reference}_id",
                    lines = lines.name
                ),
                format!("{target}.{target_column}"),
                format!(" in each {column} of their {reference}"),
            )
        }
    };
    let message = format!(
        "to be {text}, a {} needs at least two {} rows that sum to zero{each}",
        e.name, lines.name
    );
    let name = format!("{}_balanced", e.name);
    let values = [
        ("grouped", grouped.as_str()),
        ("group", group.as_str()),
        ("each", each.as_str()),
        ("table", e.name.as_str()),
        ("name", name.as_str()),
        ("lines", lines.name.as_str()),
        ("parent", parent.as_str()),
        ("amount", &column_name(d, amount)),
        ("column", rule.column.as_str()),
        ("values", &quoted(&rule.values)),
        ("values_text", text.as_str()),
        ("message", message.as_str()),
    ];
    Some((
        fill(&sql.why, &values),
        fill(sql.after.as_deref()?, &values),
    ))
}

/// A part of a frozen entity (an issued invoice's lines) changes no more once its owner
/// is frozen: the dialect's `frozen.parts` statements after the part's table.
fn frozen_part(model: &Model, e: &Entity, owner: &str, d: &ModelDialect, t: &mut Table) {
    let Some(owner_entity) = model.entities.iter().find(|o| o.name == owner) else {
        return;
    };
    let (Some(rule), Some(sql)) = (&owner_entity.frozen, &d.invariants.frozen) else {
        return;
    };
    let Some(parts) = &sql.parts else { return };
    let text = or_list(&rule.values);
    let message = format!("{} rows cannot change once their {owner} is {text}", e.name);
    let name = format!("{}_frozen_with_{owner}", e.name);
    let parent = format!("{owner}_id");
    let values = [
        ("table", e.name.as_str()),
        ("owner", owner),
        ("parent", parent.as_str()),
        ("column", rule.column.as_str()),
        ("values", &quoted(&rule.values)),
        ("name", name.as_str()),
        ("message", message.as_str()),
    ];
    t.comment.push(format!(
        "Part of {owner}: its rows change no more once the {owner} is {text}; a trigger \
         refuses an insert, update or delete then."
    ));
    t.trailing.push(fill(parts, &values));
}

/// `'a', 'b'`: values as SQL string literals.
pub(super) fn quoted(values: &[String]) -> String {
    let quoted: Vec<String> = (values.iter())
        .map(|v| format!("'{}'", v.replace('\'', "''")))
        .collect();
    quoted.join(", ")
}

/// `a, b or c`.
pub(super) fn or_list(values: &[String]) -> String {
    listed(values, "or")
}

/// `a, b and c`.
fn and_list(values: &[String]) -> String {
    listed(values, "and")
}

fn listed(values: &[String], word: &str) -> String {
    match values {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// Word search over the entity's `search:` attributes, in the dialect's terms: a
/// generated column and its index, a FULLTEXT key, or an FTS5 table kept in step.
pub(super) fn search(e: &Entity, d: &ModelDialect, t: &mut Table) {
    let (Some(sql), false) = (&d.search, e.search.is_empty()) else {
        return;
    };
    let columns = e.search.join(", ");
    let new_columns: Vec<String> = e.search.iter().map(|c| format!("new.{c}")).collect();
    let set_columns: Vec<String> = e.search.iter().map(|c| format!("{c} = new.{c}")).collect();
    let vector: Vec<String> = match &sql.part {
        Some(part) => e
            .search
            .iter()
            .zip(["A", "B", "C", "D"].iter().chain(std::iter::repeat(&"D")))
            .map(|(c, w)| fill(part, &[("column", c), ("weight", w)]))
            .collect(),
        None => vec![],
    };
    let values = [
        ("table", e.name.as_str()),
        ("columns", columns.as_str()),
        ("new_columns", &new_columns.join(", ")),
        ("set_columns", &set_columns.join(", ")),
        ("vector", &vector.join(" || ")),
    ];
    t.comment.push(fill(&sql.why, &values));
    if let Some(column) = &sql.column {
        t.lines.push(fill(column, &values));
    }
    if let Some(line) = &sql.line {
        t.after.push(fill(line, &values));
    }
    if let Some(after) = &sql.after {
        t.trailing.push(fill(after, &values));
    }
}

/// Row-level security on a table of a tenant's rows, where the dialect has it.
pub(super) fn isolate(d: &ModelDialect, lead: &[String], reference: &str, t: &mut Table) {
    t.trailing.extend(isolation(d, lead, reference, &t.name));
}

/// The statements that put `table`, whose tenant column leads `lead`, under row-level
/// security, where the dialect has it.
pub(super) fn isolation(
    d: &ModelDialect,
    lead: &[String],
    reference: &str,
    table: &str,
) -> Option<String> {
    let (tenant, isolation) = (lead.first()?, d.tenant_isolation.as_ref()?);
    let values = [
        ("table", table),
        ("tenant", tenant.as_str()),
        ("ref", reference),
    ];
    Some(fill(isolation, &values))
}

/// A table every tenant shares that holds personal data (the people who sign in): where
/// the dialect has row-level security for it, a tenant's session sees only the people a
/// table of the tenant names once each (its memberships), whose own policy decides which
/// rows that is. The words for the table's comment, and the statements, which run after
/// every table; without such a table, only the words that say every tenant reads it.
pub(super) fn shared_personal(
    model: &Model,
    e: &Entity,
    d: &ModelDialect,
) -> Option<(String, Option<String>)> {
    model.tenant.as_ref()?;
    let template = d.shared_personal.as_ref()?;
    if !e.global || !e.attributes.iter().any(|a| a.personal) {
        return None;
    }
    let via = model.entities.iter().find_map(|o| {
        model.tenant_of(o)?;
        let r = (o.references.iter()).find(|r| {
            r.entity == e.name && !r.optional && o.unique.contains(&vec![r.name.clone()])
        })?;
        Some((o.name.as_str(), format!("{}_id", r.name)))
    });
    let table = e.name.as_str();
    let Some((via, column)) = via else {
        return Some((
            format!(
                "{table} is shared by every tenant and holds personal data: every tenant's \
                 session can read all of it, so read it only through a tenant's own rows."
            ),
            None,
        ));
    };
    let values = [("table", table), ("via", via), ("column", column.as_str())];
    Some((
        fill(&template.why, &values),
        Some(fill(&template.sql, &values)),
    ))
}
