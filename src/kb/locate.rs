//! Lines for messages, from the YAML parser's own marks wherever it gives them, else
//! from one pass over the text: never a search of the whole file per problem.

use std::collections::HashMap;

use super::load::explain_yaml_error;

/// Where a YAML error is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// `at line L column C` in libyaml's wording.
fn line_and_column(text: &str) -> Option<(usize, usize)> {
    let rest = &text[text.find(" at line ")? + " at line ".len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The error's position and message. An unclosed quote or bracket is reported where it
/// opened (libyaml's context mark), not at the end of the file where the parser noticed;
/// a duplicated key at its second occurrence, not at the start of its mapping.
pub fn yaml_error(err: &serde_yaml::Error, text: &str) -> Located {
    let full = err.to_string();
    if let Some((problem, context)) = full.split_once(", while ") {
        if let Some((line, column)) = line_and_column(context) {
            let context = context.split(" at line ").next().unwrap_or(context);
            return Located {
                line: Some(line),
                column: Some(column),
                message: format!(
                    "{}, while {context} that starts here",
                    explain_yaml_error(problem)
                ),
            };
        }
    }
    let location = err.location();
    let mut line = location.as_ref().map(|l| l.line());
    let mut column = location.as_ref().map(|l| l.column());
    let message = explain_yaml_error(&full);
    if let (Some(key), Some(from), Some(col)) = (duplicated_key(&message), line, column) {
        if let Some(second) = duplicate_key_line(text, from, col, &key) {
            line = Some(second);
            column = None;
        }
    }
    Located {
        line,
        column,
        message,
    }
}

/// The key serde names in "duplicate entry with key \"team\"".
fn duplicated_key(message: &str) -> Option<String> {
    let quoted = &message[message.find("duplicate entry with key ")? + 25..];
    serde_json::from_str::<String>(quoted.trim()).ok()
}

/// The key of a `key: value` line, unquoted; `None` for other lines.
pub fn key_of(line: &str) -> Option<String> {
    let line = line.trim_start().trim_start_matches("- ");
    if line.starts_with('"') || line.starts_with('\'') {
        let quote = line.chars().next()?;
        let end = line[1..].find(quote)? + 2;
        // A quoted key may hold escapes: the parser reads it as the file means it.
        return serde_yaml::from_str::<String>(&line[..end]).ok();
    }
    let (key, _) = line.split_once(':')?;
    Some(key.trim_end().to_string())
}

/// The second line, from line `from` on, whose key at `column` (1-based) is `key`; the
/// scan ends where the mapping does (a line indented less).
pub fn duplicate_key_line(text: &str, from: usize, column: usize, key: &str) -> Option<usize> {
    let indent = column.saturating_sub(1);
    let mut seen = 0;
    for (i, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let own_indent = line.len() - trimmed.len();
        // The mapping's first line may start with `- `; its key is at `column` anyway.
        let at_column = line.get(indent..).filter(|rest| !rest.starts_with(' '));
        if i + 1 > from && own_indent < indent {
            break;
        }
        if at_column.and_then(key_of).as_deref() == Some(key) {
            seen += 1;
            if seen == 2 {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The line of each key directly under `answers:` (the first, when a key repeats), found
/// in one pass.
pub fn answer_key_lines(text: &str) -> HashMap<String, usize> {
    let mut lines = HashMap::new();
    let mut inside = false;
    let mut indent = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let own_indent = line.len() - trimmed.len();
        if own_indent == 0 {
            inside = key_of(line).as_deref() == Some("answers");
            indent = None;
            continue;
        }
        if !inside || *indent.get_or_insert(own_indent) != own_indent {
            continue;
        }
        if let Some(key) = key_of(line) {
            lines.entry(key).or_insert(i + 1);
        }
    }
    lines
}

/// The first line at or after `from` that contains `needle`, within the item that starts
/// at `from` (up to the next line indented as little as it or less), so that locating a
/// problem reads one item, not the rest of the file.
pub fn line_within_item(text: &str, from: usize, needle: &str) -> Option<usize> {
    let from = from.max(1);
    within_item(text.lines().skip(from - 1), from, needle)
}

/// Where each line of a text starts: a file with thousands of problems goes to each
/// problem's item directly instead of reading every line before it again.
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    pub fn new(text: &str) -> LineStarts {
        let after_newlines = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1);
        LineStarts(std::iter::once(0).chain(after_newlines).collect())
    }

    /// `line_within_item` of the same text.
    pub fn line_within_item(&self, text: &str, from: usize, needle: &str) -> Option<usize> {
        let from = from.max(1);
        let start = *self.0.get(from - 1)?;
        within_item(text.get(start..)?.lines(), from, needle)
    }
}

/// `lines` start at line `first`, the item's first line.
fn within_item<'t>(
    mut lines: impl Iterator<Item = &'t str>,
    first: usize,
    needle: &str,
) -> Option<usize> {
    let head = lines.next()?;
    if head.contains(needle) {
        return Some(first);
    }
    let item_indent = head.len() - head.trim_start().len();
    for (i, line) in lines.enumerate() {
        let trimmed = line.trim_start();
        if !trimmed.is_empty() && line.len() - trimmed.len() <= item_indent {
            return None;
        }
        if line.contains(needle) {
            return Some(first + 1 + i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> Located {
        let err = serde_yaml::from_str::<T>(text).unwrap_err();
        yaml_error(&err, text)
    }

    #[test]
    fn a_duplicated_key_is_reported_at_its_second_line() {
        let text =
            "project: x\nanswers:\n  team: a\n  volume: b\n  # c\n  # d\n  peak: c\n  team: a\n";
        let at = located::<serde_yaml::Mapping>(text);
        assert_eq!(at.line, Some(8), "{at:?}");
        assert!(at.message.contains("duplicate entry with key \"team\""));
    }

    #[test]
    fn a_duplicated_key_in_a_list_item_is_found_too() {
        let text = "questions:\n  - id: a\n    prompt: x\n    id: b\n";
        let at = located::<serde_yaml::Value>(text);
        assert_eq!(at.line, Some(4), "{at:?}");
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let text = "questions:\n  - id: foo\n    prompt: \"hello\n    section: x\n";
        let at = located::<serde_yaml::Value>(text);
        assert_eq!(at.line, Some(3), "{at:?}");
        assert!(at.message.contains("quoted scalar"), "{}", at.message);
    }

    #[test]
    fn answer_keys_are_indexed_in_one_pass() {
        let text = "project: x\nanswers:\n  a: 1\n  \"b\": [x,\n    y]\n  a: 2\nother:\n  c: 3\n";
        let lines = answer_key_lines(text);
        assert_eq!(lines.get("a"), Some(&3));
        assert_eq!(lines.get("b"), Some(&4));
        assert_eq!(lines.get("c"), None);
    }

    #[test]
    fn item_search_stops_at_the_next_item() {
        let text = "- id: a\n  x: 1\n- id: b\n  y: 2\n";
        assert_eq!(line_within_item(text, 1, "x:"), Some(2));
        assert_eq!(line_within_item(text, 1, "y:"), None);
        assert_eq!(line_within_item(text, 3, "y:"), Some(4));
    }

    #[test]
    fn line_starts_find_what_reading_from_the_top_finds() {
        let text = "- id: a\r\n  x: 1\n\n- id: b\n  y: 2\n  z: 3";
        let starts = LineStarts::new(text);
        for from in 0..8 {
            for needle in ["x:", "y:", "z:", "id:", "none"] {
                assert_eq!(
                    starts.line_within_item(text, from, needle),
                    line_within_item(text, from, needle),
                    "from line {from}, looking for {needle}"
                );
            }
        }
        assert_eq!(starts.line_within_item(text, 4, "z:"), Some(6));
    }
}
