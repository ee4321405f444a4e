//! A checked model as tables in one dialect: keys by how ids are exposed, the tenant key
//! leading where tenants share the tables, foreign keys whose ON DELETE follows
//! ownership, an index on every foreign key, junction tables for many-to-many pairs,
//! CHECKs for enums, minimums and the types that need them, timestamps, and a history
//! table for each audited entity. The dialect's words come from the knowledge base.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{Attribute, Entity, Model};
use crate::kb::{ModelDialect, ModelType, PartitionSql};

/// How the outside world sees ids: `internal` (never shown) or `exposed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    Internal,
    Exposed,
}

impl Ids {
    pub(super) fn key(self) -> &'static str {
        match self {
            Ids::Internal => "internal",
            Ids::Exposed => "exposed",
        }
    }
}

/// What the script is written for.
pub struct Target<'a> {
    pub dialect: &'a ModelDialect,
    /// `PostgreSQL`, for the header.
    pub engine: &'a str,
    pub ids: Ids,
    /// Write word search for the entities' `search:` attributes: the answers search text.
    pub search: bool,
    /// Partition the tables that only grow by time (the dialect's `time_partitions`):
    /// the answers make that worth it.
    pub partition_by_time: bool,
}

/// A table being written: its lines inside the parentheses, and what follows it.
#[derive(Default)]
pub(super) struct Table {
    pub(super) comment: Vec<String>,
    pub(super) name: String,
    pub(super) lines: Vec<String>,
    pub(super) after: Vec<String>,
    /// Statements after the table and its indexes, whatever the dialect (triggers).
    pub(super) trailing: Vec<String>,
    /// What follows the closing parenthesis instead of the dialect's table options.
    pub(super) options: Option<String>,
}

/// The whole script: tables in an order that creates each before those that refer to
/// it, and foreign keys that point forward added at the end where the engine needs that.
pub fn ddl(model: &Model, to: &Target) -> String {
    let d = to.dialect;
    let mut out = String::new();
    let title = if model.title.is_empty() {
        "The domain model"
    } else {
        model.title.as_str()
    };
    comment(
        &mut out,
        &format!(
            "{title}, as {} tables, written by dbadvise from a domain model.",
            to.engine
        ),
    );
    if !model.about.is_empty() {
        comment(&mut out, &model.about);
    }
    for note in &model.notes {
        comment(&mut out, &format!("Beside the tables: {}", note.text));
    }
    comment(
        &mut out,
        &format!(
            "Keys: {}. A part is deleted with its owner (ON DELETE CASCADE); a row that \
             others refer to cannot be deleted while they do (NO ACTION).",
            match to.ids {
                Ids::Internal => "made by the database and never shown",
                Ids::Exposed => "seen outside the database, so nobody can guess or count them",
            }
        ),
    );
    if let Some(t) = &model.tenant {
        let isolation = if d.tenant_isolation.is_some() {
            " Row-level security shows a session only the rows of the tenant it sets \
             (SET LOCAL app.tenant_id = '…' in each transaction), whatever its role but a \
             superuser or one with BYPASSRLS (FORCE holds the tables' owner to it too); \
             with none set, it sees no row. Sign-up creates a tenant as a role with \
             BYPASSRLS, as jobs across tenants run."
        } else {
            " Every query must filter by it: the engine has no row-level security."
        };
        comment(
            &mut out,
            &format!(
                "Tenants share the tables: {t}_id is in every table of a tenant's rows and \
                 leads its unique keys, references and access indexes, and a reference cannot cross \
                 from one tenant to another.{isolation}"
            ),
        );
    }
    for note in &d.notes {
        comment(&mut out, note);
    }
    let mut preamble: Vec<&String> = d.preamble.iter().collect();
    if let Some(p) = d
        .invariants
        .no_overlap
        .as_ref()
        .and_then(|r| r.preamble.as_ref())
    {
        if model.entities.iter().any(|e| e.no_overlap.is_some()) {
            preamble.push(p);
        }
    }
    if let Some(p) = time_partitions(to).and_then(|p| p.preamble.as_ref()) {
        if !model.growing_tables().is_empty() {
            preamble.push(p);
        }
    }
    for line in preamble {
        let _ = writeln!(out, "\n{}", line.trim_end());
    }
    let order = creation_order(model);
    let mut created: BTreeSet<&str> = BTreeSet::new();
    let mut deferred: Vec<String> = Vec::new();
    // Statements that need tables written after theirs (a ledger's lines).
    let mut closing: Vec<String> = Vec::new();
    for e in &order {
        let mut table = entity_table(model, e, to, &created, &mut deferred);
        if let Some((why, statements)) = super::rules::balanced(model, e, d) {
            // With the other rules, before what the indexes are for.
            let at = table
                .comment
                .iter()
                .take_while(|c| !c.starts_with("Indexed for"))
                .count();
            table.comment.insert(at, why);
            closing.push(statements);
        }
        if let Some((why, statements)) = super::sums::sums(model, e, d) {
            table.comment.push(why);
            closing.push(statements);
        }
        if let Some((why, statements)) = super::rules::shared_personal(model, e, d) {
            table.comment.push(why);
            closing.extend(statements);
        }
        write_table(&mut out, d, &table);
        created.insert(&e.name);
        if e.audit {
            write_table(&mut out, d, &super::history::history_table(model, e, to));
        }
    }
    for e in &order {
        for other in &e.many {
            write_table(&mut out, d, &junction(model, e, other, to));
        }
    }
    for statement in deferred.iter().chain(&closing) {
        let _ = write!(out, "\n{statement}");
        if !statement.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// `-- ` comment lines, wrapped to 88 columns.
pub(super) fn comment(out: &mut String, text: &str) {
    for line in textwrap::wrap(text, 85) {
        let _ = writeln!(out, "-- {line}");
    }
}

fn write_table(out: &mut String, d: &ModelDialect, t: &Table) {
    out.push('\n');
    for c in &t.comment {
        comment(out, c);
    }
    let _ = writeln!(out, "CREATE TABLE {} (", t.name);
    let inline = !d.index.starts_with("CREATE");
    let mut lines = t.lines.clone();
    if inline {
        lines.extend(t.after.iter().cloned());
    }
    let _ = write!(out, "  {}", lines.join(",\n  "));
    let options = t.options.as_deref().unwrap_or(&d.table_options);
    let options = if options.is_empty() {
        String::new()
    } else {
        format!(" {options}")
    };
    let _ = writeln!(out, "\n){options};");
    if !inline {
        for s in &t.after {
            let _ = writeln!(out, "{s}");
        }
    }
    for s in &t.trailing {
        let _ = write!(out, "{s}");
        if !s.ends_with('\n') {
            out.push('\n');
        }
    }
}

/// Entities in an order that creates an owner, a tenant and a referenced table before
/// those that point at them, as far as references allow (a cycle keeps the written order).
fn creation_order(model: &Model) -> Vec<&Entity> {
    let mut done: Vec<&Entity> = Vec::new();
    let mut left: Vec<&Entity> = model.entities.iter().collect();
    while !left.is_empty() {
        let ready = left.iter().position(|e| {
            needs(model, e)
                .iter()
                .all(|n| *n == e.name || done.iter().any(|d| d.name == *n))
        });
        let next = left.remove(ready.unwrap_or(0));
        done.push(next);
    }
    done
}

/// The entities a table's foreign keys point at.
fn needs(model: &Model, e: &Entity) -> Vec<String> {
    model
        .foreign_keys(e)
        .into_iter()
        .map(|k| k.target)
        .collect()
}

/// Whether some tenant's table points at `name` with a key that includes the tenant.
pub(super) fn referenced_within_tenant(model: &Model, name: &str) -> bool {
    model.scoped(name)
        && model.entities.iter().any(|e| {
            let keyed = model
                .foreign_keys(e)
                .iter()
                .any(|k| k.target == name && k.columns.len() > 1);
            let paired = model.tenant_of(e).is_some()
                && (e.many.iter().any(|m| m == name) || (e.name == name && !e.many.is_empty()));
            keyed || paired
        })
}

pub(super) fn index_name(table: &str, columns: &[String]) -> String {
    let mut name = format!("{table}_{}_idx", columns.join("_"));
    name.truncate(60);
    name
}

pub(super) fn index(d: &ModelDialect, table: &str, columns: &[String]) -> String {
    d.index
        .replace("{name}", &index_name(table, columns))
        .replace("{table}", table)
        .replace("{columns}", &columns.join(", "))
}

fn entity_table(
    model: &Model,
    e: &Entity,
    to: &Target,
    created: &BTreeSet<&str>,
    deferred: &mut Vec<String>,
) -> Table {
    let d = to.dialect;
    let reference = &d.reference[to.ids.key()];
    let lead = model.tenant_lead(e);
    let mut t = Table {
        name: e.name.clone(),
        ..Table::default()
    };
    let partitions = time_partitions(to).zip(e.grows.as_deref());
    let key = match partitions {
        Some((p, _)) => &p.key[to.ids.key()],
        None => &d.key[to.ids.key()],
    };
    t.lines.push(format!("id {key}"));
    if let (Some(public), Ids::Exposed) = (&d.public_id, to.ids) {
        t.lines.push(format!("public_id {public}"));
    }
    let keys = model.foreign_keys(e);
    if let Some(owner) = e.owner.as_deref() {
        let tenant = Some(owner) == model.tenant_of(e);
        let kept = "cannot be deleted while it has any (NO ACTION); erase them deliberately first.";
        match (e.outlives_owner(), tenant) {
            (true, true) => t
                .comment
                .push(format!("Kept for the record: an {owner} {kept}")),
            (true, false) => t.comment.push(format!(
                "Part of {owner}, but kept for the record: {owner} {kept}"
            )),
            (false, false) => t.comment.push(format!(
                "Part of {owner}: deleted with it (ON DELETE CASCADE)."
            )),
            (false, true) => {}
        }
    }
    for k in &keys {
        let null = if k.optional { "" } else { " NOT NULL" };
        t.lines.push(format!("{} {reference}{null}", k.column));
    }
    for a in &e.attributes {
        t.lines.push(column(d, a));
    }
    t.lines.push(format!("created_at {}", d.created_at));
    t.lines.push(format!("updated_at {}", d.updated_at));
    if let Some(trigger) = &d.updated_at_trigger {
        t.trailing.push(trigger.replace("{table}", &e.name));
    }
    t.lines.extend(super::rules::state_checks(d, e));
    let mut unique_keys: Vec<Vec<String>> = Vec::new();
    if !lead.is_empty() && referenced_within_tenant(model, &e.name) {
        unique_keys.push(vec![lead[0].clone(), "id".into()]);
        t.lines.push(format!("UNIQUE ({}, id)", lead[0]));
    }
    if let (Some(_), Ids::Exposed) = (&d.public_id, to.ids) {
        t.lines.push("UNIQUE (public_id)".into());
    }
    for a in e.attributes.iter().filter(|a| a.unique) {
        let mut columns = lead.clone();
        match &d.types[a.kind.as_str()].unique_on {
            Some(on) => {
                columns.push(on.replace("{column}", &a.name));
                t.after.push(format!(
                    "CREATE UNIQUE INDEX {}_{}_key ON {} ({});",
                    e.name,
                    a.name,
                    e.name,
                    columns.join(", ")
                ));
            }
            None => {
                columns.push(column_name(d, a));
                t.lines.push(format!("UNIQUE ({})", columns.join(", ")));
                unique_keys.push(columns);
            }
        }
    }
    for set in &e.unique {
        let mut columns = lead.clone();
        for name in set {
            columns.push(match e.attributes.iter().find(|a| a.name == *name) {
                Some(a) => column_name(d, a),
                None => format!("{name}_id"),
            });
        }
        t.lines.push(format!("UNIQUE ({})", columns.join(", ")));
        unique_keys.push(columns);
    }
    for k in &keys {
        let fk = format!(
            "FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {}",
            k.columns.join(", "),
            k.target,
            k.target_columns.join(", "),
            k.on_delete.sql()
        );
        if created.contains(k.target.as_str()) || k.target == e.name || d.forward_references {
            t.lines.push(fk);
        } else {
            deferred.push(format!("ALTER TABLE {} ADD {fk};", e.name));
        }
    }
    if let Some((p, column)) = partitions {
        partition(p, ("id", column), &mut t);
    }
    super::rules::rules(model, e, &keys, d, (&lead, reference), &mut t);
    if to.search {
        super::rules::search(e, d, &mut t);
    }
    // The tenants' own table shows a session its tenant's row: `id` is its tenant key.
    let own = [String::from("id")];
    let root = model.tenant.as_deref() == Some(e.name.as_str());
    super::rules::isolate(d, if root { &own } else { &lead }, reference, &mut t);
    let personal: Vec<String> = e
        .attributes
        .iter()
        .filter(|a| a.personal)
        .map(|a| column_name(d, a))
        .collect();
    if !personal.is_empty() {
        let history = if e.audit {
            " kept out of the history,"
        } else {
            ""
        };
        t.comment.push(format!(
            "Personal data: {}. Marked,{history} and each needs a retention period and a way \
             to erase or export one person's (`dbadvise explain personal-data`).",
            personal.join(", ")
        ));
        if let Some(statement) = &d.personal_statement {
            for column in &personal {
                t.trailing.push(super::rules::fill(
                    statement,
                    &[("table", &e.name), ("column", column)],
                ));
            }
        }
    }
    // The access patterns' indexes, the tenant's key first, unless a unique key starts
    // with their columns; then an index on every foreign key, unless a key or a longer
    // index starts with its columns: a leftmost prefix of another index is a copy of it.
    let (access, partial) = super::access::indexes(d, e, &lead, &unique_keys, &mut t.comment);
    let indexed: Vec<&Vec<String>> = keys.iter().map(|k| &k.columns).collect();
    for (i, columns) in indexed.iter().enumerate() {
        let covered = unique_keys.iter().any(|u| u.starts_with(columns))
            || access.iter().any(|a| a.starts_with(columns))
            || indexed
                .iter()
                .any(|other| other.len() > columns.len() && other.starts_with(columns))
            || indexed[..i].contains(columns);
        if !covered {
            t.after.push(index(d, &e.name, columns));
        }
    }
    for columns in &access {
        t.after.push(index(d, &e.name, columns));
    }
    t.after.extend(partial);
    t
}

/// The column an entity's attribute, reference or timestamp is written as.
pub(super) fn column_of(d: &ModelDialect, e: &Entity, name: &str) -> String {
    match e.attributes.iter().find(|a| a.name == name) {
        Some(a) => column_name(d, a),
        None if matches!(name, "created_at" | "updated_at") => name.to_string(),
        None => format!("{name}_id"),
    }
}

pub(super) fn column_name(d: &ModelDialect, a: &Attribute) -> String {
    format!("{}{}", a.name, d.types[a.kind.as_str()].suffix)
}

fn column(d: &ModelDialect, a: &Attribute) -> String {
    let kind: &ModelType = &d.types[a.kind.as_str()];
    let name = column_name(d, a);
    let mut line = format!("{name} {}", kind.sql);
    if !a.optional {
        line.push_str(" NOT NULL");
    }
    // A count starts at nothing: a new row need not name it.
    if a.counter && !a.optional {
        line.push_str(" DEFAULT 0");
    }
    let mut checks: Vec<String> = Vec::new();
    if let Some(check) = &kind.check {
        let check = check.replace("{column}", &name);
        // Some engines' functions give false, not NULL, for NULL (json_valid on SQLite
        // before 3.45): an optional column says so itself.
        checks.push(if a.optional {
            format!("{name} IS NULL OR {check}")
        } else {
            check
        });
    }
    if !a.values.is_empty() {
        checks.push(format!("{name} IN ({})", super::rules::quoted(&a.values)));
    }
    if let Some(min) = a.min {
        let min = if kind.suffix == "_cents" {
            min * 100.0
        } else {
            min
        };
        checks.push(format!("{name} >= {min}"));
    }
    // MySQL's grammar puts a COMMENT before the CHECKs.
    if let (true, Some(suffix)) = (a.personal, &d.personal_suffix) {
        line.push_str(suffix);
    }
    for check in checks {
        line.push_str(&format!(" CHECK ({check})"));
    }
    line
}

/// A many-to-many pair as a table of its two keys, each side deleted with either.
fn junction(model: &Model, e: &Entity, other: &str, to: &Target) -> Table {
    let d = to.dialect;
    let reference = &d.reference[to.ids.key()];
    let j = model.junction(e, other);
    let mut t = Table {
        name: j.name.clone(),
        comment: vec![format!(
            "{} and {other}, many to many: a row goes with either side.",
            e.name
        )],
        ..Table::default()
    };
    for c in &j.primary_key {
        t.lines.push(format!("{c} {reference} NOT NULL"));
    }
    t.lines.push(format!("created_at {}", d.created_at));
    t.lines
        .push(format!("PRIMARY KEY ({})", j.primary_key.join(", ")));
    for k in &j.keys {
        t.lines.push(format!(
            "FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {}",
            k.columns.join(", "),
            k.target,
            k.target_columns.join(", "),
            k.on_delete.sql()
        ));
    }
    // The key serves lookups from this side; the other side needs its own index.
    let theirs = &j.keys[1].columns;
    t.after.push(index(d, &t.name, theirs));
    let lead = model.tenant_lead(e);
    super::rules::isolate(d, &lead, reference, &mut t);
    t
}

/// How the dialect partitions tables that only grow, when the answers make it worth it.
pub(super) fn time_partitions<'a>(to: &Target<'a>) -> Option<&'a PartitionSql> {
    to.dialect
        .time_partitions
        .as_ref()
        .and_then(|p| p.sql.as_ref())
        .filter(|_| to.partition_by_time)
}

/// Makes `t` a table partitioned by time on `column`, its key `key` and `column`
/// together.
pub(super) fn partition(p: &PartitionSql, (key, column): (&str, &str), t: &mut Table) {
    let fill = |text: &str| {
        super::rules::fill(
            text,
            &[("table", &t.name), ("key", key), ("column", column)],
        )
    };
    t.comment.push(fill(&p.why));
    t.lines.push(fill(&p.primary_key));
    t.options = Some(fill(&p.options));
    t.trailing.push(fill(&p.statements));
}
