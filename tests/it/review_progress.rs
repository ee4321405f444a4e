//! The progress line of a long review: drawn on a terminal while a large schema is read,
//! gone when the report is printed, and never written into a pipe.

use crate::common;

use std::time::Duration;

use common::run::dbadvise;
use common::tmux::{tmux_available, Tmux};

/// How many tables the large schema has: enough for a review to take a second or more,
/// in the build the tests run (a debug build reviews 3,000 in about 1.5 s, a release
/// build in 0.3 s, which the progress line's delay of 300 ms would race).
const TABLES: usize = if cfg!(debug_assertions) { 3000 } else { 15000 };

/// A schema of `TABLES` tables, two statements each.
fn large_schema(path: &std::path::Path) {
    let mut sql = String::new();
    for i in 0..TABLES {
        let parent = i.max(1) - 1;
        sql.push_str(&format!(
            "CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, \
             parent_id bigint REFERENCES t{parent} (id), name text NOT NULL);\n\
             CREATE INDEX t{i}_parent_idx ON t{i} (parent_id);\n"
        ));
    }
    std::fs::write(path, sql).unwrap();
}

#[test]
fn a_large_review_shows_its_progress_on_a_terminal_and_clears_it() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::new("progress");
    large_schema(&t.path().join("big.sql"));
    // Everything the terminal receives is recorded (pipe-pane), so a line drawn and
    // cleared between two looks at the screen is still seen: the review waits for the
    // recording to begin.
    let script = t.script("", "review big.sql > report.txt");
    let out = t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "main",
        "-x",
        "120",
        "-y",
        "10",
        "sh",
        "-c",
        &format!(
            "while [ ! -e '{}' ]; do sleep 0.05; done; {script}",
            t.path().join("go").display()
        ),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recording = t.path().join("terminal.log");
    let pipe = format!("cat >> '{}'", recording.display());
    assert!(t
        .cmd(&["pipe-pane", "-t", "main", "-o", &pipe])
        .status
        .success());
    std::fs::write(t.path().join("go"), "").unwrap();
    let end = t.wait_exit();
    assert!(end.contains("exited with 0"), "{end}");
    assert!(!end.contains("reviewing"), "the line is cleared:\n{end}");
    let seen = String::from_utf8_lossy(&std::fs::read(&recording).unwrap()).into_owned();
    // Which phase is on screen after the first 300 ms depends on the machine's speed:
    // reading (the file's lines counted) or checking the rules (about two thirds of the
    // time in a debug build).
    let reading = seen.contains("reviewing big.sql: line ");
    assert!(
        reading || seen.contains(&format!("checking {TABLES} tables: rule ")),
        "no progress line:\n{seen:.2000}"
    );
    if reading {
        let lines = 2 * TABLES;
        assert!(
            seen.contains(&format!(" of {lines}")),
            "the file's lines are counted"
        );
    }
    let report = std::fs::read_to_string(t.path().join("report.txt")).unwrap();
    let statements = format!("{} statements read", 2 * TABLES);
    assert!(report.contains(&statements), "{report}");
    assert!(!report.contains("reviewing"), "{report}");
}

#[test]
fn a_review_into_a_pipe_writes_no_progress() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.sql");
    large_schema(&big);
    let out = dbadvise().arg("review").arg(&big).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("reviewing"), "{stderr}");
    let statements = format!("{} statements read", 2 * TABLES);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&statements));
}

/// A live database gives no count to show: the line says what is awaited, and for how
/// long, until the client answers (here a server that accepts and then hangs up).
#[test]
fn reading_a_live_database_shows_what_it_waits_for() {
    if !tmux_available() {
        return;
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (connection, _) = listener.accept().unwrap();
        std::thread::sleep(Duration::from_millis(2500));
        drop(connection);
    });
    let t = Tmux::new("live-progress");
    t.start(
        150,
        10,
        "",
        &format!("review --url 'postgres://bob:secret@127.0.0.1:{port}/shop'"),
    );
    let seen = t.wait_for("reading the catalogs and statistics of postgres://bob:***@127.0.0.1");
    assert!(seen.contains(" s)"), "{seen}");
    let end = t.wait_exit();
    assert!(end.contains("exited with 12"), "{end}");
    assert!(
        !end.contains("reading the catalogs"),
        "the line is cleared:\n{end}"
    );
    assert!(!end.contains("secret"), "{end}");
    server.join().unwrap();
}
