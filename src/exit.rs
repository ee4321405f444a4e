//! Exit codes. Each kind of failure has its own, so scripts can tell them apart; the
//! README lists them. A `crate::error::Error` carries one as its kind; `main` exits with it.

use std::process::ExitCode;

/// Every way dbadvise can end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done.
    Ok = 0,
    /// A bug: an unexpected internal error.
    Internal = 1,
    /// The command line is wrong (clap's own code).
    Usage = 2,
    /// The knowledge base (embedded plus `--kb`) has problems.
    KnowledgeBase = 3,
    /// The answers file cannot be read, is not YAML, or names unknown questions/options.
    Answers = 4,
    /// The answers leave questions on the decision path unanswered (see `--defaults`).
    Incomplete = 5,
    /// The output could not be written (exists without `--force`, unwritable, disk full).
    Output = 6,
    /// The record template is missing or broken.
    Template = 7,
    /// The record directory is unusable: the record to supersede is missing or already
    /// superseded.
    Records = 8,
    /// The interview found no terminal and no input to read (use `recommend --answers`).
    NoInput = 9,
    /// `review --fail-on LEVEL` found something at LEVEL or above.
    Findings = 10,
    /// `review` cannot read its input: missing, unreadable, not UTF-8, too large, or a
    /// directory without `.sql` files.
    ReviewInput = 11,
    /// `review --url` cannot read the database: the URL is unusable, the client program
    /// (psql, mariadb or mysql) is missing, the server cannot be reached, or it refuses
    /// the login.
    ReviewDatabase = 12,
    /// `schema --model` cannot read the model, or the model names an unknown entity or
    /// type, owns itself through a cycle, or uses a word or type the engine lacks.
    Model = 13,
    /// The interview was stopped by a signal (SIGTERM, SIGHUP, SIGINT); the answers are
    /// in the autosave.
    Interrupted = 130,
}

impl Exit {
    /// Every code, in order, with what it means in a line: the man page's EXIT STATUS
    /// (the README's table says each at length).
    pub const ALL: [(Exit, &'static str); 15] = [
        (Exit::Ok, "done"),
        (
            Exit::Internal,
            "an internal error (a bug: please report it)",
        ),
        (Exit::Usage, "the command line is wrong"),
        (
            Exit::KnowledgeBase,
            "the knowledge base (embedded plus --kb) has problems",
        ),
        (
            Exit::Answers,
            "the answers file cannot be read or names an unknown question or option",
        ),
        (
            Exit::Incomplete,
            "the answers leave questions on the decision path unanswered (see --defaults)",
        ),
        (
            Exit::Output,
            "the output could not be written (it exists without --force, or cannot be written)",
        ),
        (Exit::Template, "the record template is missing or broken"),
        (Exit::Records, "the record directory is unusable"),
        (
            Exit::NoInput,
            "the interview had no terminal and no input to read",
        ),
        (
            Exit::Findings,
            "review --fail-on LEVEL found something at LEVEL or above",
        ),
        (Exit::ReviewInput, "review cannot read its input"),
        (
            Exit::ReviewDatabase,
            "review --url cannot read the database",
        ),
        (
            Exit::Model,
            "schema --model cannot read the model, or the model does not hold",
        ),
        (
            Exit::Interrupted,
            "the interview was stopped by a signal; the answers are in the autosave",
        ),
    ];
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}
