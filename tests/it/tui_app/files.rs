//! Saving, resuming, quitting with unsaved answers, the autosave and the export: what
//! the TUI writes, and that it never overwrites a file unasked.

use super::*;

pub(super) fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

pub(super) fn path_in(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn save_writes_the_answers_file_that_recommend_reads() {
    let dir = temp();
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    assert!(app.session.dirty());
    keys(&mut app, "s");
    match &app.overlay {
        Some(Overlay::Prompt {
            kind: WriteKind::Save,
            input,
            ..
        }) => assert_eq!(input, "shop.answers.yaml"),
        other => panic!("expected the save prompt, got {other:?}"),
    }
    let file = path_in(dir.path(), "shop.answers.yaml");
    keys(&mut app, &format!("C-u \"{file}\" Enter"));
    assert!(app.overlay.is_none());
    assert!(!app.session.dirty());
    assert!(app.status.as_deref().unwrap().contains("Saved the answers"));
    let read = read_answers(&kb, &file);
    assert_eq!(
        read,
        *app.session.answers(),
        "the file is the same decision"
    );
    assert_eq!(
        dbadvise::report::json(&advise(&kb, &read)),
        dbadvise::report::json(&advise(&kb, app.session.answers()))
    );
    // The same file again: it is this session's own, so no question is asked.
    keys(&mut app, "Esc Enter s");
    let effects = keys(&mut app, "Enter");
    assert!(matches!(&effects[0], Effect::Write(w) if w.force));
    assert!(app.overlay.is_none());
}

#[test]
fn saving_over_a_file_that_is_not_ours_asks_first() {
    let dir = temp();
    let file = path_in(dir.path(), "taken.yaml");
    std::fs::write(&file, "not ours\n").unwrap();
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    keys(&mut app, &format!("s C-u \"{file}\" Enter"));
    assert!(
        matches!(&app.overlay, Some(Overlay::Overwrite { path, .. }) if path == &PathBuf::from(&file))
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not ours\n");
    keys(&mut app, "n");
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt { input, .. }) if input == &file),
        "no goes back to the file name"
    );
    keys(&mut app, "Enter y");
    assert!(app.overlay.is_none());
    assert!(std::fs::read_to_string(&file).unwrap().contains("domain:"));
    assert!(!app.session.dirty());
}

#[test]
fn a_write_that_fails_says_why_in_the_prompt() {
    let dir = temp();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    let inside_a_file = path_in(&blocker, "x.yaml");
    keys(&mut app, &format!("s C-u \"{inside_a_file}\" Enter"));
    match &app.overlay {
        Some(Overlay::Prompt { error: Some(e), .. }) => assert!(e.contains("cannot"), "{e}"),
        other => panic!("expected the prompt with an error, got {other:?}"),
    }
    assert!(app.session.dirty());
}

#[test]
fn resume_goes_on_where_the_file_stops_and_saves_back_to_it() {
    let dir = temp();
    let kb = fixture_kb();
    let file = dir.path().join("half.yaml");
    std::fs::write(
        &file,
        "project: shop\nanswers:\n  domain: a shop\n  data-kinds: [records]\n  existing: none\n  peak-rate: hundreds\n",
    )
    .unwrap();
    let answers = read_answers(&kb, &file);
    let mut app = App::resumed(&kb, Config::bare(), answers, &file);
    assert_eq!(app.screen, Screen::Interview);
    assert_eq!(current(&app), "features");
    assert_eq!(app.session.step(), (5, 5));
    assert!(!app.session.dirty(), "nothing changed since the file");
    keys(&mut app, "Enter");
    assert!(app.session.dirty());
    keys(&mut app, "s");
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt { input, .. }) if Path::new(input) == file)
    );
    keys(&mut app, "Enter");
    assert!(
        app.overlay.is_none(),
        "its own file is replaced without asking"
    );
    let read = read_answers(&kb, &file);
    assert_eq!(read.get("features"), Some(&many(&[])));
    assert_eq!(read.project.as_deref(), Some("shop"));

    // A complete file resumes on the results.
    let app = App::resumed(&kb, Config::bare(), read_complete(&kb), &file);
    assert_eq!(app.screen, Screen::Results);
}

#[test]
fn a_resumed_file_with_answers_off_the_path_says_both_counts() {
    let kb = dbadvise::kb::KnowledgeBase::embedded();
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/answers/054-ride-fulfillment-global-transactions.yaml");
    let answers = read_answers(&kb, &file);
    let given = answers.values.len();
    let app = App::resumed(&kb, Config::bare(), answers, &file);
    assert_eq!(app.screen, Screen::Results);
    let asked = app.session.path().len();
    assert!(asked < given, "{asked} of {given}");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.ends_with(&format!(
            ": {asked} questions answered ({} more answers kept for other paths)",
            given - asked
        )),
        "{status}"
    );
}

pub(super) fn read_complete(kb: &KnowledgeBase) -> Answers {
    let text = "project: shop\nanswers:\n  domain: a shop\n  data-kinds: [records]\n  existing: none\n  peak-rate: hundreds\n  features: []\n";
    parse_answers(kb, "complete.yaml", text).unwrap()
}

#[test]
fn quit_with_unsaved_answers_asks_and_saving_first_then_quits() {
    let dir = temp();
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    let effects = keys(&mut app, "q");
    assert!(effects.is_empty());
    assert_eq!(app.overlay, Some(Overlay::QuitUnsaved));
    keys(&mut app, "Esc");
    assert!(app.overlay.is_none() && !app.quit, "Esc keeps going");
    let file = path_in(dir.path(), "a.yaml");
    let effects = keys(&mut app, &format!("q y C-u \"{file}\" Enter"));
    assert!(effects.contains(&Effect::Quit));
    assert!(app.quit);
    assert!(Path::new(&file).exists());
}

#[test]
fn quit_with_unsaved_answers_can_quit_without_saving() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    let effects = keys(&mut app, "q n");
    assert_eq!(effects, [Effect::Quit]);
}

#[test]
fn quit_with_nothing_unsaved_quits_at_once() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    assert_eq!(
        keys(&mut app, "Down q"),
        [Effect::Quit],
        "nothing answered yet"
    );
    let dir = temp();
    let mut app = App::new(&kb, Config::bare());
    keys(
        &mut app,
        &format!(
            "\"shop\" Enter Enter s C-u \"{}\" Enter",
            path_in(dir.path(), "x.yaml")
        ),
    );
    assert_eq!(keys(&mut app, "q"), [Effect::Quit], "everything saved");
}

#[test]
fn ctrl_c_asks_once_about_unsaved_answers_and_quits_at_the_second() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter");
    // Typing: Ctrl-C is not a letter; nothing answered yet, so it quits at once.
    assert_eq!(keys(&mut app, "C-c"), [Effect::Quit]);
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    assert!(keys(&mut app, "C-c").is_empty());
    assert_eq!(app.overlay, Some(Overlay::QuitUnsaved));
    assert_eq!(keys(&mut app, "C-c"), [Effect::Quit]);
}

pub(super) fn autosave_config(dir: &Path) -> Config {
    Config {
        autosave: Some(dir.join("state/autosave.yaml")),
        autosave_shown: "~/.local/state/dbadvise/autosave.yaml".into(),
        ..Config::bare()
    }
}

#[test]
fn every_change_is_autosaved_and_a_new_interview_keeps_the_old_autosave_aside() {
    let dir = temp();
    let kb = fixture_kb();
    let autosave = dir.path().join("state/autosave.yaml");
    std::fs::create_dir_all(autosave.parent().unwrap()).unwrap();
    std::fs::write(&autosave, "project: older\nanswers:\n  domain: older\n").unwrap();
    let config = Config {
        autosaved: dbadvise::session::read_autosave(&kb, &autosave),
        ..autosave_config(dir.path())
    };
    assert!(matches!(config.autosaved, Autosaved::Found { .. }));
    let mut app = App::new(&kb, config);
    let effects = keys(&mut app, "\"shop\" Enter");
    assert!(effects.is_empty(), "a name alone is not worth an autosave");
    let effects = keys(&mut app, "\"a shop\" Enter");
    assert!(matches!(
        &effects[..],
        [Effect::Autosave { fresh: true, .. }]
    ));
    assert_eq!(
        app.session.config.autosaved,
        Autosaved::None,
        "the older autosave is no longer offered"
    );
    let previous = dir.path().join("state/autosave.previous.yaml");
    assert!(std::fs::read_to_string(&previous)
        .unwrap()
        .contains("older"));
    let effects = keys(&mut app, "Enter");
    assert!(matches!(
        &effects[..],
        [Effect::Autosave { fresh: false, .. }]
    ));
    let saved = read_answers(&kb, &autosave);
    assert_eq!(saved, *app.session.answers());
    assert!(
        std::fs::read_to_string(&previous)
            .unwrap()
            .contains("older"),
        "kept"
    );
}

#[test]
fn the_start_screen_offers_the_autosave_and_resuming_it_goes_on() {
    let dir = temp();
    let kb = fixture_kb();
    let mut answers = Answers {
        project: Some("older".into()),
        ..Answers::default()
    };
    answers.set("domain", one("older shop"));
    let config = Config {
        autosaved: Autosaved::Found {
            path: dir.path().join("state/autosave.yaml"),
            answers,
        },
        ..autosave_config(dir.path())
    };
    let mut app = App::new(&kb, config);
    assert!(screen(&mut app, 80, 24).contains("Resume the autosaved interview: older, 1 answers"));
    let effects = keys(&mut app, "End Enter");
    assert!(effects.is_empty());
    assert_eq!(app.session.answers().project.as_deref(), Some("older"));
    assert_eq!(current(&app), "data-kinds");
    assert!(app.session.dirty(), "the autosave is not a saved file");
    let effects = keys(&mut app, "Enter");
    assert!(
        matches!(&effects[..], [Effect::Autosave { fresh: false, .. }]),
        "it carries on the same autosave"
    );
}

#[test]
fn export_is_refused_until_every_question_is_answered() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter e");
    assert!(app.overlay.is_none());
    assert!(app
        .status
        .as_deref()
        .unwrap()
        .contains("once every question is answered"));
}

#[test]
fn export_writes_the_record_and_its_answers_beside_it_and_never_overwrites_unasked() {
    let dir = temp();
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    keys(&mut app, "e");
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt { kind: WriteKind::Export, input, .. }) if input == "shop-decision.md")
    );
    let record = path_in(dir.path(), "docs/shop.md");
    keys(&mut app, &format!("C-u \"{record}\" Enter"));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(
        text.starts_with("---\nstatus: proposed\ndate: 2025-01-01"),
        "{text}"
    );
    assert!(text.contains("# Database stack for shop: PostgreSQL"));
    let beside = dir.path().join("docs/shop.answers.yaml");
    let read = read_answers(&kb, &beside);
    assert_eq!(read, *app.session.answers());
    assert!(!app.session.dirty());

    // Again, after a change: the files exist, so it asks; no leaves them alone.
    keys(&mut app, "Esc Enter Enter");
    std::fs::write(&beside, "mine\n").unwrap();
    keys(&mut app, &format!("e C-u \"{record}\" Enter"));
    assert!(matches!(&app.overlay, Some(Overlay::Overwrite { .. })));
    keys(&mut app, "n Esc");
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), "mine\n");
    assert_eq!(std::fs::read_to_string(&record).unwrap(), text);
    keys(&mut app, &format!("Enter C-u \"{record}\" Enter y"));
    assert!(std::fs::read_to_string(&beside)
        .unwrap()
        .contains("features"));
}

#[test]
fn the_export_default_is_the_next_record_in_an_adr_directory() {
    let kb = fixture_kb();
    let config = Config {
        record_dir: Some((PathBuf::from("docs/decisions"), 7)),
        ..Config::bare()
    };
    let mut app = App::new(&kb, config);
    keys(&mut app, &format!("{WHOLE} Enter"));
    assert_eq!(
        app.results.tab, 6,
        "Enter on the results shows the record first"
    );
    assert!(app.overlay.is_none());
    keys(&mut app, "Enter");
    match &app.overlay {
        Some(Overlay::Prompt {
            kind: WriteKind::Export,
            input,
            ..
        }) => {
            assert_eq!(
                input,
                "docs/decisions/0007-database-stack-for-shop-postgresql.md"
            )
        }
        other => panic!("Enter on the results goes on to the export: {other:?}"),
    }
    let write = app.write_for(WriteKind::Export, Path::new("docs/decisions/0007-x.md"));
    assert_eq!(
        write.files[1].0,
        PathBuf::from("docs/decisions/0007-x.answers.yaml")
    );
    assert!(
        write.files[0]
            .1
            .contains("`dbadvise recommend --answers 0007-x.answers.yaml` reproduces this record"),
        "the record names the answers file beside it"
    );
}
