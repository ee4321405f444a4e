//! What opens over the screens: the help, the file-name prompt, and the questions
//! before overwriting a file or quitting with unsaved answers.

use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

use super::{centered, wrap};
use crate::tui::app::{App, Overlay, WriteKind};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(overlay) = &app.overlay else { return };
    match overlay {
        Overlay::Help { scroll } => help(frame, area, app, *scroll, theme),
        Overlay::Learn(state) => super::learn::draw(frame, area, app, state, theme),
        Overlay::WhatIf(state) => super::whatif::draw(frame, area, app, state, theme),
        Overlay::Prompt { kind, input, error } => {
            let title = match kind {
                WriteKind::Save => "Save the answers",
                WriteKind::Export => "Export the decision record",
            };
            let what = match kind {
                WriteKind::Save => {
                    "The answers as YAML: `dbadvise recommend --answers FILE` replays the same decision, and `dbadvise --resume FILE` goes on with it."
                }
                WriteKind::Export => {
                    "The decision record as Markdown (MADR), with its answers file beside it (.answers.yaml)."
                }
            };
            let width = area.width.min(76);
            let inner_width = width.saturating_sub(4);
            let mut lines = wrap(what, inner_width, "", "", theme.dim);
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("File: ", theme.title),
                Span::raw(input.clone()),
            ]));
            let field_row = lines.len() as u16 - 1;
            if let Some(error) = error {
                lines.push(Line::default());
                lines.extend(wrap(error, inner_width, "", "", theme.bad));
            }
            lines.push(Line::default());
            lines.push(hints(app, theme));
            let inner = dialog(frame, area, title, width, lines, theme);
            let x = inner.x + 6 + input.chars().count() as u16;
            frame
                .set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y + field_row));
        }
        Overlay::Overwrite { path, .. } => {
            let width = area.width.min(70);
            let mut lines = wrap(
                &format!("{} exists. Replace it?", path.display()),
                width.saturating_sub(4),
                "",
                "",
                theme.title,
            );
            lines.push(Line::default());
            lines.push(hints(app, theme));
            dialog(frame, area, "The file exists", width, lines, theme);
        }
        Overlay::QuitUnsaved => {
            let width = area.width.min(70);
            let kept = match &app.config.autosave {
                Some(_) => format!("they stay in the autosave, {}", app.config.autosave_shown),
                None => "they are lost".to_string(),
            };
            let mut lines = wrap(
                &format!(
                    "Save your answers before quitting? y saves them to a file; n quits ({kept}); Esc goes back. Ctrl-C again quits."
                ),
                width.saturating_sub(4),
                "",
                "",
                theme.title,
            );
            lines.push(Line::default());
            lines.push(hints(app, theme));
            dialog(frame, area, "Unsaved answers", width, lines, theme);
        }
    }
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

fn help(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
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
    app.help_limit.set(limit);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(limit), 0)), inner);
}
