//! Hostile and broken input given to the real binary: control characters never reach the
//! terminal or a written file raw, directory walks end, every input has a limit that
//! fails fast with a message naming it, `--force` replaces only regular files, and
//! concurrent `adr new` runs number their records apart.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::run::{dbadvise, project, scaled};
use assert_cmd::Command;

const ESC_SEQUENCES: &str = "\u{1b}[2J\u{1b}]52;c;SGFja2Vk\u{7}\u{9b}31m";

/// Runs and returns (exit code, stdout, stderr), within `limit` (as long as the machine
/// is busy makes it, `scaled`) or the test fails.
fn run_within(cmd: &mut Command, limit: Duration) -> (i32, String, String) {
    let limit = scaled(limit);
    let start = Instant::now();
    let out = cmd.timeout(limit * 4).output().unwrap();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}, more than {limit:?}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    run_within(cmd, Duration::from_secs(30))
}

/// No C0 control but newline, no DEL, no C1 control.
fn assert_no_raw_controls(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(bad.is_empty(), "{what} holds raw controls {bad:?}:\n{text}");
}

fn hostile_answers(dir: &Path) -> PathBuf {
    // The project name ends its line too: it must not leave the schema's SQL comment.
    let text = fs::read_to_string(project("ecommerce-catalogue"))
        .unwrap()
        .replace(
            "project: Online shop catalogue",
            "project: \"Shop \\e[2J\\e]52;c;SGFja2Vk\\a\\nDROP TABLE x; \\x9b31m\"",
        );
    assert!(text.contains("\\e[2J"), "the project line was replaced");
    let path = dir.join("hostile.yaml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn unknown_keys_and_options_are_named_with_their_controls_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    fs::write(
        &path,
        format!(
            "answers:\n  \"team{ESC_SEQUENCES}\": small-team\n  volume: \"medium{ESC_SEQUENCES}\"\n"
        )
        .replace('\u{1b}', "\\e")
        .replace('\u{7}', "\\a")
        .replace('\u{9b}', "\\x9b"),
    )
    .unwrap();
    let (code, _, err) = run(dbadvise().args(["recommend", "--answers"]).arg(&path));
    assert_eq!(code, 4, "{err}");
    assert_no_raw_controls("the error", &err);
    assert!(
        err.contains(
            "a.yaml:2: unknown question `team\\u001b[2J\\u001b]52;c;SGFja2Vk\\u0007\\u009b31m`"
        ),
        "{err}"
    );
    assert!(
        err.contains("a.yaml:3: `volume`: unknown option `medium\\u001b[2J"),
        "{err}"
    );
}

#[test]
fn knowledge_base_ids_and_file_names_are_escaped_in_kb_check() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb");
    fs::create_dir(&kb).unwrap();
    fs::write(
        kb.join("bad\u{1b}]52;c;SGFja2Vk\u{7}.yaml"),
        "patterns:\n  - id: \"x\\e[2J\"\n    title: T\n    category: schema\n    summary: s\n    related_topics: [\"nope\\e]52;c;SGFja2Vk\\a\"]\n",
    )
    .unwrap();
    let (code, _, err) = run(dbadvise().args(["kb", "check"]).arg(&kb));
    assert_eq!(code, 3, "{err}");
    assert_no_raw_controls("kb check", &err);
    assert!(err.contains("\\u001b"), "{err}");
}

#[test]
fn a_project_name_cannot_reach_the_terminal_or_leave_the_schema_comment() {
    let dir = tempfile::tempdir().unwrap();
    let answers = hostile_answers(dir.path());
    let (code, out, err) = run(dbadvise().args(["recommend", "--answers"]).arg(&answers));
    assert_eq!(code, 0, "{err}");
    assert_no_raw_controls("the record", &out);
    // The starter schema goes into its own file beside a written record.
    let record = dir.path().join("record.md");
    let (code, _, err) = run(dbadvise()
        .args(["recommend", "--answers"])
        .arg(&answers)
        .arg("-o")
        .arg(&record));
    assert_eq!(code, 0, "{err}");
    let schema = fs::read_to_string(dir.path().join("record.schema.sql")).unwrap();
    assert_no_raw_controls("the schema", &schema);
    let out = schema;
    let title = out
        .lines()
        .find(|l| l.contains("Starter schema for Shop"))
        .expect("the starter schema names the project");
    assert!(title.starts_with("-- "), "{title}");
    assert!(title.contains("\\u000aDROP TABLE"), "{title}");
    assert!(!out.lines().any(|l| l.starts_with("DROP TABLE x")), "{out}");

    let (code, json, _) = run(dbadvise()
        .args(["recommend", "--format", "json", "--answers"])
        .arg(&answers));
    assert_eq!(code, 0);
    assert_no_raw_controls("the JSON", &json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(value["project"]
        .as_str()
        .unwrap()
        .starts_with("Shop \\u001b[2J"));

    let (code, out, err) = run(dbadvise()
        .current_dir(dir.path())
        .args(["adr", "new", "--answers"])
        .arg(&answers));
    assert_eq!(code, 0, "{err}");
    // The record comes first; the files beside it follow.
    let written = PathBuf::from(out.lines().next().unwrap_or_default());
    let record = fs::read_to_string(dir.path().join(&written)).unwrap();
    assert_no_raw_controls("the record written by adr new", &record);
    // Escaped for the terminal, then for Markdown.
    assert!(record.contains("Shop \\\\u001b\\[2J"), "{record}");
}

#[test]
fn a_kb_directory_with_symlink_loops_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb");
    fs::create_dir(&kb).unwrap();
    std::os::unix::fs::symlink(".", kb.join("a")).unwrap();
    std::os::unix::fs::symlink(".", kb.join("b")).unwrap();
    let (code, _, err) = run_within(
        dbadvise().args(["kb", "check"]).arg(&kb),
        Duration::from_secs(5),
    );
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("a symbolic link to a directory"), "{err}");
}

#[test]
fn a_kb_walk_stops_at_its_depth_limit_and_a_missing_path_is_called_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().join("kb");
    for i in 0..20 {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    let (code, _, err) = run(dbadvise().args(["kb", "check"]).arg(dir.path().join("kb")));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("more than 16 directory levels"), "{err}");

    let (code, _, err) = run(dbadvise()
        .args(["--kb"])
        .arg(dir.path().join("nowhere"))
        .arg("questions"));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("nowhere: no such directory"), "{err}");
    assert!(!err.contains("not a directory"), "{err}");
}

#[test]
fn deep_nesting_fails_fast_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("deep.yaml");
    fs::write(
        &answers,
        format!("answers:\n  team: {}\n", "[".repeat(200_000)),
    )
    .unwrap();
    let (code, _, err) = run_within(
        dbadvise().args(["recommend", "--answers"]).arg(&answers),
        Duration::from_secs(5),
    );
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("deep.yaml:2:"), "{err}");
    assert!(err.contains("nested more than 64 levels"), "{err}");

    let kb = dir.path().join("kb");
    fs::create_dir(&kb).unwrap();
    fs::write(
        kb.join("q.yaml"),
        format!("questions: {}", "[".repeat(200_000)),
    )
    .unwrap();
    let (code, _, err) = run_within(
        dbadvise().args(["kb", "check"]).arg(&kb),
        Duration::from_secs(5),
    );
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("q.yaml:1: collections nested more than 64"),
        "{err}"
    );
}

#[test]
fn files_and_text_answers_over_their_limits_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    fs::write(&big, format!("# {}\nanswers: {{}}\n", "x".repeat(2 << 20))).unwrap();
    let (code, _, err) = run(dbadvise().args(["recommend", "--answers"]).arg(&big));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("larger than 1 MiB, the limit for an answers file"),
        "{err}"
    );

    let long = dir.path().join("long.yaml");
    fs::write(
        &long,
        format!("answers:\n  domain: {}\n", "word ".repeat(5000)),
    )
    .unwrap();
    let (code, _, err) = run(dbadvise().args(["recommend", "--answers"]).arg(&long));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("long.yaml:2: the answer to `domain` is longer than 16 KiB"),
        "{err}"
    );

    let kb = dir.path().join("kb");
    fs::create_dir(&kb).unwrap();
    fs::write(kb.join("big.yaml"), format!("# {}\n", "x".repeat(5 << 20))).unwrap();
    let (code, _, err) = run(dbadvise().args(["kb", "check"]).arg(&kb));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("larger than 4 MiB, the limit for a knowledge-base file"),
        "{err}"
    );

    // A device that never ends is read no further than the limit.
    let (code, _, err) = run_within(
        dbadvise().args(["recommend", "--answers", "/dev/zero"]),
        Duration::from_secs(5),
    );
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("larger than 1 MiB"), "{err}");
}

#[test]
fn twenty_thousand_unknown_keys_cost_little_and_say_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.yaml");
    let mut text = String::from("project: x\nanswers:\n");
    for i in 0..20_000 {
        text.push_str(&format!("  unknown-question-{i}: a\n"));
    }
    fs::write(&path, text).unwrap();
    let (code, _, err) = run_within(
        dbadvise().args(["recommend", "--answers"]).arg(&path),
        Duration::from_secs(10),
    );
    assert_eq!(code, 4);
    // Keys come sorted by serde's map, lines from the one-pass index.
    assert!(
        err.contains("many.yaml:3: unknown question `unknown-question-0`"),
        "{}",
        &err[..300]
    );
    assert!(
        err.contains("… and 19950 more problems"),
        "{}",
        err.lines().last().unwrap()
    );
    assert!(err.lines().count() < 60, "the message stays short");
}

#[test]
fn a_duplicated_key_and_an_unclosed_quote_are_reported_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("dup.yaml");
    fs::write(
        &answers,
        "project: x\nanswers:\n  team: small-team\n  volume: medium\n  # c\n  # d\n  peak-rate: thousands\n  team: small-team\n",
    )
    .unwrap();
    let (code, _, err) = run(dbadvise().args(["recommend", "--answers"]).arg(&answers));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("dup.yaml:8: not a valid answers file"),
        "{err}"
    );
    assert!(err.contains("duplicate entry with key \"team\""), "{err}");

    let kb = dir.path().join("kb");
    fs::create_dir(&kb).unwrap();
    fs::write(
        kb.join("q.yaml"),
        "questions:\n  - id: foo\n    prompt: \"hello\n    section: x\n",
    )
    .unwrap();
    let (code, _, err) = run(dbadvise().args(["kb", "check"]).arg(&kb));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("q.yaml:3:13: found unexpected end of stream"),
        "{err}"
    );
    assert!(err.contains("quoted scalar that starts here"), "{err}");
}

#[test]
fn force_replaces_only_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.md");
    fs::write(&target, "kept").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let answers = project("ecommerce-catalogue");
    let cases: [(&Path, &str); 3] = [
        (&link, "a symbolic link"),
        (dir.path(), "a directory"),
        (Path::new("/dev/null"), "a device"),
    ];
    for (path, what) in cases {
        for force in [true, false] {
            let mut cmd = dbadvise();
            cmd.args(["recommend", "--answers"])
                .arg(&answers)
                .arg("-o")
                .arg(path);
            if force {
                cmd.arg("--force");
            }
            let (code, _, err) = run(&mut cmd);
            assert_eq!(code, 6, "{err}");
            assert!(err.contains(&format!("it is {what}")), "{err}");
            assert!(err.contains("not a regular file"), "{err}");
            assert!(
                !err.contains("--force"),
                "the refusal must not suggest --force: {err}"
            );
        }
    }
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&target).unwrap(), "kept");

    // A regular file is still replaced with --force, and refused without it.
    let regular = dir.path().join("r.md");
    fs::write(&regular, "old").unwrap();
    let (code, _, err) = run(dbadvise()
        .args(["recommend", "--answers"])
        .arg(&answers)
        .arg("-o")
        .arg(&regular));
    assert_eq!(code, 6);
    assert!(err.contains("use --force"), "{err}");
    let (code, _, _) = run(dbadvise()
        .args(["recommend", "--answers"])
        .arg(&answers)
        .arg("-o")
        .arg(&regular)
        .arg("--force"));
    assert_eq!(code, 0);
    assert!(fs::read_to_string(&regular).unwrap().contains("PostgreSQL"));
}

#[test]
fn concurrent_adr_new_runs_number_their_records_apart() {
    let dir = tempfile::tempdir().unwrap();
    let shop = project("ecommerce-catalogue");
    let chat = project("chat-app");
    let spawn = |answers: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_dbadvise"))
            .current_dir(dir.path())
            .args(["adr", "new", "--answers"])
            .arg(answers)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Ten pairs with the same answers file, ten with different ones.
    let mut children = Vec::new();
    for i in 0..20 {
        let second = if i < 10 { &shop } else { &chat };
        children.push(spawn(&shop));
        children.push(spawn(second));
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let records_dir = dir.path().join("docs/decisions");
    let mut numbers = std::collections::BTreeSet::new();
    let mut records = 0;
    for entry in fs::read_dir(&records_dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        records += 1;
        numbers.insert(name[..4].to_string());
        let record = fs::read_to_string(records_dir.join(&name)).unwrap();
        assert!(
            record.contains("## Context and Problem Statement"),
            "{name} is complete"
        );
        let answers = records_dir.join(format!("{stem}.answers.yaml"));
        assert!(answers.is_file(), "{name} has its answers file");
    }
    assert_eq!(records, 40);
    assert_eq!(numbers.len(), 40, "{numbers:?}");
}

#[test]
fn numbering_refuses_to_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let records_dir = dir.path().join("docs/decisions");
    fs::create_dir_all(&records_dir).unwrap();
    fs::write(records_dir.join("4294967295-x.md"), "# x\n").unwrap();
    let (code, _, err) = run(dbadvise()
        .current_dir(dir.path())
        .args(["adr", "new", "--answers"])
        .arg(project("ecommerce-catalogue")));
    assert_eq!(code, 8, "{err}");
    assert!(
        err.contains("no record can be numbered after 4294967295"),
        "{err}"
    );
    assert_eq!(
        fs::read_dir(&records_dir).unwrap().count(),
        1,
        "nothing written"
    );
}

#[test]
fn plain_mode_piped_into_head_mentions_no_autosave_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dbadvise"))
        .arg("--plain")
        .env("DBADVISE_STATE_DIR", dir.path().join("state"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe as `head -1` would.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let mut stdin = child.stdin.take().unwrap();
    let _ = std::io::Write::write_all(&mut stdin, "\n".repeat(50).as_bytes());
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard output was closed"), "{err}");
    assert!(!err.contains("autosave"), "{err}");
    assert!(!dir.path().join("state/autosave.yaml").exists());
}

/// Found by `tests/fuzz.rs` (seed 1796171841543031052): one tree's nodes repeated 1598
/// times took 21 s to check, comparing every dangling reference with every node id and
/// searching every duplicate's line from the top; every duplicate was reported at the
/// first definition's line.
#[test]
fn a_tree_with_thousands_of_repeated_nodes_is_checked_quickly_at_the_right_lines() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dbadvise::kb::load::embedded_files()
        .into_iter()
        .find(|f| f.relative == "trees/60-caching.yaml")
        .expect("the caching tree");
    let lines: Vec<&str> = tree.text.lines().collect();
    let first_node = lines
        .iter()
        .position(|l| l.trim_start().starts_with("- id: ") && l.starts_with("      "))
        .unwrap();
    let block = &lines[first_node..first_node + 35];
    let mut text: Vec<&str> = lines[..first_node].to_vec();
    for _ in 0..1600 {
        text.extend_from_slice(block);
    }
    text.extend_from_slice(&lines[first_node..]);
    fs::write(dir.path().join("fuzz.yaml"), text.join("\n")).unwrap();
    let (code, _, err) = run_within(
        dbadvise().args(["kb", "check"]).arg(dir.path()),
        Duration::from_secs(10),
    );
    assert_eq!(code, 3, "{err}");
    let first_id = block[0].trim_start().trim_start_matches("- id: ").trim();
    let twice: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(&format!("has node `{first_id}` twice")))
        .take(2)
        .collect();
    assert_eq!(twice.len(), 2, "{}", &err[..err.len().min(2000)]);
    let line = |l: &str| l.split(':').nth(1).unwrap().parse::<usize>().unwrap();
    assert_eq!(
        line(twice[1]) - line(twice[0]),
        35,
        "each duplicate at its own line: {twice:?}"
    );
    // Thousands of problems: the first fifty are described, the rest counted.
    let described = err.lines().filter(|l| l.contains("fuzz.yaml:")).count();
    assert_eq!(described, 50, "{}", &err[..err.len().min(2000)]);
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("  … and ") && last.ends_with(" more problems"),
        "{last}"
    );
}
