//! What a review saw that answers interview questions: the facts `review --answers-out`
//! reads from a schema. The knowledge base (`review_answers:` in `knowledge/review/`)
//! says which answer each fact gives and why; a fact only finds, as a detector does.

use super::detectors::is_number;
use super::names::{fits_any, is_key, sql_ident};
use super::parse::Dialect;
use super::queries::{ColumnUse, Use};
use super::schema::{Column, ReviewedSchema, Table};
use std::collections::BTreeMap;

use super::Review;
use crate::engine::answers::{to_yaml_with_notes, Answers, Reviewed, ReviewedFinding};
use crate::kb::{AnswerValue, KnowledgeBase, QuestionKind, ReviewAnswer, Severity};

// Which facts there are, and what each reads and fills, is what the knowledge base may
// name: `kb::review_terms` holds that table, and the checker with it.
pub use crate::kb::review_terms::{fact, Fact, FACTS};

/// One answer the review gives: the question, its value, and why (the `because`, filled).
#[derive(Debug, Clone, PartialEq)]
pub struct SeenAnswer {
    pub question: String,
    pub value: AnswerValue,
    pub because: Vec<String>,
}

/// The answers the knowledge base draws from what the schema holds, in the order the
/// knowledge base lists them. A several-choice question collects the options of every
/// answer that gives it; a one-choice question keeps the first.
pub fn answers(
    kb: &KnowledgeBase,
    schema: &ReviewedSchema,
    uses: &[ColumnUse],
    dialect: Dialect,
) -> Vec<SeenAnswer> {
    let engine = kb.engine(dialect.engine());
    let mut out: Vec<SeenAnswer> = Vec::new();
    for answer in &kb.review_answers {
        let applies = answer.engines.is_empty()
            || engine.is_some_and(|e| kb.engine_is_one_of(e, &answer.engines));
        if !applies {
            continue;
        }
        let Some(fills) = sees(answer, schema, uses, dialect, kb) else {
            continue;
        };
        let because = super::fill(&answer.because, &fills);
        for (question, options) in &answer.answers {
            let Some(q) = kb.question(question) else {
                continue;
            };
            match out.iter_mut().find(|a| &a.question == question) {
                Some(known) => {
                    if let AnswerValue::Many(had) = &mut known.value {
                        let new: Vec<&String> =
                            options.iter().filter(|o| !had.contains(o)).collect();
                        if !new.is_empty() {
                            had.extend(new.into_iter().cloned());
                            known.because.push(because.clone());
                        }
                    }
                }
                None => out.push(SeenAnswer {
                    question: question.clone(),
                    value: match q.kind {
                        QuestionKind::Many => AnswerValue::Many(options.clone()),
                        _ => AnswerValue::One(options.first().cloned().unwrap_or_default()),
                    },
                    because: vec![because.clone()],
                }),
            }
        }
    }
    out
}

/// The fact's placeholders when the schema shows it, `None` when it does not.
fn sees(
    answer: &ReviewAnswer,
    schema: &ReviewedSchema,
    uses: &[ColumnUse],
    dialect: Dialect,
    kb: &KnowledgeBase,
) -> Option<Vec<(&'static str, String)>> {
    let tables: Vec<&Table> = schema
        .tables_in_order()
        .into_iter()
        .filter(|t| !t.partition)
        .collect();
    let columns_where = |found: &dyn Fn(&Column) -> bool| -> Vec<String> {
        let mut out = Vec::new();
        for table in &tables {
            for column in table.columns.iter().filter(|c| found(c)) {
                out.push(format!(
                    "{}.{}",
                    table.name,
                    sql_ident(&column.name, dialect)
                ));
            }
        }
        out
    };
    let found = match answer.sees.as_str() {
        "engine" => {
            let name = kb
                .engine(dialect.engine())
                .map(|e| e.name.to_string())
                .unwrap_or_else(|| dialect.engine().to_string());
            return Some(vec![("engine", name)]);
        }
        "tenant-column" => return tenant_column(answer, &tables, dialect),
        "money-columns" => {
            let money = answer.names("money_columns");
            columns_where(&|c| {
                is_number(&c.type_text) && fits_any(money, &c.name) && !is_key(&c.name)
            })
        }
        "json-columns" => columns_where(&|c| c.type_text == "json" || c.type_text == "jsonb"),
        "geo-columns" => columns_where(&|c| {
            ["geometry", "geography", "point", "polygon", "multipolygon"]
                .iter()
                .any(|t| c.type_text.starts_with(t))
        }),
        "vector-columns" => columns_where(&|c| c.type_text.starts_with("vector")),
        "text-search" => {
            let mut found = columns_where(&|c| c.type_text == "tsvector");
            for table in &tables {
                for index in &table.indexes {
                    let trigram = index.shown.iter().any(|s| s.contains("trgm_ops"));
                    if index.method == "fulltext" || trigram {
                        found.push(format!("{} ({})", table.name, index.shown.join(", ")));
                    }
                }
            }
            found
        }
        "substring-queries" => searched(uses, dialect, |u| *u == Use::Substring),
        "json-queries" => searched(uses, dialect, |u| u != &Use::Substring),
        "foreign-keys" => tables
            .iter()
            .filter(|t| !t.foreign_keys.is_empty())
            .map(|t| t.name.clone())
            .collect(),
        _ => return None,
    };
    let noun = if answer.sees == "foreign-keys" {
        "table"
    } else {
        "column"
    };
    (!found.is_empty()).then(|| counted(&found, noun))
}

/// How many were found, as `tables` or `columns` ("1 table", "3 tables"), and up to
/// three `examples`.
fn counted(found: &[String], noun: &str) -> Vec<(&'static str, String)> {
    let mut examples = found.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if found.len() > 3 {
        examples.push_str(&format!(" and {} more", found.len() - 3));
    }
    let n = found.len();
    let count = format!("{n} {noun}{}", if n == 1 { "" } else { "s" });
    let fill = if noun == "table" { "tables" } else { "columns" };
    vec![(fill, count), ("examples", examples)]
}

/// The tenant column shared by enough tables to call the schema multi-tenant: one table
/// with an account column is a bank, not a shared schema.
fn tenant_column(
    answer: &ReviewAnswer,
    tables: &[&Table],
    dialect: Dialect,
) -> Option<Vec<(&'static str, String)>> {
    // The tables of a shared schema as the rules see them (keys::tenant_tables), by
    // their tenant column; the column most of them carry must reach the threshold.
    let mut by_column: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column) in super::keys::tenant_tables(answer.names("tenant_columns"), tables) {
        by_column
            .entry(column)
            .or_default()
            .push(table.name.clone());
    }
    let (column, holding) = by_column.into_iter().max_by_key(|(_, t)| t.len())?;
    if holding.len() < 3 || holding.len() * 4 < tables.len() {
        return None;
    }
    let mut fills = counted(&holding, "table");
    fills.push(("column", sql_ident(&column, dialect)));
    Some(fills)
}

/// The answers file `review --answers-out` writes: the answers the schema gives, each
/// with why, and the review itself, whose findings the record names where they bear on
/// the decision (`bears_on`), most severe first.
pub fn answers_file(kb: &KnowledgeBase, review: &Review) -> String {
    let mut answers = Answers::default();
    let mut notes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for seen in &review.answers {
        answers.set(&seen.question, seen.value.clone());
        let why = seen.because.iter().map(|b| format!("from the review: {b}"));
        notes.entry(seen.question.clone()).or_default().extend(why);
    }
    let bears = |rule: &str| {
        review
            .rules
            .iter()
            .any(|r| r.id.as_str() == rule && !r.bears_on.is_empty())
    };
    answers.reviewed = Some(Reviewed {
        source: review.files.join(", "),
        engine: review.dialect.engine().to_string(),
        errors: review.count(Severity::Error),
        warnings: review.count(Severity::Warning),
        notes: review.count(Severity::Note),
        findings: by_rule(review, bears),
    });
    let order: Vec<&str> = kb.questions.iter().map(|q| q.id.as_str()).collect();
    to_yaml_with_notes(kb, &answers, &order, &notes)
}

/// The findings of the rules `keep` names, one entry per rule with its count and first
/// places, in the review's order (most severe first).
fn by_rule(review: &Review, keep: impl Fn(&str) -> bool) -> Vec<ReviewedFinding> {
    let mut out: Vec<ReviewedFinding> = Vec::new();
    for f in review.findings.iter().filter(|f| keep(&f.rule)) {
        let at = match &f.column {
            Some(column) => format!("{}.{column}", f.table),
            None => f.table.clone(),
        };
        match out.iter_mut().find(|r| r.rule == f.rule) {
            Some(known) => {
                known.count += 1;
                if known.at.len() < crate::limits::REVIEWED_PLACES {
                    known.at.push(at);
                }
            }
            None => out.push(ReviewedFinding {
                rule: f.rule.clone(),
                severity: f.severity.as_str().to_string(),
                count: 1,
                at: vec![at],
            }),
        }
    }
    out.truncate(crate::limits::REVIEWED_FINDINGS);
    out
}

/// The columns the queries search as `which` says, once each.
fn searched(uses: &[ColumnUse], dialect: Dialect, which: impl Fn(&Use) -> bool) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for u in uses.iter().filter(|u| which(&u.how)) {
        let column = format!("{}.{}", u.table, sql_ident(&u.column, dialect));
        if !found.contains(&column) {
            found.push(column);
        }
    }
    found
}
