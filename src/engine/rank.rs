//! Scoring engines on the weighted criteria of the selection matrix. The answers set the
//! weights; most ratings come from the catalog, a few from the answers (the engine the
//! team runs), a capability (any-cloud), the needs (each one the engine serves itself)
//! or the stack (an engine already running). `select` eliminates, scores with this and
//! chooses.

use std::borrow::Cow;

use rustc_hash::FxHashSet;
use serde::Serialize;

use super::answers::Answers;
use super::reasons::{Compared, Comparison, Elimination, Tie, Verdict};
use super::Because;
use crate::kb::{CriterionSource, Engine, KnowledgeBase, Need, Rating, Text};

/// How much each criterion counts, and which answers made it count: per criterion, in
/// the knowledge base's order. Worked out once per advice.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub weight: Vec<i32>,
    /// Per criterion, the (question, option) pairs that weighed it, in walk order.
    pub raised_by: Vec<Vec<(Text, Text)>>,
    /// Per criterion rated by the answers: the engines an answer favours.
    pub favoured: Vec<FxHashSet<Text>>,
    /// For ranking the primary: one term per need of the stack with a role.
    pub needs: Vec<NeedTerm>,
    /// Per criterion, the rating the answers need at most (a better one counts as this),
    /// and the answers that set it; `None` where no answer set one.
    pub enough: Vec<Option<Enough>>,
}

/// A criterion's weight from the answers, handed from the primary's ranking to a store
/// beside it that does that work.
#[derive(Debug, Clone)]
pub struct Carried {
    /// The criterion's position in the knowledge base.
    pub criterion: usize,
    pub weight: i32,
    /// The (question, option) whose weight it is.
    pub by: (Text, Text),
}

/// The rating that is enough on a criterion, and the answers that need that much.
#[derive(Debug, Clone)]
pub struct Enough {
    pub rating: Rating,
    pub set_by: Vec<(Text, Text)>,
}

/// A need of the stack as a criterion of the primary's ranking: an engine that serves it
/// itself saves a store.
#[derive(Debug, Clone)]
pub struct NeedTerm {
    /// The need's label: "relevance-tuned search".
    pub need: Text,
    pub weight: i32,
    pub role: Text,
    /// The capabilities that serve it, as `KnowledgeBase::capability_mask`.
    pub served_by: Vec<u64>,
    /// The answers that raised the need, as (question, option).
    pub raised_by: Vec<(Text, Text)>,
}

impl NeedTerm {
    pub fn served(&self, engine: &Engine) -> bool {
        engine.takes_role(&self.role, true) && engine.has_any_of(&self.served_by)
    }
}

/// Weights from the answers to the questions asked (`asked`, in walk order).
pub fn weights(kb: &KnowledgeBase, answers: &Answers, asked: &[&str]) -> Weights {
    weights_of(kb, answers, asked, false)
}

/// Weights for ranking a store beside the primary: only the answers to questions that
/// weigh every store (`every_store`) count.
pub fn every_store_weights(kb: &KnowledgeBase, answers: &Answers, asked: &[&str]) -> Weights {
    weights_of(kb, answers, asked, true)
}

fn weights_of(kb: &KnowledgeBase, answers: &Answers, asked: &[&str], every_store: bool) -> Weights {
    let n = kb.criteria.len();
    let mut w = Weights {
        weight: kb.criteria.iter().map(|c| c.weight).collect(),
        raised_by: vec![Vec::new(); n],
        favoured: vec![FxHashSet::default(); n],
        needs: Vec::new(),
        enough: vec![None; n],
    };
    for &qid in asked {
        let (Some(q), Some(value)) = (kb.question(qid), answers.get(qid)) else {
            continue;
        };
        if every_store && !q.every_store {
            continue;
        }
        for option in value.iter().filter_map(|id| q.choice(id)) {
            for (criterion, add) in &option.weights {
                if let Some(i) = kb.criterion_position(criterion) {
                    w.weight[i] += add;
                    // Only what raised it is its reason: "weighs 1 because the data may
                    // be lost" would read as the opposite of what lowered it.
                    if *add > 0 {
                        w.raised_by[i].push((q.id.clone(), option.id.clone()));
                    }
                }
            }
            for (criterion, &rating) in &option.enough {
                if let Some(i) = kb.criterion_position(criterion) {
                    let by = (q.id.clone(), option.id.clone());
                    match &mut w.enough[i] {
                        Some(e) if e.rating > rating => {}
                        Some(e) if e.rating == rating => e.set_by.push(by),
                        slot => {
                            *slot = Some(Enough {
                                rating,
                                set_by: vec![by],
                            })
                        }
                    }
                }
            }
            for (criterion, engines) in &option.favours {
                if let Some(i) = kb.criterion_position(criterion) {
                    w.favoured[i].extend(engines.iter().cloned());
                    if !w.raised_by[i].iter().any(|(qq, _)| *qq == q.id) {
                        w.raised_by[i].push((q.id.clone(), option.id.clone()));
                    }
                }
            }
        }
    }
    for x in &mut w.weight {
        *x = (*x).max(0);
    }
    w
}

impl Weights {
    /// What the answers add to every need's own weight (criteria `from: needs`).
    pub fn need_bonus(&self, kb: &KnowledgeBase) -> i32 {
        kb.criteria
            .iter()
            .zip(&self.weight)
            .filter(|(c, _)| c.from == CriterionSource::Needs)
            .map(|(_, w)| *w)
            .sum()
    }

    /// Adds a need's own weights, raised by the answers behind the need.
    pub fn add_need(&mut self, kb: &KnowledgeBase, need: &Need, because: &[Because]) {
        for (criterion, add) in &need.weights {
            if let Some(i) = kb.criterion_position(criterion) {
                self.weight[i] = (self.weight[i] + add).max(0);
                for b in because {
                    if !self.raised_by[i]
                        .iter()
                        .any(|(q, o)| *q == b.question && *o == b.answer)
                    {
                        self.raised_by[i].push((b.question.clone(), b.answer.clone()));
                    }
                }
            }
        }
    }

    /// Takes back the weights of one answer, for a store beside the primary that does the
    /// work it asks for (a need's `carries`): each criterion it raised, and by how much.
    pub fn hand_over(&mut self, kb: &KnowledgeBase, question: &str, option: &str) -> Vec<Carried> {
        let Some(choice) = kb.question(question).and_then(|q| q.choice(option)) else {
            return Vec::new();
        };
        let mut carried = Vec::new();
        for (criterion, &add) in choice.weights.iter().filter(|(_, w)| **w > 0) {
            let Some(i) = kb.criterion_position(criterion) else {
                continue;
            };
            let pair = (Text::from(question), Text::from(option));
            let Some(at) = self.raised_by[i].iter().position(|by| *by == pair) else {
                continue;
            };
            self.raised_by[i].remove(at);
            self.weight[i] = (self.weight[i] - add).max(0);
            carried.push(Carried {
                criterion: i,
                weight: add,
                by: pair,
            });
        }
        carried
    }

    /// Adds what a store beside the primary carries, for ranking the stores of its role.
    pub fn take_over(&mut self, carried: &Carried) {
        let i = carried.criterion;
        self.weight[i] += carried.weight;
        if !self.raised_by[i].contains(&carried.by) {
            self.raised_by[i].push(carried.by.clone());
        }
    }

    /// The weights with a need's own weights added, for ranking the stores of its role.
    pub fn plus(&self, kb: &KnowledgeBase, extra: &[(&Text, i32)]) -> Cow<'_, Weights> {
        if extra.is_empty() {
            return Cow::Borrowed(self);
        }
        let mut w = self.clone();
        for (criterion, add) in extra {
            if let Some(i) = kb.criterion_position(criterion) {
                w.weight[i] = (w.weight[i] + add).max(0);
            }
        }
        Cow::Owned(w)
    }
}

/// What the ranking knows about one engine beyond the catalog and the answers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Standing {
    /// `Some` when ranking a store beside the primary: whether it is already in the stack.
    pub in_stack: Option<bool>,
}

/// An engine's rating on criterion `i`, or None when the criterion does not count here.
pub fn rating(
    kb: &KnowledgeBase,
    i: usize,
    engine: &Engine,
    weights: &Weights,
    standing: Standing,
) -> Option<Rating> {
    let c = &kb.criteria[i];
    match c.from {
        CriterionSource::Catalog => {
            let rated = engine.rating_at.get(i).copied().flatten();
            match &weights.enough[i] {
                Some(enough) => rated.map(|r| r.min(enough.rating)),
                None => rated,
            }
        }
        CriterionSource::Answers => {
            let favoured = &weights.favoured[i];
            (!favoured.is_empty()).then(|| {
                if favoured.contains(&engine.id) {
                    Rating::Outstanding
                } else {
                    Rating::No
                }
            })
        }
        // Counted need by need (`NeedTerm`), not as one criterion.
        CriterionSource::Needs => None,
        CriterionSource::Capability => c
            .capability
            .as_ref()
            .map(|cap| outstanding_if(engine.has(cap))),
        CriterionSource::Stack => standing.in_stack.map(outstanding_if),
    }
}

fn outstanding_if(yes: bool) -> Rating {
    if yes {
        Rating::Outstanding
    } else {
        Rating::No
    }
}

/// Weighted score, 0–100: rating points times weight over the best possible, on the
/// criteria that count here.
pub fn score(kb: &KnowledgeBase, engine: &Engine, weights: &Weights, standing: Standing) -> u32 {
    let (mut got, mut max) = (0i64, 0i64);
    // A criterion of weight 0 adds nothing to either sum: it is not rated at all.
    for (i, &w) in weights.weight.iter().enumerate().filter(|(_, w)| **w != 0) {
        let Some(r) = rating(kb, i, engine, weights, standing) else {
            continue;
        };
        got += i64::from(w) * i64::from(r.points());
        max += i64::from(w) * 10;
    }
    for need in &weights.needs {
        got += i64::from(need.weight) * i64::from(outstanding_if(need.served(engine)).points());
        max += i64::from(need.weight) * 10;
    }
    if max == 0 {
        0
    } else {
        ((got * 100 + max / 2) / max) as u32
    }
}

/// One engine's place in the ranking of a role.
#[derive(Debug, Clone, Serialize)]
pub struct Alternative {
    pub role: Text,
    pub engine: Text,
    pub name: Text,
    /// Weighted score, 0–100 (0 when eliminated).
    pub score: u32,
    pub chosen: bool,
    /// Why it was eliminated: the requirement it fails and the answer behind it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eliminated: Option<Elimination>,
    /// Per criterion, where it is worse or better than the chosen engine, heaviest first.
    pub reasons: Vec<Comparison>,
    /// It scores the same as the chosen engine: what put that one first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie: Option<Tie>,
}

/// Why `other` lost to `chosen` (or where it is better), criterion by criterion.
pub fn reasons(
    kb: &KnowledgeBase,
    (chosen, chosen_standing): (&Engine, Standing),
    (other, other_standing): (&Engine, Standing),
    weights: &Weights,
) -> Vec<Comparison> {
    let comparison = |verdict, on, weight, raised_by: &[(Text, Text)]| Comparison {
        verdict,
        on,
        chosen: chosen.name.clone(),
        weight,
        raised_by: raised_by.to_vec(),
    };
    let mut rows: Vec<(i64, Comparison)> = Vec::new();
    for (i, &w) in weights.weight.iter().enumerate().filter(|(_, w)| **w != 0) {
        let mine = rating(kb, i, chosen, weights, chosen_standing);
        let theirs = rating(kb, i, other, weights, other_standing);
        let (Some(mine), Some(theirs)) = (mine, theirs) else {
            continue;
        };
        let criterion = kb.criteria[i].label_lower.clone();
        if mine == theirs {
            if let Some((enough, theirs, mine)) = beyond_enough(i, (chosen, other), weights) {
                let on = Compared::Rating {
                    criterion,
                    theirs,
                    mine,
                };
                let beyond = Verdict::Beyond(enough);
                rows.push((0, comparison(beyond, on, w, &weights.raised_by[i])));
            }
            continue;
        }
        let verdict = if theirs < mine {
            Verdict::Worse
        } else {
            Verdict::Better
        };
        // Only the catalog grades an engine; the other sources say yes or no.
        let on = if kb.criteria[i].from == CriterionSource::Catalog {
            Compared::Rating {
                criterion,
                theirs,
                mine,
            }
        } else {
            Compared::Has {
                criterion,
                theirs: theirs > mine,
            }
        };
        rows.push((
            i64::from(w) * i64::from((mine.points() - theirs.points()).abs()),
            comparison(verdict, on, w, &weights.raised_by[i]),
        ));
    }
    for need in &weights.needs {
        let (mine, theirs) = (need.served(chosen), need.served(other));
        if mine == theirs || need.weight == 0 {
            continue;
        }
        let verdict = if theirs {
            Verdict::Better
        } else {
            Verdict::Worse
        };
        let on = Compared::Serves {
            need: need.need.clone(),
            theirs,
        };
        rows.push((
            i64::from(need.weight) * 10,
            comparison(verdict, on, need.weight, &need.raised_by),
        ));
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    rows.into_iter().map(|(_, c)| c).collect()
}

/// Where `other` is rated better than `chosen` on criterion `i` but the answers need no
/// more than both have: what is enough, and the two ratings as the catalog has them.
fn beyond_enough(
    i: usize,
    (chosen, other): (&Engine, &Engine),
    weights: &Weights,
) -> Option<(Enough, Rating, Rating)> {
    let enough = weights.enough[i].as_ref()?;
    let raw = |e: &Engine| e.rating_at.get(i).copied().flatten();
    let (mine, theirs) = (raw(chosen)?, raw(other)?);
    (theirs > mine).then(|| (enough.clone(), theirs, mine))
}
