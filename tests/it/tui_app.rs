//! The interview's state and update, driven by real key events through the key table:
//! whole interviews, going back, changing answers, several choices, save, resume, export
//! and quitting. No terminal: the app is pure, and file effects run here in a temp dir.

use crate::tui_support;

use std::path::{Path, PathBuf};

use dbadvise::engine::{advise, parse_answers, Answers};
use dbadvise::kb::{AnswerValue, KnowledgeBase};
use dbadvise::tui::app::{
    Action, App, Autosaved, Config, Effect, Focus, Overlay, Screen, WriteKind,
};
use dbadvise::tui::{translate, wrote};
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use tui_support::*;

fn one(v: &str) -> AnswerValue {
    AnswerValue::One(v.into())
}

fn many(vs: &[&str]) -> AnswerValue {
    AnswerValue::Many(vs.iter().map(|v| v.to_string()).collect())
}

/// Runs the effects as the event loop does (files for real), feeding write results back.
fn run(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let mut done = Vec::new();
    let mut pending = effects;
    while !pending.is_empty() {
        let mut next = Vec::new();
        for effect in pending {
            match &effect {
                Effect::Write(write) => {
                    let action = wrote(app, write);
                    next.extend(app.update(action));
                }
                Effect::Autosave {
                    path,
                    contents,
                    fresh,
                } => {
                    dbadvise::tui::autosave(path, contents, *fresh).unwrap();
                }
                Effect::Quit => {}
            }
            done.push(effect);
        }
        pending = next;
    }
    done
}

/// Presses keys, one at a time, and runs what each asks for before the next.
fn keys(app: &mut App, spec: &str) -> Vec<Effect> {
    let mut done = Vec::new();
    for token in tokens(spec) {
        let effects = press(app, &token);
        done.extend(run(app, effects));
    }
    done
}

/// Name, domain, business records, no database to keep, thousands of requests a second,
/// hot reads in a few milliseconds (a cache), keyword search + live counters: the whole
/// fixture interview.
const WHOLE: &str = "\"shop\" Enter \"an online shop\" Enter Enter Enter Down Enter Down Enter \
                     Space End Space Enter";

/// The stores of the advice, role by role.
fn stores(app: &App) -> Vec<(String, String)> {
    app.advice()
        .stack
        .iter()
        .map(|c| (c.role.to_string(), c.engine.to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn current(app: &App) -> String {
    app.question().map(|q| q.id.to_string()).unwrap_or_default()
}

#[test]
fn a_whole_interview_by_keys_ends_on_the_results_with_the_answers_given() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    assert_eq!(app.screen, Screen::Start);
    keys(&mut app, "\"shop\" Enter");
    assert_eq!(app.screen, Screen::Interview);
    assert_eq!(current(&app), "domain");
    assert_eq!(app.step(), (1, 5));
    keys(&mut app, "\"an online shop\" Enter");
    assert_eq!(current(&app), "data-kinds");
    assert_eq!(app.step(), (2, 5));
    keys(&mut app, "Enter Enter Down Enter");
    assert_eq!(
        (current(&app).as_str(), app.step()),
        ("latency", (5, 6)),
        "thousands of requests a second opens the latency question"
    );
    keys(&mut app, "Down Enter Space End Space Enter");
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(app.answers.project.as_deref(), Some("shop"));
    assert_eq!(app.answers.get("domain"), Some(&one("an online shop")));
    assert_eq!(app.answers.get("data-kinds"), Some(&many(&["records"])));
    assert_eq!(app.answers.get("existing"), Some(&one("none")));
    assert_eq!(app.answers.get("peak-rate"), Some(&one("thousands")));
    assert_eq!(app.answers.get("latency"), Some(&one("single-digit-ms")));
    assert_eq!(
        app.answers.get("features"),
        Some(&many(&["keyword-search", "live"]))
    );
    assert_eq!(
        stores(&app),
        pairs(&[
            ("primary", "postgresql"),
            ("ephemeral", "redis"),
            ("search", "postgresql"),
            ("cache", "redis"),
        ])
    );
    assert_eq!(
        app.path(),
        [
            "domain",
            "data-kinds",
            "existing",
            "peak-rate",
            "latency",
            "features"
        ]
    );
}

#[test]
fn back_shows_the_previous_question_with_its_answer_and_enter_goes_on() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    // Documents instead of business records: untick the first kind, tick the second.
    keys(&mut app, "\"shop\" Enter Enter Space Down Space Enter");
    assert_eq!(current(&app), "existing");
    assert_eq!(
        app.step(),
        (3, 6),
        "documents open the consistency question: one more than records"
    );
    keys(&mut app, "Esc");
    assert_eq!(current(&app), "data-kinds");
    assert_eq!(app.cursor, 1, "the answer given is highlighted");
    assert_eq!(app.toggled, ["documents"], "and ticked");
    assert_eq!(
        app.step(),
        (2, 6),
        "the documents path is one question longer"
    );
    keys(&mut app, "Bs");
    assert_eq!(current(&app), "domain", "Backspace goes back too");
    keys(&mut app, "Esc");
    assert_eq!(
        app.screen,
        Screen::Start,
        "back from the first question is the start screen"
    );
    assert_eq!(app.text, "shop");
    keys(&mut app, "Enter");
    assert_eq!(
        current(&app),
        "existing",
        "starting again goes on where the answers stop"
    );
    keys(&mut app, "Esc Enter");
    assert_eq!(
        current(&app),
        "existing",
        "Enter on an unchanged answer goes on"
    );
    assert_eq!(app.answers.get("data-kinds"), Some(&many(&["documents"])));
    keys(&mut app, "Enter Enter");
    assert_eq!(
        current(&app),
        "consistency",
        "documents open the consistency question"
    );
}

#[test]
fn changing_an_earlier_answer_keeps_the_later_answers_that_still_apply() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    // documents → no database to keep → hundreds → per record (the default) → no features
    keys(
        &mut app,
        "\"shop\" Enter Enter Space Down Space Enter Enter Enter Enter Enter",
    );
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(app.advice().primary().unwrap().engine, "mongodb");
    assert_eq!(
        app.path(),
        [
            "domain",
            "data-kinds",
            "existing",
            "peak-rate",
            "consistency",
            "features"
        ]
    );

    // Back to the interview, the path panel, the second answer: change it to records.
    keys(&mut app, "Esc Tab");
    assert_eq!(app.focus, Focus::Path);
    keys(&mut app, "Home Down Enter");
    assert_eq!(current(&app), "data-kinds");
    keys(&mut app, "Space Up Space Enter");
    assert_eq!(
        app.screen,
        Screen::Results,
        "the later answers still apply: nothing is asked again"
    );
    assert_eq!(app.answers.get("data-kinds"), Some(&many(&["records"])));
    assert_eq!(app.advice().primary().unwrap().engine, "postgresql");
    assert_eq!(app.answers.get("existing"), Some(&one("none")));
    assert_eq!(app.answers.get("peak-rate"), Some(&one("hundreds")));
    assert_eq!(app.answers.get("features"), Some(&many(&[])));
    assert_eq!(
        app.answers.get("consistency"),
        None,
        "the answer off the path is dropped"
    );
    assert_eq!(
        app.path(),
        ["domain", "data-kinds", "existing", "peak-rate", "features"]
    );
}

#[test]
fn changing_an_answer_to_a_branch_with_a_new_question_asks_it_next() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    assert_eq!(app.screen, Screen::Results);
    // The kinds of data: documents instead of business records.
    keys(&mut app, "Esc Tab Home Down Enter Space Down Space Enter");
    assert_eq!(app.screen, Screen::Interview);
    assert_eq!(current(&app), "consistency");
    assert_eq!(
        app.answers.get("features"),
        Some(&many(&["keyword-search", "live"])),
        "kept while the path is open"
    );
    assert_eq!(app.answers.get("latency"), Some(&one("single-digit-ms")));
    keys(&mut app, "Down Enter");
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(app.answers.get("consistency"), Some(&one("eventual")));
    assert_eq!(
        app.answers.get("features"),
        Some(&many(&["keyword-search", "live"]))
    );
    assert_eq!(app.answers.get("latency"), Some(&one("single-digit-ms")));
}

#[test]
fn several_choice_confirms_the_ticked_options_in_the_questions_order() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"x\" Enter Enter Enter Enter Enter");
    assert_eq!(current(&app), "features");
    assert!(app.contexts().contains(&dbadvise::tui::keymap::Ctx::Many));
    // Tick the third, then the first; untick and tick again the third.
    keys(&mut app, "End Space Home Space End Space Space");
    assert_eq!(app.toggled, ["keyword-search", "live"]);
    keys(&mut app, "Enter");
    assert_eq!(
        app.answers.get("features"),
        Some(&many(&["keyword-search", "live"]))
    );
    // Back: the ticks come back as answered; untick everything for "none of these".
    keys(&mut app, "Esc");
    assert_eq!(app.toggled, ["keyword-search", "live"]);
    keys(&mut app, "Home Space End Space Enter");
    assert_eq!(app.answers.get("features"), Some(&many(&[])));
}

#[test]
fn letters_type_into_text_fields_and_are_shortcuts_elsewhere() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    let effects = keys(&mut app, "\"quiz s e ?\"");
    assert!(effects.is_empty());
    assert_eq!(app.text, "quiz s e ?");
    assert!(app.overlay.is_none());
    keys(&mut app, "Bs Bs C-u \"q&a\" Enter");
    assert_eq!(app.answers.project.as_deref(), Some("q&a"));
    keys(&mut app, "\"kj\" Enter");
    assert_eq!(app.answers.get("domain"), Some(&one("kj")));
    // On a choice question, j/k move and ? opens the help.
    keys(&mut app, "j");
    assert_eq!(app.cursor, 1);
    keys(&mut app, "k ?");
    assert_eq!(app.cursor, 0);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
    keys(&mut app, "Esc");
    assert!(app.overlay.is_none());
}

#[test]
fn only_key_presses_are_acted_on() {
    let kb = fixture_kb();
    let app = App::new(&kb, Config::bare());
    let mut release = key("Enter");
    release.kind = KeyEventKind::Release;
    assert_eq!(translate(&app, Event::Key(release)), None);
    let mut repeat = key("x");
    repeat.kind = KeyEventKind::Repeat;
    assert_eq!(translate(&app, Event::Key(repeat)), None);
    assert!(translate(&app, Event::Key(key("x"))).is_some());
    assert_eq!(translate(&app, Event::Resize(80, 24)), None);
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn path_in(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn save_writes_the_answers_file_that_recommend_reads() {
    let dir = temp();
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    assert!(app.dirty());
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
    assert!(!app.dirty());
    assert!(app.status.as_deref().unwrap().contains("Saved the answers"));
    let text = std::fs::read_to_string(&file).unwrap();
    let read = parse_answers(&kb, &file, &text).unwrap();
    assert_eq!(read, app.answers, "the file is the same decision");
    assert_eq!(
        dbadvise::report::json(&advise(&kb, &read)),
        dbadvise::report::json(&advise(&kb, &app.answers))
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
    assert!(!app.dirty());
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
    assert!(app.dirty());
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
    let answers =
        parse_answers(&kb, "half.yaml", &std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut app = App::resumed(&kb, Config::bare(), answers, &file);
    assert_eq!(app.screen, Screen::Interview);
    assert_eq!(current(&app), "features");
    assert_eq!(app.step(), (5, 5));
    assert!(!app.dirty(), "nothing changed since the file");
    keys(&mut app, "Enter");
    assert!(app.dirty());
    keys(&mut app, "s");
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt { input, .. }) if Path::new(input) == file)
    );
    keys(&mut app, "Enter");
    assert!(
        app.overlay.is_none(),
        "its own file is replaced without asking"
    );
    let read = parse_answers(&kb, "half.yaml", &std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(read.get("features"), Some(&many(&[])));
    assert_eq!(read.project.as_deref(), Some("shop"));

    // A complete file resumes on the results.
    let app = App::resumed(&kb, Config::bare(), read_complete(&kb), &file);
    assert_eq!(app.screen, Screen::Results);
}

fn read_complete(kb: &KnowledgeBase) -> Answers {
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

fn autosave_config(dir: &Path) -> Config {
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
        autosaved: dbadvise::tui::read_autosave(&kb, &autosave),
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
        app.config.autosaved,
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
    let saved = parse_answers(
        &kb,
        "autosave",
        &std::fs::read_to_string(&autosave).unwrap(),
    )
    .unwrap();
    assert_eq!(saved, app.answers);
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
    assert!(screen(&app, 80, 24).contains("Resume the autosaved interview: older, 1 answers"));
    let effects = keys(&mut app, "End Enter");
    assert!(effects.is_empty());
    assert_eq!(app.answers.project.as_deref(), Some("older"));
    assert_eq!(current(&app), "data-kinds");
    assert!(app.dirty(), "the autosave is not a saved file");
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
    let read = parse_answers(&kb, "beside", &std::fs::read_to_string(&beside).unwrap()).unwrap();
    assert_eq!(read, app.answers);
    assert!(!app.dirty());

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
    assert_eq!(app.tab, 6, "Enter on the results shows the record first");
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

#[test]
fn results_tabs_and_scrolling() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    assert_eq!(app.tab, 0);
    keys(&mut app, "Tab Tab Right");
    assert_eq!(app.tab, 3);
    keys(&mut app, "BackTab Left h");
    assert_eq!(app.tab, 0);
    keys(&mut app, "BackTab");
    assert_eq!(app.tab, 6, "tabs wrap around");
    render(&app, 80, 24);
    let limit = app.scroll_limit.get();
    assert!(limit > 10, "the record is longer than a screen");
    keys(&mut app, "j j PgDn");
    assert_eq!(app.scroll[6], 2 + app.page_height.get());
    keys(&mut app, "End");
    assert_eq!(app.scroll[6], limit);
    keys(&mut app, "Down");
    assert_eq!(app.scroll[6], limit, "not past the end");
    keys(&mut app, "Home");
    assert_eq!(app.scroll[6], 0);
    app.update(Action::ScrollDown);
    assert_eq!(app.scroll[6], 3, "the mouse wheel scrolls three lines");
}

#[test]
fn clicks_pick_options_answers_and_tabs() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    let text = screen(&app, 120, 40);
    let row = text
        .lines()
        .position(|l| l.contains("Self-contained documents"))
        .unwrap() as u16;
    app.update(Action::Click { column: 10, row });
    assert_eq!(app.cursor, 1);
    assert_eq!(app.toggled, ["records", "documents"], "a click ticks it");
    keys(&mut app, "Enter Enter Enter Enter");
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(
        app.answers.get("data-kinds"),
        Some(&many(&["records", "documents"]))
    );
    let text = screen(&app, 120, 40);
    let line = text.lines().nth(1).unwrap();
    let column = line.find("Schema").unwrap() as u16;
    app.update(Action::Click { column, row: 1 });
    assert_eq!(app.tab, 2);
}

#[test]
fn only_the_keys_of_the_key_table_do_anything() {
    // Keys outside the table are ignored, not guessed at.
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    let before = (app.cursor, app.answers.clone(), app.overlay.clone());
    let f5 = key_event(KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(translate(&app, Event::Key(f5)), None);
    keys(&mut app, "x z");
    assert_eq!(
        (app.cursor, app.answers.clone(), app.overlay.clone()),
        before
    );
}

#[test]
fn the_help_scrolls_no_further_than_its_end() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter ?");
    render(&app, 80, 24);
    let limit = app.help_limit.get();
    assert!(
        limit > 0 && limit < 100,
        "the help is longer than 24 rows: {limit}"
    );
    for _ in 0..100 {
        keys(&mut app, "Down");
    }
    keys(&mut app, "Up");
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: limit - 1 }));
}

// ---- the topic library (t, and `dbadvise learn`) ------------------------------------

fn library(app: &App) -> dbadvise::tui::learn::Learn {
    match &app.overlay {
        Some(Overlay::Learn(learn)) => learn.clone(),
        other => panic!("the topic library is not open: {other:?}"),
    }
}

#[test]
fn t_opens_the_topic_behind_the_question_and_esc_comes_back_to_it() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter \"an online shop\" Enter");
    assert_eq!(current(&app), "data-kinds");
    let (cursor, answers) = (app.cursor, app.answers.clone());
    keys(&mut app, "t");
    let open = library(&app);
    assert_eq!(
        open.topic, "relational-vs-document",
        "the question's first topic"
    );
    assert!(screen(&app, 120, 40).contains("Relational or document model"));
    // Its related links are numbered in the order of the topic's `related`.
    keys(&mut app, "2");
    assert_eq!(library(&app).topic, "btree-index");
    keys(&mut app, "1");
    assert_eq!(library(&app).topic, "relational-vs-document");
    // Esc walks the links back, then closes onto the same question, nothing changed.
    keys(&mut app, "Esc");
    assert_eq!(library(&app).topic, "btree-index");
    keys(&mut app, "Esc Esc");
    assert!(app.overlay.is_none());
    assert_eq!(current(&app), "data-kinds");
    assert_eq!((app.cursor, &app.answers), (cursor, &answers));
    // A link number the page does not have does nothing.
    keys(&mut app, "t 9");
    assert_eq!(library(&app).topic, "relational-vs-document");
    assert!(library(&app).history.is_empty());
}

#[test]
fn on_the_results_t_opens_the_topic_of_the_tab() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    keys(&mut app, "Tab t");
    assert_eq!(app.tab, 1, "Trade-offs");
    assert_eq!(library(&app).topic, "cap-theorem");
    keys(&mut app, "q");
    assert!(app.overlay.is_none(), "q closes the library, not the app");
    assert_eq!(app.screen, Screen::Results);
    keys(&mut app, "BackTab t");
    assert_eq!(
        library(&app).topic,
        "relational-vs-document",
        "the Stack tab"
    );
}

#[test]
fn search_narrows_the_list_as_it_is_typed_and_esc_clears_it() {
    let kb = fixture_kb();
    let mut app = App::library(&kb, Config::bare(), None);
    assert_eq!(library(&app).visible(&kb).len(), 4);
    keys(&mut app, "/ \"index\"");
    let learn = library(&app);
    assert!(learn.searching);
    let ids: Vec<&str> = learn.visible(&kb).iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["btree-index"]);
    assert_eq!(learn.topic, "btree-index", "the first match is shown");
    // Letters are text while searching: q does not close.
    keys(&mut app, "\"zq\"");
    assert!(library(&app).visible(&kb).is_empty());
    keys(&mut app, "Bs Bs Enter");
    assert!(!library(&app).searching);
    assert_eq!(library(&app).visible(&kb).len(), 1);
    // Back clears the search before it closes the library.
    keys(&mut app, "Esc");
    assert_eq!(library(&app).query, "");
    assert_eq!(library(&app).visible(&kb).len(), 4);
    assert_eq!(library(&app).topic, "btree-index", "the topic read stays");
}

#[test]
fn the_list_moves_with_the_arrows_and_enter_reads_the_page() {
    let kb = fixture_kb();
    let mut app = App::library(&kb, Config::bare(), None);
    // The list is grouped by area in the knowledge base's order of areas.
    let ids: Vec<String> = library(&app)
        .visible(&kb)
        .iter()
        .map(|t| t.id.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "acid",
            "cap-theorem",
            "relational-vs-document",
            "btree-index"
        ]
    );
    keys(&mut app, "Down Down");
    assert_eq!(library(&app).topic, "relational-vs-document");
    keys(&mut app, "End");
    assert_eq!(library(&app).topic, "btree-index");
    keys(&mut app, "Home Enter");
    let learn = library(&app);
    assert_eq!(learn.topic, "acid");
    assert_eq!(learn.focus, dbadvise::tui::learn::LearnFocus::Page);
    // With the page focused the arrows scroll it.
    keys(&mut app, "Down");
    assert_eq!(library(&app).topic, "acid");
    assert_eq!(library(&app).scroll, 1);
}

#[test]
fn learn_alone_quits_when_the_library_closes() {
    let kb = fixture_kb();
    let mut app = App::library(&kb, Config::bare(), Some("acid"));
    assert!(app.is_library_only());
    assert_eq!(library(&app).topic, "acid");
    let effects = keys(&mut app, "q");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Quit)),
        "q quits dbadvise learn: {effects:?}"
    );
}

// ---- what-if (w on the results) -------------------------------------------------------

fn what_if(app: &App) -> dbadvise::tui::whatif::WhatIf {
    match &app.overlay {
        Some(Overlay::WhatIf(w)) => w.clone(),
        other => panic!("the what-if is not open: {other:?}"),
    }
}

/// Moves the what-if's highlight to the question `id`.
fn highlight_question(app: &mut App, id: &str) {
    let at = app
        .what_if_questions()
        .iter()
        .position(|q| q.id == id)
        .unwrap_or_else(|| panic!("{id} is not on the path"));
    keys(app, "Home");
    for _ in 0..at {
        keys(app, "Down");
    }
}

#[test]
fn what_if_compares_without_changing_the_answers_and_esc_walks_back() {
    use dbadvise::tui::whatif::Stage;
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    let before = app.answers.clone();
    keys(&mut app, "w");
    assert_eq!(what_if(&app).stage, Stage::Question);
    // Free-text answers cannot be what-if'd: the project's domain is not listed.
    assert!(app.what_if_questions().iter().all(|q| q.id != "domain"));
    // The database the team runs: the one-choice answer the primary store hangs on.
    highlight_question(&mut app, "existing");
    keys(&mut app, "Enter");
    assert!(matches!(what_if(&app).stage, Stage::Answer { .. }));
    // The first option that is not the answer now is highlighted.
    assert_eq!(what_if(&app).option_cursor, 1);
    // The last one: the team runs MongoDB.
    keys(&mut app, "End Enter");
    let Stage::Compare { question, value } = what_if(&app).stage else {
        panic!("not comparing: {:?}", what_if(&app).stage)
    };
    assert_eq!((question.as_str(), &value), ("existing", &one("mongodb")));
    let compared = app.what_if(&question, &value);
    let primary = |a: &dbadvise::engine::Advice| {
        a.stack
            .iter()
            .find(|c| c.role == "primary")
            .map(|c| c.engine.clone())
    };
    assert_eq!(primary(&app.advice()), Some("postgresql".into()));
    assert_eq!(primary(&compared.advice), Some("mongodb".into()));
    assert!(compared.diff.stack.iter().any(|c| c.role == "primary"));
    drop(compared);
    let text = screen(&app, 120, 40);
    assert!(text.contains("primary: PostgreSQL") && text.contains("primary: MongoDB"));
    assert_eq!(app.answers, before, "comparing changes no answer");
    keys(&mut app, "Esc");
    assert!(matches!(what_if(&app).stage, Stage::Answer { .. }));
    keys(&mut app, "Esc Esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(app.answers, before);
}

#[test]
fn adopting_a_what_if_makes_it_the_answer() {
    let kb = fixture_kb();
    let dir = temp();
    let mut app = App::new(&kb, autosave_config(dir.path()));
    keys(&mut app, WHOLE);
    keys(&mut app, "w");
    highlight_question(&mut app, "latency");
    let now = app.answers.get("latency").cloned();
    keys(&mut app, "Enter");
    // Pick the other option than the one answered.
    keys(&mut app, "Enter a");
    let adopted = app.answers.get("latency").cloned();
    assert!(adopted.is_some() && adopted != now, "{now:?} → {adopted:?}");
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Results);
    assert!(app
        .status
        .as_deref()
        .is_some_and(|s| s.starts_with("Adopted")));
    let saved = std::fs::read_to_string(dir.path().join("state/autosave.yaml")).unwrap();
    let answers = parse_answers(&kb, "autosave", &saved).unwrap();
    assert_eq!(
        answers.get("latency"),
        adopted.as_ref(),
        "the autosave has it"
    );
}

#[test]
fn adopting_an_answer_that_opens_questions_goes_to_them() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    keys(&mut app, "w");
    highlight_question(&mut app, "data-kinds");
    // Documents instead of business records: untick the first kind, tick the second.
    keys(&mut app, "Enter Space Down Space Enter");
    assert!(matches!(
        what_if(&app).stage,
        dbadvise::tui::whatif::Stage::Compare { .. }
    ));
    let opened = app
        .what_if("data-kinds", &many(&["documents"]))
        .advice
        .defaulted
        .clone();
    assert!(!opened.is_empty(), "document data opens a question");
    keys(&mut app, "a");
    assert_eq!(app.answers.get("data-kinds"), Some(&many(&["documents"])));
    assert_eq!(app.screen, Screen::Interview);
    assert_eq!(current(&app), opened[0], "asked next");
}

#[test]
fn what_if_on_a_several_choice_question_compares_the_ticks() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    // The features beside the primary store: live counters bring Redis.
    let extra = app
        .what_if_questions()
        .iter()
        .find(|q| q.id == "features")
        .map(|q| q.id.clone())
        .unwrap();
    assert_eq!(
        kb.question(&extra).unwrap().kind,
        dbadvise::kb::QuestionKind::Many
    );
    keys(&mut app, "w");
    highlight_question(&mut app, &extra);
    keys(&mut app, "Enter");
    // Enter on the ticks as they are now compares nothing: it says so and stays.
    keys(&mut app, "Enter");
    assert!(matches!(
        what_if(&app).stage,
        dbadvise::tui::whatif::Stage::Answer { .. }
    ));
    assert!(what_if(&app).note.is_some());
    // Untick every option ticked now: no secondary store at all.
    let ticked = app.answers.get(&extra).unwrap().values().len();
    let q = kb.question(&extra).unwrap();
    for (i, o) in q.options.iter().enumerate() {
        if app
            .answers
            .get(&extra)
            .unwrap()
            .values()
            .contains(&o.id.as_str())
        {
            keys(&mut app, "Home");
            for _ in 0..i {
                keys(&mut app, "Down");
            }
            keys(&mut app, "Space");
        }
    }
    assert!(ticked > 0);
    keys(&mut app, "Enter");
    let dbadvise::tui::whatif::Stage::Compare { value, .. } = what_if(&app).stage else {
        panic!("not comparing")
    };
    assert_eq!(value, many(&[]));
    let diff = app.what_if(&extra, &value).diff.clone();
    assert!(
        diff.stack
            .iter()
            .any(|c| c.role == "ephemeral" && c.after.is_none()),
        "no store for live counters without them: {diff:?}"
    );
    assert!(
        diff.stack
            .iter()
            .any(|c| c.role == "search" && c.after.is_none()),
        "no search without keyword search: {diff:?}"
    );
}

#[test]
fn the_results_list_the_answers_the_advice_hangs_on() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    let hangs: Vec<String> = app
        .sensitivity()
        .iter()
        .map(|s| s.question.clone())
        .collect();
    assert!(hangs.contains(&"existing".to_string()), "{hangs:?}");
    keys(&mut app, "Tab");
    let mut text = String::new();
    for _ in 0..10 {
        text.push_str(&screen(&app, 120, 40));
        keys(&mut app, "PgDn");
    }
    assert!(text.contains("What the advice hangs on"));
    assert!(text.contains("primary PostgreSQL → MongoDB"), "{text}");
}

#[test]
fn the_exported_record_says_which_answers_the_decision_rests_on_as_recommend_does() {
    let dir = temp();
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    assert!(
        !app.sensitivity().is_empty(),
        "the fixture has answers that matter"
    );
    let record = path_in(dir.path(), "shop.md");
    keys(&mut app, &format!("e C-u \"{record}\" Enter"));
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.contains("The stores rest on these answers"), "{text}");
    // The answers that move the stores, as the record of `recommend` lists them (a few
    // per question).
    let meta = dbadvise::report::RecordMeta {
        status: "proposed".into(),
        date: "2025-01-01".into(),
        deciders: vec![],
    };
    let record = dbadvise::report::record::kickoff(&kb, &app.advice(), &app.answers, &meta);
    assert!(!record.assumptions.is_empty());
    for a in &record.assumptions {
        for alternative in &a.alternatives {
            let line = format!("  * {}", dbadvise::report::escape_inline(alternative));
            assert!(text.contains(&line), "{line} missing from\n{text}");
        }
    }
    // They are among those the Trade-offs tab lists.
    let summaries: Vec<String> = app
        .sensitivity()
        .iter()
        .map(dbadvise::report::diff::alternative)
        .collect();
    assert!(record
        .assumptions
        .iter()
        .flat_map(|a| &a.alternatives)
        .all(|alt| summaries.contains(alt)));
}
