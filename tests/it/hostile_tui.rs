//! The terminal with hostile input: a screen too small to show anything lets only quit
//! through, and control characters from a knowledge base, an answers file or a typed
//! name never reach the terminal raw (the real binary in tmux, read with
//! `capture-pane -e`).
//!
//! Without tmux the tmux test says SKIPPED, unless `DBADVISE_REQUIRE_ENGINES=1` (as
//! `.ci/run` sets it), where a missing tmux fails it.

use crate::common;
use dbadvise::session::{Config, Effect};
use dbadvise::tui::app::{App, Overlay, Screen};

use crate::common::tui::{fixture_kb, press, render, screen};
use common::tmux::{tmux_available, Tmux};

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small_except_quit() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    press(&mut app, "\"shop\" Enter \"an online shop\" Enter");
    assert_eq!(app.screen, Screen::Interview);
    assert!(
        !app.session.answers().values.is_empty(),
        "one question answered"
    );
    let answered = app.session.answers().clone();
    let typed = app.interview.text.clone();

    let small = screen(&mut app, 40, 12);
    assert!(small.contains("terminal too small"), "{small}");
    // Enter would answer, s would open the save dialog, text would be typed.
    let effects = press(&mut app, "Enter s \"more\" Esc Tab ?");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(*app.session.answers(), answered);
    assert_eq!(app.interview.text, typed);
    assert_eq!(app.overlay, None);

    // q quits: unsaved answers ask once, on the small screen itself.
    press(&mut app, "q");
    assert_eq!(app.overlay, Some(Overlay::QuitUnsaved));
    let small = screen(&mut app, 40, 12);
    assert!(small.contains("q again quits"), "{small}");
    assert_eq!(press(&mut app, "q"), [Effect::Quit]);

    // Back at a usable size, keys act again.
    let mut app = App::new(&kb, Config::bare());
    render(&mut app, 40, 12);
    render(&mut app, 100, 30);
    press(&mut app, "\"shop\" Enter");
    assert_eq!(app.screen, Screen::Interview);
}

/// Sequences that would clear the screen, set the clipboard (OSC 52) and colour the
/// text red (C1 CSI), as YAML double-quoted escapes.
const HOSTILE_YAML: &str = "\\e[2J\\e]52;c;SGFja2Vk\\a\\x9b31m";

#[test]
fn control_characters_never_reach_the_terminal_in_tmux() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::new("hostile");
    let kb = t.path().join("kb");
    std::fs::create_dir(&kb).unwrap();
    // Every question's prompt carries the sequences: whichever the interview asks first
    // shows them.
    let out = std::process::Command::new(common::tmux::BIN)
        .args(["questions", "--format", "json"])
        .output()
        .unwrap();
    let questions: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut overlay = String::from("questions:\n");
    for q in questions.as_array().unwrap() {
        overlay.push_str(&format!(
            "  - id: {}\n    prompt: \"Hostile {HOSTILE_YAML} prompt?\"\n",
            q["id"].as_str().unwrap()
        ));
    }
    std::fs::write(kb.join("hostile.yaml"), overlay).unwrap();
    std::fs::write(
        t.path().join("bad.yaml"),
        format!("project: \"Shop {HOSTILE_YAML}\"\nanswers:\n  \"key{HOSTILE_YAML}\": x\n"),
    )
    .unwrap();
    // tmux keeps what an application sends with OSC 52 as a paste buffer.
    let clipboard_set = || {
        let out = t.cmd(&["list-buffers"]);
        !String::from_utf8_lossy(&out.stdout).trim().is_empty()
    };

    // An error message on standard error, straight on the terminal.
    t.start(120, 30, "", "recommend --answers bad.yaml");
    t.cmd(&["set-option", "-g", "set-clipboard", "on"]);
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 4"), "{screen}");
    assert!(
        screen.contains("unknown question `key\\u001b[2J\\u001b]52;c;"),
        "{screen}"
    );
    assert_screen_clean(&t);
    assert!(!clipboard_set(), "OSC 52 reached the terminal");

    // The interview draws the knowledge base's text.
    t.restart("", "--kb kb");
    t.wait_for("Project name:");
    t.type_text("Shop");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Hostile");
    assert!(screen.contains("prompt?"), "{screen}");
    assert_screen_clean(&t);
    // No answer yet: one Ctrl-C quits.
    t.keys(&["C-c"]);
    let screen = t.wait_exit();
    assert!(screen.contains("exited with 0"), "{screen}");

    // Plain mode prints the same text line by line.
    t.restart("", "--plain --kb kb");
    t.wait_for("Project name:");
    t.type_text("Shop");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Hostile");
    assert!(
        screen.contains("Hostile \\u001b[2J\\u001b]52;c;SGFja2Vk\\u0007\\u009b31m prompt?"),
        "{screen}"
    );
    assert_screen_clean(&t);
    assert!(!clipboard_set(), "OSC 52 reached the terminal");
}

/// The screen with its escapes: only the SGR sequences a drawing uses (colours, bold,
/// reverse), never a clear, an OSC or a C1 control.
fn assert_screen_clean(t: &Tmux) {
    let raw = t.screen_with_escapes();
    for (i, part) in raw.split('\u{1b}').enumerate().skip(1) {
        let sgr = part
            .strip_prefix('[')
            .and_then(|p| p.split_once('m'))
            .is_some_and(|(params, _)| {
                params
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ';' || c == ':')
            });
        assert!(sgr, "escape #{i} is not a colour: {part:?}\n{raw:?}");
    }
    assert!(!raw.contains('\u{9b}') && !raw.contains('\u{7}'), "{raw:?}");
}

/// Every bidirectional embedding, override and isolate (U+202A–U+202E, U+2066–U+2069):
/// they make a line display in another order than it reads.
const BIDI: [char; 9] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// Fails if a cell of the drawn frame holds a bidirectional control or any other control.
fn assert_clean(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>, what: &str) {
    let buffer = terminal.backend().buffer();
    let bad: Vec<&str> = buffer
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .filter(|s| s.chars().any(|c| BIDI.contains(&c) || c.is_control()))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: {} cells hold controls, as {:?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
}

#[test]
fn bidirectional_overrides_from_answers_knowledge_and_typing_never_reach_the_screen() {
    let hostile: String = BIDI.iter().map(|c| format!("{c}x")).collect();
    // The knowledge base's text: the first question's prompt and help.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-kb");
    let mut files = dbadvise::kb::load::directory_files(&dir).unwrap();
    let questions = files
        .iter_mut()
        .find(|f| f.relative == "questions.yaml")
        .unwrap();
    questions.text = questions
        .text
        .replacen(
            "In one sentence, what",
            &format!("In one {hostile}sentence, what"),
            1,
        )
        .replacen(
            "The decision record opens",
            &format!("The {hostile} record opens"),
            1,
        );
    assert!(questions.text.contains(&hostile));
    let kb = dbadvise::kb::load::load_sources(vec![files]).unwrap_or_else(|p| panic!("{p:?}"));

    // A typed project name, then a free-text answer.
    let mut app = App::new(&kb, Config::bare());
    press(&mut app, &format!("\"Shop{hostile}\""));
    assert_eq!(
        app.start.name,
        format!("Shop{hostile}"),
        "the text field holds what was typed"
    );
    assert_clean(&render(&mut app, 100, 30), "start");
    assert!(screen(&mut app, 100, 30).contains("Shopxxxxxxxxx"));
    press(&mut app, "Enter");
    let asked = screen(&mut app, 100, 30);
    assert!(asked.contains("In one xxxxxxxxxsentence, what"), "{asked}");
    assert_clean(&render(&mut app, 100, 30), "question");
    press(&mut app, &format!("\"a {hostile} shop\" Enter"));
    press(
        &mut app,
        "Enter Enter Down Enter Down Enter Space End Space Enter",
    );
    assert!(app.session.is_complete());
    // Every results tab (the record tab quotes the answers) and the help of the question.
    for tab in 0..dbadvise::tui::app::TABS.len() {
        app.results.tab = tab;
        assert_clean(&render(&mut app, 120, 40), &format!("tab {tab}"));
    }
}

#[test]
fn the_drawing_drops_bidirectional_controls_whatever_widget_put_them_there() {
    // A widget that sets cells directly (`Cell::set_symbol`), as ratatui lets it, is not
    // filtered by ratatui: the frame's cells hold the controls before the app draws over
    // them, and every cell the app leaves alone must still come out clean.
    let kb = fixture_kb();
    let app = App::new(&kb, Config::bare());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| {
            let area = frame.area();
            let buffer = frame.buffer_mut();
            for (i, cell) in buffer.content.iter_mut().enumerate() {
                let c = BIDI[i % BIDI.len()];
                cell.set_symbol(&format!("y{c}"));
            }
            assert_eq!(area.width, 80);
            dbadvise::tui::view::draw(frame, &app);
        })
        .unwrap();
    assert_clean(&terminal, "a frame drawn over cells holding them");
    let buffer = terminal.backend().buffer();
    assert!(
        buffer.content().iter().any(|cell| cell.symbol() == "y"),
        "a cell left alone keeps its text"
    );
}
