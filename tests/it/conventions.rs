//! The conventions of a command-line tool: shell completions and a man page generated
//! from the command line itself, topics named the short ways people type them, and
//! source files a newcomer can hold.

use std::io::{Read, Write};
use std::process::Stdio;

use dbadvise::exit::Exit;

use crate::common;

use common::run::{dbadvise, failure_of, stdout_of};

/// The title of a topic of the embedded knowledge base: the first line `explain` prints.
fn title(id: &str) -> String {
    let kb = dbadvise::kb::KnowledgeBase::embedded();
    kb.topic(id).expect("the topic exists").title.clone()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    for (shell, registers) in [
        ("bash", "complete -F _dbadvise"),
        ("zsh", "#compdef dbadvise"),
        ("fish", "complete -c dbadvise"),
    ] {
        let script = stdout_of(dbadvise().args(["completions", shell]));
        assert!(script.contains(registers), "{shell}: {script:.300}");
        for command in ["recommend", "explain", "completions", "man"] {
            assert!(script.contains(command), "{shell} lacks `{command}`");
        }
    }
    let (code, err) = failure_of(dbadvise().args(["completions", "powershell"]));
    assert_eq!(code, 2, "an unknown shell is a usage error: {err}");
    assert!(
        err.contains("powershell") && ["bash", "zsh", "fish"].iter().all(|s| err.contains(s)),
        "names the shells there are: {err}"
    );
}

#[test]
fn the_bash_completion_completes_a_command_and_its_values() {
    let script = stdout_of(dbadvise().args(["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dbadvise.bash");
    std::fs::write(&path, script).unwrap();
    // bash's completion calls the function with the words typed, as here.
    let complete = |words: &str, current: usize| {
        let line = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={current}; \
             _dbadvise dbadvise \"${{COMP_WORDS[{current}]}}\" \"${{COMP_WORDS[{}]}}\"; \
             echo \"${{COMPREPLY[@]}}\"",
            path.display(),
            current - 1
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &line])
            .output()
            .expect("bash runs");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(complete("dbadvise rec", 1).trim(), "recommend");
    let shells = complete("dbadvise completions ''", 2);
    assert!(
        ["bash", "zsh", "fish"].iter().all(|s| shells.contains(s)),
        "{shells}"
    );
}

#[test]
fn the_man_page_is_roff_and_describes_every_command() {
    let page = stdout_of(dbadvise().arg("man"));
    assert!(
        page.starts_with('.'),
        "roff starts with a request: {page:.200}"
    );
    let th = page.find("\n.TH dbadvise 1").expect("a .TH title line");
    let sh = page.find("\n.SH ").expect("sections");
    assert!(th < sh, "the title comes before the sections");
    assert!(page.contains(".SH SYNOPSIS") && page.contains(".SH COMMANDS"));
    // Each command under its own heading, with its options, all in this one page:
    // no reference to a page per command that `dbadvise man` does not write.
    let recommend = page
        .split("\n.SS ")
        .find(|s| s.starts_with("\"dbadvise recommend\""))
        .expect("a section for `dbadvise recommend`");
    assert!(recommend.contains(r"\-\-answers") && recommend.contains(r"\-\-what\-if"));
    for command in [
        "kb check",
        "answers upgrade",
        "explain",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"dbadvise {command}\"")),
            "no section for `{command}`"
        );
    }
    assert!(!page.contains(r"dbadvise\-recommend(1)"), "{page}");
}

/// Every exit code is in the man page's EXIT STATUS and in the README's table, and the
/// codes are the ones the binary uses.
#[test]
fn every_exit_code_is_documented_in_the_man_page_and_the_readme() {
    use dbadvise::exit::Exit;
    let page = stdout_of(dbadvise().arg("man"));
    let status = page
        .split(".SH \"EXIT STATUS\"")
        .nth(1)
        .expect("an EXIT STATUS section");
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = readme
        .split("\n## Exit codes\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("an Exit codes section");
    for (exit, _) in Exit::ALL {
        let code = exit as u8;
        assert!(
            status.contains(&format!(".TP\n{code}\n")),
            "{code} not in the man page"
        );
        assert!(
            table.contains(&format!("\n| {code} | ")),
            "{code} not in the README"
        );
    }
    assert_eq!(
        Exit::ALL.len(),
        table.matches("\n| ").count() - 2,
        "README rows vs codes"
    );
    // The code a usage error really exits with is the one documented as such.
    let (code, _) = failure_of(dbadvise().arg("no-such-command"));
    assert_eq!(code, Exit::Usage as i32);
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [&["man"][..], &["completions", "bash"], &["explain", "cap"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dbadvise"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the output is written (`| head -0`).
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

/// Review N: `printf … | dbadvise 2>&1 | head` exited 101, a panic, because the
/// message that ends a run was written to a standard error that was closed too. Both
/// streams closed, a run still exits with its own documented code.
#[test]
fn a_run_whose_output_and_errors_both_go_to_a_closed_pipe_exits_with_its_own_code() {
    let missing = tempfile::tempdir().unwrap().path().join("none.yaml");
    let runs: [(&[&str], &str, Exit); 2] = [
        (&["--plain"], "Test\n\n\n", Exit::Output),
        (
            &["recommend", "--answers", missing.to_str().unwrap()],
            "",
            Exit::Answers,
        ),
    ];
    for (args, input, exit) in runs {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader); // `2>&1 | head -0`: nobody reads either stream.
        let state = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dbadvise"))
            .args(args)
            .env("XDG_STATE_HOME", state.path())
            .stdin(Stdio::piped())
            .stdout(writer.try_clone().unwrap())
            .stderr(writer)
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(input.as_bytes());
        drop(stdin);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(exit as i32), "{args:?}");
    }
}

#[test]
fn a_topic_is_named_by_the_start_of_its_id_or_of_a_word_of_it() {
    for (name, id) in [
        ("cap", "cap-theorem"),
        ("gin", "gin-index"),
        ("GIN", "gin-index"),
        ("stampede", "cache-stampede"),
        // An abbreviation the title spells out: "Third normal form (3NF)".
        ("3nf", "third-normal-form"),
        ("rls", "row-level-security"),
        // An id wins over the start of a word of other ids (`app-only-constraints`).
        ("constraints", "constraints"),
    ] {
        let page = stdout_of(dbadvise().args(["explain", name]));
        assert_eq!(first_line(&page), title(id), "`explain {name}`");
    }
    // `learn` finds its topic the same way (and then, in a pipe, asks for a terminal).
    let (code, err) = failure_of(dbadvise().args(["learn", "cap"]));
    assert_eq!(code, 9, "`learn cap` found its topic: {err}");
    let (code, err) = failure_of(dbadvise().args(["learn", "normal"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("third-normal-form"), "{err}");
}

#[test]
fn a_start_several_ids_share_lists_them_as_a_usage_error() {
    let (code, err) = failure_of(dbadvise().args(["explain", "normal"]));
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "could be any of 3 topics: first-normal-form, second-normal-form, third-normal-form"
        ),
        "{err}"
    );
    let (code, err) = failure_of(dbadvise().args(["explain", "index"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("btree-index") && err.contains("gin-index") && err.contains("more"),
        "a long list is cut short and says so: {err}"
    );
}

#[test]
fn an_unknown_name_keeps_its_suggestions() {
    let (code, err) = failure_of(dbadvise().args(["explain", "cap-theorm"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown topic `cap-theorm` (did you mean `cap-theorem`?)"),
        "{err}"
    );
    let (code, err) = failure_of(dbadvise().args(["explain", "herd"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown topic `herd` (topics that mention it: cache-stampede)"),
        "{err}"
    );
    let (code, err) = failure_of(dbadvise().args(["explain", "kubernetes"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown topic `kubernetes`"), "{err}");
}

#[test]
fn a_topic_declares_aliases_which_win_over_starts_and_kb_check_keeps_unique() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("topics")).unwrap();
    let overlay = |yaml: &str| {
        std::fs::write(dir.path().join("topics/aliases.yaml"), yaml).unwrap();
        dir.path().to_str().unwrap().to_string()
    };
    let kb = overlay(
        "topics:\n  - id: cache-stampede\n    aliases: [thundering-herd, Dogpile]\n  \
         - id: pagination\n    aliases: [pa]\n",
    );
    for (name, id) in [
        ("dogpile", "cache-stampede"),
        ("thundering herd", "cache-stampede"),
        // `pa` starts six ids; the alias names one.
        ("pa", "pagination"),
    ] {
        let page = stdout_of(dbadvise().args(["--kb", &kb, "explain", name]));
        assert_eq!(first_line(&page), title(id), "`explain {name}`");
    }
    stdout_of(dbadvise().args(["kb", "check", &kb]));

    let kb = overlay(
        "topics:\n  - id: cache-aside\n    aliases: [lazy, GIN-index]\n  \
         - id: write-through\n    aliases: [lazy]\n",
    );
    let (code, err) = failure_of(dbadvise().args(["kb", "check", &kb]));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("topic `cache-aside`: alias `GIN-index` is the id of topic `gin-index`"),
        "{err}"
    );
    assert!(
        err.contains("alias `lazy` is also an alias of topic `cache-aside`"),
        "{err}"
    );
    assert!(err.contains("aliases.yaml:"), "names the file: {err}");
}

/// Every source file of the crate is one a newcomer can hold: 600 lines at most (issue
/// 18, item 6). A file that grows past it is split by what it is about.
#[test]
fn no_source_file_is_over_600_lines() {
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 50, "{} files under src/", files.len());
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(_, lines)| *lines > 600)
        .map(|(f, lines)| format!("{}: {lines} lines", f.display()))
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}
