//! `dbadvise questions`: every question with its id, section, options and help.

use crate::cli::ListFormat;
use crate::error::Error;
use crate::exit::Exit;
use crate::kb::{KnowledgeBase, Question, QuestionKind};

pub fn render(kb: &KnowledgeBase, format: ListFormat) -> Result<String, Error> {
    let internal = |e: String| Error::new(Exit::Internal, e);
    match format {
        ListFormat::Json => serde_json::to_string_pretty(&kb.questions)
            .map(|s| s + "\n")
            .map_err(|e| internal(e.to_string())),
        ListFormat::Yaml => {
            serde_yaml::to_string(&kb.questions).map_err(|e| internal(e.to_string()))
        }
        ListFormat::Text => Ok(text(kb)),
    }
}

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

fn text(kb: &KnowledgeBase) -> String {
    let mut out = String::new();
    let mut section = "";
    for q in &kb.questions {
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
