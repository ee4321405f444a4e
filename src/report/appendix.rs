//! The appendix a record can have beside it (`--appendix`): every pattern that applies,
//! with why, and the worked snippets for the chosen engines. The record itself names
//! only the patterns that matter most.

use serde::Serialize;

use super::record::{snippets, Item, Snippet};
use super::words::because_text;
use crate::engine::Advice;
use crate::kb::KnowledgeBase;

#[derive(Debug, Clone, Serialize)]
pub struct Appendix {
    /// The record's title.
    pub title: String,
    /// The record's file name, to link back to.
    pub record_file: String,
    pub patterns: Vec<Item>,
    pub snippets: Vec<Snippet>,
}

pub const TEMPLATE: &str = include_str!("../../assets/templates/appendix.md");

pub fn appendix(kb: &KnowledgeBase, advice: &Advice, title: &str, record_file: &str) -> Appendix {
    Appendix {
        title: title.to_string(),
        record_file: record_file.to_string(),
        patterns: advice
            .patterns
            .iter()
            .map(|p| Item {
                title: p.title.to_string(),
                text: p.summary.trim().to_string(),
                because: because_text(kb, &p.because),
            })
            .collect(),
        snippets: snippets(advice),
    }
}

/// The appendix in Markdown, by the built-in template.
pub fn markdown(appendix: &Appendix) -> String {
    super::render::render_value("appendix.md", TEMPLATE, appendix)
        .expect("the built-in appendix template renders every appendix")
}
