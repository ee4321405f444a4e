//! The record directory as adr-tools and MADR users keep it: where it is, the next
//! number, file names, and marking a record superseded.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::exit::Exit;

/// Where records live when nothing says otherwise (MADR's convention).
pub const DEFAULT_DIR: &str = "docs/decisions";
/// Directories adr-tools, adrs, log4brains and MADR users keep records in, in the order
/// they are looked for.
pub const KNOWN_DIRS: [&str; 3] = ["doc/adr", "docs/adr", "docs/decisions"];

/// The record directory for a project whose root (or a subdirectory) is `cwd`:
/// `explicit` wins, then a `.adr-dir` file in `cwd` or a parent (adr-tools), then the
/// first existing known directory, then `docs/decisions`. An `.adr-dir` that cannot be
/// read (too large, not UTF-8, unreadable) is an error naming it, not skipped.
pub fn find_dir(cwd: &Path, explicit: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    for ancestor in cwd.ancestors() {
        let file = ancestor.join(".adr-dir");
        let limit = crate::limits::ADR_DIR_FILE_BYTES;
        match crate::limits::read_text(&file, limit, "an .adr-dir file") {
            Ok(text) if !text.trim().is_empty() => return Ok(ancestor.join(text.trim())),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory
                ) => {}
            Err(e) => return Err(Error::read(Exit::Records, &file, e)),
        }
    }
    Ok(KNOWN_DIRS
        .iter()
        .map(|d| cwd.join(d))
        .find(|d| d.is_dir())
        .unwrap_or_else(|| cwd.join(DEFAULT_DIR)))
}

/// The number at the start of a record's file name (`0007-use-postgresql.md` → 7). A
/// number too large to hold reads as the largest, so that numbering refuses to go on
/// instead of starting again below it.
pub fn number_of(file_name: &str) -> Option<u32> {
    let digits: String = file_name.chars().take_while(char::is_ascii_digit).collect();
    let appendix = file_name.ends_with(super::companions::APPENDIX);
    if digits.is_empty() || !file_name.ends_with(".md") || appendix {
        return None;
    }
    Some(digits.parse().unwrap_or(u32::MAX))
}

/// The records in `dir`: (number, path), by number. A missing directory has none. Reads
/// at most `RECORD_DIR_ENTRIES` entries.
pub fn records(dir: &Path) -> std::io::Result<Vec<(u32, PathBuf)>> {
    let mut out = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for (count, entry) in entries.enumerate() {
                if count >= crate::limits::RECORD_DIR_ENTRIES {
                    return Err(std::io::Error::other(format!(
                        "more than {} entries (the limit for a record directory)",
                        crate::limits::RECORD_DIR_ENTRIES
                    )));
                }
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(n) = number_of(&name) {
                    out.push((n, entry.path()));
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    out.sort();
    Ok(out)
}

/// One more than the highest number present (gaps are kept, never filled).
pub fn next_number(dir: &Path) -> std::io::Result<u32> {
    match records(dir)?.last() {
        None => Ok(1),
        Some((n, _)) => n.checked_add(1).ok_or_else(|| past_the_last(*n)),
    }
}

fn past_the_last(n: u32) -> std::io::Error {
    std::io::Error::other(format!(
        "a record is numbered {n}, and no record can be numbered after {}: \
         renumber the records or start a new record directory",
        u32::MAX
    ))
}

/// Record files claimed for writing: created empty, so that no other writer takes
/// their numbers. Removed on drop unless `keep` was called.
pub struct Claim {
    pub first: u32,
    pub paths: Vec<PathBuf>,
    kept: bool,
}

impl Claim {
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if !self.kept {
            for path in &self.paths {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// Claims `count` consecutive numbers in `dir` for records named by `name(number, i)`,
/// from `from` or the next number, whichever is higher. Each file is created new (never
/// over another), and a number some other file already holds, under another name, is
/// given up: of two writers that claim one number at once, at least the second sees the
/// first's file. On a clash it moves to the next number. `adr new` and the interview's
/// export both number records here.
pub fn claim(
    dir: &Path,
    from: u32,
    count: usize,
    name: impl Fn(u32, usize) -> String,
) -> std::io::Result<Claim> {
    let count32 = u32::try_from(count).map_err(|_| past_the_last(u32::MAX))?;
    let mut candidate = from;
    for _ in 0..10_000 {
        let first = candidate.max(next_number(dir)?);
        let last = first
            .checked_add(count32.saturating_sub(1))
            .ok_or_else(|| past_the_last(first))?;
        let mut claim = Claim {
            first,
            paths: Vec::new(),
            kept: false,
        };
        let mut clash = false;
        for i in 0..count {
            let path = dir.join(name(first + i as u32, i));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => claim.paths.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    clash = true;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        clash = clash
            || records(dir)?
                .iter()
                .any(|(n, path)| (first..=last).contains(n) && !claim.paths.contains(path));
        if !clash {
            return Ok(claim);
        }
        candidate = last.checked_add(1).ok_or_else(|| past_the_last(last))?;
    }
    Err(std::io::Error::other(
        "gave up after 10000 numbers taken by other writers at the same time",
    ))
}

/// The longest slug, in characters: file names stay readable in a listing.
pub const SLUG_MAX: usize = 60;

/// A file-name slug: lower-case letters and digits joined by single dashes. Nothing else
/// survives, so no title can name a path outside the directory. A slug longer than
/// `SLUG_MAX` is cut after its last whole word that fits; only a first word longer than
/// the limit is cut inside, so the name is never empty.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    // ASCII only from here, so byte offsets are character offsets.
    if out.len() > SLUG_MAX {
        let fits = out.as_bytes()[SLUG_MAX] == b'-';
        let cut = if fits {
            SLUG_MAX
        } else {
            out[..SLUG_MAX].rfind('-').unwrap_or(SLUG_MAX)
        };
        out.truncate(cut);
    }
    if out.is_empty() {
        "decision".into()
    } else {
        out
    }
}

pub fn file_name(number: u32, title: &str) -> String {
    renumbered(&format!("-{}.md", slug(title)), number)
}

/// A record's file name with its number replaced (`0007-x.md`, 8 → `0008-x.md`).
pub fn renumbered(name: &str, number: u32) -> String {
    let rest = name.trim_start_matches(|c: char| c.is_ascii_digit());
    format!("{number:04}{rest}")
}

/// The status a record states: MADR front matter `status:`, or the paragraph under a
/// Nygard `## Status` heading.
pub fn status_of(text: &str) -> Option<String> {
    if let Some(front) = front_matter(text) {
        for line in front.lines() {
            if let Some(value) = line.strip_prefix("status:") {
                return Some(value.trim().trim_matches('"').to_string());
            }
        }
    }
    let mut lines = text.lines().skip_while(|l| l.trim() != "## Status").skip(1);
    lines
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
}

/// Whether a status says superseded, in either spelling (adr-tools writes "Superceded").
pub fn is_superseded(status: &str) -> bool {
    let s = status.to_lowercase();
    s.starts_with("superseded") || s.starts_with("superceded")
}

fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    Some(&rest[..end])
}

/// The title of a record: its first `# ` heading, without adr-tools' "N. " prefix.
pub fn title_of(text: &str) -> Option<String> {
    let heading = text.lines().find_map(|l| l.strip_prefix("# "))?;
    let without_number = match heading.split_once(". ") {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => heading,
    };
    Some(without_number.trim().to_string())
}

/// The record's text with its status replaced by `superseded by` a link to the new record.
/// Works on MADR front matter and on Nygard/adr-tools `## Status` sections; `None` when
/// the record states no status where either layout puts it.
pub fn mark_superseded(text: &str, by_label: &str, by_file: &str) -> Option<String> {
    let link = format!("[{by_label}]({by_file})");
    if let Some(front) = front_matter(text) {
        if front.lines().any(|l| l.starts_with("status:")) {
            let mut out = String::new();
            let mut in_front = true;
            for (i, line) in text.lines().enumerate() {
                if i > 0 && line == "---" {
                    in_front = false;
                }
                if in_front && line.starts_with("status:") {
                    out.push_str(&format!("status: \"superseded by {link}\"\n"));
                } else {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            return Some(out);
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    let heading = lines.iter().position(|l| l.trim() == "## Status")?;
    // The status paragraph: the non-empty lines after the heading, up to the next heading
    // or blank line after them.
    let start = (heading + 1..lines.len()).find(|&i| !lines[i].trim().is_empty())?;
    if lines[start].starts_with('#') {
        return None;
    }
    let end = (start..lines.len())
        .find(|&i| lines[i].trim().is_empty() || lines[i].starts_with('#'))
        .unwrap_or(lines.len());
    let mut out: Vec<String> = lines[..start].iter().map(|l| l.to_string()).collect();
    out.push(format!("Superseded by {link}"));
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    Some(out.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_cannot_leave_the_directory() {
        assert_eq!(slug("../../etc/x"), "etc-x");
        assert_eq!(slug("Use PostgreSQL & Redis!"), "use-postgresql-redis");
        assert_eq!(slug("///"), "decision");
        assert_eq!(file_name(7, "A b"), "0007-a-b.md");
    }

    #[test]
    fn long_slugs_are_cut_after_a_whole_word() {
        // The title --split gave "…-cp-one-pr.md": 60 characters end inside "primary".
        let title = "Consistency under partitions (CAP) for Online shop: CP, one primary";
        let name = file_name(3, title);
        assert_eq!(
            name,
            "0003-consistency-under-partitions-cap-for-online-shop-cp-one.md"
        );
        let s = slug(title);
        assert!(s.len() <= SLUG_MAX && !s.ends_with('-'), "{s}");
        // A cut that falls right before a dash keeps the whole last word.
        let exact = format!("{} bb", "a".repeat(SLUG_MAX));
        assert_eq!(slug(&exact), "a".repeat(SLUG_MAX));
        let exact = format!("{} {} cc", "a".repeat(29), "b".repeat(30));
        assert_eq!(
            slug(&exact),
            format!("{}-{}", "a".repeat(29), "b".repeat(30))
        );
        // Short titles are untouched.
        assert_eq!(slug("Use PostgreSQL"), "use-postgresql");
    }

    #[test]
    fn a_first_word_longer_than_the_limit_is_cut_inside_it() {
        let word = "x".repeat(SLUG_MAX + 15);
        let s = slug(&format!("{word} and more"));
        assert_eq!(s, "x".repeat(SLUG_MAX));
        assert_eq!(
            file_name(1, &word),
            format!("0001-{}.md", "x".repeat(SLUG_MAX))
        );
    }

    #[test]
    fn numbering_never_wraps() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("4294967295-x.md"), "").unwrap();
        let err = next_number(dir.path()).unwrap_err();
        assert!(
            err.to_string().contains("no record can be numbered after"),
            "{err}"
        );
        assert!(claim(dir.path(), 1, 1, |n, _| file_name(n, "y")).is_err());
        std::fs::remove_file(dir.path().join("4294967295-x.md")).unwrap();
        std::fs::write(dir.path().join("99999999999-x.md"), "").unwrap();
        assert!(
            next_number(dir.path()).is_err(),
            "a number past u32 reads as the largest"
        );
    }

    #[test]
    fn a_claim_moves_past_numbers_taken_under_other_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("0001-a.md"), "").unwrap();
        let taken = claim(dir.path(), 1, 2, |n, _| file_name(n, "b")).unwrap();
        assert_eq!(taken.first, 2);
        assert!(dir.path().join("0003-b.md").exists());
        drop(taken);
        assert!(
            !dir.path().join("0002-b.md").exists(),
            "an unkept claim is removed"
        );
        let kept = claim(dir.path(), 1, 1, |n, _| file_name(n, "c")).unwrap();
        assert_eq!(kept.first, 2);
        kept.keep();
        assert!(dir.path().join("0002-c.md").exists());
        // A number asked for above the next is kept; below it, the next is taken.
        let high = claim(dir.path(), 9, 1, |n, _| renumbered("0001-d.md", n)).unwrap();
        assert_eq!(high.paths, [dir.path().join("0009-d.md")]);
        drop(high);
        let low = claim(dir.path(), 1, 1, |n, _| renumbered("0001-d.md", n)).unwrap();
        assert_eq!(low.paths, [dir.path().join("0003-d.md")]);
    }

    #[test]
    fn numbers_come_from_record_file_names_only() {
        assert_eq!(number_of("0012-use-x.md"), Some(12));
        assert_eq!(number_of("README.md"), None);
        assert_eq!(number_of("0012-use-x.answers.yaml"), None);
    }

    #[test]
    fn both_spellings_of_superseded_are_read() {
        assert!(is_superseded("Superceded by [3. Use X](0003-use-x.md)"));
        assert!(is_superseded("superseded by ADR-0003"));
        assert!(!is_superseded("Accepted"));
    }
}
