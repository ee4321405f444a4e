//! The Context's account of the review the answers began from (`review --answers-out`):
//! what was read, and the findings that bear on the answers given.

use serde::Serialize;

use crate::engine::Answers;
use crate::kb::{AnswerValue, KnowledgeBase};

/// The existing system's review, in the Context: what was read, and the findings that
/// bear on the questions this decision answered.
#[derive(Debug, Clone, Serialize)]
pub struct RecordReview {
    /// The file, directory or database reviewed.
    pub source: String,
    /// The engine's name.
    pub engine: String,
    /// "2 errors, 1 warning, 0 notes".
    pub counts: String,
    pub findings: Vec<RecordFinding>,
    /// Findings that bear on the decision beyond those listed.
    pub more: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordFinding {
    /// The review rule's id (one of the knowledge base's) and its title.
    pub rule: String,
    pub title: String,
    pub severity: String,
    pub count: usize,
    /// The first few places, and how many more there are.
    pub at: Vec<String>,
    pub more: usize,
}

/// Findings of the review a record lists; the rest are counted.
const REVIEW_FINDINGS_SHOWN: usize = 8;

/// The review the answers began from, and its findings that bear on a question the
/// answers set (the rule's `bears_on`), most severe first as the review kept them.
pub fn reviewed(kb: &KnowledgeBase, answers: &Answers) -> Option<RecordReview> {
    let reviewed = answers.reviewed.as_ref()?;
    let engine = kb
        .engine(&reviewed.engine)
        .map(|e| e.name.to_string())
        .unwrap_or_else(|| reviewed.engine.clone());
    let counts = [
        (reviewed.errors, "error", "errors"),
        (reviewed.warnings, "warning", "warnings"),
        (reviewed.notes, "note", "notes"),
    ]
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .join(", ");
    let bearing: Vec<RecordFinding> = reviewed
        .findings
        .iter()
        .filter_map(|f| {
            let rule = kb.review_rules.iter().find(|r| r.id.as_str() == f.rule)?;
            let gives = |(question, option): (&str, Option<&str>)| match answers.get(question) {
                Some(AnswerValue::One(given)) => option.is_none_or(|o| o == given),
                Some(AnswerValue::Many(given)) => match option {
                    Some(o) => given.iter().any(|g| g == o),
                    None => !given.is_empty(),
                },
                None => false,
            };
            rule.bearing().any(gives).then(|| RecordFinding {
                rule: rule.id.to_string(),
                title: rule.title.clone(),
                severity: f.severity.clone(),
                count: f.count,
                more: f.count.saturating_sub(f.at.len()),
                at: f.at.clone(),
            })
        })
        .collect();
    Some(RecordReview {
        source: reviewed.source.clone(),
        engine,
        counts,
        more: bearing.len().saturating_sub(REVIEW_FINDINGS_SHOWN),
        findings: bearing.into_iter().take(REVIEW_FINDINGS_SHOWN).collect(),
    })
}
