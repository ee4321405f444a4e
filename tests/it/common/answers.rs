//! Answers as the tests write them: one value, several, and an answers file read back.

use std::path::Path;

use dbadvise::engine::Answers;
use dbadvise::kb::{AnswerValue, KnowledgeBase};

/// The answer to a one-choice (or free-text) question.
pub fn one(v: &str) -> AnswerValue {
    AnswerValue::One(v.into())
}

/// The answer to a several-choice question.
pub fn many(vs: &[&str]) -> AnswerValue {
    AnswerValue::Many(vs.iter().map(|v| v.to_string()).collect())
}

/// The answers file at `path`, read as the binary reads it; a bad one fails the test.
pub fn read_answers(kb: &KnowledgeBase, path: impl AsRef<Path>) -> Answers {
    let path = path.as_ref();
    dbadvise::session::read_answers(kb, path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
