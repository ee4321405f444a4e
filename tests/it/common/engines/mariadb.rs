//! A throwaway MariaDB server.

use super::*;

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
