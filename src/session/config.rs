//! What a session starts with: where answers are autosaved and the autosave found there,
//! the record directory, the record's date, and the theme.

use std::io;
use std::path::{Path, PathBuf};

use crate::engine::{parse_answers, Answers};
use crate::kb::KnowledgeBase;
use crate::settings::Settings;

/// An autosave found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Autosaved {
    None,
    Found { path: PathBuf, answers: Answers },
    Unreadable { path: PathBuf, message: String },
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Where answers are autosaved after every change (none: autosave is off).
    pub autosave: Option<PathBuf>,
    /// The autosave path as shown to people (`~/…`).
    pub autosave_shown: String,
    pub autosaved: Autosaved,
    /// An existing record directory (adr-tools, MADR) and its next number: the export
    /// then defaults to `DIR/NNNN-title.md`.
    pub record_dir: Option<(PathBuf, u32)>,
    /// The record's date, `YYYY-MM-DD`.
    pub date: String,
    /// `NO_COLOR`: a monochrome theme.
    pub mono: bool,
}

impl Config {
    /// The configuration from the settings, with the autosave they point at read.
    pub fn new(kb: &KnowledgeBase, settings: &Settings) -> Config {
        let autosave = settings.autosave_path();
        let autosaved = autosave
            .as_deref()
            .map(|p| read_autosave(kb, p))
            .unwrap_or(Autosaved::None);
        Config {
            autosave_shown: autosave
                .as_deref()
                .map(|p| settings.shown(p))
                .unwrap_or_default(),
            autosave,
            autosaved,
            record_dir: settings.record_dir.clone(),
            date: settings.today.clone(),
            mono: settings.no_color,
        }
    }

    /// A configuration for tests and benchmarks: no autosave, nothing found, a fixed date.
    pub fn bare() -> Config {
        Config {
            autosave: None,
            autosave_shown: String::new(),
            autosaved: Autosaved::None,
            record_dir: None,
            date: "2025-01-01".into(),
            mono: false,
        }
    }
}

/// Reads the autosave, if any, for the start screen's offer.
pub fn read_autosave(kb: &KnowledgeBase, path: &Path) -> Autosaved {
    let text = match crate::limits::read_text(
        path,
        crate::limits::ANSWERS_FILE_BYTES,
        "an answers file",
    ) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Autosaved::None,
        Err(e) => {
            return Autosaved::Unreadable {
                path: path.to_path_buf(),
                message: format!("{}: {e}", path.display()),
            }
        }
    };
    match parse_answers(kb, &path.display().to_string(), &text) {
        Ok(answers) if answers.values.is_empty() => Autosaved::None,
        Ok(answers) => Autosaved::Found {
            path: path.to_path_buf(),
            answers,
        },
        Err(e) => Autosaved::Unreadable {
            path: path.to_path_buf(),
            message: e.to_string(),
        },
    }
}
