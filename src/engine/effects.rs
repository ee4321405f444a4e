//! Which questions and options change nothing: `kb check` names them, since a question
//! whose answer never moves the advice only lengthens the interview. For each question,
//! answers that reach it are found (the defaults, or the defaults with one other answer
//! changed), and the advice of each option is compared with the default answer's.

use super::answers::Answers;
use super::{advise, with_defaults};
use crate::kb::{AnswerValue, KnowledgeBase, Question, QuestionKind, PRODUCT_QUESTION};

/// What the advice decides, to compare: the stack, the ranking, the outcomes reached,
/// the patterns, indexes and checklist, and the starter schema.
fn fingerprint(kb: &KnowledgeBase, answers: &Answers) -> String {
    let (filled, _) = with_defaults(kb, answers);
    let a = advise(kb, &filled);
    let mut out = String::new();
    for c in &a.stack {
        out.push_str(&format!("{}={};", c.role, c.engine));
    }
    for x in &a.alternatives {
        out.push_str(&format!(
            "{}:{}:{}:{};",
            x.role,
            x.engine,
            x.score,
            x.eliminated.is_some()
        ));
    }
    for d in &a.decisions {
        out.push_str(&format!("{}/{};", d.tree, d.outcome));
    }
    for p in a.indexes.iter().chain(&a.patterns) {
        out.push_str(&p.id);
        out.push(';');
    }
    for c in &a.checklist {
        out.push_str(c);
    }
    if let Some(s) = &a.starter_schema {
        out.push_str(&s.sql);
    }
    out
}

/// Answers with which the walk asks `question`: the defaults, else the defaults with one
/// other answer changed. At most `limit` of them.
fn bases(kb: &KnowledgeBase, question: &str, limit: usize) -> Vec<Answers> {
    let asks = |answers: &Answers| {
        let (filled, _) = with_defaults(kb, answers);
        super::walk(kb, &filled).asked.contains(&question)
    };
    let mut found = Vec::new();
    if asks(&Answers::default()) {
        found.push(Answers::default());
    }
    for q in &kb.questions {
        if found.len() >= limit {
            break;
        }
        if q.id == question || q.kind == QuestionKind::Text {
            continue;
        }
        for value in options_of(q) {
            let mut changed = Answers::default();
            changed.set(&q.id, value);
            if asks(&changed) {
                found.push(changed);
                break;
            }
        }
    }
    found
}

/// Each option as an answer: one option, or for several choices one ticked alone.
pub fn options_of(q: &Question) -> Vec<AnswerValue> {
    q.options
        .iter()
        .map(|o| match q.kind {
            QuestionKind::Many => AnswerValue::Many(vec![o.id.to_string()]),
            _ => AnswerValue::One(o.id.to_string()),
        })
        .collect()
}

/// (question id, option id or None for the whole question, message) for every question
/// or option whose answer changes nothing on the paths tried.
pub fn inert(kb: &KnowledgeBase) -> Vec<(String, Option<String>, String)> {
    let mut found = Vec::new();
    // What the product does changes the starter schema alone, one domain per option:
    // kb check holds every option to a domain whose model reads, in every dialect.
    let questions = kb.questions.iter().filter(|q| q.id != PRODUCT_QUESTION);
    for q in questions.filter(|q| q.kind != QuestionKind::Text) {
        let bases = bases(kb, &q.id, 4);
        if bases.is_empty() {
            found.push((
                q.id.to_string(),
                None,
                "is never asked on any path tried".into(),
            ));
            continue;
        }
        // The baseline is the default answer (nothing ticked, for several choices): an
        // option that gives the baseline's advice on every path tried changes nothing.
        let baseline = match q.kind {
            QuestionKind::Many => AnswerValue::Many(vec![]),
            _ => super::default_answer(q),
        };
        let prints = |v: &AnswerValue| -> Vec<String> {
            bases
                .iter()
                .map(|b| {
                    let mut a = b.clone();
                    a.set(&q.id, v.clone());
                    fingerprint(kb, &a)
                })
                .collect()
        };
        let base_prints = prints(&baseline);
        let mut inert_options = Vec::new();
        for (option, value) in q.options.iter().zip(options_of(q)) {
            if value != baseline && prints(&value) == base_prints {
                inert_options.push(option.id.to_string());
            }
        }
        let choices = q.options.len() - usize::from(q.kind != QuestionKind::Many);
        if !inert_options.is_empty() && inert_options.len() == choices {
            found.push((
                q.id.to_string(),
                None,
                "changes nothing: every answer gives the same advice on every path tried".into(),
            ));
            continue;
        }
        for option in inert_options {
            found.push((
                q.id.to_string(),
                Some(option),
                format!(
                    "gives the same advice as `{}` on every path tried",
                    shown(&baseline)
                ),
            ));
        }
    }
    found
}

fn shown(value: &AnswerValue) -> String {
    match value {
        AnswerValue::One(v) => v.clone(),
        AnswerValue::Many(vs) if vs.is_empty() => "nothing ticked".into(),
        AnswerValue::Many(vs) => vs.join(", "),
    }
}

/// Answers that reach every option of every question: for each question, the answers
/// with which the walk asks it (at most `per_question`), each with every option given.
/// Not filled with defaults; `with_defaults` completes them.
pub fn every_option(kb: &KnowledgeBase, per_question: usize) -> Vec<Answers> {
    let mut out = Vec::new();
    for q in kb.questions.iter().filter(|q| q.kind != QuestionKind::Text) {
        for base in bases(kb, &q.id, per_question) {
            for value in options_of(q) {
                let mut answers = base.clone();
                answers.set(&q.id, value);
                out.push(answers);
            }
        }
    }
    out
}
