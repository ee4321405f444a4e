//! Which questions and options change nothing: `kb check` names them, since a question
//! whose answer never moves the advice only lengthens the interview. For each question,
//! answers that reach it are found (the defaults, or the defaults with one other answer
//! changed), and the advice of each option is compared with the default answer's.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashSet;

use super::advise::advise_walked;
use super::answers::Answers;
use super::{default_answer, walk_with_defaults};
use crate::kb::{AnswerValue, KnowledgeBase, Question, QuestionKind, PRODUCT_QUESTION};

/// What the advice decides, to compare: the stack, the ranking, the outcomes reached,
/// the patterns, indexes and checklist, and the starter schema.
fn fingerprint(kb: &KnowledgeBase, answers: &Answers) -> String {
    let (filled, _, walked) = walk_with_defaults(kb, answers);
    let a = advise_walked(kb, &filled, walked);
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

/// Answers with one question's option given, and the questions the walk then asks.
type OptionAlone<'kb> = (Answers, FxHashSet<&'kb str>);

/// Which questions the walk asks with the defaults, and with the defaults and one other
/// answer changed. That does not depend on the question looked for, so each of these
/// walks is made once for every question (a walk with defaults is some five walks).
pub struct Reach<'kb> {
    kb: &'kb KnowledgeBase,
    by_default: FxHashSet<&'kb str>,
    /// For each question, in the knowledge base's order: each of its options alone, with
    /// the questions the walk then asks.
    changed: Vec<(&'kb str, Vec<OptionAlone<'kb>>)>,
}

impl<'kb> Reach<'kb> {
    pub fn new(kb: &'kb KnowledgeBase) -> Self {
        let asked = |answers: &Answers| -> FxHashSet<&'kb str> {
            walk_with_defaults(kb, answers)
                .2
                .asked
                .into_iter()
                .collect()
        };
        let changed = kb
            .questions
            .iter()
            .filter(|q| q.kind != QuestionKind::Text)
            .map(|q| {
                let each = options_of(q)
                    .into_iter()
                    .map(|value| {
                        let mut answers = Answers::default();
                        answers.set(&q.id, value);
                        let asks = asked(&answers);
                        (answers, asks)
                    })
                    .collect();
                (q.id.as_str(), each)
            })
            .collect();
        Reach {
            kb,
            by_default: asked(&Answers::default()),
            changed,
        }
    }

    /// Answers with which the walk asks `question`: the defaults, else the defaults with
    /// one other answer changed (the first option of each question that does), else
    /// those a node that asks it names in its condition (a question asked only after two
    /// answers). At most `limit` of them.
    fn bases(&self, question: &str, limit: usize) -> Vec<Answers> {
        let mut found = Vec::new();
        if self.by_default.contains(question) {
            found.push(Answers::default());
        }
        for (q, each) in &self.changed {
            if found.len() >= limit {
                break;
            }
            if *q == question {
                continue;
            }
            if let Some((answers, _)) = each.iter().find(|(_, asks)| asks.contains(question)) {
                found.push(answers.clone());
            }
        }
        if found.is_empty() {
            found.extend(self.named_by_conditions(question).take(limit));
        }
        found
    }

    /// For each node that asks `question`, and the question's own `ask`, each
    /// alternative of its condition given with the first option it names for every
    /// question, where the walk then asks it. A several-choice option is tried alone,
    /// then ticked beside the default (events beside the default records, for a question
    /// asked only where events sit beside other data).
    fn named_by_conditions<'a>(&'a self, question: &'a str) -> impl Iterator<Item = Answers> + 'a {
        let kb = self.kb;
        let nodes = kb.trees.iter().flat_map(|t| &t.nodes);
        let asking = nodes.filter(move |n| n.question.as_deref() == Some(question));
        let own = kb.question(question).and_then(|q| q.ask.as_ref());
        let conditions = asking.filter_map(|n| n.when.as_ref());
        let conditions = conditions.chain(own.and_then(|a| a.when.as_ref()));
        let maps = conditions.flat_map(|c| c.maps());
        maps.flat_map(move |map| {
            [false, true].into_iter().filter_map(move |beside_default| {
                let mut answers = Answers::default();
                for (q, value) in map {
                    let q = kb.question(q)?;
                    let mut answer = option_alone(q, value.iter().next()?);
                    if let (true, AnswerValue::Many(ticked)) = (beside_default, &mut answer) {
                        for v in default_answer(q).values() {
                            if !ticked.iter().any(|t| t == v) {
                                ticked.push(v.to_string());
                            }
                        }
                    }
                    answers.set(&q.id, answer);
                }
                let asks = walk_with_defaults(kb, &answers).2.asked.contains(&question);
                asks.then_some(answers)
            })
        })
    }
}

/// Each option as an answer: one option, or for several choices one ticked alone.
pub fn options_of(q: &Question) -> Vec<AnswerValue> {
    q.options.iter().map(|o| option_alone(q, &o.id)).collect()
}

/// One option as the answer to `q`: chosen, or for several choices ticked alone.
fn option_alone(q: &Question, option: &str) -> AnswerValue {
    match q.kind {
        QuestionKind::Many => AnswerValue::Many(vec![option.to_string()]),
        _ => AnswerValue::One(option.to_string()),
    }
}

/// (question id, option id or None for the whole question, message) for every question
/// or option whose answer changes nothing on the paths tried.
pub fn inert(kb: &KnowledgeBase) -> Vec<(String, Option<String>, String)> {
    let reach = Reach::new(kb);
    // The same answers come back under many questions (a default given explicitly).
    let mut memo: HashMap<BTreeMap<String, AnswerValue>, String> = HashMap::new();
    let mut found = Vec::new();
    // What the product does changes the starter schema alone, one domain per option:
    // kb check holds every option to a domain whose model reads, in every dialect.
    let questions = kb.questions.iter().filter(|q| q.id != PRODUCT_QUESTION);
    for q in questions.filter(|q| q.kind != QuestionKind::Text) {
        let bases = reach.bases(&q.id, 4);
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
        let mut prints = |v: &AnswerValue| -> Vec<String> {
            bases
                .iter()
                .map(|b| {
                    let mut a = b.clone();
                    a.set(&q.id, v.clone());
                    memo.entry(a.values.clone())
                        .or_insert_with(|| fingerprint(kb, &a))
                        .clone()
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
    let reach = Reach::new(kb);
    let mut out = Vec::new();
    for q in kb.questions.iter().filter(|q| q.kind != QuestionKind::Text) {
        for base in reach.bases(&q.id, per_question) {
            for value in options_of(q) {
                let mut answers = base.clone();
                answers.set(&q.id, value);
                out.push(answers);
            }
        }
    }
    out
}
