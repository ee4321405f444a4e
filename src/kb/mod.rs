//! The knowledge base: types (`model`), loading (`load`), checking (`check`), and the
//! embedded base (`embedded`).

mod applies;
pub mod check;
mod check_archetypes;
mod check_review;
mod check_schemas;
mod check_stack;
mod check_topics;
mod check_trees;
pub mod check_words;
mod either_form;
// build.rs compiles this module to check knowledge/ before the binary exists; what reads
// the embedded base needs what build.rs then writes, so it exists only past that step.
#[cfg(kb_prebuilt)]
pub mod embedded;
#[cfg(kb_prebuilt)]
pub mod export;
pub mod load;
pub mod locate;
pub mod model;
mod overlay;
pub mod review_rule;
pub mod review_terms;
pub mod rules;
mod schema_parts;
pub mod stack;
pub mod text;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::Serialize;

pub use check_archetypes::{linked_topics as archetype_topics, NO_ARCHETYPE, PRODUCT_QUESTION};

/// The question whose answers the index plan serves: the kinds of lookup hot queries do.
pub const ACCESS_PATTERNS_QUESTION: &str = "access-patterns";
/// The question that names the engine proposed or already chosen, which the record
/// answers where the ranking chose another.
pub const PROPOSED_ENGINE_QUESTION: &str = "proposed-engine";
/// The answer of `existing` that says the organisation already chose the engine.
pub const ALREADY_CHOSEN: (&str, &str) = ("existing", "decided");
#[cfg(kb_prebuilt)]
pub use embedded::load;
pub use load::Problem;
pub use model::*;

/// Where an item was defined, for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: Option<usize>,
}

impl Origin {
    pub fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            file: self.file.clone(),
            line: self.line,
            column: None,
            message: message.into(),
        }
    }
}

/// A domain archetype's model file, as written.
#[derive(Debug, Clone)]
pub struct Archetype {
    /// The file, for messages: `knowledge/archetypes/invoicing.yaml`.
    pub shown_as: String,
    pub text: Text,
    /// The model, read the first time advice needs it (kb check advises thousands of
    /// answers; reading the YAML once each is what would cost).
    model: std::sync::OnceLock<Option<crate::model::Model>>,
}

impl Archetype {
    pub fn new(shown_as: String, text: Text) -> Archetype {
        Archetype {
            shown_as,
            text,
            model: std::sync::OnceLock::new(),
        }
    }

    /// The checked model; none if it does not read (kb check says why).
    pub fn model(&self, types: &std::collections::BTreeSet<&str>) -> Option<&crate::model::Model> {
        self.model
            .get_or_init(|| crate::model::parse(&self.shown_as, &self.text, types).ok())
            .as_ref()
    }
}

/// A snippet file: real code for one dialect, named by its path under `snippets/`.
#[derive(Debug, Clone, Serialize)]
pub struct SnippetFile {
    pub path: Text,
    /// The first directory of the path: `postgresql`, `redis`, `mongodb`, …
    pub dialect: Text,
    pub title: Text,
    pub code: model::Text,
    #[serde(skip)]
    pub origin: Origin,
}

impl SnippetFile {
    /// The file at `path` below `snippets/`, shown in messages as `shown_as`.
    fn new(path: &str, shown_as: String, code: Text) -> Self {
        SnippetFile {
            path: path.into(),
            dialect: path.split('/').next().unwrap_or("").into(),
            title: load::snippet_title(path, &code).into(),
            code,
            origin: Origin {
                file: shown_as,
                line: None,
            },
        }
    }
}

/// Where each kind of item was defined, by id, and in which source (0 = embedded).
#[derive(Debug, Default)]
pub struct Origins {
    pub questions: BTreeMap<String, Origin>,
    pub trees: BTreeMap<String, Origin>,
    pub criteria: BTreeMap<String, Origin>,
    pub engines: BTreeMap<String, Origin>,
    pub patterns: BTreeMap<String, Origin>,
    pub topics: BTreeMap<String, Origin>,
    pub schemas: BTreeMap<String, Origin>,
    pub capabilities: BTreeMap<String, Origin>,
    pub needs: BTreeMap<String, Origin>,
    pub rules: BTreeMap<String, Origin>,
    pub review_rules: BTreeMap<String, Origin>,
    pub review_answers: BTreeMap<String, Origin>,
}

/// The whole, checked knowledge base.
#[derive(Debug, Default)]
pub struct KnowledgeBase {
    pub questions: Vec<Question>,
    /// Sorted by `order`, then id.
    pub trees: Vec<Tree>,
    pub criteria: Vec<Criterion>,
    pub engines: Vec<Engine>,
    pub patterns: Vec<Pattern>,
    pub topics: Vec<Topic>,
    /// Starter schemas, by the engines they serve.
    pub schemas: Vec<Schema>,
    pub capabilities: Vec<Capability>,
    /// What the answers may need of the stack, in the order the ranking fills roles.
    pub needs: Vec<Need>,
    /// How answers of earlier question sets map onto today's.
    pub upgrades: Vec<Upgrade>,
    /// What must hold together in every advice.
    pub rules: Vec<Rule>,
    /// What `dbadvise review` finds in an existing schema.
    pub review_rules: Vec<ReviewRule>,
    /// What `review --answers-out` answers from what it saw in a schema.
    pub review_answers: Vec<ReviewAnswer>,
    pub snippets: BTreeMap<String, SnippetFile>,
    /// The domain archetypes (`knowledge/archetypes/`), by id: each a domain model's
    /// text, read by `model::parse` when an answer picks it.
    pub archetypes: BTreeMap<String, Archetype>,
    pub origins: Origins,
    /// Text of each tree's file, to locate node-level problems.
    pub tree_texts: BTreeMap<String, String>,
    /// Text of each schema's file, to locate problems inside it.
    pub schema_texts: BTreeMap<String, String>,
    /// Text of each file that holds review rules, by the name it is shown as, to locate
    /// problems inside a rule.
    pub review_texts: BTreeMap<String, String>,
    /// Ids defined twice within one source (an overlay overriding is fine).
    pub duplicates: Vec<Problem>,
    source_files: Vec<(String, usize)>,
    question_index: FxHashMap<String, usize>,
    engine_index: FxHashMap<String, usize>,
    pattern_index: FxHashMap<String, usize>,
    criterion_index: FxHashMap<String, usize>,
    tree_index: FxHashMap<String, usize>,
    topic_index: FxHashMap<String, usize>,
    capability_index: FxHashMap<String, usize>,
}

impl KnowledgeBase {
    /// Adds one parsed file; items with an id already present replace the old ones.
    pub(crate) fn merge(&mut self, file: KbFile, source: &load::SourceFile, source_no: usize) {
        let id_lines = load::IdLines::new(&source.text);
        macro_rules! merge_list {
            ($list:ident, $origins:ident) => {
                for item in file.$list {
                    let id = item.id.to_string();
                    let previous = self.origins.$origins.get(&id).cloned();
                    // A second definition in the same file is found after the first.
                    let after = previous
                        .as_ref()
                        .filter(|p| p.file == source.shown_as)
                        .and_then(|p| p.line)
                        .unwrap_or(0);
                    let origin = id_lines.origin(source, &id, after + 1);
                    if let Some(previous) = previous {
                        if self.source_of(&previous.file) == source_no {
                            self.duplicates.push(origin.problem(format!(
                                "duplicate {} id `{id}` (first defined at {}{})",
                                stringify!($origins).trim_end_matches('s'),
                                previous.file,
                                previous.line.map(|l| format!(":{l}")).unwrap_or_default()
                            )));
                            continue;
                        }
                    }
                    load::upsert(
                        &mut self.$list,
                        &mut self.origins.$origins,
                        item,
                        &id,
                        origin,
                        |x| &x.id,
                    );
                }
            };
        }
        self.source_files.push((source.shown_as.clone(), source_no));
        for tree in &file.trees {
            self.tree_texts
                .insert(tree.id.to_string(), source.text.clone());
        }
        for schema in &file.schemas {
            self.schema_texts
                .insert(schema.id.clone(), source.text.clone());
        }
        if !file.review_rules.is_empty() || !file.review_answers.is_empty() {
            self.review_texts
                .insert(source.shown_as.clone(), source.text.clone());
        }
        merge_list!(questions, questions);
        merge_list!(trees, trees);
        merge_list!(criteria, criteria);
        merge_list!(engines, engines);
        merge_list!(patterns, patterns);
        merge_list!(topics, topics);
        merge_list!(schemas, schemas);
        merge_list!(capabilities, capabilities);
        merge_list!(needs, needs);
        merge_list!(rules, rules);
        merge_list!(review_rules, review_rules);
        merge_list!(review_answers, review_answers);
        self.upgrades.extend(file.upgrades);
    }

    fn source_of(&self, file: &str) -> usize {
        self.source_files
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, n)| *n)
            .unwrap_or(usize::MAX)
    }

    /// Builds the lookup tables; call after the last merge.
    pub(crate) fn index(&mut self) {
        self.trees
            .sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        fn positions<T>(items: &[T], id: impl Fn(&T) -> &str) -> FxHashMap<String, usize> {
            items
                .iter()
                .enumerate()
                .map(|(i, x)| (id(x).to_string(), i))
                .collect()
        }
        self.question_index = positions(&self.questions, |q| &q.id);
        self.engine_index = positions(&self.engines, |e| &e.id);
        self.pattern_index = positions(&self.patterns, |p| &p.id);
        self.criterion_index = positions(&self.criteria, |c| &c.id);
        self.tree_index = positions(&self.trees, |t| &t.id);
        self.topic_index = positions(&self.topics, |t| &t.id);
        self.capability_index = positions(&self.capabilities, |c| &c.id);
        for tree in &mut self.trees {
            tree.node_index = positions(&tree.nodes, |n| &n.id);
        }
        // In running text: "worse on ACID transactions", an acronym kept as it is.
        for c in &mut self.criteria {
            let words = c.label.split(' ').map(|w| {
                let acronym = w.chars().filter(|c| c.is_alphabetic()).count() > 1
                    && !w.chars().any(char::is_lowercase);
                if acronym {
                    w.to_string()
                } else {
                    w.to_lowercase()
                }
            });
            c.label_lower = words.collect::<Vec<_>>().join(" ").into();
        }
        for engine in &mut self.engines {
            engine.rating_at = self
                .criteria
                .iter()
                .map(|c| engine.ratings.get(c.id.as_str()).copied())
                .collect();
            engine.capability_set = engine.capabilities.iter().cloned().collect();
        }
        let masks: Vec<Vec<u64>> = self
            .engines
            .iter()
            .map(|e| self.capability_mask(&e.capabilities))
            .collect();
        for (position, (engine, mask)) in self.engines.iter_mut().zip(masks).enumerate() {
            engine.capability_bits = mask;
            engine.position = position;
        }
        // Where each pattern, checklist item and consequence applies, as bits `advise` tests. An item
        // finds its engines by the names they answer to, rather than by asking every
        // engine, so that the work grows with the base, not with its square.
        let answering = answering_to(&self.engines, &self.engine_index);
        let engines = &self.engines;
        for pattern in &mut self.patterns {
            pattern.applies = applies(engines, &answering, &pattern.engines, &pattern.needs, false);
        }
        for tree in &mut self.trees {
            for outcome in tree.nodes.iter_mut().filter_map(|n| n.outcome.as_mut()) {
                let lines = outcome.checklist.iter_mut();
                for check in lines.chain(&mut outcome.good).chain(&mut outcome.bad) {
                    check.applies = applies(
                        engines,
                        &answering,
                        &check.engines,
                        &check.needs,
                        check.names_explain(),
                    );
                }
            }
        }
    }

    /// Whether `engine` is one of `declared` (catalog ids or engine families), itself or
    /// through the engine it extends. The chain of bases is followed a few steps at most,
    /// so a cycle (which `kb check` reports) cannot loop.
    pub fn engine_is_one_of(&self, engine: &Engine, declared: &[Text]) -> bool {
        let mut current = Some(engine);
        for _ in 0..8 {
            let Some(e) = current else { return false };
            if declared
                .iter()
                .any(|d| *d == e.id || d.as_str() == e.family)
            {
                return true;
            }
            current = e.extends.as_deref().and_then(|base| self.engine(base));
        }
        false
    }

    /// The engine families of the catalog (`relational`, `document`, …).
    pub fn families(&self) -> std::collections::BTreeSet<&str> {
        self.engines.iter().map(|e| e.family.as_str()).collect()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index.get(id).map(|&i| &self.questions[i])
    }

    /// The attribute types of domain models: every type a dialect writes or says it
    /// lacks (`schema --model`).
    pub fn model_types(&self) -> std::collections::BTreeSet<&str> {
        self.schemas
            .iter()
            .filter_map(|s| s.model.as_ref())
            .flat_map(|m| m.types.keys().chain(m.lacks.keys()))
            .map(|t| t.as_str())
            .collect()
    }

    pub fn engine(&self, id: &str) -> Option<&Engine> {
        self.engine_index.get(id).map(|&i| &self.engines[i])
    }

    pub fn pattern(&self, id: &str) -> Option<&Pattern> {
        self.pattern_index.get(id).map(|&i| &self.patterns[i])
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criterion_index.get(id).map(|&i| &self.criteria[i])
    }

    /// Where a criterion is in `criteria`.
    pub fn criterion_position(&self, id: &str) -> Option<usize> {
        self.criterion_index.get(id).copied()
    }

    pub fn tree(&self, id: &str) -> Option<&Tree> {
        self.tree_index.get(id).map(|&i| &self.trees[i])
    }

    /// Capabilities as bits by their positions (unknown ones are left out: `kb check`
    /// reports them).
    pub fn capability_mask(&self, capabilities: &[Text]) -> Vec<u64> {
        let mut mask = vec![0u64; self.capabilities.len().div_ceil(64)];
        for c in capabilities {
            if let Some(&i) = self.capability_index.get(c.as_str()) {
                mask[i / 64] |= 1 << (i % 64);
            }
        }
        mask
    }

    pub fn capability(&self, id: &str) -> Option<&Capability> {
        self.capability_index
            .get(id)
            .map(|&i| &self.capabilities[i])
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_index.get(id).map(|&i| &self.topics[i])
    }

    /// The starter schema for a primary store on this engine, if the knowledge base has one.
    pub fn schema_for(&self, engine: &str) -> Option<&Schema> {
        self.schemas
            .iter()
            .find(|s| s.engines.iter().any(|e| e == engine))
    }
}

impl Tree {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_position(id).map(|i| &self.nodes[i])
    }

    /// Where a node is in `nodes` (by `node_index`, which `KnowledgeBase::index` builds
    /// before the checks run).
    pub fn node_position(&self, id: &str) -> Option<usize> {
        self.node_index.get(id).copied()
    }
}

impl Question {
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The answer of a several-choice question from the ticked option ids, in the
    /// question's own order (as the interview records it, whatever the ticking order).
    pub fn ticked(&self, ticked: &[String]) -> AnswerValue {
        AnswerValue::Many(
            self.options
                .iter()
                .filter(|o| ticked.iter().any(|t| o.id == *t))
                .map(|o| o.id.to_string())
                .collect(),
        )
    }
}

/// The positions of the engines each name answers to: its id and family, and those of
/// the engines it extends (a few steps at most, so a cycle cannot loop).
fn answering_to(
    engines: &[Engine],
    index: &FxHashMap<String, usize>,
) -> FxHashMap<String, Vec<usize>> {
    let mut by_name: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, engine) in engines.iter().enumerate() {
        let mut current = Some(engine);
        for _ in 0..8 {
            let Some(e) = current else { break };
            for name in [e.id.as_str(), e.family.as_str()] {
                let positions = by_name.entry(name.to_string()).or_default();
                if positions.last() != Some(&i) {
                    positions.push(i);
                }
            }
            current = e
                .extends
                .as_deref()
                .and_then(|base| index.get(base))
                .map(|&j| &engines[j]);
        }
    }
    by_name
}

/// Where an item that declares `declared` engines and `needs` capabilities applies
/// (with `explain`, only engines that name a plan tool).
fn applies(
    engines: &[Engine],
    answering: &FxHashMap<String, Vec<usize>>,
    declared: &[Text],
    needs: &[Text],
    explain: bool,
) -> Applies {
    if declared.is_empty() && needs.is_empty() && !explain {
        return Applies::everywhere();
    }
    let fits = |i: &usize| {
        let e = &engines[*i];
        needs.iter().all(|c| e.has(c)) && (!explain || e.explain.is_some())
    };
    if declared.is_empty() {
        return Applies::to_positions(engines.len(), (0..engines.len()).filter(fits));
    }
    let named = declared
        .iter()
        .filter_map(|d| answering.get(d.as_str()))
        .flatten()
        .copied();
    Applies::to_positions(engines.len(), named.filter(fits))
}
