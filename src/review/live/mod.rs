//! `dbadvise review --url`: a live PostgreSQL or MySQL/MariaDB database reviewed from its
//! catalogs and statistics views, read-only, through the engine's own command-line client
//! (so TLS, `~/.pgpass`, service files, `PG*` variables and `~/.my.cnf` work as they do
//! for the user). Reading (`read`) runs the client; the server answers each catalog query
//! as JSON, which becomes the same `ReviewedSchema` a file gives, plus the statistics.
//! Judging (`review`) is pure: every schema rule runs unchanged, and the live-only rules
//! (`detectors`) read the statistics.

mod client;
pub mod detectors;
mod mysql;
mod postgres;
pub mod target;

use std::fmt;

use super::schema::{Place, ReviewedSchema};
use super::{Dialect, Input, Review, Skipped};
use crate::kb::KnowledgeBase;
use target::ConnectionUrl;

/// Where a live review read from, as its output shows it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The URL as given, its password masked.
    pub url: String,
    /// The database's name: where each finding is (`Place::file`).
    pub database: String,
    /// The server, as it names itself (`PostgreSQL 15.18`, `MariaDB 10.11.6`).
    pub server: String,
    /// Since when the usage counters count, when the engine keeps them.
    pub statistics_since: Option<String>,
    /// A PostgreSQL standby: its counters count only the reads it served.
    pub standby: bool,
}

/// What was read from a live database: its schema, its statistics, and the catalog
/// queries that could not be read.
#[derive(Debug)]
pub struct Snapshot {
    pub dialect: Dialect,
    pub source: Source,
    pub schema: ReviewedSchema,
    pub stats: Stats,
    /// Catalog queries answered.
    pub read: usize,
    pub skipped: Vec<Skipped>,
}

/// The statistics the live-only rules read. Tables are named by their `ReviewedSchema` key.
#[derive(Debug, Default)]
pub struct Stats {
    /// How often each index was scanned (PostgreSQL: `pg_stat_user_indexes`).
    pub indexes: Vec<IndexUse>,
    /// Columns fed by a sequence or AUTO_INCREMENT, with how far the counter is.
    pub counters: Vec<Counter>,
    /// Tables whose planner statistics were never gathered (PostgreSQL).
    pub never_analyzed: Vec<NeverAnalyzed>,
    /// Whether autovacuum runs on the server, and how many changed rows make it analyse
    /// a table (`autovacuum_analyze_threshold`).
    pub autovacuum: Option<(bool, i64)>,
    /// The pg_stat_statements extension (PostgreSQL).
    pub statements: Option<StatementsExtension>,
}

#[derive(Debug, Clone)]
pub struct IndexUse {
    pub table: String,
    /// Schema-qualified and quoted as the engine reads it.
    pub index: String,
    /// `None` when the counters cannot say (a partitioned index with no partition yet).
    pub scans: Option<i64>,
    /// Its size on disk, in words (`16 kB`).
    pub size: String,
    /// `CREATE INDEX …`, to make it again.
    pub definition: String,
    /// A primary key, unique, exclusion or replica-identity index: it enforces a rule
    /// even when no query reads it.
    pub enforces: bool,
}

#[derive(Debug, Clone)]
pub struct Counter {
    pub table: String,
    pub column: String,
    pub type_text: String,
    /// The sequence (qualified) or `AUTO_INCREMENT`.
    pub counter: String,
    /// The last value handed out.
    pub last: i128,
    /// The largest value the column's type and its counter can both take.
    pub limit: i128,
}

#[derive(Debug, Clone)]
pub struct NeverAnalyzed {
    pub table: String,
    /// Live rows, as the statistics count them.
    pub rows: i64,
    /// `autovacuum_enabled` is not off for the table.
    pub autovacuum: bool,
}

#[derive(Debug, Clone)]
pub struct StatementsExtension {
    pub created: bool,
    /// In `shared_preload_libraries`; `None` when this role may not see that setting.
    pub preloaded: Option<bool>,
}

/// Why a live database could not be read: each becomes one line and exit code 12.
#[derive(Debug)]
pub enum LiveError {
    /// The URL cannot be used (the message shows it masked).
    Url(String),
    /// None of the client programs is on PATH.
    MissingClient {
        url: String,
        programs: Vec<&'static str>,
        package: &'static str,
    },
    /// The client could not connect or log in: its own first error line, masked.
    Connect { url: String, client: String },
    /// Connected, but the server cannot answer the catalog queries.
    Unsupported { url: String, why: String },
}

impl std::error::Error for LiveError {}

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiveError::Url(message) => write!(f, "cannot use --url: {message}"),
            LiveError::MissingClient {
                url,
                programs,
                package,
            } => write!(
                f,
                "cannot read {url}: its client program ({}) is not on PATH; Debian's package {package} brings it",
                programs.join(" or ")
            ),
            LiveError::Connect { url, client } => write!(f, "cannot connect to {url}: {client}"),
            LiveError::Unsupported { url, why } => write!(f, "cannot review {url}: {why}"),
        }
    }
}

/// Reads the database a URL names, read-only, through its engine's client.
pub fn read(url: &str) -> Result<Snapshot, LiveError> {
    let target = ConnectionUrl::parse(url).map_err(LiveError::Url)?;
    match target.dialect {
        Dialect::PostgreSql => postgres::read(&target),
        Dialect::MySql => mysql::read(&target),
    }
}

/// Reviews what was read: the schema rules on its schema, the live rules on its
/// statistics.
pub fn review(kb: &KnowledgeBase, snapshot: &Snapshot, queries: &[Input]) -> Review {
    let dialect = snapshot.dialect;
    let (uses, unread) = super::queries::read(queries, &snapshot.schema, dialect);
    let rules = super::rules_for(kb, dialect);
    let findings = super::judge(&rules, dialect, |rule| {
        if detectors::detector(&rule.detects).is_some() {
            detectors::run(rule, snapshot)
        } else {
            super::hits(rule, &snapshot.schema, &uses, dialect)
        }
    });
    let mut skipped = snapshot.skipped.clone();
    skipped.extend(unread);
    Review {
        dialect,
        // What was read, for whatever reads `files` (the answers file's source).
        files: vec![snapshot.source.url.clone()],
        statements: snapshot.read,
        skipped,
        tables: snapshot.schema.tables.len(),
        findings,
        rules,
        answers: super::seen::answers(kb, &snapshot.schema, &uses, dialect),
        live: Some(snapshot.source.clone()),
    }
}

/// Where every object of a live database is: the database, no line.
pub(crate) fn place(database: &str) -> Place {
    Place {
        file: database.to_string(),
        line: 0,
    }
}

/// What could not be read, where it is reported.
pub(crate) fn skipped(database: &str, message: String) -> Skipped {
    Skipped {
        place: place(database),
        message,
    }
}

/// The rows of one catalog answer (a JSON array; `NULL`, MySQL's aggregate of no rows,
/// is none), counted in `read`; or none, and a line in `skipped` saying why.
pub(crate) fn rows<T: serde::de::DeserializeOwned>(
    replies: &client::Replies,
    name: &str,
    database: &str,
    read: &mut usize,
    skipped: &mut Vec<Skipped>,
) -> Vec<T> {
    let parsed = replies.get(name).and_then(|text| {
        if text.trim() == "NULL" {
            return Ok(Vec::new());
        }
        serde_json::from_str(text)
            .map_err(|e| format!("its answer is not what review expects ({e})"))
    });
    match parsed {
        Ok(rows) => {
            *read += 1;
            rows
        }
        Err(why) => {
            skipped.push(self::skipped(
                database,
                format!("the {name} could not be read: {why}"),
            ));
            Vec::new()
        }
    }
}

/// How long ago, in the largest unit that is at least 2 (`3 hours`, `34 days`).
pub(crate) fn age(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (n, unit) = match seconds {
        s if s >= 2 * 86_400 => (s / 86_400, "days"),
        s if s >= 2 * 3_600 => (s / 3_600, "hours"),
        s if s >= 2 * 60 => (s / 60, "minutes"),
        s => (s, "seconds"),
    };
    format!("{n} {unit}")
}

#[cfg(test)]
mod tests {
    use super::age;

    #[test]
    fn ages_are_said_in_the_largest_unit_that_is_at_least_two() {
        assert_eq!(age(5), "5 seconds");
        assert_eq!(age(7_200), "2 hours");
        assert_eq!(age(86_400), "24 hours");
        assert_eq!(age(34 * 86_400 + 5), "34 days");
    }
}
