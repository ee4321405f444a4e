//! The starter schema: the primary store's schema from the knowledge base
//! (`knowledge/schema/`), assembled part by part from the answers. Every item whose
//! condition holds is kept, in the order the knowledge base lists it, with its `why` as
//! the comment above it; the kept items with a `when` are listed as tailored.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::Serialize;

use super::answers::Answers;
use crate::kb::{
    substitute_into, wrap_comment, AnswerValue, Condition, Engine, KnowledgeBase, Reason, Schema,
    SchemaPiece, Text,
};

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
    pub tailored: Vec<Text>,
    /// Whether these are the tables of the advice's `domain` (the dialect can write its
    /// model), rather than the generic ones.
    pub holds_domain: bool,
}

/// Whether the answers meet a condition: every question of one of its maps is answered
/// with one of the options listed for it.
pub fn holds(condition: &Condition, answers: &Answers) -> bool {
    holds_by(condition, |q| answers.get(q))
}

/// `holds`, with the answers read through `answer` (the walk reads only the questions
/// asked so far).
pub fn holds_by<'a>(
    condition: &Condition,
    answer: impl Fn(&str) -> Option<&'a AnswerValue>,
) -> bool {
    condition.maps().iter().any(|map| {
        map.iter().all(|(question, options)| {
            answer(question).is_some_and(|given| given.iter().any(|v| options.has(v)))
        })
    })
}

/// An engine's name under these answers: "Amazon S3" on AWS, its own name elsewhere.
pub fn name_of(engine: &Engine, answers: &Answers) -> Text {
    let named = engine.named.iter().find(|n| holds(&n.when, answers));
    named.map_or_else(|| engine.name.clone(), |n| n.name.clone())
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
    stores: &super::domain::Stores,
) -> Option<StarterSchema> {
    let primary_engine = stores.tables.as_str();
    let schema = kb.schema_for(primary_engine)?;
    let name = kb
        .engine(primary_engine)
        .map_or_else(|| primary_engine.to_string(), |e| e.name.to_string());
    if let Some((sql, tailored)) =
        super::domain::domain_schema(kb, answers, schema, (stores, &name))
    {
        return Some(StarterSchema {
            engine: primary_engine.to_string(),
            name,
            dialect: schema.dialect.clone(),
            schema: schema.id.clone(),
            sql,
            tailored,
            holds_domain: true,
        });
    }
    let answers = &tables_answers(answers, stores);
    let (sql, tailored) = assemble(schema, answers, answers.project.as_deref(), &name);
    Some(StarterSchema {
        engine: primary_engine.to_string(),
        name,
        dialect: schema.dialect.clone(),
        schema: schema.id.clone(),
        sql,
        tailored,
        holds_domain: false,
    })
}

/// The answers the tables are written for: where a search engine beside the primary
/// serves the word search, the tables index no text of their own (the index plan says
/// the primary keeps none).
fn tables_answers<'a>(answers: &'a Answers, stores: &super::domain::Stores) -> Cow<'a, Answers> {
    if !stores.searched_beside {
        return Cow::Borrowed(answers);
    }
    let mut tables = answers.clone();
    for (question, searched) in super::domain::WORD_SEARCH {
        if let Some(AnswerValue::Many(given)) = tables.values.get_mut(question) {
            given.retain(|v| v != searched);
        }
    }
    Cow::Owned(tables)
}

/// The script and the tailored reasons.
fn assemble(
    schema: &Schema,
    answers: &Answers,
    project: Option<&str>,
    engine_name: &str,
) -> (String, Vec<Text>) {
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
    // Writes `sql` with its placeholders filled (`{table}` by `table`) at the end of `out`.
    let fill = |out: &mut String, sql: &str, table: Option<&str>| {
        substitute_into(out, sql, |name| match (name, table) {
            ("table", Some(t)) => Some(t),
            _ => {
                let (&known, chosen) = vars.get_key_value(name)?;
                let mut used = used.borrow_mut();
                if !used.contains(&known) {
                    used.push(known);
                }
                Some(chosen.map_or("", |a| a.sql.as_str()))
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
                fill(&mut body.text, sql.trim_end(), None);
                body.text.push('\n');
            } else {
                for table in part
                    .for_tables
                    .iter()
                    .filter(|t| kept_tables.contains(&t.as_str()))
                {
                    fill(&mut body.text, sql.trim_end(), Some(table));
                    body.text.push('\n');
                }
            }
            continue;
        }
        let Some(table) = &part.table else { continue };
        body.line(&format!("CREATE TABLE {table} ("));
        // The entries (columns, then constraints), each under its comment, separated by
        // commas.
        let columns: Vec<_> = part
            .columns
            .iter()
            .filter(|c| keep(&c.when, &c.unless))
            .collect();
        let width = columns.iter().map(|c| c.name.len()).max().unwrap_or(0);
        let mut first = true;
        let mut next_entry = |body: &mut Script| {
            if !std::mem::take(&mut first) {
                body.text.push_str(",\n");
            }
        };
        let mut kind = String::new();
        for c in &columns {
            next_entry(&mut body);
            body.reason("  ", &c.why, c.when.is_some());
            body.text.push_str("  ");
            body.text.push_str(&c.name);
            body.text
                .extend(std::iter::repeat_n(' ', width - c.name.len() + 1));
            kind.clear();
            fill(&mut kind, c.kind.trim(), None);
            // A type written on several lines continues under its first line.
            for (n, line) in kind.lines().enumerate() {
                if n > 0 {
                    body.text.push('\n');
                    body.text.extend(std::iter::repeat_n(' ', width + 3));
                }
                body.text.push_str(line);
            }
        }
        for piece in part.constraints.iter().filter(|p| keep(&p.when, &p.unless)) {
            next_entry(&mut body);
            body.why("  ", piece);
            kind.clear();
            fill(&mut kind, piece.sql.trim(), None);
            for (n, line) in kind.lines().enumerate() {
                if n > 0 {
                    body.text.push('\n');
                }
                body.text.push_str("  ");
                body.text.push_str(line);
            }
        }
        body.text.push('\n');
        // Options without a why follow the closing parenthesis; one with a why starts a
        // line of its own, under its comment.
        let mut close = String::from(")");
        for option in part.options.iter().filter(|p| keep(&p.when, &p.unless)) {
            let mut sql = String::new();
            fill(&mut sql, option.sql.trim(), None);
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
            fill(&mut body.text, statement.sql.trim_end(), None);
            body.text.push('\n');
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
        out.comment("", schema.header.lines());
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
    let mut tailored: Vec<Text> = Vec::new();
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
    tailored: Vec<Text>,
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
        self.comment(indent, why.lines());
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
    use crate::kb::{substitute, AnswerValue};

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
                "key" => Some("BIGINT"),
                "tenant" => Some("tenant_id, "),
                _ => None,
            },
        );
        assert_eq!(
            filled,
            "BIGINT PRIMARY KEY, '{}' , '{\"a\": 1}', tenant_id, x, {unknown}"
        );
    }
}
