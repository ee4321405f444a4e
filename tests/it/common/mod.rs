//! Helpers shared by the integration tests' modules; each uses only part of them.
#![allow(dead_code)]

pub mod advice;
pub mod engines;
pub mod run;
pub mod tmux;
