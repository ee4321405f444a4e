//! The pieces of a record, each built once from the advice: the numbered drivers that
//! the rest refers to, the ranking, the stack table, the other decisions, the index
//! plan, the patterns that matter most, what would change the decision, and the
//! options of a decision that is not an engine choice. The ranking's options are in
//! `options`.

use crate::engine::reasons::StoreReason;
use crate::engine::{Advice, Because, Decision, PatternAdvice, Sensitivity};
use crate::kb::{Check, KnowledgeBase, QuestionKind, ACCESS_PATTERNS_QUESTION};
use crate::report::words::{follows_stores, unmet_sentence};

use super::{
    clause, once, sentence, Assumption, DecisionRow, Driver, IndexRow, PatternLine, RecordOption,
    StackRow,
};

/// The patterns a record names; the appendix lists them all.
pub const PATTERNS_SHOWN: usize = 10;
/// The workload's sentences, after the description.
const CONTEXT_SENTENCES: usize = 8;
const DRIVERS_SHOWN: usize = 12;
/// What other answers to one question would change, at most.
const ALTERNATIVES_PER_QUESTION: usize = 2;

fn answered(kb: &KnowledgeBase, b: &Because) -> bool {
    kb.question(&b.question)
        .is_some_and(|q| q.kind != QuestionKind::Text)
}

fn prompt(kb: &KnowledgeBase, question: &str) -> String {
    kb.question(question).map_or_else(
        || question.to_string(),
        // The question alone: "What does the product do? Pick the closest." reads as
        // "What does the product do" before its answer.
        |q| {
            let prompt = q.prompt.trim();
            let question = prompt.find('?').map_or(prompt, |end| &prompt[..end]);
            question.trim_end_matches('?').to_string()
        },
    )
}

/// The answers that decided, numbered: those behind the primary store, then those
/// behind each store beside it, those that weigh most in the ranking, and those behind
/// the other decisions; and past that limit, one for each row of the other decisions'
/// table (`tabled`) that would name none, and the product where its domain brought a
/// pattern.
pub fn drivers(
    kb: &KnowledgeBase,
    advice: &Advice,
    decision: Option<&Decision>,
    tabled: &[&Decision],
) -> Vec<Driver> {
    let mut candidates: Vec<&Because> = Vec::new();
    if let Some(d) = decision {
        candidates.extend(d.because.iter());
    }
    for c in &advice.stack {
        candidates.extend(c.because.iter());
    }
    let mut by_weight: Vec<(i32, &Because)> = advice
        .answers
        .iter()
        .filter_map(|b| {
            let q = kb.question(&b.question)?;
            let weight: i32 = b
                .answer
                .split(", ")
                .filter_map(|id| q.choice(id))
                .map(|c| c.weights.values().map(|w| w.abs()).sum::<i32>())
                .sum();
            (weight > 0).then_some((weight, b))
        })
        .collect();
    by_weight.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    candidates.extend(by_weight.into_iter().map(|(_, b)| b));
    for d in &advice.decisions {
        candidates.extend(d.because.iter());
    }
    let mut chosen: Vec<&Because> = Vec::new();
    for b in candidates {
        if chosen.len() < DRIVERS_SHOWN
            && answered(kb, b)
            && !chosen.iter().any(|c| c.question == b.question)
        {
            chosen.push(b);
        }
    }
    // Each decision of the table names every answer that moved it: a row lists a tree's
    // decisions together, and "One region inside the jurisdiction" must not stand on
    // "One region" alone, nor "A deployment per jurisdiction" on the replicas' drivers.
    for d in tabled {
        for b in d.because.iter().filter(|b| answered(kb, b)) {
            if !chosen.iter().any(|c| c.question == b.question) {
                chosen.push(b);
            }
        }
    }
    // And what the product does, where its domain brought a pattern (a wallet's ledger),
    // so that the pattern names the answer it rests on.
    let from_domain = advice
        .patterns
        .iter()
        .filter(|p| {
            p.trace
                .iter()
                .any(|t| t.tree == crate::engine::DOMAIN_TRACE)
        })
        .flat_map(|p| p.because.iter());
    for b in from_domain {
        if answered(kb, b) && !chosen.iter().any(|c| c.question == b.question) {
            chosen.push(b);
        }
    }
    chosen
        .iter()
        .enumerate()
        .map(|(i, b)| Driver {
            number: i + 1,
            question: prompt(kb, &b.question),
            // The whole answer: a reason names only the options it rests on, and the
            // driver stands for every reason that cites the question.
            answer: advice
                .answers
                .iter()
                .find(|a| a.question == b.question)
                .map_or_else(|| b.label.to_string(), |a| a.label.to_string()),
        })
        .collect()
}

/// The numbers of the drivers among `because`, as "1, 3" (empty when none).
pub fn driver_numbers(kb: &KnowledgeBase, drivers: &[Driver], because: &[Because]) -> String {
    let mut numbers: Vec<usize> = because
        .iter()
        .filter_map(|b| {
            let asked = prompt(kb, &b.question);
            drivers
                .iter()
                .find(|d| d.question == asked)
                .map(|d| d.number)
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The workload in a few sentences: the description, then what the answers say, the
/// drivers' first, up to `CONTEXT_SENTENCES`, in the order they were asked.
pub fn context(kb: &KnowledgeBase, advice: &Advice, drivers: &[Driver]) -> Vec<String> {
    let mut described = Vec::new();
    let mut said: Vec<(bool, String)> = Vec::new();
    for b in &advice.answers {
        let Some(q) = kb.question(&b.question) else {
            continue;
        };
        if q.kind == QuestionKind::Text {
            let text = b.label.trim();
            if !text.is_empty() {
                described.push(sentence(text));
            }
            continue;
        }
        let chosen: Vec<_> = b.answer.split(", ").filter_map(|id| q.choice(id)).collect();
        if chosen.is_empty() {
            continue;
        }
        let text = if chosen.iter().all(|c| !c.context.is_empty()) {
            chosen
                .iter()
                .map(|c| sentence(&c.context))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            let labels: Vec<&str> = chosen.iter().map(|c| c.label.as_str()).collect();
            sentence(&format!("{} {}", q.prompt.trim(), labels.join("; ")))
        };
        let asked = prompt(kb, &b.question);
        said.push((drivers.iter().any(|d| d.question == asked), text));
    }
    let room = CONTEXT_SENTENCES.saturating_sub(described.len());
    let drivers_said = said.iter().filter(|(d, _)| *d).count();
    let mut others_left = room.saturating_sub(drivers_said);
    let mut out = described;
    let mut drivers_left = room;
    for (driver, text) in said {
        if driver && drivers_left > 0 {
            drivers_left -= 1;
            out.push(text);
        } else if !driver && others_left > 0 {
            others_left -= 1;
            drivers_left = drivers_left.saturating_sub(1);
            out.push(text);
        }
    }
    out
}

/// The stores, one row each: what it serves, in one sentence, and the drivers behind it.
pub fn stack_rows(kb: &KnowledgeBase, advice: &Advice, drivers: &[Driver]) -> Vec<StackRow> {
    let stores = advice.stack.iter().map(|c| StackRow {
        role: c.role.to_string(),
        engine: c.name.to_string(),
        need: need_served(&c.reason),
        drivers: driver_numbers(kb, drivers, &c.because),
    });
    // A need no engine serves under the other requirements is said, not dropped.
    let unmet = advice.unmet.iter().map(|u| StackRow {
        role: u.role.to_string(),
        engine: "none".into(),
        need: unmet_sentence(&u.need),
        drivers: driver_numbers(kb, drivers, &u.because),
    });
    stores.chain(unmet).collect()
}

/// What a store of the stack serves, for the stack table: the first sentence of each
/// need's reason.
fn need_served(reason: &StoreReason) -> String {
    match reason {
        StoreReason::Text(texts) => {
            let firsts: Vec<String> = texts.iter().map(|t| first_sentence(t)).collect();
            firsts.join(" ")
        }
        StoreReason::ServesItself { .. } => reason.to_string(),
    }
}

pub fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let end = text
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .next()
        .unwrap_or(text.len());
    sentence(&text[..end])
}

/// The decisions the table of other decisions shows: not a store (the stack table says
/// those), nor a tree the index or caching plan already says.
pub fn tabled<'a>(
    kb: &KnowledgeBase,
    decisions: &[&'a Decision],
    planned_trees: &[&str],
) -> Vec<&'a Decision> {
    let is_store = |d: &Decision| kb.tree(&d.tree).is_some_and(|t| t.role.is_some());
    let planned = |d: &Decision| planned_trees.iter().any(|t| *t == &*d.tree);
    let shown = decisions.iter().filter(|d| !is_store(d) && !planned(d));
    shown.copied().collect()
}

/// The `tabled` decisions, one row per question decided (a tree), its outcomes joined.
/// A row no answer moved directly follows the stores chosen, and says so.
pub fn decision_rows(
    kb: &KnowledgeBase,
    tabled: &[&Decision],
    drivers: &[Driver],
) -> Vec<DecisionRow> {
    let mut rows: Vec<(String, Vec<String>, Vec<&Decision>)> = Vec::new();
    for d in tabled {
        match rows.iter_mut().find(|(tree, _, _)| *tree == *d.tree_title) {
            Some((_, choices, row)) => {
                choices.push(d.title.to_string());
                row.push(d);
            }
            None => rows.push((d.tree_title.to_string(), vec![d.title.to_string()], vec![d])),
        }
    }
    rows.into_iter()
        .map(|(decision, choices, row)| {
            let because = row.iter().flat_map(|d| d.because.iter().cloned());
            let because: Vec<Because> = because.collect();
            let mut drivers = driver_numbers(kb, drivers, &because);
            if drivers.is_empty() {
                drivers = follows_stores(row.iter().any(|d| d.follows_primary()));
            }
            DecisionRow {
                decision,
                choice: choices.join("; "),
                drivers,
            }
        })
        .collect()
}

pub fn index_rows(indexes: &[&PatternAdvice], decisions: &[Decision]) -> Vec<IndexRow> {
    let mut rows = pattern_index_rows(indexes, decisions);
    rows.extend(unpatterned_indexes(indexes, decisions).map(|d| IndexRow {
        access: once(d.because.iter().map(|b| b.label.to_string())).join("; "),
        index: d.title.to_string(),
        why: d.summary.trim().to_string(),
    }));
    rows
}

/// The outcomes of the index plan's tree that name no index pattern (a field type of a
/// search engine, MySQL's SPATIAL index) but answer an access pattern: the plan shows
/// them beside the patterns, so that it answers every access pattern.
pub fn unpatterned_indexes<'a>(
    indexes: &'a [&PatternAdvice],
    decisions: &'a [Decision],
) -> impl Iterator<Item = &'a Decision> {
    let planned = |d: &Decision| {
        let mut traces = indexes.iter().flat_map(|p| p.trace.iter());
        traces.any(|t| t.tree == d.tree)
    };
    let traced = |d: &Decision| {
        let mut traces = indexes.iter().flat_map(|p| p.trace.iter());
        traces.any(|t| t.tree == d.tree && t.outcome == d.outcome)
    };
    // An outcome of that tree about something else (files kept beside the database) is
    // no index, whatever its tree.
    let answers_access = |d: &Decision| {
        d.because
            .iter()
            .any(|b| b.question == ACCESS_PATTERNS_QUESTION)
    };
    decisions.iter().filter(move |d| {
        planned(d) && answers_access(d) && !traced(d) && !d.left_to_a_store_beside()
    })
}

fn pattern_index_rows(indexes: &[&PatternAdvice], decisions: &[Decision]) -> Vec<IndexRow> {
    indexes
        .iter()
        .map(|p| {
            let mut access: Vec<String> = p.because.iter().map(|b| b.label.to_string()).collect();
            // An index that follows from a store's decision (keyword search in MySQL, say)
            // has no lookup of its own behind it: name the decision instead.
            if access.is_empty() {
                access = p
                    .trace
                    .iter()
                    .filter_map(|t| {
                        decisions
                            .iter()
                            .find(|d| d.tree == t.tree && d.outcome == t.outcome)
                    })
                    .map(|d| format!("From “{}”", d.title))
                    .collect();
                access.dedup();
            }
            IndexRow {
                access: access.join("; "),
                index: p.title.to_string(),
                why: p.summary.trim().to_string(),
            }
        })
        .collect()
}

/// How much a pattern matters for this project: an answer that brings this pattern
/// alone says more about it than one that brings many; a pattern no answer brought
/// (it follows from the stores) matters least.
fn specificity(p: &PatternAdvice, all: &[&PatternAdvice]) -> f64 {
    p.because
        .iter()
        .map(|b| {
            let sharing = all
                .iter()
                .filter(|o| o.because.iter().any(|x| x.question == b.question))
                .count();
            1.0 / sharing.max(1) as f64
        })
        .fold(0.0, f64::max)
}

/// The patterns that matter most for this project, one line each with the topic to
/// read; ties keep the order of the decisions they follow from. Patterns titled as a
/// decision are that decision, already said; an anti-pattern whose cure is listed too
/// (`covers`) is left to the appendix.
pub fn pattern_lines(
    kb: &KnowledgeBase,
    patterns: &[&PatternAdvice],
    decisions: &[DecisionRow],
    drivers: &[Driver],
) -> (Vec<PatternLine>, usize) {
    let said = |title: &str| {
        decisions
            .iter()
            .any(|d| d.choice.split("; ").any(|c| c == title))
    };
    // An anti-pattern whose cure is also listed says the same point from the other side.
    let covered = |id: &str| {
        patterns
            .iter()
            .filter_map(|p| kb.pattern(&p.id))
            .any(|p| p.covers.iter().any(|c| c == id))
    };
    let mut ranked: Vec<&&PatternAdvice> = patterns
        .iter()
        .filter(|p| !said(&p.title) && !covered(&p.id))
        .collect();
    // Stable: ties keep the order of the decisions they follow from.
    ranked.sort_by(|a, b| specificity(b, patterns).total_cmp(&specificity(a, patterns)));
    // A second pattern on a topic already listed (a cache's Redis habits, two kinds of
    // read model) waits behind the patterns on other topics that answers brought, so
    // that the short list covers the decisions rather than spelling out one of them.
    let topic_of = |p: &PatternAdvice| {
        kb.pattern(&p.id)
            .and_then(|k| k.topics.iter().find(|t| kb.topic(t).is_some()).cloned())
    };
    let mut seen: Vec<String> = Vec::new();
    let mut tiered: Vec<(u8, &&PatternAdvice, Option<String>, String)> = ranked
        .iter()
        .map(|p| {
            let topic = topic_of(p);
            let repeated = topic.as_ref().is_some_and(|t| seen.contains(t));
            if let Some(t) = &topic {
                seen.push(t.clone());
            }
            // Driven as the line reads: it names a driver.
            let named = driver_numbers(kb, drivers, &p.because);
            let driven = !named.is_empty();
            (u8::from(!driven) * 2 + u8::from(repeated), *p, topic, named)
        })
        .collect();
    tiered.sort_by_key(|(tier, ..)| *tier);
    let lines: Vec<PatternLine> = tiered
        .into_iter()
        .take(PATTERNS_SHOWN)
        .map(|(_, p, topic, named)| PatternLine {
            title: p.title.to_string(),
            topic,
            drivers: named,
        })
        .collect();
    let more = ranked.len() - lines.len();
    (lines, more)
}

/// The answers whose change would change the stores or the CAP stance, one entry per
/// question, in the order asked (of the sensitivities `keep` accepts): those that move
/// the primary store first, a few per question.
pub fn assumptions(advice: &Advice, keep: impl Fn(&Sensitivity) -> bool) -> Vec<Assumption> {
    let mut out: Vec<(&str, Assumption)> = Vec::new();
    let moves_stack = |s: &Sensitivity| !s.diff.stack.is_empty() || s.diff.cap.is_some();
    let moves_primary = |s: &Sensitivity| s.diff.stack.iter().any(|c| c.role == "primary");
    let mut chosen: Vec<&Sensitivity> = advice
        .sensitivity
        .iter()
        .filter(|s| keep(s) && moves_stack(s))
        .collect();
    // Stable: within each question, the primary store's changes come first.
    chosen.sort_by_key(|s| !moves_primary(s));
    let mut per_question: Vec<(&str, usize)> = Vec::new();
    chosen.retain(|s| {
        let n = match per_question.iter_mut().find(|(q, _)| *q == s.question) {
            Some((_, n)) => n,
            None => {
                per_question.push((&s.question, 0));
                &mut per_question.last_mut().expect("just pushed").1
            }
        };
        *n += 1;
        *n <= ALTERNATIVES_PER_QUESTION
    });
    let asked: Vec<&str> = advice
        .sensitivity
        .iter()
        .map(|s| s.question.as_str())
        .collect();
    chosen.sort_by_key(|s| asked.iter().position(|q| *q == s.question));
    for s in chosen {
        let alternative = crate::report::diff::alternative(s);
        match out.iter_mut().find(|(q, _)| *q == s.question) {
            Some((_, a)) => a.alternatives.push(alternative),
            None => out.push((
                &s.question,
                Assumption {
                    question: s.prompt.trim().to_string(),
                    // A several-choice question answered with none ticked.
                    answered: if s.current_label.trim().is_empty() {
                        "none of these".to_string()
                    } else {
                        s.current_label.clone()
                    },
                    alternatives: vec![alternative],
                },
            )),
        }
    }
    out.into_iter().map(|(_, a)| a).collect()
}

/// The options of a decision that is not an engine choice: the tree's outcomes.
/// The chosen ones say what their decision kept; the others say what applies to the
/// stack's engines, so that no option reads as another engine's consequence.
pub(super) fn outcome_options(
    kb: &KnowledgeBase,
    advice: &Advice,
    reached: &[&Decision],
) -> Vec<RecordOption> {
    let Some(tree) = reached.first().and_then(|d| kb.tree(&d.tree)) else {
        return vec![];
    };
    let stack: Vec<_> = advice
        .stack
        .iter()
        .filter_map(|c| kb.engine(&c.engine))
        .collect();
    let consequences = |lines: &[Check]| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l.applies.is_everywhere() || stack.iter().any(|e| l.applies.to(e)))
            .map(|l| clause(kb, &l.text))
            .collect()
    };
    tree.nodes
        .iter()
        .filter_map(|n| n.outcome.as_ref().map(|o| (n, o)))
        .enumerate()
        .map(|(i, (n, o))| {
            let decision = reached.iter().find(|d| d.outcome == n.id);
            let chosen = decision.is_some();
            let (good, bad) = match decision {
                Some(d) => (
                    d.good.iter().map(|g| clause(kb, g)).collect(),
                    d.bad.iter().map(|b| clause(kb, b)).collect(),
                ),
                None => (consequences(&o.good), consequences(&o.bad)),
            };
            RecordOption {
                rank: i + 1,
                name: o.title.to_string(),
                chosen,
                score: None,
                verdict: if chosen {
                    "chosen".into()
                } else {
                    first_sentence(&o.summary)
                },
                summary: o.summary.trim().to_string(),
                detailed: chosen,
                good,
                bad,
            }
        })
        .collect()
}
