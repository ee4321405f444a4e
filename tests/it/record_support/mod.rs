//! Support for `tests/record_lint.rs`: the starter schema as sqlparser reads it, and the
//! record's diagram as mermaid read it, checked against each other.

pub mod diagram;
pub mod schema;
