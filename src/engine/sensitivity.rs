//! Which answers the decision hangs on: each answered question on the path, answered
//! differently, and what that would change. Pure; runs on every results screen.

use serde::Serialize;

use super::advise::advise_to_compare;
use super::answers::Answers;
use super::diff::{diff, AdviceDiff};
use super::walk::Walk;
use super::{select, walk_with_defaults, Advice};
use crate::kb::{AnswerValue, KnowledgeBase, QuestionKind, Text, PRODUCT_QUESTION};

/// One alternative answer that would change the stack or a decision.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// The answer given (option ids, comma-separated), and its label(s).
    pub current: String,
    pub current_label: String,
    /// The answer as it would be (option ids, comma-separated).
    pub answer: String,
    /// Its option label(s), for people.
    pub label: String,
    /// What the alternative answer is: worded (and serialized) by `report::words` as
    /// “Documents” for one choice, also “Analytics” or not “Caching” for several.
    pub change: AnswerChange,
    pub diff: AdviceDiff,
}

/// The other answers worth trying for a question: every other option of a single
/// choice, each option toggled for several choices.
fn alternatives(kb: &KnowledgeBase, question: &str, current: &AnswerValue) -> Vec<AnswerValue> {
    let Some(q) = kb.question(question) else {
        return vec![];
    };
    let chosen = current.values();
    match q.kind {
        QuestionKind::Text => vec![],
        QuestionKind::One => q
            .options
            .iter()
            .filter(|o| !chosen.contains(&o.id.as_str()))
            .map(|o| AnswerValue::One(o.id.to_string()))
            .collect(),
        QuestionKind::Many => q
            .options
            .iter()
            .map(|o| {
                let mut values: Vec<String> = chosen
                    .iter()
                    .filter(|v| **v != o.id)
                    .map(|v| v.to_string())
                    .collect();
                if !chosen.contains(&o.id.as_str()) {
                    values.push(o.id.to_string());
                }
                AnswerValue::Many(values)
            })
            .filter(|v| !(q.at_least_one && v.values().is_empty()))
            .collect(),
    }
}

/// Every single-answer change on the path that would change the stack, a decision or
/// the CAP stance, in walk order. For complete answers (what `advise_with_sensitivity`
/// runs it on).
pub fn sensitivity(kb: &KnowledgeBase, answers: &Answers) -> Vec<Sensitivity> {
    let (filled, defaulted, mut walked) = walk_with_defaults(kb, answers);
    // The advice reads the questions asked, not the turns.
    let asked: Vec<&str> = walked.asked.clone();
    let turns = std::mem::take(&mut walked.turns);
    let before_stack = &asked[..walked.asked_before_stack];
    let stores = walked.stack.as_ref().map(StoreKey::of);
    // Compared only: without the starter schema, as each alternative is.
    let mut base = advise_to_compare(kb, &filled, &walked);
    base.defaulted = defaulted;
    let outline = Outline::of_advice(&base);
    let mut out = Vec::new();
    // What the product does picks the domain's tables and nothing else: it weighs no
    // engine and no tree reads it (kb check holds it to that), so trying its other
    // domains could change none of what is listed here.
    for &qid in asked.iter().filter(|q| **q != PRODUCT_QUESTION) {
        let Some(current) = answers.get(qid) else {
            continue;
        };
        for alternative in alternatives(kb, qid, current) {
            let mut changed = answers.clone();
            changed.set(qid, alternative.clone());
            // An answer that turns the walk the same way everywhere walks it the same
            // way, unless it chooses other stores: most alternatives are settled here,
            // at most by choosing the stores again, without walking the trees.
            if turns.iter().all(|t| t.same_with(qid, &changed, &asked)) {
                let Some(stores) = &stores else { continue };
                if !before_stack.contains(&qid) {
                    continue;
                }
                let known = changed.only(before_stack);
                if StoreKey::of(&select::choose(kb, &known, before_stack)) == *stores {
                    continue;
                }
            }
            let (filled, defaulted, walked) = walk_with_defaults(kb, &changed);
            // Most alternatives change none of it: they need no advice of their own.
            if Outline::of_walk(kb, &filled, &walked) == outline {
                continue;
            }
            // What `advise_with_defaults(kb, &changed)` makes, less the starter schema
            // and the domain, which the diff does not read.
            let mut after = advise_to_compare(kb, &filled, &walked);
            after.defaulted = defaulted;
            let mut d = diff(kb, &base, &after);
            // The same engines under other names (object storage is Amazon S3 on AWS,
            // MinIO on your own servers), or one engine for its drop-in replacement
            // (Valkey for Redis), are not another stack: a what-if shows them, the
            // decision does not hang on them.
            if designed(kb, &Outline::of_advice(&after).stack) == designed(kb, &outline.stack) {
                d.stack.clear();
            }
            if d.stack.is_empty() && d.decisions.is_empty() && d.cap.is_none() {
                continue;
            }
            let now = super::walk::because(kb, qid, current);
            let because = super::walk::because(kb, qid, &alternative);
            let change = describe_change(kb, qid, current, &alternative);
            out.push(Sensitivity {
                question: qid.to_string(),
                prompt: kb
                    .question(qid)
                    .map(|q| q.prompt.clone())
                    .unwrap_or_default(),
                current: now.answer.to_string(),
                current_label: now.label.to_string(),
                answer: because.answer.to_string(),
                label: because.label.to_string(),
                change,
                diff: d,
            });
        }
    }
    out
}

/// What of the chosen stores the rest of the walk reads: each pick's role, engine and
/// whether the primary serves it. Two stacks with the same key lead the trees after the
/// `choose` node the same way.
#[derive(PartialEq)]
struct StoreKey<'kb>(Vec<(Text, &'kb str, bool)>);

impl<'kb> StoreKey<'kb> {
    fn of(stack: &select::Stack<'kb>) -> StoreKey<'kb> {
        let picks = stack.picks.iter();
        StoreKey(
            picks
                .map(|p| (p.role.clone(), p.engine.id.as_str(), p.by_primary))
                .collect(),
        )
    }
}

/// What an alternative must change to be listed: each store of the stack (role and
/// engine, in order: a store's name under other answers changes nothing decided) and each decision (tree, outcome title, in order). Two advices with
/// the same outline have no stack, decision or CAP change between them (the CAP stance
/// is the primary store's), so an alternative with the base's outline is dropped
/// without building its advice (its schema, patterns, snippets): that was most of the
/// cost of `recommend`. Any other is diffed in full, as before.
#[derive(PartialEq)]
struct Outline {
    stack: Vec<[Text; 2]>,
    decisions: Vec<[Text; 2]>,
}

impl Outline {
    fn of_advice(advice: &Advice) -> Outline {
        let stack = advice.stack.iter();
        let decisions = advice.decisions.iter();
        Outline {
            stack: stack.map(|c| [c.role.clone(), c.engine.clone()]).collect(),
            decisions: decisions
                .map(|d| [d.tree.clone(), d.title.clone()])
                .collect(),
        }
    }

    /// The outline `advise(kb, filled)` would have, from its walk (`walked`), as
    /// `advise` picks its stack and lists its decisions.
    fn of_walk(kb: &KnowledgeBase, filled: &Answers, walked: &Walk) -> Outline {
        let chosen;
        let stack = match &walked.stack {
            Some(stack) => stack,
            None => {
                chosen = select::choose(kb, filled, &walked.asked);
                &chosen
            }
        };
        let picks = stack.picks.iter();
        let reached = walked.reached.iter();
        Outline {
            stack: picks
                .map(|p| [p.role.clone(), p.engine.id.clone()])
                .collect(),
            decisions: reached
                .map(|r| [r.tree.id.clone(), r.outcome.title.clone()])
                .collect(),
        }
    }
}

/// A stack's (role, engine) pairs with each drop-in replacement as the engine it
/// replaces.
fn designed<'a>(kb: &'a KnowledgeBase, stack: &'a [[Text; 2]]) -> Vec<(&'a str, &'a str)> {
    let design = |id: &'a Text| {
        kb.engine(id)
            .and_then(|e| e.drop_in_for.as_deref())
            .unwrap_or(id.as_str())
    };
    stack
        .iter()
        .map(|[role, id]| (role.as_str(), design(id)))
        .collect()
}

/// An alternative answer, as the option label(s) it changes.
#[derive(Debug, Clone)]
pub enum AnswerChange {
    /// A one-choice question answered with this option instead.
    One(Text),
    /// A several-choice question with this option ticked too …
    Also(Text),
    /// … or unticked.
    Not(Text),
    /// The same options: `alternatives` never makes one, but a toggle that changes
    /// nothing still has a name.
    Same,
}

/// The option a one-choice alternative picks, or the one a several-choice alternative
/// ticks or unticks.
fn describe_change(
    kb: &KnowledgeBase,
    question: &str,
    current: &AnswerValue,
    alternative: &AnswerValue,
) -> AnswerChange {
    let label = |id: &str| {
        kb.question(question)
            .and_then(|q| q.choice(id))
            .map_or_else(|| id.into(), |c| c.label.clone())
    };
    let (now, then) = (current.values(), alternative.values());
    match alternative {
        AnswerValue::Many(_) => {
            let ticked = then.iter().find(|v| !now.contains(v));
            let unticked = now.iter().find(|v| !then.contains(v));
            match (ticked, unticked) {
                (Some(t), _) => AnswerChange::Also(label(t)),
                (None, Some(u)) => AnswerChange::Not(label(u)),
                (None, None) => AnswerChange::Same,
            }
        }
        AnswerValue::One(v) => AnswerChange::One(label(v)),
    }
}
