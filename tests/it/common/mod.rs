//! Helpers shared by the integration tests. Each test binary that says `mod common;`
//! compiles its own copy and uses only part of it.
#![allow(dead_code)]

pub mod advice;
pub mod engines;
pub mod run;
pub mod tmux;
