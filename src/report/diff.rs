//! A difference between two pieces of advice, as Markdown: one section per kind of
//! change, so a reader sees at a glance whether the stack moved or only an index.

use super::escape_inline;
use crate::engine::AdviceDiff;

/// The body of a what-if or `diff` report, its sections at heading `level` (2 for `##`).
pub fn markdown(d: &AdviceDiff, level: usize) -> String {
    if d.is_empty() {
        return "No difference: the same stack, decisions, indexes, patterns and checklist.\n"
            .into();
    }
    let mut out = String::new();
    let mut section = |title: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        out.push_str(&format!("{} {title}\n\n", "#".repeat(level)));
        for line in lines {
            out.push_str(&format!("- {}\n", escape_inline(&line)));
        }
        out.push('\n');
    };
    section("Stack", d.stack_lines());
    section("Decisions", d.decision_lines());
    for (title, list) in [
        ("Indexes", &d.indexes),
        ("Patterns", &d.patterns),
        ("Checklist", &d.checklist),
    ] {
        let mut lines: Vec<String> = list.added.iter().map(|t| format!("added: {t}")).collect();
        lines.extend(list.removed.iter().map(|t| format!("removed: {t}")));
        section(title, lines);
    }
    out
}
