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

/// A one-developer app on AWS Lambda, small, with nobody to run a database: the answers
/// that make serverless billing weigh, with `queries` for how it is queried.
pub fn lambda_app(queries: &str) -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("data-kinds", many(&["records"])),
        ("team", one("no-ops")),
        ("deployment", one("serverless")),
        ("cloud", one("aws")),
        ("volume", one("small")),
        ("query-complexity", one(queries)),
    ]
}
