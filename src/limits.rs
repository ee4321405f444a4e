//! The limits on every input, and reading within them. Real inputs are far below each
//! limit (an answers file is a few kilobytes, the whole embedded knowledge base 1.5 MB);
//! the limits keep a hostile or broken file from costing minutes or gigabytes. The README
//! lists them under "Limits and failure modes".

use std::io::{self, Read};
use std::path::Path;

/// An answers file (and the autosave, and a file given to `--resume`).
pub const ANSWERS_FILE_BYTES: u64 = 1 << 20;
/// One free-text answer, a project name or a decider's name.
pub const TEXT_ANSWER_BYTES: usize = 16 << 10;
/// One file of a `--kb` directory.
pub const KB_FILE_BYTES: u64 = 4 << 20;
/// All the files read from one `--kb` directory together (the embedded base is 1.2 MB).
pub const KB_DIR_BYTES: u64 = 32 << 20;
/// Files in one `--kb` directory, counted as the walk finds them.
pub const KB_DIR_FILES: usize = 10_000;
/// Directory levels below a `--kb` directory.
pub const KB_DIR_DEPTH: usize = 16;
/// Entries of a record directory read to find the next number.
pub const RECORD_DIR_ENTRIES: usize = 100_000;
/// Collections inside collections, in any YAML file read.
pub const YAML_NESTING: usize = 64;
/// A record template (`--template`, `dbadvise-template.md`); a real one is a few KB.
pub const TEMPLATE_BYTES: u64 = 256 << 10;
/// An `.adr-dir` file: one relative path.
pub const ADR_DIR_FILE_BYTES: u64 = 4 << 10;
/// A record read to mark it superseded.
pub const RECORD_FILE_BYTES: u64 = 1 << 20;
/// A domain model for `schema --model`: thousands of entities fit in far less.
pub const MODEL_FILE_BYTES: u64 = 1 << 20;
/// One schema file given to `review` (GitLab's whole structure.sql is 2 MB).
pub const REVIEW_FILE_BYTES: u64 = 64 << 20;
/// All the files of a migrations directory given to `review`, together.
pub const REVIEW_DIR_BYTES: u64 = 256 << 20;
/// `.sql` files in a migrations directory given to `review`.
pub const REVIEW_DIR_FILES: usize = 100_000;
/// Rules whose findings a review keeps in the answers file it writes (the record names
/// those that bear on the decision).
pub const REVIEWED_FINDINGS: usize = 40;
/// Places of one rule's findings kept in that file (the rest are counted).
pub const REVIEWED_PLACES: usize = 3;
/// Problems described in one message; the rest are counted.
pub const PROBLEMS_SHOWN: usize = 50;

/// Human size: `1 MiB`, `16 KiB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Reads a UTF-8 text file of at most `limit` bytes. Reads one byte past the limit, never
/// more, so a device or a pipe that never ends fails as fast as a large file.
pub fn read_text(path: &Path, limit: u64, what: &str) -> io::Result<String> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "larger than {}, the limit for {what} (see \"Limits and failure modes\" in the README)",
                size(limit)
            ),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// The first line at which YAML collections nest deeper than `max`, found in one pass
/// before the parser sees the text: libyaml's cost grows with the square of the nesting,
/// so 200 KB of `[` would take minutes to reject. Counts flow collections (`[`, `{`),
/// block collections (by indentation) and `- ` items that open on one line. Quoted text,
/// comments and block scalars (`|`, `>`) are skipped; a bracket inside plain text is not
/// counted unless it starts a value.
pub fn yaml_too_deep(text: &str, max: usize) -> Option<usize> {
    let mut scan = NestingScan::default();
    for (i, line) in text.lines().enumerate() {
        if scan.line(line) > max {
            return Some(i + 1);
        }
    }
    None
}

#[derive(Default)]
struct NestingScan {
    flow: usize,
    quote: Option<char>,
    /// Inside a block scalar: the indentation of the line that opened it.
    block_scalar: Option<usize>,
    /// Indentations of the open block collections.
    indents: Vec<usize>,
}

impl NestingScan {
    /// Scans one line; returns the nesting depth reached on it.
    fn line(&mut self, line: &str) -> usize {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(parent) = self.block_scalar {
            if rest.trim().is_empty() || indent > parent {
                return 0;
            }
            self.block_scalar = None;
        }
        let blank = rest.trim().is_empty() || rest.starts_with('#');
        if self.flow == 0 && self.quote.is_none() && !blank {
            while self.indents.last().is_some_and(|&top| top >= indent) {
                self.indents.pop();
            }
            self.indents.push(indent);
        }
        let mut deepest = self.indents.len() + self.flow;
        let mut items = 0;
        // Whether the next character starts a value (where `[`, `{`, a quote, `|` count).
        let mut value_start = true;
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if let Some(q) = self.quote {
                match c {
                    '\\' if q == '"' => {
                        chars.next();
                    }
                    '\'' if q == '\'' && chars.peek() == Some(&'\'') => {
                        chars.next();
                    }
                    c if c == q => {
                        self.quote = None;
                        value_start = false;
                    }
                    _ => {}
                }
                continue;
            }
            let next_is_blank = chars.peek().is_none_or(|n| n.is_whitespace());
            match c {
                ' ' | '\t' => continue,
                '#' if value_start => break,
                '-' | '?' if value_start && next_is_blank && self.flow == 0 => items += 1,
                '[' | '{' if value_start => self.flow += 1,
                ']' | '}' if self.flow > 0 => {
                    self.flow -= 1;
                    value_start = false;
                }
                ',' if self.flow > 0 => value_start = true,
                ':' if next_is_blank || self.flow > 0 => value_start = true,
                '"' | '\'' if value_start => self.quote = Some(c),
                '|' | '>' if value_start && self.flow == 0 => {
                    self.block_scalar = Some(indent);
                    break;
                }
                _ => value_start = false,
            }
            deepest = deepest.max(self.indents.len() + self.flow + items);
            // A comment needs a blank before it; after a value, a blank makes one possible.
            if next_is_blank && !value_start {
                if let Some(' ' | '\t') = chars.peek() {
                    if rest_is_comment(&mut chars) {
                        break;
                    }
                }
            }
        }
        deepest
    }
}

/// Skips blanks; true when a comment follows them.
fn rest_is_comment(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
        chars.next();
    }
    chars.peek() == Some(&'#')
}

/// The message for text nested too deeply.
pub fn too_deep_message() -> String {
    format!(
        "collections nested more than {YAML_NESTING} levels deep (the limit; a real file needs fewer than 10)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_and_block_nesting_is_found_on_its_line() {
        let deep = format!("a: 1\nb: {}\n", "[".repeat(100));
        assert_eq!(yaml_too_deep(&deep, 64), Some(2));
        let items = format!("x:\n  {}1\n", "- ".repeat(70));
        assert_eq!(yaml_too_deep(&items, 64), Some(2));
        let mut stairs = String::new();
        for i in 0..70 {
            stairs.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert_eq!(yaml_too_deep(&stairs, 64), Some(65));
    }

    #[test]
    fn brackets_in_text_quotes_comments_and_block_scalars_do_not_count() {
        let text = "a: see [docs and {more\n\
                    b: \"[[[[[[\"\n\
                    c: '{{{{ it''s [[[['\n\
                    d: x # [[[[[[[[\n\
                    e: |\n  [[[[[[[[[[\n  {{{{{{{{\n\
                    f: [1, [2, {g: 3}]]\n";
        let mut scan = NestingScan::default();
        let depths: Vec<usize> = text.lines().map(|l| scan.line(l)).collect();
        assert_eq!(depths, vec![1, 1, 1, 1, 1, 0, 0, 4]);
    }

    #[test]
    fn the_embedded_knowledge_base_is_far_below_the_limit() {
        for file in crate::kb::load::embedded_files() {
            if file.relative.ends_with(".yaml") {
                let depth = {
                    let mut scan = NestingScan::default();
                    file.text.lines().map(|l| scan.line(l)).max().unwrap_or(0)
                };
                assert!(depth < 16, "{} nests {depth} deep", file.relative);
            }
        }
    }
}
