//! The results: one tab per part of the advice, each scrollable, and a preview of the
//! decision record as it will be exported.

use std::rc::Rc;

use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

use super::{wrap, Scrolled};
use crate::engine::{Advice, Because};
use crate::report;
use crate::report::record::{dialect_language, STARTER_SCHEMA_TITLE};
use crate::report::words::{self, because_lines, unmet_sentence};
use crate::session::export;
use crate::tui::app::{App, TABS, TAB_TREES};
use crate::tui::layout::{ClickTarget, FrameLayout, TabKey, TabLines};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, layout: &mut FrameLayout) {
    let [tabs_area, content_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    draw_tabs(frame, tabs_area, app, theme, layout);

    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus);
    let inner = block.inner(content_area).inner(Margin::new(1, 0));
    frame.render_widget(block, content_area);
    let width = inner.width.saturating_sub(1);
    // The lines of the last frame, while nothing they show has changed: scrolling only
    // picks rows.
    let key = TabKey {
        tab: app.results.tab,
        width,
        mono: app.session.config.mono,
        export: app.export_key(),
    };
    let lines: Rc<[Line<'static>]> = match &app.layout.tab_lines {
        Some(kept) if kept.key == key => Rc::clone(&kept.lines),
        _ => content(app, app.session.advice(), app.results.tab, width, theme).into(),
    };
    let limit = (lines.len() as u16).saturating_sub(inner.height);
    layout.scroll_limit = limit;
    layout.page_height = inner.height.saturating_sub(1).max(1);
    let scroll = app.results.scroll[app.results.tab].min(limit);
    // Only the rows on screen are handed to the paragraph.
    let shown = &lines[scroll as usize..(scroll as usize + inner.height as usize).min(lines.len())];
    frame.render_widget(Paragraph::new(shown.to_vec()), inner);
    Scrolled {
        above: scroll,
        total: limit + inner.height,
        visible: inner.height,
    }
    .draw(frame, content_area.inner(Margin::new(0, 1)), theme);
    layout.tab_lines = Some(TabLines { key, lines });
}

/// The first tab to draw: 0, unless the tabs up to the current one do not fit, as in a
/// narrow terminal; then the bar starts later, so the current tab is always in sight.
fn first_tab_shown(width: u16, current: usize) -> usize {
    let room = width.saturating_sub(1) as usize;
    let span = |first: usize| -> usize {
        TABS[first..=current]
            .iter()
            .map(|t| t.chars().count() + 3)
            .sum()
    };
    (0..current)
        .find(|&first| span(first) <= room)
        .unwrap_or(current)
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, layout: &mut FrameLayout) {
    let first = first_tab_shown(area.width, app.results.tab);
    // "‹" says that tabs before the first one shown are there, off to the left.
    let mut spans = vec![Span::styled(if first > 0 { "‹" } else { " " }, theme.dim)];
    let mut x = area.x + 1;
    for (i, title) in TABS.iter().enumerate().skip(first) {
        let label = format!(" {title} ");
        let w = label.chars().count() as u16;
        if x + w > area.right() {
            break;
        }
        layout
            .hits
            .push((Rect::new(x, area.y, w, 1), ClickTarget::Tab(i)));
        let style = if i == app.results.tab {
            theme.focus
        } else {
            theme.dim
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
        x += w + 1;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The lines of one tab at `width`.
pub fn content(
    app: &App,
    advice: &Advice,
    tab: usize,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut out = Lines {
        lines: vec![],
        width,
        theme: *theme,
    };
    let kb = app.kb;
    let because = |b: &[Because]| because_lines(kb, b);
    match tab {
        0 => {
            let stack = words::stack_phrase(&advice.stack);
            out.heading(&format!("Recommended stack: {stack}"));
            for c in &advice.stack {
                out.blank();
                out.item(&format!("{} — {}", c.name, c.role), theme.good);
                out.text(&c.reason.to_string());
                if !c.cost.is_empty() {
                    out.text(&format!("Its cost: {}", c.cost));
                }
                out.because(&because(&c.because));
            }
            // What no engine serves under the other requirements is said, not dropped.
            for u in &advice.unmet {
                out.blank();
                out.item(&format!("No store — {}", u.role), theme.bad);
                out.text(&unmet_sentence(&u.need));
                out.because(&because(&u.because));
            }
            out.blank();
            out.heading("Decisions");
            for d in &advice.decisions {
                out.blank();
                out.item(&format!("{}: {}", d.tree_title, d.title), theme.title);
                out.text(&d.summary);
                out.because(&because(&d.because));
            }
        }
        1 => {
            out.heading("CAP: what a network partition does");
            for d in advice.decisions.iter().filter(|d| d.tree == TAB_TREES[tab]) {
                out.item(&d.title, theme.good);
                out.text(&d.summary);
                if !d.reason.is_empty() {
                    out.text(&d.reason);
                }
                out.because(&because(&d.because));
            }
            for n in &advice.cap {
                out.bullet(&format!("{} is {}: {}", n.name, n.cap, n.note.trim()));
            }
            let mut roles: Vec<&str> = Vec::new();
            for a in &advice.alternatives {
                if !roles.contains(&a.role.as_str()) {
                    roles.push(&a.role);
                }
            }
            for role in roles {
                out.blank();
                out.heading(&format!(
                    "The ranking for the {role} store (weighted score, 0–100)"
                ));
                for a in advice.alternatives.iter().filter(|a| a.role == role) {
                    match &a.eliminated {
                        Some(why) => {
                            out.item(&format!("{} — eliminated", a.name), theme.title);
                            out.bullet(&why.to_string());
                        }
                        None => {
                            let verdict = match (a.chosen, &a.tie) {
                                (true, _) => "chosen",
                                (false, Some(_)) => "tied",
                                (false, None) => "lost",
                            };
                            out.item(
                                &format!("{} — {} ({verdict})", a.name, a.score),
                                if a.chosen { theme.good } else { theme.title },
                            );
                            if let Some(tie) = &a.tie {
                                out.bullet(&tie.to_string());
                            }
                        }
                    }
                    for r in &a.reasons {
                        out.bullet(&r.to_string());
                    }
                }
            }
            let sensitivity = app.session.sensitivity();
            if !sensitivity.is_empty() {
                out.blank();
                out.heading("What the advice hangs on (w compares side by side)");
                for (i, s) in sensitivity.iter().enumerate() {
                    if i == 0 || sensitivity[i - 1].question != s.question {
                        out.item(
                            &format!("{} → {}", s.prompt.trim(), s.current_label),
                            theme.title,
                        );
                    }
                    out.styled_bullet("if ", &report::diff::alternative(s), theme.accent);
                }
            }
            let consequences: Vec<_> = advice
                .decisions
                .iter()
                .filter(|d| !d.good.is_empty() || !d.bad.is_empty())
                .collect();
            if !consequences.is_empty() {
                out.blank();
                out.heading("Consequences");
                for d in consequences {
                    out.item(&d.title, theme.title);
                    for g in d.good.iter() {
                        out.styled_bullet("+ ", g, theme.good);
                    }
                    for b in d.bad.iter() {
                        out.styled_bullet("− ", b, theme.bad);
                    }
                }
            }
        }
        2 => {
            let domain = report::record::domain::domain(advice);
            // A domain whose tables the primary store's starter schema cannot hold: its
            // rules and hot paths still lead the tab.
            if let Some(domain) = domain.as_ref().filter(|d| !d.tables) {
                out.heading(&format!("The {} domain", domain.title));
                out.text(&words::domain::unwritten(domain));
                domain_lines(&mut out, domain, theme, "Its hot paths:");
                out.blank();
            }
            if let Some(schema) = &advice.starter_schema {
                out.heading(&format!("{STARTER_SCHEMA_TITLE}: {}", schema.name));
                for reason in &schema.tailored {
                    out.styled_bullet("• ", reason, theme.good);
                }
                // A domain's tables: the rules they hold, and what stays beside them.
                if let Some(domain) = domain.as_ref().filter(|d| d.tables) {
                    out.blank();
                    out.text(&format!("The {} tables hold:", domain.title));
                    domain_lines(&mut out, domain, theme, "Beside the tables:");
                }
                out.blank();
                for line in schema.sql.trim_end().lines() {
                    out.code(line);
                }
                out.blank();
            }
            if advice.snippets.is_empty() && advice.starter_schema.is_none() {
                out.text("No schema snippets for this stack.");
            }
            for s in &advice.snippets {
                out.item(
                    &format!(
                        "{} ({}, {})",
                        s.title,
                        s.dialect,
                        dialect_language(&s.dialect)
                    ),
                    theme.title,
                );
                out.dim(&format!("knowledge/snippets/{}", s.file));
                for line in s.code.trim_end().lines() {
                    out.code(line);
                }
                out.blank();
            }
        }
        3 => {
            let domain = report::record::domain::domain(advice);
            let paths = domain.as_ref().map_or(&[][..], |d| &d.paths[..]);
            if advice.indexes.is_empty() && paths.is_empty() {
                out.text("No index advice for this stack.");
            }
            for p in &advice.indexes {
                out.pattern(p, &because(&p.because));
            }
            let patterns: Vec<_> = advice.indexes.iter().collect();
            for d in report::record::parts::unpatterned_indexes(&patterns, &advice.decisions) {
                out.item(&d.title, theme.title);
                out.text(&d.summary);
                out.because(&because(&d.because));
                out.blank();
            }
            if let Some(domain) = domain.as_ref().filter(|d| !d.paths.is_empty()) {
                out.item(
                    &format!("Hot reads of the {} domain", domain.title),
                    theme.good,
                );
                for p in paths {
                    out.styled_bullet("• ", &words::domain::hot_read(p), theme.good);
                }
                out.blank();
            }
        }
        4 => {
            let caching: Vec<_> = advice
                .decisions
                .iter()
                .filter(|d| d.tree == TAB_TREES[tab])
                .collect();
            for d in &caching {
                out.item(&d.title, theme.good);
                out.text(&d.summary);
                out.because(&because(&d.because));
                out.blank();
            }
            let patterns: Vec<_> = advice
                .patterns
                .iter()
                .filter(|p| p.category == "caching")
                .collect();
            if !advice.has_role("cache") && !patterns.is_empty() {
                out.heading(words::caching_heading(false));
            }
            for p in &patterns {
                out.pattern(p, &because(&p.because));
            }
            if caching.is_empty() && patterns.is_empty() {
                out.text("No caching: nothing in the answers calls for it.");
            }
        }
        5 => {
            out.heading("Before going live");
            for item in crate::report::record::checks(kb, advice) {
                out.styled_bullet("☐ ", &item, Style::new());
            }
            let others: Vec<_> = advice
                .patterns
                .iter()
                .filter(|p| p.category != "caching")
                .collect();
            if !others.is_empty() {
                out.blank();
                out.heading("Also apply");
                for p in others {
                    out.pattern(p, &because(&p.because));
                }
            }
        }
        _ => {
            let files = app.export_preview();
            let Some((record, text)) = files.first() else {
                return out.lines;
            };
            let name = record.file_name().unwrap_or_default().to_string_lossy();
            out.dim(&format!(
                "As `e` writes it: {name} ({}), and beside it {}",
                app.results.export.style.name(),
                export::beside_suffixes(files).join(", ")
            ));
            out.blank();
            out.lines.extend(super::markdown::lines(text, width, theme));
        }
    }
    out.lines
}

/// A domain's rules, then its notes under `notes_heading`, each with its lesson.
fn domain_lines(
    out: &mut Lines,
    domain: &report::record::domain::RecordDomain,
    theme: &Theme,
    notes_heading: &str,
) {
    for rule in &domain.held {
        out.styled_bullet("• ", rule, theme.good);
    }
    if let Some(personal) = words::domain::personal(domain) {
        out.styled_bullet("• ", &personal, theme.good);
    }
    if !domain.notes.is_empty() {
        out.text(notes_heading);
    }
    for note in &domain.notes {
        out.styled_bullet("• ", &words::domain::note(note), theme.good);
    }
}

/// Lines being built for a tab, wrapped to its width.
struct Lines {
    lines: Vec<Line<'static>>,
    width: u16,
    theme: Theme,
}

impl Lines {
    fn blank(&mut self) {
        self.lines.push(Line::default());
    }
    fn heading(&mut self, text: &str) {
        let style = self.theme.accent;
        self.lines.extend(wrap(text, self.width, "", "", style));
    }
    fn item(&mut self, text: &str, style: Style) {
        self.lines.extend(wrap(text, self.width, "", "  ", style));
    }
    fn text(&mut self, text: &str) {
        if !text.trim().is_empty() {
            self.lines
                .extend(wrap(text, self.width, "  ", "  ", Style::new()));
        }
    }
    fn dim(&mut self, text: &str) {
        let style = self.theme.dim;
        self.lines.extend(wrap(text, self.width, "  ", "  ", style));
    }
    fn because(&mut self, reasons: &[String]) {
        let style = self.theme.dim;
        for (i, reason) in reasons.iter().enumerate() {
            let first = if i == 0 { "  because: " } else { "           " };
            self.lines
                .extend(wrap(reason, self.width, first, "             ", style));
        }
    }
    fn bullet(&mut self, text: &str) {
        self.lines
            .extend(wrap(text, self.width, "  • ", "    ", Style::new()));
    }
    fn styled_bullet(&mut self, mark: &str, text: &str, style: Style) {
        self.lines
            .extend(wrap(text, self.width, &format!("  {mark}"), "    ", style));
    }
    fn code(&mut self, line: &str) {
        let style = self.theme.code;
        self.lines
            .push(Line::from(Span::styled(format!("    {line}"), style)));
    }
    fn pattern(&mut self, p: &crate::engine::advise::PatternAdvice, because: &[String]) {
        let title = self.theme.title;
        self.item(&p.title, title);
        self.text(&p.summary);
        if !p.when.is_empty() {
            self.text(&format!("When: {}", p.when));
        }
        if !p.why.is_empty() {
            self.text(&format!("Why: {}", p.why));
        }
        for pitfall in p.pitfalls.iter() {
            let bad = self.theme.bad;
            self.styled_bullet("! ", pitfall, bad);
        }
        self.because(because);
        self.blank();
    }
}

#[cfg(test)]
mod tests {
    use super::{first_tab_shown, TABS};

    #[test]
    fn the_current_tab_is_always_in_the_bar() {
        // Wide enough for every tab: the bar starts at the first.
        assert_eq!(first_tab_shown(120, TABS.len() - 1), 0);
        // Narrow: the last tab, and those before it that fit, are shown.
        let first = first_tab_shown(40, TABS.len() - 1);
        assert!(first > 0);
        let used: usize = TABS[first..].iter().map(|t| t.chars().count() + 3).sum();
        assert!(used < 40, "{used}");
        // The first tab needs no shift, however narrow.
        assert_eq!(first_tab_shown(10, 0), 0);
    }
}
