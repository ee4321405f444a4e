//! The real binary in a real terminal: tmux runs it, `send-keys` types, `capture-pane`
//! reads the screen. From the start screen to an exported record; quitting with unsaved
//! answers and resuming the autosave; SIGTERM. The terminal must be usable afterwards.
//!
//! Without tmux these tests say SKIPPED, unless `DBADVISE_REQUIRE_ENGINES=1` (as `.ci/run`
//! sets it), where a missing tmux fails them.

use crate::common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{tmux_available, Tmux, BIN};

#[test]
fn a_whole_interview_in_tmux_ends_in_an_exported_record() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::new("whole");
    t.start(120, 40, "", "");
    let screen = t.wait_for("Project name:");
    assert!(screen.contains("What will happen"), "{screen}");
    assert!(screen.contains("autosaved after every change"), "{screen}");
    t.type_text("Spare parts shop");
    t.keys(&["Enter"]);
    let screen = t.wait_for("step 1 of about");
    assert!(screen.contains("Why this matters"), "{screen}");
    assert!(screen.contains("Your answers"), "{screen}");
    assert!(screen.contains("Recommendation so far"), "{screen}");
    // The first answer, then back to it and on again.
    t.type_text("Catalogue, carts and orders for 20k customers");
    t.keys(&["Enter"]);
    t.wait_for("step 2 of about");
    t.keys(&["Escape"]);
    let screen = t.wait_for("change your answer");
    assert!(screen.contains("Catalogue, carts and orders"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("step 2 of about");
    // The help overlay, from the key table.
    t.keys(&["?"]);
    let screen = t.wait_for("Keys");
    assert!(screen.contains("save the answers"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("Why this matters");
    // A resize redraws; too small says so; back to size.
    t.cmd(&["resize-window", "-t", "main", "-x", "40", "-y", "12"]);
    t.wait_for("terminal too small");
    t.cmd(&["resize-window", "-t", "main", "-x", "80", "-y", "24"]);
    let screen = t.wait_for("step 2 of about");
    assert_eq!(screen.lines().count(), 24, "{screen}");
    t.cmd(&["resize-window", "-t", "main", "-x", "120", "-y", "40"]);

    t.answer_all();
    let screen = t.wait_for("Recommended stack:");
    for tab in [
        "Stack",
        "Trade-offs",
        "Schema",
        "Indexes",
        "Caching",
        "Checklist",
        "Record",
    ] {
        assert!(screen.contains(tab), "{tab} tab:\n{screen}");
    }
    t.keys(&["Tab"]);
    t.wait_for("CAP");
    t.keys(&["e"]);
    t.wait_for("Export the decision record");
    t.keys(&["C-u"]);
    t.type_text("docs/kickoff.md");
    t.keys(&["Enter"]);
    t.wait_for("Exported the decision record to docs/kickoff.md");
    t.keys(&["q"]);
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 0"), "{screen}");
    assert!(
        screen.lines().any(|l| l == "icanon"),
        "the terminal is back in cooked mode:\n{screen}"
    );

    let record = std::fs::read_to_string(t.file("docs/kickoff.md")).unwrap();
    assert!(
        record.contains("# Database stack for Spare parts shop:"),
        "{record}"
    );
    assert!(
        record.contains("Catalogue, carts and orders for 20k customers"),
        "{record}"
    );
    let answers = t.file("docs/kickoff.answers.yaml");
    let text = std::fs::read_to_string(&answers).unwrap();
    assert!(text.contains("project: Spare parts shop"), "{text}");
    // The same decision, headless.
    let replay = Command::new(BIN)
        .args(["recommend", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(
        replay.status.success(),
        "{}",
        String::from_utf8_lossy(&replay.stderr)
    );
    let replayed = String::from_utf8_lossy(&replay.stdout);
    let title = |md: &str| md.lines().find(|l| l.starts_with("# ")).map(str::to_string);
    assert_eq!(title(&replayed), title(&record));
}

#[test]
fn quitting_with_unsaved_answers_asks_and_the_autosave_resumes() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::new("resume");
    t.start(80, 24, "", "");
    t.wait_for("Project name:");
    t.type_text("Ledger");
    t.keys(&["Enter"]);
    t.wait_for("step 1 of about");
    t.keys(&["Enter"]);
    let screen = t.wait_for("step 2 of about");
    t.keys(&["Enter"]);
    t.wait_change(&screen);
    t.keys(&["q"]);
    t.wait_for("Save your answers before quitting?");
    t.keys(&["n"]);
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 0"), "{screen}");
    assert!(t.file("state/autosave.yaml").exists());

    // Run again: the start screen offers the autosave; taking it goes on at step 3.
    t.restart("", "");
    let screen = t.wait_for("Resume the autosaved interview: Ledger, 2 answers");
    assert!(screen.contains("autosave.yaml"), "{screen}");
    t.keys(&["End", "Enter"]);
    t.wait_for("step 3 of about");
    t.keys(&["C-c"]);
    t.wait_for("Save your answers before quitting?");
    t.keys(&["C-c"]);
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 0"), "{screen}");
    assert!(screen.lines().any(|l| l == "icanon"), "{screen}");
}

#[test]
fn no_color_and_sigterm_in_tmux() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::new("term");
    t.start(100, 30, "NO_COLOR=1", "");
    t.wait_for("Project name:");
    t.type_text("Metrics");
    t.keys(&["Enter"]);
    t.wait_for("step 1 of about");
    t.keys(&["Enter"]);
    t.wait_for("step 2 of about");
    // Monochrome: reverse video and bold only, no colour codes.
    let raw = t.screen_with_escapes();
    assert!(
        raw.contains("\x1b[1;7m") || raw.contains("\x1b[7m"),
        "focus in reverse video:\n{raw:?}"
    );
    for code in raw
        .split("\x1b[")
        .skip(1)
        .map(|s| s.split('m').next().unwrap_or(""))
    {
        for part in code.split(';') {
            let n: u32 = part.parse().unwrap_or(0);
            assert!(
                !(30..=37).contains(&n)
                    && !(40..=47).contains(&n)
                    && !(90..=107).contains(&n)
                    && n != 38
                    && n != 48,
                "a colour code {code:?}"
            );
        }
    }
    // SIGTERM: the terminal is restored, the answers are in the autosave.
    let pane_pid = String::from_utf8_lossy(
        &t.cmd(&["display", "-p", "-t", "main", "#{pane_pid}"])
            .stdout,
    )
    .trim()
    .to_string();
    let children = Command::new("pgrep")
        .args(["-P", &pane_pid])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&children.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(!pid.is_empty(), "the binary runs under the pane's shell");
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 130"), "{screen}");
    assert!(screen.contains("stopped by a signal"), "{screen}");
    assert!(screen.lines().any(|l| l == "icanon"), "{screen}");
    let saved = std::fs::read_to_string(t.file("state/autosave.yaml")).unwrap();
    assert!(saved.contains("project: Metrics"), "{saved}");
}

/// The primary store the engine chooses for the answers of `file` with `question`
/// answered `option`, the questions that opens taking their defaults as the what-if
/// does: its name, and whether it accepts writes in several regions.
fn primary_with(file: &str, question: &str, option: &str) -> (String, bool) {
    let kb = dbadvise::kb::load(&[]).expect("the embedded knowledge base loads");
    let mut answers = common::answers::read_answers(&kb, file);
    answers.set(question, dbadvise::kb::AnswerValue::One(option.into()));
    let advice = dbadvise::engine::advise_with_defaults(&kb, &answers);
    let primary = advice.primary().expect("a primary store");
    let engine = kb.engine(&primary.engine).unwrap();
    let multi_region = engine
        .capabilities
        .iter()
        .any(|c| c == "multi-region-writes");
    (primary.name.to_string(), multi_region)
}

#[test]
fn what_if_in_tmux_compares_and_adopts_multi_region_writes() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::new("whatif");
    // The shop, less its answer about network partitions: one region never asks it, so
    // writes in several regions open it.
    let shop = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/projects/ecommerce-catalogue.yaml"
    ))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.yaml");
    let without: Vec<&str> = shop
        .lines()
        .filter(|l| !l.trim_start().starts_with("partition-behaviour:"))
        .collect();
    assert!(
        without.len() < shop.lines().count(),
        "the shop answers partitions"
    );
    std::fs::write(&path, without.join("\n")).unwrap();
    let answers = path.to_str().unwrap();
    // The store the ranking chooses when writes come from several regions: one that
    // accepts them, instead of PostgreSQL (whose other regions hold read replicas).
    let (multi, accepts) = primary_with(answers, "multi-region", "multi-region-writes");
    assert!(
        accepts && multi != "PostgreSQL",
        "{multi} for writes in several regions"
    );
    t.start(100, 32, "", &format!("--resume '{answers}'"));
    let screen = t.wait_for("recommendation ·");
    assert!(
        screen.contains("Recommended stack: PostgreSQL (primary"),
        "{screen}"
    );
    t.keys(&["w"]);
    let mut screen = t.wait_for("pick the answer to change");
    // Down to the question about regions.
    for _ in 0..30 {
        if screen.contains("▸ ◆ Where are your users") {
            break;
        }
        t.keys(&["Down"]);
        screen = t.wait_change(&screen);
    }
    assert!(screen.contains("▸ ◆ Where are your users"), "{screen}");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Writes accepted in several regions");
    assert!(
        screen.contains(&format!("changes: primary PostgreSQL → {multi}")),
        "{screen}"
    );
    t.keys(&["Down", "Enter"]);
    let screen = t.wait_for("instead of");
    assert!(
        screen.contains("primary: PostgreSQL") && screen.contains(&format!("primary: {multi}")),
        "side by side:\n{screen}"
    );
    t.keys(&["a"]);
    // Writes in several regions open two questions, asked now: whether the regions
    // share data (by default they do), then network partitions, whose default (refuse
    // rather than risk wrong data) leads to the results.
    let screen = t.wait_for("Adopted the what-if answer");
    assert!(screen.contains("it opens new questions"), "{screen}");
    assert!(
        screen.contains("Does each customer live in one region"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    t.wait_for("When the network between database nodes fails");
    t.keys(&["Enter"]);
    let screen = t.wait_for("recommendation ·");
    assert!(
        screen.contains(&format!("Recommended stack: {multi} (primary")),
        "{screen}"
    );
    t.keys(&["q"]);
    t.wait_for("Save your answers before quitting?");
    t.keys(&["n"]);
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 0"), "{screen}");
}

#[test]
fn a_terminal_that_goes_away_ends_the_interview_instead_of_spinning() {
    if !tmux_available() {
        return;
    }
    // crossterm spins on a dead tty (crossterm-rs/crossterm#793); the binary must notice
    // the hangup and end, not burn a core forever.
    let t = Tmux::new("hangup");
    let pid_file = t.file("pid");
    let script = format!(
        "cd '{dir}'; echo $$ > '{pid}'; exec env DBADVISE_STATE_DIR='{dir}/state' '{BIN}'",
        dir = t.path().display(),
        pid = pid_file.display(),
    );
    let out = t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "main",
        "-x",
        "80",
        "-y",
        "24",
        "sh",
        "-c",
        &script,
    ]);
    assert!(out.status.success());
    t.wait_for("Project name:");
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_string();
    let proc_dir = PathBuf::from(format!("/proc/{pid}"));
    assert!(proc_dir.exists(), "dbadvise runs as {pid}");
    let _ = t.cmd(&["kill-server"]);
    let start = Instant::now();
    while proc_dir.exists() {
        // A zombie (state Z) has ended; only its parent has not reaped it yet.
        let state = std::fs::read_to_string(proc_dir.join("stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = Command::new("kill").args(["-9", &pid]).status();
            panic!("dbadvise ({pid}) still runs 10 s after its terminal went away: {state}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn learn_in_tmux_searches_follows_a_link_and_quits() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::new("learn");
    t.start(100, 30, "", "learn");
    let screen = t.wait_for("topic library ·");
    assert!(
        screen.contains("Foundations") && screen.contains("ACID"),
        "{screen}"
    );
    t.keys(&["/"]);
    t.wait_for("▏");
    t.type_text("stampede");
    let screen = t.wait_for("▸ Cache stampede");
    assert!(screen.contains("/ stampede"), "{screen}");
    // Enter ends the search, Enter reads the page, End scrolls to its related topics.
    t.keys(&["Enter", "Enter", "End"]);
    // The page of the topic, its related topics numbered: 1 follows the first.
    let screen = t.wait_for("Related topics");
    let first = screen
        .lines()
        .find_map(|l| l.split("│ 1 ").nth(1).or_else(|| l.split("║ 1 ").nth(1)))
        .map(|rest| rest.trim_end_matches(['│', '║', ' ']).trim().to_string())
        .unwrap_or_else(|| panic!("no related topic 1:\n{screen}"));
    t.keys(&["1"]);
    let screen = t.wait_for("1 back with Esc");
    assert!(screen.contains(&first), "followed to {first}:\n{screen}");
    t.keys(&["Escape"]);
    t.wait_for("▸ Cache stampede");
    t.keys(&["q"]);
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 0"), "{screen}");
    assert!(screen.lines().any(|l| l == "icanon"), "{screen}");
}

/// The files of `dir` by name, with their text, dates left out (the two runs may straddle
/// midnight).
fn files_without_dates(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let text: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with("Date: ") && !l.starts_with("date: "))
                .collect();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, text.join("\n"))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn exporting_in_tmux_writes_what_adr_new_writes_in_the_layout_chosen() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::new("export");
    std::fs::create_dir_all(t.file("docs/decisions")).unwrap();
    let answers = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/projects/internal-tool.yaml"
    );
    t.start(100, 32, "", &format!("--resume '{answers}'"));
    t.wait_for("recommendation ·");
    // The Record tab shows the record as it reads: headings without their marks.
    t.keys(&["BTab"]);
    let screen = t.wait_for("As `e` writes it: 0001-");
    assert!(screen.contains("Context and Problem Statement"), "{screen}");
    assert!(
        !screen.contains("## ") && !screen.contains("---\n"),
        "{screen}"
    );
    t.keys(&["e"]);
    let screen = t.wait_for("Export the decision record");
    assert!(screen.contains("(•) MADR 4.0"), "{screen}");
    t.keys(&["Tab"]);
    t.wait_for("(•) Nygard");
    t.keys(&["C-a"]);
    let screen = t.wait_for("[x] every pattern");
    assert!(screen.contains("(•) Nygard"), "{screen}");
    assert!(
        screen.contains(".answers.yaml, .schema.sql, .appendix.md"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    t.wait_for("Exported the decision record to docs/decisions/0001-");
    t.keys(&["q"]);
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 0"), "{screen}");
    assert!(screen.lines().any(|l| l == "icanon"), "{screen}");

    let written = files_without_dates(&t.file("docs/decisions"));
    let names: Vec<&str> = written.iter().map(|(n, _)| n.as_str()).collect();
    let stem = "0001-database-stack-for-equipment-booking-postgresql";
    assert_eq!(
        names,
        [".answers.yaml", ".appendix.md", ".md", ".schema.sql"].map(|end| format!("{stem}{end}")),
    );
    let record = &written[2].1;
    assert!(
        record.starts_with("# 1. Database stack for Equipment booking"),
        "{record}"
    );
    assert!(
        record.contains("\n## Status\n"),
        "a Nygard record:\n{record}"
    );
    // The same files as `adr new` writes for the same answers and choices.
    let cli = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(cli.path().join("docs/decisions")).unwrap();
    let out = Command::new(BIN)
        .current_dir(cli.path())
        .args([
            "adr",
            "new",
            "--style",
            "nygard",
            "--appendix",
            "--answers",
            answers,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        written,
        files_without_dates(&cli.path().join("docs/decisions"))
    );
}
