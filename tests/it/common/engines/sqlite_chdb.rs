//! SQLite through its command-line shell, and ClickHouse in-process through chDB.

use super::*;

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
