//! Why the engine chose as it did, as data: how an engine compares with the chosen one,
//! why one was eliminated, why a store serves its role, what no engine serves. The
//! engine returns these, not sentences: `report::words` words them (and serializes them
//! as their words), for the record, the JSON report, the TUI and plain mode alike. The
//! answers behind a reason are `Because` pairs, made here from a condition or an option.

use std::collections::BTreeMap;

use super::rank::Enough;
use super::walk::Because;
use crate::kb::{AnswerValue, Condition, KnowledgeBase, Rating, Text};

/// Why an engine was eliminated: the requirement it fails, the answers behind it, and
/// what it lacks.
#[derive(Debug, Clone)]
pub struct Elimination {
    /// The requirement, as its label: "multi-row transactions".
    pub need: Text,
    /// The answers that raised it, in walk order.
    pub because: Vec<Because>,
    /// The eliminated engine's name.
    pub engine: Text,
    pub lack: Lack,
}

#[derive(Debug, Clone)]
pub enum Lack {
    /// The requirement is an engine the answers favour (the team's), and this is not it.
    NotFavoured,
    /// It lacks the capability, and the catalog says why.
    Why(Text),
    /// It lacks the capability; the catalog says no more.
    Unsaid,
}

/// How an engine compares with the chosen one on a criterion or a need.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub verdict: Verdict,
    pub on: Compared,
    /// The chosen engine's name.
    pub chosen: Text,
    /// What the criterion (or need) weighs …
    pub weight: i32,
    /// … and the answers that raised it: none when only the knowledge base weighs it.
    pub raised_by: Vec<(Text, Text)>,
}

#[derive(Debug, Clone)]
pub enum Verdict {
    /// A point for it.
    Better,
    /// A point against it.
    Worse,
    /// Rated better where the answers need no more than both have: a point neither way,
    /// said so that a rating the ranking did not count is not taken for one it forgot.
    Beyond(Enough),
}

#[derive(Debug, Clone)]
pub enum Compared {
    /// A criterion, as its label in lower case, and the two ratings.
    Rating {
        criterion: Text,
        theirs: Rating,
        mine: Rating,
    },
    /// A criterion an engine meets or not (the team runs it, a capability, already in
    /// the stack), as its label in lower case, and whether this engine meets it (the
    /// chosen one does the opposite).
    Has { criterion: Text, theirs: bool },
    /// A need of the stack (its label), and whether this engine serves it itself (the
    /// chosen one does the opposite).
    Serves { need: Text, theirs: bool },
}

/// An engine that scores the same as the chosen one, and what put the chosen one first.
#[derive(Debug, Clone)]
pub struct Tie {
    /// The chosen engine's name.
    pub with: Text,
    /// The score both have.
    pub score: u32,
    /// The chosen one serves more of the stack's needs itself (fewer stores to run);
    /// otherwise the catalog's order put it first.
    pub chosen_serves_more: bool,
    /// Each is better on some criterion and the points weigh the same; otherwise they
    /// are rated alike on everything weighed.
    pub offsetting: bool,
}

/// Why a store serves its role.
#[derive(Debug, Clone)]
pub enum StoreReason {
    /// The knowledge base's words: what the engine is best for, or why each need of the
    /// role wants it (sessions, and leaderboards, in one store beside the primary).
    Text(Vec<Text>),
    /// The primary store (its name) serves the role's needs itself, named by the first
    /// one's label: a primary's own data and a need beside it often say the same in
    /// other words (time-series storage, and the measurements kept by time).
    ServesItself { engine: Text, need: Text },
}

impl StoreReason {
    /// The knowledge base's texts in it, the reasons or the need's label: what the
    /// coherence rules read for a word the stack does not understand.
    pub fn kb_texts(&self) -> &[Text] {
        match self {
            StoreReason::Text(texts) => texts,
            StoreReason::ServesItself { need, .. } => std::slice::from_ref(need),
        }
    }
}

/// What no engine serves.
#[derive(Debug, Clone)]
pub enum Unserved {
    /// No engine can be the primary store under every requirement.
    Primary,
    /// The needs of a role beside the primary, as their labels.
    Needs(Vec<Text>),
}

/// The answers that made a condition hold: the pairs of its first map that holds, each
/// naming only the options the condition lists, in the map's (alphabetical) order.
pub fn condition_because<'a>(
    kb: &KnowledgeBase,
    condition: &Condition,
    answer: impl Fn(&str) -> Option<&'a AnswerValue>,
) -> Vec<Because> {
    let holds_map = |m: &BTreeMap<String, AnswerValue>| {
        m.iter()
            .all(|(q, listed)| answer(q).is_some_and(|given| given.iter().any(|v| listed.has(v))))
    };
    let Some(map) = condition.maps().iter().find(|m| holds_map(m)) else {
        return vec![];
    };
    let mut out = Vec::new();
    for (qid, listed) in map {
        let Some(given) = answer(qid) else { continue };
        for option in given.iter().filter(|o| listed.has(o)) {
            out.push(option_because(kb, qid, option));
        }
    }
    out
}

/// `because` put in walk order (`asked`).
pub(super) fn in_walk_order(mut because: Vec<Because>, asked: &[&str]) -> Vec<Because> {
    because.sort_by_cached_key(|b| asked.iter().position(|q| *q == b.question.as_str()));
    because
}

/// One (question, option) pair as a reason.
pub(super) fn option_because(kb: &KnowledgeBase, question: &str, option: &str) -> Because {
    let label = kb
        .question(question)
        .and_then(|q| q.choice(option))
        .map_or_else(|| option.into(), |c| c.label.clone());
    Because {
        question: question.into(),
        answer: option.into(),
        label,
    }
}
