//! A model written in DBML (`schema --model FILE.dbml`), read with dbml-rs into the same
//! checked `Model` a YAML file gives.
//!
//! - A `Table` is an entity; its `id`, `created_at` and `updated_at` are implicit (every
//!   table has them). A `pk` on another column, or a composite primary key, is refused:
//!   the model's key is `id`; a table of two foreign keys whose key is both (a junction
//!   table, as `--format dbml` writes one) pairs them many to many, as `a.id <> b.id` does.
//! - Types: varchar, char, string → `text` (`email` when the column is `email` or
//!   `*_email`; `currency` for char(3) named `*currency*`), text → `long-text`, int,
//!   integer, smallint, bigint → `integer`, decimal, numeric → `money` when the name says
//!   price, amount, total, cost, fee or balance, else `decimal`; money, bool, boolean,
//!   date, timestamp, timestamptz, datetime, uuid, json, jsonb as their names say; a
//!   DBML `enum` → `enum` with its values. A quoted type naming one of ours (`"email"`,
//!   `"long-text"`) is taken as it is, with an enum's values and `personal data` from its
//!   note, as `--format dbml` writes them.
//! - A column without `not null` is optional; `unique` is unique.
//! - A ref from `t.x_id` to `o.id` is a reference of `t` named `x` to `o`, optional when
//!   the column may be NULL or `delete: set null`; `delete: cascade` makes `o` the owner
//!   (one per table); `-` (one to one) is a unique reference. A ref led by the same
//!   `w_id` on both sides (`t.(w_id, x_id) > o.(w_id, id)`) names `w` the tenant.
//! - Indexes: `(a, b) [unique]` → `unique: [[a, b]]`, others → `indexes:` (a reference
//!   by its name). Notes, colours, defaults, `increment` and settings are ignored; a
//!   schema other than public, an array type, an index on an expression are refused.

use std::collections::{BTreeMap, BTreeSet};

use dbml_rs::ast::{
    ColumnTypeName, IndexesColumnType, Nullable, RefIdent, ReferentialAction, Relation, TableColumn,
};

use super::check::{check, Lines};
use super::{AccessIndex, Attribute, Entity, Model, ModelError, Reference};

/// A foreign key as the DBML gives it, the referring side first.
struct Link {
    table: String,
    columns: Vec<String>,
    target: String,
    target_columns: Vec<String>,
    rel: Relation,
    cascade: bool,
    set_null: bool,
    at: usize,
}

const TYPES: &str = "varchar, char, text, int, integer, smallint, bigint, decimal, numeric, \
                     money, bool, boolean, date, timestamp, timestamptz, datetime, uuid, \
                     json, jsonb, an enum of the file";

/// Reads a DBML model and checks it as a YAML one is; `types` are the dialects' types.
pub fn parse(file: &str, text: &str, types: &BTreeSet<&str>) -> Result<Model, ModelError> {
    let fail = |problems| ModelError {
        file: file.to_string(),
        problems,
    };
    let line = |at: usize| Some(text[..at.min(text.len())].matches('\n').count() + 1);
    // dbml-rs takes no hyphen in a quoted type: `"long-text"`, as `--format dbml` writes
    // it, is read as `long_text` (as long: the spans stay those of the text).
    let prepared = text.replace("\"long-text\"", "\"long_text\"");
    let ast = dbml_rs::parse_dbml(&prepared).map_err(|e| {
        let at = match e.line_col {
            pest::error::LineColLocation::Pos((l, _)) => l,
            pest::error::LineColLocation::Span((l, _), _) => l,
        };
        fail(vec![(
            Some(at),
            format!("not DBML: {}", e.variant.message()),
        )])
    })?;
    let mut problems = Vec::new();
    let enums: BTreeMap<String, Vec<String>> = ast
        .enums()
        .iter()
        .map(|e| {
            let values = e.values.iter().map(|v| v.value.to_string.clone()).collect();
            (e.ident.name.to_string.clone(), values)
        })
        .collect();
    let names = |r: &RefIdent| -> Vec<String> {
        r.compositions.iter().map(|c| c.to_string.clone()).collect()
    };
    let mut links = Vec::new();
    let mut add = |lhs: (String, Vec<String>),
                   rel: &Relation,
                   rhs: &RefIdent,
                   how: Option<&ReferentialAction>,
                   at: usize| {
        let rhs = (rhs.table.to_string.clone(), names(rhs));
        let (from, to) = if *rel == Relation::One2Many {
            (rhs, lhs)
        } else {
            (lhs, rhs)
        };
        links.push(Link {
            table: from.0,
            columns: from.1,
            target: to.0,
            target_columns: to.1,
            rel: rel.clone(),
            cascade: matches!(how, Some(ReferentialAction::Cascade)),
            set_null: matches!(how, Some(ReferentialAction::SetNull)),
            at,
        });
    };
    let tables = ast.tables();
    for t in &tables {
        for c in &t.cols {
            for r in c.settings.iter().flat_map(|s| &s.refs) {
                let lhs = (
                    t.ident.name.to_string.clone(),
                    vec![c.name.to_string.clone()],
                );
                add(lhs, &r.rel, &r.rhs, None, r.span_range.start);
            }
        }
    }
    for r in ast.refs() {
        let how = r.settings.as_ref().and_then(|s| s.on_delete.as_ref());
        let lhs = (r.lhs.table.to_string.clone(), names(&r.lhs));
        add(lhs, &r.rel, &r.rhs, how, r.span_range.start);
    }
    // The tenant: the column that leads both sides of a composite ref.
    let mut tenant: Option<String> = None;
    for l in links.iter_mut().filter(|l| l.columns.len() > 1) {
        let lead = l.columns[0].clone();
        let tenant_ref = l.columns.len() == 2
            && l.target_columns == [lead.clone(), "id".into()]
            && lead.ends_with("_id");
        if !tenant_ref {
            problems.push((
                line(l.at),
                format!(
                    "a composite foreign key from `{}`: the model's references are single columns \
                 pointing at `id` (led by the tenant's key, `(w_id, x_id) > x.(w_id, id)`)",
                    l.table
                ),
            ));
            continue;
        }
        let name = lead.trim_end_matches("_id").to_string();
        if tenant.as_ref().is_some_and(|t| *t != name) {
            problems.push((
                line(l.at),
                format!("a second tenant, `{name}`: one tenant leads the keys"),
            ));
        }
        tenant = Some(name);
        l.columns.remove(0);
        l.target_columns.remove(0);
    }
    let tenant_column = tenant.as_ref().map(|t| format!("{t}_id"));
    let is_tenant_key = |l: &Link| {
        tenant.as_ref() == Some(&l.target) && Some(&l.columns[0]) == tenant_column.as_ref()
    };
    let mut entities: Vec<Entity> = Vec::new();
    let mut many: Vec<(String, String)> = links
        .iter()
        .filter(|l| l.rel == Relation::Many2Many)
        .map(|l| (l.table.clone(), l.target.clone()))
        .collect();
    for t in &tables {
        let name = t.ident.name.to_string.clone();
        let at = t.span_range.start;
        if let Some(schema) = t.ident.schema.as_ref().filter(|s| s.to_string != "public") {
            problems.push((
                line(at),
                format!(
                    "`{}.{name}`: the model's tables are in one schema, public",
                    schema.to_string
                ),
            ));
        }
        let linked = |column: &str| {
            links.iter().find(|l| {
                l.table == name
                    && l.rel != Relation::Many2Many
                    && l.columns == [column]
                    && !is_tenant_key(l)
            })
        };
        let defs: Vec<_> = t.indexes.iter().flat_map(|i| &i.defs).collect();
        let column_names = |d: &dbml_rs::ast::IndexesDef| -> Vec<String> {
            d.cols
                .iter()
                .map(|c| match c {
                    IndexesColumnType::String(i) => i.to_string.clone(),
                    IndexesColumnType::Expr(e) => format!("`{}`", e.raw),
                })
                .collect()
        };
        // A key over two foreign keys (and the tenant's) and nothing else: a junction.
        let mut pk = defs
            .iter()
            .filter(|d| d.settings.as_ref().is_some_and(|s| s.is_pk));
        if let Some(def) = pk.next() {
            let cols = column_names(def);
            let all: Vec<String> = t.cols.iter().map(|c| c.name.to_string.clone()).collect();
            let pair: Vec<&Link> = cols
                .iter()
                .filter(|c| Some(*c) != tenant_column.as_ref())
                .filter_map(|c| linked(c))
                .collect();
            let pairing = pair.len() == 2
                && cols.len() == all.len()
                && all.iter().all(|c| cols.contains(c))
                && cols.len()
                    == 2 + usize::from(tenant_column.as_ref().is_some_and(|t| cols.contains(t)));
            if pairing {
                many.push((pair[0].target.clone(), pair[1].target.clone()));
                continue;
            }
            if cols != ["id"] {
                problems.push((
                    line(def.span_range.start),
                    format!(
                        "`{name}` has the composite primary key ({}): the model's key is `id`, \
                     unique sets are `[unique]` indexes",
                        cols.join(", ")
                    ),
                ));
            }
        }
        let mut e = Entity {
            name: name.clone(),
            owner: None,
            attributes: vec![],
            references: vec![],
            many: vec![],
            unique: vec![],
            audit: false,
            kept: false,
            global: tenant.as_ref().is_some_and(|w| *w != name)
                && !t
                    .cols
                    .iter()
                    .any(|c| Some(&c.name.to_string) == tenant_column.as_ref()),
            no_overlap: None,
            frozen: None,
            fixed: vec![],
            gapless: None,
            balanced: None,
            sums: None,
            indexes: vec![],
            search: vec![],
            grows: None,
            stream: None,
        };
        let mut by_column = BTreeMap::new();
        for c in &t.cols {
            let column = c.name.to_string.clone();
            let settings = c.settings.as_ref();
            let is_pk = settings.is_some_and(|s| s.is_pk);
            if is_pk && column != "id" {
                problems.push((line(c.span_range.start), format!(
                    "`{name}.{column}` is a primary key: the model's key is `id` (make `{column}` unique)")));
            }
            let nullable =
                !is_pk && settings.and_then(|s| s.nullable.as_ref()) != Some(&Nullable::NotNull);
            if ["id", "created_at", "updated_at"].contains(&column.as_str())
                || Some(&column) == tenant_column.as_ref()
            {
                continue;
            }
            if let Some(l) = linked(&column) {
                if l.target_columns != ["id"] {
                    problems.push((line(l.at), format!("`{name}.{column}` refers to `{}.{}`: the model's references point at `id`", l.target, l.target_columns.join(", "))));
                } else if l.cascade {
                    if let Some(first) = &e.owner {
                        problems.push((
                            line(l.at),
                            format!(
                                "a second `delete: cascade` from `{name}`: it is already part of \
                             `{first}`, and a part has one owner; make this ref a reference"
                            ),
                        ));
                    } else if column != format!("{}_id", l.target) {
                        problems.push((line(l.at), format!("`{name}.{column}`: the column of an owner (`delete: cascade`) is `{}_id`", l.target)));
                    } else {
                        e.owner = Some(l.target.clone());
                        by_column.insert(column, l.target.clone());
                    }
                } else if let Some(short) = column.strip_suffix("_id") {
                    e.references.push(Reference {
                        entity: l.target.clone(),
                        name: short.to_string(),
                        optional: nullable || l.set_null,
                    });
                    if l.rel == Relation::One2One {
                        e.unique.push(vec![short.to_string()]);
                    }
                    by_column.insert(column.clone(), short.to_string());
                } else {
                    problems.push((line(l.at), format!("`{name}.{column}` is a foreign key: name it `…_id` (the reference is named without it)")));
                }
                continue;
            }
            match kind(c, &column, &enums, types) {
                Ok((kind, values, personal)) => e.attributes.push(Attribute {
                    name: column,
                    kind,
                    optional: nullable,
                    unique: settings.is_some_and(|s| s.is_unique),
                    values,
                    min: None,
                    counter: false,
                    personal,
                    required_when: None,
                    only_then: false,
                }),
                Err(message) => problems.push((
                    line(c.r#type.span_range.start),
                    format!("`{name}.{column}`: {message}"),
                )),
            }
        }
        for def in defs {
            let settings = def.settings.as_ref();
            if settings.is_some_and(|s| s.is_pk) {
                continue;
            }
            let cols: Vec<String> = column_names(def)
                .into_iter()
                .filter(|c| Some(c) != tenant_column.as_ref())
                .map(|c| by_column.get(&c).cloned().unwrap_or(c))
                .collect();
            if let Some(expr) = cols.iter().find(|c| c.starts_with('`')) {
                problems.push((line(def.span_range.start), format!("an index of `{name}` on the expression {expr}: the model's indexes are on columns")));
            } else if settings.is_some_and(|s| s.is_unique) {
                // `(w_id, id)`, the key a reference within the tenant points at: the DDL's.
                if cols != ["id"] {
                    e.unique.push(cols);
                }
            } else if !cols.is_empty() {
                let serves = settings
                    .and_then(|s| s.note.clone())
                    .unwrap_or_else(|| "index from the DBML".into());
                e.indexes.push(AccessIndex {
                    on: cols,
                    serves,
                    changes: vec![],
                    only: Default::default(),
                });
            }
        }
        entities.push(e);
    }
    for (from, to) in many {
        if let Some(e) = entities.iter_mut().find(|e| e.name == from) {
            e.many.push(to);
        }
    }
    let title = ast
        .projects()
        .first()
        .map(|p| p.ident.to_string.clone())
        .unwrap_or_default();
    let model = Model {
        title,
        tenant,
        catalog: false,
        entities,
        about: String::new(),
        topics: vec![],
        patterns: vec![],
        notes: vec![],
    };
    if problems.is_empty() {
        problems = check(&model, types, &Lines(""));
    }
    if problems.is_empty() {
        Ok(model)
    } else {
        problems.sort_by_key(|(line, _)| line.unwrap_or(0));
        Err(fail(problems))
    }
}

/// The model's type of a column, an enum's values, and whether it is personal data.
fn kind(
    c: &TableColumn,
    column: &str,
    enums: &BTreeMap<String, Vec<String>>,
    types: &BTreeSet<&str>,
) -> Result<(String, Vec<String>, bool), String> {
    let t = &c.r#type;
    let raw = match &t.type_name {
        ColumnTypeName::Raw(s) | ColumnTypeName::Enum(s) => s.clone(),
        _ => t.raw.trim_matches('"').to_string(),
    };
    let base = raw.to_lowercase();
    let note = c
        .settings
        .as_ref()
        .and_then(|s| s.note.clone())
        .unwrap_or_default();
    let personal = note.contains("personal data");
    let ours = base.replace('_', "-");
    if t.raw.trim_start().starts_with('"') && types.contains(ours.as_str()) {
        let values = note
            .split("; ")
            .find_map(|n| n.strip_prefix("one of: "))
            .map(|v| v.split(", ").map(str::to_string).collect())
            .unwrap_or_default();
        return Ok((ours, values, personal));
    }
    if !t.arrays.is_empty() {
        return Err(format!("the array type `{}`: the model has none", t.raw));
    }
    let named = |words: &[&str]| words.iter().any(|w| column.contains(w));
    let email = column == "email" || column.ends_with("_email");
    let three = t.args.first().is_some_and(|a| a.to_string() == "3");
    let kind = match base.as_str() {
        _ if enums.contains_key(&raw) => return Ok(("enum".into(), enums[&raw].clone(), personal)),
        "varchar" | "character varying" | "string" | "text" | "char" | "character" if email => {
            "email"
        }
        "char" | "character" if three && column.contains("currency") => "currency",
        "varchar" | "character varying" | "string" | "char" | "character" => "text",
        "text" => "long-text",
        "int" | "integer" | "int4" | "int8" | "int2" | "bigint" | "smallint" => "integer",
        "decimal" | "numeric" if named(&["price", "amount", "total", "cost", "fee", "balance"]) => {
            "money"
        }
        "decimal" | "numeric" => "decimal",
        "money" => "money",
        "bool" | "boolean" => "boolean",
        "date" => "date",
        "timestamp"
        | "timestamptz"
        | "datetime"
        | "timestamp with time zone"
        | "timestamp without time zone" => "timestamp",
        "uuid" => "uuid",
        "json" | "jsonb" => "json",
        _ => {
            let ours: Vec<String> = types.iter().map(|t| format!("\"{t}\"")).collect();
            return Err(format!(
                "unknown type `{}`; the types are {TYPES}, or dbadvise's own, quoted: {}",
                t.raw,
                ours.join(", ")
            ));
        }
    };
    Ok((kind.into(), vec![], personal))
}
