//! A record's `erDiagram` as mermaid's parser read it (the JSON of
//! `tests/tools/mermaid-er.mjs`), checked against the schema it draws: every table an
//! entity with its key columns, every foreign key a relationship between its two tables,
//! labelled with its columns, the parent at the "one" end; nothing drawn that the schema
//! does not have.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::sql_schema::{ForeignKey, Schema};

/// One ```mermaid block: what mermaid read from it, or its error.
#[derive(Debug, Deserialize)]
pub struct Diagram {
    /// The block's first line in the file.
    pub line: usize,
    /// mermaid's diagram type (`er` for an erDiagram); none when it did not parse.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub error: Option<String>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub relationships: Vec<Relationship>,
}

#[derive(Debug, Deserialize)]
pub struct Entity {
    pub name: String,
    #[serde(default)]
    pub attributes: Vec<Attribute>,
}

#[derive(Debug, Deserialize)]
pub struct Attribute {
    pub name: String,
    #[serde(default)]
    pub keys: Vec<String>,
}

/// `from` is drawn on the left, `to` on the right; each cardinality is the marker at that
/// entity's end (`ONLY_ONE`, `ZERO_OR_ONE`, `ZERO_OR_MORE`, `ONE_OR_MORE`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub from: String,
    pub to: String,
    pub label: String,
    pub from_cardinality: Option<String>,
    pub to_cardinality: Option<String>,
}

/// A child row refers to one parent row at most.
fn at_most_one(cardinality: &Option<String>) -> bool {
    matches!(cardinality.as_deref(), Some("ONLY_ONE" | "ZERO_OR_ONE"))
}

fn has_key(entity: &Entity, column: &str, key: &str) -> bool {
    entity
        .attributes
        .iter()
        .any(|a| a.name == column && a.keys.iter().any(|k| k == key))
}

/// Whether a relationship joins the key's two tables (either way round) and its label
/// names every column of the key.
fn draws(r: &Relationship, fk: &ForeignKey) -> bool {
    let between =
        (r.from == fk.parent && r.to == fk.child) || (r.from == fk.child && r.to == fk.parent);
    let words: BTreeSet<&str> = r
        .label
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    between && fk.columns.iter().all(|c| words.contains(c.as_str()))
}

/// What is wrong with the diagrams of the record `record` (a file name, for messages) as
/// the drawing of `schema`: empty when it is the one erDiagram and draws the schema.
pub fn check_diagram(record: &str, diagrams: &[Diagram], schema: &Schema) -> Vec<String> {
    let diagram = match diagrams {
        [] => return vec![format!("no mermaid erDiagram block in {record}")],
        [one] => one,
        many => {
            let lines: Vec<String> = many.iter().map(|d| d.line.to_string()).collect();
            return vec![format!(
                "{record} has {} mermaid blocks (lines {}); one erDiagram expected",
                many.len(),
                lines.join(", ")
            )];
        }
    };
    let at = format!("{record}:{}", diagram.line);
    if let Some(error) = &diagram.error {
        return vec![format!(
            "the mermaid block at {at} does not parse:\n{error}"
        )];
    }
    if diagram.kind.as_deref() != Some("er") {
        return vec![format!(
            "the mermaid block at {at} is a {} diagram, not an erDiagram",
            diagram.kind.as_deref().unwrap_or("unknown")
        )];
    }
    let entity = |name: &str| diagram.entities.iter().find(|e| e.name == name);
    let mut problems = Vec::new();
    for table in &schema.tables {
        let Some(e) = entity(&table.name) else {
            problems.push(format!("table {} has no entity", table.name));
            continue;
        };
        for column in &table.primary_key {
            if !has_key(e, column, "PK") {
                problems.push(format!("{}.{column} is not listed as PK", table.name));
            }
        }
    }
    for e in &diagram.entities {
        if !schema.tables.iter().any(|t| t.name == e.name) {
            let partition = if schema.partitions.contains(&e.name) {
                " (a partition of one)"
            } else {
                ""
            };
            problems.push(format!(
                "entity {} is no table of the schema{partition}",
                e.name
            ));
        }
    }
    let mut unused: Vec<&Relationship> = diagram.relationships.iter().collect();
    for fk in &schema.foreign_keys {
        if let Some(e) = entity(&fk.child) {
            for column in &fk.columns {
                if !has_key(e, column, "FK") {
                    problems.push(format!("{}.{column} is not listed as FK", fk.child));
                }
            }
        }
        let Some(i) = unused.iter().position(|r| draws(r, fk)) else {
            let labels: Vec<String> = unused
                .iter()
                .filter(|r| {
                    (r.from == fk.parent && r.to == fk.child)
                        || (r.from == fk.child && r.to == fk.parent)
                })
                .map(|r| format!("\"{}\"", r.label))
                .collect();
            let instead = if labels.is_empty() {
                String::new()
            } else {
                format!(" (those drawn are labelled {})", labels.join(", "))
            };
            problems.push(format!(
                "no relationship between {} and {} for the foreign key {fk}{instead}",
                fk.parent, fk.child
            ));
            continue;
        };
        let r = unused.remove(i);
        // The parent's end says how many parents a child row has: one at most. A table
        // that refers to itself has the parent at either end.
        let parent_end = if r.from == fk.parent && r.to == fk.parent {
            if at_most_one(&r.from_cardinality) {
                &r.from_cardinality
            } else {
                &r.to_cardinality
            }
        } else if r.from == fk.parent {
            &r.from_cardinality
        } else {
            &r.to_cardinality
        };
        if !at_most_one(parent_end) {
            problems.push(format!(
                "the foreign key {fk} is drawn with many {} rows per {} row ({} at the {} \
                 end; `||` or `|o` expected)",
                fk.parent,
                fk.child,
                parent_end.as_deref().unwrap_or("no marker"),
                fk.parent
            ));
        }
    }
    for r in unused {
        problems.push(format!(
            "relationship {} — {} : \"{}\" is no foreign key of the schema",
            r.from, r.to, r.label
        ));
    }
    problems
}
