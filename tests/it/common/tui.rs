//! What the TUI tests share: a small knowledge base that stays put while the real one
//! grows, and driving the app with real key events through the key table.

use std::path::Path;

use dbadvise::kb::load::{directory_files, load_sources};
use dbadvise::kb::KnowledgeBase;
use dbadvise::session::Effect;
use dbadvise::tui::app::{Action, App};
use dbadvise::tui::{translate, view};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use ratatui::Terminal;

/// The test knowledge base in `tests/fixtures/tui-kb`.
pub fn fixture_kb() -> KnowledgeBase {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-kb");
    let files = directory_files(&dir).expect("the fixture directory is readable");
    load_sources(vec![files]).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        panic!(
            "the fixture knowledge base is invalid:\n{}",
            list.join("\n")
        )
    })
}

pub fn key_event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

/// One key by name: `Up`, `Down`, `Enter`, `Space`, `Esc`, `Tab`, `BackTab`, `Home`,
/// `End`, `PgUp`, `PgDn`, `Bs`, `Left`, `Right`, `C-c`, `C-u`, `C-a`, or one character.
pub fn key(name: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    match name {
        "Up" => key_event(KeyCode::Up, none),
        "Down" => key_event(KeyCode::Down, none),
        "Left" => key_event(KeyCode::Left, none),
        "Right" => key_event(KeyCode::Right, none),
        "Enter" => key_event(KeyCode::Enter, none),
        "Space" => key_event(KeyCode::Char(' '), none),
        "Esc" => key_event(KeyCode::Esc, none),
        "Tab" => key_event(KeyCode::Tab, none),
        "BackTab" => key_event(KeyCode::BackTab, KeyModifiers::SHIFT),
        "Home" => key_event(KeyCode::Home, none),
        "End" => key_event(KeyCode::End, none),
        "PgUp" => key_event(KeyCode::PageUp, none),
        "PgDn" => key_event(KeyCode::PageDown, none),
        "Bs" => key_event(KeyCode::Backspace, none),
        "C-c" => key_event(KeyCode::Char('c'), KeyModifiers::CONTROL),
        "C-u" => key_event(KeyCode::Char('u'), KeyModifiers::CONTROL),
        "C-a" => key_event(KeyCode::Char('a'), KeyModifiers::CONTROL),
        "?" => key_event(KeyCode::Char('?'), KeyModifiers::SHIFT),
        one if one.chars().count() == 1 => {
            key_event(KeyCode::Char(one.chars().next().unwrap()), none)
        }
        other => panic!("unknown key name {other:?}"),
    }
}

/// Presses the keys named in `spec` (space-separated; `"text"` types the text) as the
/// terminal would send them, and returns every effect the app asked for.
pub fn press(app: &mut App, spec: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for token in tokens(spec) {
        let events: Vec<KeyEvent> = match token.strip_prefix('"').and_then(|t| t.strip_suffix('"'))
        {
            Some(text) => text
                .chars()
                .map(|c| key_event(KeyCode::Char(c), KeyModifiers::NONE))
                .collect(),
            None => vec![key(&token)],
        };
        for event in events {
            if let Some(action) = translate(app, Event::Key(event)) {
                effects.extend(app.update(action));
            }
        }
    }
    effects
}

pub fn tokens(spec: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = spec.trim();
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').expect("closing quote") + 1;
            out.push(rest[..=end].to_string());
            rest = rest[end + 1..].trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
    }
    out
}

/// The app drawn on a `width`×`height` test terminal; what the frame laid out is handed
/// to the app, as the event loop does.
pub fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut layout = None;
    terminal
        .draw(|frame| layout = Some(view::draw(frame, app)))
        .unwrap();
    app.update(Action::Drawn(Box::new(layout.unwrap())));
    terminal
}

/// The screen's text, one line a row, trailing spaces dropped.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    let terminal = render(app, width, height);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn actions_of(effects: &[Effect]) -> Vec<&Effect> {
    effects.iter().collect()
}

pub fn _unused(_: Action) {}
