//! The needs the answers raise: the requirements every candidate store must meet, and the
//! roles beside the primary, each with the answers that raised it.

use super::answers::Answers;
use super::rank::{Carried, Weights};
use super::reasons::{condition_because, in_walk_order, option_because};
use super::schema::holds;
use super::walk::Because;

use crate::kb::{Engine, KnowledgeBase, Need, Text};

/// A need that holds for these answers, with the answers that made it hold.
pub(super) struct Active<'kb> {
    pub(super) label: Text,
    pub(super) role: Option<&'kb Text>,
    pub(super) every_store: bool,
    pub(super) served_by: &'kb [Text],
    /// `served_by` as bits (`KnowledgeBase::capability_mask`).
    pub(super) mask: Vec<u64>,
    /// Met only by the engines the answers favour on this criterion (its position).
    pub(super) favoured_by: Option<usize>,
    pub(super) need: Option<&'kb Need>,
    pub(super) because: Vec<Because>,
}

impl Active<'_> {
    /// Whether the engine meets this requirement.
    pub(super) fn met_by(&self, engine: &Engine, weights: &Weights) -> bool {
        match self.favoured_by {
            Some(i) => weights.favoured[i].contains(&engine.id),
            None => engine.has_any_of(&self.mask),
        }
    }
}

/// The needs (and the options' `requires`) that hold for the answers given so far.
pub(super) fn active_needs<'kb>(
    kb: &'kb KnowledgeBase,
    answers: &Answers,
    asked: &[&str],
) -> Vec<Active<'kb>> {
    let mut active = Vec::new();
    for &qid in asked {
        let (Some(q), Some(value)) = (kb.question(qid), answers.get(qid)) else {
            continue;
        };
        for option in value.iter().filter_map(|id| q.choice(id)) {
            for capability in &option.requires {
                active.push(Active {
                    label: kb
                        .capability(capability)
                        .map_or_else(|| capability.clone(), |c| c.label.clone()),
                    role: None,
                    every_store: false,
                    served_by: std::slice::from_ref(capability),
                    mask: kb.capability_mask(std::slice::from_ref(capability)),
                    favoured_by: None,
                    need: None,
                    because: vec![option_because(kb, qid, &option.id)],
                });
            }
        }
    }
    for need in &kb.needs {
        if !holds(&need.when, answers) || need.unless.as_ref().is_some_and(|u| holds(u, answers)) {
            continue;
        }
        active.push(Active {
            label: need.label.clone(),
            role: need.role.as_ref(),
            every_store: need.every_store,
            served_by: &need.served_by,
            mask: kb.capability_mask(&need.served_by),
            favoured_by: need
                .favoured_by
                .as_ref()
                .and_then(|c| kb.criterion_position(c)),
            need: Some(need),
            because: in_walk_order(condition_because(kb, &need.when, |q| answers.get(q)), asked),
        });
    }
    active
}

/// Takes from the primary's weights the answers each need `carries`: the work they ask
/// for runs on the store of the need's role, and weighs that store's ranking instead.
pub(super) fn hand_over_carried<'kb>(
    kb: &KnowledgeBase,
    weights: &mut Weights,
    active: &[Active<'kb>],
    answers: &Answers,
    asked: &[&str],
) -> Vec<(&'kb Text, Carried)> {
    let mut carried = Vec::new();
    for a in active {
        let (Some(role), Some(need)) = (a.role, a.need) else {
            continue;
        };
        for (question, options) in &need.carries {
            let Some(value) = answers
                .get(question)
                .filter(|_| asked.contains(&question.as_str()))
            else {
                continue;
            };
            for option in options
                .iter()
                .filter(|o| value.iter().any(|v| v == o.as_str()))
            {
                let handed = weights.hand_over(kb, question, option);
                carried.extend(handed.into_iter().map(|c| (role, c)));
            }
        }
    }
    carried
}

pub(super) fn group_by_role<'a, 'kb>(
    active: &'a [Active<'kb>],
) -> Vec<(&'kb Text, Vec<&'a Active<'kb>>)> {
    let mut roles: Vec<(&Text, Vec<&Active>)> = Vec::new();
    for a in active {
        let Some(role) = a.role else { continue };
        match roles.iter_mut().find(|(r, _)| *r == role) {
            Some((_, list)) => list.push(a),
            None => roles.push((role, vec![a])),
        }
    }
    roles
}

/// Whether a need of the role runs its work on a store of its own (`beside`).
pub(super) fn kept_beside(needs: &[&Active]) -> bool {
    needs.iter().any(|n| n.need.is_some_and(|n| n.beside))
}

/// The role's needs in the order they speak for it: a need kept `beside` first, as it
/// says why the role has a store of its own.
fn in_voice_order<'a>(needs: &[&'a Active]) -> impl Iterator<Item = &'a Need> {
    let (apart, others): (Vec<&Need>, Vec<&Need>) =
        needs.iter().filter_map(|n| n.need).partition(|n| n.beside);
    apart.into_iter().chain(others)
}

/// What the store of the role costs to run: the first cost its needs give (each says
/// "one more service to run" in its own words, so one is enough).
pub(super) fn role_cost(needs: &[&Active]) -> Option<Text> {
    in_voice_order(needs)
        .map(|n| &n.cost)
        .find(|t| !t.is_empty())
        .cloned()
}

/// Why the role has a store: every reason its needs give, once each (a store beside the
/// primary for sessions and leaderboards says why for both), else what the engine is
/// best for.
pub(super) fn role_reasons(needs: &[&Active], engine: &Engine) -> Vec<Text> {
    let mut said: Vec<Text> = Vec::new();
    for reason in in_voice_order(needs).map(|n| &n.reason) {
        if !reason.is_empty() && !said.contains(reason) {
            said.push(reason.clone());
        }
    }
    if said.is_empty() {
        said.push(engine.best_for.as_str().into());
    }
    said
}

/// Whether the engine can take the role (for its own data too, when it is the primary)
/// and serves every need of it.
pub(super) fn serves_all(engine: &Engine, role: &str, needs: &[&Active], as_primary: bool) -> bool {
    engine.takes_role(role, as_primary) && needs.iter().all(|n| engine.has_any_of(&n.mask))
}
