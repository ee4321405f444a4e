//! Why the engine chose as it did, as data: how an engine compares with the chosen one,
//! why one was eliminated, why a store serves its role, what no engine serves. The
//! engine returns these, not sentences: `report::words` words them (and serializes them
//! as their words), for the record, the JSON report, the TUI and plain mode alike.

use super::rank::Enough;
use super::walk::Because;
use crate::kb::{Rating, Text};

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
    /// otherwise nothing in the answers orders them, and the catalog's order did.
    pub chosen_serves_more: bool,
}

/// Why a store serves its role.
#[derive(Debug, Clone)]
pub enum StoreReason {
    /// The knowledge base's words: what the engine is best for, or why the need wants it.
    Text(Text),
    /// The primary store (its name) serves a need (its label) itself.
    ServesItself { engine: Text, need: Text },
}

impl StoreReason {
    /// The knowledge base's text in it, the reason or the need's label: what the
    /// coherence rules read for a word the stack does not understand.
    pub fn kb_text(&self) -> &Text {
        match self {
            StoreReason::Text(text) => text,
            StoreReason::ServesItself { need, .. } => need,
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
