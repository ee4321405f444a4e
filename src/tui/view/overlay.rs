//! What opens over the screens: the help, the file-name prompt, and the questions
//! before overwriting a file or quitting with unsaved answers.

use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

use super::{centered, wrap};
use crate::session::export::{self, Style};
use crate::session::WriteKind;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap;
use crate::tui::layout::FrameLayout;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, layout: &mut FrameLayout) {
    let Some(overlay) = &app.overlay else { return };
    match overlay {
        Overlay::Help { scroll } => help(frame, area, *scroll, theme, layout),
        Overlay::Learn(state) => super::library::draw(frame, area, app, state, theme, layout),
        Overlay::WhatIf(state) => super::whatif::draw(frame, area, app, state, theme, layout),
        Overlay::Prompt { kind, input, error } => {
            prompt(frame, area, app, *kind, input, error.as_deref(), theme)
        }
        Overlay::Overwrite { path, .. } => {
            let text = format!("{} exists. Replace it?", path.display());
            question(frame, area, app, "The file exists", &text, theme);
        }
        Overlay::QuitUnsaved => {
            let kept = match &app.session.config.autosave {
                Some(_) => format!(
                    "they stay in the autosave, {}",
                    app.session.config.autosave_shown
                ),
                None => "they are lost".to_string(),
            };
            let text = format!(
                "Save your answers before quitting? y saves them to a file; n quits ({kept}); Esc goes back. Ctrl-C again quits."
            );
            question(frame, area, app, "Unsaved answers", &text, theme);
        }
    }
}

/// A question before going on (replace a file, quit unsaved), with its keys below.
fn question(frame: &mut Frame, area: Rect, app: &App, title: &str, text: &str, theme: &Theme) {
    let width = area.width.min(70);
    let mut lines = wrap(text, width.saturating_sub(4), "", "", theme.title);
    lines.push(Line::default());
    lines.push(hints(app, theme));
    dialog(frame, area, title, width, lines, theme);
}

/// The file-name prompt of save and export; the export's also shows its layout, the
/// appendix choice and the files it writes beside the record.
fn prompt(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    kind: WriteKind,
    input: &str,
    error: Option<&str>,
    theme: &Theme,
) {
    let (title, what, label) = match kind {
        WriteKind::Save => (
            "Save the answers",
            "The answers as YAML: `dbadvise recommend --answers FILE` replays the same decision, and `dbadvise --resume FILE` goes on with it.",
            "File: ",
        ),
        WriteKind::Export => (
            "Export the decision record",
            "The record as Markdown, and beside it the files `dbadvise adr new` writes: the answers that replay it, the starter schema, and the appendix if you ask for it.",
            "File:      ",
        ),
    };
    let width = area.width.min(76);
    let inner_width = width.saturating_sub(4);
    let mut lines = wrap(what, inner_width, "", "", theme.dim);
    lines.push(Line::default());
    // A long name shows its end, where the cursor is.
    let room = (inner_width as usize).saturating_sub(label.len() + 1);
    let count = input.chars().count();
    let shown: String = match count > room {
        true => "…"
            .chars()
            .chain(input.chars().skip(count + 1 - room))
            .collect(),
        false => input.to_string(),
    };
    lines.push(Line::from(vec![
        Span::styled(label, theme.title),
        Span::raw(shown.clone()),
    ]));
    let field_row = lines.len() as u16 - 1;
    if kind == WriteKind::Export {
        lines.extend(export_choices(app, inner_width, theme));
    }
    if let Some(error) = error {
        lines.push(Line::default());
        lines.extend(wrap(error, inner_width, "", "", theme.bad));
    }
    lines.push(Line::default());
    lines.push(hints(app, theme));
    let inner = dialog(frame, area, title, width, lines, theme);
    let x = inner.x + (label.len() + shown.chars().count()) as u16;
    frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y + field_row));
}

/// The export's choices, each with the key that changes it, and the files it writes
/// beside the record.
fn export_choices(app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let choice = |on: bool, text: &str| {
        let mark = if on { "(•) " } else { "( ) " };
        Span::styled(
            format!("{mark}{text}  "),
            if on { theme.title } else { theme.dim },
        )
    };
    let style = app.results.export.style;
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Layout:    ", theme.title),
            choice(style == Style::Madr, Style::Madr.name()),
            choice(style == Style::Nygard, Style::Nygard.name()),
            Span::styled("Tab switches", theme.dim),
        ]),
        Line::from(vec![
            Span::styled("Appendix:  ", theme.title),
            Span::raw(if app.results.export.appendix {
                "[x] "
            } else {
                "[ ] "
            }),
            Span::styled("every pattern, with worked snippets   Ctrl-A", theme.dim),
        ]),
    ];
    // The names beside it are the record's with these ends, whatever file is typed.
    let beside = format!(
        "its name, ending {}",
        export::beside_suffixes(app.export_preview()).join(", ")
    );
    let mut rest = wrap(&beside, width.saturating_sub(11), "", "", theme.dim).into_iter();
    lines.push(Line::from(
        [Span::styled("Beside it: ", theme.title)]
            .into_iter()
            .chain(rest.next().map(|l| l.spans).unwrap_or_default())
            .collect::<Vec<_>>(),
    ));
    lines.extend(rest.map(|l| {
        let mut spans = vec![Span::raw("           ")];
        spans.extend(l.spans);
        Line::from(spans)
    }));
    lines
}

/// The key hints of the dialog, from the key table.
fn hints(app: &App, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for hint in keymap::footer(&app.contexts()) {
        spans.push(Span::styled(hint.keys, theme.key));
        spans.push(Span::styled(format!(" {}   ", hint.text), theme.dim));
    }
    Line::from(spans)
}

/// A bordered box in the middle of `area` with `lines`; returns its inner area.
fn dialog(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    width: u16,
    lines: Vec<Line<'static>>,
    theme: &Theme,
) -> Rect {
    let height = lines.len() as u16 + 2;
    let boxed = centered(area, width, height);
    frame.render_widget(Clear, boxed);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(boxed).inner(Margin::new(1, 0));
    frame.render_widget(block, boxed);
    frame.render_widget(Paragraph::new(lines), inner);
    inner
}

fn help(frame: &mut Frame, area: Rect, scroll: u16, theme: &Theme, layout: &mut FrameLayout) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (title, hints) in keymap::help() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(title, theme.accent)));
        for hint in hints {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", hint.keys), theme.key),
                Span::raw(hint.text),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "  The mouse wheel scrolls; a click picks an option, an answer or a tab.",
        theme.dim,
    )));
    let width = area.width.min(72);
    let height = (lines.len() as u16 + 2).min(area.height);
    let boxed = centered(area, width, height);
    frame.render_widget(Clear, boxed);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focus)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Span::styled(" Esc closes ", theme.dim));
    let inner = block.inner(boxed).inner(Margin::new(1, 0));
    frame.render_widget(block, boxed);
    let limit = (lines.len() as u16).saturating_sub(inner.height);
    layout.help_limit = limit;
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(limit), 0)), inner);
}
