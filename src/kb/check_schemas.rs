//! Checks of the starter schemas: their parts, the engines and answers they name, and
//! the SQL of each part.

use std::collections::HashSet;

use super::check::unknown;
use super::check_trees::condition_problems;
use super::locate::line_within_item;
use super::model::{placeholders_in, Condition, Schema};
use super::{KnowledgeBase, Problem};

/// Starter schemas: known engines that run the schema's dialect (one schema per engine),
/// conditions on real questions and options, no empty SQL, every `{placeholder}` a var
/// of the schema, `for_tables` naming its tables, and a `why` on every conditional item.
pub(super) fn check_schemas(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let mut served: std::collections::HashMap<&str, &str> = Default::default();
    for schema in &kb.schemas {
        let origin = &kb.origins.schemas[schema.id.as_str()];
        let text = kb
            .schema_texts
            .get(schema.id.as_str())
            .map(|s| s.as_str())
            .unwrap_or("");
        // A schema is one item, read from its start for every problem located in it:
        // past the first few hundred problems (a mangled file), the schema's own line
        // is given, so that a broken file costs seconds at most, not minutes.
        const LOCATED: usize = 200;
        let mut located = 0;
        let mut at = |needle: &str, message: String| {
            let line = if needle.is_empty() || located >= LOCATED {
                origin.line
            } else {
                located += 1;
                line_within_item(text, origin.line.unwrap_or(1), needle).or(origin.line)
            };
            problems.push(Problem {
                file: origin.file.clone(),
                line,
                column: None,
                message: format!("schema `{}`: {message}", schema.id),
            });
        };
        if schema.engines.is_empty() {
            at("", "lists no engines".into());
        }
        for engine in &schema.engines {
            match kb.engine(engine) {
                None => at(
                    engine,
                    unknown("engine", engine, kb.engines.iter().map(|e| e.id.as_str())),
                ),
                Some(e) if !e.runs_dialect(&schema.dialect) => at(
                    engine,
                    format!(
                        "engine `{engine}` does not run the `{}` dialect (its dialects: {})",
                        schema.dialect,
                        if e.dialects.is_empty() {
                            e.id.to_string()
                        } else {
                            e.dialects.join(", ")
                        }
                    ),
                ),
                Some(_) => {}
            }
            if let Some(other) = served.insert(engine, &schema.id) {
                at(
                    engine,
                    format!("engine `{engine}` already has the starter schema `{other}`"),
                );
            }
        }
        for problem in schema_problems(kb, schema) {
            at(&problem.0, problem.1);
        }
        if let Some(model) = &schema.model {
            for problem in model_problems(kb, model) {
                at(&problem.0, problem.1);
            }
            for engine in model
                .domains_for
                .iter()
                .filter(|e| !schema.engines.contains(e))
            {
                at(
                    "domains_for:",
                    format!(
                        "model: domains_for names `{engine}`, which is not one of this schema's engines ({})",
                        schema.engines.join(", ")
                    ),
                );
            }
        }
    }
}

/// A dialect's words for domain models: both kinds of key, and every attribute type any
/// dialect knows either written or said to be lacking, so a model means the same
/// everywhere.
fn model_problems(kb: &KnowledgeBase, model: &crate::kb::ModelDialect) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut keyed = vec![("key", &model.key), ("ref", &model.reference)];
    if let Some(sql) = model.time_partitions.as_ref().and_then(|p| p.sql.as_ref()) {
        keyed.push(("time_partitions: sql: key", &sql.key));
    }
    for (what, map) in keyed {
        for ids in ["internal", "exposed"] {
            if !map.contains_key(ids) {
                found.push((
                    "model:".to_string(),
                    format!("model: `{what}` has no `{ids}` entry"),
                ));
            }
        }
    }
    // The conditions that partition a domain's tables and add its event table read real
    // questions and options, as every other part's do.
    let conditions = (model.time_partitions.iter())
        .flat_map(|p| std::iter::once(&p.when).chain(&p.unless))
        .map(|c| ("time_partitions:", c))
        .chain(model.event_store.iter().map(|e| ("event_store:", &e.when)));
    for (needle, condition) in conditions {
        for problem in condition_problems(kb, condition) {
            found.push((needle.to_string(), format!("model: {needle} {problem}")));
        }
    }
    if !model.types.contains_key("enum") {
        found.push(("types:".into(), "model: `types` has no `enum`".into()));
    }
    for t in kb.model_types() {
        if !model.types.contains_key(t) && !model.lacks.contains_key(t) {
            found.push((
                "types:".into(),
                format!("model: the type `{t}` is neither written (`types`) nor said to be lacking (`lacks`)"),
            ));
        }
    }
    for column in model.types.values().filter_map(|t| t.check.as_ref()) {
        if !column.contains("{column}") {
            found.push((
                column.clone(),
                "model: a type's `check` must name `{column}`".into(),
            ));
        }
    }
    found
}

/// The problems inside one schema, each with the text to find its line by.
fn schema_problems(kb: &KnowledgeBase, schema: &Schema) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let tables: Vec<&str> = schema
        .parts
        .iter()
        .filter_map(|p| p.table.as_deref())
        .collect();
    let conditional = |what: &str,
                       needle: &str,
                       when: &Option<Condition>,
                       unless: &Option<Condition>,
                       why: &str,
                       found: &mut Vec<(String, String)>| {
        for condition in [when, unless].into_iter().flatten() {
            for problem in condition_problems(kb, condition) {
                found.push((needle.to_string(), format!("{what}: {problem}")));
            }
        }
        if when.is_some() && why.trim().is_empty() && !what.starts_with("var ") {
            found.push((
                needle.to_string(),
                format!(
                    "{what} has a `when` but no `why` (the comment printed above it, and the \
                     line that lists it as tailored)"
                ),
            ));
        }
    };
    let placeholders =
        |what: &str, needle: &str, sql: &str, extra: &[&str], found: &mut Vec<(String, String)>| {
            for name in placeholders_in(sql) {
                if !schema.vars.contains_key(name) && !extra.contains(&name) {
                    let known = schema
                        .vars
                        .keys()
                        .map(|s| s.as_str())
                        .chain(extra.iter().copied());
                    found.push((
                        needle.to_string(),
                        format!(
                            "{what}: {{{name}}} is not a var of the schema ({})",
                            unknown("var", name, known)
                        ),
                    ));
                }
            }
        };
    for (name, alternatives) in &schema.vars {
        for alt in alternatives {
            let what = format!("var `{name}`");
            conditional(
                &what,
                name,
                &alt.when,
                &alt.unless,
                &alt.why.text,
                &mut found,
            );
            placeholders(&what, name, &alt.sql, &[], &mut found);
        }
        if alternatives.is_empty() {
            found.push((name.clone(), format!("var `{name}` has no alternatives")));
        }
    }
    for (i, part) in schema.parts.iter().enumerate() {
        let needle = part
            .table
            .clone()
            .or_else(|| {
                part.sql
                    .as_deref()
                    .and_then(|s| s.lines().next())
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let what = match &part.table {
            Some(t) => format!("table `{t}`"),
            None => format!("part {} (sql)", i + 1),
        };
        conditional(
            &what,
            &needle,
            &part.when,
            &part.unless,
            &part.why.text,
            &mut found,
        );
        match (&part.table, &part.sql) {
            (Some(_), Some(_)) | (None, None) => {
                found.push((
                    needle.clone(),
                    format!("part {} must have exactly one of `table` or `sql`", i + 1),
                ));
                continue;
            }
            (Some(table), None) => {
                if table.trim().is_empty() {
                    found.push((
                        needle.clone(),
                        format!("part {} has an empty table name", i + 1),
                    ));
                }
                if part.columns.is_empty() {
                    found.push((needle.clone(), format!("{what} has no columns")));
                }
                if !part.for_tables.is_empty() {
                    found.push((
                        needle.clone(),
                        format!("{what}: `for_tables` is for `sql` parts"),
                    ));
                }
                let mut names = HashSet::new();
                for column in &part.columns {
                    let cwhat = format!("{what}, column `{}`", column.name);
                    if column.name.trim().is_empty() || column.kind.trim().is_empty() {
                        found.push((needle.clone(), format!("{cwhat}: empty name or type")));
                    }
                    // Columns that exclude each other may share a name (one id per key kind).
                    if column.when.is_none()
                        && column.unless.is_none()
                        && !names.insert(column.name.as_str())
                    {
                        found.push((
                            column.name.clone(),
                            format!("{what} has column `{}` twice", column.name),
                        ));
                    }
                    conditional(
                        &cwhat,
                        &column.name,
                        &column.when,
                        &column.unless,
                        &column.why.text,
                        &mut found,
                    );
                    placeholders(&cwhat, &column.name, &column.kind, &[], &mut found);
                }
                for (list, kind) in [
                    (&part.constraints, "constraint"),
                    (&part.options, "option"),
                    (&part.statements, "statement"),
                ] {
                    for piece in list {
                        let first = piece.sql.lines().next().unwrap_or("").trim().to_string();
                        let pwhat = format!("{what}, {kind} `{first}`");
                        if piece.sql.trim().is_empty() {
                            found.push((needle.clone(), format!("{what}: empty {kind} SQL")));
                        }
                        if kind == "statement"
                            && !piece.sql.trim().is_empty()
                            && !piece.sql.trim_end().ends_with(';')
                        {
                            found.push((
                                first.clone(),
                                format!("{pwhat}: SQL statements end with `;`"),
                            ));
                        }
                        conditional(
                            &pwhat,
                            &first,
                            &piece.when,
                            &piece.unless,
                            &piece.why.text,
                            &mut found,
                        );
                        placeholders(&pwhat, &first, &piece.sql, &[], &mut found);
                    }
                }
            }
            (None, Some(sql)) => {
                if sql.trim().is_empty() {
                    found.push((needle.clone(), format!("{what}: empty SQL")));
                } else if !sql.trim_end().ends_with(';') {
                    found.push((
                        needle.clone(),
                        format!("{what}: SQL statements end with `;`"),
                    ));
                }
                if !part.columns.is_empty()
                    || !part.constraints.is_empty()
                    || !part.options.is_empty()
                    || !part.statements.is_empty()
                {
                    found.push((needle.clone(), format!("{what}: columns, constraints, options and statements belong to a `table` part")));
                }
                for t in &part.for_tables {
                    if !tables.contains(&t.as_str()) {
                        found.push((
                            t.clone(),
                            format!(
                                "{what}: for_tables: {}",
                                unknown("table", t, tables.iter().copied())
                            ),
                        ));
                    }
                }
                let extra: &[&str] = if part.for_tables.is_empty() {
                    &[]
                } else {
                    &["table"]
                };
                placeholders(&what, &needle, sql, extra, &mut found);
            }
        }
    }
    found
}
