//! Drawing. Views read the app — its state, and what `update` worked out for it (the
//! advice, the record previewed, a what-if compared) — and draw; they change nothing,
//! and run neither the engine nor the report. What they laid out (where clicks land,
//! how far lists scroll) they return as a `FrameLayout`, which the event loop hands to
//! `App::update`.

mod interview;
pub mod library;
pub mod markdown;
mod overlay;
mod results;
mod start;
mod whatif;

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};
use ratatui::Frame;

use super::app::{App, Overlay, Screen};
use super::keymap;
use super::layout::{ClickTarget, FrameLayout};
use super::theme::Theme;

/// Below this the screen says so instead of drawing a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Draws the app and returns what the frame laid out.
pub fn draw(frame: &mut Frame, app: &App) -> FrameLayout {
    let mut layout = FrameLayout::default();
    draw_app(frame, app, &mut layout);
    scrub(frame.buffer_mut());
    layout
}

/// Drops the control characters left in the frame's cells, so that none reaches the
/// terminal. ratatui drops C0 and C1 controls, and today (0.30) the bidirectional
/// overrides too, as zero-width text; but that is not a promise, and a widget may set a
/// cell directly. The one place every text drawn passes, whatever its source: answers,
/// the knowledge base, typed text, file names.
pub fn scrub(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        let symbol = cell.symbol();
        // Nearly every cell is one printable ASCII character.
        if symbol.len() == 1 && !symbol.as_bytes()[0].is_ascii_control() {
            continue;
        }
        if let Cow::Owned(clean) = crate::safe_text::strip(symbol) {
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn draw_app(frame: &mut Frame, app: &App, layout: &mut FrameLayout) {
    let theme = Theme::new(app.session.config.mono);
    let area = frame.area();
    layout.too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    if layout.too_small {
        let note = match (&app.overlay, &app.session.config.autosave) {
            (Some(Overlay::QuitUnsaved), Some(_)) => {
                "unsaved answers: q again quits (they stay in the autosave)"
            }
            (Some(Overlay::QuitUnsaved), None) => "unsaved answers: q again quits without them",
            _ => "enlarge the window, or press q to quit",
        };
        return too_small(frame, area, &theme, note);
    }
    let status_height = u16::from(app.status.is_some());
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, header, app, &theme);
    match app.screen {
        Screen::Start => start::draw(frame, body, app, &theme, layout),
        Screen::Interview => interview::draw(frame, body, app, &theme, layout),
        Screen::Results => results::draw(frame, body, app, &theme, layout),
    }
    if let Some(message) = &app.status {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                format!(" {message}"),
                theme.accent,
            ))),
            status,
        );
    }
    draw_footer(frame, footer, app, &theme);
    overlay::draw(frame, body, app, &theme, layout);
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme, note: &str) {
    let text = vec![
        Line::from(Span::styled("terminal too small", theme.title)),
        Line::from(format!(
            "(needs {MIN_WIDTH}×{MIN_HEIGHT}, has {}×{})",
            area.width, area.height
        )),
        Line::from(Span::styled(note.to_string(), theme.dim)),
    ];
    let height = (text.len() as u16).min(area.height);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(text).centered().wrap(Wrap { trim: true }),
        middle,
    );
}

fn draw_header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let project = match app.is_library_only() {
        true => "learn",
        false => app
            .session
            .answers()
            .project
            .as_deref()
            .filter(|p| !p.is_empty())
            .unwrap_or("new project"),
    };
    let right = match app.screen {
        _ if matches!(app.overlay, Some(Overlay::Learn(_))) => {
            format!("topic library · {} topics ", app.kb.topics.len())
        }
        Screen::Start => "database design advisor ".to_string(),
        Screen::Interview => match app.session.question() {
            Some(q) => {
                let (n, m) = app.session.step();
                format!("{} · step {n} of about {m} ", q.section)
            }
            None => String::new(),
        },
        Screen::Results => format!("recommendation · {} answers ", app.session.path().len()),
    };
    // The unsaved mark shrinks to "●" before the right side is cut.
    let room = (area.width as usize).saturating_sub(right.chars().count() + 1);
    let fixed = " dbadvise · ".chars().count() + project.chars().count();
    let unsaved = match app.session.dirty() {
        true if fixed + "  ● unsaved".len() - 2 <= room => "  ● unsaved",
        true => " ●",
        false => "",
    };
    let left = vec![
        Span::styled(" dbadvise ", theme.title),
        Span::styled("· ", theme.dim),
        Span::raw(project.to_string()),
        Span::styled(unsaved, theme.accent),
    ];
    let [l, r] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(right.chars().count() as u16),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)), l);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(right, theme.accent))).right_aligned(),
        r,
    );
}

/// The key hints of the moment, from the key table, as many as fit; the hint for the
/// help (which lists every key) is always kept.
fn draw_footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut hints = keymap::footer(&app.contexts());
    let width = |h: &keymap::Hint| h.keys.chars().count() + 1 + h.text.chars().count() + 2;
    let total = |hs: &[keymap::Hint]| 1 + hs.iter().map(width).sum::<usize>();
    if total(&hints) > area.width as usize {
        let help = hints
            .iter()
            .position(|h| h.text == "help")
            .map(|i| hints.remove(i));
        let room = (area.width as usize).saturating_sub(help.as_ref().map(width).unwrap_or(0));
        while total(&hints) > room && !hints.is_empty() {
            hints.pop();
        }
        hints.extend(help);
    }
    let mut spans = vec![Span::raw(" ")];
    for hint in hints {
        spans.push(Span::styled(hint.keys, theme.key));
        spans.push(Span::styled(format!(" {}  ", hint.text), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

// ---- helpers shared by the views ------------------------------------------------------

/// Text wrapped to `width` with textwrap, the first line after `first`, the others
/// after `rest` (a hanging indent).
pub(crate) fn wrap(
    text: &str,
    width: u16,
    first: &str,
    rest: &str,
    style: Style,
) -> Vec<Line<'static>> {
    let width = (width as usize).max(8);
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest);
    textwrap::wrap(text.trim(), options)
        .into_iter()
        .map(|l| Line::from(Span::styled(l.into_owned(), style)))
        .collect()
}

/// A list of multi-line items after a two-column gutter that shows `symbol` beside the
/// selected item (so the selection shows without colour, and in a screen dump); scrolled
/// to keep it in view; each item's rows recorded in `layout` for clicks. Items are laid
/// out for `area.width - 2` columns.
#[allow(clippy::too_many_arguments)]
pub(crate) fn list(
    frame: &mut Frame,
    area: Rect,
    layout: &mut FrameLayout,
    items: Vec<Vec<Line<'static>>>,
    selected: Option<usize>,
    symbol: &'static str,
    highlight: Style,
    hit: fn(usize) -> ClickTarget,
) -> Scrolled {
    let heights: Vec<u16> = items.iter().map(|i| i.len().max(1) as u16).collect();
    let mut offset = 0;
    if let Some(sel) = selected {
        // Show the selected item whole: drop items from the top until it fits.
        let bottom = |from: usize| {
            heights[from..=sel.min(heights.len().saturating_sub(1))]
                .iter()
                .sum::<u16>()
        };
        while offset < sel && bottom(offset) > area.height {
            offset += 1;
        }
    }
    let mut lines = Vec::new();
    let mut y = area.y;
    for (i, item) in items.into_iter().enumerate().skip(offset) {
        if y >= area.bottom() {
            break;
        }
        let h = heights[i].min(area.bottom() - y);
        layout
            .hits
            .push((Rect::new(area.x, y, area.width, h), hit(i)));
        y += h;
        for (row, line) in item.into_iter().enumerate() {
            let mark = if Some(i) == selected && row == 0 {
                symbol
            } else {
                "  "
            };
            let mut spans = vec![Span::raw(mark)];
            if Some(i) == selected {
                let line = highlighted(pad(line, area.width.saturating_sub(2)), highlight);
                spans.extend(line.spans);
            } else {
                spans.extend(line.spans);
            }
            lines.push(Line::from(spans));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
    Scrolled {
        above: heights[..offset].iter().sum(),
        total: heights.iter().sum(),
        visible: area.height,
    }
}

/// How a list is scrolled: rows hidden above, rows in all, rows shown.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scrolled {
    pub above: u16,
    pub total: u16,
    pub visible: u16,
}

impl Scrolled {
    /// Draws a scroll bar in `track` (a panel's border beside the list) when the list
    /// does not fit.
    pub fn draw(self, frame: &mut Frame, track: Rect, theme: &Theme) {
        if self.total <= self.visible {
            return;
        }
        let limit = (self.total - self.visible) as usize;
        let mut state = ScrollbarState::new(limit).position((self.above as usize).min(limit));
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .thumb_style(theme.accent)
                .track_style(theme.border),
            track,
            &mut state,
        );
    }
}

/// A line in the highlight style, which wins over the styles of its spans.
fn highlighted(line: Line<'static>, highlight: Style) -> Line<'static> {
    let spans = line
        .spans
        .into_iter()
        .map(|s| {
            let style = s.style.patch(highlight);
            s.style(style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

/// A line padded with spaces to the full width, so a highlight fills the row.
fn pad(line: Line<'static>, width: u16) -> Line<'static> {
    let len = line.width();
    let mut line = line;
    if len < width as usize {
        line.spans.push(Span::raw(" ".repeat(width as usize - len)));
    }
    line
}

/// A rectangle of at most `width`×`height`, centred in `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    )
}
