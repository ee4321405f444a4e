//! What goes in and out of `App`: actions in, effects out, and the settings it starts with.

use std::path::PathBuf;

use crate::engine::Answers;
use crate::tui::keymap::KeyCommand;

/// What the app hears: keys (already looked up in the key table), text, the mouse, and
/// the results of the effects it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Key(KeyCommand),
    /// A character typed into the focused text field.
    Char(char),
    /// Text pasted into the focused text field.
    Paste(String),
    ScrollUp,
    ScrollDown,
    Click {
        column: u16,
        row: u16,
    },
    /// What came of an `Effect::Write`.
    Wrote {
        kind: WriteKind,
        /// The main file of the write.
        path: PathBuf,
        result: Result<(), WriteError>,
    },
    AutosaveFailed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    /// The answers file.
    Save,
    /// The decision record, with the files beside it (`export::files`).
    Export,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// A file is there already; the app asks before it replaces it.
    Exists(PathBuf),
    Failed(String),
    /// The record directory gives no number (its records reach the last one there is).
    Numbering(String),
}

/// Files to write, all or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub kind: WriteKind,
    /// (path, contents), the main file first.
    pub files: Vec<(PathBuf, String)>,
    /// Replace files that exist (the user said yes, or it is the file they work on).
    pub force: bool,
    /// A new numbered record in the record directory: its number is claimed as it is
    /// written (`adr_dir::claim`, as `adr new` does), and moves on if another record
    /// holds it meanwhile.
    pub numbered: bool,
}

/// What the app asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the answers to the autosave file. `fresh`: the first autosave of a new
    /// interview, so an older autosave is kept aside rather than overwritten.
    Autosave {
        path: PathBuf,
        contents: String,
        fresh: bool,
    },
    Write(Write),
    Quit,
}

/// An autosave found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Autosaved {
    None,
    Found { path: PathBuf, answers: Answers },
    Unreadable { path: PathBuf, message: String },
}

/// What the app is told at start: where things go, what was found.
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
