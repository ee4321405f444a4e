//! Ranking engines with the selection matrix, weighted by the answers.

use std::collections::BTreeMap;

use serde::Serialize;

use super::answers::Answers;
use crate::kb::{Engine, KnowledgeBase, Text};

/// Every criterion counts once; answers add weight to the criteria they care about.
const BASE_WEIGHT: i32 = 1;

/// How much each criterion counts, and which answers made it count.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub by_criterion: BTreeMap<Text, i32>,
    /// criterion → "question = option" that raised it.
    pub raised_by: BTreeMap<Text, Vec<String>>,
}

/// Weights from the answers to the questions on the path.
pub fn weights(kb: &KnowledgeBase, answers: &Answers, asked: &[&str]) -> Weights {
    let mut w = Weights::default();
    for c in &kb.criteria {
        w.by_criterion.insert(c.id.clone(), BASE_WEIGHT);
    }
    for qid in asked {
        let (Some(q), Some(value)) = (kb.question(qid), answers.get(qid)) else {
            continue;
        };
        for option_id in value.values() {
            let Some(option) = q.choice(option_id) else {
                continue;
            };
            for (criterion, weight) in &option.weights {
                *w.by_criterion.entry(criterion.clone()).or_default() += weight;
                w.raised_by
                    .entry(criterion.clone())
                    .or_default()
                    .push(format!("{qid} = {option_id}"));
            }
        }
    }
    for weight in w.by_criterion.values_mut() {
        *weight = (*weight).max(0);
    }
    w
}

/// One engine's standing against the one chosen for a role.
#[derive(Debug, Clone, Serialize)]
pub struct Alternative {
    pub role: Text,
    pub engine: Text,
    pub name: Text,
    /// Weighted score, 0–100.
    pub score: u32,
    pub chosen: bool,
    /// Per criterion, where it is worse or better than the chosen engine, heaviest first.
    pub reasons: Vec<String>,
}

pub fn score(kb: &KnowledgeBase, engine: &Engine, weights: &Weights) -> u32 {
    let (mut got, mut max) = (0i64, 0i64);
    for c in &kb.criteria {
        let w = i64::from(*weights.by_criterion.get(c.id.as_str()).unwrap_or(&0));
        let points = engine
            .ratings
            .get(c.id.as_str())
            .map(|r| r.points())
            .unwrap_or(0);
        got += w * i64::from(points);
        max += w * 10;
    }
    if max == 0 {
        0
    } else {
        ((got * 100 + max / 2) / max) as u32
    }
}

/// Ranks the chosen engine and the ones considered beside it, best score first.
pub fn rank(
    kb: &KnowledgeBase,
    role: &Text,
    chosen: &Engine,
    considered: &[Text],
    weights: &Weights,
) -> Vec<Alternative> {
    let mut out = vec![Alternative {
        role: role.clone(),
        engine: chosen.id.clone(),
        name: chosen.name.clone(),
        score: score(kb, chosen, weights),
        chosen: true,
        reasons: vec![],
    }];
    let chosen_score = out[0].score;
    for id in considered {
        let Some(other) = kb.engine(id) else { continue };
        let other_score = score(kb, other, weights);
        let mut why = reasons(kb, chosen, other, weights);
        if other_score > chosen_score {
            // The matrix is a tie-breaker, not the decision: say so rather than let a
            // higher score look like a mistake.
            why.insert(
                0,
                format!(
                    "scores higher on the weighted matrix ({other_score} vs {chosen_score}), but the \
                     decision path chose {} for what the matrix does not weigh (see the decision's reason)",
                    chosen.name
                ),
            );
        }
        out.push(Alternative {
            role: role.clone(),
            engine: other.id.clone(),
            name: other.name.clone(),
            score: other_score,
            chosen: false,
            reasons: why,
        });
    }
    out.sort_by(|a, b| b.chosen.cmp(&a.chosen).then(b.score.cmp(&a.score)));
    out
}

/// Why `other` lost (or where it would have won), criterion by criterion.
fn reasons(kb: &KnowledgeBase, chosen: &Engine, other: &Engine, weights: &Weights) -> Vec<String> {
    let mut rows: Vec<(i64, String)> = Vec::new();
    for c in &kb.criteria {
        let w = *weights.by_criterion.get(c.id.as_str()).unwrap_or(&0);
        let (Some(mine), Some(theirs)) = (
            chosen.ratings.get(c.id.as_str()),
            other.ratings.get(c.id.as_str()),
        ) else {
            continue;
        };
        if w == 0 || mine == theirs {
            continue;
        }
        let verdict = if theirs < mine { "worse" } else { "better" };
        // The first few answers say why; a long list would not be read.
        const SHOWN: usize = 4;
        let why = match weights.raised_by.get(c.id.as_str()) {
            Some(by) if by.len() > SHOWN => format!(
                ", weighs {w} because {} and {} more answers",
                by[..SHOWN].join(", "),
                by.len() - SHOWN
            ),
            Some(by) => format!(", weighs {w} because {}", by.join(", ")),
            None => String::new(),
        };
        rows.push((
            i64::from(w) * i64::from((mine.points() - theirs.points()).abs()),
            format!(
                "{verdict} on {}: {} vs {} for {}{why}",
                c.label.to_lowercase(),
                theirs.word(),
                mine.word(),
                chosen.name
            ),
        ));
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    rows.into_iter().map(|(_, text)| text).collect()
}
