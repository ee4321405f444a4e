//! The words of the advice, in one place: the record, the JSON report, the TUI and plain
//! mode all say what the engine returns as data (a comparison, an elimination, why a
//! store serves its role, what no engine serves, an alternative answer) through the
//! `Display` impls here. The answers behind an item (`because_lines`, `because_text`)
//! and the knowledge base's texts as sentences and clauses are said here too.
//!
//! The engine derives `Serialize` for `Advice`; the data types below serialize as their
//! words, so that `--format json` says what the record says. Their `Serialize` impls are
//! here, beside the words, not in the engine: Rust lets any module of the crate implement
//! a trait for the crate's types, so the engine imports nothing from the report and the
//! data flows one way.

use std::fmt::{self, Display, Formatter};

use serde::{Serialize, Serializer};

use crate::engine::reasons::{
    Compared, Comparison, Elimination, Lack, StoreReason, Tie, Unserved, Verdict,
};
use crate::engine::{AnswerChange, Because};
use crate::kb::{KnowledgeBase, QuestionKind, Text};

/// "worse on complex queries: good vs excellent for PostgreSQL, weighs 3 because
/// access-patterns = range", "lacks what MySQL has: the team already runs it, weighs 5
/// because existing = mysql", "has what MySQL lacks: serves full-text search itself",
/// "more than needed on write performance: excellent vs good for PostgreSQL; good is
/// enough because peak-rate = hundreds".
impl Display for Comparison {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let chosen = &self.chosen;
        match &self.on {
            Compared::Rating {
                criterion,
                theirs,
                mine,
            } => {
                let verdict = match self.verdict {
                    Verdict::Better => "better",
                    Verdict::Worse => "worse",
                    Verdict::Beyond(_) => "more than needed",
                };
                let (theirs, mine) = (theirs.word(), mine.word());
                write!(
                    f,
                    "{verdict} on {criterion}: {theirs} vs {mine} for {chosen}"
                )?
            }
            // A yes or no is said as what one engine has and the other lacks: "better
            // on the team already runs it: outstanding vs no" said nothing a reader
            // could repeat.
            Compared::Has { criterion, theirs } => has_or_lacks(f, *theirs, chosen, criterion)?,
            Compared::Serves { need, theirs } => {
                has_or_lacks(f, *theirs, chosen, &format!("serves {need} itself"))?
            }
        }
        match &self.verdict {
            Verdict::Beyond(enough) => write!(
                f,
                "; {} is enough because {}",
                enough.rating.word(),
                answer_list(&enough.set_by)
            ),
            // Only the answers that raised a weight say why it counts.
            _ if self.raised_by.is_empty() => Ok(()),
            _ => write!(
                f,
                ", weighs {} because {}",
                self.weight,
                answer_list(&self.raised_by)
            ),
        }
    }
}

fn has_or_lacks(f: &mut Formatter<'_>, theirs: bool, chosen: &str, what: &str) -> fmt::Result {
    if theirs {
        write!(f, "has what {chosen} lacks: {what}")
    } else {
        write!(f, "lacks what {chosen} has: {what}")
    }
}

impl Comparison {
    /// The comparison as said of the engine it compares: "PostgreSQL is better on
    /// complex queries: …", "PostgreSQL has what MySQL lacks: …".
    pub fn said_of(&self, engine: &str) -> String {
        match self.on {
            Compared::Rating { .. } => format!("{engine} is {self}"),
            Compared::Has { .. } | Compared::Serves { .. } => format!("{engine} {self}"),
        }
    }
}

/// "access-patterns = range, volume = large and 2 more answers"
fn answer_list(by: &[(Text, Text)]) -> String {
    // The first few answers say why; a long list would not be read.
    const SHOWN: usize = 4;
    let mut text = by
        .iter()
        .take(SHOWN)
        .map(|(q, o)| format!("{q} = {o}"))
        .collect::<Vec<_>>()
        .join(", ");
    if by.len() > SHOWN {
        text.push_str(&format!(" and {} more answers", by.len() - SHOWN));
    }
    text
}

/// "needs multi-row transactions (consistency = strict); Cassandra: …", "…; SQLite has
/// none", "…; MySQL is not it".
impl Display for Elimination {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "needs {}", self.need)?;
        if !self.because.is_empty() {
            let answers: Vec<String> = self
                .because
                .iter()
                .map(|b| format!("{} = {}", b.question, b.answer))
                .collect();
            write!(f, " ({})", answers.join(", "))?;
        }
        let engine = &self.engine;
        match &self.lack {
            Lack::NotFavoured => write!(f, "; {engine} is not it"),
            Lack::Why(why) => write!(f, "; {engine}: {}", why.trim_end_matches('.')),
            Lack::Unsaid => write!(f, "; {engine} has none"),
        }
    }
}

/// The knowledge base's reason as it is, or "PostgreSQL serves full-text search itself."
impl Display for StoreReason {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            StoreReason::Text(texts) => {
                let texts: Vec<&str> = texts.iter().map(|t| t.as_str()).collect();
                f.write_str(&texts.join(" "))
            }
            StoreReason::ServesItself { engine, need } => {
                write!(f, "{engine} serves {need} itself.")
            }
        }
    }
}

/// "a primary store that meets every requirement", "search, queues and caching".
impl Display for Unserved {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Unserved::Primary => f.write_str("a primary store that meets every requirement"),
            Unserved::Needs(labels) => {
                let labels: Vec<&str> = labels.iter().map(|l| l.as_str()).collect();
                f.write_str(&and_list(&labels))
            }
        }
    }
}

/// "ties with CockroachDB at 77: nothing in the answers separates them, and the
/// catalog's order put CockroachDB first" (or, where each is better on something, "what
/// each is better on weighs the same, and …"), "ties with Redis at 84; Redis serves more
/// of the needs itself, so there are fewer stores to run".
impl Display for Tie {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ties with {} at {}{}",
            self.with,
            self.score,
            TieBreak(self)
        )
    }
}

/// How the chosen engine came first in a tie, said after the score.
struct TieBreak<'a>(&'a Tie);

impl Display for TieBreak<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let chosen = &self.0.with;
        if self.0.chosen_serves_more {
            write!(
                f,
                "; {chosen} serves more of the needs itself, so there are fewer stores to run"
            )
        } else if self.0.offsetting {
            write!(
                f,
                ": what each is better on weighs the same, and the catalog's order put {chosen} first"
            )
        } else {
            write!(
                f,
                ": nothing in the answers separates them, and the catalog's order put {chosen} first"
            )
        }
    }
}

/// The ties said of the chosen engine, after why it was chosen: "YugabyteDB scores the
/// same, 77: nothing in the answers separates them, …", "Memcached and Valkey score the
/// same, …". Engines that lost the tie in the same way are named together.
pub fn tie_sentences(tied: &[(&str, &Tie)]) -> Vec<String> {
    let mut out = Vec::new();
    for (serves_more, offsetting) in [(true, false), (false, true), (false, false)] {
        let group: Vec<&(&str, &Tie)> = tied
            .iter()
            .filter(|(_, t)| {
                t.chosen_serves_more == serves_more && (serves_more || t.offsetting == offsetting)
            })
            .collect();
        let Some((_, tie)) = group.first() else {
            continue;
        };
        let names: Vec<&str> = group.iter().map(|(name, _)| *name).collect();
        let verb = if names.len() == 1 { "scores" } else { "score" };
        out.push(format!(
            "{} {verb} the same, {}{}",
            and_list(&names),
            tie.score,
            TieBreak(tie)
        ));
    }
    out
}

/// Where the engine proposed, or chosen by the organisation, ranks when it is not
/// chosen: "MongoDB, the engine proposed, ranks 6th of 7 at 55: worse on …".
pub fn proposal_verdict(option: &super::record::RecordOption, of: usize, decided: bool) -> String {
    let who = if decided {
        "the engine already chosen"
    } else {
        "the engine proposed"
    };
    match option.score {
        Some(score) => format!(
            "{}, {who}, ranks {} of {of} at {score}: {}",
            option.name,
            ordinal(option.rank),
            option.verdict
        ),
        None => format!("{}, {who}, is {}", option.name, option.verdict),
    }
}

/// "1st", "2nd", "3rd", "4th", "11th", "22nd".
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The record's chosen option where no engine meets every requirement, and why.
pub const NO_PRIMARY: &str = "none yet";
pub const NO_PRIMARY_WHY: &str = "no engine of the catalog meets every requirement the answers \
     set; the considered options say what ruled each out, so relax one of those answers or \
     split the data between stores";

/// What the advice says of a need no engine serves, in the record and in the interview.
pub fn unmet_sentence(need: &Unserved) -> String {
    format!("Unmet: {need}; no engine that meets the other requirements serves it.")
}

/// “Documents” for a one-choice answer; also “Analytics” or not “Caching” for the option
/// a several-choice alternative ticks or unticks.
impl Display for AnswerChange {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            AnswerChange::One(label) => write!(f, "“{label}”"),
            AnswerChange::Also(label) => write!(f, "also “{label}”"),
            AnswerChange::Not(label) => write!(f, "not “{label}”"),
            AnswerChange::Same => f.write_str("the same"),
        }
    }
}

/// The JSON report says each of these as its words.
macro_rules! serialize_as_words {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
    )*};
}

serialize_as_words!(
    Comparison,
    Elimination,
    StoreReason,
    Tie,
    Unserved,
    AnswerChange
);

/// "because" as one line per answer: the question, then the answer (free-text answers,
/// which decide nothing, are left out).
/// The stack in a phrase, each engine once with the roles it takes: "PostgreSQL
/// (primary, search) + Redis (cache)".
pub fn stack_phrase(stack: &[crate::engine::Component]) -> String {
    let mut engines: Vec<(&str, Vec<&str>)> = Vec::new();
    for c in stack {
        match engines.iter_mut().find(|(name, _)| *name == &*c.name) {
            Some((_, roles)) => roles.push(&c.role),
            None => engines.push((&c.name, vec![&c.role])),
        }
    }
    let each = engines
        .iter()
        .map(|(name, roles)| format!("{name} ({})", roles.join(", ")));
    each.collect::<Vec<_>>().join(" + ")
}

/// The drivers of a decision no answer moved directly: it follows the primary store
/// chosen (a data model, an index kind, a CAP stance of that engine) or, without a step
/// on the primary, the stores beside it.
pub fn follows_stores(on_primary: bool) -> String {
    if on_primary {
        "the primary store".into()
    } else {
        "the stores chosen".into()
    }
}

pub fn because_lines(kb: &KnowledgeBase, because: &[Because]) -> Vec<String> {
    because
        .iter()
        .filter_map(|b| {
            let q = kb.question(&b.question)?;
            (q.kind != QuestionKind::Text).then(|| format!("{} → {}", q.prompt.trim(), b.label))
        })
        .collect()
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

pub(super) fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Starts a clause after "because": lower-cases an ordinary first word, keeps names.
pub(super) fn clause(kb: &KnowledgeBase, text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let first = text.split_whitespace().next().unwrap_or("");
    let ordinary = first
        .chars()
        .skip(1)
        .all(|c| c.is_lowercase() || !c.is_alphabetic());
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if ordinary && c.is_uppercase() && !is_name(kb, first) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// Whether the catalog or the patterns write `word` capitalised inside a sentence (Cypher, Atlas,
/// Google): a name, which keeps its capital after "because".
fn is_name(kb: &KnowledgeBase, word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    if word.chars().count() < 2 {
        return false; // "A" is an article
    }
    let inside = |text: &str| {
        text.match_indices(word).any(|(i, _)| {
            let before = &text[..i];
            let after = text[i + word.len()..].chars().next();
            before.ends_with(' ')
                && !before.trim_end().ends_with(['.', ':', ';'])
                && !before.trim_end().is_empty()
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
    };
    kb.engines.iter().any(|e| {
        e.name.split_whitespace().any(|w| w == word)
            || inside(&e.best_for)
            || e.strengths.iter().chain(&e.weaknesses).any(|t| inside(t))
    }) || kb
        .patterns
        .iter()
        .any(|p| inside(&p.summary) || inside(&p.why))
}

/// The front ends' words for a product's domain (the record's are in its templates).
pub mod domain {
    use crate::report::record::domain::{RecordDomain, RecordNote, RecordPath};

    /// Why the rules are listed without tables, and where to see them as tables.
    pub fn unwritten(domain: &RecordDomain) -> String {
        format!(
            "Not written as tables for {}: hold these rules in its own terms (dbadvise \
             schema --archetype {} --format sql --engine postgresql shows them as \
             PostgreSQL tables):",
            domain.engine, domain.archetype
        )
    }

    /// What follows for the personal data the domain keeps, if it keeps any.
    pub fn personal(domain: &RecordDomain) -> Option<String> {
        (!domain.personal.is_empty()).then(|| {
            // Tables where the starter schema writes them; the model's entities elsewhere.
            let tables = match (domain.tables, domain.personal.len() > 1) {
                (true, true) => "tables",
                (true, false) => "table",
                (false, true) => "entities",
                (false, false) => "entity",
            };
            format!(
                "personal data in the {} {tables}: encrypted in transit and at rest, kept \
                 for a set time, erasable per person (dbadvise explain personal-data)",
                domain.personal.join(", ")
            )
        })
    }

    /// A note, with the lesson that explains it.
    pub fn note(note: &RecordNote) -> String {
        match &note.topic {
            Some(topic) => format!("{} (dbadvise explain {topic})", note.text),
            None => note.text.clone(),
        }
    }

    /// A keyed index that leads with `column`, of few values, and what the engine adds
    /// for that (`few_values_key`).
    pub fn few_values(index: &str, form: &str, column: &str) -> String {
        format!("{index}; {}", form.replace("{column}", column))
    }

    /// An index of only the rows a read wants (`only`: column, values), as a partial
    /// index: "…, over only the rows whose status is issued".
    pub fn partial(index: &str, only: &[(String, Vec<String>)]) -> String {
        let rows: Vec<String> = only
            .iter()
            .map(|(column, values)| {
                let values: Vec<String> = values.iter().map(|v| v.replace('_', " ")).collect();
                format!("{} is {}", column.replace('_', " "), values.join(" or "))
            })
            .collect();
        format!(
            "{index}, over only the rows whose {} (a partial index)",
            rows.join(" and whose ")
        )
    }

    /// An entity whose rows a store beside the primary keeps, not the tables.
    pub fn kept_apart(entity: &str, store: &str, names: &[String]) -> String {
        let entity = entity.replace('_', " ");
        let by_id = match names {
            [] => String::new(),
            names => {
                let ids: Vec<String> = names.iter().map(|n| format!("{n}_id")).collect();
                format!(
                    " Each row names its {} by id ({}), checked when it is written, since no \
                     foreign key reaches from one store into the other.",
                    names.join(" and ").replace('_', " "),
                    ids.join(", ")
                )
            }
        };
        format!(
            "The {entity} rows are kept in {store}, beside the primary, not in these tables: \
             that store takes their volume and their writes.{by_id}"
        )
    }

    /// An index of the view a consumer builds from the log that is the record, in the
    /// store that holds the view (`read_from`).
    pub fn in_read_model(index: &str, read_from: &str) -> String {
        format!("{index}, in {read_from}: the view a consumer builds from the log")
    }

    /// A hot read and its index.
    pub fn hot_read(path: &RecordPath) -> String {
        format!("{}: {}", path.access, path.index)
    }

    /// How the primary store serves a hot read on `entity` by `columns`: its catalog
    /// form (`keyed_index`), or a B-tree; where some of the columns change after the
    /// row is written (`changing`) and the engine cannot update a key column, its form
    /// for that (`changing_key`).
    pub fn index(
        (form, changing_form): (Option<&str>, Option<&str>),
        entity: &str,
        columns: &str,
        changing: &str,
    ) -> String {
        let form = changing_form.filter(|_| !changing.is_empty()).or(form);
        let text = form
            .unwrap_or("B-tree on {entity} ({columns}), in that order")
            .replace("{entity}", entity)
            .replace("{columns}", columns)
            .replace("{changing}", changing);
        // One column has no order to keep.
        if columns.contains(", ") {
            text
        } else {
            text.replace(", in that order", "")
        }
    }
}

/// The heading of the caching items: a caching plan with a cache in the stack; without
/// one, they are about the keys of an in-memory store kept for short-lived data, and
/// sit beside "no cache yet".
pub fn caching_heading(cache_in_stack: bool) -> &'static str {
    if cache_in_stack {
        "Caching plan"
    } else {
        "Keys in the in-memory store"
    }
}
