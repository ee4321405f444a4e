//! What a session asks the outside world to do, as data: the front end carries it out
//! (`files::carry_out`) and tells the session what came of it.

use std::path::PathBuf;

use super::export;

/// What the session (or the front end driving it) asks to be done.
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
    /// The user is done: end the front end.
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    /// The answers file.
    Save,
    /// The decision record, with the files beside it (`export::files`).
    Export,
}

/// Why a write was not done: kept as data for the front end, which asks before it
/// replaces a file; `main` gets it as a `crate::error::Error`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// A file is there already; the front end asks before it replaces it.
    #[error("{} exists", crate::safe_text::path(.0))]
    Exists(PathBuf),
    /// The words of the failure, made by `crate::error::Error` ("cannot write PATH: …").
    #[error("{0}")]
    Failed(String),
    /// The record directory gives no number (its records reach the last one there is).
    #[error("{0}")]
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
    /// The export's choices, to make the record again should its number move.
    pub options: export::Options,
}

/// What came of an effect carried out, for the front end to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Nothing to tell.
    Nothing,
    Quit,
    AutosaveFailed {
        path: PathBuf,
        error: String,
    },
    Wrote {
        kind: WriteKind,
        /// The main file of the write (where a numbered record landed).
        path: PathBuf,
        result: Result<(), WriteError>,
    },
}
