//! Loading knowledge-base sources: parsing their files, merging them in order, then
//! checking the result. All problems are collected, never just the first. The embedded
//! knowledge base is checked by build.rs with this code, and loaded from what it wrote
//! (`kb::embedded`).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::KbFile;
use super::{check, Archetype, KnowledgeBase, Origin, SnippetFile, Text};
use crate::{limits, suggest};

// Where they have always been, for the tests and benches that read the embedded files.
#[cfg(kb_prebuilt)]
pub use super::embedded::{embedded_files, EMBEDDED};

/// One thing wrong with the knowledge base, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::error::Error for Problem {}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// A file of a knowledge-base source: where it came from (for messages), its path
/// inside the source (for snippets) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub shown_as: String,
    pub relative: String,
    pub text: String,
    /// The same YAML file as JSON, converted by build.rs for the embedded files: parsed
    /// instead of `text` because it is much faster. `text` still gives lines for messages.
    pub json: Option<String>,
}

/// The files of a knowledge-base directory on disk. The walk follows no symlinked
/// directory (a loop would never end, and two links to one directory would define every
/// id twice) and stops at `KB_DIR_DEPTH` levels and `KB_DIR_FILES` files; each file is
/// read up to `KB_FILE_BYTES` as the walk finds it, and the walk stops once the files
/// read pass `KB_DIR_BYTES` together.
pub fn directory_files(dir: &Path) -> Result<Vec<SourceFile>, Problem> {
    let problem = |path: &Path, message: String| Problem {
        file: crate::safe_text::path(path),
        line: None,
        column: None,
        message,
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(problem(dir, "no such directory".into()))
        }
        Err(e) => return Err(problem(dir, format!("cannot read: {e}"))),
        Ok(meta) if !meta.is_dir() => return Err(problem(dir, "not a directory".into())),
        Ok(_) => {}
    }
    let mut files = Vec::new();
    let (mut count, mut bytes) = (0, 0u64);
    // In name order, whatever order the file system lists them in: the files come out
    // in path order, and a limit is reached at the same file every time.
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .max_depth(limits::KB_DIR_DEPTH + 1);
    for entry in walk {
        let entry = entry.map_err(|e| {
            let at = e.path().unwrap_or(dir).to_path_buf();
            problem(&at, format!("cannot read: {e}"))
        })?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            if entry.depth() > limits::KB_DIR_DEPTH {
                return Err(problem(
                    path,
                    format!(
                        "more than {} directory levels below {} (the limit for a --kb directory)",
                        limits::KB_DIR_DEPTH,
                        dir.display()
                    ),
                ));
            }
            continue;
        }
        if entry.file_type().is_symlink() && path.is_dir() {
            return Err(problem(
                path,
                "a symbolic link to a directory: --kb follows none (they can loop); \
                 give that directory as another --kb, or link its files"
                    .into(),
            ));
        }
        count += 1;
        if count > limits::KB_DIR_FILES {
            return Err(problem(
                dir,
                format!(
                    "more than {} files (the limit for a --kb directory)",
                    limits::KB_DIR_FILES
                ),
            ));
        }
        let relative = relative_path(dir, path);
        if !is_yaml(&relative) && !relative.starts_with("snippets/") {
            continue; // READMEs and the like are not part of the data
        }
        let text = limits::read_text(path, limits::KB_FILE_BYTES, "a knowledge-base file")
            .map_err(|e| problem(path, format!("cannot read: {e}")))?;
        // Counted as read, not from the file's stated size: a device states none.
        bytes += text.len() as u64;
        if bytes > limits::KB_DIR_BYTES {
            return Err(problem(
                dir,
                format!(
                    "more than {} in its knowledge-base files together, reached at {} \
                     (the limit for a --kb directory; see \"Limits and failure modes\" in the README)",
                    limits::size(limits::KB_DIR_BYTES),
                    crate::safe_text::line(&relative)
                ),
            ));
        }
        files.push(SourceFile {
            shown_as: crate::safe_text::path(path),
            relative,
            text,
            json: None,
        });
    }
    Ok(files)
}

fn relative_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.to_string_lossy().replace('\\', "/")
}

pub(super) fn is_yaml(relative: &str) -> bool {
    relative.ends_with(".yaml") || relative.ends_with(".yml")
}

/// The archetype a file under `archetypes/` defines: its name without `.yaml`.
pub(super) fn archetype_id(relative: &str) -> Option<&str> {
    relative
        .strip_prefix("archetypes/")
        .and_then(|name| name.strip_suffix(".yaml"))
        .filter(|id| !id.contains('/'))
}

/// Parses and merges the sources in order (later ones override earlier ones by id),
/// then checks the result.
pub fn load_sources(sources: Vec<Vec<SourceFile>>) -> Result<KnowledgeBase, Vec<Problem>> {
    let mut kb = KnowledgeBase::default();
    let mut problems = Vec::new();
    for (source_no, source) in sources.into_iter().enumerate() {
        for file in source {
            if let Some(id) = archetype_id(&file.relative) {
                kb.archetypes.insert(
                    id.to_string(),
                    Archetype::new(file.shown_as, file.text.into()),
                );
            } else if is_yaml(&file.relative) {
                // An overlay's item may change only some fields of an existing item.
                let parsed = if source_no > 0 {
                    parse_overlay_file(&kb, &file)
                } else {
                    parse_file(&file)
                };
                match parsed {
                    Ok(parsed) => kb.merge(parsed, &file, source_no),
                    Err(problem) => problems.push(problem),
                }
            } else if let Some(path) = file.relative.strip_prefix("snippets/") {
                let snippet = SnippetFile::new(path, file.shown_as, file.text.into());
                kb.snippets.insert(path.to_string(), snippet);
            }
        }
    }
    problems.append(&mut kb.duplicates);
    if !problems.is_empty() {
        // Reference checks on a partly parsed base would only add noise.
        return Err(problems);
    }
    kb.index();
    let problems = check::check(&kb);
    if problems.is_empty() {
        Ok(kb)
    } else {
        Err(problems)
    }
}

/// A merged, checked knowledge base as build.rs writes it for the binary (as MessagePack): its
/// lists and its snippet files. Where each item was defined matters only to the checks,
/// so it is left out.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checked {
    pub lists: KbFile,
    /// The code of each snippet file, by its path below `snippets/`.
    pub snippets: BTreeMap<String, Text>,
    /// The text of each archetype's model, by its id.
    #[serde(default)]
    pub archetypes: BTreeMap<String, Text>,
}

impl Checked {
    pub fn new(kb: KnowledgeBase) -> Checked {
        let snippets = kb.snippets.iter();
        let snippets = snippets.map(|(path, s)| (path.clone(), s.code.clone()));
        let archetypes = kb.archetypes.iter();
        let archetypes = archetypes.map(|(id, a)| (id.clone(), a.text.clone()));
        Checked {
            snippets: snippets.collect(),
            archetypes: archetypes.collect(),
            lists: KbFile {
                questions: kb.questions,
                trees: kb.trees,
                criteria: kb.criteria,
                engines: kb.engines,
                patterns: kb.patterns,
                topics: kb.topics,
                schemas: kb.schemas,
                capabilities: kb.capabilities,
                needs: kb.needs,
                upgrades: kb.upgrades,
                rules: kb.rules,
                review_rules: kb.review_rules,
                review_answers: kb.review_answers,
            },
        }
    }

    /// The knowledge base again, indexed, not checked: it was before `new`. Its snippets
    /// are shown as the embedded base's, the only one written this way.
    pub fn into_base(self) -> KnowledgeBase {
        // Every list named, so that a list added to the model cannot be left out here.
        let KbFile {
            questions,
            trees,
            criteria,
            engines,
            patterns,
            topics,
            schemas,
            capabilities,
            needs,
            upgrades,
            rules,
            review_rules,
            review_answers,
        } = self.lists;
        let mut kb = KnowledgeBase {
            questions,
            trees,
            criteria,
            engines,
            patterns,
            topics,
            schemas,
            capabilities,
            needs,
            upgrades,
            rules,
            review_rules,
            review_answers,
            ..KnowledgeBase::default()
        };
        for (id, text) in self.archetypes {
            let shown_as = format!("knowledge/archetypes/{id}.yaml");
            kb.archetypes.insert(id, Archetype::new(shown_as, text));
        }
        for (path, code) in self.snippets {
            let shown_as = format!("knowledge/snippets/{path}");
            kb.snippets
                .insert(path.clone(), SnippetFile::new(&path, shown_as, code));
        }
        kb.index();
        kb
    }
}

/// An overlay file, its items completed from the items they change (`overlay`). A file
/// that does not fit the model is reported as `parse_file` would, with its line.
fn parse_overlay_file(kb: &KnowledgeBase, file: &SourceFile) -> Result<KbFile, Problem> {
    if file.text.trim().is_empty() {
        return Ok(KbFile::default());
    }
    too_deep(file)?;
    let mut value: serde_yaml::Value = match serde_yaml::from_str(&file.text) {
        Ok(v) => v,
        Err(_) => return parse_file(file),
    };
    super::overlay::complete_partial_items(kb, &mut value);
    serde_yaml::from_value::<KbFile>(value).map_err(|err| {
        let message = explain_yaml_error(&err.to_string());
        // No position survives the merge: the line of the field the message names, or
        // for a value no field accepts (a misspelt rating), the line that writes it.
        let named = message.split('`').nth(1).unwrap_or("");
        let value_line = || {
            if !message.starts_with("unknown variant") {
                return None;
            }
            let mut lines = file.text.lines();
            let at = lines.position(|l| crate::kb::rules::names_word(l, named))?;
            Some(at + 1)
        };
        let line = (!named.is_empty())
            .then(|| line_of(&file.text, 1, &format!("{named}:")).or_else(value_line))
            .flatten();
        Problem {
            file: file.shown_as.clone(),
            line,
            column: None,
            message,
        }
    })
}

fn parse_file(file: &SourceFile) -> Result<KbFile, Problem> {
    if file.text.trim().is_empty() {
        return Ok(KbFile::default());
    }
    // Should the JSON not fit the model, the YAML below says where, with its line.
    if let Some(parsed) = file
        .json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
    {
        return Ok(parsed);
    }
    too_deep(file)?;
    serde_yaml::from_str::<KbFile>(&file.text).map_err(|err| {
        let at = super::locate::yaml_error(&err, &file.text);
        Problem {
            file: file.shown_as.clone(),
            line: at.line,
            column: at.column,
            message: at.message,
        }
    })
}

/// Refuses a file nested deeper than any real one before the parser spends minutes on it.
fn too_deep(file: &SourceFile) -> Result<(), Problem> {
    match crate::limits::yaml_too_deep(&file.text, crate::limits::YAML_NESTING) {
        Some(line) => Err(Problem {
            file: file.shown_as.clone(),
            line: Some(line),
            column: None,
            message: crate::limits::too_deep_message(),
        }),
        None => Ok(()),
    }
}

/// serde's message without its trailing position (we print that in front), plus a
/// "did you mean" when the message is about an unknown name.
pub fn explain_yaml_error(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let is_unknown = message.contains("unknown field") || message.contains("unknown variant");
    match (is_unknown, names.split_first()) {
        (true, Some((wrong, expected))) => {
            match suggest::nearest(wrong, expected.iter().copied()) {
                Some(near) => format!("{message} (did you mean `{near}`?)"),
                None => message.to_string(),
            }
        }
        _ => message.to_string(),
    }
}

/// The first line (1-based) at or after `from` whose text contains `needle`.
pub fn line_of(text: &str, from: usize, needle: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| line.contains(needle))
        .map(|(i, _)| i + 1)
}

/// The lines (1-based) of each `id: <id>` in a file, found in one pass, so that locating
/// every item of a large file does not rescan it once per item.
pub struct IdLines(HashMap<String, Vec<usize>>);

impl IdLines {
    pub fn new(text: &str) -> IdLines {
        let mut lines: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let mut item = line.trim_start();
            while let Some(rest) = item.strip_prefix("- ") {
                item = rest;
            }
            let Some(value) = item.strip_prefix("id: ") else {
                continue;
            };
            let value = value.trim_end();
            let unquoted = ['"', '\'']
                .iter()
                .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
                .unwrap_or(value);
            lines.entry(unquoted.to_string()).or_default().push(i + 1);
        }
        IdLines(lines)
    }

    /// Where the item with this id is defined in `file`: its first `id:` line at or after
    /// line `from`.
    pub fn origin(&self, file: &SourceFile, id: &str, from: usize) -> Origin {
        Origin {
            file: file.shown_as.clone(),
            line: self.line(id, from),
        }
    }

    /// The first `id: <id>` line at or after line `from`.
    pub fn line(&self, id: &str, from: usize) -> Option<usize> {
        self.nth_line(id, from, 0)
    }

    /// The `n`th (from 0) `id: <id>` line at or after line `from`: where an id defined
    /// several times is defined again. A binary search: the lines are in file order.
    pub fn nth_line(&self, id: &str, from: usize, n: usize) -> Option<usize> {
        let lines = self.0.get(id)?;
        lines.get(lines.partition_point(|&l| l < from) + n).copied()
    }
}

/// Title of a snippet: its first line when that is a comment, else its file name.
pub fn snippet_title(path: &str, code: &str) -> String {
    let first = code.lines().next().unwrap_or("").trim();
    for marker in ["--", "//", "#"] {
        if let Some(rest) = first.strip_prefix(marker) {
            let rest = rest.trim();
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    let stem = path.rsplit('/').next().unwrap_or(path);
    let stem = stem.split('.').next().unwrap_or(stem);
    stem.replace(['-', '_'], " ")
}

/// Kept by id so an overlay replaces the embedded item in place.
pub fn upsert<T: Clone>(
    items: &mut Vec<T>,
    origins: &mut BTreeMap<String, Origin>,
    item: T,
    id: &str,
    origin: Origin,
    id_of: impl Fn(&T) -> &str,
) {
    // Only an id seen before is searched for, so loading stays linear in the items.
    let existing = if origins.contains_key(id) {
        items.iter().position(|existing| id_of(existing) == id)
    } else {
        None
    };
    match existing {
        Some(i) => items[i] = item,
        None => items.push(item),
    }
    origins.insert(id.to_string(), origin);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lines_find_each_definition_from_a_line_on() {
        let text = "questions:\n  - id: a\n    x: 1\n  - id: \"b\"\n  - id: a\n";
        let file = SourceFile {
            shown_as: "f.yaml".into(),
            relative: "f.yaml".into(),
            text: text.into(),
            json: None,
        };
        let lines = IdLines::new(text);
        assert_eq!(lines.origin(&file, "a", 1).line, Some(2));
        assert_eq!(lines.origin(&file, "a", 3).line, Some(5));
        assert_eq!(lines.origin(&file, "b", 1).line, Some(4));
        assert_eq!(lines.origin(&file, "c", 1).line, None);
    }
}
