//! "Considered Options": the ranking of a role, each engine with its verdict and, for
//! the first few, the criteria for and against it.

use crate::engine::reasons::{Compared, Comparison, Verdict};
use crate::engine::Advice;
use crate::kb::KnowledgeBase;

use super::{clause, RecordOption};

/// Most options get a section of pros and cons; the rest are a row of the ranking.
const OPTIONS_DETAILED: usize = 3;
/// Pros or cons of a losing option, heaviest criterion first.
const REASONS_PER_OPTION: usize = 3;

/// The ranking of a role, best first: every engine it weighed. The first few get
/// pros and cons from the criteria that ranked them.
pub fn options(kb: &KnowledgeBase, advice: &Advice, role: &str) -> Vec<RecordOption> {
    let ranked: Vec<_> = advice
        .alternatives
        .iter()
        .filter(|a| a.role == role)
        .collect();
    let chosen_name = ranked
        .iter()
        .find(|a| a.chosen)
        .map(|a| a.name.to_string())
        .unwrap_or_default();
    let runner_up = ranked.iter().find(|a| !a.chosen && a.eliminated.is_none());
    // The engine the team proposed (or the organisation chose) is weighed in full
    // wherever it ranks: the record answers the proposal.
    let proposed = proposed_engine(advice);
    let mut shown = 0;
    // What the verdicts of the rows above led with: a row that leads with one of those
    // criteria (the engine the team runs, against every other) also says its next one.
    let mut led_above: Vec<String> = Vec::new();
    ranked
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let e = kb.engine(&a.engine)?;
            let worse = worded(&a.reasons, |v| matches!(v, Verdict::Worse));
            let better = worded(&a.reasons, |v| matches!(v, Verdict::Better));
            let verdict = match (&a.eliminated, a.chosen) {
                (Some(why), _) => format!("eliminated: {why}"),
                (None, true) => "chosen".to_string(),
                (None, false) => match &a.tie {
                    Some(tie) => tie.to_string(),
                    None => lost_on(&a.reasons, &mut led_above)
                        .unwrap_or_else(|| format!("scores lower than {chosen_name} overall")),
                },
            };
            let detailed = a.eliminated.is_none()
                && (shown < OPTIONS_DETAILED || proposed == Some(a.engine.as_str()));
            shown += usize::from(detailed);
            let (good, bad) = if !detailed {
                (vec![], vec![])
            } else if a.chosen {
                let good: Vec<String> = e
                    .strengths
                    .iter()
                    .take(REASONS_PER_OPTION)
                    .map(|g| clause(kb, g))
                    .collect();
                let bad: Vec<String> = runner_up
                    .map(|r| {
                        let better = r.reasons.iter();
                        let better = better.filter(|c| matches!(c.verdict, Verdict::Better));
                        better
                            .take(REASONS_PER_OPTION)
                            .map(|c| c.said_of(&r.name))
                            .collect()
                    })
                    .unwrap_or_default();
                let bad = if bad.is_empty() {
                    e.weaknesses.iter().take(2).map(|w| clause(kb, w)).collect()
                } else {
                    bad
                };
                (good, bad)
            } else {
                (
                    better.into_iter().take(REASONS_PER_OPTION).collect(),
                    worse.into_iter().take(REASONS_PER_OPTION).collect(),
                )
            };
            Some(RecordOption {
                rank: i + 1,
                name: a.name.to_string(),
                chosen: a.chosen,
                score: a.eliminated.is_none().then_some(a.score),
                verdict,
                summary: e.best_for.trim().to_string(),
                detailed,
                good,
                bad,
            })
        })
        .collect()
}

/// The engine the answers proposed, or said the organisation chose.
pub fn proposed_engine(advice: &Advice) -> Option<&str> {
    let answer = advice
        .answers
        .iter()
        .find(|b| b.question == crate::kb::PROPOSED_ENGINE_QUESTION);
    answer.map(|b| b.answer.as_str())
}

/// Why an engine ranks below the chosen one, in words: the heaviest point against it,
/// and the next on another criterion when a row above led with the same one.
fn lost_on(reasons: &[Comparison], led_above: &mut Vec<String>) -> Option<String> {
    let mut against = reasons
        .iter()
        .filter(|r| matches!(r.verdict, Verdict::Worse));
    let first = against.next()?;
    let leads = criterion_of(first);
    let repeated = led_above.contains(&leads);
    let next = against
        .find(|r| criterion_of(r) != leads)
        .filter(|_| repeated);
    if !repeated {
        led_above.push(leads);
    }
    Some(match next {
        Some(next) => format!("{first}; also {next}"),
        None => first.to_string(),
    })
}

/// The criterion or need a comparison is on.
fn criterion_of(c: &Comparison) -> String {
    match &c.on {
        Compared::Rating { criterion, .. } | Compared::Has { criterion, .. } => {
            criterion.to_string()
        }
        Compared::Serves { need, .. } => need.to_string(),
    }
}

/// The comparisons with this verdict, as said of the option under its own heading: the
/// points for it ("it is better on …"), or against it ("it lacks what MySQL has: …").
fn worded(reasons: &[Comparison], verdict: impl Fn(&Verdict) -> bool) -> Vec<String> {
    reasons
        .iter()
        .filter(|r| verdict(&r.verdict))
        .map(|r| r.said_of("it"))
        .collect()
}
