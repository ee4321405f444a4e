//! The interview: the question with its options and help on the left; the path so far
//! and the live recommendation on the right.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

use super::{list, wrap};
use crate::engine::Advice;
use crate::kb::{KnowledgeBase, Question, QuestionKind};
use crate::tui::app::{App, Focus};
use crate::tui::layout::{ClickTarget, FrameLayout};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, layout: &mut FrameLayout) {
    let Some(question) = app.session.question() else {
        return;
    };
    let advice = app.session.advice();
    let left_share = if area.width >= 100 { 58 } else { 55 };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(left_share), Constraint::Fill(1)]).areas(area);
    draw_question(frame, left, app, question, theme, layout);
    let path_rows = (app.session.path().len() as u16 * 2 + 3).clamp(5, right.height / 2);
    let [path, recommendation] =
        Layout::vertical([Constraint::Length(path_rows), Constraint::Fill(1)]).areas(right);
    draw_path(frame, path, app, theme, layout);
    draw_recommendation(frame, recommendation, app.kb, advice, theme);
}

fn panel<'a>(title: &str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(Span::styled(
            format!(" {title} "),
            if focused { theme.title } else { theme.dim },
        ))
}

fn draw_question(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    q: &Question,
    theme: &Theme,
    layout: &mut FrameLayout,
) {
    let focused = app.interview.focus == Focus::Options;
    let title = match app.session.shown() {
        Some(_) if app.session.answers().get(&q.id).is_some() => {
            format!("{} · change your answer", q.section)
        }
        _ => q.section.clone(),
    };
    let (n, m) = app.session.step();
    let block =
        panel(&title, focused, theme).title_bottom(progress_bar(n, m, theme).right_aligned());
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = inner.width;

    let prompt = wrap(&q.prompt, width, "", "", theme.title);
    let mut help = vec![Line::from(Span::styled("Why this matters", theme.accent))];
    help.extend(wrap(&q.help, width, "", "", theme.dim));
    if let Some(option) = q
        .options
        .get(app.interview.cursor)
        .filter(|o| !o.help.is_empty())
    {
        help.push(Line::default());
        help.push(Line::from(Span::styled(
            "The highlighted option",
            theme.accent,
        )));
        help.extend(wrap(&option.help, width, "", "", theme.dim));
    }
    let hint = match q.kind {
        QuestionKind::One => "Enter chooses the highlighted option.".to_string(),
        QuestionKind::Many if q.at_least_one && app.interview.toggled.is_empty() => {
            "Space ticks or unticks; tick at least one, then Enter confirms.".to_string()
        }
        QuestionKind::Many => format!(
            "Space ticks or unticks; Enter confirms the {} ticked{}.",
            app.interview.toggled.len(),
            if app.interview.toggled.is_empty() {
                " (none of these)"
            } else {
                ""
            }
        ),
        QuestionKind::Text => "Type your answer; Enter confirms (it may stay empty).".to_string(),
    };
    let hint = wrap(&hint, width, "", "", theme.dim);

    let items = option_items(app, q, width.saturating_sub(2), theme);
    let options_rows: u16 = items.iter().map(|i| i.len() as u16).sum::<u16>().max(1);
    // The options come first, as many as fit beside a few rows of help; the help gets
    // what is left.
    let fixed = prompt.len() as u16 + 1 + 1 + hint.len() as u16 + 1;
    let room = inner.height.saturating_sub(fixed);
    let options_height = options_rows.min(room.saturating_sub((help.len() as u16).min(room / 3)));
    let [prompt_area, _, options_area, _, hint_area, _, help_area] = Layout::vertical([
        Constraint::Length(prompt.len() as u16),
        Constraint::Length(1),
        Constraint::Length(options_height.max(1)),
        Constraint::Length(1),
        Constraint::Length(hint.len() as u16),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(prompt), prompt_area);
    frame.render_widget(Paragraph::new(hint), hint_area);
    frame.render_widget(Paragraph::new(help), help_area);

    if q.kind == QuestionKind::Text {
        let style = if focused { theme.focus } else { theme.selected };
        list(
            frame,
            options_area,
            layout,
            items,
            Some(0),
            "  ",
            style,
            ClickTarget::Option,
        );
        if focused && app.overlay.is_none() {
            let x = options_area.x + 4 + app.interview.text.chars().count() as u16;
            frame.set_cursor_position((
                x.min(options_area.right().saturating_sub(1)),
                options_area.y,
            ));
        }
        return;
    }
    let highlight = if focused { theme.focus } else { theme.selected };
    let scrolled = list(
        frame,
        options_area,
        layout,
        items,
        Some(app.interview.cursor),
        "› ",
        highlight,
        ClickTarget::Option,
    );
    // On the panel's right border, beside the options.
    let track = Rect::new(
        area.right().saturating_sub(1),
        options_area.y,
        1,
        options_area.height,
    );
    scrolled.draw(frame, track, theme);
}

/// The options as list items: a mark (ticked, answered) and the label, wrapped.
fn option_items(app: &App, q: &Question, width: u16, theme: &Theme) -> Vec<Vec<Line<'static>>> {
    if q.kind == QuestionKind::Text {
        return vec![vec![Line::from(vec![
            Span::styled("> ", theme.accent),
            Span::raw(app.interview.text.clone()),
        ])]];
    }
    let answered = |id: &str| app.session.answers().get(&q.id).is_some_and(|v| v.has(id));
    q.options
        .iter()
        .map(|o| {
            let mark = match q.kind {
                QuestionKind::Many if app.interview.toggled.iter().any(|v| o.id == *v) => "[x] ",
                QuestionKind::Many => "[ ] ",
                _ if answered(&o.id) => "(•) ",
                _ => "( ) ",
            };
            let style = if answered(&o.id) {
                theme.good
            } else {
                Style::new()
            };
            wrap(&o.label, width, mark, "    ", style)
        })
        .collect()
}

fn draw_path(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, layout: &mut FrameLayout) {
    let focused = app.interview.focus == Focus::Path;
    let block = panel("Your answers · Tab", focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(2) as usize;
    let path = app.session.path();
    let mut items: Vec<Vec<Line<'static>>> = Vec::new();
    for id in path {
        let Some(q) = app.kb.question(id) else {
            continue;
        };
        let answer = app
            .session
            .answers()
            .get(id)
            .map(|v| {
                let values = v.values();
                match q.kind {
                    QuestionKind::Text if values.concat().trim().is_empty() => {
                        "(empty)".to_string()
                    }
                    QuestionKind::Text => values.join(" "),
                    _ if values.is_empty() => "none".to_string(),
                    _ => values
                        .iter()
                        .map(|v| q.choice(v).map(|c| c.label.as_str()).unwrap_or(v))
                        .collect::<Vec<_>>()
                        .join("; "),
                }
            })
            .unwrap_or_default();
        let current = app.session.shown() == Some(*id);
        items.push(vec![
            Line::from(Span::styled(
                short(&q.prompt, width),
                if current { theme.accent } else { theme.dim },
            )),
            Line::from(Span::raw(short(&format!("→ {answer}"), width))),
        ]);
    }
    let last = if app.session.shown().is_none() {
        "this question"
    } else if app.session.is_complete() {
        "→ the results"
    } else {
        "→ the next open question"
    };
    items.push(vec![Line::from(Span::styled(last, theme.accent))]);
    // The question on screen is marked ▸; with the focus, the one to pick is ›.
    let current = match app.session.shown() {
        Some(id) => path.iter().position(|q| *q == id).unwrap_or(path.len()),
        None => path.len(),
    };
    let (keep, symbol, highlight) = if focused {
        (app.interview.path_cursor, "› ", theme.focus)
    } else {
        (current, "▸ ", Style::new())
    };
    let scrolled = list(
        frame,
        inner,
        layout,
        items,
        Some(keep),
        symbol,
        highlight,
        ClickTarget::Path,
    );
    let track = Rect::new(area.right().saturating_sub(1), inner.y, 1, inner.height);
    scrolled.draw(frame, track, theme);
}

fn draw_recommendation(
    frame: &mut Frame,
    area: Rect,
    kb: &KnowledgeBase,
    advice: &Advice,
    theme: &Theme,
) {
    let block = panel("Recommendation so far", false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if advice.stack.is_empty() {
        lines.extend(wrap(
            "The stack appears here as soon as the answers decide it.",
            inner.width,
            " ",
            " ",
            theme.dim,
        ));
    }
    // Roles in one column, as wide as the longest (object-store), so the names line up.
    let role_width = advice
        .stack
        .iter()
        .map(|c| c.role.chars().count())
        .max()
        .unwrap_or(0)
        .min(12);
    let name_width = width.saturating_sub(role_width + 3);
    for c in &advice.stack {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<role_width$} ", c.role), theme.dim),
            Span::styled(short(&c.name, name_width), theme.good),
        ]));
    }
    let mut roles: Vec<&str> = Vec::new();
    for a in &advice.alternatives {
        if !roles.contains(&a.role.as_str()) {
            roles.push(&a.role);
        }
    }
    for role in roles {
        lines.push(Line::from(Span::styled(
            format!(" {role} · ranking"),
            theme.accent,
        )));
        let ranked: Vec<_> = advice
            .alternatives
            .iter()
            .filter(|a| a.role == role && a.eliminated.is_none())
            .take(4)
            .collect();
        // Every engine eliminated: say so rather than leave the heading alone.
        if ranked.is_empty() {
            lines.push(Line::from(Span::styled(" none: all eliminated", theme.bad)));
        }
        let name_width = ranked
            .iter()
            .map(|a| a.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(14);
        let bar_width = width.saturating_sub(name_width + 10).min(20);
        for a in ranked {
            let filled = (a.score as usize * bar_width).div_ceil(100);
            lines.push(Line::from(vec![
                Span::raw(format!(" {:<name_width$} ", short(&a.name, name_width))),
                Span::styled(
                    "█".repeat(filled),
                    if a.chosen { theme.good } else { theme.dim },
                ),
                Span::raw(" ".repeat(bar_width - filled)),
                Span::styled(format!(" {:>3}", a.score), theme.accent),
                Span::raw(if a.chosen { " ✓" } else { "" }),
            ]));
        }
    }
    let decided: Vec<_> = advice
        .decisions
        .iter()
        .filter(|d| {
            // A tree that explains a chosen store is shown as the store above.
            kb.tree(&d.tree).is_none_or(|t| t.role.is_none())
        })
        .collect();
    if !decided.is_empty() {
        lines.push(Line::from(Span::styled(" decided", theme.accent)));
        for d in decided {
            lines.push(Line::from(Span::raw(short(
                &format!(" · {}", d.title),
                width,
            ))));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "━━━━━━────── 3/12" on the question panel's lower border.
fn progress_bar(n: usize, m: usize, theme: &Theme) -> Line<'static> {
    const WIDTH: usize = 16;
    let m = m.max(1);
    let done = (n.saturating_sub(1) * WIDTH / m).min(WIDTH);
    Line::from(vec![
        Span::styled("━".repeat(done), theme.accent),
        Span::styled("─".repeat(WIDTH - done), theme.border),
        Span::styled(format!(" {n}/{m} "), theme.dim),
    ])
}

/// Text cut to `width` characters, with an ellipsis when cut.
pub(crate) fn short(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}
