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
