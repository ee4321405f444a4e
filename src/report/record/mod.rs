//! The decision record as data: everything a template shows, phrased, but not laid
//! out. Built from an `Advice` and the knowledge base; the templates in `assets/` only
//! arrange it, so MADR and Nygard records say the same things.

use serde::Serialize;

use crate::engine::{Advice, Answers, Because, Decision, Sensitivity};
use crate::kb::{KnowledgeBase, QuestionKind};

/// Who decided, when, and in which state: what the command line adds to the advice.
#[derive(Debug, Clone)]
pub struct RecordMeta {
    pub status: String,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    pub deciders: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// The record's number in an ADR directory (`adr new`), none for a plain export.
    pub number: Option<u32>,
    pub title: String,
    pub status: String,
    pub date: String,
    pub deciders: Vec<String>,
    pub tags: Vec<String>,
    /// The workload in sentences, from the answers.
    pub context: Vec<String>,
    /// The question the record answers.
    pub problem: String,
    pub drivers: Vec<String>,
    pub options: Vec<RecordOption>,
    /// The chosen option, spelled as in `options`.
    pub chosen: String,
    pub justification: String,
    /// The whole recommended stack in one line ("PostgreSQL (primary) + Redis (cache)").
    pub stack_summary: String,
    pub good: Vec<String>,
    pub bad: Vec<String>,
    pub neutral: Vec<String>,
    pub confirmation: Vec<String>,
    /// The answers the decision hangs on, one line per question: what answering it
    /// differently would change.
    pub assumptions: Vec<Assumption>,
    /// Stack components, each with its reason and the answers behind it.
    pub stack: Vec<Item>,
    /// The other decisions (tree title: outcome), each with its because.
    pub decisions: Vec<Item>,
    pub indexes: Vec<Item>,
    pub caching: Vec<Item>,
    pub patterns: Vec<Item>,
    /// The primary store's starter schema, assembled from the answers; shown first in
    /// the schema section.
    pub starter_schema: Option<StarterSchema>,
    pub snippets: Vec<Snippet>,
    pub checklist: Vec<String>,
    pub defaulted: Vec<String>,
    /// Records this one links to (the other records of a split export), and the
    /// record it supersedes.
    pub links: Vec<Link>,
    /// The answers file that replays this decision.
    pub answers_yaml: String,
    pub answers_file: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordOption {
    pub name: String,
    pub chosen: bool,
    /// Selection-matrix score, 0–100, when the option is an engine.
    pub score: Option<u32>,
    pub summary: String,
    pub good: Vec<String>,
    pub bad: Vec<String>,
}

/// A question the decision hangs on: the answer given, and what each other answer
/// would change.
#[derive(Debug, Clone, Serialize)]
pub struct Assumption {
    pub question: String,
    pub answered: String,
    pub alternatives: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub title: String,
    pub text: String,
    pub because: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    pub title: String,
    pub dialect: String,
    pub language: String,
    pub code: String,
}

/// The starter schema as the record shows it: one SQL block and what was tailored.
#[derive(Debug, Clone, Serialize)]
pub struct StarterSchema {
    /// "Starter schema (tailored to your answers)".
    pub title: String,
    /// The engine's name, `PostgreSQL`.
    pub engine: String,
    pub dialect: String,
    pub language: String,
    pub code: String,
    pub tailored: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub relation: String,
    pub title: String,
    pub target: String,
}

/// The fence language for a snippet dialect, for syntax highlighting.
pub fn dialect_language(dialect: &str) -> &str {
    match dialect {
        "postgresql" | "mysql" | "sqlite" | "timescaledb" | "cassandra" => "sql",
        "mongodb" | "dynamodb" | "elasticsearch" => "json",
        "redis" => "shell",
        "neo4j" => "cypher",
        other => other,
    }
}

/// The questions the decision hangs on (of the sensitivities `keep` accepts), in walk
/// order, each with what every different answer would change.
fn assumptions(advice: &Advice, keep: impl Fn(&Sensitivity) -> bool) -> Vec<Assumption> {
    let mut out: Vec<(&str, Assumption)> = Vec::new();
    for s in advice.sensitivity.iter().filter(|s| keep(s)) {
        let alternative = s.summary();
        match out.iter_mut().find(|(q, _)| *q == s.question) {
            Some((_, a)) => a.alternatives.push(alternative),
            None => out.push((
                &s.question,
                Assumption {
                    question: s.prompt.trim().to_string(),
                    answered: s.current_label.clone(),
                    alternatives: vec![alternative],
                },
            )),
        }
    }
    out.into_iter().map(|(_, a)| a).collect()
}

/// "Because you answered …" in words: prompt → answer label.
pub fn because_text(kb: &KnowledgeBase, because: &[Because]) -> String {
    let parts: Vec<String> = because
        .iter()
        .filter(|b| {
            kb.question(&b.question)
                .is_some_and(|q| q.kind != QuestionKind::Text)
        })
        .map(|b| {
            let prompt = kb
                .question(&b.question)
                .map(|q| q.prompt.trim().trim_end_matches('?').to_string())
                .unwrap_or_else(|| b.question.to_string());
            format!("{prompt}: {}", b.label)
        })
        .collect();
    parts.join("; ")
}

/// The workload in sentences: the free-text description, then each answer's context.
fn context_sentences(kb: &KnowledgeBase, advice: &Advice) -> Vec<String> {
    let mut out = Vec::new();
    for b in &advice.answers {
        let Some(q) = kb.question(&b.question) else {
            continue;
        };
        match q.kind {
            QuestionKind::Text => {
                let text = b.label.trim();
                if !text.is_empty() {
                    out.push(sentence(text));
                }
            }
            _ => {
                let chosen: Vec<_> = b.answer.split(", ").filter_map(|id| q.choice(id)).collect();
                if chosen.is_empty() {
                    continue;
                }
                let parts: Vec<String> = chosen
                    .iter()
                    .map(|c| {
                        if c.context.is_empty() {
                            c.label.to_string()
                        } else {
                            c.context.clone()
                        }
                    })
                    .collect();
                let with_context = chosen.iter().all(|c| !c.context.is_empty());
                out.push(if with_context {
                    parts
                        .iter()
                        .map(|p| sentence(p))
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    sentence(&format!("{} {}", q.prompt.trim(), parts.join("; ")))
                });
            }
        }
    }
    out
}

fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Starts a clause after "because": lower-cases an ordinary first word, keeps names.
fn clause(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let first = text.split_whitespace().next().unwrap_or("");
    let ordinary = first
        .chars()
        .skip(1)
        .all(|c| c.is_lowercase() || !c.is_alphabetic());
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if ordinary && c.is_uppercase() => c.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// The answers that weighed most: those on the primary decision's path first, then the
/// ones whose options move the selection matrix the most.
fn drivers(kb: &KnowledgeBase, advice: &Advice, decision: Option<&Decision>) -> Vec<String> {
    let mut chosen: Vec<&Because> = Vec::new();
    if let Some(d) = decision {
        chosen.extend(d.because.iter());
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
    for (_, b) in by_weight {
        if chosen.len() >= 7 {
            break;
        }
        if !chosen.iter().any(|c| c.question == b.question) {
            chosen.push(b);
        }
    }
    chosen
        .iter()
        .filter(|b| {
            kb.question(&b.question)
                .is_some_and(|q| q.kind != QuestionKind::Text)
        })
        .map(|b| {
            let q = kb.question(&b.question).expect("filtered");
            format!("{}: {}", q.prompt.trim().trim_end_matches('?'), b.label)
        })
        .collect()
}

fn item(kb: &KnowledgeBase, title: &str, text: &str, because: &[Because]) -> Item {
    Item {
        title: title.to_string(),
        text: text.trim().to_string(),
        because: because_text(kb, because),
    }
}

/// The options of the primary-store decision: the chosen engine and those ranked
/// against it, each with its strengths, weaknesses and why it lost.
fn engine_options(kb: &KnowledgeBase, advice: &Advice, role: &str) -> Vec<RecordOption> {
    advice
        .alternatives
        .iter()
        .filter(|a| a.role == role)
        .filter_map(|a| {
            let e = kb.engine(&a.engine)?;
            let mut bad: Vec<String> = Vec::new();
            if let Some(why) = &a.eliminated {
                bad.push(format!("eliminated: {why}"));
            }
            bad.extend(e.weaknesses.iter().map(|w| clause(w)));
            bad.extend(a.reasons.iter().filter(|r| r.starts_with("worse")).cloned());
            let mut good: Vec<String> = e.strengths.iter().map(|g| clause(g)).collect();
            good.extend(
                a.reasons
                    .iter()
                    .filter(|r| r.starts_with("better"))
                    .cloned(),
            );
            Some(RecordOption {
                name: e.name.to_string(),
                chosen: a.chosen,
                score: a.eliminated.is_none().then_some(a.score),
                summary: e.best_for.clone(),
                good,
                bad,
            })
        })
        .collect()
}

/// The options of a decision that is not an engine choice: the tree's outcomes.
fn outcome_options(kb: &KnowledgeBase, decision: &Decision) -> Vec<RecordOption> {
    let Some(tree) = kb.tree(&decision.tree) else {
        return vec![];
    };
    tree.nodes
        .iter()
        .filter_map(|n| n.outcome.as_ref().map(|o| (n, o)))
        .map(|(n, o)| RecordOption {
            name: o.title.to_string(),
            chosen: n.id == decision.outcome,
            score: None,
            summary: o.summary.to_string(),
            good: o.good.iter().map(|g| g.to_string()).collect(),
            bad: o.bad.iter().map(|b| b.to_string()).collect(),
        })
        .collect()
}

fn snippets(advice: &Advice) -> Vec<Snippet> {
    advice
        .snippets
        .iter()
        .map(|s| Snippet {
            title: s.title.to_string(),
            dialect: s.dialect.to_string(),
            language: dialect_language(&s.dialect).to_string(),
            code: s.code.trim_end().to_string(),
        })
        .collect()
}

/// The heading the record, the TUI and `recommend` give the starter schema.
pub const STARTER_SCHEMA_TITLE: &str = "Starter schema (tailored to your answers)";

fn starter_schema(advice: &Advice) -> Option<StarterSchema> {
    advice.starter_schema.as_ref().map(|s| StarterSchema {
        title: STARTER_SCHEMA_TITLE.to_string(),
        engine: s.name.clone(),
        dialect: s.dialect.clone(),
        language: dialect_language(&s.dialect).to_string(),
        code: s.sql.trim_end().to_string(),
        tailored: s.tailored.iter().map(|t| t.to_string()).collect(),
    })
}

fn stack_phrase(advice: &Advice) -> String {
    advice
        .stack
        .iter()
        .map(|c| format!("{} ({})", c.name, c.role))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn answers_yaml(kb: &KnowledgeBase, advice: &Advice, answers: &Answers) -> String {
    let order: Vec<&str> = advice.answers.iter().map(|b| &*b.question).collect();
    crate::engine::answers::to_yaml(kb, answers, &order)
}

/// The combined kickoff record: the whole stack and every decision in one.
pub fn kickoff(
    kb: &KnowledgeBase,
    advice: &Advice,
    answers: &Answers,
    meta: &RecordMeta,
) -> Record {
    let project = advice
        .project
        .clone()
        .unwrap_or_else(|| "the project".into());
    let primary = advice.primary();
    let primary_decision = advice.decisions.first();
    let chosen = primary.map(|p| p.name.clone()).unwrap_or_default();
    let justification = primary_decision
        .map(|d| {
            clause(if d.reason.trim().is_empty() {
                &d.summary
            } else {
                &d.reason
            })
        })
        .unwrap_or_default();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for d in &advice.decisions {
        good.extend(d.good.iter().map(|g| clause(g)));
        bad.extend(d.bad.iter().map(|b| clause(b)));
    }
    let neutral = advice
        .cap
        .iter()
        .filter_map(|n| {
            let e = kb.engine(&n.engine)?;
            // Not through `clause`: it starts with the engine's name, which keeps its case.
            Some(format!(
                "{} is {}: {}",
                e.name,
                n.cap,
                n.note.trim().trim_end_matches('.')
            ))
        })
        .collect();
    let mut confirmation: Vec<String> = advice.checklist.iter().map(|c| c.to_string()).collect();
    if !advice.indexes.is_empty() {
        // In the primary engine's own terms: EXPLAIN (ANALYZE, BUFFERS) is PostgreSQL's.
        let explain = advice
            .primary()
            .and_then(|p| kb.engine(&p.engine))
            .and_then(|e| e.explain.as_ref())
            .map_or_else(
                || "Look at the plan, with real timings, of".to_string(),
                |how| format!("Run {how} on"),
            );
        confirmation.push(format!(
            "{explain} the queries behind each planned index ({}) with production-like data, and check the plan uses the index",
            advice.indexes.iter().map(|i| i.title.as_str()).collect::<Vec<_>>().join("; ")
        ));
    }
    if !meta.status.is_empty() && meta.status == "proposed" {
        confirmation
            .push("Review this record with the deciders, then set its status to accepted".into());
    }
    let mut tags = vec!["database".to_string()];
    for c in &advice.stack {
        if !tags.iter().any(|t| *t == c.engine.as_str()) {
            tags.push(c.engine.to_string());
        }
    }
    Record {
        number: None,
        title: format!(
            "Database stack for {project}: {}",
            primary.map(|p| p.name.as_str()).unwrap_or("undecided")
        ),
        status: meta.status.clone(),
        date: meta.date.clone(),
        deciders: if meta.deciders.is_empty() { answers.deciders.clone() } else { meta.deciders.clone() },
        tags,
        context: context_sentences(kb, advice),
        problem: format!(
            "Which databases should {project} use — the primary store, any secondary stores — and how should the schema, indexes, caching, keys and types be designed?"
        ),
        drivers: drivers(kb, advice, primary_decision),
        options: engine_options(kb, advice, "primary"),
        chosen: chosen.to_string(),
        justification,
        stack_summary: stack_phrase(advice),
        good,
        bad,
        neutral,
        confirmation,
        assumptions: assumptions(advice, |_| true),
        stack: advice
            .stack
            .iter()
            .map(|c| {
                let text = if c.cost.is_empty() {
                    c.reason.to_string()
                } else {
                    format!("{} Its cost: {}", c.reason.trim(), c.cost)
                };
                item(kb, &format!("{} — {}", c.role, c.name), &text, &c.because)
            })
            .collect(),
        decisions: advice
            .decisions
            .iter()
            .map(|d| item(kb, &format!("{}: {}", d.tree_title, d.title), &d.summary, &d.because))
            .collect(),
        indexes: advice.indexes.iter().map(|p| item(kb, &p.title, &p.summary, &p.because)).collect(),
        caching: advice
            .patterns
            .iter()
            .filter(|p| p.category == "caching")
            .map(|p| item(kb, &p.title, &p.summary, &p.because))
            .collect(),
        patterns: advice
            .patterns
            .iter()
            .filter(|p| p.category != "caching")
            .map(|p| item(kb, &p.title, &p.summary, &p.because))
            .collect(),
        starter_schema: starter_schema(advice),
        snippets: snippets(advice),
        checklist: advice.checklist.iter().map(|c| c.to_string()).collect(),
        defaulted: advice.defaulted.clone(),
        links: vec![],
        answers_yaml: answers_yaml(kb, advice, answers),
        answers_file: None,
    }
}

/// One record per decision (MADR's convention), in tree order. Links between them are
/// added by whoever names the files.
pub fn split(
    kb: &KnowledgeBase,
    advice: &Advice,
    answers: &Answers,
    meta: &RecordMeta,
) -> Vec<Record> {
    let whole = kickoff(kb, advice, answers, meta);
    let project = advice
        .project
        .clone()
        .unwrap_or_else(|| "the project".into());
    let mut seen_trees: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for d in &advice.decisions {
        if seen_trees.contains(&d.tree.as_str()) {
            continue;
        }
        seen_trees.push(&d.tree);
        // A tree may reach several outcomes (one per access pattern, say): one record.
        let reached: Vec<&Decision> = advice
            .decisions
            .iter()
            .filter(|x| x.tree == d.tree)
            .collect();
        let components: Vec<_> = advice
            .stack
            .iter()
            .filter(|c| kb.tree(&d.tree).and_then(|t| t.role.as_ref()) == Some(&c.role))
            .collect();
        // One engine chosen for one role: the ranked engines are the options. Otherwise
        // (several stores, or no store at all) the tree's outcomes are.
        let (options, chosen) = match (reached.as_slice(), components.as_slice()) {
            ([_], [c]) => (engine_options(kb, advice, &c.role), c.name.to_string()),
            _ => (
                outcome_options(kb, d)
                    .into_iter()
                    .map(|mut o| {
                        o.chosen = reached.iter().any(|x| x.title == o.name);
                        o
                    })
                    .collect(),
                reached
                    .iter()
                    .map(|x| x.title.as_str())
                    .collect::<Vec<_>>()
                    .join(" + "),
            ),
        };
        let in_tree = |id: &str| {
            advice
                .indexes
                .iter()
                .chain(&advice.patterns)
                .any(|p| p.id == id && p.trace.iter().any(|t| t.tree == d.tree))
        };
        let pick = |list: &[crate::engine::PatternAdvice], caching: Option<bool>| -> Vec<Item> {
            list.iter()
                .filter(|p| in_tree(&p.id))
                .filter(|p| caching.is_none_or(|c| (p.category == "caching") == c))
                .map(|p| item(kb, &p.title, &p.summary, &p.because))
                .collect()
        };
        let because: Vec<Because> = reached
            .iter()
            .flat_map(|x| x.because.iter().cloned())
            .collect();
        let stack_items: Vec<Item> = components
            .iter()
            .map(|c| {
                item(
                    kb,
                    &format!("{} — {}", c.role, c.name),
                    &c.reason,
                    &c.because,
                )
            })
            .collect();
        out.push(Record {
            title: format!("{} for {project}: {chosen}", d.tree_title),
            problem: format!("{} — what should {project} choose?", d.tree_title),
            drivers: drivers(kb, advice, Some(d)),
            options,
            chosen,
            justification: clause(if d.reason.trim().is_empty() {
                &d.summary
            } else {
                &d.reason
            }),
            good: reached
                .iter()
                .flat_map(|x| x.good.iter().map(|g| clause(g)))
                .collect(),
            bad: reached
                .iter()
                .flat_map(|x| x.bad.iter().map(|b| clause(b)))
                .collect(),
            neutral: vec![],
            stack: stack_items,
            decisions: reached
                .iter()
                .map(|x| item(kb, &x.title, &x.summary, &x.because))
                .collect(),
            // The schema goes with the primary store's decision, the first record.
            starter_schema: if out.is_empty() {
                whole.starter_schema.clone()
            } else {
                None
            },
            snippets: snippets(advice)
                .into_iter()
                .zip(&advice.snippets)
                .filter(|(_, s)| s.from.iter().any(|f| f == &d.tree || in_tree(f)))
                .map(|(r, _)| r)
                .collect(),
            stack_summary: stack_phrase(advice),
            indexes: pick(&advice.indexes, None),
            caching: pick(&advice.patterns, Some(true)),
            patterns: pick(&advice.patterns, Some(false)),
            assumptions: assumptions(advice, |s| {
                s.diff.decisions.iter().any(|c| c.tree == d.tree)
            }),
            confirmation: if because.is_empty() {
                whole.confirmation.clone()
            } else {
                vec![format!(
                    "Revisit this decision if any of these answers changes: {}",
                    because_text(kb, &because)
                )]
            },
            ..whole.clone()
        });
    }
    out
}
