//! Throwaway real database servers for tests: PostgreSQL 15, Redis, MariaDB, plus the
//! SQLite shell and ClickHouse in-process through chDB (a Python virtualenv, see
//! [`Chdb`]). Each server lives in a fresh temp dir, listens only on a unix socket
//! inside it (no TCP port, so tests never collide), and is stopped and deleted when its
//! handle is dropped.
//!
//! When an engine's programs are missing, [`Unavailable::Missing`] says which; the
//! caller decides with [`skip_or_fail`]: with `DBADVISE_REQUIRE_ENGINES=1` (CI) that is
//! a failure naming what is missing, otherwise a printed `SKIPPED:` line.

use std::collections::BTreeSet;
use std::fmt;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

mod mariadb;
mod postgres;
mod redis;
mod sqlite_chdb;

pub use mariadb::*;
pub use postgres::*;
pub use redis::*;
pub use sqlite_chdb::*;

/// Set to `1` in CI: a missing engine fails the tests instead of skipping them.
pub const REQUIRE_ENV: &str = "DBADVISE_REQUIRE_ENGINES";

/// How long a server may take to start answering.
const START_TIMEOUT: Duration = Duration::from_secs(90);
/// How long one client command (one snippet) may run.
const RUN_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a server may take to stop before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(20);

const POSTGRES_BIN: &str = "/usr/lib/postgresql/15/bin";

pub fn engines_required() -> bool {
    matches!(
        std::env::var(REQUIRE_ENV).as_deref(),
        Ok("1") | Ok("true") | Ok("yes")
    )
}

/// Prints a line straight to the terminal: unlike `eprintln!`, a direct write to the
/// stderr handle is not captured by the test harness, so it shows without
/// `--nocapture` (SKIPPED lines, summaries).
pub fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
    let _ = err.flush();
}

/// Why an engine cannot be used.
#[derive(Debug, Clone)]
pub enum Unavailable {
    /// Its programs are not installed.
    Missing {
        engine: &'static str,
        missing: Vec<String>,
    },
    /// Installed, but it did not start or answer.
    Failed {
        engine: &'static str,
        message: String,
    },
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::Missing { engine, missing } => {
                write!(f, "{engine} not installed (missing {})", missing.join(", "))
            }
            Unavailable::Failed { engine, message } => {
                write!(f, "{engine} could not be started: {message}")
            }
        }
    }
}

/// What to do about an unavailable engine. `Ok(note)`: skip, and the `SKIPPED:` line has
/// been printed; `Err(message)`: the test must fail (a start failure, or a missing
/// engine when `DBADVISE_REQUIRE_ENGINES=1`).
pub fn skip_or_fail(unavailable: &Unavailable) -> Result<String, String> {
    match unavailable {
        Unavailable::Missing { engine, missing } if !engines_required() => {
            let note = format!(
                "SKIPPED: {engine} not installed (run .ci/run to install); missing: {}",
                missing.join(", ")
            );
            say(&note);
            Ok(note)
        }
        Unavailable::Missing { engine, missing } => Err(format!(
            "{engine} is required ({REQUIRE_ENV}=1) but not installed: missing {} \
             (.ci/run installs it)",
            missing.join(", ")
        )),
        Unavailable::Failed { .. } => Err(unavailable.to_string()),
    }
}

// --- processes ---------------------------------------------------------------------

/// A finished command.
#[derive(Debug)]
pub struct Ran {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    /// stdout and stderr together, for messages.
    pub fn output(&self) -> String {
        let mut text = self.stderr.trim_end().to_string();
        if !self.stdout.trim().is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(self.stdout.trim_end());
        }
        text
    }
}

/// Runs a command to its end, feeding it `stdin`, killed after `timeout`.
pub fn run(cmd: &mut Command, stdin: Option<&str>, timeout: Duration) -> Result<Ran, String> {
    let shown = format!("{cmd:?}");
    let mut child = cmd
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    let writer = match (stdin, child.stdin.take()) {
        (Some(text), Some(mut pipe)) => {
            let text = text.to_string();
            // A client that stops reading (it bailed on an error) closes the pipe:
            // a failed write is fine, the exit status tells.
            Some(thread::spawn(move || {
                let _ = pipe.write_all(text.as_bytes());
            }))
        }
        _ => None,
    };
    let out = reader(child.stdout.take());
    let err = reader(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{shown} did not finish within {}s (killed)",
                    timeout.as_secs()
                ));
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for {shown}: {e}")),
        }
    };
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    Ok(Ran {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

fn reader<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs a command that must succeed; its output (stdout) or an error with everything
/// it printed.
fn run_ok(cmd: &mut Command, stdin: Option<&str>, timeout: Duration) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    let ran = run(cmd, stdin, timeout)?;
    if ran.status.success() {
        Ok(ran.stdout)
    } else {
        Err(format!(
            "{shown} failed ({}):\n{}",
            ran.status,
            ran.output()
        ))
    }
}

/// Finds a program on PATH or in one of `extra` directories (sbin and PostgreSQL's
/// bin are often not on a test's PATH).
pub fn find_program(name: &str, extra: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(extra.iter().map(PathBuf::from))
        .chain(["/usr/sbin", "/usr/bin", "/sbin", "/bin"].map(PathBuf::from))
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The first of `names` found, or the names for the "missing" list.
fn find_any(names: &[&str], extra: &[&str]) -> Result<PathBuf, String> {
    names
        .iter()
        .find_map(|n| find_program(n, extra))
        .ok_or_else(|| names.join(" or "))
}

fn current_uid() -> u32 {
    static UID: OnceLock<u32> = OnceLock::new();
    *UID.get_or_init(|| {
        run(Command::new("id").arg("-u"), None, Duration::from_secs(10))
            .ok()
            .and_then(|r| r.stdout.trim().parse().ok())
            .unwrap_or(u32::MAX)
    })
}

pub fn is_root() -> bool {
    current_uid() == 0
}

/// uid and gid of an OS account.
fn account(name: &str) -> Result<(u32, u32), String> {
    let id = |flag: &str| -> Result<u32, String> {
        run_ok(
            Command::new("id").args([flag, name]),
            None,
            Duration::from_secs(10),
        )?
        .trim()
        .parse::<u32>()
        .map_err(|e| format!("id {flag} {name}: {e}"))
    };
    Ok((id("-u")?, id("-g")?))
}

/// The last lines of a log file, for error messages.
pub fn log_tail(path: &Path, lines: usize) -> String {
    match fs::read_to_string(path) {
        Ok(text) => {
            let all: Vec<&str> = text.lines().collect();
            let tail = all[all.len().saturating_sub(lines)..].join("\n");
            format!("--- last lines of {} ---\n{tail}", path.display())
        }
        Err(e) => format!("(no log at {}: {e})", path.display()),
    }
}

fn temp_dir(prefix: &str) -> Result<TempDir, String> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .map_err(|e| format!("cannot create a temp dir: {e}"))
}

fn log_file(path: &Path) -> Result<(Stdio, Stdio), String> {
    let file = File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let copy = file
        .try_clone()
        .map_err(|e| format!("cannot dup {}: {e}", path.display()))?;
    Ok((Stdio::from(file), Stdio::from(copy)))
}

/// Polls `ready` until it answers Ok, the server exits, or the time is up.
fn wait_until_ready(
    engine: &'static str,
    child: &mut Child,
    log: &Path,
    mut ready: impl FnMut() -> Result<(), String>,
) -> Result<(), Unavailable> {
    let started = Instant::now();
    let mut last;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(Unavailable::Failed {
                engine,
                message: format!(
                    "the server exited ({status}) while starting\n{}",
                    log_tail(log, 30)
                ),
            });
        }
        match ready() {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
        if started.elapsed() > START_TIMEOUT {
            return Err(Unavailable::Failed {
                engine,
                message: format!(
                    "not ready after {}s (last try: {last})\n{}",
                    START_TIMEOUT.as_secs(),
                    log_tail(log, 30)
                ),
            });
        }
        thread::sleep(Duration::from_millis(50));
    }
}

/// Stops a server: `signal` (by name, for `kill`), then SIGKILL if it lingers.
fn stop(child: &mut Child, signal: &str) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let signalled = run(
        Command::new("kill").args([format!("-{signal}"), child.id().to_string()]),
        None,
        Duration::from_secs(10),
    );
    if !signalled.is_ok_and(|ran| ran.status.success()) {
        let _ = child.kill();
        let _ = child.wait();
        return;
    }
    let started = Instant::now();
    while started.elapsed() < STOP_TIMEOUT {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn failed(engine: &'static str) -> impl Fn(String) -> Unavailable {
    move |message| Unavailable::Failed { engine, message }
}

/// Database names the harness makes: lower-case letters, digits and `_`.
fn check_name(name: &str) -> Result<(), String> {
    if !name.is_empty()
        && name.len() <= 60
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
    {
        Ok(())
    } else {
        Err(format!("bad database name {name:?}"))
    }
}

/// A script for a client: its text, or a file to read it from.
#[derive(Debug, Clone, Copy)]
pub enum Script<'a> {
    Text(&'a str),
    File(&'a Path),
}

impl<'a> From<&'a str> for Script<'a> {
    fn from(text: &'a str) -> Self {
        Script::Text(text)
    }
}

impl<'a> From<&'a String> for Script<'a> {
    fn from(text: &'a String) -> Self {
        Script::Text(text)
    }
}

impl<'a> From<&'a Path> for Script<'a> {
    fn from(path: &'a Path) -> Self {
        Script::File(path)
    }
}

impl Script<'_> {
    fn text(self) -> Result<String, String> {
        match self {
            Script::Text(text) => Ok(text.to_string()),
            Script::File(path) => {
                fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
            }
        }
    }
}
