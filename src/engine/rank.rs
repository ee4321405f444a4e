//! Ranking engines with the selection matrix, weighted by the answers.

use serde::Serialize;

use super::answers::Answers;
use crate::kb::{Engine, KnowledgeBase, Text};

/// Every criterion counts once; answers add weight to the criteria they care about.
const BASE_WEIGHT: i32 = 1;

/// How much each criterion counts, and which answers made it count: per criterion, in
/// the knowledge base's order. Worked out once per advice, since every alternative of
/// every role is weighed with it.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub weight: Vec<i32>,
    /// ", weighs 3 because access-patterns = range, …", or empty when no answer raised it.
    pub why: Vec<String>,
    /// The criterion's label in lower case, for the middle of a sentence.
    pub label: Vec<String>,
}

/// Weights from the answers to the questions on the path.
pub fn weights(kb: &KnowledgeBase, answers: &Answers, asked: &[&str]) -> Weights {
    let mut weight = vec![BASE_WEIGHT; kb.criteria.len()];
    let mut raised_by: Vec<Vec<(&str, &str)>> = vec![Vec::new(); kb.criteria.len()];
    for &qid in asked {
        let (Some(q), Some(value)) = (kb.question(qid), answers.get(qid)) else {
            continue;
        };
        for option_id in value.iter() {
            let Some(option) = q.choice(option_id) else {
                continue;
            };
            for (criterion, w) in &option.weights {
                if let Some(i) = kb.criterion_position(criterion) {
                    weight[i] += w;
                    raised_by[i].push((qid, option_id));
                }
            }
        }
    }
    for w in &mut weight {
        *w = (*w).max(0);
    }
    // The first few answers say why; a long list would not be read.
    const SHOWN: usize = 4;
    let why = raised_by
        .iter()
        .zip(&weight)
        .map(|(by, w)| {
            if by.is_empty() {
                return String::new();
            }
            let mut text = format!(", weighs {w} because ");
            for (n, (q, o)) in by.iter().take(SHOWN).enumerate() {
                if n > 0 {
                    text.push_str(", ");
                }
                text.push_str(q);
                text.push_str(" = ");
                text.push_str(o);
            }
            if by.len() > SHOWN {
                text.push_str(&format!(" and {} more answers", by.len() - SHOWN));
            }
            text
        })
        .collect();
    let label = kb.criteria.iter().map(|c| c.label.to_lowercase()).collect();
    Weights { weight, why, label }
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
    for (c, &w) in kb.criteria.iter().zip(&weights.weight) {
        let w = i64::from(w);
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
    for (i, c) in kb.criteria.iter().enumerate() {
        let w = weights.weight[i];
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
        rows.push((
            i64::from(w) * i64::from((mine.points() - theirs.points()).abs()),
            // "worse on scalability: fair vs excellent for PostgreSQL, weighs 3 because …";
            // concatenated, since there is a row per criterion per engine considered.
            [
                verdict,
                " on ",
                &weights.label[i],
                ": ",
                theirs.word(),
                " vs ",
                mine.word(),
                " for ",
                &chosen.name,
                &weights.why[i],
            ]
            .concat(),
        ));
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    rows.into_iter().map(|(_, text)| text).collect()
}
