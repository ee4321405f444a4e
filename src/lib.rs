//! dbadvise: an interactive terminal advisor for database design decisions.
//!
//! Data flows one way: the knowledge base (`kb`) and the user's answers go into the
//! pure `engine`, which produces `Advice`; `report` renders it; `cmd` wires commands.
//!
//! The interview has two front ends, the terminal's (`tui`) and line by line (`plain`).
//! Both drive one `session` (answer, back, change, resume, save, export; its effects
//! returned as data) and neither reaches into the other. `main` reads the environment
//! once into `settings::Settings` and hands it to the front end it starts.
//!
//! Every command returns one error type, `error::Error`: its kind (the `exit::Exit`
//! code), file, line and cause. The rooms' own errors reach it through `From`; `main`
//! alone turns it into text and an exit code.
//!
//! # The rooms
//!
//! | module | what it holds |
//! | --- | --- |
//! | `cli` | the command line, as clap definitions; `main.rs` dispatches on them |
//! | `cmd` | one module per command: arguments in, output or an `Error` out |
//! | `kb` | the knowledge base: its types, loading, `kb check`, the embedded base |
//! | `engine` | pure: answers in, the next question, progress and `Advice` out |
//! | `report` | the advice rendered: the record, its diagram, diffs; decides nothing |
//! | `session` | the interview both front ends drive, and saving and exporting it |
//! | `tui` | the terminal front end: the app's state and keys, the views, the loop |
//! | `plain` | the line-by-line front end, for pipes, CI and screen readers |
//! | `topics` | the topic library, pure: finding, searching and laying out a topic |
//! | `review` | an existing schema (files or a live database) against the review rules |
//! | `model` | a domain model (YAML or DBML) checked and written as tables or a diagram |
//! | `sql` | SQL read with sqlparser, for the record's diagram and the coherence rules |
//! | `error`, `exit` | the one error a command returns, and its exit code |
//! | `settings` | what the front ends take from the environment, read once by `main` |
//! | `limits`, `fsutil` | every input read within its limit; files written safely |
//! | `safe_text`, `suggest` | text made safe to print; "did you mean …?" for typed ids |
//!
//! # Which command lives where
//!
//! | `dbadvise …` | runs in |
//! | --- | --- |
//! | (none), `--resume FILE`, `--plain` | `tui::run`, or `plain` in a pipe; both on `session` |
//! | `questions` | `cmd::questions` |
//! | `answers template`, `answers upgrade` | `cmd::answers` |
//! | `recommend`, `diff` | `cmd::recommend` (`run`, `diff`) |
//! | `adr new` | `cmd::adr` |
//! | `kb check`, `kb export` | `cmd::kb` |
//! | `explain`, `topics` | `cmd::learn`, on `topics` |
//! | `learn` | `cmd::learn` finds the topic, `tui::learn` opens the library |
//! | `review` | `cmd::review`, on `review` |
//! | `schema` | `cmd::schema`, on `model` |
//! | `completions`, `man` | `cmd::completions`, `cmd::man` |

/// Writes a line to standard error and lets a closed stream go: a reader that went away
/// (`dbadvise … 2>&1 | head`) is no reason to panic, and the exit code still tells.
#[macro_export]
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod cli;
pub mod cmd;
pub mod engine;
pub mod error;
pub mod exit;
pub mod fsutil;
pub mod kb;
pub mod limits;
pub mod model;
pub mod plain;
pub mod report;
pub mod review;
pub mod safe_text;
pub mod session;
pub mod settings;
pub mod sql;
pub mod suggest;
pub mod topics;
pub mod tui;
