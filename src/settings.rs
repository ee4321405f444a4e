//! What the front ends take from the environment, read once at start by `main`: where
//! autosaves go, the home directory (for `~/…`), `NO_COLOR`, the project's record
//! directory, today's date and whether the ends are a terminal. Nothing below `main`
//! reads an environment variable for them; tests build a `Settings` by hand.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::report::adr_dir;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Where autosaves go: `$DBADVISE_STATE_DIR`, else `$XDG_STATE_HOME/dbadvise`, else
    /// `~/.local/state/dbadvise`; none without any of them.
    pub state_dir: Option<PathBuf>,
    /// `$HOME`, to show paths under it as `~/…`.
    pub home: Option<PathBuf>,
    /// `NO_COLOR` is set (and not empty): draw without colour.
    pub no_color: bool,
    /// The record directory the current directory is in (adr-tools, MADR), relative to
    /// it, and the next number there.
    pub record_dir: Option<(PathBuf, u32)>,
    /// Today, `YYYY-MM-DD`: the date of a record exported.
    pub today: String,
    /// Standard input is a terminal.
    pub stdin_terminal: bool,
    /// Standard output is a terminal.
    pub stdout_terminal: bool,
}

impl Settings {
    /// Reads the environment, the terminal and the current directory.
    pub fn from_env() -> Settings {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let home = var("HOME");
        let state_dir = var("DBADVISE_STATE_DIR")
            .or_else(|| var("XDG_STATE_HOME").map(|d| d.join("dbadvise")))
            .or_else(|| home.as_ref().map(|h| h.join(".local/state/dbadvise")));
        Settings {
            state_dir,
            home,
            no_color: var("NO_COLOR").is_some(),
            record_dir: std::env::current_dir()
                .ok()
                .and_then(|cwd| record_dir(&cwd)),
            today: jiff::Zoned::now().date().to_string(),
            stdin_terminal: std::io::stdin().is_terminal(),
            stdout_terminal: std::io::stdout().is_terminal(),
        }
    }

    /// Both ends are a terminal: the interview can be drawn.
    pub fn is_terminal(&self) -> bool {
        self.stdin_terminal && self.stdout_terminal
    }

    /// The autosave file, in the state directory.
    pub fn autosave_path(&self) -> Option<PathBuf> {
        self.state_dir.as_ref().map(|d| d.join("autosave.yaml"))
    }

    /// A path as people like to read it: `~/…` under the home directory.
    pub fn shown(&self, path: &Path) -> String {
        if let Some(rest) = self.home.as_ref().and_then(|h| path.strip_prefix(h).ok()) {
            return format!("~/{}", rest.display());
        }
        path.display().to_string()
    }
}

/// The record directory `cwd` is in, relative to it, and its next number.
fn record_dir(cwd: &Path) -> Option<(PathBuf, u32)> {
    // An unreadable `.adr-dir` leaves the export's default outside a record directory;
    // `adr new` names the problem.
    let dir = adr_dir::find_dir(cwd, None).ok()?;
    if !dir.is_dir() {
        return None;
    }
    // A directory that gives no number (its records reach the last there is) is still
    // where the record goes: the export then says why it cannot number it.
    let next = adr_dir::next_number(&dir).unwrap_or(u32::MAX);
    let relative = dir.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(dir);
    Some((relative, next))
}
