//! A checked model as a Mermaid ER diagram and as DBML: the same entities, keys and
//! links the DDL writes, for a README or dbdiagram.io.

use std::fmt::Write;

use super::{ForeignKey, Model, OnDelete};

/// `erDiagram`: each entity with its key, foreign keys and attributes (types as the
/// model names them), ownership as a solid line, references as dashed ones.
pub fn mermaid(model: &Model) -> String {
    let mut out = String::from("erDiagram\n");
    for e in &model.entities {
        let _ = writeln!(out, "    {} {{", e.name);
        let _ = writeln!(out, "        key id PK");
        for k in model.foreign_keys(e) {
            let _ = writeln!(out, "        ref {} FK", k.column);
        }
        for a in &e.attributes {
            let mark = if a.unique { " UK" } else { "" };
            let note = if a.personal { " \"personal\"" } else { "" };
            let _ = writeln!(out, "        {} {}{mark}{note}", a.kind, a.name);
        }
        let _ = writeln!(out, "    }}");
    }
    for e in &model.entities {
        for k in model.foreign_keys(e) {
            let one = if k.optional { "|o" } else { "||" };
            let line = if k.on_delete == OnDelete::Cascade {
                "--"
            } else {
                ".."
            };
            let _ = writeln!(
                out,
                "    {} {one}{line}o{{ {} : \"{}\"",
                k.target, e.name, k.column
            );
        }
        for other in &e.many {
            let _ = writeln!(
                out,
                "    {} }}o--o{{ {other} : \"{}_{other}\"",
                e.name, e.name
            );
        }
    }
    out
}

/// DBML: a `Table` per entity and junction, a `Ref` per foreign key with its ON DELETE.
pub fn dbml(model: &Model) -> String {
    let mut out = String::new();
    if !model.title.is_empty() {
        let _ = writeln!(
            out,
            "Project \"{}\" {{\n}}\n",
            model.title.replace('"', "'")
        );
    }
    for e in &model.entities {
        let _ = writeln!(out, "Table {} {{", e.name);
        let _ = writeln!(out, "  id bigint [pk]");
        for k in model.foreign_keys(e) {
            let null = if k.optional { "" } else { " [not null]" };
            let _ = writeln!(out, "  {} bigint{null}", k.column);
        }
        for a in &e.attributes {
            let mut notes = Vec::new();
            if !a.optional {
                notes.push("not null".to_string());
            }
            if a.unique {
                notes.push("unique".to_string());
            }
            let mut note: Vec<String> = Vec::new();
            if !a.values.is_empty() {
                note.push(format!("one of: {}", a.values.join(", ")));
            }
            if a.personal {
                note.push("personal data".into());
            }
            if !note.is_empty() {
                notes.push(format!("note: '{}'", note.join("; ")));
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" [{}]", notes.join(", "))
            };
            let _ = writeln!(out, "  {} \"{}\"{notes}", a.name, a.kind);
        }
        // The key that a reference within the tenant points at, as the DDL has it (and
        // DBML readers that check composite refs want it declared).
        if let Some(lead) = model.tenant_lead(e).first() {
            if super::ddl::referenced_within_tenant(model, &e.name) {
                let _ = writeln!(out, "  indexes {{\n    ({lead}, id) [unique]\n  }}");
            }
        }
        let _ = writeln!(out, "}}\n");
    }
    for e in &model.entities {
        for other in &e.many {
            let j = model.junction(e, other);
            let _ = writeln!(out, "Table {} {{", j.name);
            for c in &j.primary_key {
                let _ = writeln!(out, "  {c} bigint [not null]");
            }
            let _ = writeln!(
                out,
                "  indexes {{\n    ({}) [pk]\n  }}",
                j.primary_key.join(", ")
            );
            let _ = writeln!(out, "}}\n");
            for k in &j.keys {
                reference(&mut out, &j.name, k);
            }
            out.push('\n');
        }
        for k in model.foreign_keys(e) {
            reference(&mut out, &e.name, &k);
        }
    }
    out
}

/// `column`, or `(a, b)` for a composite key, as DBML writes endpoints.
fn fields(columns: &[String]) -> String {
    match columns {
        [one] => one.clone(),
        many => format!("({})", many.join(", ")),
    }
}

/// `Ref: table.column > target.id [delete: cascade]`
fn reference(out: &mut String, table: &str, k: &ForeignKey) {
    let _ = writeln!(
        out,
        "Ref: {table}.{} > {}.{} [delete: {}]",
        fields(&k.columns),
        k.target,
        fields(&k.target_columns),
        k.on_delete.sql().to_lowercase()
    );
}
