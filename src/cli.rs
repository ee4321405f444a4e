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
    /// Check or export the knowledge base.
    #[command(subcommand)]
    Kb(KbCommand),
}

#[derive(Debug, Subcommand)]
pub enum AnswersCommand {
    /// Print an answers file with every question in it, commented, its options listed.
    Template,
}

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The answers file (YAML): `project:` and `answers:` question id → option id(s).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    /// Write the report to PATH instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace PATH if it exists.
    #[arg(long)]
    pub force: bool,
    /// Answer questions the file leaves open with their documented defaults.
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
