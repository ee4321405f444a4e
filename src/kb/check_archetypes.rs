//! The domain archetypes: each model parses and checks, every dialect with a model can
//! write it, its topics exist, and the `product` question offers exactly the archetypes
//! (and `none`).

use super::check::unknown;
use super::load::Problem;
use super::KnowledgeBase;

/// The question whose options pick an archetype.
pub const PRODUCT_QUESTION: &str = "product";
/// The option of that question that picks none.
pub const NO_ARCHETYPE: &str = "none";

pub(super) fn check(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let types = kb.model_types();
    for (id, archetype) in &kb.archetypes {
        let at = |line: Option<usize>, message: String| Problem {
            file: archetype.shown_as.clone(),
            line,
            column: None,
            message,
        };
        let model = match crate::model::parse(&archetype.shown_as, &archetype.text, &types) {
            Ok(model) => model,
            Err(e) => {
                problems.extend(e.problems.into_iter().map(|(line, m)| at(line, m)));
                continue;
            }
        };
        for schema in &kb.schemas {
            let (Some(dialect), Some(engine)) = (&schema.model, schema.engines.first()) else {
                continue;
            };
            let name = kb
                .engine(engine)
                .map_or(engine.as_str(), |e| e.name.as_str());
            if let Err(e) = crate::model::check_dialect(
                &model,
                &archetype.shown_as,
                &archetype.text,
                dialect,
                name,
            ) {
                problems.extend(e.problems.into_iter().map(|(line, m)| at(line, m)));
            }
        }
        let topics = model
            .topics
            .iter()
            .chain(model.notes.iter().filter_map(|n| n.topic.as_ref()));
        for topic in topics.filter(|t| kb.topic(t).is_none()) {
            let line = super::load::line_of(&archetype.text, 1, topic);
            let valid = kb.topics.iter().map(|t| t.id.as_str());
            problems.push(at(line, unknown("topic", topic, valid)));
        }
        for pattern in model.patterns.iter().filter(|p| kb.pattern(p).is_none()) {
            let line = super::load::line_of(&archetype.text, 1, pattern);
            let valid = kb.patterns.iter().map(|p| p.id.as_str());
            problems.push(at(line, unknown("pattern", pattern, valid)));
        }
        // A note said only for some answers names real questions and options.
        for (question, options) in model.notes.iter().flat_map(|n| &n.when) {
            let line = super::load::line_of(&archetype.text, 1, question);
            let Some(asked) = kb.question(question) else {
                let valid = kb.questions.iter().map(|q| q.id.as_str());
                problems.push(at(line, unknown("question", question, valid)));
                continue;
            };
            for option in options
                .iter()
                .filter(|o| !asked.options.iter().any(|a| a.id == **o))
            {
                let valid = asked.options.iter().map(|a| a.id.as_str());
                let what = format!("option of `{question}`");
                problems.push(at(line, unknown(&what, option, valid)));
            }
        }
        // A note said only for some stores names engines or families of the catalog.
        let names = model
            .notes
            .iter()
            .flat_map(|n| n.engines.iter().chain(&n.beside).chain(&n.unless_beside));
        for name in names {
            let known = |e: &crate::kb::Engine| *e.id == **name || e.family == *name;
            if !kb.engines.iter().any(known) {
                let line = super::load::line_of(&archetype.text, 1, name);
                let mut valid: Vec<&str> = kb.engines.iter().map(|e| e.id.as_str()).collect();
                valid.extend(kb.engines.iter().map(|e| e.family.as_str()));
                valid.sort_unstable();
                valid.dedup();
                problems.push(at(
                    line,
                    unknown("engine or family", name, valid.into_iter()),
                ));
            }
        }
        if model.about.trim().is_empty() {
            problems.push(at(
                Some(1),
                format!("the archetype `{id}` says nothing `about:` what its design hinges on"),
            ));
        }
    }
    let Some(question) = kb.question(PRODUCT_QUESTION) else {
        return;
    };
    let origin = &kb.origins.questions[PRODUCT_QUESTION];
    // It picks the domain's tables and nothing else, which the sensitivity and the
    // inert-option check rely on: no option weighs the ranking, no tree branches on it,
    // no condition of a tree or a need reads it.
    for option in &question.options {
        let ranks = !option.weights.is_empty()
            || !option.requires.is_empty()
            || !option.favours.is_empty()
            || !option.enough.is_empty();
        if ranks {
            problems.push(origin.problem(format!(
                "`{PRODUCT_QUESTION}` option `{}` weighs the ranking: the question picks a domain's tables and nothing else",
                option.id
            )));
        }
    }
    let reads = |c: Option<&super::Condition>| {
        c.is_some_and(|c| c.maps().iter().any(|m| m.contains_key(PRODUCT_QUESTION)))
    };
    for tree in &kb.trees {
        for node in &tree.nodes {
            let branches =
                node.question.as_deref() == Some(PRODUCT_QUESTION) && !node.branches.is_empty();
            if branches
                || reads(node.check.as_ref())
                || reads(node.when.as_ref())
                || reads(node.unless.as_ref())
            {
                problems.push(origin.problem(format!(
                    "tree `{}` node `{}` reads `{PRODUCT_QUESTION}`: the question picks a domain's tables and nothing else",
                    tree.id, node.id
                )));
            }
        }
    }
    for need in &kb.needs {
        if reads(Some(&need.when)) || reads(need.unless.as_ref()) {
            problems.push(origin.problem(format!(
                "need `{}` reads `{PRODUCT_QUESTION}`: the question picks a domain's tables and nothing else",
                need.id
            )));
        }
    }
    for option in question.options.iter().map(|o| o.id.as_str()) {
        if option != NO_ARCHETYPE && !kb.archetypes.contains_key(option) {
            let valid = kb.archetypes.keys().map(String::as_str);
            problems.push(origin.problem(format!(
                "`{PRODUCT_QUESTION}` offers {}: no knowledge/archetypes/{option}.yaml",
                unknown("archetype", option, valid)
            )));
        }
    }
    for (id, archetype) in &kb.archetypes {
        if !question.options.iter().any(|o| o.id == *id) {
            problems.push(Problem {
                file: archetype.shown_as.clone(),
                line: None,
                column: None,
                message: format!(
                    "no option of the `{PRODUCT_QUESTION}` question picks the archetype `{id}`"
                ),
            });
        }
    }
}

/// The topics the archetypes link (those whose model reads), so that a topic only an
/// archetype explains counts as linked.
pub fn linked_topics(kb: &KnowledgeBase) -> Vec<String> {
    let types = kb.model_types();
    let models = kb.archetypes.values().filter_map(|a| a.model(&types));
    models
        .flat_map(|m| {
            let notes = m.notes.iter().filter_map(|n| n.topic.clone());
            m.topics.iter().cloned().chain(notes).collect::<Vec<_>>()
        })
        .collect()
}
