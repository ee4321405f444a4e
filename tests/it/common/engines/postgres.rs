//! A throwaway PostgreSQL 15 server, with PostGIS where Debian packages it.

use super::*;

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
            // No WAL beyond crash recovery: CREATE DATABASE, which runs for every snippet
            // and model, then writes no copy of its template to the WAL (about half
            // its time). No script needs more: none publishes or replicates.
            .args(["-c", "wal_level=minimal", "-c", "max_wal_senders=0"])
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
