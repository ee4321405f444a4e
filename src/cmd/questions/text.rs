//! `dbadvise questions` as text. Needs nothing but the knowledge base's types, so that
//! build.rs renders it too: for the embedded base, the binary prints what the build
//! wrote (`super::prebuilt`) and loads nothing.

use crate::kb::{Question, QuestionKind};

fn kind_text(q: &Question) -> &'static str {
    match q.kind {
        QuestionKind::One => "one choice",
        QuestionKind::Many => "several choices",
        QuestionKind::Text => "free text",
    }
}

fn wrap(text: &str, indent: &str) -> String {
    let options = textwrap::Options::new(80)
        .initial_indent(indent)
        .subsequent_indent(indent);
    textwrap::fill(text.trim(), options)
}

/// Every question with its id, section, kind, help and options, in the base's order.
pub fn text(questions: &[Question]) -> String {
    let mut out = String::new();
    let mut section = "";
    for q in questions {
        if q.section != section {
            section = &q.section;
            out.push_str(&format!("== {section} ==\n\n"));
        }
        out.push_str(&format!("{}  ({})\n", q.id, kind_text(q)));
        out.push_str(&wrap(&q.prompt, "  "));
        out.push('\n');
        out.push_str(&wrap(&q.help, "  | "));
        out.push('\n');
        let default: Vec<&str> = q.default.as_ref().map(|d| d.values()).unwrap_or_default();
        for o in &q.options {
            let mark = if default.contains(&o.id.as_str()) {
                " (default)"
            } else {
                ""
            };
            out.push_str(&format!("  - {}: {}{mark}\n", o.id, o.label));
            if !o.help.is_empty() {
                out.push_str(&wrap(&o.help, "      "));
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}
