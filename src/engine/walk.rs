//! Walking the decision trees with a set of answers. Pure: the same knowledge base and
//! answers always give the same walk.

use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;
use std::sync::Arc;

use serde::Serialize;

use super::answers::Answers;
use super::reasons;
use super::schema::holds_by;
use super::select::{self, Stack};
use super::turn::{branches, push_unique};
pub use super::turn::{Targets, Turn};
use crate::kb::stack::{BESIDE, BY_PRIMARY};
use crate::kb::{AnswerValue, Condition, KnowledgeBase, Node, Outcome, QuestionKind, Text, Tree};

/// One (question, answer) pair that led to a piece of advice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Because {
    pub question: Text,
    /// The option id(s) chosen, comma-separated for several.
    pub answer: Text,
    /// The option label(s), for people.
    pub label: Text,
}

/// An outcome the walk reached, with how it got there.
#[derive(Debug, Clone)]
pub struct Reached<'kb> {
    pub tree: &'kb Tree,
    pub node: &'kb Node,
    pub outcome: &'kb Outcome,
    pub because: Arc<[Because]>,
    /// Node ids from the tree's start (and `tree:outcome` for decisions passed). Shared:
    /// every item the outcome produces carries the same path.
    pub path: Arc<[Text]>,
    /// The stack role whose engine the outcome is about: that of the last `engine` node
    /// on its way (`cache` for the caching advice), None when it passed none (the
    /// primary's advice).
    pub role: Option<&'kb str>,
}

#[derive(Debug, Default)]
pub struct Walk<'kb> {
    pub reached: Vec<Reached<'kb>>,
    /// Unanswered questions met, first one first: the next question is `pending[0]`.
    pub pending: Vec<&'kb str>,
    /// Answered questions met, in walk order: "the path so far".
    pub asked: Vec<&'kb str>,
    /// Their answers, in the same order.
    pub answered: Vec<Because>,
    /// Trees that could not be finished (a question pending, or waiting on a tree).
    pub unfinished: Vec<&'kb str>,
    /// The stores, once a `choose: stores` node was reached with its questions answered.
    pub stack: Option<Stack<'kb>>,
    /// How many of `asked` the stores were chosen from: the questions asked before the
    /// `choose` node.
    pub asked_before_stack: usize,
    /// Every way the answers chose, in walk order: another answer that turns each of
    /// them the same way, and chooses the same stores, walks the same way (what
    /// `sensitivity` relies on to skip most alternatives without walking them).
    pub turns: Vec<Turn<'kb>>,
}

impl<'kb> Walk<'kb> {
    pub fn is_complete(&self) -> bool {
        self.pending.is_empty() && self.unfinished.is_empty()
    }

    pub fn next_question(&self) -> Option<&'kb str> {
        self.pending.first().copied()
    }
}

/// Describes an answer for the trace.
pub fn because(kb: &KnowledgeBase, question: &str, value: &AnswerValue) -> Because {
    let q = kb.question(question);
    let id = q.map_or_else(|| question.into(), |q| q.id.clone());
    let choices = q.filter(|q| q.kind != QuestionKind::Text);
    // The usual case, one option: its id and its label as the knowledge base has them.
    if let (AnswerValue::One(v), Some(q)) = (value, choices) {
        if let Some(choice) = q.choice(v) {
            return Because {
                question: id,
                answer: choice.id.clone(),
                label: choice.label.clone(),
            };
        }
    }
    let values = value.values();
    let label = match choices {
        Some(q) => values
            .iter()
            .map(|v| q.choice(v).map(|c| c.label.as_str()).unwrap_or(v))
            .collect::<Vec<_>>()
            .join("; "),
        None => values.join(" "),
    };
    Because {
        question: id,
        answer: values.join(", ").into(),
        label: label.into(),
    }
}

struct Walker<'kb, 'a> {
    kb: &'kb KnowledgeBase,
    answers: &'a Answers,
    walk: Walk<'kb>,
    /// `walk.asked` as a set: every question node checks it.
    asked: FxHashSet<&'kb str>,
    /// The outcomes reached so far, their trails still as indexes.
    found: Vec<Found<'kb>>,
    /// Where each tree's outcomes are in `found`: later trees branch on them.
    found_in: FxHashMap<&'kb str, Vec<usize>>,
    /// Every (question, answer) pair met, once: trails hold indexes into it.
    becauses: Vec<Because>,
    /// Where each pair is in `becauses`.
    interned: FxHashMap<Because, usize>,
    /// Where an answered question's pair is in `becauses`.
    because_of: FxHashMap<&'kb str, usize>,
    /// Every path step made, once.
    steps: Vec<Text>,
    buffer: String,
    /// How many questions were pending when the current tree started.
    pending_at_tree_start: usize,
}

/// What is carried down a branch: the answers and the steps that led here, as indexes
/// into the walker's tables, so copying it at every node copies a few numbers (inline,
/// without allocating, for the usual short trail).
#[derive(Clone, Default)]
struct Trail<'kb> {
    because: SmallVec<[usize; 8]>,
    path: SmallVec<[usize; 12]>,
    /// The role of the last `engine` node passed.
    role: Option<&'kb str>,
}

impl<'kb> Trail<'kb> {
    fn with(&self, because: &[usize], step: Option<usize>) -> Trail<'kb> {
        let mut next = self.clone();
        for b in because {
            if !next.because.contains(b) {
                next.because.push(*b);
            }
        }
        next.path.extend(step);
        next
    }
}

/// A `Reached` during the walk.
struct Found<'kb> {
    tree: &'kb Tree,
    node: &'kb Node,
    outcome: &'kb Outcome,
    trail: Trail<'kb>,
}

pub fn walk<'kb>(kb: &'kb KnowledgeBase, answers: &Answers) -> Walk<'kb> {
    let mut walker = Walker {
        kb,
        answers,
        walk: Walk::default(),
        asked: FxHashSet::default(),
        found: Vec::new(),
        found_in: FxHashMap::default(),
        interned: FxHashMap::default(),
        becauses: Vec::new(),
        because_of: FxHashMap::default(),
        steps: Vec::new(),
        buffer: String::new(),
        pending_at_tree_start: 0,
    };
    // Trees after the one that chooses the stores wait for it: until the stores are
    // chosen, a condition there would read questions the interview has not reached.
    let stack_order = kb
        .trees
        .iter()
        .find(|t| t.nodes.iter().any(|n| n.choose.is_some()))
        .map(|t| t.order);
    for tree in &kb.trees {
        if stack_order.is_some_and(|o| tree.order > o) && walker.walk.stack.is_none() {
            walker.walk.unfinished.push(tree.id.as_str());
            continue;
        }
        let pending_before = walker.walk.pending.len();
        walker.pending_at_tree_start = pending_before;
        // Per node (by position in the tree): visited yet?
        let mut visited = vec![false; tree.nodes.len()];
        let finished = walker.visit(tree, &tree.start, &Trail::default(), &mut visited);
        if !finished || walker.walk.pending.len() > pending_before {
            walker.walk.unfinished.push(tree.id.as_str());
        }
    }
    let Walker {
        mut walk,
        found,
        becauses,
        because_of,
        steps,
        ..
    } = walker;
    walk.answered = walk
        .asked
        .iter()
        .map(|q| becauses[because_of[q]].clone())
        .collect();
    walk.reached = found
        .into_iter()
        .map(|f| Reached {
            tree: f.tree,
            node: f.node,
            outcome: f.outcome,
            because: f
                .trail
                .because
                .iter()
                .map(|&b| becauses[b].clone())
                .collect(),
            path: f.trail.path.iter().map(|&s| steps[s].clone()).collect(),
            role: f.trail.role,
        })
        .collect();
    walk
}

impl<'kb> Walker<'kb, '_> {
    /// Visits a node and everything after it. Returns false when the walk had to stop
    /// somewhere below (an unanswered question, or an unfinished earlier tree).
    fn visit(
        &mut self,
        tree: &'kb Tree,
        node_id: &str,
        trail: &Trail<'kb>,
        visited: &mut [bool],
    ) -> bool {
        let Some(at) = tree.node_position(node_id) else {
            return true; // `kb check` rules this out; an empty branch is harmless
        };
        let node = &tree.nodes[at];
        if std::mem::replace(&mut visited[at], true) {
            self.merge_trace(tree, node, trail);
            return true;
        }
        // What follows an `engine` node is about that role's engine.
        let mut role = trail.role;
        let (targets, because, step) = if let Some(qid) = &node.question {
            let Some(question) = self.kb.question(qid) else {
                return true;
            };
            match self.node_condition(node) {
                None => return false,
                Some(false) => {
                    // Not asked: the walk goes on as if the node were not there, for the
                    // answers its `unless` names when they hold: they chose this way.
                    let skipped_by = self.unless_because(node);
                    let trail = trail.with(&skipped_by, None);
                    return match &node.otherwise {
                        Some(t) => self.visit(tree, t, &trail, visited),
                        None => self.visit_next(tree, node, &trail, visited),
                    };
                }
                Some(true) => {}
            }
            let Some(value) = self.answers.get(qid) else {
                if !self.walk.pending.contains(&question.id.as_str()) {
                    self.walk.pending.push(question.id.as_str());
                }
                // A question that does not branch (the project's description, say) cannot
                // change the path, so the walk goes on past it; it stays pending.
                let blocks = !node.branches.is_empty() || node.otherwise.is_some();
                if blocks || node.next.is_none() {
                    return !blocks;
                }
                let next = node.next.as_deref().expect("checked above");
                return self.visit(tree, next, trail, visited);
            };
            if self.asked.insert(question.id.as_str()) {
                self.walk.asked.push(question.id.as_str());
            }
            let (targets, led_by) = branches(question, node, value);
            if !node.branches.is_empty() {
                self.walk.turns.push(Turn::Branch {
                    question,
                    node,
                    targets: targets.clone(),
                });
            }
            let b = self.because_of(question.id.as_str(), value);
            let answer = self.becauses[b].answer.clone();
            let step = self.step(&[&node.id, "=", &answer]);
            if matches!(value, AnswerValue::Many(_)) && !led_by.is_empty() {
                let trail = trail.with(&[], Some(step));
                let mut finished = true;
                for (target, options) in targets.iter().zip(&led_by) {
                    let own =
                        self.intern(because(self.kb, qid, &AnswerValue::Many(options.clone())));
                    let branch = trail.with(&[own], None);
                    finished &= self.visit(tree, target, &branch, visited);
                }
                return finished && self.visit_next(tree, node, &trail, visited);
            }
            (targets, SmallVec::from_slice(&[b]), Some(step))
        } else if node.choose.is_some() {
            // Questions an overlay asks before the stores are chosen, with no node of its own.
            for q in self.kb.questions.iter().filter(|q| q.ask.is_some()) {
                let id = q.id.as_str();
                if self.asked.contains(id) || self.walk.pending.contains(&id) {
                    continue;
                }
                let when = q.ask.as_ref().and_then(|a| a.when.as_ref());
                match when.map(|c| self.condition(c)).unwrap_or(Some(true)) {
                    None => return false,
                    Some(false) => continue,
                    Some(true) => {}
                }
                match self.answers.get(id) {
                    Some(value) => {
                        self.asked.insert(id);
                        self.walk.asked.push(id);
                        self.because_of(id, value);
                    }
                    None => self.walk.pending.push(id),
                }
            }
            // The stores are chosen once every question before this node is answered.
            if self.walk.pending.len() > self.pending_at_tree_start {
                return false;
            }
            // What the ranking may read: the answers to the questions asked so far.
            let known = self.answers.only(&self.walk.asked);
            self.walk.stack = Some(select::choose(self.kb, &known, &self.walk.asked));
            self.walk.asked_before_stack = self.walk.asked.len();
            let step = self.step(&[&node.id]);
            (Targets::new(), SmallVec::new(), Some(step))
        } else if let Some(role_id) = &node.engine {
            let Some(stack) = &self.walk.stack else {
                return false;
            };
            let engine = stack.engine_for(role_id);
            // The engine's id, or with `capability` whether it has it; no engine in the
            // role goes to `otherwise`.
            let key = engine.map(|e| match &node.capability {
                Some(c) if e.has(c) => "yes",
                Some(_) => "no",
                None => e.id.as_str(),
            });
            // A role the primary store serves itself takes the branch `primary` if the
            // node has one: a cache in front of the primary is another thing than a
            // primary that keeps its hot data in memory.
            let by_primary = *role_id != "primary"
                && stack
                    .picks
                    .iter()
                    .any(|p| p.role == *role_id && p.by_primary);
            let beside = key.is_some() && !by_primary && *role_id != "primary";
            let key = if by_primary && node.branches.contains_key(BY_PRIMARY) {
                Some(BY_PRIMARY)
            } else if beside && node.branches.contains_key(BESIDE) {
                Some(BESIDE)
            } else {
                key
            };
            let mut targets = Targets::new();
            if let Some(t) = key
                .and_then(|k| node.branches.get(k))
                .or(node.otherwise.as_ref())
            {
                targets.push(t);
            }
            // What follows from a store has the store's own reasons, not these.
            let step = self.step(&[role_id, ":", key.unwrap_or("none")]);
            // A check of the primary's capability inside another store's branch (how the
            // event log is fed) is still about that store.
            let checks_primary = *role_id == "primary" && node.capability.is_some();
            if !(checks_primary && role.is_some_and(|r| r != "primary")) {
                role = Some(role_id.as_str());
            }
            (targets, SmallVec::new(), Some(step))
        } else if let Some(condition) = &node.check {
            let Some(holds_here) = self.condition(condition) else {
                return false;
            };
            // `unless` takes a case out of the condition (the readings kept elsewhere).
            let excepted = match &node.unless {
                Some(unless) => match self.condition(unless) {
                    Some(held) => held,
                    None => return false,
                },
                None => false,
            };
            let holds_here = holds_here && !excepted;
            let target = if holds_here {
                &node.then
            } else {
                &node.otherwise
            };
            let mut targets = Targets::new();
            let mut because = SmallVec::<[usize; 8]>::new();
            if let Some(t) = target {
                targets.push(t);
            }
            if holds_here {
                let (asked, answers) = (&self.asked, self.answers);
                let pairs = reasons::condition_because(self.kb, condition, |q| {
                    asked.contains(q).then(|| answers.get(q)).flatten()
                });
                for b in pairs {
                    because.push(self.intern(b));
                }
            }
            let step = self.step(&[&node.id, if holds_here { "=yes" } else { "=no" }]);
            (targets, because, Some(step))
        } else if let Some(tid) = &node.decision {
            if self.walk.unfinished.contains(&tid.as_str()) {
                return false;
            }
            let mut targets = Targets::new();
            let mut because = SmallVec::<[usize; 8]>::new();
            let mut matched = Vec::new();
            let earlier_outcomes = self.found_in.get(tid.as_str()).map_or(&[][..], |v| v);
            for earlier in earlier_outcomes.iter().map(|&i| &self.found[i]) {
                if let Some(t) = node.branches.get(earlier.node.id.as_str()) {
                    push_unique(&mut targets, t);
                    because.extend(earlier.trail.because.iter().copied());
                    matched.push(earlier.node.id.as_str());
                }
            }
            if targets.is_empty() {
                if let Some(t) = &node.otherwise {
                    targets.push(t);
                }
            }
            let step = self.step(&[tid, ":", &matched.join("+")]);
            (targets, because, Some(step))
        } else {
            let outcome = node.outcome.as_ref().expect("checked: one kind per node");
            let step = self.push_step(node.id.clone());
            self.found_in
                .entry(tree.id.as_str())
                .or_default()
                .push(self.found.len());
            self.found.push(Found {
                tree,
                node,
                outcome,
                trail: trail.with(&[], Some(step)),
            });
            (Targets::new(), SmallVec::new(), Some(step))
        };
        let mut trail = trail.with(&because, step);
        trail.role = role;
        let mut finished = true;
        for target in targets {
            finished &= self.visit(tree, target, &trail, visited);
        }
        finished && self.visit_next(tree, node, &trail, visited)
    }

    /// Visits the node's `next`, if any. What follows `next` does not depend on the branch
    /// taken at the node, so it does not inherit that branch's reasons, only the path.
    fn visit_next(
        &mut self,
        tree: &'kb Tree,
        node: &'kb Node,
        trail: &Trail<'kb>,
        visited: &mut [bool],
    ) -> bool {
        let Some(next) = &node.next else {
            return true;
        };
        // The role carries on: the steps after a store's advice are still about it.
        let after = Trail {
            because: SmallVec::new(),
            path: trail.path.clone(),
            role: trail.role,
        };
        self.visit(tree, next, &after, visited)
    }

    /// A node reached a second way: its outcome also happened because of this trail.
    fn merge_trace(&mut self, tree: &Tree, node: &Node, trail: &Trail<'kb>) {
        let outcomes = self.found_in.get(tree.id.as_str()).map_or(&[][..], |v| v);
        if let Some(&at) = outcomes.iter().find(|&&i| self.found[i].node.id == node.id) {
            let f = &mut self.found[at];
            for b in &trail.because {
                if !f.trail.because.contains(b) {
                    f.trail.because.push(*b);
                }
            }
        }
    }

    /// Whether a question node's `when`/`unless` let it be asked: None while a question
    /// they read is still pending.
    fn node_condition(&mut self, node: &'kb Node) -> Option<bool> {
        let when = node
            .when
            .as_ref()
            .map(|c| self.condition(c))
            .unwrap_or(Some(true))?;
        let unless = node
            .unless
            .as_ref()
            .map(|c| self.condition(c))
            .unwrap_or(Some(false))?;
        Some(when && !unless)
    }

    /// The answers a question node's `unless` names, when it holds (none otherwise).
    fn unless_because(&mut self, node: &'kb Node) -> SmallVec<[usize; 8]> {
        let Some(unless) = &node.unless else {
            return SmallVec::new();
        };
        let (asked, answers) = (&self.asked, self.answers);
        let pairs = reasons::condition_because(self.kb, unless, |q| {
            asked.contains(q).then(|| answers.get(q)).flatten()
        });
        pairs.into_iter().map(|b| self.intern(b)).collect()
    }

    /// Whether a condition holds on the answers so far: None while a question it reads
    /// is still pending.
    fn condition(&mut self, condition: &'kb Condition) -> Option<bool> {
        let reads_pending = condition
            .maps()
            .iter()
            .flat_map(|m| m.keys())
            .any(|q| self.walk.pending.contains(&q.as_str()));
        if reads_pending {
            return None;
        }
        let held = holds_by(condition, |q| {
            self.asked
                .contains(q)
                .then(|| self.answers.get(q))
                .flatten()
        });
        self.walk.turns.push(Turn::Condition {
            condition,
            asked: self.walk.asked.len(),
            held,
        });
        Some(held)
    }

    /// The (question, answer) pair of an answered question, made once per walk.
    fn because_of(&mut self, question: &'kb str, value: &AnswerValue) -> usize {
        if let Some(&at) = self.because_of.get(question) {
            return at;
        }
        let at = self.intern(because(self.kb, question, value));
        self.because_of.insert(question, at);
        at
    }

    /// Where a pair is in `becauses`, adding it the first time.
    fn intern(&mut self, b: Because) -> usize {
        if let Some(&at) = self.interned.get(&b) {
            return at;
        }
        self.becauses.push(b.clone());
        self.interned.insert(b, self.becauses.len() - 1);
        self.becauses.len() - 1
    }

    /// A step made of `parts`, put together in a buffer kept between steps, so that a
    /// step allocates only its shared text.
    fn step(&mut self, parts: &[&str]) -> usize {
        self.buffer.clear();
        for part in parts {
            self.buffer.push_str(part);
        }
        let step = Text::from(self.buffer.as_str());
        self.push_step(step)
    }

    fn push_step(&mut self, step: Text) -> usize {
        self.steps.push(step);
        self.steps.len() - 1
    }
}
