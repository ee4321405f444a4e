//! The interview's export into a record directory numbers its record as `adr new` does:
//! the number is claimed as the file is created, so interviews exporting at once get
//! distinct numbers, a number taken meanwhile moves the record to the next, and past the
//! last number there is the export is refused (exit 8 in plain mode). In-process, over
//! the fixture knowledge base, with the files written for real.

mod tui_support;

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Barrier;

use dbadvise::engine::parse_answers;
use dbadvise::exit::Exit;
use dbadvise::plain::Plain;
use dbadvise::report::adr_dir;
use dbadvise::tui::app::{App, Config, Overlay, WriteError, WriteKind};
use dbadvise::tui::{perform, wrote};
use tui_support::{fixture_kb, press};

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
    assert!(app.is_complete(), "the interview is finished");
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
                let asked = app.default_export_path();
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
        let answers = std::fs::read_to_string(decisions.join(&beside)).unwrap();
        let answers = parse_answers(&kb, &beside, &answers).unwrap();
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
    let answers = std::fs::read_to_string(&beside).unwrap();
    assert_eq!(parse_answers(&kb, "beside", &answers).unwrap(), app.answers);
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
        perform(&app, &write),
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
    let asked = app.default_export_path();
    let result = perform(&app, &app.write_for(WriteKind::Export, &asked));
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
