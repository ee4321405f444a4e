//! Running the binary and loading the knowledge base with an overlay, as several test
//! files do.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use dbadvise::kb::load::{embedded_files, load_sources, SourceFile};
use dbadvise::kb::{KnowledgeBase, Problem};

pub fn dbadvise() -> Command {
    Command::cargo_bin("dbadvise").unwrap()
}

/// The answers file of an example project in `tests/projects/`.
pub fn project(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/projects")
        .join(format!("{name}.yaml"))
}

/// Runs a command expected to succeed; returns its standard output.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command expected to succeed and print JSON; returns the JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

/// Runs a command expected to fail; returns (exit code, stderr).
pub fn failure_of(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    assert!(
        !out.status.success(),
        "unexpected success: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The embedded knowledge base with the YAML `overlay` on top.
pub fn kb_with(overlay: &str) -> KnowledgeBase {
    load_with(overlay).unwrap_or_else(|p| panic!("{p:?}"))
}

/// The embedded knowledge base with the YAML `overlay` on top, or the problems
/// `kb check` finds in it.
pub fn load_with(overlay: &str) -> Result<KnowledgeBase, Vec<Problem>> {
    load_sources(vec![
        embedded_files(),
        vec![SourceFile {
            shown_as: "overlay.yaml".into(),
            relative: "overlay.yaml".into(),
            text: overlay.into(),
            json: None,
        }],
    ])
}

/// How long loading and checking the knowledge base from its files took on a quiet
/// 2-core machine in a debug build (`dbadvise questions --kb EMPTY_DIR`, 0.16 s).
const QUIET_REFERENCE: Duration = Duration::from_millis(160);

/// `limit` as the machine runs now: the time limits of the hang and blow-up guards were
/// set on a quiet machine, and a busy one (the whole suite on two cores) is slower for
/// every command alike. The reference command runs now, and the limit grows by as much
/// as it is slower than it was then; a quadratic slip still fails, a busy machine not.
pub fn scaled(limit: Duration) -> Duration {
    let empty = tempfile::tempdir().unwrap();
    let took = (0..2)
        .map(|_| {
            let start = Instant::now();
            let out = dbadvise()
                .args(["questions", "--kb"])
                .arg(empty.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "the reference command fails");
            start.elapsed()
        })
        .min()
        .unwrap_or(QUIET_REFERENCE);
    limit.mul_f64((took.as_secs_f64() / QUIET_REFERENCE.as_secs_f64()).max(1.0))
}
