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

// --- PostgreSQL --------------------------------------------------------------------

/// A PostgreSQL 15 server on a unix socket in its own temp dir.
pub struct Postgres {
    child: Child,
    psql: PathBuf,
    /// `15.18`, say.
    pub version: String,
    /// Roles that existed before any script ran (roles are cluster-wide).
    roles: BTreeSet<String>,
    // Dropped last: the server stops before its directory goes.
    dir: TempDir,
}

/// A database made by [`Postgres::fresh_database`].
#[derive(Debug, Clone)]
pub struct PgDatabase {
    pub name: String,
}

/// One psql call on the server's socket.
fn psql_command(psql: &Path, socket_dir: &Path, db: &str) -> Command {
    let mut cmd = Command::new(psql);
    cmd.arg("-X")
        .arg("-h")
        .arg(socket_dir)
        .args(["-p", "5432", "-U", "postgres", "-d", db])
        .args(["-v", "ON_ERROR_STOP=1", "-q"])
        .env("PGCLIENTENCODING", "UTF8")
        .env_remove("PGSERVICE")
        .env_remove("PGOPTIONS");
    cmd
}

/// A query's rows, unaligned and tuples-only.
fn pg_query(psql: &Path, socket_dir: &Path, db: &str, sql: &str) -> Result<String, String> {
    let mut cmd = psql_command(psql, socket_dir, db);
    cmd.args(["-A", "-t", "-c", sql]);
    run_ok(&mut cmd, None, RUN_TIMEOUT).map(|out| out.trim().to_string())
}

impl Postgres {
    pub const ENGINE: &'static str = "PostgreSQL 15";

    pub fn start() -> Result<Postgres, Unavailable> {
        let engine = Self::ENGINE;
        let found = ["initdb", "postgres", "psql"].map(|p| (p, find_program(p, &[POSTGRES_BIN])));
        let missing: Vec<String> = found
            .iter()
            .filter(|(_, path)| path.is_none())
            .map(|(p, _)| format!("{POSTGRES_BIN}/{p} (Debian package postgresql-15)"))
            .collect();
        if !missing.is_empty() {
            return Err(Unavailable::Missing { engine, missing });
        }
        let [initdb, postgres, psql] = found.map(|(_, path)| path.unwrap_or_default());
        let fail = failed(engine);

        let dir = temp_dir("dbadvise-pg-").map_err(&fail)?;
        // PostgreSQL refuses to run as root: then the server runs as the `postgres`
        // account, which owns the temp dir.
        let owner = if is_root() {
            let (uid, gid) = account("postgres").map_err(|e| Unavailable::Missing {
                engine,
                missing: vec![format!("the `postgres` OS account ({e})")],
            })?;
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .map_err(|e| fail(format!("cannot chown {}: {e}", dir.path().display())))?;
            Some((uid, gid))
        } else {
            None
        };
        let as_owner = |program: &Path| {
            let mut cmd = Command::new(program);
            cmd.current_dir(dir.path()).env("LC_ALL", "C.UTF-8");
            if let Some((uid, gid)) = owner {
                use std::os::unix::process::CommandExt;
                cmd.uid(uid).gid(gid);
            }
            cmd
        };
        let data = dir.path().join("data");
        run_ok(
            as_owner(&initdb)
                .arg("-D")
                .arg(&data)
                .args(["-U", "postgres", "-A", "trust", "-E", "UTF8"])
                .args(["--locale=C.UTF-8", "--no-sync", "--no-instructions"]),
            None,
            START_TIMEOUT,
        )
        .map_err(&fail)?;

        let log = dir.path().join("postgres.log");
        let (out, err) = log_file(&log).map_err(&fail)?;
        if let Some((uid, gid)) = owner {
            let _ = std::os::unix::fs::chown(&log, Some(uid), Some(gid));
        }
        let child = as_owner(&postgres)
            .arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(dir.path())
            .args(["-p", "5432", "-c", "listen_addresses="])
            // A throwaway server: durability off, speed on.
            .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off", "-c", "max_connections=30"])
            // What a server that runs the diagnostic queries is configured with.
            .args(["-c", "shared_preload_libraries=pg_stat_statements"])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| fail(format!("cannot start {}: {e}", postgres.display())))?;
        // From here `server` owns the process: any early return stops it.
        let mut server = Postgres {
            child,
            psql,
            version: String::new(),
            roles: BTreeSet::new(),
            dir,
        };
        let socket = server.socket_dir().join(".s.PGSQL.5432");
        let (psql, socket_dir) = (server.psql.clone(), server.socket_dir().to_path_buf());
        wait_until_ready(engine, &mut server.child, &log, || {
            if !socket.exists() {
                return Err(format!("no socket {} yet", socket.display()));
            }
            pg_query(&psql, &socket_dir, "postgres", "SELECT 1").map(|_| ())
        })?;

        let version = server
            .query("postgres", "SHOW server_version")
            .map_err(&fail)?;
        server.version = version.split_whitespace().next().unwrap_or("?").to_string();
        server.roles = server.role_names().map_err(&fail)?;
        Ok(server)
    }

    /// The directory holding the server's socket (psql's `-h`).
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn log(&self) -> PathBuf {
        self.dir.path().join("postgres.log")
    }

    /// Rows of one query, unaligned and tuples-only.
    pub fn query(&self, db: &str, sql: &str) -> Result<String, String> {
        pg_query(&self.psql, self.socket_dir(), db, sql)
    }

    /// A new, empty database (`CREATE DATABASE`, as createdb does).
    pub fn fresh_database(&self, name: &str) -> Result<PgDatabase, String> {
        check_name(name)?;
        self.query("postgres", &format!("CREATE DATABASE \"{name}\""))?;
        Ok(PgDatabase {
            name: name.to_string(),
        })
    }

    /// Runs a script with `psql -X -v ON_ERROR_STOP=1 -q` on `db`: Ok with what it
    /// printed, or Err with psql's error. A `WARNING:` counts as an error too.
    pub fn run_psql_file<'a>(
        &self,
        db: &PgDatabase,
        script: impl Into<Script<'a>>,
    ) -> Result<String, String> {
        let text = script.into().text()?;
        let mut cmd = psql_command(&self.psql, self.socket_dir(), &db.name);
        cmd.args(["-f", "-"]);
        let ran = run(&mut cmd, Some(&text), RUN_TIMEOUT)?;
        if !ran.status.success() {
            return Err(ran.output());
        }
        let warnings: Vec<&str> = ran
            .stderr
            .lines()
            .filter(|l| l.contains("WARNING:"))
            .collect();
        if !warnings.is_empty() {
            return Err(format!("PostgreSQL warned:\n{}", warnings.join("\n")));
        }
        Ok(ran.stdout)
    }

    /// Checks a script against PostgreSQL's own grammar without needing what it refers
    /// to: every statement runs (errors do not stop psql) and only syntax errors
    /// (SQLSTATE 42601) are returned. For code whose extension is not installed
    /// (TimescaleDB, pgvector), where the run itself must fail.
    pub fn syntax_errors(&self, db: &PgDatabase, script: &str) -> Result<Vec<String>, String> {
        let mut cmd = Command::new(&self.psql);
        cmd.arg("-X")
            .arg("-h")
            .arg(self.socket_dir())
            .args(["-p", "5432", "-U", "postgres", "-d", &db.name])
            .args([
                "-v",
                "ON_ERROR_STOP=0",
                "-v",
                "VERBOSITY=verbose",
                "-q",
                "-f",
                "-",
            ])
            .env("PGCLIENTENCODING", "UTF8");
        let ran = run(&mut cmd, Some(script), RUN_TIMEOUT)?;
        // `psql:<stdin>:12: ERROR:  42601: syntax error at or near "…"`, then
        // LINE/position lines that point at it.
        let mut errors = Vec::new();
        let mut lines = ran.stderr.lines().peekable();
        while let Some(line) = lines.next() {
            if line.contains("ERROR:  42601:") {
                let mut error = line.to_string();
                while let Some(next) = lines.peek() {
                    if next.starts_with("psql:") {
                        break;
                    }
                    if !next.starts_with("LOCATION:") {
                        error.push('\n');
                        error.push_str(next);
                    }
                    lines.next();
                }
                errors.push(error);
            }
        }
        Ok(errors)
    }

    /// The extensions this server can `CREATE EXTENSION`.
    pub fn available_extensions(&self) -> Result<BTreeSet<String>, String> {
        let rows = self.query("postgres", "SELECT name FROM pg_available_extensions")?;
        Ok(rows.lines().map(|l| l.trim().to_string()).collect())
    }

    fn role_names(&self) -> Result<BTreeSet<String>, String> {
        let rows = self.query("postgres", "SELECT rolname FROM pg_roles")?;
        Ok(rows.lines().map(|l| l.to_string()).collect())
    }

    /// Drops a database and every role made since the server started (roles are
    /// cluster-wide, so one script's `CREATE ROLE` would clash with the next one's).
    pub fn drop_database(&self, db: PgDatabase) -> Result<(), String> {
        self.query(
            "postgres",
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", db.name),
        )?;
        let mut problems = Vec::new();
        for role in self.role_names()?.difference(&self.roles) {
            let quoted = role.replace('"', "\"\"");
            if let Err(e) = self.query("postgres", &format!("DROP ROLE \"{quoted}\"")) {
                problems.push(e);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // SIGINT: fast shutdown (disconnect clients, no checkpoint wait).
        stop(&mut self.child, "INT");
    }
}

// --- Redis -------------------------------------------------------------------------

/// A redis-server on a unix socket in its own temp dir, persisting nothing.
pub struct Redis {
    child: Child,
    cli: PathBuf,
    socket: PathBuf,
    /// `7.0.15`, say.
    pub version: String,
    dir: TempDir,
}

impl Redis {
    pub const ENGINE: &'static str = "Redis";

    pub fn start() -> Result<Redis, Unavailable> {
        let engine = Self::ENGINE;
        let server = find_program("redis-server", &[]);
        let cli = find_program("redis-cli", &[]);
        let mut missing = Vec::new();
        if server.is_none() {
            missing.push("redis-server (Debian package redis-server)".to_string());
        }
        if cli.is_none() {
            missing.push("redis-cli (Debian package redis-tools)".to_string());
        }
        let (Some(server), Some(cli)) = (server, cli) else {
            return Err(Unavailable::Missing { engine, missing });
        };
        let fail = failed(engine);
        let dir = temp_dir("dbadvise-redis-").map_err(&fail)?;
        let socket = dir.path().join("redis.sock");
        let log = dir.path().join("redis.log");
        let (out, err) = log_file(&log).map_err(&fail)?;
        let child = Command::new(&server)
            .current_dir(dir.path())
            .args(["--port", "0", "--unixsocket"])
            .arg(&socket)
            .args([
                "--unixsocketperm",
                "700",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .arg("--dir")
            .arg(dir.path())
            .args(["--daemonize", "no", "--databases", "16"])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| fail(format!("cannot start {}: {e}", server.display())))?;
        let mut redis = Redis {
            child,
            cli,
            socket,
            version: String::new(),
            dir,
        };
        let (cli, socket) = (redis.cli.clone(), redis.socket.clone());
        wait_until_ready(engine, &mut redis.child, &log, || {
            if !socket.exists() {
                return Err(format!("no socket {} yet", socket.display()));
            }
            let out = run_ok(
                Command::new(&cli).arg("-s").arg(&socket).arg("PING"),
                None,
                RUN_TIMEOUT,
            )?;
            if out.trim() == "PONG" {
                Ok(())
            } else {
                Err(format!("PING answered {out:?}"))
            }
        })?;
        let info = redis.command(&["INFO", "server"]).map_err(&fail)?;
        redis.version = info
            .lines()
            .find_map(|l| l.strip_prefix("redis_version:"))
            .unwrap_or("?")
            .trim()
            .to_string();
        Ok(redis)
    }

    pub fn log(&self) -> PathBuf {
        self.dir.path().join("redis.log")
    }

    /// One command, its arguments passed as they are.
    pub fn command(&self, args: &[&str]) -> Result<String, String> {
        run_ok(
            Command::new(&self.cli)
                .arg("-s")
                .arg(&self.socket)
                .args(args),
            None,
            RUN_TIMEOUT,
        )
    }

    /// Empties every database and drops loaded scripts and functions.
    pub fn flushall(&self) -> Result<(), String> {
        for args in [
            &["FLUSHALL"][..],
            &["SCRIPT", "FLUSH"],
            &["FUNCTION", "FLUSH"],
        ] {
            let out = self.command(args)?;
            if out.trim() != "OK" {
                return Err(format!("{} answered {out:?}", args.join(" ")));
            }
        }
        Ok(())
    }

    /// Runs a file of commands, one a line as redis-cli takes them (lines starting with
    /// `#` and blank lines skipped), on one connection. redis-cli exits 0 even when a
    /// command fails, so the replies are read: any error reply fails the script.
    pub fn run_redis<'a>(&self, script: impl Into<Script<'a>>) -> Result<String, String> {
        let text = script.into().text()?;
        let commands: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        if commands.is_empty() {
            return Err("no commands".into());
        }
        let input = commands.join("\n") + "\n";
        // --no-raw: every error reply is printed as `(error) …`, every string quoted.
        let mut cmd = Command::new(&self.cli);
        cmd.arg("--no-raw").arg("-s").arg(&self.socket);
        let ran = run(&mut cmd, Some(&input), RUN_TIMEOUT)?;
        let errors: Vec<&str> = ran
            .stdout
            .lines()
            .filter(|line| is_redis_error(line))
            .collect();
        if !ran.status.success() || !errors.is_empty() || !ran.stderr.trim().is_empty() {
            let mut message = String::new();
            if !ran.status.success() {
                message.push_str(&format!("redis-cli exited with {}\n", ran.status));
            }
            for e in &errors {
                message.push_str(e.trim());
                message.push('\n');
            }
            if !ran.stderr.trim().is_empty() {
                message.push_str(ran.stderr.trim());
                message.push('\n');
            }
            message.push_str(&format!(
                "--- replies ---\n{}",
                ran.stdout.lines().take(60).collect::<Vec<_>>().join("\n")
            ));
            return Err(message);
        }
        Ok(ran.stdout)
    }
}

/// Whether a line of `redis-cli --no-raw` output is an error reply (possibly nested in
/// an array, as `2) (error) …`).
pub fn is_redis_error(line: &str) -> bool {
    let mut rest = line.trim_start();
    // Strip array positions: `1) `, `2) 3) `.
    loop {
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && rest[digits..].starts_with(')') {
            rest = rest[digits + 1..].trim_start();
        } else {
            break;
        }
    }
    rest.starts_with("(error)")
        || ["ERR ", "WRONGTYPE ", "EXECABORT ", "NOSCRIPT ", "BUSYKEY "]
            .iter()
            .any(|p| rest.starts_with(p))
}

impl Drop for Redis {
    fn drop(&mut self) {
        stop(&mut self.child, "TERM");
    }
}

// --- MariaDB -----------------------------------------------------------------------

/// A MariaDB server on a unix socket in its own temp dir, no networking.
pub struct MariaDb {
    child: Child,
    client: PathBuf,
    socket: PathBuf,
    /// `10.11.14`, say.
    pub version: String,
    /// Accounts that existed before any script ran (accounts are server-wide).
    users: BTreeSet<String>,
    dir: TempDir,
}

impl MariaDb {
    pub const ENGINE: &'static str = "MariaDB";

    pub fn start() -> Result<MariaDb, Unavailable> {
        let engine = Self::ENGINE;
        let install = find_any(&["mariadb-install-db", "mysql_install_db"], &[]);
        let server = find_any(&["mariadbd", "mysqld"], &[]);
        let client = find_any(&["mariadb", "mysql"], &[]);
        let mut missing = Vec::new();
        for (found, package) in [
            (&install, "mariadb-server"),
            (&server, "mariadb-server"),
            (&client, "mariadb-client"),
        ] {
            if let Err(names) = found {
                missing.push(format!("{names} (Debian package {package})"));
            }
        }
        let (Ok(install), Ok(server), Ok(client)) = (install, server, client) else {
            return Err(Unavailable::Missing { engine, missing });
        };
        let fail = failed(engine);
        let dir = temp_dir("dbadvise-mariadb-").map_err(&fail)?;
        let data = dir.path().join("data");
        let socket = dir.path().join("my.sock");
        let log = dir.path().join("mariadb.log");
        // As root, mariadbd must be told to stay root (or run as another account,
        // which would then need the temp dir); as anyone else it runs as itself.
        let user: Vec<String> = if is_root() {
            vec!["--user=root".into()]
        } else {
            Vec::new()
        };
        let installed = run(
            Command::new(&install)
                .current_dir(dir.path())
                .arg("--no-defaults")
                .arg(format!("--datadir={}", data.display()))
                .args(&user)
                .args(["--auth-root-authentication-method=normal", "--skip-test-db"]),
            None,
            START_TIMEOUT,
        )
        .map_err(&fail)?;
        if !installed.status.success() {
            return Err(fail(format!(
                "{} failed ({}):\n{}",
                install.display(),
                installed.status,
                installed.output()
            )));
        }
        let (out, err) = log_file(&log).map_err(&fail)?;
        let child = Command::new(&server)
            .current_dir(dir.path())
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!(
                "--pid-file={}",
                dir.path().join("mariadb.pid").display()
            ))
            .arg(format!("--tmpdir={}", dir.path().display()))
            .args(&user)
            .args(["--skip-networking", "--skip-log-bin"])
            .args([
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci",
            ])
            // A throwaway server: small and fast, durability off.
            .args([
                "--innodb-buffer-pool-size=64M",
                "--innodb-flush-log-at-trx-commit=0",
            ])
            .args(["--innodb-doublewrite=0", "--performance-schema=OFF"])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| fail(format!("cannot start {}: {e}", server.display())))?;
        let mut maria = MariaDb {
            child,
            client,
            socket,
            version: String::new(),
            users: BTreeSet::new(),
            dir,
        };
        let socket = maria.socket.clone();
        let client = maria.client.clone();
        wait_until_ready(engine, &mut maria.child, &log, || {
            if !socket.exists() {
                return Err(format!("no socket {} yet", socket.display()));
            }
            mysql_query(&client, &socket, None, "SELECT 1").map(|_| ())
        })?;
        let version = maria.query(None, "SELECT VERSION()").map_err(&fail)?;
        maria.version = version.split('-').next().unwrap_or("?").trim().to_string();
        maria.users = maria.user_names().map_err(&fail)?;
        Ok(maria)
    }

    pub fn log(&self) -> PathBuf {
        self.dir.path().join("mariadb.log")
    }

    /// The rows of one statement, tab-separated, no column names.
    pub fn query(&self, db: Option<&str>, sql: &str) -> Result<String, String> {
        mysql_query(&self.client, &self.socket, db, sql)
    }

    /// A new, empty database.
    pub fn fresh_database(&self, name: &str) -> Result<String, String> {
        check_name(name)?;
        self.query(None, &format!("CREATE DATABASE `{name}`"))?;
        Ok(name.to_string())
    }

    /// Runs a script with `mariadb --batch` on `db`: Ok with its output, or Err with the
    /// client's error. A `Warning` counts as an error too (notes do not).
    pub fn run_mysql<'a>(&self, db: &str, script: impl Into<Script<'a>>) -> Result<String, String> {
        let text = script.into().text()?;
        let mut cmd = mysql_command(&self.client, &self.socket);
        cmd.arg(format!("--database={db}"))
            .args(["--show-warnings"]);
        let ran = run(&mut cmd, Some(&text), RUN_TIMEOUT)?;
        if !ran.status.success() {
            return Err(ran.output());
        }
        let warnings: Vec<&str> = ran
            .stdout
            .lines()
            .chain(ran.stderr.lines())
            .filter(|l| l.starts_with("Warning (Code") || l.starts_with("ERROR"))
            .collect();
        if !warnings.is_empty() {
            return Err(format!("MariaDB warned:\n{}", warnings.join("\n")));
        }
        Ok(ran.stdout)
    }

    /// `USER 'name'@'host'` or `ROLE 'name'`, as DROP takes them.
    fn user_names(&self) -> Result<BTreeSet<String>, String> {
        let rows = self.query(
            None,
            "SELECT IF(is_role = 'Y', CONCAT('ROLE ', QUOTE(User)), \
             CONCAT('USER ', QUOTE(User), '@', QUOTE(Host))) FROM mysql.user",
        )?;
        Ok(rows.lines().map(|l| l.to_string()).collect())
    }

    /// Drops a database and every account made since the server started.
    pub fn drop_database(&self, db: &str) -> Result<(), String> {
        check_name(db)?;
        self.query(None, &format!("DROP DATABASE IF EXISTS `{db}`"))?;
        let mut problems = Vec::new();
        for user in self.user_names()?.difference(&self.users) {
            if let Err(e) = self.query(None, &format!("DROP {user}")) {
                problems.push(e);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }
}

fn mysql_command(client: &Path, socket: &Path) -> Command {
    let mut cmd = Command::new(client);
    // --no-defaults first: no option file of the machine may change the connection.
    cmd.arg("--no-defaults")
        .arg(format!("--socket={}", socket.display()))
        .args(["-uroot", "--batch", "--default-character-set=utf8mb4"]);
    cmd
}

fn mysql_query(
    client: &Path,
    socket: &Path,
    db: Option<&str>,
    sql: &str,
) -> Result<String, String> {
    let mut cmd = mysql_command(client, socket);
    if let Some(db) = db {
        cmd.arg(format!("--database={db}"));
    }
    cmd.args(["--skip-column-names", "-e", sql]);
    run_ok(&mut cmd, None, RUN_TIMEOUT).map(|out| out.trim().to_string())
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        stop(&mut self.child, "TERM");
    }
}

// --- SQLite ------------------------------------------------------------------------

/// The sqlite3 shell: each script runs on a fresh `:memory:` database.
pub struct Sqlite {
    program: PathBuf,
    /// `3.40.1`, say.
    pub version: String,
}

impl Sqlite {
    pub const ENGINE: &'static str = "SQLite";

    pub fn find() -> Result<Sqlite, Unavailable> {
        let engine = Self::ENGINE;
        let Some(program) = find_program("sqlite3", &[]) else {
            return Err(Unavailable::Missing {
                engine,
                missing: vec!["sqlite3 (Debian package sqlite3)".into()],
            });
        };
        let out = run_ok(Command::new(&program).arg("--version"), None, RUN_TIMEOUT)
            .map_err(failed(engine))?;
        let version = out.split_whitespace().next().unwrap_or("?").to_string();
        Ok(Sqlite { program, version })
    }

    /// Runs a script with `sqlite3 -bail :memory:` on stdin: Ok with its output, or Err
    /// with the shell's error.
    pub fn run_sqlite<'a>(&self, script: impl Into<Script<'a>>) -> Result<String, String> {
        let text = script.into().text()?;
        let mut cmd = Command::new(&self.program);
        cmd.args(["-bail", "-batch", ":memory:"]);
        let ran = run(&mut cmd, Some(&text), RUN_TIMEOUT)?;
        if !ran.status.success() || !ran.stderr.trim().is_empty() {
            return Err(ran.output());
        }
        Ok(ran.stdout)
    }
}

// --- ClickHouse (chDB) -------------------------------------------------------------

/// Names the Python of a virtualenv with chDB installed, instead of the one
/// `tests/tools/chdb/` holds.
pub const CHDB_PYTHON_ENV: &str = "DBADVISE_CHDB_PYTHON";

/// The command that makes the virtualenv [`Chdb::find`] looks for, at the version
/// `.ci/run` pins.
pub const CHDB_INSTALL: &str =
    "python3 -m venv tests/tools/chdb && tests/tools/chdb/bin/pip install -q chdb-core==26.9.0";

/// ClickHouse run in-process by chDB (PyPI package `chdb-core`), from a Python
/// virtualenv: each script runs in a fresh session of `tests/tools/chdb_run.py`, whose
/// doc says how a script is split into statements.
pub struct Chdb {
    python: PathBuf,
    runner: PathBuf,
    /// ClickHouse's version, `26.9.2.1` say (not chDB's).
    pub version: String,
}

impl Chdb {
    pub const ENGINE: &'static str = "ClickHouse (chDB)";

    /// The Python named by `DBADVISE_CHDB_PYTHON`, else `tests/tools/chdb/bin/python`;
    /// it must import chdb and answer `SELECT version()`.
    pub fn find() -> Result<Chdb, Unavailable> {
        let engine = Self::ENGINE;
        let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools");
        let (python, named_by) = match std::env::var_os(CHDB_PYTHON_ENV) {
            Some(path) => (
                PathBuf::from(path),
                format!(" (named by {CHDB_PYTHON_ENV})"),
            ),
            None => (tools.join("chdb/bin/python"), String::new()),
        };
        let missing = |why: String| Unavailable::Missing {
            engine,
            missing: vec![format!(
                "chDB: {why} (install it with `{CHDB_INSTALL}`, or set {CHDB_PYTHON_ENV} \
                 to a Python that has it)"
            )],
        };
        if !python.is_file() {
            return Err(missing(format!("no {}{named_by}", python.display())));
        }
        let ran = run(
            Command::new(&python).args([
                "-c",
                "import chdb; print(chdb.query('SELECT version()', 'TabSeparated'))",
            ]),
            None,
            RUN_TIMEOUT,
        )
        .map_err(failed(engine))?;
        if !ran.status.success() {
            return Err(if ran.stderr.contains("ModuleNotFoundError") {
                missing(format!("{}{named_by} cannot import chdb", python.display()))
            } else {
                failed(engine)(format!(
                    "{} -c 'import chdb …':\n{}",
                    python.display(),
                    ran.output()
                ))
            });
        }
        let version = ran.stdout.trim().to_string();
        if version.is_empty() || version.contains(char::is_whitespace) {
            return Err(failed(engine)(format!(
                "SELECT version() answered {:?}",
                ran.output()
            )));
        }
        Ok(Chdb {
            python,
            runner: tools.join("chdb_run.py"),
            version,
        })
    }

    /// Runs a script statement by statement in one chDB session: Ok with the results,
    /// or Err with the failing statement and ClickHouse's error.
    pub fn run_clickhouse<'a>(&self, script: impl Into<Script<'a>>) -> Result<String, String> {
        let text = script.into().text()?;
        let mut cmd = Command::new(&self.python);
        cmd.arg(&self.runner);
        let ran = run(&mut cmd, Some(&text), RUN_TIMEOUT)?;
        if !ran.status.success() {
            return Err(ran.output());
        }
        Ok(ran.stdout)
    }
}
