//! The terminal with hostile input: a screen too small to show anything lets only quit
//! through, and control characters from a knowledge base, an answers file or a typed
//! name never reach the terminal raw (the real binary in tmux, read with
//! `capture-pane -e`).
//!
//! Without tmux the tmux test says SKIPPED, unless `DBADVISE_REQUIRE_ENGINES=1` (as
//! `.ci/run` sets it), where a missing tmux fails it.

mod common;
mod tui_support;

use dbadvise::tui::app::{App, Config, Effect, Overlay, Screen};

use common::tmux::{tmux_available, Tmux};
use tui_support::{fixture_kb, press, render, screen};

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small_except_quit() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    press(&mut app, "\"shop\" Enter \"an online shop\" Enter");
    assert_eq!(app.screen, Screen::Interview);
    assert!(!app.answers.values.is_empty(), "one question answered");
    let answered = app.answers.clone();
    let typed = app.text.clone();

    let small = screen(&app, 40, 12);
    assert!(small.contains("terminal too small"), "{small}");
    // Enter would answer, s would open the save dialog, text would be typed.
    let effects = press(&mut app, "Enter s \"more\" Esc Tab ?");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.answers, answered);
    assert_eq!(app.text, typed);
    assert_eq!(app.overlay, None);

    // q quits: unsaved answers ask once, on the small screen itself.
    press(&mut app, "q");
    assert_eq!(app.overlay, Some(Overlay::QuitUnsaved));
    let small = screen(&app, 40, 12);
    assert!(small.contains("q again quits"), "{small}");
    assert_eq!(press(&mut app, "q"), [Effect::Quit]);

    // Back at a usable size, keys act again.
    let mut app = App::new(&kb, Config::bare());
    render(&app, 40, 12);
    render(&app, 100, 30);
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
