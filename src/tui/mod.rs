//! The terminal interview: terminal setup and restore, the event loop, and the effects
//! the app asks for. The app itself (`app`) holds no terminal; the views (`view`) draw
//! it and return what they laid out (`layout`), which the loop hands back to the app.

pub mod app;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod theme;
pub mod view;
pub mod whatif;

use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::DefaultTerminal;

use crate::error::{CommandResult, Error};
use crate::exit::Exit;
use crate::kb::KnowledgeBase;
use crate::session::{self, Config, Done, Effect, Write};
use crate::settings::Settings;
use app::{Action, App};

/// Runs the interview in the terminal, resuming `resume` if given.
pub fn run(kb: &KnowledgeBase, settings: &Settings, resume: Option<&Path>) -> CommandResult {
    let config = Config::new(kb, settings);
    let app = match resume {
        Some(path) => App::resumed(kb, config, session::read_answers(kb, path)?, path),
        None => App::new(kb, config),
    };
    run_app(app)
}

/// `dbadvise learn`: the topic library in the terminal, open on `topic` if given.
pub fn learn(kb: &KnowledgeBase, settings: &Settings, topic: Option<&str>) -> CommandResult {
    let mut config = Config::new(kb, settings);
    // Browsing topics changes no answers: nothing to autosave.
    config.autosave = None;
    let app = App::library(kb, config, topic);
    run_app(app)
}

/// Runs the app in the terminal until it quits: signals noted, the terminal set up and
/// always restored.
fn run_app(app: App) -> CommandResult {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| Error::new(Exit::Internal, "cannot handle signals").because(e))?;
    }
    watch_for_hangup();
    let mut terminal = setup();
    let result = event_loop(&mut terminal, app, &stop);
    restore();
    result
}

/// Once the terminal is gone (its window closed, tmux killed, ssh dropped), crossterm's
/// `event::poll` spins on the dead tty and never returns (crossterm-rs/crossterm#793),
/// and a process outside the terminal's foreground group never gets the SIGHUP. A
/// thread watches standard input for the hangup, without reading it, and ends the
/// process: the answers are already in the autosave, and there is no screen to restore.
fn watch_for_hangup() {
    std::thread::spawn(|| loop {
        std::thread::sleep(Duration::from_millis(300));
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd, a zero timeout; poll only writes `revents`.
        let ready = unsafe { libc::poll(&mut fd, 1, 0) };
        if ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            std::process::exit(Exit::Interrupted as i32);
        }
    });
}

/// Raw mode, the alternate screen, the mouse and bracketed paste; and a panic hook that
/// undoes them before the panic message is printed.
fn setup() -> DefaultTerminal {
    // ratatui::init installs its own hook (restore, then the previous hook); ours wraps it
    // to release the mouse too.
    let terminal = ratatui::init();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    terminal
}

fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

fn event_loop(terminal: &mut DefaultTerminal, mut app: App, stop: &AtomicBool) -> CommandResult {
    let io_failure = |e: io::Error| Error::new(Exit::Internal, "terminal error").because(e);
    loop {
        let mut layout = None;
        terminal
            .draw(|frame| layout = Some(view::draw(frame, &app)))
            .map_err(io_failure)?;
        app.update(Action::Drawn(Box::new(layout.unwrap_or_default())));
        // Wake up now and then to notice a SIGTERM even when no key comes.
        let action = loop {
            if stop.load(Ordering::Relaxed) {
                return Err(stopped(&app));
            }
            if !event::poll(Duration::from_millis(250)).map_err(io_failure)? {
                continue;
            }
            match translate(&app, event::read().map_err(io_failure)?) {
                Some(action) => break Some(action),
                // A resize (or anything unhandled) only redraws.
                None => break None,
            }
        };
        let Some(action) = action else { continue };
        let mut pending = app.update(action);
        while !pending.is_empty() {
            let mut next = Vec::new();
            for effect in pending {
                match session::carry_out(&app.session, &effect) {
                    Done::Quit => return Ok(()),
                    done => {
                        if let Some(action) = Action::heard(done) {
                            next.extend(app.update(action));
                        }
                    }
                }
            }
            pending = next;
        }
    }
}

/// Carries out a write and says what came of it, as the event loop tells the app.
pub fn wrote(app: &App, write: &Write) -> Action {
    let done = session::carry_out(&app.session, &Effect::Write(write.clone()));
    Action::heard(done).expect("a write always says what came of it")
}

fn stopped(app: &App) -> Error {
    let kept = match (
        &app.session.config.autosave,
        app.session.answers().values.is_empty(),
    ) {
        (Some(path), false) => format!("; the answers are in the autosave, {}", path.display()),
        _ => String::new(),
    };
    Error::new(Exit::Interrupted, format!("stopped by a signal{kept}"))
}

/// A terminal event as an action of the app; `None` for what only needs a redraw.
pub fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            // The small screen offers q whatever the keys of the hidden screen are.
            if app.layout.too_small
                && key.code == event::KeyCode::Char('q')
                && key.modifiers.is_empty()
            {
                return Some(Action::Key(keymap::KeyCommand::Quit));
            }
            if let Some(command) = keymap::lookup(&app.contexts(), &key) {
                return Some(Action::Key(command));
            }
            if app.typing() {
                return keymap::typed(&key).map(Action::Char);
            }
            None
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}
