//! A difference between two pieces of advice, in words: as Markdown, one section per kind
//! of change, so a reader sees at a glance whether the stack moved or only an index; the
//! `--what-if` report, which names the changed answers before the difference; and the
//! lines and headlines the TUI and the record show for an answer the advice hangs on.
//! The engine returns the differences as data (`AdviceDiff`, `Sensitivity`); they are
//! worded here only.

use serde::Serialize;

use super::escape_inline;
use crate::engine::{walk::because, AdviceDiff, Answers, Because, Sensitivity};
use crate::kb::{KnowledgeBase, Text};

/// "primary: PostgreSQL → MongoDB", one per role that changed.
pub fn stack_lines(d: &AdviceDiff) -> Vec<String> {
    let side = |s: &Option<Text>| s.clone().unwrap_or_else(|| "(none)".into());
    d.stack
        .iter()
        .map(|c| format!("{}: {} → {}", c.role, side(&c.before), side(&c.after)))
        .collect()
}

/// A line per decision that moved (per outcome for a tree that reaches several), then
/// the primary store's CAP class when it changed.
pub fn decision_lines(d: &AdviceDiff) -> Vec<String> {
    let mut out = Vec::new();
    for d in &d.decisions {
        match (d.before.as_slice(), d.after.as_slice()) {
            ([before], [after]) => out.push(format!("{}: {before} → {after}", d.tree_title)),
            (removed, added) => {
                out.extend(added.iter().map(|o| format!("{}: + {o}", d.tree_title)));
                out.extend(removed.iter().map(|o| format!("{}: − {o}", d.tree_title)));
            }
        }
    }
    if let Some((before, after)) = &d.cap {
        out.push(format!(
            "CAP class of the primary store: {before} → {after}"
        ));
    }
    out
}

/// What an alternative answer changes that matters most, in a few words ("primary
/// PostgreSQL → MongoDB"): the stack and the CAP class when they move, else the
/// decisions.
pub fn headline(s: &Sensitivity) -> String {
    // A primary that goes to none is not a stack without one: every engine fails some
    // answer, and then the CAP class of none says nothing more.
    let no_primary = |role: &Text, after: &Option<Text>| role == "primary" && after.is_none();
    let gone = s.diff.stack.iter().any(|c| no_primary(&c.role, &c.after));
    let mut out: Vec<String> = s
        .diff
        .stack
        .iter()
        .map(|c| {
            let before = c.before.as_deref().unwrap_or("none");
            let after = match &c.after {
                None if c.role == "primary" => "no engine meets every answer",
                after => after.as_deref().unwrap_or("none"),
            };
            format!("{} {before} → {after}", c.role)
        })
        .collect();
    if let Some((before, after)) = s.diff.cap.as_ref().filter(|_| !gone) {
        out.push(format!("CAP class {before} → {after}"));
    }
    if out.is_empty() {
        out = [stack_lines(&s.diff), decision_lines(&s.diff)].concat();
    }
    out.join("; ")
}

/// The alternative answer and what it changes: “Documents”: primary PostgreSQL → MongoDB.
pub fn alternative(s: &Sensitivity) -> String {
    format!("{}: {}", s.change, headline(s))
}

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
    section("Stack", stack_lines(d));
    section("Decisions", decision_lines(d));
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

/// One answer a `--what-if` changes: the JSON's `what_if` entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// The answer in the file (or its default, with `--defaults`): option ids, several
    /// joined by `, `; `None` when the file leaves the question off its path.
    pub from: Option<String>,
    pub from_label: Option<String>,
    /// The answer it is changed to, and its label(s).
    pub to: String,
    pub to_label: String,
    /// Whether the changed answers' path asks the question; an answer off the path
    /// changes nothing.
    pub asked: bool,
}

/// The changes from `before` to `after` for `questions` (each once, in the order given);
/// `path` is the changed answers' path, as their advice lists it.
pub fn changes(
    kb: &KnowledgeBase,
    before: &Answers,
    after: &Answers,
    path: &[Because],
    questions: &[String],
) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for qid in questions {
        if out.iter().any(|c| &c.question == qid) {
            continue;
        }
        let Some(to) = after.get(qid).map(|v| because(kb, qid, v)) else {
            continue;
        };
        let from = before.get(qid).map(|v| because(kb, qid, v));
        out.push(Change {
            question: qid.clone(),
            prompt: kb
                .question(qid)
                .map_or_else(|| qid.clone(), |q| q.prompt.trim().to_string()),
            from: from.as_ref().map(|b| b.answer.to_string()),
            from_label: from.map(|b| b.label.to_string()),
            to: to.answer.to_string(),
            to_label: to.label.to_string(),
            asked: path.iter().any(|b| b.question == qid.as_str()),
        });
    }
    out
}

/// Text in a code span that no backtick inside it can close.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    format!(
        "{fence}{pad}{}{pad}{fence}",
        text.replace(['\n', '\r'], " ")
    )
}

/// An answer in words: its label(s), or "none ticked" for a several-choice answer
/// that ticks none.
fn words<'a>(label: &'a str, ids: &str) -> &'a str {
    if ids.is_empty() {
        "none ticked"
    } else {
        label
    }
}

/// An answer in words with its option ids.
fn answer_cell(label: &str, ids: &str) -> String {
    match ids {
        "" => words(label, ids).into(),
        _ => format!("{} {}", escape_inline(label), code(ids)),
    }
}

/// The changed answers as a table, then the questions the change put on the path that
/// `--defaults` answered, then the difference, its sections at heading `level`.
pub fn what_if_body(
    kb: &KnowledgeBase,
    changes: &[Change],
    assumed: &[Because],
    d: &AdviceDiff,
    level: usize,
) -> String {
    let mut out = String::from("| question | answered | what if |\n| --- | --- | --- |\n");
    for c in changes {
        let from = match (&c.from, &c.from_label) {
            (Some(id), Some(label)) => answer_cell(label, id),
            _ => "not answered".into(),
        };
        let unused = if c.asked {
            ""
        } else {
            " (not on the path of these answers: it changes nothing)"
        };
        out.push_str(&format!(
            "| {} {} | {from} | {}{unused} |\n",
            escape_inline(&c.prompt),
            code(&c.question),
            answer_cell(&c.to_label, &c.to)
        ));
    }
    out.push('\n');
    if !assumed.is_empty() {
        out.push_str(
            "The change puts these questions on the path; their defaults are assumed:\n\n",
        );
        for b in assumed {
            let prompt = kb.question(&b.question).map_or("", |q| q.prompt.trim());
            out.push_str(&format!(
                "- {} → {} {}\n",
                escape_inline(prompt),
                escape_inline(&b.label),
                code(&format!("{}: {}", b.question, b.answer))
            ));
        }
        out.push('\n');
    }
    out.push_str(&markdown(d, level));
    out
}

/// The short `--what-if` report: a heading naming each change in words (the question,
/// then the option's label), the table of changes, and the difference.
pub fn what_if_markdown(
    kb: &KnowledgeBase,
    source: &str,
    changes: &[Change],
    assumed: &[Because],
    d: &AdviceDiff,
) -> String {
    let named: Vec<String> = changes
        .iter()
        .map(|c| format!("{} → {}", c.prompt, words(&c.to_label, &c.to)))
        .collect();
    let these = if changes.len() == 1 {
        "this answer"
    } else {
        "these answers"
    };
    format!(
        "# What if: {}\n\nThe advice for {} with {these} changed:\n\n{}",
        escape_inline(&named.join(" · ")),
        escape_inline(source),
        what_if_body(kb, changes, assumed, d, 2)
    )
}
