//! The progress line of a long review, on standard error: shown only on a terminal and
//! only once the work has taken a moment, so a small schema and a pipe never see it.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::review::ReviewProgress;

/// Work shorter than this shows no progress at all.
const QUIET_FOR: Duration = Duration::from_millis(300);
/// The line is redrawn at most this often.
const EVERY: Duration = Duration::from_millis(100);

pub struct ProgressLine {
    started: Instant,
    drawn: Option<Instant>,
    shown: bool,
    on_terminal: bool,
}

impl Default for ProgressLine {
    fn default() -> Self {
        Self::new()
    }
}

impl ProgressLine {
    pub fn new() -> ProgressLine {
        ProgressLine {
            started: Instant::now(),
            drawn: None,
            shown: false,
            on_terminal: std::io::stderr().is_terminal(),
        }
    }

    pub fn update(&mut self, at: ReviewProgress) {
        let now = Instant::now();
        let due = self.drawn.is_none_or(|d| now.duration_since(d) >= EVERY);
        if !self.on_terminal || now.duration_since(self.started) < QUIET_FOR || !due {
            return;
        }
        self.drawn = Some(now);
        self.shown = true;
        let line = match at {
            ReviewProgress::Reading {
                file,
                index,
                files,
                line,
                lines,
            } => {
                let which = if files > 1 {
                    format!(" (file {} of {files})", index + 1)
                } else {
                    String::new()
                };
                format!("reviewing {file}: line {line} of {lines}{which}")
            }
            ReviewProgress::Checking {
                done,
                rules,
                tables,
            } => format!("checking {tables} tables: rule {} of {rules}", done + 1),
        };
        let mut err = std::io::stderr().lock();
        // \r and erase-to-end redraw the one line; nothing is left when it is cleared.
        let _ = write!(err, "\r{}\x1b[K", crate::safe_text::line(&line));
        let _ = err.flush();
    }

    /// Runs `work`, which cannot say how far it has got (a database's client reading its
    /// catalogs), with a line that says what it waits for and for how long.
    pub fn while_waiting<T>(&mut self, what: &str, work: impl FnOnce() -> T) -> T {
        if !self.on_terminal {
            return work();
        }
        let done = AtomicBool::new(false);
        let drew = AtomicBool::new(false);
        let result = std::thread::scope(|scope| {
            scope.spawn(|| {
                let started = Instant::now();
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(EVERY);
                    let waited = started.elapsed();
                    if waited < QUIET_FOR || done.load(Ordering::Relaxed) {
                        continue;
                    }
                    drew.store(true, Ordering::Relaxed);
                    let line = format!("{what} ({:.1} s)", waited.as_secs_f32());
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\r{}\x1b[K", crate::safe_text::line(&line));
                    let _ = err.flush();
                }
            });
            let result = work();
            done.store(true, Ordering::Relaxed);
            result
        });
        self.shown |= drew.load(Ordering::Relaxed);
        self.clear();
        result
    }

    /// Clears the line, if it was ever drawn, before the report is printed.
    pub fn clear(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
            self.shown = false;
        }
    }
}

impl Drop for ProgressLine {
    fn drop(&mut self) {
        self.clear();
    }
}
