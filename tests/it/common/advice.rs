//! Checks of one advice that several sweeps share: no item outside the engines it is
//! written for, nothing said twice.

use std::collections::BTreeSet;

use dbadvise::engine::advise::advise;
use dbadvise::engine::walk::walk;
use dbadvise::engine::{default_answer, Advice, Answers};
use dbadvise::kb::{AnswerValue, Check, Engine, KnowledgeBase, Text};

/// Whether an item declaring `engines` and `needs` admits `engine`: it is listed (by id
/// or family), or extends an engine that is, and it has every capability needed. Read
/// from the knowledge base's own fields, independently of the engine's resolved bits,
/// so that a bug in either shows.
pub fn admits(kb: &KnowledgeBase, engines: &[Text], needs: &[Text], engine: &Engine) -> bool {
    let mut listed = engines.is_empty();
    let mut current = Some(engine);
    while let Some(e) = current.filter(|_| !listed) {
        listed = engines.iter().any(|d| *d == e.id || d.as_str() == e.family);
        current = e.extends.as_deref().and_then(|base| kb.engine(base));
    }
    listed && needs.iter().all(|c| engine.capabilities.contains(c))
}

/// The outcomes the advice reached in `tree`.
pub fn outcomes<'a>(advice: &'a Advice, tree: &str) -> Vec<&'a str> {
    advice
        .decisions
        .iter()
        .filter(|d| d.tree == tree)
        .map(|d| d.outcome.as_str())
        .collect()
}

/// The stack's engines, each once.
pub fn stack_engines<'kb>(kb: &'kb KnowledgeBase, advice: &Advice) -> Vec<&'kb Engine> {
    let ids: BTreeSet<&str> = advice.stack.iter().map(|c| c.engine.as_str()).collect();
    ids.into_iter().filter_map(|id| kb.engine(id)).collect()
}

/// How many items a sweep met, and how many of them declared their engines.
#[derive(Debug, Default)]
pub struct Counts {
    pub items: usize,
    pub declared: usize,
}

/// The patterns, checklist lines and consequences of an advice that are written for
/// engines its stack does not have.
pub fn outside_its_stack(kb: &KnowledgeBase, advice: &Advice, counts: &mut Counts) -> Vec<String> {
    let mut failures = Vec::new();
    let stack = stack_engines(kb, advice);
    for p in advice.patterns.iter().chain(&advice.indexes) {
        let pattern = kb.pattern(&p.id).expect("a pattern of the knowledge base");
        counts.items += 1;
        if pattern.engines.is_empty() && pattern.needs.is_empty() {
            continue;
        }
        counts.declared += 1;
        if !stack
            .iter()
            .any(|e| admits(kb, &pattern.engines, &pattern.needs, e))
        {
            failures.push(format!(
                "pattern {} is for {:?} {:?}, the stack is {:?}",
                p.id,
                pattern.engines,
                pattern.needs,
                stack.iter().map(|e| e.id.as_str()).collect::<Vec<_>>()
            ));
        }
    }
    let outcomes = kb
        .trees
        .iter()
        .flat_map(|t| &t.nodes)
        .filter_map(|n| n.outcome.as_ref());
    let checklist: Vec<&Check> = outcomes.clone().flat_map(|o| &o.checklist).collect();
    for line in &advice.checklist {
        line_outside(
            kb,
            &stack,
            "checklist item",
            line,
            &checklist,
            counts,
            &mut failures,
        );
    }
    let consequences: Vec<&Check> = outcomes.flat_map(|o| o.good.iter().chain(&o.bad)).collect();
    for line in advice
        .decisions
        .iter()
        .flat_map(|d| d.good.iter().chain(d.bad.iter()))
    {
        line_outside(
            kb,
            &stack,
            "consequence",
            line,
            &consequences,
            counts,
            &mut failures,
        );
    }
    failures
}

/// Whether a line of the advice (a checklist item, a consequence) comes from an item of
/// the knowledge base that applies to an engine of the stack; it fails when it does not.
fn line_outside(
    kb: &KnowledgeBase,
    stack: &[&Engine],
    what: &str,
    line: &str,
    items: &[&Check],
    counts: &mut Counts,
    failures: &mut Vec<String>,
) {
    counts.items += 1;
    // The items this line can come from: its text, or its text with `{explain}` as an
    // engine of the stack shows plans.
    let sources: Vec<_> = items
        .iter()
        .filter(|c| {
            c.text == *line
                || stack.iter().any(|e| {
                    e.explain.as_ref().is_some_and(|how| {
                        c.text.contains("{explain}") && c.text.replace("{explain}", how) == *line
                    })
                })
        })
        .collect();
    if sources.is_empty() {
        failures.push(format!("no {what} says {line:?}"));
        return;
    }
    if sources
        .iter()
        .all(|c| c.engines.is_empty() && c.needs.is_empty() && !c.names_explain())
    {
        return;
    }
    counts.declared += 1;
    let fits = sources.iter().any(|c| {
        stack.iter().any(|e| {
            admits(kb, &c.engines, &c.needs, e) && (!c.names_explain() || e.explain.is_some())
        })
    });
    if !fits {
        failures.push(format!(
            "{what} {line:?} is for engines the stack does not have"
        ));
    }
}

/// What one advice says twice: a store in one role, a decision, a pattern, a checklist
/// line, a snippet.
pub fn said_twice(advice: &Advice) -> Vec<String> {
    fn twice(what: &str, items: impl Iterator<Item = String>, out: &mut Vec<String>) {
        let mut seen = BTreeSet::new();
        for item in items {
            if !seen.insert(item.clone()) {
                out.push(format!("{what} {item:?} twice"));
            }
        }
    }
    let mut out = Vec::new();
    twice(
        "role",
        advice.stack.iter().map(|c| c.role.to_string()),
        &mut out,
    );
    twice(
        "decision",
        advice
            .decisions
            .iter()
            .map(|d| format!("{}/{}", d.tree, d.outcome)),
        &mut out,
    );
    twice(
        "pattern",
        advice
            .patterns
            .iter()
            .chain(&advice.indexes)
            .map(|p| p.id.to_string()),
        &mut out,
    );
    twice(
        "checklist line",
        advice.checklist.iter().map(|c| c.to_string()),
        &mut out,
    );
    // The same setting asked for by two lines (`PRAGMA foreign_keys=ON`, say) is said
    // twice too, however the lines are worded.
    twice(
        "setting in the checklist",
        advice.checklist.iter().flat_map(|c| settings(c)),
        &mut out,
    );
    twice(
        "snippet",
        advice.snippets.iter().map(|s| s.file.to_string()),
        &mut out,
    );
    // The same point in other words: two checklist lines, or two consequences, that
    // share most of their words.
    alike(
        "checklist lines",
        advice.checklist.iter().map(|c| c.as_str()),
        &mut out,
    );
    let good = advice.decisions.iter().flat_map(|d| d.good.iter());
    alike("good consequences", good.map(|t| t.as_str()), &mut out);
    // What a store beside the primary costs to run is a bad consequence in the record
    // too, unless a decision's says it word for word (the record then says it once): a
    // decision's must not say it again in other words.
    let bad: Vec<&str> = advice
        .decisions
        .iter()
        .flat_map(|d| d.bad.iter())
        .map(|t| t.as_str())
        .collect();
    let said = |cost: &str| {
        let cost = cost.trim_end_matches('.').to_lowercase();
        bad.iter().any(|b| b.to_lowercase().starts_with(&cost))
    };
    let costs = advice.stack.iter().map(|c| c.cost.as_str());
    let costs = costs.filter(|c| !c.trim().is_empty() && !said(c));
    alike(
        "bad consequences",
        bad.iter().copied().chain(costs),
        &mut out,
    );
    // A store's CAP note, listed beside the consequences, explains the mechanism: a
    // clause of it must not repeat a consequence.
    for note in &advice.cap {
        let clauses = note.note.split(['.', ';', '(', ')']).map(str::trim);
        for clause in clauses.filter(|c| c.split_whitespace().count() >= 4) {
            let decided = advice
                .decisions
                .iter()
                .flat_map(|d| d.good.iter().chain(d.bad.iter()));
            let mut found = Vec::new();
            alike("", decided.map(|t| t.as_str()).chain([clause]), &mut found);
            if found.iter().any(|f| f.contains(clause)) {
                out.push(format!(
                    "{}'s CAP note repeats a consequence: {clause:?}",
                    note.engine
                ));
            }
        }
    }
    out
}

/// Pairs of lines that say the same in other words: most of their content words shared
/// (Jaccard at least one half, over words of four letters or more).
fn alike<'a>(what: &str, lines: impl Iterator<Item = &'a str>, out: &mut Vec<String>) {
    let words = |line: &str| -> BTreeSet<String> {
        line.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(|w| w.to_lowercase())
            .filter(|w| !COMMON.contains(&w.as_str()))
            .collect()
    };
    let lines: Vec<(&str, BTreeSet<String>)> = lines.map(|l| (l, words(l))).collect();
    for (i, (a, wa)) in lines.iter().enumerate() {
        for (b, wb) in &lines[i + 1..] {
            let shared = wa.intersection(wb).count();
            let all = wa.union(wb).count();
            if a != b && shared >= 3 && shared * 2 >= all {
                out.push(format!("{what} say the same: {a:?} and {b:?}"));
            }
        }
    }
}

/// Words that carry no point of their own.
const COMMON: &[&str] = &[
    "that", "this", "with", "from", "each", "every", "have", "their", "they", "when", "than",
    "them", "into", "only", "more", "also", "your", "what", "which", "there", "does", "will",
];

/// The settings a line names: `name=value` words with an underscore or a dot in the
/// name (`foreign_keys=ON`, `sql_mode=STRICT_ALL_TABLES`).
fn settings(line: &str) -> Vec<String> {
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter_map(|w| w.split_once('='))
        .filter(|(name, value)| {
            (name.contains('_') || name.contains('.')) && !value.trim_end_matches('.').is_empty()
        })
        .map(|(name, value)| format!("{name}={}", value.trim_end_matches('.')))
        .collect()
}

/// The advice after an interview that answers `script` and takes the defaults elsewhere.
pub fn advice_after(kb: &KnowledgeBase, script: &[(&str, AnswerValue)]) -> Advice {
    let mut answers = Answers::default();
    interview(kb, &mut answers, script);
    advise(kb, &answers)
}

/// Answers question after question as the interview would, using `script` where it has
/// an answer and the question's default otherwise. Returns the questions in asked order.
pub fn interview(
    kb: &KnowledgeBase,
    answers: &mut Answers,
    script: &[(&str, AnswerValue)],
) -> Vec<String> {
    let mut asked = Vec::new();
    while let Some(q) = walk(kb, answers).next_question() {
        assert!(
            !asked.iter().any(|a| a == q),
            "`{q}` asked twice (after {asked:?})"
        );
        let question = kb.question(q).unwrap();
        let value = script
            .iter()
            .find(|(id, _)| *id == q)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| default_answer(question));
        asked.push(q.to_string());
        answers.set(q, value);
        assert!(
            asked.len() <= kb.questions.len(),
            "the interview never ends: {asked:?}"
        );
    }
    asked
}
