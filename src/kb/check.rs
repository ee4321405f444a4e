//! Checks that a merged knowledge base hangs together: every reference resolves,
//! every node is reachable, no cycles, every option branches somewhere. Problems are
//! collected, each with the file and line it concerns. This file runs every check and
//! holds the questions', engines' and patterns'; the topics, starter schemas and trees
//! have theirs in `check_topics`, `check_schemas` and `check_trees`.

use std::collections::{BTreeSet, HashSet};

use super::model::{CriterionSource, QuestionKind};
use super::{KnowledgeBase, Problem, Text};
use crate::suggest;

pub const CAP_CLASSES: [&str; 3] = ["CP", "AP", "single-node"];

thread_local! {
    /// Suggestions left for this check: past them, a broken file with thousands of
    /// dangling references costs no comparison of every reference with every id.
    static SUGGESTIONS_LEFT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Suggestions made by one check, at most.
const SUGGESTIONS: usize = 100;

pub fn check(kb: &KnowledgeBase) -> Vec<Problem> {
    SUGGESTIONS_LEFT.set(SUGGESTIONS);
    let mut problems = Vec::new();
    check_questions(kb, &mut problems);
    check_engines(kb, &mut problems);
    super::check_stack::check(kb, &mut problems);
    check_patterns(kb, &mut problems);
    super::check_topics::check_topics(kb, &mut problems);
    super::check_schemas::check_schemas(kb, &mut problems);
    for tree in &kb.trees {
        super::check_trees::check_tree(kb, tree, &mut problems);
    }
    check_unused_snippets(kb, &mut problems);
    super::rules::check(kb, &mut problems);
    super::rules::check_declared_words(kb, &mut problems);
    super::check_words::check(kb, &mut problems);
    super::check_review::check(kb, &mut problems);
    super::check_review::check_answers(kb, &mut problems);
    super::check_archetypes::check(kb, &mut problems);
    problems
}

/// "unknown X `id`" with a did-you-mean drawn from the ids that exist.
pub(super) fn unknown<'a>(
    what: &str,
    id: &str,
    valid: impl Iterator<Item = &'a str> + Clone,
) -> String {
    let left = SUGGESTIONS_LEFT.get();
    SUGGESTIONS_LEFT.set(left.saturating_sub(1));
    let near = if left > 0 {
        suggest::nearest(id, valid)
    } else {
        None
    };
    match near {
        Some(near) => format!("unknown {what} `{id}` (did you mean `{near}`?)"),
        None => format!("unknown {what} `{id}`"),
    }
}

fn check_questions(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let criteria = || kb.criteria.iter().map(|c| c.id.as_str());
    for q in &kb.questions {
        let origin = &kb.origins.questions[q.id.as_str()];
        let mut seen = HashSet::new();
        for option in &q.options {
            if !seen.insert(option.id.as_str()) {
                problems.push(origin.problem(format!(
                    "question `{}` has option `{}` twice",
                    q.id, option.id
                )));
            }
            for criterion in option.weights.keys() {
                if kb.criterion(criterion).is_none() {
                    problems.push(origin.problem(format!(
                        "question `{}`, option `{}`: {}",
                        q.id,
                        option.id,
                        unknown("criterion", criterion, criteria())
                    )));
                }
            }
        }
        match q.kind {
            QuestionKind::One if q.options.len() < 2 => problems
                .push(origin.problem(format!("question `{}` has fewer than two options", q.id))),
            QuestionKind::Many if q.options.is_empty() => {
                problems.push(origin.problem(format!("question `{}` has no options", q.id)))
            }
            QuestionKind::Text if !q.options.is_empty() => problems.push(origin.problem(format!(
                "question `{}` is free text but lists options",
                q.id
            ))),
            _ => {}
        }
        if q.at_least_one && q.kind != QuestionKind::Many {
            problems.push(origin.problem(format!(
                "question `{}`: only a several-choice question takes `at_least_one`",
                q.id
            )));
        }
        // Only the one answer of a question that confirms something can leave it out.
        if q.confirm.is_none() || q.kind != QuestionKind::One {
            for option in q.options.iter().filter(|o| !o.confirm) {
                problems.push(origin.problem(format!(
                    "question `{}`, option `{}`: `confirm: false` leaves out a check, but only a one-choice question with `confirm` has one",
                    q.id, option.id
                )));
            }
        }
        if let Some(default) = &q.default {
            let values = default.values();
            if q.at_least_one && values.is_empty() {
                problems.push(origin.problem(format!(
                    "question `{}` takes at least one option but its default ticks none",
                    q.id
                )));
            }
            if q.kind == QuestionKind::One && values.len() != 1 {
                problems.push(origin.problem(format!(
                    "question `{}` takes one option but its default lists {}",
                    q.id,
                    values.len()
                )));
            }
            if q.kind != QuestionKind::Text {
                for value in values {
                    if q.choice(value).is_none() {
                        let msg = unknown("option", value, q.options.iter().map(|o| o.id.as_str()));
                        problems
                            .push(origin.problem(format!("question `{}` default: {msg}", q.id)));
                    }
                }
            }
        }
    }
}

fn check_engines(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    for engine in &kb.engines {
        let origin = &kb.origins.engines[engine.id.as_str()];
        if !CAP_CLASSES.contains(&engine.cap.as_str()) {
            problems.push(origin.problem(format!(
                "engine `{}`: cap must be one of {}, not `{}`",
                engine.id,
                CAP_CLASSES.join(", "),
                engine.cap
            )));
        }
        for criterion in engine.ratings.keys() {
            if kb.criterion(criterion).is_none() {
                let msg = unknown(
                    "criterion",
                    criterion,
                    kb.criteria.iter().map(|c| c.id.as_str()),
                );
                problems.push(origin.problem(format!("engine `{}` ratings: {msg}", engine.id)));
            }
        }
        // The matrix compares engines criterion by criterion; a gap would silently
        // score as "no" and make the engine lose for a reason nobody wrote down.
        let missing: Vec<&str> = kb
            .criteria
            .iter()
            .filter(|c| c.from == CriterionSource::Catalog)
            .map(|c| c.id.as_str())
            .filter(|id| !engine.ratings.contains_key(*id))
            .collect();
        if !missing.is_empty() {
            problems.push(origin.problem(format!(
                "engine `{}` is not rated on {}",
                engine.id,
                missing.join(", ")
            )));
        }
        // The index plan words a hot read as a B-tree unless the engine says otherwise;
        // that is true of relational engines only.
        let b_trees = matches!(engine.family.as_str(), "relational");
        if engine.keyed_index.is_none() && !b_trees && engine.roles.iter().any(|r| r == "primary") {
            problems.push(origin.problem(format!(
                "engine `{}`: a primary store that is not relational needs `keyed_index`, \
                 how it serves a hot read ({{entity}}, {{columns}}); the default is a B-tree",
                engine.id
            )));
        }
        let forms = [
            (
                "keyed_index",
                &engine.keyed_index,
                &["entity", "columns"][..],
            ),
            (
                "changing_key",
                &engine.changing_key,
                &["entity", "columns", "changing"][..],
            ),
            ("few_values_key", &engine.few_values_key, &["column"][..]),
        ];
        for (field, form, allowed) in forms {
            let Some(form) = form else { continue };
            for name in super::schema_parts::placeholders_in(form) {
                if !allowed.contains(&name) {
                    let may: Vec<String> = allowed.iter().map(|a| format!("`{{{a}}}`")).collect();
                    problems.push(origin.problem(format!(
                        "engine `{}` {field}: unknown placeholder `{{{name}}}` (it may name {})",
                        engine.id,
                        may.join(", ")
                    )));
                }
            }
        }
    }
}

fn check_patterns(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    for pattern in &kb.patterns {
        let origin = &kb.origins.patterns[pattern.id.as_str()];
        for snippet in &pattern.snippets {
            if !kb.snippets.contains_key(snippet.as_str()) {
                let msg = unknown("snippet", snippet, kb.snippets.keys().map(|s| s.as_str()));
                problems.push(origin.problem(format!("pattern `{}`: {msg}", pattern.id)));
            }
        }
        for (_, msg) in applies_problems(kb, &pattern.engines, &pattern.needs, false) {
            problems.push(origin.problem(format!("pattern `{}`: {msg}", pattern.id)));
        }
        for covered in &pattern.covers {
            let msg = if *covered == pattern.id {
                "covers itself".to_string()
            } else if kb.pattern(covered).is_none() {
                unknown(
                    "pattern",
                    covered,
                    kb.patterns.iter().map(|p| p.id.as_str()),
                )
            } else {
                continue;
            };
            problems.push(origin.problem(format!("pattern `{}`: `covers`: {msg}", pattern.id)));
        }
    }
}

/// Where an item applies, checked: every entry of `engines` is a catalog engine or an
/// engine family, every capability of `needs` exists, and no engine named there lacks a
/// capability the item needs (or, for an item naming `{explain}`, a plan tool). Each
/// problem comes with the text to find its line by.
pub(super) fn applies_problems(
    kb: &KnowledgeBase,
    engines: &[Text],
    needs: &[Text],
    explain: bool,
) -> Vec<(Text, String)> {
    let mut found = Vec::new();
    if engines.is_empty() && needs.is_empty() && !explain {
        return found;
    }
    let is_family = |f: &str| kb.engines.iter().any(|e| e.family == f);
    for declared in engines {
        if kb.engine(declared).is_none() && !is_family(declared) {
            let families = kb.families();
            let valid = kb
                .engines
                .iter()
                .map(|e| e.id.as_str())
                .chain(families.iter().copied());
            found.push((
                declared.clone(),
                format!(
                    "engines: {}",
                    unknown("engine or engine family", declared, valid)
                ),
            ));
        }
    }
    for capability in needs.iter().filter(|c| kb.capability(c).is_none()) {
        let valid = kb.capabilities.iter().map(|c| c.id.as_str());
        found.push((
            capability.clone(),
            format!("needs: {}", unknown("capability", capability, valid)),
        ));
    }
    for engine in engines.iter().filter_map(|id| kb.engine(id)) {
        for capability in needs
            .iter()
            .filter(|c| kb.capability(c).is_some() && !engine.has(c))
        {
            found.push((
                engine.id.clone(),
                format!(
                    "engines: `{}` lacks `{capability}`, which the item needs (drop the engine, or the need)",
                    engine.id
                ),
            ));
        }
        if explain && engine.explain.is_none() {
            found.push((
                engine.id.clone(),
                format!(
                    "engines: `{}` has no `explain` in the catalog, which `{{explain}}` names",
                    engine.id
                ),
            ));
        }
    }
    found
}

/// What no tree reaches is knowledge the advice never uses: questions never asked,
/// patterns and engines never recommended or considered, snippet files no reached
/// outcome or pattern shows.
fn check_unused_snippets(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let mut questions: BTreeSet<&str> = BTreeSet::new();
    let mut patterns: BTreeSet<&str> = BTreeSet::new();
    let mut snippets: BTreeSet<&str> = BTreeSet::new();
    for node in kb.trees.iter().flat_map(|t| &t.nodes) {
        questions.extend(node.question.as_deref());
        let Some(outcome) = &node.outcome else {
            continue;
        };
        patterns.extend(
            outcome
                .patterns
                .iter()
                .chain(&outcome.indexes)
                .map(|s| s.as_str()),
        );
        snippets.extend(outcome.snippets.iter().map(|s| s.as_str()));
    }
    // A domain lists the patterns its design applies whatever the trees reach.
    let types = kb.model_types();
    for archetype in kb.archetypes.values() {
        if let Some(model) = archetype.model(&types) {
            patterns.extend(model.patterns.iter().map(|p| p.as_str()));
        }
    }
    for pattern in kb
        .patterns
        .iter()
        .filter(|p| patterns.contains(p.id.as_str()))
    {
        snippets.extend(pattern.snippets.iter().map(|s| s.as_str()));
    }
    for topic in &kb.topics {
        snippets.extend(topic.snippets.iter().map(|s| s.as_str()));
    }
    for q in kb
        .questions
        .iter()
        .filter(|q| !questions.contains(q.id.as_str()) && q.ask.is_none())
    {
        problems.push(kb.origins.questions[q.id.as_str()].problem(format!(
            "question `{}` is not asked by any tree node (nor `ask: {{before: stores}}`)",
            q.id
        )));
    }
    for p in kb
        .patterns
        .iter()
        .filter(|p| !patterns.contains(p.id.as_str()))
    {
        problems.push(kb.origins.patterns[p.id.as_str()].problem(format!(
            "pattern `{}` is not recommended by any outcome (add it to an outcome's patterns or indexes, or a domain's patterns)",
            p.id
        )));
    }
    for (path, snippet) in &kb.snippets {
        if !snippets.contains(path.as_str()) {
            problems.push(snippet.origin.problem(format!(
                "snippet `{path}` is not used by any outcome, recommended pattern or topic"
            )));
        }
    }
}
