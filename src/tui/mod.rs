//! The terminal interview: terminal setup and restore, the event loop, and the effects
//! (files) the app asks for. The app itself (`app`) is pure; the views (`view`) draw it.

pub mod app;
pub mod export;
pub mod files;
pub mod keymap;
pub mod library;
pub mod theme;
pub mod view;
pub mod whatif;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::DefaultTerminal;

use crate::engine::parse_answers;
use crate::exit::{CommandResult, Exit, Failure};
use crate::kb::KnowledgeBase;
use crate::report::adr_dir;
use app::{Action, App, Autosaved, Config, Effect};
pub use files::{perform, wrote};

/// True when both ends are a terminal: the interview can be drawn.
pub fn is_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// The directory autosaves go to: `$DBADVISE_STATE_DIR`, else `$XDG_STATE_HOME/dbadvise`,
/// else `~/.local/state/dbadvise`.
pub fn state_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("DBADVISE_STATE_DIR")
        .or_else(|| var("XDG_STATE_HOME").map(|d| d.join("dbadvise")))
        .or_else(|| var("HOME").map(|h| h.join(".local/state/dbadvise")))
}

pub fn autosave_path() -> Option<PathBuf> {
    state_dir().map(|d| d.join("autosave.yaml"))
}

/// A path as people like to read it: `~/…` under the home directory.
pub fn shown(path: &Path) -> String {
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        if let Ok(rest) = path.strip_prefix(&home) {
            return format!("~/{}", rest.display());
        }
    }
    path.display().to_string()
}

/// Reads the autosave, if any, for the start screen's offer.
pub fn read_autosave(kb: &KnowledgeBase, path: &Path) -> Autosaved {
    let text = match crate::limits::read_text(
        path,
        crate::limits::ANSWERS_FILE_BYTES,
        "an answers file",
    ) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Autosaved::None,
        Err(e) => {
            return Autosaved::Unreadable {
                path: path.to_path_buf(),
                message: format!("{}: {e}", path.display()),
            }
        }
    };
    match parse_answers(kb, &path.display().to_string(), &text) {
        Ok(answers) if answers.values.is_empty() => Autosaved::None,
        Ok(answers) => Autosaved::Found {
            path: path.to_path_buf(),
            answers,
        },
        Err(e) => Autosaved::Unreadable {
            path: path.to_path_buf(),
            message: e.to_string(),
        },
    }
}

/// The configuration from the environment and the current directory.
pub fn config(kb: &KnowledgeBase) -> Config {
    let autosave = autosave_path();
    let autosaved = autosave
        .as_deref()
        .map(|p| read_autosave(kb, p))
        .unwrap_or(Autosaved::None);
    let record_dir = std::env::current_dir().ok().and_then(|cwd| {
        // An unreadable `.adr-dir` leaves the export's default outside a record
        // directory; `adr new` names the problem.
        let dir = adr_dir::find_dir(&cwd, None).ok()?;
        if !dir.is_dir() {
            return None;
        }
        // A directory that gives no number (its records reach the last there is) is
        // still where the record goes: the export then says why it cannot number it.
        let next = adr_dir::next_number(&dir).unwrap_or(u32::MAX);
        let relative = dir.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(dir);
        Some((relative, next))
    });
    Config {
        autosave_shown: autosave.as_deref().map(shown).unwrap_or_default(),
        autosave,
        autosaved,
        record_dir,
        date: jiff::Zoned::now().date().to_string(),
        mono: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    }
}

/// Runs the interview in the terminal, resuming `resume` if given.
pub fn run(kb: &KnowledgeBase, resume: Option<&Path>) -> CommandResult {
    let config = config(kb);
    let app = match resume {
        Some(path) => App::resumed(
            kb,
            config,
            crate::cmd::recommend::read_answers(kb, path)?,
            path,
        ),
        None => App::new(kb, config),
    };
    run_app(app)
}

/// `dbadvise learn`: the topic library in the terminal, open on `topic` if given.
pub fn learn(kb: &KnowledgeBase, topic: Option<&str>) -> CommandResult {
    let mut config = config(kb);
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
            .map_err(|e| Failure::new(Exit::Internal, format!("cannot handle signals: {e}")))?;
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
    let io_failure = |e: io::Error| Failure::new(Exit::Internal, format!("terminal error: {e}"));
    loop {
        terminal
            .draw(|frame| view::draw(frame, &app))
            .map_err(io_failure)?;
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
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Autosave {
                        path,
                        contents,
                        fresh,
                    } => {
                        if let Err(e) = autosave(&path, &contents, fresh) {
                            next.extend(app.update(Action::AutosaveFailed(format!(
                                "{}: {e}",
                                path.display()
                            ))));
                        }
                    }
                    Effect::Write(write) => {
                        let action = wrote(&app, &write);
                        next.extend(app.update(action));
                    }
                }
            }
            pending = next;
        }
    }
}

fn stopped(app: &App) -> Failure {
    let kept = match (&app.config.autosave, app.answers.values.is_empty()) {
        (Some(path), false) => format!("; the answers are in the autosave, {}", path.display()),
        _ => String::new(),
    };
    Failure::new(Exit::Interrupted, format!("stopped by a signal{kept}"))
}

/// A terminal event as an action of the app; `None` for what only needs a redraw.
pub fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            // The small screen offers q whatever the keys of the hidden screen are.
            if app.too_small.get()
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

/// Writes the autosave; the first of a new interview keeps an older one aside.
pub fn autosave(path: &Path, contents: &str, fresh: bool) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if fresh && path.exists() {
        std::fs::rename(path, path.with_file_name("autosave.previous.yaml"))?;
    }
    crate::fsutil::write_atomic(path, contents.as_bytes())
}
