//! The topic library: the list of topics by area (or a search's matches) beside the
//! page of the highlighted topic, its related topics numbered for the digit keys.

use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

use super::{wrap, Scrolled};
use crate::topics::area_title;
use crate::topics::{self, Block as PageBlock};
use crate::tui::app::App;
use crate::tui::layout::{ClickTarget, FrameLayout};
use crate::tui::library::{Learn, LearnFocus};
use crate::tui::theme::Theme;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    state: &Learn,
    theme: &Theme,
    layout: &mut FrameLayout,
) {
    frame.render_widget(Clear, area);
    let list_width = (area.width * 2 / 5).clamp(24, 38);
    let [list_area, page_area] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(area);
    draw_list(frame, list_area, app, state, theme, layout);
    draw_page(frame, page_area, app, state, theme, layout);
}

fn panel<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let (style, kind) = if focused {
        (theme.border_focus, BorderType::Double)
    } else {
        (theme.border, BorderType::Rounded)
    };
    Block::bordered()
        .border_type(kind)
        .border_style(style)
        .title(Span::styled(format!(" {title} "), theme.title))
}

fn draw_list(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    state: &Learn,
    theme: &Theme,
    layout: &mut FrameLayout,
) {
    let kb = app.kb;
    let focused = state.focus == LearnFocus::List;
    let block = panel("Topics".into(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search_area, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let search = if state.searching {
        Line::from(vec![
            Span::styled(" / ", theme.key),
            Span::raw(state.query.clone()),
            Span::styled("▏", theme.accent),
        ])
    } else if state.query.is_empty() {
        Line::from(Span::styled(" / to search", theme.dim))
    } else {
        Line::from(vec![
            Span::styled(" / ", theme.key),
            Span::styled(state.query.clone(), theme.accent),
        ])
    };
    frame.render_widget(Paragraph::new(search), search_area);

    let topics = state.visible(kb);
    let width = list_area.width.saturating_sub(1) as usize;
    // Rows: area headings (whole library only) and one row per topic.
    let mut rows: Vec<(Line<'static>, Option<usize>)> = Vec::new();
    let mut area_name = "";
    for (i, topic) in topics.iter().enumerate() {
        if state.query.is_empty() && topic.area != area_name {
            area_name = &topic.area;
            rows.push((
                Line::from(Span::styled(area_title(area_name), theme.accent)),
                None,
            ));
        }
        let title: String = topic.title.chars().take(width.saturating_sub(2)).collect();
        let selected = topic.id == state.topic;
        let line = if selected {
            let style = if focused { theme.focus } else { theme.selected };
            let pad = width.saturating_sub(2 + title.chars().count());
            Line::from(vec![
                Span::raw("▸ "),
                Span::styled(format!("{title}{}", " ".repeat(pad)), style),
            ])
        } else {
            Line::from(format!("  {title}"))
        };
        rows.push((line, Some(i)));
    }
    if topics.is_empty() {
        rows.push((
            Line::from(Span::styled(" no topic matches", theme.dim)),
            None,
        ));
    }
    let selected_row = rows
        .iter()
        .position(|(_, i)| i.is_some_and(|i| topics[i].id == state.topic))
        .unwrap_or(0);
    let height = list_area.height as usize;
    // Keep the highlighted topic in view, a few rows from the bottom edge.
    let offset = (selected_row + 3)
        .saturating_sub(height)
        .min(rows.len().saturating_sub(height));
    let mut lines = Vec::new();
    for (n, (line, index)) in rows.iter().enumerate().skip(offset).take(height) {
        if let Some(i) = index {
            let y = list_area.y + (n - offset) as u16;
            layout.hits.push((
                Rect::new(list_area.x, y, list_area.width, 1),
                ClickTarget::Topic(*i),
            ));
        }
        lines.push(line.clone());
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    Scrolled {
        above: offset as u16,
        total: rows.len() as u16,
        visible: height as u16,
    }
    .draw(frame, area.inner(Margin::new(0, 1)), theme);
}

fn draw_page(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    state: &Learn,
    theme: &Theme,
    layout: &mut FrameLayout,
) {
    let kb = app.kb;
    let focused = state.focus == LearnFocus::Page;
    let title = match state.history.len() {
        0 => "Topic".to_string(),
        n => format!("Topic · {n} back with Esc"),
    };
    let block = panel(title, focused, theme);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let Some(topic) = kb.topic(&state.topic) else {
        frame.render_widget(
            Paragraph::new(Span::styled("No topics in this knowledge base.", theme.dim)),
            inner,
        );
        return;
    };
    let width = inner.width.saturating_sub(1);
    let lines = page_lines(app, topic, width, theme);
    let limit = (lines.len() as u16).saturating_sub(inner.height);
    layout.page_height = inner.height.saturating_sub(1).max(1);
    let scroll = state.scroll.min(limit);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll as usize)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    Scrolled {
        above: scroll,
        total: limit + inner.height,
        visible: inner.height,
    }
    .draw(frame, area.inner(Margin::new(0, 1)), theme);
}

/// A topic page laid out for `width` columns.
pub fn page_lines(
    app: &App,
    topic: &crate::kb::Topic,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut link = 0;
    let blank = |lines: &mut Vec<Line<'static>>| {
        if lines.last().is_some_and(|l| l.width() > 0) {
            lines.push(Line::default());
        }
    };
    for block in topics::page(app.kb, topic) {
        match block {
            PageBlock::Title(t) => lines.extend(wrap(&t, width, "", "", theme.title)),
            PageBlock::Meta(m) => lines.extend(wrap(&m, width, "", "", theme.dim)),
            PageBlock::Heading(h) => {
                blank(&mut lines);
                lines.extend(wrap(&h, width, "", "", theme.accent));
            }
            PageBlock::Paragraph(p) => {
                blank(&mut lines);
                lines.extend(wrap(&p, width, "", "", ratatui::style::Style::new()));
            }
            PageBlock::Pre(pre) => {
                blank(&mut lines);
                for line in pre {
                    let cut: String = line.chars().take(width as usize).collect();
                    lines.push(Line::from(Span::styled(cut, theme.code)));
                }
            }
            PageBlock::Link(_, title) => {
                link += 1;
                let key = if link <= 9 {
                    format!("{link} ")
                } else {
                    "  ".into()
                };
                let mut row = vec![Span::styled(key, theme.key)];
                row.extend(
                    wrap(&title, width.saturating_sub(2), "", "", theme.selected)
                        .into_iter()
                        .flat_map(|l| l.spans)
                        .take(1),
                );
                lines.push(Line::from(row));
            }
            PageBlock::Appears(a) => {
                lines.extend(wrap(
                    &format!("{}: {}", a.kind, a.title),
                    width,
                    "· ",
                    "  ",
                    theme.dim,
                ));
            }
        }
    }
    lines
}
