//! The what-if: the answers to pick from (those the advice hangs on marked), the other
//! values of one (each with what it would change), and the advice now beside the advice
//! with the other value.

use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

use super::{highlighted, pad, wrap, Scrolled};
use crate::engine::{walk::because, Sensitivity};
use crate::kb::{AnswerValue, QuestionKind};
use crate::report;
use crate::tui::app::App;
use crate::tui::layout::FrameLayout;
use crate::tui::theme::Theme;
use crate::tui::whatif::{Stage, WhatIf};

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    state: &WhatIf,
    theme: &Theme,
    layout: &mut FrameLayout,
) {
    frame.render_widget(Clear, area);
    let title = match &state.stage {
        Stage::Question => "What if · pick the answer to change".to_string(),
        Stage::Answer { question, .. } | Stage::Compare { question, .. } => {
            let prompt = app
                .kb
                .question(question)
                .map(|q| q.prompt.trim().to_string())
                .unwrap_or_default();
            format!("What if · {prompt}")
        }
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(1);
    layout.page_height = inner.height.saturating_sub(1).max(1);
    let (lines, focus_row, scroll) = match &state.stage {
        Stage::Question => {
            let (lines, row) = question_lines(app, state.question_cursor, width, theme);
            (lines, Some(row), 0)
        }
        Stage::Answer { question, ticked } => {
            let (mut lines, row) =
                answer_lines(app, question, ticked, state.option_cursor, width, theme);
            if let Some(note) = &state.note {
                // Under the intro, where the eye is.
                let at = lines.iter().position(|l| l.width() == 0).unwrap_or(0);
                lines.splice(at..at, wrap(note, width, "", "", theme.bad));
            }
            (lines, Some(row), 0)
        }
        Stage::Compare { question, value } => (
            compare_lines(app, question, value, width, theme),
            None,
            state.scroll,
        ),
    };
    let height = inner.height as usize;
    let limit = lines.len().saturating_sub(height);
    // Lists keep their highlight in view; the comparison scrolls.
    let offset = match focus_row {
        Some(row) => (row + 4).saturating_sub(height).min(limit),
        None => (scroll as usize).min(limit),
    };
    let shown: Vec<Line> = lines.iter().skip(offset).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(shown), inner);
    Scrolled {
        above: offset as u16,
        total: lines.len() as u16,
        visible: inner.height,
    }
    .draw(frame, area.inner(Margin::new(0, 1)), theme);
}

/// The label of an answer, as the interview shows it.
fn label(app: &App, question: &str, value: &AnswerValue) -> String {
    because(app.kb, question, value).label.to_string()
}

fn question_lines(
    app: &App,
    cursor: usize,
    width: u16,
    theme: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let sensitivity = app.session.sensitivity();
    let mut lines = wrap(
        "Change one answer and compare the advice side by side. ◆ marks the answers the \
         advice hangs on: answered differently, they change the stack or a decision.",
        width,
        "",
        "",
        theme.dim,
    );
    lines.push(Line::default());
    let mut focus_row = 0;
    let questions = app.session.what_if_questions();
    for (i, q) in questions.iter().enumerate() {
        let current = app
            .session
            .answers()
            .get(&q.id)
            .map(|v| label(app, &q.id, v))
            .unwrap_or_default();
        let hangs: Vec<&Sensitivity> = sensitivity.iter().filter(|s| s.question == q.id).collect();
        let mark = if hangs.is_empty() { "  " } else { "◆ " };
        let first = format!("{}{mark}", if i == cursor { "▸ " } else { "  " });
        let prompt = wrap(q.prompt.trim(), width, &first, "    ", theme.title);
        if i == cursor {
            focus_row = lines.len();
            let style = theme.focus;
            lines.extend(
                prompt
                    .into_iter()
                    .map(|l| highlighted(pad(l, width), style)),
            );
        } else {
            lines.extend(prompt);
        }
        lines.extend(wrap(
            &format!("now: {current}"),
            width,
            "    ",
            "    ",
            Style::new(),
        ));
        for s in hangs {
            lines.extend(wrap(
                &report::diff::alternative(s),
                width,
                "    ◆ if ",
                "         ",
                theme.accent,
            ));
        }
    }
    if questions.is_empty() {
        lines.push(Line::from(Span::styled(
            "No answer to change: every answer so far is free text.",
            theme.dim,
        )));
    }
    (lines, focus_row)
}

fn answer_lines(
    app: &App,
    question: &str,
    ticked: &[String],
    cursor: usize,
    width: u16,
    theme: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let Some(q) = app.kb.question(question) else {
        return (vec![], 0);
    };
    let current = app.session.answers().get(question);
    let sensitivity = app.session.sensitivity();
    let many = q.kind == QuestionKind::Many;
    let intro = if many {
        "Tick the options of the what-if (Space), then Enter to compare."
    } else {
        "Pick the other answer, then Enter to compare. Below each: what it changes."
    };
    let mut lines = wrap(intro, width, "", "", theme.dim);
    lines.push(Line::default());
    let mut focus_row = 0;
    for (i, option) in q.options.iter().enumerate() {
        let now = current.is_some_and(|v| v.has(&option.id));
        let mark = match (many, ticked.iter().any(|v| option.id == *v)) {
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
            (false, _) => "",
        };
        let text = format!(
            "{mark}{}{}",
            option.label.trim(),
            if now { "  (now)" } else { "" }
        );
        let first = if i == cursor { "▸ " } else { "  " };
        let row = wrap(&text, width, first, "    ", Style::new());
        if i == cursor {
            focus_row = lines.len();
            let style = theme.focus;
            lines.extend(row.into_iter().map(|l| highlighted(pad(l, width), style)));
        } else {
            lines.extend(row);
        }
        // One choice: what picking it would change (several: the combination decides).
        if !many && !now {
            let hit = sensitivity
                .iter()
                .find(|s| s.question == question && s.answer == option.id);
            let (text, style) = match hit {
                Some(s) => (
                    format!("changes: {}", report::diff::headline(s)),
                    theme.accent,
                ),
                None => ("same stack and decisions".to_string(), theme.dim),
            };
            lines.extend(wrap(&text, width, "    ", "    ", style));
        }
    }
    (lines, focus_row)
}

fn compare_lines(
    app: &App,
    question: &str,
    value: &AnswerValue,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let now_advice = app.session.advice();
    // Worked out by `update` as the comparison opened.
    let Some(what_if) = app.what_if_advice() else {
        return vec![];
    };
    let now_label = app
        .session
        .answers()
        .get(question)
        .map(|v| label(app, question, v))
        .unwrap_or_default();
    let mut lines = wrap(
        &format!(
            "Answered \"{}\" instead of \"{now_label}\".",
            label(app, question, value)
        ),
        width,
        "",
        "",
        theme.title,
    );
    if !what_if.advice.defaulted.is_empty() {
        let prompts: Vec<String> = what_if
            .advice
            .defaulted
            .iter()
            .filter_map(|id| app.kb.question(id))
            .map(|q| q.prompt.trim().to_string())
            .collect();
        lines.extend(wrap(
            &match prompts.as_slice() {
                [one] => format!("It opens a new question, assumed at its default here: {one}"),
                many => format!(
                    "It opens {} new questions, assumed at their defaults here: {}",
                    many.len(),
                    many.join("; ")
                ),
            },
            width,
            "",
            "",
            theme.dim,
        ));
    }
    lines.push(Line::default());
    if what_if.diff.is_empty() {
        lines.extend(wrap(
            "The advice does not change: same stack, decisions, indexes, patterns and \
             checklist.",
            width,
            "",
            "",
            theme.good,
        ));
        return lines;
    }
    let side = SideBySide::new(width);
    lines.push(side.row(
        vec![Line::from(Span::styled("Now", theme.accent))],
        vec![Line::from(Span::styled("What if", theme.accent))],
    ));
    // The stack role by role.
    let stack = rows(
        &now_advice.stack,
        &what_if.advice.stack,
        |c| (&c.role, &c.role, &c.name),
        ", ",
        "none",
    );
    for row in stack {
        lines.extend(side.rows(&row, theme));
    }
    lines.push(Line::default());
    // Decisions that moved, side by side; the others named once.
    let decisions = rows(
        &now_advice.decisions,
        &what_if.advice.decisions,
        |d| (&d.tree, &d.tree_title, &d.title),
        "; ",
        "—",
    );
    let (moved, kept): (Vec<_>, Vec<_>) = decisions.into_iter().partition(Row::changed);
    for row in &moved {
        lines.extend(side.rows(row, theme));
    }
    if !kept.is_empty() {
        let names: Vec<&str> = kept.iter().map(|row| row.label.as_str()).collect();
        lines.extend(wrap(
            &format!("Unchanged: {}.", names.join(", ")),
            width,
            "  ",
            "  ",
            theme.dim,
        ));
    }
    let diff = &what_if.diff;
    if let Some((before, after)) = &diff.cap {
        lines.push(Line::default());
        lines.extend(wrap(
            &format!("CAP class of the primary store: {before} → {after}"),
            width,
            "",
            "",
            theme.accent,
        ));
    }
    for (title, added) in [
        ("Indexes", &diff.indexes),
        ("Patterns", &diff.patterns),
        ("Checklist", &diff.checklist),
    ] {
        if added.is_empty() {
            continue;
        }
        lines.push(Line::default());
        lines.extend(wrap(title, width, "", "", theme.accent));
        for a in &added.added {
            lines.extend(wrap(a, width, "  + ", "    ", theme.good));
        }
        for r in &added.removed {
            lines.extend(wrap(r, width, "  − ", "    ", theme.bad));
        }
    }
    lines
}

/// A line of the comparison: a stack role or a decision, as it is and as it would be.
struct Row {
    label: String,
    now: String,
    then: String,
}

impl Row {
    fn changed(&self) -> bool {
        self.now != self.then
    }
}

/// One row per key of either side, in the order keys first appear; each side's values
/// for a key are joined with `sep`, or `missing` when it has none. `item` gives an
/// item's (key, label, value).
fn rows<'a, T>(
    now: &'a [T],
    then: &'a [T],
    item: impl Fn(&'a T) -> (&'a str, &'a str, &'a str),
    sep: &str,
    missing: &str,
) -> Vec<Row> {
    let (now, then): (Vec<_>, Vec<_>) = (
        now.iter().map(&item).collect(),
        then.iter().map(&item).collect(),
    );
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for (key, label, _) in now.iter().chain(&then) {
        if !keys.iter().any(|(k, _)| k == key) {
            keys.push((key, label));
        }
    }
    let side = |items: &[(&str, &str, &str)], key: &str| {
        let values: Vec<&str> = items.iter().filter(|i| i.0 == key).map(|i| i.2).collect();
        if values.is_empty() {
            missing.to_string()
        } else {
            values.join(sep)
        }
    };
    keys.into_iter()
        .map(|(key, label)| Row {
            label: label.to_string(),
            now: side(&now, key),
            then: side(&then, key),
        })
        .collect()
}

/// Two columns with a gap: each cell wrapped to its column, rows padded to line up.
struct SideBySide {
    column: u16,
}

impl SideBySide {
    fn new(width: u16) -> SideBySide {
        SideBySide {
            column: width.saturating_sub(3) / 2,
        }
    }

    fn row(&self, left: Vec<Line<'static>>, right: Vec<Line<'static>>) -> Line<'static> {
        self.join(left, right)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// A pair of cells; a changed pair is drawn in the accent styles so it stands out.
    fn rows(&self, row: &Row, theme: &Theme) -> Vec<Line<'static>> {
        let changed = row.changed();
        let left = format!("{}: {}", row.label, row.now);
        let right = format!("{}: {}", row.label, row.then);
        let (l, r) = if changed {
            (theme.bad, theme.good)
        } else {
            (Style::new(), Style::new())
        };
        let mark = if changed { "≠ " } else { "  " };
        self.join(
            wrap(&left, self.column, mark, "  ", l),
            wrap(&right, self.column, "  ", "  ", r),
        )
    }

    fn join(&self, left: Vec<Line<'static>>, right: Vec<Line<'static>>) -> Vec<Line<'static>> {
        let rows = left.len().max(right.len());
        let mut left = left.into_iter();
        let mut right = right.into_iter();
        (0..rows)
            .map(|_| {
                let mut line = pad(left.next().unwrap_or_default(), self.column);
                line.spans.push(Span::raw(" │ "));
                line.spans.extend(right.next().unwrap_or_default().spans);
                line
            })
            .collect()
    }
}
