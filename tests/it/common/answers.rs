//! Answers as the tests write them: one value, several, an answers file read back or
//! changed, and the advice for it.

use std::path::{Path, PathBuf};

use dbadvise::engine::{advise_with_defaults, parse_answers, Advice, Answers};
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

/// `text` (an answers file) with each `question: option` of `changes` replacing the
/// question's line in `answers:`, or added to it.
pub fn with_answers(text: &str, changes: &[(&str, &str)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (question, option) in changes {
        let key = format!("  {question}:");
        let line = format!("  {question}: {option}");
        match lines.iter().position(|l| l.starts_with(&key)) {
            Some(i) => lines[i] = line,
            None => lines.push(line),
        }
    }
    lines.join("\n") + "\n"
}

/// The advice for an answers file's text, which must answer every question on its path.
pub fn advice(kb: &KnowledgeBase, text: &str) -> Advice {
    let answers = parse_answers(kb, "answers.yaml", text).unwrap_or_else(|e| panic!("{e}"));
    let advice = advise_with_defaults(kb, &answers);
    assert!(advice.complete, "answers leave {:?} open", advice.pending);
    advice
}

/// The advice for the answers file at `path`, which must answer every question on its path.
pub fn advice_of(kb: &KnowledgeBase, path: impl AsRef<Path>) -> Advice {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    advice(kb, &text)
}

/// Every answers file the suite holds: the scenarios' and the example projects', sorted.
pub fn every_answers_file() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["tests/scenarios/answers", "tests/projects"]
        .into_iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Every answers file with its text, for sweeps that change an answer before advising.
pub fn every_answers_text() -> Vec<(PathBuf, String)> {
    every_answers_file()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

/// The advice for every answers file the suite holds, with its path.
pub fn every_advice(kb: &KnowledgeBase) -> Vec<(PathBuf, Advice)> {
    every_answers_text()
        .into_iter()
        .map(|(path, text)| {
            let advice = advice(kb, &text);
            (path, advice)
        })
        .collect()
}
