//! Text from files and people, made safe to print: control characters (escape sequences
//! that clear the screen or set the clipboard, carriage returns that overwrite a line,
//! bidirectional overrides that reorder it) are shown as `\u001b`-style escapes instead of
//! reaching the terminal or a written file raw. Escaping, not stripping, so a message
//! about a bad key still shows what the key holds.
//!
//! Used at the boundaries: what goes to standard output and error, into written files,
//! and names read from answers files.

use std::borrow::Cow;

/// Whether `c` must not be written raw. Newline and tab are decided by the caller.
fn is_unsafe(c: char) -> bool {
    // C0, DEL and C1 (`is_control`), and the bidirectional embeddings, overrides and
    // isolates that make text display in another order than it reads.
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let raw_ok = |at: usize, c: char| {
        !is_unsafe(c)
            || (keep_lines
                && (c == '\n' || c == '\t' || (c == '\r' && bytes.get(at + 1) == Some(&b'\n'))))
    };
    // Printable ASCII is always safe, and so are the line breaks and tabs a block
    // keeps: only the other bytes start a character worth a look, and they are few.
    let plain = |b: &u8| (b' '..=b'~').contains(b) || (keep_lines && matches!(b, b'\n' | b'\t'));
    let mut at = 0;
    let first = loop {
        let Some(skip) = bytes[at..].iter().position(|b| !plain(b)) else {
            return Cow::Borrowed(text);
        };
        at += skip;
        let c = text[at..].chars().next().expect("a character starts here");
        if !raw_ok(at, c) {
            break at;
        }
        at += c.len_utf8();
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for (at, c) in text[first..].char_indices() {
        let at = first + at;
        if raw_ok(at, c) {
            out.push(c);
        } else {
            // Four hex digits: every character escaped here is in the BMP, and the same
            // form is a valid escape inside a JSON string.
            out.push_str(&format!("\\u{:04x}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Text of one line (an id, a file name, a project name): every control character
/// escaped, newlines included, so it cannot start a line of its own.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Text of several lines (a message, a record, a report): newlines, tabs and CRLF line
/// ends kept, every other control character escaped.
pub fn block(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// Text with every control character dropped, for a place that has no room for an
/// escape: a cell of the terminal interview, which holds one character.
pub fn strip(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        Cow::Owned(text.chars().filter(|&c| !is_unsafe(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// A path as one line of text, for messages.
pub fn path(path: &std::path::Path) -> String {
    line(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_c1_controls_are_shown_not_sent() {
        let hostile = "a\u{1b}[2J\u{1b}]52;c;aGk=\u{7}b\u{9b}31m\u{7f}";
        let safe = block(hostile);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert_eq!(
            safe,
            "a\\u001b[2J\\u001b]52;c;aGk=\\u0007b\\u009b31m\\u007f"
        );
    }

    #[test]
    fn lines_and_tabs_are_kept_in_blocks_only() {
        assert_eq!(block("a\n\tb\r\nc"), "a\n\tb\r\nc");
        assert_eq!(block("a\rb"), "a\\u000db");
        assert_eq!(line("a\nb\tc"), "a\\u000ab\\u0009c");
    }

    #[test]
    fn bidirectional_overrides_are_escaped() {
        assert_eq!(line("abc\u{202E}def"), "abc\\u202edef");
    }

    #[test]
    fn strip_drops_what_escaping_would_show() {
        assert_eq!(strip("a\u{202E}b\u{2066}\u{1b}[2J\n"), "ab[2J");
        assert!(matches!(strip("plain · text"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_control_after_long_safe_text_is_still_found() {
        // Printable ASCII is skipped a byte at a time; what follows it is looked at whole.
        let safe_part = "é → ok\n\t".repeat(50) + &"x".repeat(500);
        for (hostile, shown) in [
            ("\r", "\\u000d"),
            ("\r\n", "\r\n"),
            ("\u{9b}", "\\u009b"),
            ("\u{2067}", "\\u2067"),
            ("\u{7f}", "\\u007f"),
        ] {
            let text = format!("{safe_part}{hostile}end");
            assert_eq!(
                block(&text),
                format!("{safe_part}{shown}end"),
                "{hostile:?}"
            );
        }
        assert_eq!(
            line(&safe_part),
            safe_part.replace('\n', "\\u000a").replace('\t', "\\u0009")
        );
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(block("plain · text\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_escape_is_valid_inside_a_json_string() {
        let json = serde_json::to_string("x\u{9b}y\u{1b}").unwrap();
        let safe = block(&json);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "x\u{9b}y\u{1b}");
    }
}
