//! Checks of the decision trees: conditions, questions and decisions at each node, the
//! outcomes' references, and every node reachable with no cycle.

use super::check::{applies_problems, unknown};
use super::load::IdLines;
use super::locate::LineStarts;
use super::model::{placeholders_in, Condition, Node, Outcome, QuestionKind, Tree};
use super::{KnowledgeBase, Origin, Problem, Text};

/// The problems of one condition: unknown questions and options, free-text questions.
pub(super) fn condition_problems(kb: &KnowledgeBase, condition: &Condition) -> Vec<String> {
    let mut found = Vec::new();
    if condition.maps().is_empty() || condition.maps().iter().any(|m| m.is_empty()) {
        found.push("an empty condition".to_string());
    }
    for map in condition.maps() {
        for (qid, value) in map {
            let Some(q) = kb.question(qid) else {
                found.push(unknown(
                    "question",
                    qid,
                    kb.questions.iter().map(|q| q.id.as_str()),
                ));
                continue;
            };
            if q.kind == QuestionKind::Text {
                found.push(format!(
                    "question `{qid}` is free text; conditions need options"
                ));
                continue;
            }
            for option in value.values() {
                if q.choice(option).is_none() {
                    found.push(unknown(
                        &format!("option of `{qid}`"),
                        option,
                        q.options.iter().map(|o| o.id.as_str()),
                    ));
                }
            }
        }
    }
    found
}

/// Locates problems inside one tree's file: the node's line, or the first line after
/// it that mentions the offending value.
/// The `id:` lines are indexed in one pass, the first time a problem needs them; the
/// value is looked for within the node only.
struct TreeLocator<'a> {
    origin: &'a Origin,
    text: &'a str,
    id_lines: std::cell::OnceCell<IdLines>,
    line_starts: std::cell::OnceCell<LineStarts>,
}

impl TreeLocator<'_> {
    fn node_line(&self, node: &str) -> Option<usize> {
        let from = self.origin.line.unwrap_or(1);
        let lines = self.id_lines.get_or_init(|| IdLines::new(self.text));
        lines.line(node, from).or(self.origin.line)
    }

    /// The line of the `n`th (from 0) definition of `node`.
    fn definition_line(&self, node: &str, n: usize) -> Option<usize> {
        let from = self.origin.line.unwrap_or(1);
        let lines = self.id_lines.get_or_init(|| IdLines::new(self.text));
        lines.nth_line(node, from, n).or(self.origin.line)
    }

    fn at(&self, node: &str, needle: Option<&str>, message: String) -> Problem {
        let node_line = self.node_line(node);
        let line = match needle {
            Some(needle) => {
                let starts = self.line_starts.get_or_init(|| LineStarts::new(self.text));
                starts
                    .line_within_item(self.text, node_line.unwrap_or(1), needle)
                    .or(node_line)
            }
            None => node_line,
        };
        Problem {
            file: self.origin.file.clone(),
            line,
            column: None,
            message,
        }
    }
}

pub(super) fn check_tree(kb: &KnowledgeBase, tree: &Tree, problems: &mut Vec<Problem>) {
    let origin = &kb.origins.trees[tree.id.as_str()];
    let text = kb
        .tree_texts
        .get(tree.id.as_str())
        .map(|s| s.as_str())
        .unwrap_or("");
    let at = TreeLocator {
        origin,
        text,
        id_lines: Default::default(),
        line_starts: Default::default(),
    };
    let node_ids = || tree.nodes.iter().map(|n| n.id.as_str());

    // Each definition after the first is reported at its own line.
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    for node in &tree.nodes {
        let times = seen.entry(node.id.as_str()).or_default();
        *times += 1;
        if *times > 1 {
            problems.push(Problem {
                line: at.definition_line(&node.id, *times - 1),
                ..at.at(
                    &node.id,
                    None,
                    format!("tree `{}` has node `{}` twice", tree.id, node.id),
                )
            });
        }
    }
    if tree.node(&tree.start).is_none() {
        problems.push(origin.problem(format!(
            "tree `{}`: start {}",
            tree.id,
            unknown("node", &tree.start, node_ids())
        )));
    }

    for node in &tree.nodes {
        let kinds = [
            node.question.is_some(),
            node.decision.is_some(),
            node.engine.is_some(),
            node.choose.is_some(),
            node.check.is_some(),
            node.outcome.is_some(),
        ];
        if kinds.iter().filter(|&&k| k).count() != 1 {
            problems.push(at.at(
                &node.id,
                None,
                format!(
                    "node `{}` must have exactly one of `question`, `decision`, `engine`, `choose`, `if` or `outcome`",
                    node.id
                ),
            ));
            continue;
        }
        for (needle, message) in super::check_stack::node_problems(kb, tree, node) {
            problems.push(at.at(&node.id, Some(&needle), message));
        }
        for target in node
            .branches
            .values()
            .chain(&node.otherwise)
            .chain(&node.then)
            .chain(&node.next)
        {
            if tree.node(target).is_none() {
                problems.push(at.at(
                    &node.id,
                    Some(target),
                    format!(
                        "node `{}` goes to {}",
                        node.id,
                        unknown("node", target, node_ids())
                    ),
                ));
            }
        }
        if let Some(qid) = &node.question {
            check_question_node(kb, node, qid, &at, problems);
        }
        if let Some(tid) = &node.decision {
            check_decision_node(kb, tree, node, tid, &at, problems);
        }
        if let Some(outcome) = &node.outcome {
            for (needle, message) in outcome_problems(kb, outcome) {
                problems.push(at.at(
                    &node.id,
                    Some(&needle),
                    format!("outcome `{}`: {message}", node.id),
                ));
            }
        }
    }

    check_reachable_and_acyclic(tree, &at, problems);
}

/// Dangling references of an outcome, each with the text to find its line by.
fn outcome_problems(kb: &KnowledgeBase, outcome: &Outcome) -> Vec<(Text, String)> {
    let mut found = Vec::new();
    let patterns = || kb.patterns.iter().map(|p| p.id.as_str());
    for id in outcome.patterns.iter().chain(&outcome.indexes) {
        if kb.pattern(id).is_none() {
            found.push((id.clone(), unknown("pattern", id, patterns())));
        }
    }
    for check in &outcome.checklist {
        // Most lines have no placeholder: no list to make for them.
        let placeholders = if check.text.contains('{') {
            placeholders_in(&check.text)
        } else {
            Vec::new()
        };
        for name in placeholders {
            if format!("{{{name}}}") != super::model::EXPLAIN_PLACEHOLDER {
                found.push((
                    check.text.clone(),
                    format!(
                        "checklist: unknown placeholder `{{{name}}}` (a checklist item may name `{{explain}}`)"
                    ),
                ));
            }
        }
        let problems = applies_problems(kb, &check.engines, &check.needs, check.names_explain());
        for (needle, message) in problems {
            found.push((
                needle,
                format!("checklist item \"{}\": {message}", check.text),
            ));
        }
    }
    for (kind, lines) in [("good", &outcome.good), ("bad", &outcome.bad)] {
        for line in lines {
            let problems = applies_problems(kb, &line.engines, &line.needs, line.names_explain());
            for (needle, message) in problems {
                found.push((needle, format!("{kind} \"{}\": {message}", line.text)));
            }
        }
    }
    for path in outcome
        .snippets
        .iter()
        .filter(|p| !kb.snippets.contains_key(p.as_str()))
    {
        found.push((
            path.clone(),
            unknown("snippet", path, kb.snippets.keys().map(|s| s.as_str())),
        ));
    }
    found
}

fn check_question_node(
    kb: &KnowledgeBase,
    node: &Node,
    qid: &str,
    at: &TreeLocator,
    problems: &mut Vec<Problem>,
) {
    let Some(question) = kb.question(qid) else {
        let msg = unknown("question", qid, kb.questions.iter().map(|q| q.id.as_str()));
        problems.push(at.at(
            &node.id,
            Some(qid),
            format!("node `{}` asks {msg}", node.id),
        ));
        return;
    };
    if question.kind == QuestionKind::Text && !node.branches.is_empty() {
        problems.push(at.at(
            &node.id,
            None,
            format!("node `{}` branches on free-text question `{qid}`", node.id),
        ));
        return;
    }
    let options = || question.options.iter().map(|o| o.id.as_str());
    for key in node.branches.keys() {
        if question.choice(key).is_none() {
            let msg = unknown(&format!("option of `{qid}`"), key, options());
            problems.push(at.at(
                &node.id,
                Some(key),
                format!("node `{}` branches on {msg}", node.id),
            ));
        }
    }
    // A node that branches must say where every option goes: its branch, `otherwise`, or
    // `next`, which follows every answer and so takes none of its reasons (one
    // organisation is no reason for the operations baseline).
    if !node.branches.is_empty() && node.otherwise.is_none() && node.next.is_none() {
        let missing: Vec<&str> = options()
            .filter(|o| !node.branches.contains_key(*o))
            .collect();
        if !missing.is_empty() {
            problems.push(at.at(
                &node.id,
                None,
                format!(
                    "node `{}`: option(s) {} of `{qid}` have no branch (add them, an `otherwise`, or a `next`)",
                    node.id,
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
}

fn check_decision_node(
    kb: &KnowledgeBase,
    tree: &Tree,
    node: &Node,
    tid: &str,
    at: &TreeLocator,
    problems: &mut Vec<Problem>,
) {
    let Some(earlier) = kb.tree(tid) else {
        let msg = unknown("tree", tid, kb.trees.iter().map(|t| t.id.as_str()));
        problems.push(at.at(
            &node.id,
            Some(tid),
            format!("node `{}` depends on {msg}", node.id),
        ));
        return;
    };
    if (earlier.order, &earlier.id) >= (tree.order, &tree.id) {
        problems.push(at.at(
            &node.id,
            Some(tid),
            format!(
                "node `{}` depends on tree `{tid}`, which is not walked before `{}` (give `{tid}` a lower order; trees cannot depend on each other in a cycle)",
                node.id, tree.id
            ),
        ));
    }
    let outcomes = || {
        earlier
            .nodes
            .iter()
            .filter(|n| n.outcome.is_some())
            .map(|n| n.id.as_str())
    };
    for key in node.branches.keys() {
        if !outcomes().any(|o| o == key) {
            let msg = unknown(&format!("outcome of tree `{tid}`"), key, outcomes());
            problems.push(at.at(
                &node.id,
                Some(key),
                format!("node `{}` branches on {msg}", node.id),
            ));
        }
    }
    if node.otherwise.is_none() {
        let missing: Vec<&str> = outcomes()
            .filter(|o| !node.branches.contains_key(*o))
            .collect();
        if !missing.is_empty() {
            problems.push(at.at(
                &node.id,
                None,
                format!(
                    "node `{}`: outcome(s) {} of tree `{tid}` have no branch (add them or an `otherwise`)",
                    node.id,
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
}

fn successors(node: &Node) -> impl Iterator<Item = &String> {
    node.branches
        .values()
        .chain(&node.otherwise)
        .chain(&node.then)
        .chain(&node.next)
}

fn check_reachable_and_acyclic(tree: &Tree, at: &TreeLocator, problems: &mut Vec<Problem>) {
    if tree.node(&tree.start).is_none() {
        return;
    }
    // Depth-first with colours: grey on the stack, black when done. A grey successor is
    // a cycle.
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        Grey,
        Black,
    }
    let mut colour: std::collections::HashMap<&str, Colour> = Default::default();
    let mut stack: Vec<(&str, Vec<&str>)> = Vec::new();
    let children = |id: &str| -> Vec<&str> {
        tree.node(id)
            .map(|n| {
                successors(n)
                    .map(|s| s.as_str())
                    .filter(|t| tree.node(t).is_some())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut reported_cycle = false;
    colour.insert(tree.start.as_str(), Colour::Grey);
    stack.push((tree.start.as_str(), children(&tree.start)));
    while let Some((id, pending)) = stack.last_mut() {
        let id = *id;
        match pending.pop() {
            Some(next) => match colour.get(next) {
                Some(Colour::Grey) if !reported_cycle => {
                    reported_cycle = true;
                    problems.push(at.at(
                        id,
                        Some(next),
                        format!(
                            "tree `{}` has a cycle: node `{id}` leads back to `{next}`",
                            tree.id
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    colour.insert(next, Colour::Grey);
                    let grandchildren = children(next);
                    stack.push((next, grandchildren));
                }
            },
            None => {
                colour.insert(id, Colour::Black);
                stack.pop();
            }
        }
    }
    for node in &tree.nodes {
        if !colour.contains_key(node.id.as_str()) {
            problems.push(at.at(
                &node.id,
                None,
                format!(
                    "node `{}` of tree `{}` cannot be reached from `{}`",
                    node.id, tree.id, tree.start
                ),
            ));
        }
    }
}
