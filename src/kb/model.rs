//! The knowledge base as it is written in `knowledge/*.yaml`.
//!
//! Every YAML file may hold any of the top-level lists below; the loader concatenates
//! them. Field names here are the field names users write, so `deny_unknown_fields`
//! turns a typo into an error that names it.

use std::collections::BTreeMap;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// One YAML file of the knowledge base.
/// Shared text: the advice points at the knowledge base's text instead of copying it
/// (an `advise` copies hundreds of kilobytes otherwise).
pub use super::applies::{Applies, Check, EXPLAIN_PLACEHOLDER};
pub use super::review_rule::{ReviewAnswer, ReviewRule, Severity};
pub use super::rules::{Rule, RuleItem};
pub use super::schema_parts::*;
pub use super::stack::{Capability, CriterionSource, Need, Upgrade};
pub use super::text::Text;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KbFile {
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub trees: Vec<Tree>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub engines: Vec<Engine>,
    #[serde(default)]
    pub patterns: Vec<Pattern>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub schemas: Vec<Schema>,
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    #[serde(default)]
    pub needs: Vec<Need>,
    #[serde(default)]
    pub upgrades: Vec<Upgrade>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// What `dbadvise review` finds in an existing schema (`knowledge/review/`).
    #[serde(default)]
    pub review_rules: Vec<ReviewRule>,
    /// What `review --answers-out` answers from what it saw (`knowledge/review/`).
    #[serde(default)]
    pub review_answers: Vec<ReviewAnswer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// Exactly one option.
    One,
    /// Any number of options; a tree node on it follows every selected branch.
    Many,
    /// Free text, used in the record's wording; never branched on.
    Text,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Text,
    pub section: String,
    pub prompt: String,
    /// Why the question matters: the help a junior reads.
    pub help: String,
    pub kind: QuestionKind,
    #[serde(default)]
    pub options: Vec<Choice>,
    /// What `--defaults` answers: an option id, a list of them, or text.
    #[serde(default)]
    pub default: Option<AnswerValue>,
    /// A several-choice question that takes at least one option: nothing ticked is not
    /// an answer (a system keeps some kind of data), so the interview asks again and an
    /// answers file with none is refused.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least_one: bool,
    /// Learn-mode topics that explain the question.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Its answers weigh the ranking of every store, not only the primary's: the team,
    /// the platform and the scale matter for a search engine as much as for the
    /// primary; the kinds of data and the rules do not.
    #[serde(default)]
    pub every_store: bool,
    /// Asked just before the stores are chosen, without a tree node that asks it: how
    /// an overlay adds a question that weighs or requires (see `knowledge/README.md`).
    #[serde(default)]
    pub ask: Option<Ask>,
    /// A check for the record's Confirmation, with `{answer}` standing for the answer
    /// given: how to prove, once there is data, that the stack meets it.
    #[serde(default)]
    pub confirm: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// `stores`: before the `choose: stores` node ranks the engines.
    pub before: Text,
    /// Asked only when this holds.
    #[serde(default)]
    pub when: Option<Condition>,
}

/// An option of a question (named `Choice` because `Option` is taken).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: Text,
    pub label: Text,
    #[serde(default)]
    pub help: String,
    /// The answer as a sentence about the workload, for the decision record's context
    /// ("The data is relational: …"). Without it the record uses the label.
    #[serde(default)]
    pub context: String,
    /// How much this answer makes each selection-matrix criterion count.
    #[serde(default)]
    pub weights: BTreeMap<Text, i32>,
    /// Capabilities the primary store must have: an engine without one is eliminated.
    #[serde(default)]
    pub requires: Vec<Text>,
    /// For criteria rated by the answers (`from: answers`): the engines this answer
    /// rates outstanding on it.
    #[serde(default)]
    pub favours: BTreeMap<Text, Vec<Text>>,
    /// The rating on a criterion that is enough for this answer: a better one counts no
    /// more (a hundred requests a second need no engine that spreads its writes). Where
    /// several answers say, the most demanding holds.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub enough: BTreeMap<Text, Rating>,
    /// Whether the question's `confirm` check is worth doing for this answer: a few
    /// hundred requests a second need no load test.
    #[serde(default = "confirmed")]
    pub confirm: bool,
}

fn confirmed() -> bool {
    true
}

/// An answer as written in an answers file: one option id (or text), or a list. Read
/// by `either_form`; written as it is read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    One(String),
    Many(Vec<String>),
}

impl AnswerValue {
    /// The option ids (or the text), without collecting them.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let (one, many) = match self {
            AnswerValue::One(v) => (Some(v.as_str()), &[][..]),
            AnswerValue::Many(vs) => (None, vs.as_slice()),
        };
        one.into_iter().chain(many.iter().map(String::as_str))
    }

    /// Whether `id` is the answer or one of them.
    pub fn has(&self, id: &str) -> bool {
        self.iter().any(|v| v == id)
    }

    /// The option ids (or the text) this answer holds.
    pub fn values(&self) -> Vec<&str> {
        self.iter().collect()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    pub id: Text,
    pub title: Text,
    /// Trees are walked in ascending order; a tree may branch on the outcome of an
    /// earlier one only.
    pub order: i32,
    #[serde(default)]
    pub description: String,
    pub start: String,
    /// The stack role whose chosen engine this tree explains (`primary`): the record
    /// shows that role's ranking as the decision's options.
    #[serde(default)]
    pub role: Option<Text>,
    pub nodes: Vec<Node>,
    /// Where each node is in `nodes`, by id: built when the knowledge base is indexed.
    #[serde(skip)]
    pub node_index: rustc_hash::FxHashMap<String, usize>,
    /// Learn-mode topics that explain the decision.
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// A step of a tree. Exactly one of `question`, `decision` and `outcome` is set.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: Text,
    /// Ask this question and branch on its answer.
    #[serde(default)]
    pub question: Option<String>,
    /// Branch on the outcomes an earlier tree reached.
    #[serde(default)]
    pub decision: Option<String>,
    /// Branch on the engine the stack's ranking chose for this role (`primary`, `cache`, …).
    #[serde(default)]
    pub engine: Option<Text>,
    /// With `engine`: branch `yes`/`no` on whether that engine has this capability.
    #[serde(default)]
    pub capability: Option<Text>,
    /// Rank the engines and choose the stores (`choose: stores`): the stack's decision.
    #[serde(default)]
    pub choose: Option<Text>,
    /// Go to `then` when this holds, else to `otherwise`.
    #[serde(default, rename = "if")]
    pub check: Option<Condition>,
    #[serde(default)]
    pub then: Option<String>,
    /// A question node is asked only when this holds (and passed by otherwise).
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub unless: Option<Condition>,
    /// Answer (option id or outcome node id) → node id.
    #[serde(default)]
    pub branches: BTreeMap<String, String>,
    /// Where to go when no branch matches.
    #[serde(default)]
    pub otherwise: Option<String>,
    /// Where to go after this node (and all of its branches) are done.
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub title: Text,
    pub summary: Text,
    /// The reasoning, in words.
    #[serde(default)]
    pub reason: Text,
    /// Pattern ids to apply.
    #[serde(default)]
    pub patterns: Vec<Text>,
    /// Pattern ids (of category `index`) to apply.
    #[serde(default)]
    pub indexes: Vec<Text>,
    /// Snippet files, relative to `snippets/`.
    #[serde(default)]
    pub snippets: Vec<Text>,
    /// Checks that prove the decision, each with where it applies (`Check`).
    #[serde(default)]
    pub checklist: Vec<Check>,
    /// Consequences, for the decision record, each with where it applies (`Check`): a
    /// consequence true of one engine only is left out for the others.
    #[serde(default)]
    pub good: Vec<Check>,
    #[serde(default)]
    pub bad: Vec<Check>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: Text,
    pub label: Text,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub from: CriterionSource,
    /// For `from: capability`: the capability that rates an engine outstanding.
    #[serde(default)]
    pub capability: Option<Text>,
    /// How much it counts before any answer weighs it.
    #[serde(default = "base_weight")]
    pub weight: i32,
    /// For `from: answers`: the engines it favours are always shown in the ranking, even
    /// low or eliminated (the team's engine, a proposal), so that the record says why.
    #[serde(default)]
    pub shows: bool,
    /// The label in lower case, for the middle of a sentence: made when the knowledge
    /// base is indexed, not for every ranking.
    #[serde(skip)]
    pub label_lower: Text,
}

fn base_weight() -> i32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    No,
    Poor,
    Limited,
    Fair,
    Good,
    Excellent,
    Outstanding,
}

impl Rating {
    /// Points on a 0–10 scale, for the weighted score.
    pub fn points(self) -> i32 {
        match self {
            Rating::No => 0,
            Rating::Poor => 2,
            Rating::Limited => 3,
            Rating::Fair => 5,
            Rating::Good => 7,
            Rating::Excellent => 9,
            Rating::Outstanding => 10,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Rating::No => "no",
            Rating::Poor => "poor",
            Rating::Limited => "limited",
            Rating::Fair => "fair",
            Rating::Good => "good",
            Rating::Excellent => "excellent",
            Rating::Outstanding => "outstanding",
        }
    }
}

/// An engine's name under some answers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NamedWhen {
    pub when: Condition,
    pub name: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Engine {
    pub id: Text,
    pub name: Text,
    /// Its name where the answers say more ("Amazon S3" on AWS): the first whose `when`
    /// holds, else `name`.
    #[serde(default)]
    pub named: Vec<NamedWhen>,
    pub family: String,
    /// `CP`, `AP`, or `single-node` where partitions do not apply.
    pub cap: Text,
    #[serde(default)]
    pub cap_note: Text,
    /// Roles the engine can fill: primary, cache, search, analytics, archive, queue.
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub ratings: BTreeMap<String, Rating>,
    /// Roles it serves only as the primary store, for its own data (search inside
    /// PostgreSQL): never chosen as a store beside another primary for them.
    #[serde(default)]
    pub serves_itself: Vec<String>,
    /// What it can do (catalog `capabilities`), checked by the stack's ranking.
    #[serde(default)]
    pub capabilities: Vec<Text>,
    /// Why it lacks a capability, where that is worth saying: shown when the lack
    /// eliminates it.
    #[serde(default)]
    pub lacks: BTreeMap<Text, Text>,
    /// Its rating on each criterion, by the criterion's position: built when the
    /// knowledge base is indexed, since the ranking reads it for every engine.
    #[serde(skip)]
    pub rating_at: Vec<Option<Rating>>,
    /// `capabilities` as a set, built when the knowledge base is indexed.
    #[serde(skip)]
    pub capability_set: rustc_hash::FxHashSet<Text>,
    /// The same as bits by the capabilities' positions: the ranking checks every engine
    /// against every requirement, so these are compared a word at a time.
    #[serde(skip)]
    pub capability_bits: Vec<u64>,
    /// Where it is in `KnowledgeBase::engines`: the bit an item's `Applies` keeps for it.
    #[serde(skip)]
    pub position: usize,
    #[serde(default)]
    pub best_for: String,
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default)]
    pub weaknesses: Vec<String>,
    #[serde(default)]
    pub avoid_when: Vec<String>,
    /// Snippet dialects (folders below `snippets/`) whose code runs on this engine;
    /// empty means the engine's own id. TimescaleDB also runs `postgresql` snippets.
    #[serde(default)]
    pub dialects: Vec<String>,
    /// Learn-mode topics about the engine's model (CAP, partition keys, …).
    #[serde(default)]
    pub topics: Vec<String>,
    /// The engine this one runs inside as an extension (TimescaleDB, Citus: PostgreSQL).
    /// The ranking shows it beside its base only where it scores higher or serves a need
    /// the base does not: otherwise it is the base under another name.
    #[serde(default)]
    pub extends: Option<Text>,
    /// The engine whose protocol and drivers it keeps (Valkey for Redis): an answer that
    /// only swaps one for the other changes no design, so "When to revisit" leaves the
    /// swap out (a what-if still shows it).
    #[serde(default)]
    pub drop_in_for: Option<Text>,
    /// A way to run its base rather than an engine of its own (PostgreSQL sharded by the
    /// application): ranked only where a requirement asks for this capability, which
    /// the base lacks; elsewhere it would be the base with more work.
    #[serde(default)]
    pub only_for: Option<Text>,
    /// How to see a query's plan with real timings in this engine, in its own terms
    /// ("EXPLAIN (ANALYZE, BUFFERS)"); the record's Confirmation names it.
    #[serde(default)]
    pub explain: Option<Text>,
    /// How this engine serves a hot read, in its own terms, with `{entity}` and
    /// `{columns}` filled in ("Compound index on {entity} ({columns}), in that order");
    /// none for an engine whose secondary indexes are B-trees.
    #[serde(default)]
    pub keyed_index: Option<Text>,
    /// How it serves a hot read whose index has a column that changes after the row is
    /// written (`{changing}`), where the engine cannot update a key column in place
    /// (ClickHouse's sorting key, Cassandra's primary key); none where `keyed_index`
    /// holds for those too.
    #[serde(default)]
    pub changing_key: Option<Text>,
    /// What it adds to that form where the key leads with a column of few values
    /// (`{column}`: a status, a flag), which would put every row of one value in one
    /// partition (DynamoDB's and Cassandra's partition keys); none where it has no
    /// partitions to heat.
    #[serde(default)]
    pub few_values_key: Option<Text>,
    #[serde(default)]
    pub source: Option<String>,
}

impl Engine {
    pub fn has(&self, capability: &str) -> bool {
        self.capability_set.contains(capability)
    }

    /// Whether it has any of the capabilities of `mask` (`KnowledgeBase::capability_mask`).
    pub fn has_any_of(&self, mask: &[u64]) -> bool {
        self.capability_bits
            .iter()
            .zip(mask)
            .any(|(mine, wanted)| mine & wanted != 0)
    }

    /// Whether it can take the role: as a store of its own, or also (`as_primary`) for
    /// its own data when it is the primary store.
    pub fn takes_role(&self, role: &str, as_primary: bool) -> bool {
        self.roles.iter().any(|r| r == role)
            || (as_primary && self.serves_itself.iter().any(|r| r == role))
    }

    pub fn runs_dialect(&self, dialect: &str) -> bool {
        if self.dialects.is_empty() {
            self.id == dialect
        } else {
            self.dialects.iter().any(|d| d == dialect)
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub id: Text,
    pub title: Text,
    pub category: Text,
    pub summary: Text,
    #[serde(default)]
    pub when: Text,
    #[serde(default)]
    pub why: Text,
    #[serde(default)]
    pub pitfalls: Arc<[Text]>,
    #[serde(default)]
    pub snippets: Vec<Text>,
    /// Learn-mode topics that explain the pattern.
    #[serde(default)]
    pub topics: Vec<String>,
    /// The engines (catalog ids or engine families) it is written for; none: every
    /// engine. An engine that `extends` one of them is included.
    #[serde(default)]
    pub engines: Vec<Text>,
    /// Capabilities an engine needs for it to apply.
    #[serde(default)]
    pub needs: Vec<Text>,
    /// `engines` and `needs` resolved against the catalog when the base is indexed.
    #[serde(skip)]
    pub applies: Applies,
    /// Patterns whose point this one makes too (the anti-pattern it is the cure for):
    /// where both apply, the record's short list names only this one; the appendix
    /// keeps both.
    #[serde(default)]
    pub covers: Vec<Text>,
    #[serde(default)]
    pub source: Option<String>,
}

/// A learn-mode topic: one concept a junior meets in the interview or the advice,
/// explained with an example and linked to related topics.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: String,
    /// Other names `explain` and `learn` accept (`3nf`), unique across topics and
    /// never another topic's id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The learn browser groups topics by area (see `TOPIC_AREAS`).
    pub area: String,
    /// One sentence: what it is.
    pub summary: String,
    /// The explanation, in paragraphs separated by blank lines.
    pub body: String,
    /// A worked example in words or a small table; code goes in `snippets`.
    #[serde(default)]
    pub example: String,
    /// Snippet files (below `snippets/`) that show the concept in code.
    #[serde(default)]
    pub snippets: Vec<String>,
    /// Topic ids worth reading next.
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// A topic's name as ids are written (`Thundering herd` → `thundering-herd`): how
/// `explain` compares names, and `kb check` keeps aliases apart.
pub fn topic_slug(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '_'], "-")
}

/// The areas of the topic library, in the order the learn browser shows them.
pub const TOPIC_AREAS: [&str; 8] = [
    "foundations",
    "modelling",
    "indexes",
    "queries",
    "caching",
    "scaling",
    "operations",
    "anti-patterns",
];

/// When a schema item is kept: question id → option ids, any of which may be answered;
/// every question listed must match. A list of such maps holds when any one does. Read
/// by `either_form`; written as it is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Condition {
    All(BTreeMap<String, AnswerValue>),
    Any(Vec<BTreeMap<String, AnswerValue>>),
}

impl Condition {
    /// The maps of the condition: one, or each alternative.
    pub fn maps(&self) -> &[BTreeMap<String, AnswerValue>] {
        match self {
            Condition::All(map) => std::slice::from_ref(map),
            Condition::Any(maps) => maps,
        }
    }
}
