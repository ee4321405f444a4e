//! Checks that a merged knowledge base hangs together: every reference resolves,
//! every node is reachable, no cycles, every option branches somewhere. Problems are
//! collected, each with the file and line it concerns.

use std::collections::{BTreeSet, HashSet};

use super::load::IdLines;
use super::locate::line_within_item;
use super::model::{
    placeholders_in, Condition, CriterionSource, Node, Outcome, QuestionKind, Schema, Tree,
    TOPIC_AREAS,
};
use super::{KnowledgeBase, Origin, Problem, Text};
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
    check_topics(kb, &mut problems);
    check_schemas(kb, &mut problems);
    for tree in &kb.trees {
        check_tree(kb, tree, &mut problems);
    }
    check_unused_snippets(kb, &mut problems);
    super::rules::check(kb, &mut problems);
    super::rules::check_declared_words(kb, &mut problems);
    super::check_words::check(kb, &mut problems);
    super::check_review::check(kb, &mut problems);
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
        if let Some(default) = &q.default {
            let values = default.values();
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
    }
}

/// Where an item applies, checked: every entry of `engines` is a catalog engine or an
/// engine family, every capability of `needs` exists, and no engine named there lacks a
/// capability the item needs (or, for an item naming `{explain}`, a plan tool). Each
/// problem comes with the text to find its line by.
fn applies_problems(
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

/// Topics: a known area, related topics and snippets that exist, and every link to a
/// topic from a question, tree, engine or pattern resolves. A topic nothing links to
/// is one a junior could only find by browsing: it is reported too.
fn check_topics(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let topic_ids = || kb.topics.iter().map(|t| t.id.as_str());
    let mut linked: BTreeSet<&str> = BTreeSet::new();
    let links = |what: String, origin: &Origin, ids: &[String], problems: &mut Vec<Problem>| {
        for id in ids {
            if kb.topic(id).is_none() {
                problems
                    .push(origin.problem(format!("{what}: {}", unknown("topic", id, topic_ids()))));
            }
        }
    };
    for q in &kb.questions {
        links(
            format!("question `{}`", q.id),
            &kb.origins.questions[q.id.as_str()],
            &q.topics,
            problems,
        );
    }
    for t in &kb.trees {
        links(
            format!("tree `{}`", t.id),
            &kb.origins.trees[t.id.as_str()],
            &t.topics,
            problems,
        );
    }
    for e in &kb.engines {
        links(
            format!("engine `{}`", e.id),
            &kb.origins.engines[e.id.as_str()],
            &e.topics,
            problems,
        );
    }
    for p in &kb.patterns {
        links(
            format!("pattern `{}`", p.id),
            &kb.origins.patterns[p.id.as_str()],
            &p.topics,
            problems,
        );
    }
    for topic in &kb.topics {
        let origin = &kb.origins.topics[topic.id.as_str()];
        links(
            format!("topic `{}` related", topic.id),
            origin,
            &topic.related,
            problems,
        );
        if !TOPIC_AREAS.contains(&topic.area.as_str()) {
            problems.push(origin.problem(format!(
                "topic `{}`: {} (areas: {})",
                topic.id,
                unknown("area", &topic.area, TOPIC_AREAS.iter().copied()),
                TOPIC_AREAS.join(", ")
            )));
        }
        for snippet in &topic.snippets {
            if !kb.snippets.contains_key(snippet.as_str()) {
                let msg = unknown("snippet", snippet, kb.snippets.keys().map(|s| s.as_str()));
                problems.push(origin.problem(format!("topic `{}`: {msg}", topic.id)));
            }
        }
    }
    let all_links = kb
        .questions
        .iter()
        .flat_map(|q| &q.topics)
        .chain(kb.trees.iter().flat_map(|t| &t.topics))
        .chain(kb.engines.iter().flat_map(|e| &e.topics))
        .chain(kb.patterns.iter().flat_map(|p| &p.topics));
    linked.extend(all_links.map(|s| s.as_str()));
    for topic in &kb.topics {
        linked.extend(
            topic
                .related
                .iter()
                .filter(|r| **r != topic.id)
                .map(|s| s.as_str()),
        );
    }
    for topic in kb.topics.iter().filter(|t| !linked.contains(t.id.as_str())) {
        problems.push(kb.origins.topics[topic.id.as_str()].problem(format!(
            "topic `{}` is not linked from any question, tree, engine, pattern or other topic",
            topic.id
        )));
    }
    check_topic_aliases(kb, problems);
}

/// A topic's aliases name it alone: none is empty, another topic's id, or another
/// topic's alias (in any case, as `explain` compares them).
fn check_topic_aliases(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let mut seen: std::collections::HashMap<String, &str> = Default::default();
    for topic in &kb.topics {
        let origin = &kb.origins.topics[topic.id.as_str()];
        for alias in &topic.aliases {
            let key = super::model::topic_slug(alias);
            let clash = if key.is_empty() {
                Some("is empty".to_string())
            } else if let Some(other) = kb.topics.iter().find(|t| t.id.to_lowercase() == key) {
                Some(format!("is the id of topic `{}`", other.id))
            } else {
                match seen.insert(key, &topic.id) {
                    Some(other) if other == topic.id => Some("is listed twice".to_string()),
                    Some(other) => Some(format!("is also an alias of topic `{other}`")),
                    None => None,
                }
            };
            if let Some(clash) = clash {
                problems
                    .push(origin.problem(format!("topic `{}`: alias `{alias}` {clash}", topic.id)));
            }
        }
    }
}

/// Starter schemas: known engines that run the schema's dialect (one schema per engine),
/// conditions on real questions and options, no empty SQL, every `{placeholder}` a var
/// of the schema, `for_tables` naming its tables, and a `why` on every conditional item.
fn check_schemas(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let mut served: std::collections::HashMap<&str, &str> = Default::default();
    for schema in &kb.schemas {
        let origin = &kb.origins.schemas[schema.id.as_str()];
        let text = kb
            .schema_texts
            .get(schema.id.as_str())
            .map(|s| s.as_str())
            .unwrap_or("");
        // A schema is one item, read from its start for every problem located in it:
        // past the first few hundred problems (a mangled file), the schema's own line
        // is given, so that a broken file costs seconds at most, not minutes.
        const LOCATED: usize = 200;
        let mut located = 0;
        let mut at = |needle: &str, message: String| {
            let line = if needle.is_empty() || located >= LOCATED {
                origin.line
            } else {
                located += 1;
                line_within_item(text, origin.line.unwrap_or(1), needle).or(origin.line)
            };
            problems.push(Problem {
                file: origin.file.clone(),
                line,
                column: None,
                message: format!("schema `{}`: {message}", schema.id),
            });
        };
        if schema.engines.is_empty() {
            at("", "lists no engines".into());
        }
        for engine in &schema.engines {
            match kb.engine(engine) {
                None => at(
                    engine,
                    unknown("engine", engine, kb.engines.iter().map(|e| e.id.as_str())),
                ),
                Some(e) if !e.runs_dialect(&schema.dialect) => at(
                    engine,
                    format!(
                        "engine `{engine}` does not run the `{}` dialect (its dialects: {})",
                        schema.dialect,
                        if e.dialects.is_empty() {
                            e.id.to_string()
                        } else {
                            e.dialects.join(", ")
                        }
                    ),
                ),
                Some(_) => {}
            }
            if let Some(other) = served.insert(engine, &schema.id) {
                at(
                    engine,
                    format!("engine `{engine}` already has the starter schema `{other}`"),
                );
            }
        }
        for problem in schema_problems(kb, schema) {
            at(&problem.0, problem.1);
        }
    }
}

/// The problems inside one schema, each with the text to find its line by.
fn schema_problems(kb: &KnowledgeBase, schema: &Schema) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let tables: Vec<&str> = schema
        .parts
        .iter()
        .filter_map(|p| p.table.as_deref())
        .collect();
    let conditional = |what: &str,
                       needle: &str,
                       when: &Option<Condition>,
                       unless: &Option<Condition>,
                       why: &str,
                       found: &mut Vec<(String, String)>| {
        for condition in [when, unless].into_iter().flatten() {
            for problem in condition_problems(kb, condition) {
                found.push((needle.to_string(), format!("{what}: {problem}")));
            }
        }
        if when.is_some() && why.trim().is_empty() && !what.starts_with("var ") {
            found.push((
                needle.to_string(),
                format!(
                    "{what} has a `when` but no `why` (the comment printed above it, and the \
                     line that lists it as tailored)"
                ),
            ));
        }
    };
    let placeholders =
        |what: &str, needle: &str, sql: &str, extra: &[&str], found: &mut Vec<(String, String)>| {
            for name in placeholders_in(sql) {
                if !schema.vars.contains_key(name) && !extra.contains(&name) {
                    let known = schema
                        .vars
                        .keys()
                        .map(|s| s.as_str())
                        .chain(extra.iter().copied());
                    found.push((
                        needle.to_string(),
                        format!(
                            "{what}: {{{name}}} is not a var of the schema ({})",
                            unknown("var", name, known)
                        ),
                    ));
                }
            }
        };
    for (name, alternatives) in &schema.vars {
        for alt in alternatives {
            let what = format!("var `{name}`");
            conditional(
                &what,
                name,
                &alt.when,
                &alt.unless,
                &alt.why.text,
                &mut found,
            );
            placeholders(&what, name, &alt.sql, &[], &mut found);
        }
        if alternatives.is_empty() {
            found.push((name.clone(), format!("var `{name}` has no alternatives")));
        }
    }
    for (i, part) in schema.parts.iter().enumerate() {
        let needle = part
            .table
            .clone()
            .or_else(|| {
                part.sql
                    .as_deref()
                    .and_then(|s| s.lines().next())
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let what = match &part.table {
            Some(t) => format!("table `{t}`"),
            None => format!("part {} (sql)", i + 1),
        };
        conditional(
            &what,
            &needle,
            &part.when,
            &part.unless,
            &part.why.text,
            &mut found,
        );
        match (&part.table, &part.sql) {
            (Some(_), Some(_)) | (None, None) => {
                found.push((
                    needle.clone(),
                    format!("part {} must have exactly one of `table` or `sql`", i + 1),
                ));
                continue;
            }
            (Some(table), None) => {
                if table.trim().is_empty() {
                    found.push((
                        needle.clone(),
                        format!("part {} has an empty table name", i + 1),
                    ));
                }
                if part.columns.is_empty() {
                    found.push((needle.clone(), format!("{what} has no columns")));
                }
                if !part.for_tables.is_empty() {
                    found.push((
                        needle.clone(),
                        format!("{what}: `for_tables` is for `sql` parts"),
                    ));
                }
                let mut names = HashSet::new();
                for column in &part.columns {
                    let cwhat = format!("{what}, column `{}`", column.name);
                    if column.name.trim().is_empty() || column.kind.trim().is_empty() {
                        found.push((needle.clone(), format!("{cwhat}: empty name or type")));
                    }
                    // Columns that exclude each other may share a name (one id per key kind).
                    if column.when.is_none()
                        && column.unless.is_none()
                        && !names.insert(column.name.as_str())
                    {
                        found.push((
                            column.name.clone(),
                            format!("{what} has column `{}` twice", column.name),
                        ));
                    }
                    conditional(
                        &cwhat,
                        &column.name,
                        &column.when,
                        &column.unless,
                        &column.why.text,
                        &mut found,
                    );
                    placeholders(&cwhat, &column.name, &column.kind, &[], &mut found);
                }
                for (list, kind) in [
                    (&part.constraints, "constraint"),
                    (&part.options, "option"),
                    (&part.statements, "statement"),
                ] {
                    for piece in list {
                        let first = piece.sql.lines().next().unwrap_or("").trim().to_string();
                        let pwhat = format!("{what}, {kind} `{first}`");
                        if piece.sql.trim().is_empty() {
                            found.push((needle.clone(), format!("{what}: empty {kind} SQL")));
                        }
                        if kind == "statement"
                            && !piece.sql.trim().is_empty()
                            && !piece.sql.trim_end().ends_with(';')
                        {
                            found.push((
                                first.clone(),
                                format!("{pwhat}: SQL statements end with `;`"),
                            ));
                        }
                        conditional(
                            &pwhat,
                            &first,
                            &piece.when,
                            &piece.unless,
                            &piece.why.text,
                            &mut found,
                        );
                        placeholders(&pwhat, &first, &piece.sql, &[], &mut found);
                    }
                }
            }
            (None, Some(sql)) => {
                if sql.trim().is_empty() {
                    found.push((needle.clone(), format!("{what}: empty SQL")));
                } else if !sql.trim_end().ends_with(';') {
                    found.push((
                        needle.clone(),
                        format!("{what}: SQL statements end with `;`"),
                    ));
                }
                if !part.columns.is_empty()
                    || !part.constraints.is_empty()
                    || !part.options.is_empty()
                    || !part.statements.is_empty()
                {
                    found.push((needle.clone(), format!("{what}: columns, constraints, options and statements belong to a `table` part")));
                }
                for t in &part.for_tables {
                    if !tables.contains(&t.as_str()) {
                        found.push((
                            t.clone(),
                            format!(
                                "{what}: for_tables: {}",
                                unknown("table", t, tables.iter().copied())
                            ),
                        ));
                    }
                }
                let extra: &[&str] = if part.for_tables.is_empty() {
                    &[]
                } else {
                    &["table"]
                };
                placeholders(&what, &needle, sql, extra, &mut found);
            }
        }
    }
    found
}

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
                line_within_item(self.text, node_line.unwrap_or(1), needle).or(node_line)
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

fn check_tree(kb: &KnowledgeBase, tree: &Tree, problems: &mut Vec<Problem>) {
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
    // A node that branches must say where every option goes.
    if !node.branches.is_empty() && node.otherwise.is_none() {
        let missing: Vec<&str> = options()
            .filter(|o| !node.branches.contains_key(*o))
            .collect();
        if !missing.is_empty() {
            problems.push(at.at(
                &node.id,
                None,
                format!(
                    "node `{}`: option(s) {} of `{qid}` have no branch (add them or an `otherwise`)",
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
            "pattern `{}` is not recommended by any outcome (add it to an outcome's patterns or indexes)",
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
