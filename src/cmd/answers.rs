//! `dbadvise answers template`: an answers file with every question, for editors.

use crate::engine::answers::yaml_scalar;
use crate::kb::{KnowledgeBase, QuestionKind};

pub fn template(kb: &KnowledgeBase) -> String {
    let mut out = String::from(
        "# dbadvise answers file. Fill in the answers, then run:\n\
         #   dbadvise recommend --answers <this file>\n\
         # A question the decision path does not need may stay commented out; one it\n\
         # needs and you leave open is named by `recommend` (or defaulted with --defaults).\n\
         project: My project\n\
         # deciders: [Ada Lovelace, Grace Hopper]\n\
         answers:\n",
    );
    let mut section = "";
    for q in &kb.questions {
        if q.section != section {
            section = &q.section;
            out.push_str(&format!("\n  # ── {section} ──\n"));
        }
        out.push_str(&format!("\n  # {}\n", q.prompt.trim()));
        for line in textwrap::wrap(q.help.trim(), 84) {
            out.push_str(&format!("  #   {line}\n"));
        }
        let kind = match q.kind {
            QuestionKind::One => "one of",
            QuestionKind::Many => "a list of any of",
            QuestionKind::Text => "free text",
        };
        out.push_str(&format!("  # Answer with {kind}:\n"));
        for o in &q.options {
            out.push_str(&format!("  #   {:<22} {}\n", o.id, o.label));
        }
        let value = match (&q.default, q.kind) {
            (Some(d), QuestionKind::Many) => {
                let items: Vec<String> = d.values().iter().map(|v| yaml_scalar(v)).collect();
                format!("[{}]", items.join(", "))
            }
            (Some(d), _) => yaml_scalar(&d.values().join(" ")),
            (None, QuestionKind::Many) => "[]".into(),
            (None, QuestionKind::Text) => "\"\"".into(),
            (None, QuestionKind::One) => q
                .options
                .first()
                .map(|o| o.id.to_string())
                .unwrap_or_default(),
        };
        out.push_str(&format!("  {}: {value}\n", q.id));
    }
    out
}
