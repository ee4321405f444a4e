//! The words of the advice, in one place: the record, the TUI and plain mode say the
//! answers behind an item, and what no engine serves, through the functions here.

use crate::engine::Because;
use crate::kb::{KnowledgeBase, QuestionKind};

/// What the advice says of a need no engine serves, in the record and in the interview.
pub fn unmet_sentence(need: &str) -> String {
    format!("Unmet: {need}; no engine that meets the other requirements serves it.")
}

/// "because" as one line per answer: the question, then the answer (free-text answers,
/// which decide nothing, are left out).
pub fn because_lines(kb: &KnowledgeBase, because: &[Because]) -> Vec<String> {
    because
        .iter()
        .filter_map(|b| {
            let q = kb.question(&b.question)?;
            (q.kind != QuestionKind::Text).then(|| format!("{} → {}", q.prompt.trim(), b.label))
        })
        .collect()
}

/// "Because you answered …" in words: prompt → answer label.
pub fn because_text(kb: &KnowledgeBase, because: &[Because]) -> String {
    let parts: Vec<String> = because
        .iter()
        .filter(|b| {
            kb.question(&b.question)
                .is_some_and(|q| q.kind != QuestionKind::Text)
        })
        .map(|b| {
            let prompt = kb
                .question(&b.question)
                .map(|q| q.prompt.trim().trim_end_matches('?').to_string())
                .unwrap_or_else(|| b.question.to_string());
            format!("{prompt}: {}", b.label)
        })
        .collect();
    parts.join("; ")
}

pub(super) fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Starts a clause after "because": lower-cases an ordinary first word, keeps names.
pub(super) fn clause(kb: &KnowledgeBase, text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let first = text.split_whitespace().next().unwrap_or("");
    let ordinary = first
        .chars()
        .skip(1)
        .all(|c| c.is_lowercase() || !c.is_alphabetic());
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if ordinary && c.is_uppercase() && !is_name(kb, first) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// Whether the catalog or the patterns write `word` capitalised inside a sentence (Cypher, Atlas,
/// Google): a name, which keeps its capital after "because".
fn is_name(kb: &KnowledgeBase, word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    if word.chars().count() < 2 {
        return false; // "A" is an article
    }
    let inside = |text: &str| {
        text.match_indices(word).any(|(i, _)| {
            let before = &text[..i];
            let after = text[i + word.len()..].chars().next();
            before.ends_with(' ')
                && !before.trim_end().ends_with(['.', ':', ';'])
                && !before.trim_end().is_empty()
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
    };
    kb.engines.iter().any(|e| {
        e.name.split_whitespace().any(|w| w == word)
            || inside(&e.best_for)
            || e.strengths.iter().chain(&e.weaknesses).any(|t| inside(t))
    }) || kb
        .patterns
        .iter()
        .any(|p| inside(&p.summary) || inside(&p.why))
}
