//! The interview's state and update, driven by real key events through the key table:
//! whole interviews, going back, changing answers, several choices, save, resume, export
//! and quitting. No terminal: the app is pure, and file effects run here in a temp dir.

use std::path::{Path, PathBuf};

use crate::common::answers::{many, one, read_answers};
use crate::common::tui::*;
use dbadvise::engine::{advise, parse_answers, Answers};
use dbadvise::kb::KnowledgeBase;
use dbadvise::session::{Autosaved, Config, Effect, WriteKind};
use dbadvise::tui::app::{Action, App, Focus, Overlay, Screen};
use dbadvise::tui::{translate, wrote};
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

mod files;
mod library;
mod results;
mod what_if;

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
                    dbadvise::session::write_autosave(path, contents, *fresh).unwrap();
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
    app.session
        .advice()
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
    app.session
        .question()
        .map(|q| q.id.to_string())
        .unwrap_or_default()
}

#[test]
fn a_whole_interview_by_keys_ends_on_the_results_with_the_answers_given() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    assert_eq!(app.screen, Screen::Start);
    keys(&mut app, "\"shop\" Enter");
    assert_eq!(app.screen, Screen::Interview);
    assert_eq!(current(&app), "domain");
    assert_eq!(app.session.step(), (1, 5));
    keys(&mut app, "\"an online shop\" Enter");
    assert_eq!(current(&app), "data-kinds");
    assert_eq!(app.session.step(), (2, 5));
    keys(&mut app, "Enter Enter Down Enter");
    assert_eq!(
        (current(&app).as_str(), app.session.step()),
        ("latency", (5, 6)),
        "thousands of requests a second opens the latency question"
    );
    keys(&mut app, "Down Enter Space End Space Enter");
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(app.session.answers().project.as_deref(), Some("shop"));
    assert_eq!(
        app.session.answers().get("domain"),
        Some(&one("an online shop"))
    );
    assert_eq!(
        app.session.answers().get("data-kinds"),
        Some(&many(&["records"]))
    );
    assert_eq!(app.session.answers().get("existing"), Some(&one("none")));
    assert_eq!(
        app.session.answers().get("peak-rate"),
        Some(&one("thousands"))
    );
    assert_eq!(
        app.session.answers().get("latency"),
        Some(&one("single-digit-ms"))
    );
    assert_eq!(
        app.session.answers().get("features"),
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
        app.session.path(),
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
        app.session.step(),
        (3, 6),
        "documents open the consistency question: one more than records"
    );
    keys(&mut app, "Esc");
    assert_eq!(current(&app), "data-kinds");
    assert_eq!(app.interview.cursor, 1, "the answer given is highlighted");
    assert_eq!(app.interview.toggled, ["documents"], "and ticked");
    assert_eq!(
        app.session.step(),
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
    assert_eq!(app.start.name, "shop");
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
    assert_eq!(
        app.session.answers().get("data-kinds"),
        Some(&many(&["documents"]))
    );
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
    assert_eq!(app.session.advice().primary().unwrap().engine, "mongodb");
    assert_eq!(
        app.session.path(),
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
    assert_eq!(app.interview.focus, Focus::Path);
    keys(&mut app, "Home Down Enter");
    assert_eq!(current(&app), "data-kinds");
    keys(&mut app, "Space Up Space Enter");
    assert_eq!(
        app.screen,
        Screen::Results,
        "the later answers still apply: nothing is asked again"
    );
    assert_eq!(
        app.session.answers().get("data-kinds"),
        Some(&many(&["records"]))
    );
    assert_eq!(app.session.advice().primary().unwrap().engine, "postgresql");
    assert_eq!(app.session.answers().get("existing"), Some(&one("none")));
    assert_eq!(
        app.session.answers().get("peak-rate"),
        Some(&one("hundreds"))
    );
    assert_eq!(app.session.answers().get("features"), Some(&many(&[])));
    assert_eq!(
        app.session.answers().get("consistency"),
        None,
        "the answer off the path is dropped"
    );
    assert_eq!(
        app.session.path(),
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
        app.session.answers().get("features"),
        Some(&many(&["keyword-search", "live"])),
        "kept while the path is open"
    );
    assert_eq!(
        app.session.answers().get("latency"),
        Some(&one("single-digit-ms"))
    );
    keys(&mut app, "Down Enter");
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(
        app.session.answers().get("consistency"),
        Some(&one("eventual"))
    );
    assert_eq!(
        app.session.answers().get("features"),
        Some(&many(&["keyword-search", "live"]))
    );
    assert_eq!(
        app.session.answers().get("latency"),
        Some(&one("single-digit-ms"))
    );
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
    assert_eq!(app.interview.toggled, ["keyword-search", "live"]);
    keys(&mut app, "Enter");
    assert_eq!(
        app.session.answers().get("features"),
        Some(&many(&["keyword-search", "live"]))
    );
    // Back: the ticks come back as answered; untick everything for "none of these".
    keys(&mut app, "Esc");
    assert_eq!(app.interview.toggled, ["keyword-search", "live"]);
    keys(&mut app, "Home Space End Space Enter");
    assert_eq!(app.session.answers().get("features"), Some(&many(&[])));
}

/// A several-choice question that takes at least one option is not answered with none:
/// Enter with nothing ticked says so and stays on the question.
#[test]
fn nothing_ticked_does_not_answer_a_question_that_takes_at_least_one() {
    let kb = KnowledgeBase::embedded();
    let mut app = App::new(&kb, Config::bare());
    // The name, what it does, and the domain left at its default (none).
    keys(&mut app, "\"x\" Enter \"a shop\" Enter Enter");
    assert_eq!(current(&app), "data-kinds");
    assert_eq!(app.interview.toggled, ["records"], "starts on its default");
    keys(&mut app, "Space");
    let drawn = screen(&mut app, 120, 40);
    assert!(
        drawn.contains("tick at least one, then Enter confirms"),
        "{drawn}"
    );
    assert!(!drawn.contains("none of these"), "{drawn}");
    keys(&mut app, "Enter");
    assert_eq!(current(&app), "data-kinds");
    assert_eq!(app.session.answers().get("data-kinds"), None);
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("Tick at least one")),
        "{:?}",
        app.status
    );
    keys(&mut app, "Space Enter");
    assert_eq!(
        app.session.answers().get("data-kinds"),
        Some(&many(&["records"]))
    );
    assert_eq!(current(&app), "team");
}

#[test]
fn letters_type_into_text_fields_and_are_shortcuts_elsewhere() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    let effects = keys(&mut app, "\"quiz s e ?\"");
    assert!(effects.is_empty());
    assert_eq!(app.start.name, "quiz s e ?");
    assert!(app.overlay.is_none());
    keys(&mut app, "Bs Bs C-u \"q&a\" Enter");
    assert_eq!(app.session.answers().project.as_deref(), Some("q&a"));
    keys(&mut app, "\"kj\" Enter");
    assert_eq!(app.session.answers().get("domain"), Some(&one("kj")));
    // On a choice question, j/k move and ? opens the help.
    keys(&mut app, "j");
    assert_eq!(app.interview.cursor, 1);
    keys(&mut app, "k ?");
    assert_eq!(app.interview.cursor, 0);
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
