//! The starter schemas as the knowledge base holds them: parts, columns, pieces chosen by
//! the answers, the reasons written as SQL comments, and the placeholders filled in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::Condition;
use super::Text;

/// A starter schema for the engines that run its dialect: parts assembled in order,
/// each kept or left out by a condition on the answers (see `knowledge/README.md`,
/// "Starter schemas").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    pub id: String,
    /// Catalog engines whose primary store gets this schema.
    pub engines: Vec<String>,
    /// The snippet dialect the SQL is written in (`postgresql`, `mysql`, `sqlite`).
    pub dialect: String,
    /// Comment lines printed at the top of the schema.
    #[serde(default)]
    pub header: Reason,
    /// Pieces of SQL picked by the answers, used as `{name}` in any SQL of the schema:
    /// the first alternative whose condition holds (none: the empty string).
    #[serde(default)]
    pub vars: BTreeMap<String, Vec<SchemaPiece>>,
    pub parts: Vec<SchemaPart>,
    /// How `dbadvise schema --model` writes a domain model in this dialect.
    #[serde(default)]
    pub model: Option<ModelDialect>,
    #[serde(default)]
    pub source: Option<String>,
}

/// The dialect's words for a domain model (`dbadvise schema --model`): keys, timestamps,
/// table options, the SQL of each attribute type, and the words it cannot take as names.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelDialect {
    /// The advised engines whose starter schema a domain's model replaces; the schema's
    /// other engines (TimescaleDB's hypertables, Citus's distributed tables) keep the
    /// starter schema tailored to them. Empty: all of the schema's engines.
    #[serde(default)]
    pub domains_for: Vec<String>,
    /// Word search over a model's `search:` attributes, written when the answers search
    /// text (or no answers are given).
    #[serde(default)]
    pub search: Option<SearchSql>,
    /// What the answers changed in a domain's tables, for the record: `ids-internal`,
    /// `ids-exposed`, `tenants-shared`, `tenants-one`, `tenants-isolated` and
    /// `tenants-catalog`, with {tenant}.
    #[serde(default)]
    pub tailored: BTreeMap<String, String>,
    /// The `id` column, by how ids are exposed: `internal` or `exposed`.
    pub key: BTreeMap<String, String>,
    /// A column that refers to an `id`, by how ids are exposed.
    #[serde(rename = "ref")]
    pub reference: BTreeMap<String, String>,
    /// Where the key stays internal even when ids are exposed (MySQL clusters rows by
    /// it): the column the outside world sees instead.
    #[serde(default)]
    pub public_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// What follows each table's closing parenthesis.
    #[serde(default)]
    pub table_options: String,
    /// What the script's reader must know of this engine, as header comments.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Statements that open the script (`PRAGMA foreign_keys = ON;`).
    #[serde(default)]
    pub preamble: Vec<String>,
    /// A statement after each table that sets its updated_at on every UPDATE, with
    /// {table}; none where the column's type does it (MySQL) or the application must.
    #[serde(default)]
    pub updated_at_trigger: Option<String>,
    /// The statements that write an audited table's history on every change, and keep
    /// that history from being changed; none where the application must write it.
    #[serde(default)]
    pub history_trigger: Option<HistoryTrigger>,
    /// An index, with `{name}`, `{table}` and `{columns}`: a statement after the table
    /// (`CREATE INDEX …;`) or, written without `CREATE`, a line inside it (`KEY …`).
    pub index: String,
    /// A partial index, with `{name}`, `{table}`, `{columns}` and `{condition}`: where an
    /// access pattern wants only some rows (`where:`), the engine indexes only those;
    /// none where it has no partial indexes (the whole index is written instead).
    #[serde(default)]
    pub partial_index: Option<String>,
    /// The engine accepts a foreign key to a table created later (SQLite checks them
    /// when rows are written); otherwise such keys are added by ALTER TABLE at the end.
    #[serde(default)]
    pub forward_references: bool,
    /// Attribute type → how this dialect writes it; a type missing here is one the
    /// engine lacks, and the message says what to use instead.
    pub types: BTreeMap<String, ModelType>,
    /// Types this dialect lacks, and what to use instead.
    #[serde(default)]
    pub lacks: BTreeMap<String, String>,
    /// Words the engine reserves, which a model cannot use as a name unquoted.
    #[serde(default)]
    pub reserved: Vec<String>,
    /// How a personal column is marked where tools can find it: words after the column's
    /// type (`COMMENT 'personal'`), or a statement after the table with {table} and
    /// {column}; neither where the engine keeps no comments (the table's comment lists
    /// them).
    #[serde(default)]
    pub personal_suffix: Option<String>,
    #[serde(default)]
    pub personal_statement: Option<String>,
    /// Statements after each table of a tenant's rows that let a session see only its
    /// tenant's rows (row-level security), with {table}, {tenant} (the tenant's key
    /// column) and {ref}; none where the engine has no such thing.
    #[serde(default)]
    pub tenant_isolation: Option<String>,
    /// Statements after a table every tenant shares that holds personal data (the
    /// people who sign in), with {table}, {via} (a tenant's table that names them, such
    /// as a membership) and {column} (its reference): a session sees only the people its
    /// tenant names. Run after every table, since {via} comes later.
    #[serde(default)]
    pub shared_personal: Option<SharedPersonal>,
    /// How the engine holds the rules a model can ask for.
    #[serde(default)]
    pub invariants: ModelInvariants,
    /// Tables that only grow (audit histories, entities with `grows:`) partitioned by
    /// time, where the answers make that worth it; none where the dialect's model keeps
    /// them whole.
    #[serde(default)]
    pub time_partitions: Option<TimePartitions>,
    /// The event table written beside a domain's tables where the event log is the
    /// record (`source-of-truth: log`); the domain's tables are then its projections.
    #[serde(default)]
    pub event_store: Option<EventStoreSql>,
}

/// An event table: a stream per aggregate, keyed by its version, append-only.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventStoreSql {
    /// When the event log is the record (`source-of-truth: log`).
    pub when: Condition,
    /// The table the statements create, which row-level security then covers.
    pub table: String,
    /// What the script says above it.
    pub why: String,
    /// The statements, with {ref} (the type of a column that refers to an id),
    /// {tenant_column} and {tenant_key}, both empty where no tenants share the tables.
    pub sql: String,
    /// Where tenants share the tables: what fills {tenant_column}, with {tenant} and
    /// {ref}; {tenant_key} is then `{tenant}_id, `.
    pub tenant_column: String,
}

/// Tables that only grow: the same condition on the answers as the operations advice's
/// partitions by time, and how the dialect partitions them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimePartitions {
    pub when: Condition,
    /// Where the tables stay whole although `when` holds (an event store's tables).
    #[serde(default)]
    pub unless: Option<Condition>,
    /// The SQL; none where the tables stay whole (the record says so: `time-whole` of
    /// `tailored`).
    #[serde(default)]
    pub sql: Option<PartitionSql>,
}

/// A table partitioned by time, with {table}, {key} (the key column) and {column} (the
/// partition column).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartitionSql {
    /// The key column's type without a primary key of its own, by how ids are exposed
    /// (`internal`, `exposed`); a history's `history_id` is `internal`.
    pub key: BTreeMap<String, String>,
    /// The primary key line, which must hold the partition column.
    pub primary_key: String,
    /// What follows the table's closing parenthesis.
    pub options: String,
    /// Statements the script needs once, before the tables (a function that creates
    /// partitions).
    #[serde(default)]
    pub preamble: Option<String>,
    /// Statements after the table: the first partitions, a default one.
    pub statements: String,
    /// Printed above the table.
    pub why: String,
}

/// The rules of a domain model, each in the engine's own terms.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelInvariants {
    /// No two periods of the same thing overlap (bookings of a room).
    #[serde(default)]
    pub no_overlap: Option<InvariantSql>,
    /// A row in a final state no longer changes (an issued invoice).
    #[serde(default)]
    pub frozen: Option<InvariantSql>,
    /// Columns set when the row is created and never changed (an account's kind):
    /// {table}, {name}, {changed} (`changed` per column), {columns_text}, {message}.
    #[serde(default)]
    pub fixed: Option<InvariantSql>,
    /// Numbers without gaps, per tenant (invoice numbers): taken from a counter row
    /// under its lock.
    #[serde(default)]
    pub gapless: Option<InvariantSql>,
    /// The lines of a ledger transaction sum to zero once it is posted, and its lines
    /// then change no more.
    #[serde(default)]
    pub balanced: Option<InvariantSql>,
    /// A balance kept as the sum of its entries' amounts: `parts`, triggers on the
    /// entries ({new_amount}, {old_amount}); `update`, where entries count once their
    /// owner reaches a state, a trigger on the owner ({owner}, {state}, {values},
    /// {owner_key}, {sign}, {amount}); `after`, the guard. Also {table}, {column},
    /// {lines}, {parent}, {name}, {message}, and in `why` {counted}, {moved}, {refused}.
    #[serde(default)]
    pub sums: Option<InvariantSql>,
}

/// Word search in one dialect: a generated column built of `part`s (PostgreSQL's
/// tsvector), a line inside the table (MySQL's FULLTEXT key), or statements after it
/// (an index, SQLite's FTS5 table and its triggers). {table}, {columns} (`a, b`),
/// {new_columns} (`new.a, new.b`), {set_columns} (`a = new.a, b = new.b`), {vector} (the
/// parts joined by ` || `); a part has {column} and {weight} (A, B, C, D in order).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSql {
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub part: Option<String>,
    #[serde(default)]
    pub line: Option<String>,
    #[serde(default)]
    pub after: Option<String>,
    pub why: String,
}

/// Row-level security on a table every tenant shares that holds personal data: the
/// statements and the words for its comment, with {table}, {via} and {column}.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SharedPersonal {
    pub sql: String,
    pub why: String,
}

/// The SQL of one rule, with the placeholders `knowledge/schema/postgresql.yaml` lists.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InvariantSql {
    /// A statement the script needs once, at its top (an extension).
    #[serde(default)]
    pub preamble: Option<String>,
    /// A line inside the table (an exclusion constraint).
    #[serde(default)]
    pub constraint: Option<String>,
    /// Statements after the table (triggers).
    #[serde(default)]
    pub after: Option<String>,
    /// More statements where the rule also acts on an UPDATE: a gapless number taken when
    /// the row reaches a state, with {guard_update}.
    #[serde(default)]
    pub update: Option<String>,
    /// Statements after each table of a frozen entity's parts (its lines), which change
    /// no more once it is frozen: {table} (the part's), {owner}, {parent}, {column},
    /// {values}, {name} and {message}.
    #[serde(default)]
    pub parts: Option<String>,
    /// One column that must match, for {same}.
    #[serde(default)]
    pub same: Option<String>,
    /// Locks the row of one period's owner ({table}, {column}), for {lock}: the periods
    /// of one owner are then checked one writer at a time.
    #[serde(default)]
    pub lock: Option<String>,
    /// One column that may not change, for {changed}.
    #[serde(default)]
    pub changed: Option<String>,
    /// The range function for periods of each attribute type (PostgreSQL).
    #[serde(default)]
    pub ranges: BTreeMap<String, String>,
    /// Printed above the table, with the rule's placeholders.
    pub why: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelType {
    pub sql: String,
    /// A CHECK every value must pass, with `{column}`.
    #[serde(default)]
    pub check: Option<String>,
    /// What a unique attribute of this type is unique on, with `{column}`, as a unique
    /// index (`lower({column})` for emails on PostgreSQL); none: a UNIQUE constraint.
    #[serde(default)]
    pub unique_on: Option<String>,
    /// Appended to the column's name (`_cents` where money is integer minor units).
    #[serde(default)]
    pub suffix: String,
}

/// One part of a schema: a table (`table`, with its columns, constraints, options and
/// the statements that follow it), or statements (`sql`), optionally repeated for each
/// table of `for_tables` with `{table}` in the SQL.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaPart {
    #[serde(default)]
    pub table: Option<String>,
    #[serde(default)]
    pub sql: Option<String>,
    #[serde(default)]
    pub for_tables: Vec<String>,
    #[serde(default)]
    pub columns: Vec<SchemaColumn>,
    /// Table constraints, after the columns.
    #[serde(default)]
    pub constraints: Vec<SchemaPiece>,
    /// What follows the closing parenthesis (`PARTITION BY …`, `ENGINE=InnoDB`, `STRICT`).
    #[serde(default)]
    pub options: Vec<SchemaPiece>,
    /// Statements printed after the table (its indexes), left out with it.
    #[serde(default)]
    pub statements: Vec<SchemaPiece>,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub unless: Option<Condition>,
    /// Printed as a comment above the part; a kept conditional part is listed as tailored.
    #[serde(default)]
    pub why: Reason,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaColumn {
    pub name: String,
    /// The column's type and its constraints (`NUMERIC(19,4) NOT NULL CHECK (price >= 0)`).
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub unless: Option<Condition>,
    #[serde(default)]
    pub why: Reason,
}

/// A piece of SQL with its condition: a constraint, a table option, a statement, or an
/// alternative of a var.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaPiece {
    pub sql: String,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub unless: Option<Condition>,
    #[serde(default)]
    pub why: Reason,
}

/// Why a starter-schema item is there. The starter schema prints it as `--` comment
/// lines above the item and lists a conditional item's first sentence as tailored to the
/// answers. The first sentence is made when the knowledge base is read; the wrapped
/// lines the first time a schema prints them, once (wrapping on every `advise` was most
/// of the cost of assembling a schema, and wrapping every reason at every start a tenth
/// of loading the base).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(from = "String", into = "String")]
pub struct Reason {
    /// As written in the knowledge base.
    pub text: String,
    /// Wrapped to `COMMENT_WIDTH` columns, one paragraph after another.
    lines: std::sync::OnceLock<Vec<String>>,
    /// The first sentence, on one line.
    pub first_sentence: Text,
}

/// Comment text is wrapped to this many columns; with a two-space indent and the `-- `
/// marker, a schema line stays within 92.
pub const COMMENT_WIDTH: usize = 87;

impl Reason {
    /// No words at all, so no comment lines.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The text wrapped to `COMMENT_WIDTH` columns (`wrap_comment`).
    pub fn lines(&self) -> &[String] {
        self.lines.get_or_init(|| wrap_comment(&self.text))
    }
}

// The rest is made from the text.
impl PartialEq for Reason {
    fn eq(&self, other: &Reason) -> bool {
        self.text == other.text
    }
}

impl Eq for Reason {}

impl From<String> for Reason {
    fn from(text: String) -> Self {
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let first_sentence = match one_line.find(". ") {
            Some(end) => one_line[..=end].into(),
            None => one_line.into(),
        };
        Reason {
            lines: std::sync::OnceLock::new(),
            first_sentence,
            text,
        }
    }
}

impl From<Reason> for String {
    fn from(reason: Reason) -> Self {
        reason.text
    }
}

/// `text` wrapped to `COMMENT_WIDTH`, its paragraphs (split at blank lines) one after
/// another. Lines break at spaces only, never at a hyphen or a slash: `row-level`,
/// `tenant_id` and `read/write` stay whole. First fit: predictable lines, and a tenth
/// of optimal fit's cost.
pub fn wrap_comment(text: &str) -> Vec<String> {
    let options = textwrap::Options::new(COMMENT_WIDTH)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(false);
    let mut lines = Vec::new();
    for paragraph in text.trim().split("\n\n") {
        let joined = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        if joined.is_empty() {
            continue;
        }
        lines.extend(
            textwrap::wrap(&joined, &options)
                .into_iter()
                .map(String::from),
        );
    }
    lines
}

/// `sql` with each `{name}` placeholder replaced by `value(name)`. A name is a lower-case
/// word (letters, digits, `-`, `_`) starting with a letter, so JSON (`'{}'`,
/// `'{"a": 1}'`) and regular expressions (`[A-Z]{3}`) are left as they are, and so is a
/// name `value` does not know.
pub fn substitute<'v>(sql: &str, value: impl Fn(&str) -> Option<&'v str>) -> String {
    let mut out = String::with_capacity(sql.len());
    substitute_into(&mut out, sql, value);
    out
}

/// `substitute`, written at the end of `out`.
pub fn substitute_into<'v>(out: &mut String, sql: &str, value: impl Fn(&str) -> Option<&'v str>) {
    let mut rest = sql;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match placeholder_name(after).and_then(|name| Some((name, value(name)?))) {
            Some((name, v)) => {
                out.push_str(v);
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// The `{name}` placeholders in a piece of SQL, in order.
pub fn placeholders_in(sql: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = sql;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(name) = placeholder_name(rest) {
            names.push(name);
            rest = &rest[name.len() + 1..];
        }
    }
    names
}

/// The name at the start of `text` (just after a `{`) when a `}` closes it.
fn placeholder_name(text: &str) -> Option<&str> {
    if !text.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let end = text
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    text[end..].starts_with('}').then(|| &text[..end])
}

/// How a dialect writes each change of an audited table into its history.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryTrigger {
    /// The history table's comment.
    pub why: String,
    /// With `{table}`, `{history}`, `{columns}` (the history's copy of the row) and
    /// `{new}` and `{old}` (those columns of the row after and before the change).
    pub sql: String,
}
