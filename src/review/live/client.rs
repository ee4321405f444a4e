//! Running the engine's own client on one script of catalog queries, in one session (one
//! login, one password prompt at most). Each query is announced by a marker line the
//! script prints, and written on a line of its own, so the answer of each is the text
//! between its marker and the next, and a client's error (`psql:FILE:N:`,
//! `ERROR … at line N:`) names the query that failed by its line.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use super::target::{Client, ConnectionUrl};
use super::LiveError;

/// One catalog query: what it reads (for messages) and its SQL, on one line.
pub struct Part {
    pub name: &'static str,
    pub sql: String,
}

/// What the client answered: each query's text, or its error.
#[derive(Debug, Default)]
pub struct Replies {
    pub texts: BTreeMap<&'static str, String>,
    pub errors: BTreeMap<&'static str, String>,
    /// A marker came back: the client connected and ran the script.
    pub connected: bool,
}

impl Replies {
    /// The text of a query, or why there is none.
    pub fn get(&self, name: &str) -> Result<&str, String> {
        match (self.texts.get(name), self.errors.get(name)) {
            (Some(text), _) => Ok(text.as_str()),
            (None, Some(error)) => Err(error.clone()),
            (None, None) => Err("the client gave no answer".into()),
        }
    }
}

const MARKER: &str = "@@dbadvise ";

/// The marker line the script prints before the query `name`.
fn marker(dialect_psql: bool, name: &str) -> String {
    if dialect_psql {
        format!("\\echo {MARKER}{name}")
    } else {
        format!("SELECT '{MARKER}{name}';")
    }
}

/// The script, and the line each query is on.
fn script(psql: bool, prelude: &[&str], parts: &[Part]) -> (String, BTreeMap<usize, &'static str>) {
    let mut lines: Vec<String> = prelude.iter().map(|l| l.to_string()).collect();
    let mut at = BTreeMap::new();
    for part in parts {
        lines.push(marker(psql, part.name));
        debug_assert!(!part.sql.contains('\n'), "{} spans lines", part.name);
        lines.push(format!("{};", part.sql.trim_end_matches(';')));
        at.insert(lines.len(), part.name);
    }
    let mut text = lines.join("\n");
    text.push('\n');
    (text, at)
}

/// Runs the target's client on the queries, after the `prelude` lines.
pub fn run(target: &ConnectionUrl, prelude: &[&str], parts: &[Part]) -> Result<Replies, LiveError> {
    let psql = matches!(target.client, Client::Psql { .. });
    let (text, lines) = script(psql, prelude, parts);
    // Kept until the client has exited: its password file.
    let mut _password_file = None;
    let (programs, package): (Vec<&'static str>, &'static str) = match &target.client {
        Client::Psql { .. } => (vec!["psql"], "postgresql-client"),
        Client::MySql { programs, .. } => (programs.to_vec(), "mariadb-client"),
    };
    // psql reads its script from a file: on standard input it would also read the
    // answer to a password prompt when there is no terminal.
    let script_file = if psql {
        Some(
            temp_file("dbadvise-review-", ".sql", &text).map_err(|e| LiveError::Unsupported {
                url: target.shown.clone(),
                why: format!("cannot write the client's script: {e}"),
            })?,
        )
    } else {
        None
    };
    let mut ran = None;
    for program in &programs {
        let mut command = Command::new(program);
        match &target.client {
            Client::Psql { conninfo } => {
                let path = script_file.as_ref().map(|f| f.path().to_path_buf());
                psql_command(&mut command, conninfo, target);
                command.arg("-f").args(path);
            }
            Client::MySql {
                options, database, ..
            } => {
                let file = option_file(target.password.as_deref()).map_err(|e| {
                    LiveError::Unsupported {
                        url: target.shown.clone(),
                        why: format!("cannot write the client's option file: {e}"),
                    }
                })?;
                command
                    .arg(format!("--defaults-extra-file={}", file.path().display()))
                    .args(["--batch", "--raw", "--skip-column-names", "--force"])
                    .arg("--default-character-set=utf8mb4")
                    .arg("--init-command=SET SESSION TRANSACTION READ ONLY")
                    .args(options)
                    .arg(format!("--database={database}"));
                _password_file = Some(file);
            }
        }
        let stdin = (!psql).then_some(text.as_str());
        match output(&mut command, stdin) {
            Ok(out) => {
                ran = Some(out);
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(LiveError::Connect {
                    url: target.shown.clone(),
                    client: format!("cannot run {program}: {e}"),
                })
            }
        }
    }
    let Some((success, stdout, stderr)) = ran else {
        return Err(LiveError::MissingClient {
            url: target.shown.clone(),
            programs,
            package,
        });
    };
    // The client's messages may echo what it was given; the replies are the catalogs'.
    let stderr = target.masked(&stderr);
    let errors_of = match &script_file {
        Some(file) => ErrorLines::Psql(format!("psql:{}:", file.path().display())),
        None => ErrorLines::MySql,
    };
    let replies = split(&stdout, &stderr, &lines, &errors_of);
    if !replies.connected {
        // The client never got to run the script: its own error line says why (not a
        // password prompt printed before it).
        let lines: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let first = lines
            .iter()
            .find(|l| l.to_lowercase().contains("error") || l.contains("FATAL"))
            .or(lines.first())
            .map(|l| l.to_string())
            .unwrap_or_else(|| {
                format!(
                    "the client {} and printed nothing",
                    if success { "ended" } else { "failed" }
                )
            });
        return Err(LiveError::Connect {
            url: target.shown.clone(),
            client: first,
        });
    }
    Ok(replies)
}

/// psql on the URL (less its password), quiet, unaligned, without the user's psqlrc, not
/// stopping at an error; the session read-only on top of the user's own PGOPTIONS.
fn psql_command(command: &mut Command, conninfo: &str, target: &ConnectionUrl) {
    command
        .args([
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=0",
            "-d",
            conninfo,
        ])
        .env("PGCLIENTENCODING", "UTF8");
    let mut options = std::env::var("PGOPTIONS").unwrap_or_default();
    options.push_str(" -c default_transaction_read_only=on");
    command.env("PGOPTIONS", options.trim_start());
    if let Some(password) = &target.password {
        command.env("PGPASSWORD", password);
    }
    // Defaults the user's own settings win over: a name DBAs see in pg_stat_activity,
    // and no endless wait on a host that drops packets.
    for (name, value) in [
        ("PGAPPNAME", "dbadvise review"),
        ("PGCONNECT_TIMEOUT", "10"),
    ] {
        if std::env::var_os(name).is_none() {
            command.env(name, value);
        }
    }
}

/// A private (0600) option file for the MySQL clients: a connect timeout, and the
/// password when the URL gives one, never on the command line. The client reads it
/// after the system's option files and before `~/.my.cnf`.
fn option_file(password: Option<&str>) -> std::io::Result<tempfile::NamedTempFile> {
    let mut text = String::from("[client]\nconnect-timeout=10\n");
    if let Some(password) = password {
        let escaped = password
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        text.push_str(&format!("password=\"{escaped}\"\n"));
    }
    temp_file("dbadvise-client-", ".cnf", &text)
}

/// A private (0600) temporary file holding `text`, deleted when dropped.
fn temp_file(prefix: &str, suffix: &str, text: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut file = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(suffix)
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    Ok(file)
}

/// Runs the command with `stdin` fed to it (nothing when `None`): (success, stdout,
/// stderr).
fn output(command: &mut Command, stdin: Option<&str>) -> std::io::Result<(bool, String, String)> {
    let mut child = command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut pipe = child.stdin.take();
    let script = stdin.unwrap_or_default().to_string();
    // A client that fails to connect stops reading: a failed write is fine.
    let writer = std::thread::spawn(move || {
        if let Some(pipe) = pipe.as_mut() {
            let _ = pipe.write_all(script.as_bytes());
        }
    });
    let out = child.wait_with_output()?;
    let _ = writer.join();
    Ok((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// How a client starts the line of an error in the script.
enum ErrorLines {
    /// `psql:FILE:12: ERROR:  …`, with the script's file.
    Psql(String),
    /// `ERROR 1146 (42S02) at line 12: …`
    MySql,
}

/// Each query's answer (the lines after its marker) and each error, by query.
fn split(
    stdout: &str,
    stderr: &str,
    lines: &BTreeMap<usize, &'static str>,
    errors: &ErrorLines,
) -> Replies {
    let mut replies = Replies::default();
    let mut current: Option<(&'static str, String)> = None;
    let names: Vec<&'static str> = lines.values().copied().collect();
    for line in stdout.lines() {
        if let Some(name) = line.strip_prefix(MARKER) {
            replies.connected = true;
            if let Some((done, text)) = current.take() {
                replies.texts.insert(done, text);
            }
            current = names
                .iter()
                .find(|n| **n == name.trim())
                .map(|n| (*n, String::new()));
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    if let Some((done, text)) = current {
        replies.texts.insert(done, text);
    }
    for line in stderr.lines() {
        let Some((at, message)) = error_line(line, errors) else {
            continue;
        };
        if let Some(name) = lines.get(&at) {
            replies.errors.entry(name).or_insert(message);
        }
    }
    // A query that printed nothing (its error went to stderr) has no answer.
    replies.texts.retain(|_, text| !text.trim().is_empty());
    replies
}

/// The line of the script a client's error is about, and the error.
fn error_line(line: &str, errors: &ErrorLines) -> Option<(usize, String)> {
    if let ErrorLines::Psql(prefix) = errors {
        let rest = line.strip_prefix(prefix.as_str())?;
        let (number, message) = rest.split_once(':')?;
        Some((number.parse().ok()?, message.trim().to_string()))
    } else {
        let rest = line.strip_prefix("ERROR ")?;
        let (code, after) = rest.split_once(" at line ")?;
        let (number, message) = after.split_once(':')?;
        Some((
            number.trim().parse().ok()?,
            format!("ERROR {code}: {}", message.trim()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<Part> {
        ["server", "tables", "columns"]
            .into_iter()
            .map(|name| Part {
                name,
                sql: format!("SELECT {name}"),
            })
            .collect()
    }

    #[test]
    fn each_query_is_on_its_own_line_after_its_marker() {
        let (text, at) = script(true, &[], &parts());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "\\echo @@dbadvise server");
        assert_eq!(lines[1], "SELECT server;");
        assert_eq!(at[&2], "server");
        assert_eq!(at[&6], "columns");
        let (text, at) = script(false, &["SET x = 1;"], &parts());
        assert_eq!(text.lines().nth(1), Some("SELECT '@@dbadvise server';"));
        assert_eq!(at[&3], "server");
    }

    #[test]
    fn answers_and_errors_are_told_apart_by_marker_and_line() {
        let (_, at) = script(true, &[], &parts());
        let stdout =
            "@@dbadvise server\n{\"a\": 1}\n@@dbadvise tables\n@@dbadvise columns\n[1,\n 2]\n";
        let stderr = "psql:/tmp/s.sql:4: ERROR:  permission denied for table t\nLINE 1: …\n";
        let replies = split(
            stdout,
            stderr,
            &at,
            &ErrorLines::Psql("psql:/tmp/s.sql:".into()),
        );
        assert_eq!(replies.get("server").unwrap().trim(), "{\"a\": 1}");
        assert_eq!(replies.get("columns").unwrap(), "[1,\n 2]\n");
        assert_eq!(
            replies.get("tables").unwrap_err(),
            "ERROR:  permission denied for table t"
        );
        let (_, at) = script(false, &["SET x = 1;"], &parts());
        let replies = split(
            "@@dbadvise server\n{}\n@@dbadvise tables\n",
            "ERROR 1146 (42S02) at line 5: Table 'shop.nope' doesn't exist\n",
            &at,
            &ErrorLines::MySql,
        );
        assert_eq!(
            replies.get("tables").unwrap_err(),
            "ERROR 1146 (42S02): Table 'shop.nope' doesn't exist"
        );
        assert_eq!(
            replies.get("columns").unwrap_err(),
            "the client gave no answer"
        );
    }
}
