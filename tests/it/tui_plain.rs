//! Plain mode: the interview as lines, for pipes, CI and screen readers. In-process over
//! the fixture knowledge base, and as the real binary with piped standard input.

use std::io::Cursor;
use std::path::Path;

use crate::common::answers::read_answers;
use crate::common::run::stdout_of;
use crate::common::tui::fixture_kb;
use assert_cmd::Command;
use dbadvise::error::Error as Failure;
use dbadvise::exit::Exit;
use dbadvise::kb::AnswerValue;
use dbadvise::plain::Plain;
use dbadvise::session::Config;

fn config(dir: &Path) -> Config {
    Config {
        autosave: Some(dir.join("state/autosave.yaml")),
        ..Config::bare()
    }
}

/// Runs the plain interview on `input`; returns the transcript and the outcome.
fn plain(dir: &Path, input: &str) -> (String, Result<(), Failure>) {
    let kb = fixture_kb();
    let mut out = Vec::new();
    let result = Plain {
        input: Cursor::new(input.to_string()),
        out: &mut out,
        echo: true,
    }
    .run(&kb, config(dir), None);
    (String::from_utf8(out).unwrap(), result)
}

#[test]
fn a_whole_plain_interview_with_help_back_and_several_choices_exports_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("shop.md");
    // Name, domain; the kinds of data after the help (records and documents); back to
    // them from the next question, and Enter keeps them; no database to keep (Enter);
    // thousands a second; a few milliseconds; keyword search and live counters; the
    // record's file.
    let input = format!(
        "shop\nan online shop\n?\n1,2\nb\n\n\n2\n2\n1,3\n{}\n",
        record.display()
    );
    let (out, result) = plain(dir.path(), &input);
    assert!(result.is_ok(), "{out}");
    assert!(!out.contains('\x1b'), "no escape codes:\n{out}");
    assert!(
        out.contains(
            "[Data] step 2 of about 5\nWhat does the system keep? Tick every kind.\n  1) Business records"
        ),
        "{out}"
    );
    assert!(
        out.contains("Why this matters: Start from the data"),
        "? shows the help:\n{out}"
    );
    // Back shows the several-choice question again with the answers ticked; Enter keeps them.
    assert!(
        out.contains("  2) Self-contained documents whose fields vary (profiles, catalogue items) (your answer)"),
        "{out}"
    );
    assert!(out.contains("(Enter: 1,2)"), "{out}");
    assert!(
        out.contains("Stack: PostgreSQL (primary, search) + Redis (ephemeral, cache)"),
        "{out}"
    );
    assert!(
        out.contains(&format!("wrote {}", record.display())),
        "{out}"
    );
    let kb = fixture_kb();
    let answers_file = dir.path().join("shop.answers.yaml");
    let answers = read_answers(&kb, answers_file);
    assert_eq!(
        answers.get("data-kinds"),
        Some(&AnswerValue::Many(vec![
            "records".into(),
            "documents".into()
        ]))
    );
    assert_eq!(
        answers.get("features"),
        Some(&AnswerValue::Many(vec![
            "keyword-search".into(),
            "live".into()
        ]))
    );
    assert_eq!(
        answers.get("latency"),
        Some(&AnswerValue::One("single-digit-ms".into()))
    );
    assert!(std::fs::read_to_string(&record)
        .unwrap()
        .contains("# Database stack for shop: PostgreSQL"));
}

#[test]
fn a_wrong_answer_is_explained_and_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let (out, result) = plain(dir.path(), "shop\n\n7\nx\n2\n");
    assert!(
        out.contains("`7` is not an option: answer with a number from 1 to 2"),
        "{out}"
    );
    assert!(out.contains("`x` is not an option"), "{out}");
    assert!(
        out.contains("Is there a database to keep, or one the team already runs well?"),
        "2 was taken:\n{out}"
    );
    assert_eq!(result.unwrap_err().exit, Exit::NoInput);
}

#[test]
fn no_input_at_all_points_at_recommend_with_its_own_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let (_, result) = plain(dir.path(), "");
    let failure = result.unwrap_err();
    assert_eq!(failure.exit, Exit::NoInput);
    assert!(
        failure.message.contains("dbadvise recommend --answers"),
        "{}",
        failure.message
    );
    assert!(
        !dir.path().join("state/autosave.yaml").exists(),
        "nothing to autosave"
    );
}

#[test]
fn input_ending_midway_keeps_the_answers_in_the_autosave_and_says_how_to_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let (_, result) = plain(dir.path(), "shop\na shop\n1\n");
    let failure = result.unwrap_err();
    assert_eq!(failure.exit, Exit::NoInput);
    let autosave = dir.path().join("state/autosave.yaml");
    assert!(
        failure
            .message
            .contains(&format!("dbadvise --resume {}", autosave.display())),
        "{}",
        failure.message
    );
    let kb = fixture_kb();
    let saved = read_answers(&kb, autosave);
    assert_eq!(
        saved.get("data-kinds"),
        Some(&AnswerValue::Many(vec!["records".into()]))
    );
    assert_eq!(saved.project.as_deref(), Some("shop"));
}

#[test]
fn declining_the_export_writes_nothing_and_says_where_the_answers_are() {
    let dir = tempfile::tempdir().unwrap();
    // Name, an empty domain, the defaults, no features (-), and n to the export.
    let (out, result) = plain(dir.path(), "shop\n\n\n\n\n-\nn\n");
    assert!(result.is_ok(), "{out}");
    assert!(
        out.contains("Nothing exported. The answers are in"),
        "{out}"
    );
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written, ["state"]);
}

// ---- the real binary -------------------------------------------------------------------

fn dbadvise(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dbadvise").unwrap();
    cmd.current_dir(dir)
        .env("DBADVISE_STATE_DIR", dir.join("state"))
        .env_remove("NO_COLOR");
    cmd
}

#[test]
fn the_binary_with_no_input_exits_with_a_message_pointing_at_recommend() {
    let dir = tempfile::tempdir().unwrap();
    let out = dbadvise(dir.path()).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(Exit::NoInput as i32), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dbadvise recommend --answers"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}

#[test]
fn the_binary_on_piped_input_runs_the_plain_interview_to_an_exported_record() {
    let dir = tempfile::tempdir().unwrap();
    // Enter everywhere takes the defaults; the last line accepts the export's default name.
    let input = format!("shop\n{}", "\n".repeat(60));
    let out = dbadvise(dir.path()).write_stdin(input).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.contains('\x1b'), "no escape codes");
    assert!(stdout.contains("step 1 of about"), "{stdout}");
    assert!(stdout.contains("wrote shop-decision.md"), "{stdout}");
    let record = std::fs::read_to_string(dir.path().join("shop-decision.md")).unwrap();
    assert!(record.contains("# Database stack for shop"), "{record}");
    // The answers beside it replay the same decision headless.
    stdout_of(dbadvise(dir.path()).args(["recommend", "--answers", "shop-decision.answers.yaml"]));
}

#[test]
fn the_plain_results_name_the_product_s_domain() {
    let dir = tempfile::tempdir().unwrap();
    let rides = dir.path().join("rides.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/scenarios/answers/054-ride-fulfillment-global-transactions.yaml"),
        &rides,
    )
    .unwrap();
    // Every answer given: the results at once, then "n" declines the export.
    let out = dbadvise(dir.path())
        .arg("--resume")
        .arg(&rides)
        .write_stdin("n\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains(
            "- The product's domain: Ride-hailing and live locations (4 rules for the database to hold, in the record's Context)"
        ),
        "{stdout}"
    );
}

#[test]
fn plain_is_also_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dbadvise(dir.path())
        .arg("--plain")
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(Exit::NoInput as i32));
    assert!(String::from_utf8_lossy(&out.stdout).contains("plain mode"));
}

/// A writer whose reader has gone, as `| head` leaves standard output.
struct ClosedPipe;

impl std::io::Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_standard_output_stops_the_interview_with_a_plain_word() {
    let dir = tempfile::tempdir().unwrap();
    let kb = fixture_kb();
    let mut out = ClosedPipe;
    let result = Plain {
        input: Cursor::new("shop\n".to_string()),
        out: &mut out,
        echo: true,
    }
    .run(&kb, config(dir.path()), None);
    let failure = result.expect_err("nothing can be asked");
    assert_eq!(failure.exit, Exit::Output);
    assert!(
        failure.message.contains("standard output was closed"),
        "{}",
        failure.message
    );
}

/// What the system keeps takes at least one kind of data: "none" is explained and the
/// question asked again, with no "- for none" offered.
#[test]
fn a_question_that_takes_at_least_one_option_refuses_none() {
    let dir = tempfile::tempdir().unwrap();
    let out = dbadvise(dir.path())
        .arg("--plain")
        // The name, what it does, the domain left at its default (none), then the kinds.
        .write_stdin("shop\na shop\n\n-\n1\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let asked = text.find("What does the system keep?").expect("asked");
    let refused = text
        .find("Choose at least one, from 1 to 10")
        .expect("refused");
    let next = text
        .find("Who will run the database day to day?")
        .expect("1 was taken");
    assert!(asked < refused && refused < next, "{text}");
    assert!(
        text.contains("Choose one or more of 1-10, separated by commas (Enter: 1): "),
        "{text}"
    );
}
