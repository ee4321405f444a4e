//! Answers: the only state a user creates. Read from (and written to) the YAML answers
//! file that `recommend --answers` and the TUI share.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use super::reviewed::reviewed_yaml;
pub use super::reviewed::{Reviewed, ReviewedFinding};
use crate::kb::{AnswerValue, KnowledgeBase, QuestionKind};
use crate::{limits, suggest};

/// A user's answers: question id → answer, plus who and what they are for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub project: Option<String>,
    pub deciders: Vec<String>,
    pub values: BTreeMap<String, AnswerValue>,
    /// What `dbadvise review` saw in the existing system, when the answers began there.
    pub reviewed: Option<Reviewed>,
}

impl Answers {
    pub fn get(&self, question: &str) -> Option<&AnswerValue> {
        self.values.get(question)
    }

    pub fn set(&mut self, question: &str, value: AnswerValue) {
        self.values.insert(question.to_string(), value);
    }

    /// The answers to these questions only (what the stores are chosen from), without
    /// the project's name and deciders.
    pub fn only(&self, questions: &[&str]) -> Answers {
        let mut known = Answers::default();
        for q in questions {
            if let Some(v) = self.get(q) {
                known.set(q, v.clone());
            }
        }
        known
    }

    pub fn remove(&mut self, question: &str) -> Option<AnswerValue> {
        self.values.remove(question)
    }
}

/// The answers file as written: scalars of any YAML type are accepted as text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswersFile {
    #[serde(default)]
    project: Option<serde_yaml::Value>,
    #[serde(default)]
    deciders: Vec<String>,
    #[serde(default)]
    answers: Option<serde_yaml::Mapping>,
    #[serde(default)]
    reviewed: Option<Reviewed>,
}

/// Something wrong with an answers file. Each carries what the user needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersProblem {
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersError {
    pub file: String,
    pub problems: Vec<AnswersProblem>,
}

impl std::error::Error for AnswersError {}

impl fmt::Display for AnswersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.problems.len().min(limits::PROBLEMS_SHOWN);
        for (i, p) in self.problems[..shown].iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match p.line {
                Some(line) => write!(f, "{}:{line}: {}", self.file, p.message)?,
                None => write!(f, "{}: {}", self.file, p.message)?,
            }
        }
        let more = self.problems.len() - shown;
        if more > 0 {
            write!(f, "\n{}: … and {more} more problems", self.file)?;
        }
        Ok(())
    }
}

/// A name (the project, a decider) as one line with no control characters: it goes into
/// titles, file names and SQL comments, where a newline or an escape would break out.
fn name_text(value: &serde_yaml::Value) -> Option<String> {
    scalar_text(value).map(|s| crate::safe_text::line(&s).into_owned())
}

fn names(list: Vec<String>) -> Vec<String> {
    list.iter()
        .map(|s| crate::safe_text::line(s).into_owned())
        .collect()
}

fn scalar_text(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

/// An answers file read but not checked against the knowledge base: what
/// `answers upgrade` rewrites.
pub struct RawAnswers {
    pub project: Option<String>,
    pub deciders: Vec<String>,
    /// Question id → the option ids (or text) given, in file order.
    pub values: Vec<(String, Vec<String>)>,
    pub reviewed: Option<Reviewed>,
}

pub fn raw_answers(file: &str, text: &str) -> Result<RawAnswers, AnswersError> {
    let raw = read_raw(file, text)?;
    let mut values = Vec::new();
    for (key, value) in raw.answers.unwrap_or_default() {
        let (Some(qid), Some(given)) = (scalar_text(&key), values_of(&value)) else {
            continue;
        };
        values.push((qid, given));
    }
    Ok(RawAnswers {
        project: raw.project.as_ref().and_then(name_text),
        deciders: names(raw.deciders),
        values,
        reviewed: raw.reviewed.map(Reviewed::one_line),
    })
}

fn read_raw(file: &str, text: &str) -> Result<RawAnswersFile, AnswersError> {
    if text.trim().is_empty() {
        return Ok(RawAnswersFile {
            project: None,
            deciders: vec![],
            answers: None,
            reviewed: None,
        });
    }
    let fail = |line, message: String| AnswersError {
        file: file.to_string(),
        problems: vec![AnswersProblem { line, message }],
    };
    if text.len() as u64 > limits::ANSWERS_FILE_BYTES {
        return Err(fail(
            None,
            format!(
                "larger than {}, the limit for an answers file",
                limits::size(limits::ANSWERS_FILE_BYTES)
            ),
        ));
    }
    if let Some(line) = limits::yaml_too_deep(text, limits::YAML_NESTING) {
        return Err(fail(
            Some(line),
            format!("not a valid answers file: {}", limits::too_deep_message()),
        ));
    }
    serde_yaml::from_str(text).map_err(|err| {
        let at = crate::kb::locate::yaml_error(&err, text);
        fail(at.line, format!("not a valid answers file: {}", at.message))
    })
}

/// A problem for text longer than any real answer.
fn too_long(what: &str, text: &str) -> Option<String> {
    (text.len() > limits::TEXT_ANSWER_BYTES).then(|| {
        format!(
            "{what} is longer than {}, the limit for a text answer",
            limits::size(limits::TEXT_ANSWER_BYTES as u64)
        )
    })
}

/// The option ids (or text) of one answer: a scalar or a list of scalars.
fn values_of(value: &serde_yaml::Value) -> Option<Vec<String>> {
    match value {
        serde_yaml::Value::Sequence(items) => items.iter().map(scalar_text).collect(),
        serde_yaml::Value::Null => Some(vec![]),
        other => scalar_text(other).map(|s| vec![s]),
    }
}

/// The problems of one file. Past `PROBLEMS_SHOWN` they are counted but not described,
/// so 20,000 unknown keys cost no "did you mean" each.
struct Problems(Vec<AnswersProblem>);

impl Problems {
    fn add(&mut self, line: Option<usize>, message: impl FnOnce() -> String) {
        let message = if self.0.len() < limits::PROBLEMS_SHOWN {
            message()
        } else {
            String::new()
        };
        self.0.push(AnswersProblem { line, message });
    }
}

/// " (did you mean `x`?)" or nothing.
fn did_you_mean<'a>(wrong: &str, ids: impl Iterator<Item = &'a str>) -> String {
    suggest::nearest(wrong, ids)
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default()
}

/// Parses and validates an answers file against the knowledge base. All problems are
/// reported together; unknown ids come with the valid ones and a "did you mean".
pub fn parse_answers(kb: &KnowledgeBase, file: &str, text: &str) -> Result<Answers, AnswersError> {
    let raw = read_raw(file, text)?;
    let mut problems = Problems(Vec::new());
    if let Some(long) = raw.project.as_ref().and_then(scalar_text) {
        if let Some(message) = too_long("the project name", &long) {
            problems.add(None, || message);
        }
    }
    for decider in &raw.deciders {
        if let Some(message) = too_long("a decider's name", decider) {
            problems.add(None, || message);
        }
    }
    let mut answers = Answers {
        project: raw.project.as_ref().and_then(name_text),
        deciders: names(raw.deciders),
        values: BTreeMap::new(),
        reviewed: raw.reviewed.map(Reviewed::one_line),
    };
    let key_lines = crate::kb::locate::answer_key_lines(text);
    for (key, value) in raw.answers.unwrap_or_default() {
        let Some(qid) = scalar_text(&key) else {
            problems.add(None, || "a question id must be text".into());
            continue;
        };
        let line = key_lines.get(&qid).copied();
        let Some(values) = values_of(&value) else {
            problems.add(line, || {
                format!("`{qid}`: expected an option id or a list of option ids")
            });
            continue;
        };
        let is_list = matches!(value, serde_yaml::Value::Sequence(_));
        match checked_answer(kb, &qid, values, is_list) {
            Ok(value) => answers.set(&qid, value),
            Err(found) => {
                for problem in found {
                    problems.add(line, || problem.message(kb, &qid));
                }
            }
        }
    }
    if problems.0.is_empty() {
        Ok(answers)
    } else {
        Err(AnswersError {
            file: file.to_string(),
            problems: problems.0,
        })
    }
}

/// Words a YAML 1.1 reader (PyYAML, Ruby's Psych, many CI tools) takes as a boolean or
/// null when bare, in any case. serde_yaml follows YAML 1.2 and leaves most bare.
const YAML11_WORDS: [&str; 10] = [
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
];

/// Quotes text for YAML when it needs it (serde_yaml knows the YAML 1.2 rules; the
/// YAML 1.1 booleans and nulls, `yes`, `no`, `on`, `off`, … are quoted here, as the
/// knowledge base's README advises). Always one line, so that it can sit after `key: `
/// or `- ` at any indentation: text that YAML would write as a block scalar is written
/// as a double-quoted (JSON) string.
pub fn yaml_scalar(text: &str) -> String {
    if YAML11_WORDS.iter().any(|w| text.eq_ignore_ascii_case(w)) {
        return serde_json::to_string(text).expect("a string always serialises");
    }
    match serde_yaml::to_string(text) {
        Ok(s) if !s.trim_end().contains('\n') => s.trim_end().to_string(),
        _ => serde_json::to_string(text).expect("a string always serialises"),
    }
}

/// Renders answers as an answers file, questions in the order given (the walk order),
/// each with its prompt as a comment so the file reads on its own.
pub fn to_yaml(kb: &KnowledgeBase, answers: &Answers, order: &[&str]) -> String {
    to_yaml_with_notes(kb, answers, order, &BTreeMap::new())
}

/// As `to_yaml`, with comment lines of `notes` (by question id) under each prompt: where
/// an answer came from, for a file another tool wrote (`review --answers-out`).
pub fn to_yaml_with_notes(
    kb: &KnowledgeBase,
    answers: &Answers,
    order: &[&str],
    notes: &BTreeMap<String, Vec<String>>,
) -> String {
    let mut out = String::from(
        "# dbadvise answers: replay with `dbadvise recommend --answers <this file>`\n",
    );
    if let Some(project) = &answers.project {
        out.push_str(&format!("project: {}\n", yaml_scalar(project)));
    }
    if !answers.deciders.is_empty() {
        out.push_str("deciders:\n");
        for d in &answers.deciders {
            out.push_str(&format!("  - {}\n", yaml_scalar(d)));
        }
    }
    out.push_str("answers:\n");
    let mut ids: Vec<&str> = order
        .iter()
        .copied()
        .filter(|id| answers.values.contains_key(*id))
        .collect();
    ids.extend(
        answers
            .values
            .keys()
            .map(String::as_str)
            .filter(|id| !order.contains(id)),
    );
    for id in ids {
        if let Some(q) = kb.question(id) {
            out.push_str(&format!("  # {}\n", q.prompt));
        }
        for note in notes.get(id).into_iter().flatten() {
            out.push_str(&format!("  # {}\n", crate::safe_text::line(note)));
        }
        match &answers.values[id] {
            AnswerValue::One(v) => out.push_str(&format!("  {id}: {}\n", yaml_scalar(v))),
            AnswerValue::Many(vs) if vs.is_empty() => out.push_str(&format!("  {id}: []\n")),
            AnswerValue::Many(vs) => {
                let items: Vec<String> = vs.iter().map(|v| yaml_scalar(v)).collect();
                out.push_str(&format!("  {id}: [{}]\n", items.join(", ")));
            }
        }
    }
    if let Some(reviewed) = &answers.reviewed {
        out.push_str(&reviewed_yaml(reviewed));
    }
    out
}

/// Parses a `--what-if QUESTION=OPTION[,OPTION…]` change, validated exactly as an
/// answers file is (unknown questions and options list the valid ones).
pub fn parse_what_if(
    kb: &KnowledgeBase,
    spec: &str,
) -> Result<(String, AnswerValue), AnswersError> {
    let fail = |message: String| AnswersError {
        file: "--what-if".into(),
        problems: vec![AnswersProblem {
            line: None,
            message,
        }],
    };
    let Some((qid, options)) = spec.split_once('=') else {
        return Err(fail(format!(
            "`{spec}`: expected QUESTION=OPTION (or QUESTION=OPTION1,OPTION2)"
        )));
    };
    let qid = qid.trim();
    // Empty pieces are dropped: `features=` ticks none.
    let options: Vec<String> = options
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .collect();
    let several = kb
        .question(qid)
        .is_some_and(|q| q.kind == QuestionKind::Many);
    if options.is_empty() && !several {
        return Err(fail(format!("`{spec}`: no answer given")));
    }
    checked_answer(kb, qid, options, several)
        .map(|value| (qid.to_string(), value))
        .map_err(|found| AnswersError {
            file: "--what-if".into(),
            problems: found
                .iter()
                .map(|problem| AnswersProblem {
                    line: None,
                    message: problem.message(kb, qid),
                })
                .collect(),
        })
}

/// What is wrong with one answer, worded only when it is shown (`message`): a file of
/// twenty thousand unknown keys shows fifty, and pays for fifty.
enum AnswerProblem {
    UnknownQuestion,
    TooLong(String),
    OneOptionOnly,
    NoneTicked,
    UnknownOption(String),
}

impl AnswerProblem {
    /// The message names the valid ids, with a "did you mean", or what replaced an old id.
    fn message(&self, kb: &KnowledgeBase, qid: &str) -> String {
        let question = kb.question(qid);
        let options = || {
            question
                .into_iter()
                .flat_map(|q| q.options.iter().map(|o| o.id.as_str()))
        };
        match self {
            AnswerProblem::UnknownQuestion => {
                super::upgrade::hint(kb, qid, None).unwrap_or_else(|| {
                    let ids = || kb.questions.iter().map(|q| q.id.as_str());
                    format!(
                        "unknown question `{}`{}; valid questions: {}",
                        crate::safe_text::line(qid),
                        did_you_mean(qid, ids()),
                        list_ids(ids())
                    )
                })
            }
            AnswerProblem::TooLong(message) => message.clone(),
            AnswerProblem::OneOptionOnly => format!(
                "`{qid}` takes exactly one option; valid options: {}",
                list_ids(options())
            ),
            AnswerProblem::NoneTicked => format!(
                "`{qid}` takes at least one option; valid options: {}",
                list_ids(options())
            ),
            AnswerProblem::UnknownOption(v) => super::upgrade::hint(kb, qid, Some(v))
                .unwrap_or_else(|| {
                    format!(
                        "`{qid}`: unknown option `{}`{}; valid options: {}",
                        crate::safe_text::line(v),
                        did_you_mean(v, options()),
                        list_ids(options())
                    )
                }),
        }
    }
}

/// One answer checked against the knowledge base, as answers files and `--what-if` give
/// it: the question exists, the options are its own, a single choice has one.
fn checked_answer(
    kb: &KnowledgeBase,
    qid: &str,
    values: Vec<String>,
    is_list: bool,
) -> Result<AnswerValue, Vec<AnswerProblem>> {
    let Some(question) = kb.question(qid) else {
        return Err(vec![AnswerProblem::UnknownQuestion]);
    };
    match question.kind {
        QuestionKind::Text => {
            let text = values.join(" ");
            return match too_long(&format!("the answer to `{qid}`"), &text) {
                Some(message) => Err(vec![AnswerProblem::TooLong(message)]),
                None => Ok(AnswerValue::One(text)),
            };
        }
        QuestionKind::One if values.len() != 1 => return Err(vec![AnswerProblem::OneOptionOnly]),
        QuestionKind::Many if values.is_empty() && question.at_least_one => {
            return Err(vec![AnswerProblem::NoneTicked])
        }
        _ => {}
    }
    let unknown: Vec<AnswerProblem> = values
        .iter()
        .filter(|v| question.choice(v).is_none())
        .map(|v| AnswerProblem::UnknownOption(v.clone()))
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    Ok(if question.kind == QuestionKind::Many || is_list {
        AnswerValue::Many(values)
    } else {
        AnswerValue::One(values.into_iter().next().unwrap_or_default())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_booleans_and_nulls_are_quoted_in_any_case() {
        for word in [
            "yes", "no", "Yes", "NO", "y", "N", "on", "Off", "true", "FALSE", "null", "Null", "~",
        ] {
            assert_eq!(yaml_scalar(word), format!("\"{word}\""), "{word}");
        }
        // Words that only start like one stay bare, as serde_yaml writes them.
        assert_eq!(yaml_scalar("none"), "none");
        assert_eq!(yaml_scalar("yesterday"), "yesterday");
        assert_eq!(yaml_scalar("single-region"), "single-region");
    }

    #[test]
    fn an_answers_file_with_yes_and_no_is_written_quoted_and_reads_back_the_same() {
        let kb = crate::kb::load(&[]).expect("the embedded knowledge base loads");
        let mut answers = Answers {
            project: Some("On".into()),
            deciders: vec!["No".into(), "Ada".into()],
            ..Answers::default()
        };
        answers.set("hot-keys", AnswerValue::One("yes".into()));
        answers.set("missing-lookups", AnswerValue::One("no".into()));
        answers.set("domain", AnswerValue::One("null".into()));
        answers.set("data-kinds", AnswerValue::Many(vec!["records".into()]));
        let text = to_yaml(&kb, &answers, &[]);
        for line in [
            "project: \"On\"\n",
            "  - \"No\"\n",
            "  hot-keys: \"yes\"\n",
            "  missing-lookups: \"no\"\n",
            "  domain: \"null\"\n",
            "  data-kinds: [records]\n",
        ] {
            assert!(text.contains(line), "{line:?} not in:\n{text}");
        }
        assert_eq!(parse_answers(&kb, "written", &text).unwrap(), answers);
    }

    #[test]
    fn what_if_accepts_yes_and_no_options() {
        let kb = crate::kb::load(&[]).expect("the embedded knowledge base loads");
        let (qid, value) = parse_what_if(&kb, "hot-keys=yes").unwrap();
        assert_eq!(
            (qid.as_str(), value),
            ("hot-keys", AnswerValue::One("yes".into()))
        );
        // A several-choice question can be changed to tick none.
        let (_, value) = parse_what_if(&kb, "features=").unwrap();
        assert_eq!(value, AnswerValue::Many(vec![]));
    }
}
