//! A throwaway Redis server, and scripts run through redis-cli.

use super::*;

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
