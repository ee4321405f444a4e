//! The interview's export writes what `adr new` writes: the record and beside it its
//! answers, its starter schema and on request its appendix, in MADR or Nygard, all or
//! none, never over a file unasked. Into a record directory it numbers its record as
//! `adr new` does:
//! the number is claimed as the file is created, so interviews exporting at once get
//! distinct numbers, a number taken meanwhile moves the record to the next, and past the
//! last number there is the export is refused (exit 8 in plain mode). In-process, over
//! the fixture knowledge base, with the files written for real.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Barrier;

use crate::common::answers::read_answers;
use crate::common::run::{dbadvise, project, stdout_of};
use crate::common::tui::{fixture_kb, press, tokens};
use dbadvise::exit::Exit;
use dbadvise::kb::KnowledgeBase;
use dbadvise::plain::Plain;
use dbadvise::report::adr_dir;
use dbadvise::session::{perform, Config, Effect, WriteError, WriteKind};
use dbadvise::tui::app::{App, Overlay};
use dbadvise::tui::wrote;

/// Every question of the fixture answered, for the project `name`.
fn finished<'kb>(kb: &'kb dbadvise::kb::KnowledgeBase, config: Config, name: &str) -> App<'kb> {
    let mut app = App::new(kb, config);
    press(
        &mut app,
        &format!(
            "\"{name}\" Enter \"an online shop\" Enter Enter Enter Down Enter Down Enter \
             Space End Space Enter"
        ),
    );
    assert!(app.session.is_complete(), "the interview is finished");
    app
}

fn in_records(dir: &Path, next: u32) -> Config {
    Config {
        record_dir: Some((dir.to_path_buf(), next)),
        ..Config::bare()
    }
}

/// The records of `dir`, by number, with their text.
fn records(dir: &Path) -> Vec<(u32, String, String)> {
    adr_dir::records(dir)
        .unwrap()
        .into_iter()
        .map(|(n, path)| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (n, name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[test]
fn interviews_exporting_at_once_get_distinct_numbers() {
    const WRITERS: usize = 12;
    let kb = fixture_kb();
    let dir = tempfile::tempdir().unwrap();
    let decisions = dir.path().join("docs/decisions");
    std::fs::create_dir_all(&decisions).unwrap();
    std::fs::write(decisions.join("0001-earlier.md"), "# Earlier\n").unwrap();
    // Every interview started when 2 was next; half share a project (one file name for
    // the same number), half have their own.
    let start = Barrier::new(WRITERS);
    std::thread::scope(|s| {
        for i in 0..WRITERS {
            let (kb, decisions, start) = (&kb, &decisions, &start);
            s.spawn(move || {
                let name = if i % 2 == 0 {
                    "shop".into()
                } else {
                    format!("shop{i}")
                };
                let mut app = finished(kb, in_records(decisions, 2), &name);
                let asked = app.session.default_export_path();
                assert!(asked.ends_with(format!("0002-database-stack-for-{name}-postgresql.md")));
                let write = app.write_for(WriteKind::Export, &asked);
                assert!(
                    write.numbered,
                    "an export into the record directory is numbered"
                );
                start.wait();
                let action = wrote(&app, &write);
                app.update(action);
                assert_eq!(app.overlay, None, "exported without asking");
                assert!(app
                    .status
                    .unwrap()
                    .starts_with("Exported the decision record"));
            });
        }
    });

    let all = records(&decisions);
    let numbers: Vec<u32> = all.iter().map(|(n, _, _)| *n).collect();
    // Two writers that clash on a number may both give it up: a gap, never a repeat.
    let mut distinct = numbers.clone();
    distinct.dedup();
    assert_eq!(distinct, numbers, "a number given twice");
    assert_eq!(numbers.len(), WRITERS + 1, "{numbers:?}");
    for (n, name, text) in &all[1..] {
        // Each record names the answers file beside it, under its own number.
        let beside = name.replace(".md", ".answers.yaml");
        assert!(beside.starts_with(&format!("{n:04}-")), "{name}");
        assert!(
            text.contains(&format!("--answers {beside}`")),
            "{name}:\n{text}"
        );
        let answers = read_answers(&kb, decisions.join(&beside));
        let project = answers.project.unwrap();
        assert!(
            name.contains(&format!("-{project}-")),
            "{name} holds {project}'s answers"
        );
    }
    let files = std::fs::read_dir(&decisions).unwrap().count();
    assert_eq!(
        files,
        1 + 2 * WRITERS,
        "a record and its answers each, nothing left over"
    );
}

#[test]
fn a_number_taken_meanwhile_moves_the_export_to_the_next_and_it_stays_its_own() {
    let kb = fixture_kb();
    let dir = tempfile::tempdir().unwrap();
    let decisions = dir.path().to_path_buf();
    let mut app = finished(&kb, in_records(&decisions, 2), "shop");
    press(&mut app, "e");
    let asked = decisions.join("0002-database-stack-for-shop-postgresql.md");
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt { input, .. }) if Path::new(input) == asked)
    );
    // Another record takes 2 under another name, and this one's own name at 3.
    std::fs::write(decisions.join("0002-other.md"), "# Other\n").unwrap();
    std::fs::write(
        decisions.join("0003-database-stack-for-shop-postgresql.md"),
        "x",
    )
    .unwrap();
    let write = app.write_for(WriteKind::Export, &asked);
    let action = wrote(&app, &write);
    let landed = decisions.join("0004-database-stack-for-shop-postgresql.md");
    let beside = decisions.join("0004-database-stack-for-shop-postgresql.answers.yaml");
    app.update(action);
    assert_eq!(app.overlay, None);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains(&landed.display().to_string()),
        "the status names where it went: {:?}",
        app.status
    );
    let text = std::fs::read_to_string(&landed).unwrap();
    assert!(
        text.contains("--answers 0004-database-stack-for-shop-postgresql.answers.yaml`"),
        "the record is made again for its number:\n{text}"
    );
    assert_eq!(read_answers(&kb, &beside), *app.session.answers());
    assert_eq!(
        std::fs::read_to_string(decisions.join("0002-other.md")).unwrap(),
        "# Other\n"
    );
    assert!(!asked.exists(), "nothing is left at the number asked for");

    // The next export offers that record again and asks before replacing it, rather
    // than taking another number.
    press(&mut app, "e");
    let Some(Overlay::Prompt { input, .. }) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(Path::new(input), landed);
    let write = app.write_for(WriteKind::Export, &landed);
    assert!(
        !write.numbered,
        "its own record is replaced, not numbered again"
    );
    assert_eq!(
        perform(&app.session, &write),
        Err(WriteError::Exists(landed.clone()))
    );
    assert_eq!(records(&decisions).len(), 3, "no record added");
}

#[test]
fn past_the_last_number_the_export_is_refused_and_plain_mode_exits_8() {
    let kb = fixture_kb();
    let dir = tempfile::tempdir().unwrap();
    let decisions = dir.path().to_path_buf();
    let app = finished(&kb, in_records(&decisions, 7), "shop");
    std::fs::write(decisions.join("4294967295-last.md"), "# Last\n").unwrap();
    let asked = app.session.default_export_path();
    let result = perform(&app.session, &app.write_for(WriteKind::Export, &asked));
    let Err(WriteError::Numbering(message)) = result else {
        panic!("{result:?}")
    };
    assert!(
        message.contains("no record can be numbered after 4294967295"),
        "{message}"
    );
    assert_eq!(
        std::fs::read_dir(&decisions).unwrap().count(),
        1,
        "nothing written"
    );

    // Plain mode, whose start found the directory full, says why and exits 8.
    let mut out = Vec::new();
    let result = Plain {
        input: Cursor::new("shop\nan online shop\n1\n\n2\n2\n1,3\n\n".to_string()),
        out: &mut out,
        echo: true,
    }
    .run(&kb, in_records(&decisions, u32::MAX), None);
    let out = String::from_utf8(out).unwrap();
    let failure = result.expect_err(&out);
    assert_eq!(failure.exit, Exit::Records, "{out}");
    assert!(
        failure.message.contains("no record can be numbered after"),
        "{failure:?}"
    );
    let left: Vec<PathBuf> = std::fs::read_dir(&decisions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(left, [decisions.join("4294967295-last.md")]);
}

// ---- the same files as `adr new` ----------------------------------------------------

/// The interview resumed from an example project, finished.
fn resumed<'kb>(kb: &'kb KnowledgeBase, config: Config, file: &Path) -> App<'kb> {
    let answers = read_answers(kb, file);
    let app = App::resumed(kb, config, answers, file);
    assert!(app.session.is_complete(), "{} is finished", file.display());
    app
}

/// Presses `keys`, writing what the app asks to write after each, as the terminal
/// loop does.
fn export(app: &mut App, keys: &str) {
    for key in tokens(keys) {
        for effect in press(app, &key) {
            if let Effect::Write(write) = effect {
                let action = wrote(app, &write);
                app.update(action);
            }
        }
    }
}

/// The files of `dir`, by name, with their text.
fn contents(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap_or_default())
        })
        .collect();
    out.sort();
    out
}

/// A project directory with a record directory holding record 1.
fn project_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let decisions = dir.path().join("docs/decisions");
    std::fs::create_dir_all(&decisions).unwrap();
    std::fs::write(decisions.join("0001-earlier.md"), "# Earlier\n").unwrap();
    (dir, decisions)
}

#[test]
fn the_export_writes_the_files_adr_new_writes_in_either_layout() {
    let kb = KnowledgeBase::embedded();
    // (project, keys in the export prompt, the same choices for `adr new`)
    let cases: [(&str, &str, &[&str]); 3] = [
        ("internal-tool", "", &[]),
        ("ecommerce-catalogue", "C-a", &["--appendix"]),
        (
            "payments-ledger",
            "Tab C-a",
            &["--style", "nygard", "--appendix"],
        ),
    ];
    for (name, keys, args) in cases {
        let file = project(name);
        let (tui, decisions) = project_dir();
        let mut app = resumed(&kb, in_records(&decisions, 2), &file);
        export(&mut app, &format!("e {keys} Enter"));
        assert_eq!(app.overlay, None, "{name}: exported without asking");

        let (cli, _) = project_dir();
        stdout_of(
            dbadvise()
                .current_dir(cli.path())
                .args(["adr", "new", "--date", "2025-01-01", "--answers"])
                .arg(&file)
                .args(args),
        );

        let written = contents(&decisions);
        let expected = contents(&cli.path().join("docs/decisions"));
        let names = |files: &[(String, String)]| -> Vec<String> {
            files.iter().map(|(n, _)| n.clone()).collect()
        };
        assert_eq!(names(&written), names(&expected), "{name}");
        for ((file, text), (_, same)) in written.iter().zip(&expected) {
            assert_eq!(text, same, "{name}: {file} differs from adr new's");
        }
        // What the choices are for, and what the record links.
        let ends = |end: &str| written.iter().any(|(n, _)| n.ends_with(end));
        assert!(
            ends(".answers.yaml") && ends(".schema.sql"),
            "{name}: {:?}",
            names(&written)
        );
        assert_eq!(ends(".appendix.md"), keys.contains("C-a"), "{name}");
        let (record_name, record) = written
            .iter()
            .find(|(n, _)| {
                n.starts_with("0002-") && n.ends_with(".md") && !n.ends_with(".appendix.md")
            })
            .unwrap();
        let stem = record_name.trim_end_matches(".md");
        if keys.contains("Tab") {
            assert!(
                record.starts_with("# 2. Database stack for"),
                "{name}: Nygard\n{record}"
            );
            assert!(record.contains("\n## Status\n"), "{record}");
        } else {
            assert!(
                record.starts_with("---\nstatus: proposed\n"),
                "{name}: MADR\n{record}"
            );
            assert!(record.contains(&format!("({stem}.schema.sql)")), "{record}");
            assert!(
                record.contains(&format!("({stem}.answers.yaml)")),
                "{record}"
            );
        }
        // The session saves to the answers file beside the record from now on.
        assert_eq!(
            app.session.default_save_path(),
            decisions.join(format!("{stem}.answers.yaml"))
        );
        drop(tui);
    }
}

#[test]
fn a_file_of_the_set_that_exists_is_not_overwritten_unasked() {
    let kb = KnowledgeBase::embedded();
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("kickoff.md");
    let schema = dir.path().join("kickoff.schema.sql");
    std::fs::write(&schema, "-- mine\n").unwrap();
    let mut app = resumed(&kb, Config::bare(), &project("internal-tool"));
    let write = format!("e C-u \"{}\" Enter", record.display());
    export(&mut app, &write);
    assert!(
        matches!(&app.overlay, Some(Overlay::Overwrite { path, .. }) if *path == schema),
        "{:?}",
        app.overlay
    );
    // No: nothing of the set is written, the schema stays the user's.
    export(&mut app, "n Esc");
    assert_eq!(
        contents(dir.path()),
        [("kickoff.schema.sql".into(), "-- mine\n".into())]
    );
    // Yes: the whole set, the schema replaced.
    export(&mut app, &format!("{write} y"));
    assert_eq!(app.overlay, None);
    let names: Vec<String> = contents(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["kickoff.answers.yaml", "kickoff.md", "kickoff.schema.sql"]
    );
    let text = std::fs::read_to_string(&schema).unwrap();
    assert!(
        text.starts_with("-- The starter schema of kickoff.md"),
        "{text}"
    );
}

#[test]
fn a_set_that_cannot_be_written_whole_is_not_written_at_all() {
    let kb = KnowledgeBase::embedded();
    // Into the record directory (numbered) and beside a file named by the user.
    let (home, decisions) = project_dir();
    let mut app = resumed(&kb, in_records(&decisions, 2), &project("internal-tool"));
    let stem = app
        .session
        .default_export_path()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let plain = home.path().join("kickoff.md");
    for (record, schema) in [
        (
            decisions.join(format!("{stem}.md")),
            decisions.join(format!("{stem}.schema.sql")),
        ),
        (plain.clone(), home.path().join("kickoff.schema.sql")),
    ] {
        // Something that is no file stands where the schema goes.
        std::fs::create_dir(&schema).unwrap();
        let before = contents(record.parent().unwrap());
        export(&mut app, &format!("e C-u \"{}\" Enter", record.display()));
        let Some(Overlay::Prompt {
            error: Some(error), ..
        }) = &app.overlay
        else {
            panic!("{:?}", app.overlay)
        };
        assert!(error.contains("not a regular file"), "{error}");
        assert_eq!(
            contents(record.parent().unwrap()),
            before,
            "nothing written"
        );
        assert!(app.status.is_none());
        export(&mut app, "Esc");
    }
    assert!(!plain.exists());
}
