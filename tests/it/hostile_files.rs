//! The files around a record and a `--kb` directory as a whole, read within their
//! limits: an `.adr-dir` file, a record template (`--template`, `dbadvise-template.md`),
//! a record to supersede, and all the files of a `--kb` directory together. Each past its
//! limit fails fast, with a message naming the file and the limit, and writes nothing.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::run::project;
use assert_cmd::Command;
use dbadvise::kb::load::directory_files;
use dbadvise::limits;

/// `dbadvise adr new` for the e-commerce answers in `cwd`, with `args` added; (exit
/// code, stderr), within 5 s on a quiet machine (`scaled` on a busy one).
fn adr_new(cwd: &Path, args: &[&str]) -> (i32, String) {
    let limit = crate::common::run::scaled(Duration::from_secs(5));
    let start = Instant::now();
    let out = Command::cargo_bin("dbadvise")
        .unwrap()
        .current_dir(cwd)
        .args(["adr", "new", "--answers"])
        .arg(project("ecommerce-catalogue"))
        .args(args)
        .timeout(limit * 4)
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}, more than {limit:?}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), err)
}

/// A file of `bytes` bytes of text (one long comment line).
fn write_sized(path: &Path, bytes: u64) {
    fs::write(path, format!("#{}", "x".repeat(bytes as usize - 1))).unwrap();
}

fn records_in(dir: &Path) -> usize {
    fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn an_adr_dir_file_past_its_limit_is_named_and_nothing_is_written() {
    let root = tempfile::tempdir().unwrap();
    let nested = root.path().join("app/src");
    fs::create_dir_all(&nested).unwrap();
    // At the limit it is read: a path, then blanks.
    let limit = limits::ADR_DIR_FILE_BYTES;
    let text = format!("{:<1$}", "records", limit as usize);
    fs::write(root.path().join(".adr-dir"), text).unwrap();
    let (code, err) = adr_new(&nested, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        records_in(&root.path().join("records")),
        3,
        "a record, its answers and its schema"
    );

    // One byte more, and it is refused by name, from a subdirectory too.
    fs::write(
        root.path().join(".adr-dir"),
        format!("{:<1$}", "records", limit as usize + 1),
    )
    .unwrap();
    let (code, err) = adr_new(&nested, &[]);
    assert_eq!(code, 8, "{err}");
    assert!(
        err.contains(".adr-dir: larger than 4 KiB, the limit for an .adr-dir file"),
        "{err}"
    );
    assert_eq!(
        records_in(&root.path().join("records")),
        3,
        "nothing more written"
    );

    // A device is read no further than the limit.
    let linked = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", linked.path().join(".adr-dir")).unwrap();
    let (code, err) = adr_new(linked.path(), &[]);
    assert_eq!(code, 8, "{err}");
    assert!(err.contains("larger than 4 KiB"), "{err}");
}

#[test]
fn record_templates_past_their_limit_are_named() {
    let root = tempfile::tempdir().unwrap();
    let limit = limits::TEMPLATE_BYTES;
    let big = root.path().join("big.md");
    write_sized(&big, limit + 1);
    let (code, err) = adr_new(root.path(), &["--template", "big.md"]);
    assert_eq!(code, 7, "{err}");
    assert!(
        err.contains(
            "cannot read template big.md: larger than 256 KiB, the limit for a record template"
        ),
        "{err}"
    );
    let (code, err) = adr_new(root.path(), &["--template", "/dev/zero"]);
    assert_eq!(code, 7, "{err}");
    assert!(err.contains("larger than 256 KiB"), "{err}");

    // The record directory's own template, the same.
    let decisions = root.path().join("docs/decisions");
    fs::create_dir_all(&decisions).unwrap();
    write_sized(&decisions.join("dbadvise-template.md"), limit + 1);
    let (code, err) = adr_new(root.path(), &[]);
    assert_eq!(code, 7, "{err}");
    assert!(
        err.contains("dbadvise-template.md: larger than 256 KiB, the limit for a record template"),
        "{err}"
    );
    assert_eq!(
        records_in(&decisions),
        1,
        "nothing written beside the template"
    );

    // At the limit a template is read and rendered.
    fs::write(
        decisions.join("dbadvise-template.md"),
        format!("# {{{{ title }}}}\n{}\n", " ".repeat(limit as usize - 15)),
    )
    .unwrap();
    assert_eq!(
        fs::metadata(decisions.join("dbadvise-template.md"))
            .unwrap()
            .len(),
        limit
    );
    let (code, err) = adr_new(root.path(), &[]);
    assert_eq!(code, 0, "{err}");
    // The template, then a record with its answers and its schema.
    assert_eq!(records_in(&decisions), 4);
}

#[test]
fn a_record_to_supersede_past_its_limit_is_named() {
    let root = tempfile::tempdir().unwrap();
    let decisions = root.path().join("docs/decisions");
    fs::create_dir_all(&decisions).unwrap();
    let old = decisions.join("0001-old.md");
    fs::write(&old, "# 1. Old\n\n## Status\n\nAccepted\n").unwrap();
    let file = fs::OpenOptions::new().append(true).open(&old).unwrap();
    file.set_len(limits::RECORD_FILE_BYTES + 1).unwrap();
    let (code, err) = adr_new(root.path(), &["--supersedes", "1"]);
    assert_eq!(code, 8, "{err}");
    assert!(
        err.contains("0001-old.md: larger than 1 MiB, the limit for a record to supersede"),
        "{err}"
    );
    assert_eq!(records_in(&decisions), 1, "nothing written");
}

#[test]
fn a_kb_directory_past_its_total_size_stops_while_walking() {
    // Files of the largest size each may have, as sparse files: only their size counts.
    let dir = tempfile::tempdir().unwrap();
    let per_file = limits::KB_FILE_BYTES;
    let at_limit = (limits::KB_DIR_BYTES / per_file) as usize;
    assert!(at_limit * per_file as usize == limits::KB_DIR_BYTES as usize);
    for i in 0..at_limit {
        let file = fs::File::create(dir.path().join(format!("f{i:02}.yaml"))).unwrap();
        file.set_len(per_file).unwrap();
    }
    // A README is not read, so it does not count.
    write_sized(&dir.path().join("README.md"), 1 << 20);
    let files = directory_files(dir.path()).expect("at the limit the walk ends");
    assert_eq!(files.len(), at_limit);

    fs::write(dir.path().join("snippets.yaml"), "# one byte too many\n").unwrap();
    let problem = directory_files(dir.path()).unwrap_err().to_string();
    assert!(
        problem.contains("more than 32 MiB in its knowledge-base files together"),
        "{problem}"
    );
    assert!(
        problem.contains("reached at snippets.yaml (the limit for a --kb directory"),
        "{problem}"
    );
    assert!(
        problem.starts_with(&dir.path().display().to_string()),
        "{problem}"
    );

    // The binary says so with exit 3, before it parses anything.
    let limit = crate::common::run::scaled(Duration::from_secs(10));
    let start = Instant::now();
    let out = Command::cargo_bin("dbadvise")
        .unwrap()
        .args(["kb", "check"])
        .arg(dir.path())
        .timeout(limit * 3)
        .output()
        .unwrap();
    assert!(start.elapsed() < limit, "{:?}", start.elapsed());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("more than 32 MiB"), "{err}");
}
