//! Where a walk turns: the branches and conditions that read answers to choose its way,
//! and whether another answer would turn it the same way (what `sensitivity` relies on
//! to skip alternatives without walking them).

use smallvec::SmallVec;

use super::answers::Answers;
use super::schema::holds_by;
use crate::kb::{AnswerValue, Condition, Node, Question};

/// A place where the walk read answers to choose its way.
#[derive(Debug, Clone)]
pub enum Turn<'kb> {
    /// A question node that branches, and the nodes its answer led to.
    Branch {
        question: &'kb Question,
        node: &'kb Node,
        targets: Targets<'kb>,
    },
    /// A condition (a node's `when`, `unless` or `check`, a question's `ask`), whether
    /// it held, and how many questions had been asked then (it reads only those).
    Condition {
        condition: &'kb Condition,
        asked: usize,
        held: bool,
    },
}

impl Turn<'_> {
    /// Whether the walk turns the same way here with `answers`, which differ from the
    /// walk's only in `question`'s answer; `asked` is the walk's.
    pub fn same_with(&self, question: &str, answers: &Answers, asked: &[&str]) -> bool {
        match self {
            Turn::Branch {
                question: q,
                node,
                targets,
            } => {
                q.id != question
                    || answers
                        .get(question)
                        .is_some_and(|v| branches(q, node, v).0 == *targets)
            }
            Turn::Condition {
                condition,
                asked: before,
                held,
            } => {
                let reads = condition.maps().iter().flat_map(|m| m.keys());
                !reads.clone().any(|q| q == question)
                    || holds_by(condition, |q| {
                        asked[..*before]
                            .contains(&q)
                            .then(|| answers.get(q))
                            .flatten()
                    }) == *held
            }
        }
    }
}

/// The nodes a node leads to.
pub type Targets<'kb> = SmallVec<[&'kb str; 4]>;

/// Where a question node leads for an answer, and per target the selected options that
/// lead there: a branch of a several-choice question happens because of its own
/// options, not of every ticked one. Nowhere for a node that does not branch.
pub(super) fn branches<'kb>(
    question: &'kb Question,
    node: &'kb Node,
    value: &AnswerValue,
) -> (Targets<'kb>, Vec<Vec<String>>) {
    let mut targets = Targets::new();
    let mut led_by: Vec<Vec<String>> = Vec::new();
    if node.branches.is_empty() {
        return (targets, led_by);
    }
    // Several selected options are followed in the question's own order.
    for option in question.options.iter().filter(|o| value.has(&o.id)) {
        if let Some(t) = node
            .branches
            .get(option.id.as_str())
            .or(node.otherwise.as_ref())
        {
            push_unique(&mut targets, t);
            let at = targets.iter().position(|x| x == t).expect("pushed");
            led_by.resize(targets.len(), Vec::new());
            led_by[at].push(option.id.to_string());
        }
    }
    if targets.is_empty() {
        if let Some(t) = &node.otherwise {
            targets.push(t);
        }
    }
    (targets, led_by)
}

pub(super) fn push_unique<'a>(list: &mut Targets<'a>, item: &'a str) {
    if !list.contains(&item) {
        list.push(item);
    }
}
