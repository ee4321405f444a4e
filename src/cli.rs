//! The command line, as clap definitions. `main.rs` dispatches on these.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "dbadvise",
    version,
    about = "Interactive terminal advisor for database design decisions",
    long_about = "dbadvise interviews you about a workload (data shape, consistency, scale, \
query patterns, team) and recommends a database stack with its reasons, indexes, caching, \
keys and types, and schema snippets.\n\nRun with no command for the interview; use \
`recommend --answers FILE` for the same decision without a terminal."
)]
pub struct Cli {
    #[command(flatten)]
    pub kb: KbArgs,
    /// Go on with the interview of an answers file (as `s` saves it, or `recommend --answers` reads it).
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Plain line-by-line questions instead of the full-screen interview (screen readers,
    /// pipes); the default when standard input or output is not a terminal.
    #[arg(long)]
    pub plain: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct KbArgs {
    /// Extend or override the embedded knowledge base with the YAML files in DIR
    /// (items with the same id replace the embedded ones). Repeatable.
    #[arg(long = "kb", value_name = "DIR", global = true)]
    pub dirs: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every question with its id, section, options and help.
    Questions {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Work with answers files.
    #[command(subcommand)]
    Answers(AnswersCommand),
    /// Recommend a stack from an answers file, without the interview.
    Recommend(RecommendArgs),
    /// What changes between the advice of two answers files.
    Diff(DiffArgs),
    /// Write decision records into the project's ADR directory.
    #[command(subcommand)]
    Adr(AdrCommand),
    /// Check or export the knowledge base.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Browse the topic library: what every term in the interview and the advice means.
    Learn {
        /// Open this topic first (as `explain` names it: an id, a title, an alias, a start).
        topic: Option<String>,
    },
    /// Print one topic of the library, wrapped to the terminal (80 columns in a pipe).
    Explain {
        /// The topic's id, title, alias or abbreviation (`3nf`), or the start of its id
        /// or of a word of it (`cap`, `gin`); `dbadvise topics` lists them.
        topic: String,
        /// Wrap to this many columns instead of the terminal's width.
        #[arg(long, value_name = "COLUMNS")]
        width: Option<usize>,
    },
    /// List the topics of the library, by area.
    Topics {
        /// Only the topics that mention every one of these words.
        #[arg(long, value_name = "WORDS")]
        search: Option<String>,
    },
    /// Check an existing schema (a schema-only dump, a directory of migrations read in
    /// name order, or a live database with --url) against the knowledge base's review rules.
    Review(ReviewArgs),
    /// Turn a domain model (YAML: entities, attributes, owners, references, many-to-many;
    /// or DBML) into tables for one engine, or into a Mermaid or DBML diagram.
    Schema(SchemaArgs),
    /// Print a completion script for SHELL (see "Install" in the README for where it goes).
    Completions {
        /// The shell the script is for.
        #[arg(value_enum)]
        shell: CompletionShell,
    },
    /// Print the manual page (roff), e.g. `dbadvise man > ~/.local/share/man/man1/dbadvise.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// A schema-only SQL file (pg_dump, mysqldump) or a directory of migration files.
    #[arg(value_name = "FILE_OR_DIR", required_unless_present = "url")]
    pub input: Option<PathBuf>,
    /// A live database to review instead, read-only, through its own client (psql,
    /// mariadb or mysql): postgres://…, postgresql://…, mysql://… or mariadb://…
    #[arg(long, value_name = "URL", conflicts_with_all = ["input", "dialect"])]
    pub url: Option<String>,
    /// The SQL dialect (default: detected from the files).
    #[arg(long, value_enum)]
    pub dialect: Option<ReviewDialect>,
    #[arg(long, value_enum, default_value_t = ReviewFormat::Text)]
    pub format: ReviewFormat,
    /// Exit with code 10 when a finding at this level or above exists (for CI).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<ReviewLevel>,
    /// The application's queries (a .sql file or a directory of them): review also finds
    /// substring searches without a trigram index and JSON filters without an index.
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub queries: Option<PathBuf>,
    /// Also write an answers file with what the schema answers (the engine, tenants,
    /// money, JSON, search, …) and the findings, for `dbadvise --resume FILE`.
    #[arg(long, value_name = "FILE")]
    pub answers_out: Option<PathBuf>,
    /// Replace the --answers-out file if it exists.
    #[arg(long, requires = "answers_out")]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["model", "archetype"])))]
pub struct SchemaArgs {
    /// The domain model: YAML, or DBML when FILE ends in `.dbml` (its tables, types,
    /// refs and indexes; `delete: cascade` makes the owner); the README's "Domains and
    /// your own model" describes both.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// A domain of the knowledge base instead of a file (invoicing, bookings, ledger,
    /// …): `--format yaml` prints its model to start your own from.
    #[arg(long, value_name = "ID")]
    pub archetype: Option<String>,
    /// The engine to write for (default: the primary store the --answers advise, else
    /// PostgreSQL).
    #[arg(long, value_enum)]
    pub engine: Option<ModelEngine>,
    /// An answers file: its advice gives the engine, how ids are exposed, whether
    /// tenants share the tables and whether the history tables are partitioned by time.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// How ids are seen (default: from --answers, else internal).
    #[arg(long, value_enum)]
    pub ids: Option<ModelIds>,
    #[arg(long, value_enum, default_value_t = ModelFormat::Sql)]
    pub format: ModelFormat,
    /// Write to PATH instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace PATH if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelEngine {
    Postgresql,
    Mysql,
    Sqlite,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelIds {
    /// Made by the database and never shown: compact integer keys.
    Internal,
    /// In URLs or APIs, or made outside the database: keys nobody can guess.
    Exposed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelFormat {
    Sql,
    Mermaid,
    Dbml,
    /// The model itself, as YAML to copy and change.
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewDialect {
    Postgresql,
    Mysql,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewLevel {
    Error,
    Warning,
    Note,
}

/// The shells `dbadvise completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Subcommand)]
pub enum AdrCommand {
    /// Write the next numbered record (NNNN-title.md) and its answers file into the
    /// record directory: --dir, else `.adr-dir`, doc/adr, docs/adr, docs/decisions.
    New(AdrNewArgs),
}

#[derive(Debug, Args)]
pub struct AdrNewArgs {
    /// The answers file (YAML) of the decision.
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// The record directory (default: found as adr-tools and MADR keep it).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Mark record N superseded by the new one, linking both ways.
    #[arg(long, value_name = "N")]
    pub supersedes: Option<u32>,
    /// Answer questions the file leaves open with their documented defaults.
    #[arg(long)]
    pub defaults: bool,
    /// Replace files that exist.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub record: RecordArgs,
}

/// How a decision record is written.
#[derive(Debug, Args, Clone)]
pub struct RecordArgs {
    /// The record's status.
    #[arg(long, default_value = "proposed", value_parser = ["proposed", "accepted", "rejected", "deprecated"])]
    pub status: String,
    /// A decision-maker to list (repeatable); default: the answers file's `deciders`.
    #[arg(long = "decider", value_name = "NAME")]
    pub deciders: Vec<String>,
    /// The record's date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The layout: MADR 4.0, or Michael Nygard's as adr-tools writes it.
    #[arg(long, value_enum, default_value_t = RecordStyle::Madr)]
    pub style: RecordStyle,
    /// A minijinja template of your own (the fields are those of assets/templates/madr.md).
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// One record per decision (primary store, CAP, normalisation, indexes, …), linked
    /// to each other, instead of one kickoff record.
    #[arg(long)]
    pub split: bool,
    /// Also write an appendix beside the record: every pattern that applies, and the
    /// worked snippets for the chosen engines.
    #[arg(long)]
    pub appendix: bool,
    /// Your own domain model (YAML, or DBML when it ends in `.dbml`, as `dbadvise schema
    /// --model` reads it): the record's
    /// starter schema is written from it, fitted to the answers, instead of the domain
    /// the answers pick.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordStyle {
    Madr,
    Nygard,
}

#[derive(Debug, Subcommand)]
pub enum AnswersCommand {
    /// Print an answers file with every question in it, commented, its options listed.
    Template,
    /// Rewrite an answers file of an earlier question set onto today's questions. The
    /// file is replaced (the original is kept as FILE.orig) unless -o names another one.
    Upgrade {
        /// The answers file to upgrade.
        file: PathBuf,
        /// Write the upgraded file to PATH instead of replacing FILE.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace PATH (or FILE.orig) if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The answers file (YAML): `project:` and `answers:` question id → option id(s).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    /// Write the report to PATH instead of standard output (a directory with --split).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace PATH if it exists.
    #[arg(long)]
    pub force: bool,
    /// Answer questions the file leaves open with their documented defaults.
    #[arg(long)]
    pub defaults: bool,
    /// Change an answer (QUESTION=OPTION, several choices QUESTION=OPT1,OPT2) and show
    /// what changes from the original advice. Repeatable.
    #[arg(long = "what-if", value_name = "QUESTION=OPTION")]
    pub what_if: Vec<String>,
    /// With --what-if: print the whole advice for the changed answers (the record, or
    /// the JSON's `advice`) as well as the difference.
    #[arg(long)]
    pub full: bool,
    #[command(flatten)]
    pub record: RecordArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The two answers files, before then after: `--answers A.yaml --answers B.yaml`.
    #[arg(long, value_name = "FILE", num_args = 1, required = true)]
    pub answers: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    /// Answer questions the files leave open with their documented defaults.
    #[arg(long)]
    pub defaults: bool,
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Check the knowledge base (the embedded one, extended by DIR if given).
    Check {
        /// A knowledge-base directory to check on top of the embedded one.
        dir: Option<PathBuf>,
    },
    /// Write the embedded knowledge base to DIR, as a starting point for `--kb DIR`.
    Export {
        dir: PathBuf,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Yaml,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}
