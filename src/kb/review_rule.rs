//! Review rules (`knowledge/review/`): what `dbadvise review` finds in an existing
//! schema. The detection is code (a small fixed set of detectors, `review::detectors`);
//! everything a reader sees — severity, engines, the names a detector looks for, the
//! title, why it matters, the fix and the lesson — is data here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Text;

/// How much a finding matters, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRule {
    pub id: Text,
    pub severity: Severity,
    /// Catalog engine ids or families the rule is written for.
    pub engines: Vec<Text>,
    /// The id of the detector (Rust) that finds what the rule is about.
    pub detects: String,
    /// Name patterns the detector reads, by list (`money_columns: ['*_price_*']`).
    #[serde(default)]
    pub names: BTreeMap<String, Vec<String>>,
    pub title: String,
    /// One finding in a sentence, with the detector's placeholders (`{table}.{column}`).
    pub says: String,
    /// Why it matters, in one line.
    pub why: String,
    /// The fix in each engine's SQL, by engine id, with the same placeholders.
    pub fix: BTreeMap<String, String>,
    /// The learn topic that explains it (`dbadvise explain TOPIC`).
    pub topic: String,
    /// The answers its findings bear on, each a question (any answer to it) or
    /// `question=option`: the record of an interview started from the review names a
    /// finding when the answers give one of them.
    #[serde(default)]
    pub bears_on: Vec<String>,
}

impl ReviewRule {
    /// Each `bears_on` entry as (question, the option it needs, if one).
    pub fn bearing(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.bears_on.iter().map(|b| match b.split_once('=') {
            Some((question, option)) => (question.trim(), Some(option.trim())),
            None => (b.trim(), None),
        })
    }

    /// The names of one list, empty when the rule gives none (`kb check` requires them).
    pub fn names(&self, list: &str) -> &[String] {
        self.names.get(list).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// An answer `review --answers-out` writes when the review sees something in the schema:
/// a tenant column means a shared multi-tenant schema, money columns mean money.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewAnswer {
    pub id: Text,
    /// What the review must see (a fact of `review::seen`, which code finds).
    pub sees: String,
    /// Only when the reviewed engine is one of these (catalog ids or families); any when empty.
    #[serde(default)]
    pub engines: Vec<Text>,
    /// Name patterns the fact reads, by list, as a review rule's `names`.
    #[serde(default)]
    pub names: BTreeMap<String, Vec<String>>,
    /// Question id → the option (or, for a several-choice question, options) it answers.
    pub answers: BTreeMap<String, Vec<String>>,
    /// Why, as the answers file's comment beside the answer, with the fact's placeholders.
    pub because: String,
}

impl ReviewAnswer {
    pub fn names(&self, list: &str) -> &[String] {
        self.names.get(list).map(Vec::as_slice).unwrap_or(&[])
    }
}
