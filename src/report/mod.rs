//! Rendering `Advice`. The report decides nothing: everything it prints is in the
//! advice or the knowledge base.

pub mod adr_dir;
pub mod appendix;
pub mod companions;
pub mod diff;
pub mod erd;
pub mod record;
pub mod render;
pub mod words;

pub use record::{Record, RecordMeta};
pub use render::TemplateError;

use crate::engine::Advice;

pub fn json(advice: &Advice) -> String {
    serde_json::to_string_pretty(advice).expect("advice is plain data") + "\n"
}

/// Text from users or the knowledge base, made safe to put inline in Markdown: no HTML,
/// no accidental emphasis, links or table breaks.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A fenced code block whose fence cannot be closed by the code inside it.
pub fn code_block(language: &str, code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{language}\n{}\n{fence}\n", code.trim_end())
}

/// The kickoff record in the built-in MADR layout: what the TUI previews and exports.
pub fn madr(
    kb: &crate::kb::KnowledgeBase,
    advice: &Advice,
    answers: &crate::engine::Answers,
    meta: &RecordMeta,
) -> String {
    let record = record::kickoff(kb, advice, answers, meta);
    render::render("madr.md", render::MADR, &record)
        .expect("the built-in template renders every record")
}
