//! Markdown as it reads, for the Record tab: headings styled, lists as bullets, tables as
//! aligned columns, code indented, links as their text, task boxes as `[ ]`, HTML tags
//! dropped. Takes text, returns lines: the record itself is made by the app.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use textwrap::core::display_width;

use crate::tui::theme::Theme;

/// `markdown` laid out as text lines at most `width` columns wide (code excepted).
pub fn lines(markdown: &str, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut doc = Doc {
        out: vec![],
        width: (width as usize).max(20),
        theme: *theme,
        inline: vec![],
        styles: vec![],
        lists: vec![],
        marker: None,
        quotes: 0,
        verbatim: None,
        table: None,
        heading: None,
    };
    for event in Parser::new_ext(markdown, options) {
        doc.event(event);
    }
    doc.flush();
    while doc.out.last().is_some_and(|l| l.width() == 0) {
        doc.out.pop();
    }
    doc.out
}

/// A run of text in one style.
type Piece = (String, Style);

/// Text collected verbatim: a code block (with its language) or the front matter.
enum Verbatim {
    Code(String, String),
    Front(String),
}

struct List {
    /// The next number of an ordered list.
    next: Option<u64>,
    /// The width of the current item's marker: its text lines up after it.
    indent: usize,
}

struct Table {
    alignments: Vec<Alignment>,
    /// The header row first.
    rows: Vec<Vec<Vec<Piece>>>,
}

struct Doc {
    out: Vec<Line<'static>>,
    width: usize,
    theme: Theme,
    /// The paragraph (or item, heading, cell) being collected.
    inline: Vec<Piece>,
    /// Emphasis, strong, links… in force, innermost last.
    styles: Vec<Style>,
    lists: Vec<List>,
    /// The marker of a list item whose first line is still to come.
    marker: Option<String>,
    quotes: usize,
    verbatim: Option<Verbatim>,
    table: Option<Table>,
    heading: Option<HeadingLevel>,
}

impl Doc {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match &mut self.verbatim {
                Some(Verbatim::Code(_, code)) => code.push_str(&text),
                Some(Verbatim::Front(front)) => front.push_str(&text),
                None => self.push(&text, Style::new()),
            },
            Event::Code(code) => {
                let style = self.theme.code;
                self.push(&code, style);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html),
            Event::SoftBreak => self.push(" ", Style::new()),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.block();
                let rule = "─".repeat(self.width.saturating_sub(self.indent_width()));
                let style = self.theme.dim;
                self.emit(vec![(rule, style)]);
            }
            Event::TaskListMarker(done) => {
                // The box takes the place of the bullet.
                let indent = self.marker_indent();
                let mark = if done { "[x] " } else { "[ ] " };
                self.marker = Some(format!("{indent}{mark}"));
                if let Some(list) = self.lists.last_mut() {
                    list.indent = 4;
                }
            }
            // Math and footnotes are not enabled.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                if self.marker.is_none() {
                    self.gap();
                }
            }
            Tag::Heading { level, .. } => {
                self.block();
                self.heading = Some(level);
            }
            Tag::BlockQuote(_) => {
                self.block();
                self.quotes += 1;
            }
            Tag::CodeBlock(kind) => {
                self.block();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.verbatim = Some(Verbatim::Code(language, String::new()));
            }
            Tag::MetadataBlock(_) => self.verbatim = Some(Verbatim::Front(String::new())),
            Tag::List(first) => {
                self.flush();
                if self.lists.is_empty() {
                    self.gap();
                }
                self.lists.push(List {
                    next: first,
                    indent: 2,
                });
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len();
                let indent = self.marker_indent();
                let Some(list) = self.lists.last_mut() else {
                    return;
                };
                let mark = match &mut list.next {
                    Some(n) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    None => match depth {
                        1 => "• ".into(),
                        2 => "◦ ".into(),
                        _ => "▪ ".into(),
                    },
                };
                list.indent = display_width(&mark);
                self.marker = Some(format!("{indent}{mark}"));
            }
            Tag::Table(alignments) => {
                self.block();
                self.table = Some(Table {
                    alignments,
                    rows: vec![],
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(vec![]);
                }
            }
            Tag::TableCell => self.inline.clear(),
            Tag::Emphasis => self
                .styles
                .push(Style::new().add_modifier(Modifier::ITALIC)),
            Tag::Strong => self.styles.push(Style::new().add_modifier(Modifier::BOLD)),
            Tag::Strikethrough => self
                .styles
                .push(Style::new().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Link { .. } => self
                .styles
                .push(Style::new().add_modifier(Modifier::UNDERLINED)),
            Tag::HtmlBlock => self.block(),
            // An image shows its text; the rest are not enabled.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item | TagEnd::DefinitionListTitle => self.flush(),
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some(Verbatim::Code(language, code)) = self.verbatim.take() {
                    self.code(&language, &code);
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some(Verbatim::Front(front)) = self.verbatim.take() {
                    let style = self.theme.dim;
                    for line in front.lines().filter(|l| !l.trim().is_empty()) {
                        self.out
                            .push(Line::from(Span::styled(line.to_string(), style)));
                    }
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.draw_table(table);
                }
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.inline);
                if let Some(row) = self.table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                self.styles.pop();
            }
            _ => {}
        }
    }

    /// Text of the paragraph being collected, in `style` and the styles in force.
    fn push(&mut self, text: &str, style: Style) {
        let style = self.styles.iter().fold(style, |s, o| s.patch(*o));
        self.inline.push((text.to_string(), style));
    }

    /// HTML shows only its text: `<details>` and comments vanish, a `<summary>` reads
    /// as a line of its own, `<br>` breaks the line.
    fn html(&mut self, html: &str) {
        let mut rest = html;
        let mut text = String::new();
        while let Some(open) = rest.find('<') {
            text.push_str(&rest[..open]);
            rest = &rest[open..];
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                continue;
            }
            let Some(close) = rest.find('>') else {
                break;
            };
            let tag = rest[1..close].trim().to_ascii_lowercase();
            rest = &rest[close + 1..];
            if tag.starts_with("br") || tag == "/summary" || tag.starts_with("summary") {
                text.push('\n');
            }
        }
        if !rest.starts_with('<') {
            text.push_str(rest);
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        let mut first = true;
        for part in text.split('\n') {
            if !first {
                self.flush();
            }
            first = false;
            if !part.trim().is_empty() {
                self.push(part.trim(), Style::new());
            }
        }
    }

    /// The paragraph collected so far, wrapped after the prefix of where it stands.
    fn flush(&mut self) {
        if self.table.is_some() {
            return;
        }
        let pieces = std::mem::take(&mut self.inline);
        if pieces.iter().all(|(t, _)| t.trim().is_empty()) {
            return;
        }
        let rest = self.continuation();
        let first = self.marker.take().map(|m| self.quote_bar() + &m);
        let first = first.unwrap_or_else(|| rest.clone());
        let heading = self.heading;
        let style = match heading {
            Some(HeadingLevel::H1 | HeadingLevel::H2) => self.theme.title,
            Some(_) => self.theme.accent,
            None => Style::new(),
        };
        let pieces: Vec<Piece> = pieces
            .into_iter()
            .map(|(t, s)| (t, style.patch(s)))
            .collect();
        let wrapped = wrap(&pieces, self.width, &first, &rest);
        let longest = wrapped.iter().map(Line::width).max().unwrap_or(0);
        self.out.extend(wrapped);
        // Headings are underlined, so that they stand out without colour.
        let rule = match heading {
            Some(HeadingLevel::H1) => "═",
            Some(HeadingLevel::H2) => "─",
            _ => return,
        };
        let rule = rule.repeat(longest.saturating_sub(display_width(&rest)));
        let style = self.theme.dim;
        self.emit(vec![(rule, style)]);
    }

    /// One line after the prefix of where it stands.
    fn emit(&mut self, pieces: Vec<Piece>) {
        let mut spans = vec![Span::raw(self.continuation())];
        spans.extend(pieces.into_iter().map(|(t, s)| Span::styled(t, s)));
        self.out.push(Line::from(spans));
    }

    /// A new block: the paragraph before it ends, a blank line parts them.
    fn block(&mut self) {
        self.flush();
        self.gap();
    }

    /// A blank line between blocks (none at the top, none twice).
    fn gap(&mut self) {
        if self.out.last().is_some_and(|l| l.width() > 0) {
            self.out.push(Line::from(self.quote_bar()));
        }
    }

    fn quote_bar(&self) -> String {
        "│ ".repeat(self.quotes)
    }

    /// Where an item's marker starts: after the markers of the lists around it.
    fn marker_indent(&self) -> String {
        let outer = self.lists.len().saturating_sub(1);
        " ".repeat(self.lists[..outer].iter().map(|l| l.indent).sum())
    }

    /// The prefix of a line that continues a block: quote bars, then the indent of the
    /// list items it is in.
    fn continuation(&self) -> String {
        self.quote_bar() + &" ".repeat(self.lists.iter().map(|l| l.indent).sum())
    }

    fn indent_width(&self) -> usize {
        display_width(&self.continuation())
    }

    fn code(&mut self, language: &str, code: &str) {
        let dim = self.theme.dim;
        let style = self.theme.code;
        // One line says the language (and that GitHub draws a Mermaid diagram).
        match language {
            "" => {}
            "mermaid" => self.emit(vec![("  Mermaid diagram (GitHub draws it):".into(), dim)]),
            _ => self.emit(vec![(format!("  {language}:"), dim)]),
        }
        for line in code.trim_end_matches('\n').lines() {
            self.emit(vec![(format!("    {line}"), style)]);
        }
    }

    /// A table as aligned columns, each as wide as its widest cell, narrowed (the cells
    /// wrapped) when they do not fit together.
    fn draw_table(&mut self, table: Table) {
        let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let text_width =
            |cell: &[Piece]| -> usize { cell.iter().map(|(t, _)| display_width(t)).sum() };
        let mut widths = vec![1; columns];
        for row in &table.rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(text_width(cell));
            }
        }
        let room = self
            .width
            .saturating_sub(self.indent_width() + 3 * (columns - 1));
        fit(&mut widths, room);
        let head = self.theme.title;
        let dim = self.theme.dim;
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<Vec<Line<'static>>> = (0..columns)
                .map(|i| {
                    let cell = row.get(i).map(Vec::as_slice).unwrap_or(&[]);
                    let cell: Vec<Piece> = match r {
                        0 => cell
                            .iter()
                            .map(|(t, s)| (t.clone(), head.patch(*s)))
                            .collect(),
                        _ => cell.to_vec(),
                    };
                    wrap(&cell, widths[i], "", "")
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for y in 0..height {
                let mut pieces = Vec::new();
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        pieces.push((" │ ".to_string(), dim));
                    }
                    let line = cell.get(y).cloned().unwrap_or_default();
                    let pad = " ".repeat(widths[i].saturating_sub(line.width()));
                    let right = table.alignments.get(i) == Some(&Alignment::Right);
                    if right {
                        pieces.push((pad.clone(), Style::new()));
                    }
                    pieces.extend(
                        line.spans
                            .into_iter()
                            .map(|s| (s.content.into_owned(), s.style)),
                    );
                    // The last column is not padded: no trailing blanks.
                    if !right && i + 1 < columns {
                        pieces.push((pad, Style::new()));
                    }
                }
                self.emit(pieces);
            }
            if r == 0 {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.emit(vec![(rule.join("─┼─"), dim)]);
            }
        }
    }
}

/// Narrows the widest columns until the widths add up to at most `room` (each keeps at
/// least 6 columns, or its own width if less).
fn fit(widths: &mut [usize], room: usize) {
    while widths.iter().sum::<usize>() > room {
        let (widest, &w) = widths
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| **w)
            .expect("a column");
        if w <= 6 {
            return;
        }
        widths[widest] = w - 1;
    }
}

/// Styled text wrapped at word boundaries to `width`: the first line after `first`, the
/// others after `rest`. A word longer than a line is cut.
fn wrap(pieces: &[Piece], width: usize, first: &str, rest: &str) -> Vec<Line<'static>> {
    // Words: runs of non-blank characters, each made of styled parts.
    let mut words: Vec<Vec<Piece>> = vec![];
    let mut open = false;
    for (text, style) in pieces {
        for (i, part) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                open = false;
            }
            if part.is_empty() {
                continue;
            }
            match words.last_mut() {
                Some(word) if open => word.push((part.to_string(), *style)),
                _ => words.push(vec![(part.to_string(), *style)]),
            }
            open = true;
        }
    }
    let mut lines: Vec<Line<'static>> = vec![];
    let mut line: Vec<Span<'static>> = vec![Span::raw(first.to_string())];
    let mut used = display_width(first);
    let mut empty = true;
    let new_line = |lines: &mut Vec<Line<'static>>, line: &mut Vec<Span<'static>>| {
        lines.push(Line::from(std::mem::replace(
            line,
            vec![Span::raw(rest.to_string())],
        )));
        display_width(rest)
    };
    for word in words {
        let w: usize = word.iter().map(|(t, _)| display_width(t)).sum();
        if !empty && used + 1 + w > width {
            used = new_line(&mut lines, &mut line);
            empty = true;
        }
        if !empty {
            line.push(Span::raw(" "));
            used += 1;
        }
        for (text, style) in word {
            for c in text.chars() {
                let cw = display_width(c.encode_utf8(&mut [0; 4]));
                if used + cw > width && !empty && used > display_width(rest) {
                    used = new_line(&mut lines, &mut line);
                }
                push_char(&mut line, c, style);
                used += cw;
                empty = false;
            }
        }
    }
    if !empty || lines.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// Appends a character to the last span if it has the same style, else as a new span.
fn push_char(line: &mut Vec<Span<'static>>, c: char, style: Style) {
    // The first span is the prefix: never written into.
    let more = line.len() > 1;
    match line.last_mut() {
        Some(span) if more && span.style == style => span.content.to_mut().push(c),
        _ => line.push(Span::styled(c.to_string(), style)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(markdown: &str, width: u16) -> String {
        lines(markdown, width, &Theme::mono())
            .iter()
            .map(|l| {
                let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                s.trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn headings_lists_and_emphasis_read_without_their_marks() {
        let md = "# Title\n\nSome **bold** and `code` and [a link](x.md).\n\n* one\n* two\n  * inner\n\n1. first\n2. second\n";
        assert_eq!(
            text(md, 60),
            "Title\n═════\n\nSome bold and code and a link.\n\n• one\n• two\n  ◦ inner\n\n1. first\n2. second"
        );
    }

    #[test]
    fn tables_are_aligned_columns_and_narrow_to_fit() {
        let md = "| Rank | Option | Verdict |\n| ---: | --- | --- |\n| 1 | PostgreSQL | chosen |\n| 10 | MySQL | lost by a little |\n";
        assert_eq!(
            text(md, 60),
            "Rank │ Option     │ Verdict\n─────┼────────────┼─────────────────\n   1 │ PostgreSQL │ chosen\n  10 │ MySQL      │ lost by a little"
        );
        // At 30 columns the widest column wraps inside its cell.
        let narrow = text(md, 30);
        assert!(narrow.lines().all(|l| display_width(l) <= 30), "{narrow}");
        assert!(narrow.contains("lost by"), "{narrow}");
    }

    #[test]
    fn html_code_front_matter_and_task_boxes() {
        let md = "---\nstatus: proposed\n---\n\n<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>\n\n* [ ] check it\n* [x] done\n\n```sql\nSELECT 1;\n```\n";
        assert_eq!(
            text(md, 60),
            "status: proposed\n\nMore\n\nHidden text.\n\n[ ] check it\n[x] done\n\n  sql:\n    SELECT 1;"
        );
    }

    #[test]
    fn long_paragraphs_wrap_under_their_bullet() {
        let md = "* a long item that goes on and on past the width\n";
        assert_eq!(
            text(md, 20),
            "• a long item that\n  goes on and on\n  past the width"
        );
    }
}
