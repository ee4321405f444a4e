//! The start screen: the project's name, what will happen, and the autosave to resume.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

use super::{centered, list, wrap};
use crate::session::Autosaved;
use crate::tui::app::{App, START_NAME};
use crate::tui::layout::{ClickTarget, FrameLayout};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, layout: &mut FrameLayout) {
    let width = area.width.min(78);
    let inner_width = width.saturating_sub(4);
    // The sections in the order the interview reaches them (on the default path).
    let path = app.default_path();
    let about = path.len();
    let mut sections: Vec<&str> = Vec::new();
    for id in path {
        if let Some(q) = app.kb.question(id) {
            if !sections.contains(&q.section.as_str()) {
                sections.push(&q.section);
            }
        }
    }
    let topics = match sections.len() {
        0..=5 => sections.join(", "),
        _ => format!("{} and more", sections[..5].join(", ")),
    };
    let steps = [
        format!(
            "About {about} questions: {}. Each says why it matters.",
            topics.to_lowercase()
        ),
        "The recommendation builds up beside the questions as you answer. Any answer can be changed \
         later: pick it on the path."
            .to_string(),
        "The results: the stack and why, trade-offs, schema snippets, indexes, caching, a checklist."
            .to_string(),
        "s saves the answers (YAML, replayable with `dbadvise recommend --answers FILE`); e exports \
         the decision record (Markdown)."
            .to_string(),
    ];
    let mut what = vec![Line::from(Span::styled("What will happen", theme.title))];
    for (i, step) in steps.iter().enumerate() {
        let n = format!("{}. ", i + 1);
        what.extend(wrap(step, inner_width, &n, "   ", theme.dim));
    }

    let mut items: Vec<Vec<Line<'static>>> = vec![
        vec![Line::from(vec![
            Span::styled("Project name: ", theme.title),
            Span::raw(app.start.name.clone()),
        ])],
        vec![Line::from("Start the interview")],
    ];
    let mut notes: Vec<Line<'static>> = Vec::new();
    match &app.session.config.autosaved {
        Autosaved::Found { answers, .. } => {
            items.push(vec![Line::from(format!(
                "Resume the autosaved interview: {}, {} answers",
                answers.project.as_deref().unwrap_or("no name"),
                answers.values.len()
            ))]);
            notes.extend(wrap(
                "Starting a new interview keeps the old autosave beside the new one, as autosave.previous.yaml.",
                inner_width,
                "",
                "",
                theme.dim,
            ));
        }
        Autosaved::Unreadable { path, message } => notes.extend(wrap(
            &format!(
                "The autosave at {} cannot be resumed: {message}",
                path.display()
            ),
            inner_width,
            "",
            "",
            theme.bad,
        )),
        Autosaved::None => {}
    }
    match &app.session.config.autosave {
        Some(_) => notes.extend(wrap(
            &format!(
                "Answers are autosaved after every change to {}",
                app.session.config.autosave_shown
            ),
            inner_width,
            "",
            "",
            theme.dim,
        )),
        None => notes.extend(wrap("Autosave is off.", inner_width, "", "", theme.dim)),
    }

    let items_height = items.len() as u16;
    let height = (1 + what.len() + 1 + items.len() + 1 + notes.len()) as u16 + 2 + 1;
    let boxed = centered(area, width, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Span::styled(" Database design advisor ", theme.title));
    let inner = block.inner(boxed).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, boxed);
    let [_, what_area, _, items_area, _, notes_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(what.len() as u16),
        Constraint::Length(1),
        Constraint::Length(items_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(what), what_area);
    list(
        frame,
        items_area,
        layout,
        items,
        Some(app.start.cursor),
        "› ",
        theme.focus,
        ClickTarget::Start,
    );
    frame.render_widget(Paragraph::new(notes), notes_area);
    if app.start.cursor == START_NAME && app.overlay.is_none() {
        let x = items_area.x
            + 2
            + "Project name: ".len() as u16
            + app.start.name.chars().count() as u16;
        frame.set_cursor_position((x.min(items_area.right().saturating_sub(1)), items_area.y));
    }
}
