//! Answers files of earlier question sets, rewritten onto today's questions with the
//! knowledge base's `upgrades` (`dbadvise answers upgrade FILE`). Pure: text in, answers
//! and what changed out.

use std::collections::BTreeMap;

use super::answers::{raw_answers, Answers, AnswersError};
use crate::kb::{AnswerValue, KnowledgeBase, QuestionKind, Upgrade};

/// An upgraded answers file: the answers, what was rewritten, and what could not be.
#[derive(Debug, Clone, Default)]
pub struct Upgraded {
    pub answers: Answers,
    /// "data-shape: relational → data-kinds: [records]"
    pub changes: Vec<String>,
    /// Old answers with no clear equivalent: the user answers the new questions.
    pub unresolved: Vec<String>,
}

/// The upgrade rule for an old question and option, if the knowledge base has one.
pub fn rule_for<'kb>(
    kb: &'kb KnowledgeBase,
    question: &str,
    option: Option<&str>,
) -> Option<&'kb Upgrade> {
    kb.upgrades
        .iter()
        .find(|u| u.question == question && option.is_none_or(|o| u.options.contains_key(o)))
}

/// What to tell a user whose answers file names an old question (or an old option).
pub fn hint(kb: &KnowledgeBase, question: &str, option: Option<&str>) -> Option<String> {
    let rule = rule_for(kb, question, option)?;
    let what = match option {
        Some(o) => format!("option `{o}` of `{question}`"),
        None => format!("question `{question}`"),
    };
    let to = if rule.to.is_empty() {
        String::new()
    } else {
        let ids: Vec<String> = rule.to.iter().map(|t| format!("`{t}`")).collect();
        format!(" was replaced by {}", ids.join(", "))
    };
    let to = if to.is_empty() {
        " changed".to_string()
    } else {
        to
    };
    Some(format!(
        "{what}{to}: {} Run `dbadvise answers upgrade FILE` to rewrite the file.",
        rule.note.trim()
    ))
}

/// Rewrites an answers file onto today's questions. Answers the file already gives in
/// today's terms win over those derived from old ones; several-choice answers are joined.
pub fn upgrade(kb: &KnowledgeBase, file: &str, text: &str) -> Result<Upgraded, AnswersError> {
    let raw = raw_answers(file, text)?;
    let mut out = Upgraded {
        answers: Answers {
            project: raw.project,
            deciders: raw.deciders,
            values: BTreeMap::new(),
            reviewed: raw.reviewed,
        },
        ..Upgraded::default()
    };
    let mut derived: Vec<(String, AnswerValue)> = Vec::new();
    for (qid, values) in raw.values {
        let current = kb.question(&qid);
        let mut kept: Vec<String> = Vec::new();
        for value in &values {
            match rule_for(kb, &qid, Some(value)).map(|r| &r.options[value.as_str()]) {
                Some(Some(new)) => {
                    let parts: Vec<String> = new
                        .iter()
                        .map(|(q, v)| format!("{q}: {}", shown(v)))
                        .collect();
                    let to = if parts.is_empty() {
                        "nothing (no longer asked)".to_string()
                    } else {
                        parts.join(", ")
                    };
                    out.changes.push(format!("{qid}: {value} → {to}"));
                    derived.extend(new.iter().map(|(q, v)| (q.clone(), v.clone())));
                }
                Some(None) => {
                    let to = rule_for(kb, &qid, None)
                        .map(|r| r.to.join(", "))
                        .unwrap_or_default();
                    out.unresolved.push(format!(
                        "{qid}: `{value}` has no clear equivalent; answer {to} yourself"
                    ));
                }
                None if current.is_some() => kept.push(value.clone()),
                None => out.unresolved.push(format!(
                    "{qid}: no longer asked, and no rule says what `{value}` becomes"
                )),
            }
        }
        if let (Some(q), false) = (current, kept.is_empty()) {
            let value = match q.kind {
                QuestionKind::Many => AnswerValue::Many(kept),
                _ => AnswerValue::One(kept.join(" ")),
            };
            out.answers.set(&qid, value);
        }
    }
    for (qid, value) in derived {
        let Some(q) = kb.question(&qid) else { continue };
        match (q.kind, out.answers.values.get_mut(&qid)) {
            (QuestionKind::Many, Some(AnswerValue::Many(list))) => {
                let mut ticked = list.clone();
                ticked.extend(value.iter().map(str::to_string));
                // In the question's own order, as the interview records it.
                out.answers.set(&qid, q.ticked(&ticked));
            }
            (QuestionKind::Many, None) => {
                let ticked: Vec<String> = value.iter().map(str::to_string).collect();
                out.answers.set(&qid, q.ticked(&ticked));
            }
            (_, Some(_)) => {}
            (_, None) => out.answers.set(&qid, value),
        }
    }
    Ok(out)
}

fn shown(value: &AnswerValue) -> String {
    match value {
        AnswerValue::One(v) => v.clone(),
        AnswerValue::Many(vs) => format!("[{}]", vs.join(", ")),
    }
}
