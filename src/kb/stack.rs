//! The knowledge the stack's ranking reads (see `knowledge/README.md`, "Choosing the
//! stores"): what engines can do (capabilities), and what the answers need of the stack.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{AnswerValue, Condition, Text};

/// Something an engine can do, checked as a fact: "multi-row transactions".
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    pub id: Text,
    /// In the middle of a sentence: "needs multi-row transactions".
    pub label: Text,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// What a need asks of the stack when its condition holds.
///
/// - With a `role`, some store must serve it: the primary when it has one of the
///   capabilities and takes the role, else the best-ranked engine beside it.
/// - Without one, it is a requirement: the primary store (or with `every_store`, every
///   store) must have one of the capabilities, and an engine without is eliminated.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub id: Text,
    /// In the middle of a sentence: "relevance-tuned search over the catalogue".
    pub label: Text,
    #[serde(default)]
    pub role: Option<Text>,
    /// A requirement that also applies to the stores beside the primary.
    #[serde(default)]
    pub every_store: bool,
    pub when: Condition,
    #[serde(default)]
    pub unless: Option<Condition>,
    /// Capabilities, any one of which serves the need.
    #[serde(default)]
    pub served_by: Vec<Text>,
    /// A requirement met only by the engines that the answers favour on this criterion
    /// (options' `favours`): the database the team keeps, say.
    #[serde(default)]
    pub favoured_by: Option<Text>,
    /// For a role: how much a primary store that serves it itself gains in the ranking
    /// (criteria `from: needs`).
    #[serde(default = "one")]
    pub weight: i32,
    /// For a role: criteria that weigh more when ranking the engines for it.
    #[serde(default)]
    pub weights: BTreeMap<Text, i32>,
    /// The kind of data the system mainly keeps: its `weights` weigh the ranking of the
    /// primary store too.
    #[serde(default)]
    pub main: bool,
    /// For a role whose work runs on a store of its own (reports on a copy): answers, per
    /// question, whose weights rank the stores of the role rather than the primary.
    #[serde(default)]
    pub carries: BTreeMap<Text, Vec<Text>>,
    /// For a role: its work runs on a store of its own, never on the primary, even a
    /// primary that could serve it (reports on a copy of the devices' sync store).
    #[serde(default)]
    pub beside: bool,
    /// For a role: a store beside the primary that serves it keeps the stream's rows
    /// (the readings), not a copy of them, so the domain's entities of that stream
    /// (`stream:` in a model) leave the primary's tables.
    #[serde(default)]
    pub holds_stream: bool,
    /// Why a store beside the primary serves it, when the primary cannot.
    #[serde(default)]
    pub reason: Text,
    /// What that store costs to run.
    #[serde(default)]
    pub cost: Text,
    #[serde(default)]
    pub source: Option<String>,
}

fn one() -> i32 {
    1
}

/// Where a criterion's ratings come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CriterionSource {
    /// Each engine's `ratings` in the catalog.
    #[default]
    Catalog,
    /// The answers: an option's `favours` names the engines rated outstanding; the
    /// others are rated no. It counts only when an answer weighs it.
    Answers,
    /// One row per need of the stack: whether the engine serves that need itself (fewer
    /// stores to run), weighing the need's `weight` plus what answers add to this one.
    Needs,
    /// Whether the engine has the criterion's `capability`. It counts only when an
    /// answer weighs it.
    Capability,
    /// Whether the engine is already in the stack, for the stores beside the primary.
    Stack,
}

/// How an answer of an earlier question set maps onto today's questions
/// (`knowledge/upgrades.yaml`, `dbadvise answers upgrade`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Upgrade {
    /// The old question id (it may still exist, with some options renamed).
    pub question: Text,
    /// The questions that replaced it, when it is gone.
    #[serde(default)]
    pub to: Vec<Text>,
    /// What changed, in a sentence for the user.
    #[serde(default)]
    pub note: String,
    /// Old option → the new answers it stands for; None where no equivalent is clear.
    pub options: BTreeMap<String, Option<BTreeMap<String, AnswerValue>>>,
}

/// The branch of an `engine` node taken when the primary store serves the role itself.
pub const BY_PRIMARY: &str = "primary";
/// The branch of an `engine` node taken when a store beside the primary serves the role,
/// whichever engine it is: what the primary's own advice leaves to that store.
pub const BESIDE: &str = "beside";
