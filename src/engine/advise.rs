//! From a walk to `Advice`: the stack, the decisions, indexes, patterns, alternatives
//! and snippets, every item with the answers that produced it.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

use serde::Serialize;

use super::answers::Answers;
use super::rank::Alternative;
use super::reasons::{option_because, StoreReason};
use super::select::{self, Unmet};
use super::walk::{walk, Because, Reached, Walk};
use crate::kb::{
    Applies, Check, Engine, KnowledgeBase, Text, EXPLAIN_PLACEHOLDER, PRODUCT_QUESTION,
};

/// What produced an item: the tree, the outcome, the answers and the path.
#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    pub tree: Text,
    pub outcome: Text,
    pub path: Arc<[Text]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Component {
    pub role: Text,
    pub engine: Text,
    pub name: Text,
    pub reason: StoreReason,
    /// A role the primary store serves itself (search in PostgreSQL, say).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub by_primary: bool,
    /// What a store beside the primary costs to run.
    #[serde(skip_serializing_if = "no_text")]
    pub cost: Text,
    /// The answers that moved this choice.
    pub because: Arc<[Because]>,
    /// A store beside the primary that keeps a stream's rows, not a copy of them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub holds_stream: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub tree: Text,
    pub tree_title: Text,
    pub outcome: Text,
    pub title: Text,
    pub summary: Text,
    pub reason: Text,
    pub because: Arc<[Because]>,
    pub path: Arc<[Text]>,
    pub good: Arc<[Text]>,
    pub bad: Arc<[Text]>,
}

impl Decision {
    /// Whether its path branched on the primary store's engine (a step the walk writes
    /// as `primary:` and the engine's id, or `yes`/`no` for one of its capabilities).
    pub fn follows_primary(&self) -> bool {
        self.path.iter().any(|step| step.starts_with("primary:"))
    }

    /// Whether its path took an `engine` node's `beside` branch: it is about what a store
    /// beside the primary keeps (the readings' time ranges), not about the primary.
    pub fn left_to_a_store_beside(&self) -> bool {
        let beside = format!(":{}", crate::kb::stack::BESIDE);
        self.path.iter().any(|step| step.ends_with(&beside))
    }
}

/// A pattern (or index kind) to apply.
#[derive(Debug, Clone, Serialize)]
pub struct PatternAdvice {
    pub id: Text,
    pub title: Text,
    pub category: Text,
    pub summary: Text,
    pub when: Text,
    pub why: Text,
    pub pitfalls: Arc<[Text]>,
    pub because: Arc<[Because]>,
    pub trace: Vec<Trace>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SnippetAdvice {
    pub dialect: Text,
    pub title: Text,
    pub file: Text,
    pub code: Text,
    /// What asked for it: the pattern ids, or the tree ids of outcomes that name it.
    pub from: Vec<Text>,
}

/// What partitions mean for an engine in the stack.
#[derive(Debug, Clone, Serialize)]
pub struct CapNote {
    pub engine: Text,
    /// The engine as the stack names it under these answers ("Amazon S3" on AWS).
    pub name: Text,
    pub cap: Text,
    pub note: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct Advice {
    pub project: Option<String>,
    /// False while questions on the path are unanswered; the advice so far is partial.
    pub complete: bool,
    pub pending: Vec<String>,
    /// Questions answered with their defaults (`--defaults`).
    pub defaulted: Vec<String>,
    pub answers: Vec<Because>,
    pub stack: Vec<Component>,
    pub decisions: Vec<Decision>,
    pub indexes: Vec<PatternAdvice>,
    pub patterns: Vec<PatternAdvice>,
    pub alternatives: Vec<Alternative>,
    /// Needs no engine of the catalog serves under the requirements.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmet: Vec<Unmet>,
    pub cap: Vec<CapNote>,
    pub snippets: Vec<SnippetAdvice>,
    /// The primary store's schema assembled from the answers (`engine::schema`), when
    /// the knowledge base has one for its engine.
    pub starter_schema: Option<super::StarterSchema>,
    /// The product's domain, when the answers say what it does: the rules the database
    /// must hold and what stays beside the tables, whether or not the starter schema
    /// holds its tables.
    pub domain: Option<super::DomainSchema>,
    pub checklist: Vec<Text>,
    /// The answers the decision hangs on: filled in by `engine::sensitivity` for
    /// complete advice (it runs the engine once per alternative answer).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sensitivity: Vec<super::Sensitivity>,
    /// Coherence rules of the knowledge base this advice breaks: filled in with the
    /// sensitivity (`advise_with_sensitivity`); empty unless the base has a fault.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub incoherent: Vec<super::coherence::Broken>,
}

fn no_text(t: &Text) -> bool {
    t.is_empty()
}

impl Advice {
    pub fn primary(&self) -> Option<&Component> {
        self.stack.iter().find(|c| c.role == "primary")
    }

    /// Whether a store of the stack takes this role (`cache`, `search`, …).
    pub fn has_role(&self, role: &str) -> bool {
        self.stack.iter().any(|c| c.role == role)
    }

    /// The engine of every store of the stack, each once, the primary first.
    pub fn engines(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in &self.stack {
            if !out.iter().any(|e| *e == *c.engine) {
                out.push(c.engine.to_string());
            }
        }
        out
    }
}

fn trace_of(r: &Reached) -> Trace {
    Trace {
        tree: r.tree.id.clone(),
        outcome: r.node.id.clone(),
        path: r.path.clone(),
    }
}

/// Adds the pairs of `from` not in `into` yet. The lists are shared with the walk and
/// usually the same, so a new list is made only when something is added.
fn merge_because(into: &mut Arc<[Because]>, from: &[Because]) {
    if from.iter().all(|b| into.contains(b)) {
        return;
    }
    let mut merged = into.to_vec();
    for b in from {
        if !merged.contains(b) {
            merged.push(b.clone());
        }
    }
    *into = merged.into();
}

pub fn advise(kb: &KnowledgeBase, answers: &Answers) -> Advice {
    advise_walked(kb, answers, walk(kb, answers))
}

/// `advise`, on the walk of these answers made already (`walk(kb, answers)`).
pub fn advise_walked<'kb>(kb: &'kb KnowledgeBase, answers: &Answers, walk: Walk<'kb>) -> Advice {
    let mut advice = advise_to_compare(kb, answers, &walk);
    // Assembled from every answer, so only once the interview is complete.
    if advice.complete {
        let asked = asked_only(answers, &walk.asked);
        let stores = super::domain::Stores::of(&advice);
        advice.starter_schema = advice
            .primary()
            .and_then(|_| super::schema::starter_schema(kb, &asked, &stores));
        advice.domain = super::domain::product_domain(kb, &asked, &stores);
    }
    advice
}

/// The advice less its starter schema and domain model: all that `diff` compares. The
/// sensitivity builds one for every alternative answer that changes the outline, and
/// assembling the schema was most of its cost.
pub fn advise_to_compare<'kb>(
    kb: &'kb KnowledgeBase,
    answers: &Answers,
    walk: &Walk<'kb>,
) -> Advice {
    let mut advice = Advice {
        project: answers.project.clone(),
        complete: walk.is_complete(),
        pending: walk.pending.iter().map(|q| q.to_string()).collect(),
        defaulted: vec![],
        answers: walk.answered.clone(),
        stack: vec![],
        decisions: vec![],
        indexes: vec![],
        patterns: vec![],
        alternatives: vec![],
        unmet: vec![],
        cap: vec![],
        snippets: vec![],
        starter_schema: None,
        domain: None,
        checklist: vec![],
        sensitivity: vec![],
        incoherent: vec![],
    };
    // Where each item already is, by id: outcomes often name the same pattern, and a
    // search of the list each time would make a large knowledge base quadratic.
    let mut at = Positions::default();
    let mut listed: FxHashSet<Text> = FxHashSet::default();
    // The stores: chosen by the walk once their questions are answered; while the
    // interview is still on them, ranked on the answers given so far.
    let provisional;
    let stack = match &walk.stack {
        Some(stack) => stack,
        None => {
            provisional = select::choose(kb, answers, &walk.asked);
            &provisional
        }
    };
    for pick in &stack.picks {
        advice.stack.push(Component {
            role: pick.role.clone(),
            engine: pick.engine.id.clone(),
            name: pick.name.clone(),
            reason: pick.reason.clone(),
            by_primary: pick.by_primary && pick.role != "primary",
            cost: pick.cost.clone(),
            because: pick.because.clone().into(),
            holds_stream: pick.holds_stream,
        });
    }
    advice.alternatives = stack.alternatives.clone();
    advice.unmet = stack.unmet.clone();

    // Every item applies to the engine its outcome is about (the store of the outcome's
    // role) or to the primary store: a MySQL primary gets no PostgreSQL idiom.
    let primary = stack.engine_for("primary");
    for r in &walk.reached {
        let o = r.outcome;
        let role = r.role.and_then(|role| stack.engine_for(role));
        let judge = Judge {
            engines: match (role, primary) {
                (Some(r), Some(p)) if r.id != p.id => [Some(r), Some(p)],
                (Some(r), _) => [Some(r), None],
                (None, p) => [p, None],
            },
        };
        let because = explained_because(stack, r);
        // A pattern for a store beside the primary (pgvector for the vectors) has the
        // answers that chose that store; one for the primary, the outcome's own (the
        // answers that chose PostgreSQL are not why its transactions matter).
        let pattern_because = match r.tree.role.as_deref().or(r.role) {
            Some(role) if role != "primary" => because.clone(),
            _ => r.because.clone(),
        };
        advice.decisions.push(Decision {
            tree: r.tree.id.clone(),
            tree_title: r.tree.title.clone(),
            outcome: r.node.id.clone(),
            title: o.title.clone(),
            summary: o.summary.clone(),
            reason: o.reason.clone(),
            because: because.clone(),
            path: r.path.clone(),
            good: kept(&o.good, &judge),
            bad: kept(&o.bad, &judge),
        });
        for (ids, list, positions) in [
            (&o.indexes, &mut advice.indexes, &mut at.indexes),
            (&o.patterns, &mut advice.patterns, &mut at.patterns),
        ] {
            for id in ids {
                add_pattern(
                    kb,
                    list,
                    positions,
                    id,
                    (trace_of(r), &pattern_because),
                    &judge,
                );
            }
        }
        for path in &o.snippets {
            add_snippet(kb, &mut advice.snippets, &mut at, path, &r.tree.id);
        }
        for item in &o.checklist {
            let Some(engine) = judge.engine_for(&item.applies) else {
                continue;
            };
            let text = checklist_text(item, engine);
            if listed.insert(text.clone()) {
                advice.checklist.push(text);
            }
        }
    }
    // The domain's patterns are for its tables, or for the store beside them that
    // keeps its stream (the readings in ClickHouse).
    let stream_store = (stack.picks.iter())
        .find(|p| p.holds_stream)
        .map(|p| p.engine);
    add_domain_patterns(
        kb,
        (answers, &walk.asked),
        [primary, stream_store],
        &mut advice.patterns,
        &mut at.patterns,
    );
    // Pattern snippets come after the outcome's own schema, and only in the dialects
    // of the engines in the stack: a PostgreSQL shop gets no MySQL version of a pattern.
    let mut engines: Vec<&str> = advice.stack.iter().map(|c| c.engine.as_str()).collect();
    engines.sort_unstable();
    engines.dedup();
    let engines: Vec<_> = engines.iter().filter_map(|e| kb.engine(e)).collect();
    // Whether an engine of the stack runs a dialect, worked out once per dialect.
    let mut runs: FxHashMap<&str, bool> = FxHashMap::default();
    let pattern_snippets: Vec<(Text, Text)> = advice
        .indexes
        .iter()
        .chain(&advice.patterns)
        .filter_map(|p| kb.pattern(&p.id))
        .flat_map(|p| p.snippets.iter().map(|s| (s.clone(), p.id.clone())))
        .filter(|(path, _)| {
            kb.snippets.get(path.as_str()).is_some_and(|s| {
                *runs
                    .entry(s.dialect.as_str())
                    .or_insert_with(|| engines.iter().any(|e| e.runs_dialect(&s.dialect)))
            })
        })
        .collect();
    for (path, pattern) in &pattern_snippets {
        add_snippet(kb, &mut advice.snippets, &mut at, path, pattern);
    }
    let mut noted: FxHashSet<&str> = FxHashSet::default();
    for c in &advice.stack {
        if !noted.insert(&c.engine) {
            continue;
        }
        if let Some(engine) = kb.engine(&c.engine) {
            advice.cap.push(CapNote {
                engine: engine.id.clone(),
                name: c.name.clone(),
                cap: engine.cap.clone(),
                note: engine.cap_note.clone(),
            });
        }
    }
    advice
}

/// The answers to the questions on the path: an answer the interview never asked (left
/// in a file from another path) must not tailor the schema the advice does not explain.
fn asked_only(answers: &Answers, asked: &[&str]) -> Answers {
    let mut out = Answers {
        project: answers.project.clone(),
        deciders: answers.deciders.clone(),
        ..Answers::default()
    };
    for q in asked {
        if let Some(v) = answers.get(q) {
            out.set(q, v.clone());
        }
    }
    out
}

/// Where each pattern, index and snippet already is in its list, by its id in the
/// knowledge base.
#[derive(Default)]
struct Positions<'kb> {
    /// With each pattern, where it applies.
    indexes: FxHashMap<&'kb str, (usize, &'kb Applies)>,
    patterns: FxHashMap<&'kb str, (usize, &'kb Applies)>,
    snippets: FxHashMap<&'kb str, usize>,
}

/// Which engines an outcome's items are judged by: the engine of the outcome's role, then
/// the primary store (none when the stack has no store yet).
struct Judge<'kb> {
    engines: [Option<&'kb Engine>; 2],
}

impl<'kb> Judge<'kb> {
    /// Whether an item that applies so is kept, and for which engine: Some(None) for an
    /// item that declares nothing (kept whatever the stack), None when it is left out.
    fn engine_for(&self, applies: &Applies) -> Option<Option<&'kb Engine>> {
        let mut engines = self.engines.iter().flatten();
        match engines.find(|e| applies.to(e)) {
            Some(e) => Some(Some(e)),
            None if applies.is_everywhere() => Some(None),
            None => None,
        }
    }
}

/// The consequences of an outcome that apply to the stack, as `Judge` keeps checklist items.
fn kept(lines: &[Check], judge: &Judge) -> Arc<[Text]> {
    lines
        .iter()
        .filter_map(|line| Some(checklist_text(line, judge.engine_for(&line.applies)?)))
        .collect()
}

/// The text of a checklist item for the engine it is kept for: `{explain}` becomes that
/// engine's way of showing a plan (an item with it applies only to engines that have one).
fn checklist_text(item: &Check, engine: Option<&Engine>) -> Text {
    match engine.and_then(|e| e.explain.as_ref()) {
        Some(explain) if item.names_explain() => {
            item.text.replace(EXPLAIN_PLACEHOLDER, explain).into()
        }
        _ => item.text.clone(),
    }
}

fn add_pattern<'kb>(
    kb: &'kb KnowledgeBase,
    list: &mut Vec<PatternAdvice>,
    positions: &mut FxHashMap<&'kb str, (usize, &'kb Applies)>,
    id: &str,
    (trace, because): (Trace, &Arc<[Because]>),
    judge: &Judge,
) {
    if let Some(&(i, applies)) = positions.get(id) {
        // Reached again for a store it does not apply to: that way does not count.
        if judge.engine_for(applies).is_none() {
            return;
        }
        let existing = &mut list[i];
        merge_because(&mut existing.because, because);
        existing.trace.push(trace);
        return;
    }
    let Some(p) = kb.pattern(id) else { return };
    if judge.engine_for(&p.applies).is_none() {
        return;
    }
    positions.insert(&p.id, (list.len(), &p.applies));
    list.push(PatternAdvice {
        id: p.id.clone(),
        title: p.title.clone(),
        category: p.category.clone(),
        summary: p.summary.clone(),
        when: p.when.clone(),
        why: p.why.clone(),
        pitfalls: p.pitfalls.clone(),
        because: because.clone(),
        trace: vec![trace],
    });
}

/// The tree a pattern's trace names when the product's domain brought it.
pub const DOMAIN_TRACE: &str = "domain";

/// Adds the patterns the product's domain applies (a wallet's double-entry ledger) for
/// the primary store's tables, because of what the product does: the domain is the
/// product's whatever the other answers say.
fn add_domain_patterns<'kb>(
    kb: &'kb KnowledgeBase,
    (answers, asked): (&Answers, &[&str]),
    engines: [Option<&'kb Engine>; 2],
    list: &mut Vec<PatternAdvice>,
    positions: &mut FxHashMap<&'kb str, (usize, &'kb Applies)>,
) {
    let Some(id) = super::domain::archetype(kb, answers) else {
        return;
    };
    let model = kb
        .archetypes
        .get(id)
        .and_then(|a| a.model(&kb.model_types()));
    let Some(model) = model.filter(|_| asked.contains(&PRODUCT_QUESTION)) else {
        return;
    };
    let because: Arc<[Because]> = vec![option_because(kb, PRODUCT_QUESTION, id)].into();
    let judge = Judge { engines };
    for pattern in &model.patterns {
        let trace = Trace {
            tree: DOMAIN_TRACE.into(),
            outcome: id.into(),
            path: Arc::from([]),
        };
        add_pattern(kb, list, positions, pattern, (trace, &because), &judge);
    }
}

fn add_snippet<'kb>(
    kb: &'kb KnowledgeBase,
    list: &mut Vec<SnippetAdvice>,
    at: &mut Positions<'kb>,
    path: &str,
    from: &Text,
) {
    if let Some(&i) = at.snippets.get(path) {
        let existing = &mut list[i];
        if !existing.from.iter().any(|f| f == from) {
            existing.from.push(from.clone());
        }
        return;
    }
    if let Some(s) = kb.snippets.get(path) {
        at.snippets.insert(&s.path, list.len());
        list.push(SnippetAdvice {
            dialect: s.dialect.clone(),
            title: s.title.clone(),
            file: s.path.clone(),
            code: s.code.clone(),
            from: vec![from.clone()],
        });
    }
}

/// The answers behind a decision: for a tree that explains a role's store (`role:`), or
/// an outcome about a store beside the primary (reached past its `engine` node), those
/// that chose the store come first, then the tree's own. An outcome past the primary's
/// `engine` node (an index kind) keeps its own: the answers that chose the primary
/// store are not why it gets that index.
fn explained_because(stack: &select::Stack, reached: &Reached) -> Arc<[Because]> {
    let beside = reached.role.filter(|role| *role != "primary");
    let role = reached.tree.role.as_deref().or(beside);
    let Some(pick) = role.and_then(|role| stack.picks.iter().find(|p| p.role == role)) else {
        return reached.because.clone();
    };
    let mut because: Vec<Because> = pick.because.clone();
    for b in reached.because.iter() {
        if !because.iter().any(|c| c.question == b.question) {
            because.push(b.clone());
        }
    }
    because.into()
}
