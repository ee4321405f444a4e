//! Checks of what the stack's ranking reads: capabilities and needs, what answers
//! require and favour, the engines' capabilities and roles, and the `choose` and
//! `engine` nodes of the trees.

use std::collections::BTreeSet;

use super::check::unknown;
use super::check_trees::condition_problems;
use super::model::{CriterionSource, Node, Tree};
use super::stack::{BESIDE, BY_PRIMARY};
use super::{KnowledgeBase, Problem};

/// The role every engine that can hold the source of truth lists.
pub const PRIMARY: &str = "primary";

/// Roles a store can take: the primary, and those the needs ask for.
fn known_roles(kb: &KnowledgeBase) -> BTreeSet<&str> {
    let mut roles: BTreeSet<&str> = kb.needs.iter().filter_map(|n| n.role.as_deref()).collect();
    roles.insert(PRIMARY);
    roles
}

/// The tree whose `choose` node ranks the stores, and the questions it asks first.
fn stack_tree(kb: &KnowledgeBase) -> Option<&Tree> {
    kb.trees
        .iter()
        .find(|t| t.nodes.iter().any(|n| n.choose.is_some()))
}

pub(super) fn check(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let roles = known_roles(kb);
    let capabilities = || kb.capabilities.iter().map(|c| c.id.as_str());
    let criteria = || kb.criteria.iter().map(|c| c.id.as_str());
    let engines = || kb.engines.iter().map(|e| e.id.as_str());

    let chooses: Vec<(&str, &str)> = kb
        .trees
        .iter()
        .flat_map(|t| {
            t.nodes
                .iter()
                .filter(|n| n.choose.is_some())
                .map(move |n| (t.id.as_str(), n.id.as_str()))
        })
        .collect();
    if chooses.len() != 1 {
        let first = kb.trees.first().map(|t| &kb.origins.trees[t.id.as_str()]);
        let message = format!(
            "the trees need exactly one `choose: stores` node (the stack's ranking); found {}",
            chooses.len()
        );
        problems.push(match first {
            Some(origin) => origin.problem(message),
            None => Problem {
                file: "knowledge".into(),
                line: None,
                column: None,
                message,
            },
        });
    }
    // Questions whose answers the ranking can read: those asked before it chooses.
    let mut ranked_questions: BTreeSet<&str> = stack_tree(kb)
        .map(|t| {
            t.nodes
                .iter()
                .filter_map(|n| n.question.as_deref())
                .collect()
        })
        .unwrap_or_default();
    // And those an overlay asks there with `ask: {before: stores}`.
    for q in &kb.questions {
        let Some(ask) = &q.ask else { continue };
        ranked_questions.insert(q.id.as_str());
        let origin = &kb.origins.questions[q.id.as_str()];
        if ask.before != "stores" {
            problems.push(origin.problem(format!(
                "question `{}`: ask.before takes `stores`, not `{}`",
                q.id, ask.before
            )));
        }
        for message in ask.when.iter().flat_map(|c| condition_problems(kb, c)) {
            problems.push(origin.problem(format!("question `{}`, ask.when: {message}", q.id)));
        }
    }

    for engine in &kb.engines {
        let origin = &kb.origins.engines[engine.id.as_str()];
        let mut say = |message: String| {
            problems.push(origin.problem(format!("engine `{}`: {message}", engine.id)))
        };
        if engine.roles.is_empty() {
            say("takes no role, so no ranking can choose it".into());
        }
        // Fields that name another engine of the catalog.
        for (field, other) in [
            ("extends", &engine.extends),
            ("drop_in_for", &engine.drop_in_for),
        ] {
            let Some(other) = other else { continue };
            if other == &engine.id {
                say(format!("{field}: names the engine itself"));
            } else if kb.engine(other).is_none() {
                say(format!(
                    "{field}: {}",
                    unknown("engine", other, kb.engines.iter().map(|e| e.id.as_str()))
                ));
            }
        }
        if let Some(capability) = &engine.only_for {
            if !capabilities().any(|c| c == capability.as_str()) {
                say(format!(
                    "only_for: {}",
                    unknown("capability", capability, capabilities())
                ));
            }
        }
        for role in engine
            .roles
            .iter()
            .chain(&engine.serves_itself)
            .filter(|r| !roles.contains(r.as_str()))
        {
            say(unknown("role", role, roles.iter().copied()));
        }
        for c in engine
            .capabilities
            .iter()
            .filter(|c| kb.capability(c).is_none())
        {
            say(unknown("capability", c, capabilities()));
        }
        for message in engine
            .named
            .iter()
            .flat_map(|n| condition_problems(kb, &n.when))
        {
            say(format!("named.when: {message}"));
        }
        for c in engine.lacks.keys() {
            if kb.capability(c).is_none() {
                say(format!(
                    "lacks: {}",
                    unknown("capability", c, capabilities())
                ));
            } else if engine.capabilities.contains(c) {
                say(format!("lists `{c}` both as a capability and under lacks"));
            }
        }
    }

    for need in &kb.needs {
        let origin = &kb.origins.needs[need.id.as_str()];
        let mut say = |message: String| {
            problems.push(origin.problem(format!("need `{}`: {message}", need.id)))
        };
        if need.served_by.is_empty() && need.favoured_by.is_none() {
            say("served_by lists no capability".into());
        }
        if let Some(c) = need
            .favoured_by
            .as_ref()
            .filter(|c| kb.criterion(c).is_none())
        {
            say(unknown("criterion", c, criteria()));
        }
        if need.favoured_by.is_some() && (need.role.is_some() || need.every_store) {
            say(
                "favoured_by is for a requirement of the primary store (no role, no every_store)"
                    .into(),
            );
        }
        for c in need.served_by.iter().filter(|c| kb.capability(c).is_none()) {
            say(unknown("capability", c, capabilities()));
        }
        for c in need.weights.keys().filter(|c| kb.criterion(c).is_none()) {
            say(unknown("criterion", c, criteria()));
        }
        if !need.carries.is_empty() && need.role.is_none() {
            say("carries is for a need with a role: its store takes the weights".into());
        }
        if need.beside && need.role.is_none() {
            say("beside is for a need with a role: a requirement has no store of its own".into());
        }
        for (q, options) in &need.carries {
            let Some(question) = kb.question(q) else {
                say(format!("carries: unknown question `{q}`"));
                continue;
            };
            for o in options {
                match question.choice(o) {
                    None => say(format!("carries: `{q}` has no option `{o}`")),
                    Some(option) if !option.weights.values().any(|w| *w > 0) => {
                        say(format!("carries: `{q}: {o}` weighs no criterion"))
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(role) = &need.role {
            if role == PRIMARY {
                say("role `primary`: a need of the primary store is written without a role".into());
            } else if !kb.engines.iter().any(|e| e.takes_role(role, true)) {
                say(format!("no engine takes the role `{role}`"));
            }
        } else if need.every_store && need.served_by.is_empty() {
            say("every_store without capabilities".into());
        }
        for condition in std::iter::once(&need.when).chain(&need.unless) {
            for message in condition_problems(kb, condition) {
                say(message);
            }
            for q in condition.maps().iter().flat_map(|m| m.keys()) {
                if kb.question(q).is_some() && !ranked_questions.contains(q.as_str()) {
                    say(format!(
                        "reads `{q}`, which is not asked before the stores are chosen (ask it in the tree with the `choose` node)"
                    ));
                }
            }
        }
    }

    for q in &kb.questions {
        let origin = &kb.origins.questions[q.id.as_str()];
        for option in &q.options {
            let mut say = |message: String| {
                problems.push(origin.problem(format!(
                    "question `{}`, option `{}`: {message}",
                    q.id, option.id
                )))
            };
            for c in option
                .requires
                .iter()
                .filter(|c| kb.capability(c).is_none())
            {
                say(format!(
                    "requires {}",
                    unknown("capability", c, capabilities())
                ));
            }
            for (criterion, favoured) in &option.favours {
                match kb.criterion(criterion) {
                    None => say(format!(
                        "favours {}",
                        unknown("criterion", criterion, criteria())
                    )),
                    Some(c) if c.from != CriterionSource::Answers => say(format!(
                        "favours `{criterion}`, which is rated by the catalog, not by the answers"
                    )),
                    Some(_) => {}
                }
                for e in favoured.iter().filter(|e| kb.engine(e).is_none()) {
                    say(format!("favours {}", unknown("engine", e, engines())));
                }
            }
            for criterion in option.enough.keys() {
                match kb.criterion(criterion) {
                    None => say(format!(
                        "enough: {}",
                        unknown("criterion", criterion, criteria())
                    )),
                    Some(c) if c.from != CriterionSource::Catalog => say(format!(
                        "enough: `{criterion}` is not rated by the catalog, so no rating of it can be capped"
                    )),
                    Some(_) => {}
                }
            }
            let moves_ranking = !option.weights.is_empty()
                || !option.requires.is_empty()
                || !option.favours.is_empty()
                || !option.enough.is_empty();
            if moves_ranking && !ranked_questions.contains(q.id.as_str()) {
                say("weighs, requires, favours or caps, but its question is not asked before the stores are chosen, so it changes nothing".into());
            }
        }
    }
}

/// The problems of an `engine`, `choose` or conditional question node, each with the
/// text to find its line by.
pub(super) fn node_problems(kb: &KnowledgeBase, tree: &Tree, node: &Node) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let takes_unless = node.question.is_some() || node.check.is_some();
    if (node.when.is_some() && node.question.is_none()) || (node.unless.is_some() && !takes_unless)
    {
        found.push((
            "when".to_string(),
            format!(
                "node `{}`: only a question node takes `when`, and only a question or an `if` node `unless`",
                node.id
            ),
        ));
    }
    // Without `then`, a condition that holds goes straight on to `next` (and is no
    // reason for what follows there); one that does not goes to `otherwise`.
    if node.check.is_some() && node.then.is_none() && node.next.is_none() {
        found.push((
            "if".to_string(),
            format!(
                "node `{}`: an `if` node needs `then` (or a `next`)",
                node.id
            ),
        ));
    }
    if node.then.is_some() && node.check.is_none() {
        found.push((
            "then".to_string(),
            format!("node `{}`: `then` belongs to an `if` node", node.id),
        ));
    }
    for condition in node.when.iter().chain(&node.unless).chain(&node.check) {
        for message in condition_problems(kb, condition) {
            found.push(("when".to_string(), format!("node `{}`: {message}", node.id)));
        }
    }
    if let Some(what) = &node.choose {
        if what != "stores" {
            found.push((
                what.to_string(),
                format!("node `{}`: `choose` takes `stores`, not `{what}`", node.id),
            ));
        }
        if !node.branches.is_empty() || node.otherwise.is_some() {
            found.push((
                "choose".to_string(),
                format!(
                    "node `{}`: a `choose` node does not branch (use `next`)",
                    node.id
                ),
            ));
        }
    }
    let roles = known_roles(kb);
    if let Some(role) = tree.role.as_ref().filter(|r| !roles.contains(r.as_str())) {
        found.push((
            role.to_string(),
            format!(
                "tree `{}`: {}",
                tree.id,
                unknown("role", role, roles.iter().copied())
            ),
        ));
    }
    let Some(role) = &node.engine else {
        return found;
    };
    if !roles.contains(role.as_str()) {
        found.push((
            role.to_string(),
            format!(
                "node `{}`: {}",
                node.id,
                unknown("role", role, roles.iter().copied())
            ),
        ));
        return found;
    }
    if let Some(c) = &node.capability {
        if kb.capability(c).is_none() {
            let capabilities = kb.capabilities.iter().map(|c| c.id.as_str());
            found.push((
                c.to_string(),
                format!(
                    "node `{}`: {}",
                    node.id,
                    unknown("capability", c, capabilities)
                ),
            ));
        }
        for key in node
            .branches
            .keys()
            .filter(|k| !["yes", "no", BY_PRIMARY].contains(&k.as_str()))
        {
            found.push((
                key.clone(),
                format!(
                    "node `{}` branches on a capability: `yes`, `no` or `{BY_PRIMARY}`, not `{key}`",
                    node.id
                ),
            ));
        }
        if node.otherwise.is_none() && node.branches.len() < 2 {
            found.push((
                "capability".to_string(),
                format!(
                    "node `{}`: give both `yes` and `no`, or an `otherwise`",
                    node.id
                ),
            ));
        }
        return found;
    }
    let takers = || {
        kb.engines
            .iter()
            .filter(|e| e.takes_role(role, true))
            .map(|e| e.id.as_str())
    };
    for key in (node.branches.keys()).filter(|k| *k != BY_PRIMARY && *k != BESIDE) {
        if !takers().any(|e| e == key) {
            let message = unknown(
                &format!("engine that takes the role `{role}`"),
                key,
                takers(),
            );
            found.push((
                key.clone(),
                format!("node `{}` branches on {message}", node.id),
            ));
        }
    }
    // As on a question node, `next` follows every engine, and takes none of its reasons.
    if node.otherwise.is_none() && node.next.is_none() {
        let missing: Vec<String> = takers()
            .filter(|e| !node.branches.contains_key(*e))
            .map(|e| format!("`{e}`"))
            .collect();
        if !missing.is_empty() {
            found.push((
                "engine".to_string(),
                format!(
                    "node `{}`: engine(s) {} of the role `{role}` have no branch (add them, an `otherwise`, or a `next`)",
                    node.id,
                    missing.join(", ")
                ),
            ));
        }
    }
    let Some(stack) = stack_tree(kb) else {
        return found;
    };
    if (tree.order, &tree.id) < (stack.order, &stack.id) {
        found.push((
            "engine".to_string(),
            format!("node `{}` reads the stack, which tree `{}` chooses later (give this tree a higher order)", node.id, stack.id),
        ));
    }
    found
}
