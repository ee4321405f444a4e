//! The decision record as data: everything a template shows, phrased, but not laid
//! out. Built from an `Advice` and the knowledge base; the templates in `assets/` only
//! arrange it, so MADR and Nygard records say the same things.

use serde::Serialize;

mod confirmation;
pub mod domain;
mod options;
pub mod parts;
mod reviewed;

pub use confirmation::checks;
use confirmation::confirmation;
pub use reviewed::{RecordFinding, RecordReview};

use super::words::{self, because_text, clause, sentence, tie_sentences};

use crate::engine::reasons::Tie;
use crate::engine::{Advice, Answers, Because, Decision};
use crate::kb::KnowledgeBase;

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
    /// The workload in a few sentences, from the description and the answers.
    pub context: Vec<String>,
    /// The review of the existing system the answers began from (`review --answers-out`).
    pub reviewed: Option<RecordReview>,
    /// The question the record answers.
    pub problem: String,
    /// The answers that decided, numbered: the stack and other decisions cite them.
    pub drivers: Vec<Driver>,
    /// The ranking that decided, best first (eliminated engines last).
    pub options: Vec<RecordOption>,
    /// The chosen option, spelled as in `options`.
    pub chosen: String,
    pub justification: String,
    /// The whole recommended stack in one line ("PostgreSQL (primary) + Redis (cache)").
    pub stack_summary: String,
    pub stack: Vec<StackRow>,
    pub good: Vec<String>,
    pub bad: Vec<String>,
    pub neutral: Vec<String>,
    pub confirmation: Vec<String>,
    /// The answers that would change the stores or the CAP stance, one entry per
    /// question: what answering it differently would change.
    pub assumptions: Vec<Assumption>,
    /// The decisions besides the stores, one row per question decided.
    pub decisions: Vec<DecisionRow>,
    pub indexes: Vec<IndexRow>,
    pub caching: Vec<Item>,
    /// What the caching items are headed (`words::caching_heading`).
    pub caching_heading: &'static str,
    /// The patterns that matter most here (at most `parts::PATTERNS_SHOWN`).
    pub patterns: Vec<PatternLine>,
    /// How many more patterns apply (the appendix lists them all).
    pub more_patterns: usize,
    /// The primary store's starter schema: its diagram, and the file it is written to.
    pub schema: Option<SchemaSummary>,
    /// The product's domain, when the starter schema was written from one: the rules its
    /// tables hold and what stays beside them.
    pub domain: Option<domain::RecordDomain>,
    pub defaulted: Vec<String>,
    /// Records this one links to (the other records of a split export), and the
    /// record it supersedes.
    pub links: Vec<Link>,
    /// The answers file that replays this decision.
    pub answers_yaml: String,
    pub answers_file: Option<String>,
    /// The appendix written beside the record (`--appendix`).
    pub appendix_file: Option<String>,
    /// What replaying `answers_file` needs besides it: ` --defaults` when the record was
    /// made from the file the user gave, with its open questions answered by default.
    pub replay_flags: String,
}

/// An answer that decided, numbered for reference.
#[derive(Debug, Clone, Serialize)]
pub struct Driver {
    pub number: usize,
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordOption {
    /// Its place in the ranking, from 1.
    pub rank: usize,
    pub name: String,
    pub chosen: bool,
    /// Ranking score, 0–100; none when a requirement eliminated it.
    pub score: Option<u32>,
    /// Why it won, lost or was eliminated, in one line.
    pub verdict: String,
    pub summary: String,
    /// Whether it gets a section of pros and cons (the best few).
    pub detailed: bool,
    pub good: Vec<String>,
    pub bad: Vec<String>,
}

/// A store of the stack: the need it serves in one sentence, and its drivers ("1, 3").
#[derive(Debug, Clone, Serialize)]
pub struct StackRow {
    pub role: String,
    pub engine: String,
    pub need: String,
    pub drivers: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    pub decision: String,
    pub choice: String,
    pub drivers: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexRow {
    /// The access pattern, as answered.
    pub access: String,
    pub index: String,
    pub why: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PatternLine {
    pub title: String,
    /// The `dbadvise explain` topic that teaches it.
    pub topic: Option<String>,
    pub drivers: String,
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

/// The starter schema as the record shows it: a diagram, what was tailored, and the
/// file beside the record that holds the SQL.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaSummary {
    /// The engine's name, `PostgreSQL`.
    pub engine: String,
    pub dialect: String,
    pub language: String,
    /// The schema file's name, beside the record; none when the record is printed.
    pub file: Option<String>,
    /// The schema as a Mermaid `erDiagram`, when its SQL could be read.
    pub diagram: Option<String>,
    pub tailored: Vec<String>,
    /// The SQL itself, for the schema file and for templates that want it inline.
    pub code: String,
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
        "postgresql" | "mysql" | "sqlite" | "timescaledb" | "clickhouse" | "cassandra" => "sql",
        "mongodb" | "dynamodb" | "elasticsearch" => "json",
        "redis" => "shell",
        "neo4j" => "cypher",
        other => other,
    }
}

fn item(kb: &KnowledgeBase, title: &str, text: &str, because: &[Because]) -> Item {
    Item {
        title: title.to_string(),
        text: text.trim().to_string(),
        because: because_text(kb, because),
    }
}

/// The snippets of the advice, for the appendix.
pub fn snippets(advice: &Advice) -> Vec<Snippet> {
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

/// The heading the TUI and `recommend` give the starter schema.
pub const STARTER_SCHEMA_TITLE: &str = "Starter schema (tailored to your answers)";

fn schema_summary(advice: &Advice) -> Option<SchemaSummary> {
    advice.starter_schema.as_ref().map(|s| SchemaSummary {
        engine: s.name.clone(),
        dialect: s.dialect.clone(),
        language: dialect_language(&s.dialect).to_string(),
        file: None,
        diagram: super::erd::mermaid(&s.dialect, &s.sql),
        tailored: s.tailored.iter().map(|t| t.to_string()).collect(),
        code: s.sql.trim_end().to_string(),
    })
}

fn answers_yaml(kb: &KnowledgeBase, advice: &Advice, answers: &Answers) -> String {
    let order: Vec<&str> = advice.answers.iter().map(|b| &*b.question).collect();
    crate::engine::answers::to_yaml(kb, answers, &order)
}

/// Each text once, in order: decisions repeat trade-offs (two trees can both say that
/// writes fail during a failover).
pub(super) fn once(texts: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The trees whose outcomes the index plan and the caching plan already say.
/// Where the engine proposed (or already chosen) is not the one chosen: where it ranks
/// and why, said with the choice.
fn proposal_answered(advice: &Advice, options: &[RecordOption]) -> Option<String> {
    let proposed = options::proposed_engine(advice)?;
    let ranked = advice.alternatives.iter().filter(|a| a.role == "primary");
    let name = ranked.clone().find(|a| a.engine == proposed)?.name.as_str();
    let option = options.iter().find(|o| o.name == name)?;
    let decided = advice
        .answers
        .iter()
        .any(|b| (b.question.as_str(), b.answer.as_str()) == crate::kb::ALREADY_CHOSEN);
    (!option.chosen).then(|| words::proposal_verdict(option, options.len(), decided))
}

fn planned_trees(advice: &Advice) -> Vec<&str> {
    advice
        .indexes
        .iter()
        .chain(advice.patterns.iter().filter(|p| p.category == "caching"))
        .flat_map(|p| p.trace.iter().map(|t| t.tree.as_str()))
        .collect()
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
    let chosen = primary.map_or_else(|| words::NO_PRIMARY.to_string(), |p| p.name.to_string());
    let justification = primary_decision
        .filter(|_| primary.is_some())
        .map(|d| {
            clause(
                kb,
                if d.reason.trim().is_empty() {
                    &d.summary
                } else {
                    &d.reason
                },
            )
        })
        .unwrap_or_else(|| words::NO_PRIMARY_WHY.to_string());
    // A runner-up with the same score is said with the choice: it is a coin toss the
    // deciders may call otherwise.
    let tied: Vec<(&str, &Tie)> = advice
        .alternatives
        .iter()
        .filter(|a| a.role == "primary")
        .filter_map(|a| Some((a.name.as_str(), a.tie.as_ref()?)))
        .collect();
    let options = options::options(kb, advice, "primary");
    let justification = std::iter::once(justification)
        .chain(tie_sentences(&tied))
        .chain(proposal_answered(advice, &options))
        .collect::<Vec<_>>()
        .join(". ");
    let decisions: Vec<&Decision> = advice.decisions.iter().skip(1).collect();
    let tabled = parts::tabled(kb, &decisions, &planned_trees(advice));
    let drivers = parts::drivers(kb, advice, primary_decision, &tabled);
    let good = once(
        advice
            .decisions
            .iter()
            .flat_map(|d| d.good.iter().map(|g| clause(kb, g))),
    );
    let mut bad = once(
        advice
            .decisions
            .iter()
            .flat_map(|d| d.bad.iter().map(|b| clause(kb, b))),
    );
    // What a store beside the primary costs is a consequence of choosing it, unless a
    // decision already says so.
    for c in advice.stack.iter().filter(|c| !c.cost.trim().is_empty()) {
        let cost = clause(kb, &c.cost);
        if !bad.iter().any(|b| b.starts_with(&cost)) {
            bad.push(format!("{} beside the primary costs this: {cost}", c.name));
        }
    }
    let neutral = advice
        .cap
        .iter()
        .map(|n| {
            // Not through `clause`: it starts with the engine's name, which keeps its case.
            let note = n.note.trim().trim_end_matches('.');
            format!("{} is {}: {note}", n.name, n.cap)
        })
        .collect();
    let mut tags = vec!["database".to_string()];
    for c in &advice.stack {
        let tag = tag_of(kb, c);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let decisions = parts::decision_rows(kb, &tabled, &drivers);
    let (patterns, more_patterns) = parts::pattern_lines(
        kb,
        &advice
            .patterns
            .iter()
            .filter(|p| p.category != "caching")
            .collect::<Vec<_>>(),
        &decisions,
        &drivers,
    );
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
        context: parts::context(kb, advice, &drivers),
        reviewed: reviewed::reviewed(kb, answers),
        problem: format!(
            "Which databases should {project} use — the primary store, any secondary stores — and how should the schema, indexes, caching, keys and types be designed?"
        ),
        options,
        stack: parts::stack_rows(kb, advice, &drivers),
        drivers,
        chosen: chosen.to_string(),
        justification,
        stack_summary: crate::report::words::stack_phrase(&advice.stack),
        good,
        bad,
        neutral,
        confirmation: confirmation(kb, advice, meta),
        assumptions: parts::assumptions(advice, |_| true),
        decisions,
        indexes: parts::index_rows(
            &advice.indexes.iter().collect::<Vec<_>>(),
            &advice.decisions,
        ),
        caching: advice
            .patterns
            .iter()
            .filter(|p| p.category == "caching")
            .map(|p| item(kb, &p.title, &p.summary, &p.because))
            .collect(),
        caching_heading: words::caching_heading(advice.has_role("cache")),
        patterns,
        more_patterns,
        schema: schema_summary(advice),
        domain: domain::domain(advice),
        defaulted: advice.defaulted.clone(),
        links: vec![],
        answers_yaml: answers_yaml(kb, advice, answers),
        answers_file: None,
        appendix_file: None,
        replay_flags: String::new(),
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
        let role = kb.tree(&d.tree).and_then(|t| t.role.as_ref());
        let components: Vec<_> = advice
            .stack
            .iter()
            .filter(|c| role == Some(&c.role))
            .collect();
        // One engine chosen for one role: the ranked engines are the options. Otherwise
        // (several stores, or no store at all) the tree's outcomes are.
        let (options, chosen) = match (reached.as_slice(), components.as_slice()) {
            ([_], [c]) => (options::options(kb, advice, &c.role), c.name.to_string()),
            _ => (
                parts::outcome_options(kb, advice, &reached),
                reached
                    .iter()
                    .map(|x| x.title.as_str())
                    .collect::<Vec<_>>()
                    .join(" + "),
            ),
        };
        let in_tree = |p: &&crate::engine::PatternAdvice| p.trace.iter().any(|t| t.tree == d.tree);
        let because: Vec<Because> = reached
            .iter()
            .flat_map(|x| x.because.iter().cloned())
            .collect();
        let tabled = parts::tabled(kb, &reached, &planned_trees(advice));
        let drivers = parts::drivers(kb, advice, Some(d), &tabled);
        let decisions = parts::decision_rows(kb, &tabled, &drivers);
        let (patterns, more_patterns) = parts::pattern_lines(
            kb,
            &advice
                .patterns
                .iter()
                .filter(in_tree)
                .filter(|p| p.category != "caching")
                .collect::<Vec<_>>(),
            &decisions,
            &drivers,
        );
        out.push(Record {
            title: format!("{} for {project}: {chosen}", d.tree_title),
            problem: format!("{} — what should {project} choose?", d.tree_title),
            options,
            chosen,
            justification: clause(
                kb,
                if d.reason.trim().is_empty() {
                    &d.summary
                } else {
                    &d.reason
                },
            ),
            good: once(
                reached
                    .iter()
                    .flat_map(|x| x.good.iter().map(|g| clause(kb, g))),
            ),
            bad: once(
                reached
                    .iter()
                    .flat_map(|x| x.bad.iter().map(|b| clause(kb, b))),
            ),
            neutral: vec![],
            stack: parts::stack_rows(kb, advice, &drivers)
                .into_iter()
                .filter(|row| role.is_some_and(|r| **r == row.role))
                .collect(),
            // The decision is the record's own: no table of other decisions.
            decisions: vec![],
            // The schema goes with the primary store's decision, the first record, and
            // so does the domain it was written from.
            schema: if out.is_empty() {
                whole.schema.clone()
            } else {
                None
            },
            domain: if out.is_empty() {
                whole.domain.clone()
            } else {
                None
            },
            indexes: parts::index_rows(
                &advice.indexes.iter().filter(in_tree).collect::<Vec<_>>(),
                &advice.decisions,
            ),
            caching: advice
                .patterns
                .iter()
                .filter(in_tree)
                .filter(|p| p.category == "caching")
                .map(|p| item(kb, &p.title, &p.summary, &p.because))
                .collect(),
            caching_heading: whole.caching_heading,
            patterns,
            more_patterns,
            assumptions: parts::assumptions(advice, |s| {
                s.diff.decisions.iter().any(|c| c.tree == d.tree)
            }),
            // The checklist proves the whole stack: it goes with the first record.
            confirmation: if out.is_empty() {
                whole.confirmation.clone()
            } else {
                let revisit = (!because.is_empty()).then(|| {
                    format!(
                        "Revisit this decision if any of these answers changes: {}",
                        because_text(kb, &because)
                    )
                });
                let review = whole
                    .confirmation
                    .last()
                    .filter(|_| meta.status == "proposed");
                revisit.into_iter().chain(review.cloned()).collect()
            },
            drivers,
            ..whole.clone()
        });
    }
    out
}

/// A store's tag: its engine's id, or, where the stack names it for the cloud (Google
/// Cloud Storage for object storage on GCP), that name as a slug, so that no record on
/// Google Cloud is tagged `s3`.
fn tag_of(kb: &KnowledgeBase, c: &crate::engine::Component) -> String {
    let catalog_name = kb.engine(&c.engine).map(|e| e.name.as_str());
    if catalog_name.is_none_or(|name| name == c.name.as_str()) {
        return c.engine.to_string();
    }
    // The name without its examples: "S3-compatible object storage (MinIO or Ceph)".
    let name = c.name.split(" (").next().unwrap_or_default();
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch } else { ' ' })
        .collect();
    slug.split_whitespace().collect::<Vec<_>>().join("-")
}
