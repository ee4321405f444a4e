//! The pure engine: answers in, the next question, progress and `Advice` out. Nothing
//! here touches a terminal or a file.

pub mod advise;
pub mod answers;
pub mod coherence;
pub mod diff;
pub mod domain;
pub mod effects;
mod needs;
pub mod rank;
pub mod reasons;
mod reviewed;
pub mod schema;
pub mod select;
pub mod sensitivity;
mod turn;
pub mod upgrade;
pub mod walk;

pub use advise::{advise, Advice, Component, Decision, PatternAdvice, SnippetAdvice, DOMAIN_TRACE};
pub use answers::{parse_answers, parse_what_if, Answers, AnswersError};
pub use diff::{diff, AdviceDiff};
pub use domain::DomainSchema;
pub use schema::{starter_schema, StarterSchema};
pub use sensitivity::{sensitivity, AnswerChange, Sensitivity};
pub use walk::{walk, Because, Walk};

use crate::kb::{AnswerValue, KnowledgeBase, Question, QuestionKind};

/// The answer `--defaults` gives a question: its documented default, else its first
/// option (or nothing at all for a several-choice question, or empty text).
pub fn default_answer(question: &Question) -> AnswerValue {
    if let Some(default) = &question.default {
        return default.clone();
    }
    match question.kind {
        QuestionKind::One => AnswerValue::One(
            question
                .options
                .first()
                .map(|o| o.id.to_string())
                .unwrap_or_default(),
        ),
        QuestionKind::Many => AnswerValue::Many(vec![]),
        QuestionKind::Text => AnswerValue::One(String::new()),
    }
}

/// `advise`, and for complete advice also the answers it hangs on (`Advice::sensitivity`,
/// which runs the engine once per alternative answer), and the coherence rules it
/// breaks (none, unless an overlay or a new item broke one): what a front end shows.
pub fn advise_with_sensitivity(kb: &KnowledgeBase, answers: &Answers) -> Advice {
    let mut advice = advise(kb, answers);
    if advice.complete {
        advice.sensitivity = sensitivity(kb, answers);
    }
    advice.incoherent = coherence::broken(kb, answers, &advice);
    advice
}

/// The advice for answers with `--defaults` semantics: the questions they leave open
/// are answered with their defaults, and `defaulted` names them.
pub fn advise_with_defaults(kb: &KnowledgeBase, answers: &Answers) -> Advice {
    let (filled, defaulted, walked) = walk_with_defaults(kb, answers);
    let mut advice = advise::advise_walked(kb, &filled, walked);
    advice.defaulted = defaulted;
    advice
}

/// Fills every question the walk still needs with its default, in walk order, and
/// says which ones were filled.
pub fn with_defaults(kb: &KnowledgeBase, answers: &Answers) -> (Answers, Vec<String>) {
    let (filled, defaulted, _) = walk_with_defaults(kb, answers);
    (filled, defaulted)
}

/// `with_defaults`, and the walk of the filled answers: its last round's, which the
/// advice on them reads instead of walking them again.
pub fn walk_with_defaults<'kb>(
    kb: &'kb KnowledgeBase,
    answers: &Answers,
) -> (Answers, Vec<String>, Walk<'kb>) {
    let mut filled = answers.clone();
    let mut defaulted = Vec::new();
    // Each round answers at least one question, so this ends within |questions| rounds.
    for _ in 0..=kb.questions.len() {
        let walked = walk(kb, &filled);
        if walked.pending.is_empty() {
            return (filled, defaulted, walked);
        }
        let pending: Vec<String> = walked.pending.iter().map(|q| q.to_string()).collect();
        for qid in pending {
            if let Some(q) = kb.question(&qid) {
                filled.set(&qid, default_answer(q));
                defaulted.push(qid);
            }
        }
    }
    let walked = walk(kb, &filled);
    (filled, defaulted, walked)
}

/// Where the interview stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Questions answered on the current path.
    pub answered: usize,
    /// About how many remain, assuming the defaults for what is not answered yet.
    pub remaining: usize,
}

impl Progress {
    /// "step N of about M" for the question being asked now.
    pub fn step(&self) -> (usize, usize) {
        (self.answered + 1, self.answered + self.remaining)
    }
}

pub fn progress(kb: &KnowledgeBase, answers: &Answers) -> Progress {
    let answered = walk(kb, answers).asked.len();
    let (_, defaulted) = with_defaults(kb, answers);
    Progress {
        answered,
        remaining: defaulted.len(),
    }
}
