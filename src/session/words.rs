//! Wording both front ends share about an advice.

use crate::engine::Because;
use crate::kb::{KnowledgeBase, QuestionKind};

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
