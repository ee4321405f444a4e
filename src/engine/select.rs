//! Choosing the stores by a ranking that is its own reason. Every engine that can be the
//! primary store is checked against the requirements the answers imply; one that fails
//! is eliminated, with the answer that eliminated it. The rest are scored on the
//! weighted criteria (`rank`), and the top one is chosen: a preference, such as the
//! engine the team runs, is itself a scored criterion. Then each need the answers raise
//! is served by the primary when it can, else by the best-ranked engine beside it.

use serde::Serialize;

use super::answers::Answers;
use super::needs::{
    active_needs, group_by_role, hand_over_carried, kept_beside, role_cost, role_reasons,
    serves_all, Active,
};
use super::rank::{self, Alternative, NeedTerm, Standing, Weights};
use super::reasons::{option_because, Elimination, Lack, StoreReason, Tie, Unserved, Verdict};
use super::schema::name_of;
use super::walk::Because;

use crate::kb::{Engine, KnowledgeBase, Text};

/// The chosen stores and the rankings that chose them.
#[derive(Debug, Clone, Default)]
pub struct Stack<'kb> {
    /// The primary store first (when any engine meets the requirements), then one store
    /// per role the needs ask for, in the knowledge base's order of the needs.
    pub picks: Vec<Pick<'kb>>,
    /// Each role's ranking, the chosen engine first; eliminated engines last.
    pub alternatives: Vec<Alternative>,
    /// Needs that no engine of the catalog serves under the requirements.
    pub unmet: Vec<Unmet>,
}

#[derive(Debug, Clone)]
pub struct Pick<'kb> {
    pub role: Text,
    pub engine: &'kb Engine,
    /// The engine's name under these answers (`name_of`).
    pub name: Text,
    /// The primary store serves this role itself.
    pub by_primary: bool,
    pub reason: StoreReason,
    /// What a store beside the primary costs to run (empty for the primary's own roles).
    pub cost: Text,
    /// The answers that moved this pick, in walk order.
    pub because: Vec<Because>,
    /// A store beside the primary that keeps a stream's rows (a need's `holds_stream`).
    pub holds_stream: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unmet {
    pub role: Text,
    pub need: Unserved,
    pub because: Vec<Because>,
}

impl<'kb> Stack<'kb> {
    pub fn engine_for(&self, role: &str) -> Option<&'kb Engine> {
        self.picks.iter().find(|p| p.role == role).map(|p| p.engine)
    }
}

/// How many engines the ranking of the primary shows after the chosen one.
const SHOWN_PRIMARY: usize = 4;
/// … and of a store beside it.
const SHOWN_SECONDARY: usize = 2;

/// Chooses the stores from the answers given so far (`asked`, in walk order).
pub fn choose<'kb>(kb: &'kb KnowledgeBase, answers: &Answers, asked: &[&str]) -> Stack<'kb> {
    let mut weights = rank::weights(kb, answers, asked);
    let active = active_needs(kb, answers, asked);
    let requirements: Vec<&Active> = active.iter().filter(|a| a.role.is_none()).collect();
    let roles: Vec<(&Text, Vec<&Active>)> = group_by_role(&active);
    let carried = hand_over_carried(kb, &mut weights, &active, answers, asked);
    // The main kind of data weighs what its own store is good at.
    for need in active
        .iter()
        .filter_map(|a| a.need.filter(|n| n.main).map(|n| (n, a)))
    {
        weights.add_need(kb, need.0, &need.1.because);
    }
    // The primary's ranking weighs each need it could serve itself: not those of a role
    // whose work runs beside it whatever the primary can do.
    let bonus = weights.need_bonus(kb);
    weights.needs = roles
        .iter()
        .filter(|(_, needs)| !kept_beside(needs))
        .flat_map(|(role, needs)| needs.iter().map(move |n| (*role, n)))
        .map(|(role, n)| NeedTerm {
            need: n.label.clone(),
            weight: n.need.map_or(1, |n| n.weight) + bonus,
            role: role.clone(),
            served_by: n.mask.clone(),
            raised_by: n
                .because
                .iter()
                .map(|b| (b.question.clone(), b.answer.clone()))
                .collect(),
        })
        .collect();

    let mut stack = Stack::default();
    let asked_for = |capability: &Text| {
        (requirements.iter()).any(|r| r.served_by.iter().any(|c| c == capability))
    };
    let candidates: Vec<&Engine> = kb
        .engines
        .iter()
        .filter(|e| e.roles.iter().any(|r| r == "primary"))
        .filter(|e| e.only_for.as_ref().is_none_or(asked_for))
        .collect();
    let primary_role: Text = "primary".into();
    let standing = |_: &Engine| Standing { in_stack: None };
    let ranked = rank_engines(kb, &candidates, &weights, &requirements, standing);
    stack.alternatives.extend(alternatives(
        kb,
        answers,
        &primary_role,
        &ranked,
        &weights,
        standing,
        SHOWN_PRIMARY,
    ));
    let Some(first) = ranked.feasible.first().copied() else {
        stack.unmet.push(Unmet {
            role: primary_role,
            need: Unserved::Primary,
            because: requirements
                .iter()
                .flat_map(|r| r.because.clone())
                .collect(),
        });
        return stack;
    };
    let primary = first.0;
    stack.picks.push(Pick {
        role: primary_role.clone(),
        engine: primary,
        name: name_of(primary, answers),
        by_primary: true,
        reason: StoreReason::Text(vec![primary.best_for.as_str().into()]),
        cost: Text::default(),
        because: primary_because(kb, &ranked, &weights, standing, answers, asked),
        holds_stream: false,
    });

    let store_weights = rank::every_store_weights(kb, answers, asked);
    let every_store: Vec<&Active> = requirements
        .iter()
        .copied()
        .filter(|r| r.every_store)
        .collect();
    for (role, needs) in &roles {
        let mut because: Vec<Because> = Vec::new();
        for b in needs.iter().flat_map(|n| &n.because) {
            if !because.contains(b) {
                because.push(b.clone());
            }
        }
        if !kept_beside(needs) && serves_all(primary, role, needs, true) {
            stack.picks.push(Pick {
                role: (*role).clone(),
                engine: primary,
                name: name_of(primary, answers),
                by_primary: true,
                reason: StoreReason::ServesItself {
                    engine: name_of(primary, answers),
                    need: needs[0].label.clone(),
                },
                cost: Text::default(),
                because,
                holds_stream: false,
            });
            continue;
        }
        let candidates: Vec<&Engine> = kb
            .engines
            .iter()
            .filter(|e| serves_all(e, role, needs, false))
            .collect();
        let extra: Vec<(&Text, i32)> = needs
            .iter()
            .filter_map(|n| n.need)
            .flat_map(|n| n.weights.iter().map(|(c, w)| (c, *w)))
            .collect();
        let mut role_weights = store_weights.plus(kb, &extra);
        for (_, c) in carried.iter().filter(|(r, _)| r == role) {
            role_weights.to_mut().take_over(c);
        }
        let picked: Vec<Text> = stack.picks.iter().map(|p| p.engine.id.clone()).collect();
        let standing = |e: &Engine| Standing {
            in_stack: Some(picked.contains(&e.id)),
        };
        let ranked = rank_engines(kb, &candidates, &role_weights, &every_store, standing);
        stack.alternatives.extend(alternatives(
            kb,
            answers,
            role,
            &ranked,
            &role_weights,
            standing,
            SHOWN_SECONDARY,
        ));
        match ranked.feasible.first() {
            Some((engine, _)) => stack.picks.push(Pick {
                role: (*role).clone(),
                engine,
                name: name_of(engine, answers),
                by_primary: false,
                reason: StoreReason::Text(role_reasons(needs, engine)),
                cost: role_cost(needs).unwrap_or_default(),
                because,
                holds_stream: needs.iter().any(|n| n.need.is_some_and(|n| n.holds_stream)),
            }),
            None => stack.unmet.push(Unmet {
                role: (*role).clone(),
                need: Unserved::Needs(needs.iter().map(|n| n.label.clone()).collect()),
                because,
            }),
        }
    }
    stack
}

/// Engines in ranking order: the feasible ones by score (the catalog's order breaks a
/// tie), and the eliminated ones with the requirement each fails.
struct Ranked<'kb, 'a> {
    feasible: Vec<(&'kb Engine, u32)>,
    eliminated: Vec<(&'kb Engine, &'a Active<'kb>, u32)>,
}

fn rank_engines<'kb, 'a>(
    kb: &KnowledgeBase,
    candidates: &[&'kb Engine],
    weights: &Weights,
    requirements: &[&'a Active<'kb>],
    standing: impl Fn(&Engine) -> Standing,
) -> Ranked<'kb, 'a> {
    let mut ranked = Ranked {
        feasible: Vec::new(),
        eliminated: Vec::new(),
    };
    for &engine in candidates {
        let score = rank::score(kb, engine, weights, standing(engine));
        match requirements.iter().find(|r| !r.met_by(engine, weights)) {
            Some(failed) => ranked.eliminated.push((engine, failed, score)),
            None => ranked.feasible.push((engine, score)),
        }
    }
    // At equal scores the engine that serves more of the needs itself wins (fewer stores
    // to run); then the catalog's order (the sort is stable).
    let served = |e: &Engine| needs_served(weights, e);
    ranked
        .feasible
        .sort_by_cached_key(|&(e, s)| (std::cmp::Reverse(s), std::cmp::Reverse(served(e))));
    ranked
        .eliminated
        .sort_by_key(|(_, _, s)| std::cmp::Reverse(*s));
    ranked
}

/// How many of the stack's needs the engine serves itself: what orders engines that
/// score the same.
fn needs_served(weights: &Weights, engine: &Engine) -> usize {
    weights.needs.iter().filter(|n| n.served(engine)).count()
}

/// The ranking as shown: the chosen engine, the next `shown` feasible ones, the engines
/// an answer favours (the team's, a proposal), and the eliminated engines that would
/// have outscored the chosen one or that an answer favours.
fn alternatives(
    kb: &KnowledgeBase,
    answers: &Answers,
    role: &Text,
    ranked: &Ranked,
    weights: &Weights,
    standing: impl Fn(&Engine) -> Standing,
    shown: usize,
) -> Vec<Alternative> {
    let favoured = |e: &Engine| {
        kb.criteria
            .iter()
            .zip(&weights.favoured)
            .any(|(c, f)| c.shows && f.contains(&e.id))
    };
    let mut out: Vec<Alternative> = Vec::new();
    let top = ranked.feasible.first().map(|(e, s)| (*e, *s));
    let mut listed = 0;
    for (n, &(engine, score)) in ranked.feasible.iter().enumerate() {
        // An extension that adds nothing to its base is not shown even when an answer
        // favours it: the base stands for it (the team that runs PostgreSQL runs both).
        if (listed > shown && !favoured(engine))
            || same_as_its_base(kb, (engine, score), &out, weights, &standing)
        {
            continue;
        }
        listed += 1;
        let reasons = match top {
            Some((chosen, _)) if n > 0 => rank::reasons(
                kb,
                (chosen, standing(chosen)),
                (engine, standing(engine)),
                weights,
            ),
            _ => vec![],
        };
        let better = reasons.iter().any(|r| matches!(r.verdict, Verdict::Better));
        let worse = reasons.iter().any(|r| matches!(r.verdict, Verdict::Worse));
        let tie = match top {
            Some((chosen, top_score)) if n > 0 && score == top_score => Some(Tie {
                with: name_of(chosen, answers),
                score,
                chosen_serves_more: needs_served(weights, chosen) > needs_served(weights, engine),
                offsetting: better && worse,
            }),
            _ => None,
        };
        out.push(Alternative {
            role: role.clone(),
            engine: engine.id.clone(),
            name: name_of(engine, answers),
            score,
            chosen: n == 0,
            eliminated: None,
            reasons,
            tie,
        });
    }
    let bar = top.map_or(0, |(_, s)| s);
    // With hardly any engine left, the strongest eliminated ones show what cut the field.
    let few_left = ranked.feasible.len() < 2;
    for (n, &(engine, failed, score)) in ranked.eliminated.iter().enumerate() {
        if score <= bar && !favoured(engine) && !(few_left && n < shown) {
            continue;
        }
        out.push(Alternative {
            role: role.clone(),
            engine: engine.id.clone(),
            name: name_of(engine, answers),
            score: 0,
            chosen: false,
            eliminated: Some(elimination(engine, name_of(engine, answers), failed)),
            reasons: vec![],
            tie: None,
        });
    }
    out
}

/// Whether an extension (TimescaleDB) adds nothing to its base (PostgreSQL) listed above
/// it: it scores no higher, is better on no criterion an answer weighed, and serves no
/// need the base does not.
fn same_as_its_base(
    kb: &KnowledgeBase,
    (engine, score): (&Engine, u32),
    listed: &[Alternative],
    weights: &Weights,
    standing: &impl Fn(&Engine) -> Standing,
) -> bool {
    let Some(base) = engine.extends.as_ref().and_then(|b| kb.engine(b)) else {
        return false;
    };
    let better_where_it_counts = (0..weights.weight.len()).any(|i| {
        weights.weight[i] > 0
            && !weights.raised_by[i].is_empty()
            && rank::rating(kb, i, engine, weights, standing(engine))
                > rank::rating(kb, i, base, weights, standing(base))
    });
    listed
        .iter()
        .any(|a| a.engine == base.id && a.score >= score)
        && !better_where_it_counts
        && !weights
            .needs
            .iter()
            .any(|n| n.served(engine) && !n.served(base))
}

/// The requirement the engine fails, and what it lacks: the catalog's why, when it has one.
fn elimination(engine: &Engine, name: Text, failed: &Active) -> Elimination {
    let lack = if failed.favoured_by.is_some() {
        Lack::NotFavoured
    } else {
        failed
            .served_by
            .iter()
            .find_map(|c| engine.lacks.get(c))
            .map_or(Lack::Unsaid, |why| Lack::Why(why.clone()))
    };
    Elimination {
        need: failed.label.clone(),
        because: failed.because.clone(),
        engine: name,
        lack,
    }
}

/// The answers that moved the primary store: those behind the requirements that
/// eliminated engines which would have outscored it, and those that weigh the criteria
/// on which it beats the runner-up most.
fn primary_because(
    kb: &KnowledgeBase,
    ranked: &Ranked,
    weights: &Weights,
    standing: impl Fn(&Engine) -> Standing,
    answers: &Answers,
    asked: &[&str],
) -> Vec<Because> {
    let Some(&(chosen, score)) = ranked.feasible.first() else {
        return vec![];
    };
    // (question, option) pairs, each once.
    let mut pairs: Vec<(Text, Text)> = Vec::new();
    let add = |pairs: &mut Vec<(Text, Text)>, q: &Text, o: &Text| {
        if !pairs.iter().any(|(pq, po)| pq == q && po == o) {
            pairs.push((q.clone(), o.clone()));
        }
    };
    for (_, failed, _) in ranked.eliminated.iter().filter(|(_, _, s)| *s > score) {
        for b in &failed.because {
            add(&mut pairs, &b.question, &b.answer);
        }
    }
    // The criteria (and needs) on which it beats the next engines most, among those an
    // answer weighed: a near twin (TimescaleDB beside PostgreSQL) alone would say little.
    let n = weights.weight.len();
    let mut gains: Vec<i64> = vec![0; n + weights.needs.len()];
    for &(other, _) in ranked.feasible.iter().skip(1).take(3) {
        for (i, &w) in weights.weight.iter().enumerate() {
            let mine = rank::rating(kb, i, chosen, weights, standing(chosen));
            let theirs = rank::rating(kb, i, other, weights, standing(other));
            if let (Some(mine), Some(theirs)) = (mine, theirs) {
                gains[i] += (i64::from(w) * i64::from(mine.points() - theirs.points())).max(0);
            }
        }
        for (k, need) in weights.needs.iter().enumerate() {
            if need.served(chosen) && !need.served(other) {
                gains[n + k] += i64::from(need.weight) * 10;
            }
        }
    }
    let raised_by = |i: usize| match i.checked_sub(n) {
        Some(k) => &weights.needs[k].raised_by,
        None => &weights.raised_by[i],
    };
    let mut order: Vec<usize> = (0..gains.len())
        .filter(|&i| gains[i] > 0 && !raised_by(i).is_empty())
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(gains[i]));
    for i in order.into_iter().take(3) {
        for (q, o) in raised_by(i) {
            add(&mut pairs, q, o);
        }
    }
    // Nothing in the ranking outscored it: then the requirements that cut the field are
    // what chose it (an embedded deployment leaves SQLite alone, say).
    if pairs.is_empty() {
        for b in ranked
            .eliminated
            .iter()
            .flat_map(|(_, failed, _)| &failed.because)
        {
            add(&mut pairs, &b.question, &b.answer);
        }
    }
    // In walk order, each answer once.
    let mut out = Vec::new();
    for &qid in asked {
        for (q, o) in pairs.iter().filter(|(q, _)| q == qid) {
            if answers.get(q).is_some_and(|v| v.has(o)) {
                out.push(option_because(kb, q, o));
            }
        }
    }
    out
}
