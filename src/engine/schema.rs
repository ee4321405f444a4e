//! The starter schema: the primary store's schema from the knowledge base
//! (`knowledge/schema/`), assembled part by part from the answers. Every item whose
//! condition holds is kept, in the order the knowledge base lists it, with its `why` as
//! the comment above it; the kept items with a `when` are listed as tailored.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::Serialize;

use super::answers::Answers;
use crate::kb::{substitute, wrap_comment, Condition, KnowledgeBase, Reason, Schema, SchemaPiece};

/// The schema to start from, for the primary store's engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StarterSchema {
    /// The catalog id of the primary store's engine (`postgresql`, `mysql`, …).
    pub engine: String,
    /// Its name, `PostgreSQL`.
    pub name: String,
    /// The dialect the SQL is written in (a snippet folder: `postgresql`, `mysql`, `sqlite`).
    pub dialect: String,
    /// The knowledge base's schema it was assembled from.
    pub schema: String,
    /// The whole script, to run in order in an empty database.
    pub sql: String,
    /// What was tailored to the answers: the `why` of every kept item that has a `when`.
    pub tailored: Vec<String>,
}

/// Whether the answers meet a condition: every question of one of its maps is answered
/// with one of the options listed for it.
pub fn holds(condition: &Condition, answers: &Answers) -> bool {
    condition.maps().iter().any(|map| {
        map.iter().all(|(question, options)| {
            answers
                .get(question)
                .is_some_and(|given| given.iter().any(|v| options.has(v)))
        })
    })
}

/// Whether an item with these conditions is kept.
pub fn kept(when: &Option<Condition>, unless: &Option<Condition>, answers: &Answers) -> bool {
    when.as_ref().is_none_or(|c| holds(c, answers))
        && !unless.as_ref().is_some_and(|c| holds(c, answers))
}

/// The starter schema for the advice's primary store, when the knowledge base has one
/// for its engine.
pub fn starter_schema(
    kb: &KnowledgeBase,
    answers: &Answers,
    primary_engine: &str,
) -> Option<StarterSchema> {
    let schema = kb.schema_for(primary_engine)?;
    let name = kb
        .engine(primary_engine)
        .map_or_else(|| primary_engine.to_string(), |e| e.name.to_string());
    let (sql, tailored) = assemble(schema, answers, answers.project.as_deref(), &name);
    Some(StarterSchema {
        engine: primary_engine.to_string(),
        name,
        dialect: schema.dialect.clone(),
        schema: schema.id.clone(),
        sql,
        tailored,
    })
}

/// The script and the tailored reasons.
fn assemble(
    schema: &Schema,
    answers: &Answers,
    project: Option<&str>,
    engine_name: &str,
) -> (String, Vec<String>) {
    let keep = |when: &Option<Condition>, unless: &Option<Condition>| kept(when, unless, answers);
    // Each var: the first alternative that holds.
    let vars: BTreeMap<&str, Option<&SchemaPiece>> = schema
        .vars
        .iter()
        .map(|(name, alternatives)| {
            let chosen = alternatives.iter().find(|a| keep(&a.when, &a.unless));
            (name.as_str(), chosen)
        })
        .collect();
    // The vars in the order the script first uses them, for the header.
    let used: RefCell<Vec<&str>> = RefCell::new(Vec::new());
    let fill = |sql: &str, table: Option<&str>| {
        substitute(sql, |name| match (name, table) {
            ("table", Some(t)) => Some(t.to_string()),
            _ => {
                let (&known, chosen) = vars.get_key_value(name)?;
                let mut used = used.borrow_mut();
                if !used.contains(&known) {
                    used.push(known);
                }
                Some(chosen.map(|a| a.sql.clone()).unwrap_or_default())
            }
        })
    };

    let mut body = Script::default();
    let kept_tables: Vec<&str> = schema
        .parts
        .iter()
        .filter(|p| keep(&p.when, &p.unless))
        .filter_map(|p| p.table.as_deref())
        .collect();
    for part in schema.parts.iter().filter(|p| keep(&p.when, &p.unless)) {
        body.blank();
        body.reason("", &part.why, part.when.is_some());
        if let Some(sql) = &part.sql {
            if part.for_tables.is_empty() {
                body.line(&fill(sql.trim_end(), None));
            } else {
                for table in part
                    .for_tables
                    .iter()
                    .filter(|t| kept_tables.contains(&t.as_str()))
                {
                    body.line(&fill(sql.trim_end(), Some(table)));
                }
            }
            continue;
        }
        let Some(table) = &part.table else { continue };
        let columns: Vec<_> = part
            .columns
            .iter()
            .filter(|c| keep(&c.when, &c.unless))
            .collect();
        let width = columns.iter().map(|c| c.name.len()).max().unwrap_or(0);
        let mut entries: Vec<String> = Vec::new();
        for c in &columns {
            let mut entry = Script::default();
            entry.reason("  ", &c.why, c.when.is_some());
            // A type written on several lines continues under its first line.
            let continued = format!("\n  {:width$} ", "");
            let kind = fill(c.kind.trim(), None).replace('\n', &continued);
            entry.line(&format!("  {:<width$} {kind}", c.name));
            body.tailored.extend(entry.tailored);
            entries.push(entry.text.trim_end().to_string());
        }
        for piece in part.constraints.iter().filter(|p| keep(&p.when, &p.unless)) {
            let mut entry = Script::default();
            entry.why("  ", piece);
            for line in fill(piece.sql.trim(), None).lines() {
                entry.line(&format!("  {line}"));
            }
            body.tailored.extend(entry.tailored);
            entries.push(entry.text.trim_end().to_string());
        }
        body.line(&format!("CREATE TABLE {table} ("));
        body.line(&entries.join(",\n"));
        // Options without a why follow the closing parenthesis; one with a why starts a
        // line of its own, under its comment.
        let mut close = String::from(")");
        for option in part.options.iter().filter(|p| keep(&p.when, &p.unless)) {
            let sql = fill(option.sql.trim(), None);
            if close.starts_with(')') && option.why.is_empty() {
                close.push(' ');
                close.push_str(&sql);
            } else {
                body.line(&close);
                body.why("", option);
                close = sql;
            }
        }
        close.push(';');
        body.line(&close);
        for statement in part.statements.iter().filter(|p| keep(&p.when, &p.unless)) {
            body.why("", statement);
            body.line(&fill(statement.sql.trim_end(), None));
        }
    }

    let mut out = Script::default();
    let title = match project {
        Some(p) if !p.trim().is_empty() => {
            format!(
                "Starter schema for {}: {engine_name}, tailored to your answers.",
                p.trim()
            )
        }
        _ => format!("Starter schema: {engine_name}, tailored to your answers."),
    };
    out.comment("", &wrap_comment(&title));
    if !schema.header.is_empty() {
        out.line("--");
        out.comment("", &schema.header.lines);
    }
    let notes: Vec<&SchemaPiece> = used
        .borrow()
        .iter()
        .filter_map(|name| vars.get(name).copied().flatten())
        .filter(|alt| !alt.why.is_empty())
        .collect();
    if !notes.is_empty() {
        out.line("--");
        for alt in notes {
            out.why("", alt);
        }
    }
    out.text.push('\n');
    out.text.push_str(body.text.trim_start_matches('\n'));
    out.tailored.extend(body.tailored);
    let mut tailored: Vec<String> = Vec::new();
    for reason in out.tailored {
        if !tailored.contains(&reason) {
            tailored.push(reason);
        }
    }
    (out.text, tailored)
}

/// The script being written, and the reasons of its conditional items.
#[derive(Default)]
struct Script {
    text: String,
    tailored: Vec<String>,
}

impl Script {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// Wrapped lines as `--` comment lines, indented.
    fn comment(&mut self, indent: &str, lines: &[String]) {
        for line in lines {
            self.text.push_str(indent);
            self.text.push_str("-- ");
            self.text.push_str(line);
            self.text.push('\n');
        }
    }

    /// The comment above an item; a conditional item's reason (its first sentence) is
    /// listed as tailored.
    fn reason(&mut self, indent: &str, why: &Reason, conditional: bool) {
        self.comment(indent, &why.lines);
        if conditional && !why.is_empty() {
            self.tailored.push(why.first_sentence.clone());
        }
    }

    fn why(&mut self, indent: &str, piece: &SchemaPiece) {
        self.reason(indent, &piece.why, piece.when.is_some());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::AnswerValue;

    fn answers(pairs: &[(&str, &[&str])]) -> Answers {
        let mut a = Answers::default();
        for (q, values) in pairs {
            a.set(
                q,
                AnswerValue::Many(values.iter().map(|v| v.to_string()).collect()),
            );
        }
        a
    }

    fn condition(yaml: &str) -> Condition {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn options_are_any_of_questions_all_of_and_a_list_any_of() {
        let a = answers(&[("money", &["yes"]), ("access-patterns", &["range", "sort"])]);
        assert!(holds(&condition("{money: [\"yes\"]}"), &a));
        assert!(holds(
            &condition("{access-patterns: [full-text, sort]}"),
            &a
        ));
        assert!(!holds(&condition("{access-patterns: [full-text]}"), &a));
        assert!(holds(
            &condition("{money: [\"yes\"], access-patterns: [range]}"),
            &a
        ));
        assert!(!holds(
            &condition("{money: [\"no\"], access-patterns: [range]}"),
            &a
        ));
        assert!(holds(
            &condition("[{money: [\"no\"]}, {access-patterns: [sort]}]"),
            &a
        ));
        assert!(
            !holds(&condition("{growth: [append-heavy]}"), &a),
            "unanswered"
        );
        assert!(kept(&None, &None, &a));
        assert!(!kept(&None, &Some(condition("{money: \"yes\"}")), &a));
    }

    #[test]
    fn placeholders_are_words_in_braces_and_json_is_left_alone() {
        let filled = substitute(
            "{key} PRIMARY KEY, '{}' , '{\"a\": 1}', {tenant}x, {unknown}",
            |name| match name {
                "key" => Some("BIGINT".into()),
                "tenant" => Some("tenant_id, ".into()),
                _ => None,
            },
        );
        assert_eq!(
            filled,
            "BIGINT PRIMARY KEY, '{}' , '{\"a\": 1}', tenant_id, x, {unknown}"
        );
    }
}
