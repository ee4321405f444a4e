//! The review an answers file began from (`review --answers-out`), kept in the file's
//! `reviewed:` section for the record.

use serde::{Deserialize, Serialize};

use crate::limits;

/// The review an interview started from (`review --answers-out`): what was read, how
/// much was found, and the findings that may bear on the decision, kept as the review
/// worded them so that the record can name them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewed {
    /// The file, directory or database reviewed, as the review showed it.
    pub source: String,
    /// The catalog id of the engine it was read as.
    pub engine: String,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    #[serde(default)]
    pub findings: Vec<ReviewedFinding>,
}

/// The findings of one review rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewedFinding {
    /// The review rule's id.
    pub rule: String,
    pub severity: String,
    /// How many places it found.
    pub count: usize,
    /// The first few tables or columns (`orders.total`).
    pub at: Vec<String>,
}

impl Reviewed {
    /// The review as one-line texts, without control characters: its words go into the
    /// record, where a newline or an escape would break out of the line.
    pub(super) fn one_line(self) -> Reviewed {
        let line = |s: &str| crate::safe_text::line(s).into_owned();
        Reviewed {
            source: line(&self.source),
            engine: line(&self.engine),
            findings: self
                .findings
                .into_iter()
                .take(limits::REVIEWED_FINDINGS)
                .map(|f| ReviewedFinding {
                    rule: line(&f.rule),
                    severity: line(&f.severity),
                    at: f
                        .at
                        .iter()
                        .take(limits::REVIEWED_PLACES)
                        .map(|a| line(a))
                        .collect(),
                    ..f
                })
                .collect(),
            ..self
        }
    }
}

/// The `reviewed:` section: what the interview started from, for the record.
pub(super) fn reviewed_yaml(reviewed: &Reviewed) -> String {
    #[derive(Serialize)]
    struct Section<'a> {
        reviewed: &'a Reviewed,
    }
    let yaml = serde_yaml::to_string(&Section { reviewed })
        .expect("plain strings and numbers always serialise");
    format!("# What `dbadvise review` saw in the existing system (the record names the findings that bear on the decision)\n{yaml}")
}
