//! What the integration tests' modules share, each using only part of it: running the
//! binary (`run`), answers and their values (`answers`), the throwaway engine servers
//! (`engines`), checks of one advice (`advice`), the npm tools and what they read
//! (`tools`, `diagram`, `sql_schema`), tmux (`tmux`) and the TUI's test knowledge base
//! and keys (`tui`).
#![allow(dead_code)]

pub mod advice;
pub mod answers;
pub mod diagram;
pub mod engines;
pub mod run;
pub mod sql_schema;
pub mod tmux;
pub mod tools;
pub mod tui;
