//! What goes into `App::update`.

use std::path::PathBuf;

use crate::session::{Done, WriteError, WriteKind};
use crate::tui::keymap::KeyCommand;
use crate::tui::layout::FrameLayout;

/// What the app hears: keys (already looked up in the key table), text, the mouse, what
/// the frame laid out, and the results of the effects it asked for.
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
    /// The frame just drawn: what it laid out, for the keys and clicks that follow.
    Drawn(Box<FrameLayout>),
    /// What came of an `Effect::Write`.
    Wrote {
        kind: WriteKind,
        /// The main file of the write.
        path: PathBuf,
        result: Result<(), WriteError>,
    },
    AutosaveFailed(String),
}

impl Action {
    /// What came of an effect, as the app hears it (nothing, for nothing to tell).
    pub fn heard(done: Done) -> Option<Action> {
        match done {
            Done::Nothing | Done::Quit => None,
            Done::AutosaveFailed { path, error } => Some(Action::AutosaveFailed(format!(
                "{}: {error}",
                path.display()
            ))),
            Done::Wrote { kind, path, result } => Some(Action::Wrote { kind, path, result }),
        }
    }
}
