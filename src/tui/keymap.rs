//! The one key table. It decides what a key does *and* writes the footer hints and the
//! help overlay, so the hints can never drift from the behaviour.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for. The app decides what that means where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCommand {
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    /// Enter: choose the highlighted item, confirm, go on.
    Choose,
    /// Space: toggle an option of a several-choice question.
    Toggle,
    /// Esc / Backspace: back to the previous question (or close what is open).
    Back,
    /// Tab: the next panel or tab.
    NextPanel,
    /// Shift-Tab: the previous panel or tab.
    PrevPanel,
    PrevTab,
    NextTab,
    Help,
    Save,
    Export,
    Quit,
    /// Ctrl-C: quit; asks about unsaved answers once, quits at a second Ctrl-C.
    Interrupt,
    Yes,
    No,
    /// Esc in a dialog or prompt.
    Cancel,
    /// Backspace while typing.
    DeleteChar,
    /// Ctrl-U while typing.
    ClearText,
    /// `t`: the topic behind what has the focus, in the topic library.
    Topic,
    /// `/` in the topic library: search.
    Search,
    /// A digit in the topic library: follow related link N.
    Link(u8),
    /// `w` on the results: what if an answer were different.
    WhatIf,
    /// `a` in a what-if comparison: make the other answer the real one.
    Adopt,
    /// Tab in the export prompt: MADR or Nygard.
    Style,
    /// Ctrl-A in the export prompt: write the appendix too, or not.
    Appendix,
}

/// Where a binding is live. The app says which of these hold at the moment
/// (`App::contexts`); a binding works when its context holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Everywhere, even in dialogs.
    Always,
    /// The main screens, with nothing open over them (typing or not).
    Main,
    /// The main screens, not typing: letters are shortcuts.
    Keys,
    /// A text field has the focus: letters are text.
    Typing,
    /// The options of a several-choice question have the focus.
    Many,
    /// The results screen.
    Results,
    /// The interview or the results (there is a question to go back to).
    Answering,
    /// Not typing, and every question on the path is answered: the record can be exported.
    Done,
    /// A yes/no question.
    Confirm,
    /// The file-name prompt of save and export.
    Prompt,
    /// The file-name prompt of the export: its choices of layout and appendix.
    ExportPrompt,
    /// The help overlay.
    Help,
    /// The topic library, not typing.
    Learn,
    /// The topic library's search field.
    LearnSearch,
    /// The what-if, picking a question or an answer.
    WhatIf,
    /// The what-if, picking the ticks of a several-choice question.
    WhatIfMany,
    /// The what-if comparison: now and what-if side by side.
    WhatIfCompare,
}

/// A key, as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Char(char),
    Ctrl(char),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Code(code) => event.code == code && !ctrl && !alt,
            // Shift is part of the character itself ('?' comes with SHIFT on many terminals).
            Key::Char(c) => event.code == KeyCode::Char(c) && !ctrl && !alt,
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// The keys as people read them: "↑ k", "Enter".
    pub label: &'static str,
    pub command: KeyCommand,
    pub when: Ctx,
    /// What it does, for the help overlay (and the footer, shortened by `hint`).
    pub help: &'static str,
    /// The footer's word for it; empty keeps it out of the footer.
    pub hint: &'static str,
}

use Ctx as X;
use Key as K;
use KeyCommand as C;

const fn b(
    keys: &'static [Key],
    label: &'static str,
    command: KeyCommand,
    when: Ctx,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        label,
        command,
        when,
        help,
        hint,
    }
}

/// Every key binding, most specific first: the first live binding that matches wins.
/// Columns: keys, their label, command, context, footer hint (empty: not in the footer),
/// help text.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // The what-if (w on the results).
    b(&[K::Code(KeyCode::Enter), K::Char('a')], "Enter a", C::Adopt, X::WhatIfCompare, "adopt", "make the what-if answer the real one"),
    b(&[K::Code(KeyCode::Char(' '))], "Space", C::Toggle, X::WhatIfMany, "tick", "tick or untick the highlighted option"),
    b(&[K::Code(KeyCode::Up), K::Char('k')], "↑ k", C::Up, X::WhatIf, "move", "previous item (scroll up the comparison)"),
    b(&[K::Code(KeyCode::Down), K::Char('j')], "↓ j", C::Down, X::WhatIf, "move", "next item (scroll down the comparison)"),
    b(&[K::Code(KeyCode::PageUp)], "PgUp", C::PageUp, X::WhatIf, "", "page up"),
    b(&[K::Code(KeyCode::PageDown)], "PgDn", C::PageDown, X::WhatIf, "", "page down"),
    b(&[K::Code(KeyCode::Home)], "Home", C::Home, X::WhatIf, "", "first item (top)"),
    b(&[K::Code(KeyCode::End)], "End", C::End, X::WhatIf, "", "last item (end)"),
    b(&[K::Code(KeyCode::Enter)], "Enter", C::Choose, X::WhatIf, "pick", "pick the answer to change, then its other value"),
    b(&[K::Code(KeyCode::Esc), K::Code(KeyCode::Backspace)], "Esc Backspace", C::Back, X::WhatIf, "back", "back a step, else close the what-if"),
    b(&[K::Char('q')], "q", C::Quit, X::WhatIf, "close", "close the what-if"),
    // The topic library.
    b(&[K::Code(KeyCode::Enter)], "Enter", C::Choose, X::LearnSearch, "done", "stop typing the search, keep its results"),
    b(&[K::Code(KeyCode::Esc)], "Esc", C::Cancel, X::LearnSearch, "clear", "clear the search"),
    b(&[K::Code(KeyCode::Up), K::Char('k')], "↑ k", C::Up, X::Learn, "move", "previous topic (scroll up on the page)"),
    b(&[K::Code(KeyCode::Down), K::Char('j')], "↓ j", C::Down, X::Learn, "move", "next topic (scroll down on the page)"),
    b(&[K::Code(KeyCode::PageUp)], "PgUp", C::PageUp, X::Learn, "", "scroll the page up"),
    b(&[K::Code(KeyCode::PageDown), K::Code(KeyCode::Char(' '))], "PgDn Space", C::PageDown, X::Learn, "", "scroll the page down"),
    b(&[K::Code(KeyCode::Home)], "Home", C::Home, X::Learn, "", "first topic (top of the page)"),
    b(&[K::Code(KeyCode::End)], "End", C::End, X::Learn, "", "last topic (end of the page)"),
    b(&[K::Code(KeyCode::Enter)], "Enter", C::Choose, X::Learn, "read", "read the highlighted topic"),
    b(&[K::Code(KeyCode::Tab), K::Code(KeyCode::BackTab)], "Tab", C::NextPanel, X::Learn, "panel", "switch between the list and the page"),
    b(&[K::Char('/')], "/", C::Search, X::Learn, "search", "search the topics"),
    b(&[K::Char('1')], "1…9", C::Link(1), X::Learn, "link", "follow related topic N of the page"),
    b(&[K::Char('2')], "2", C::Link(2), X::Learn, "", ""),
    b(&[K::Char('3')], "3", C::Link(3), X::Learn, "", ""),
    b(&[K::Char('4')], "4", C::Link(4), X::Learn, "", ""),
    b(&[K::Char('5')], "5", C::Link(5), X::Learn, "", ""),
    b(&[K::Char('6')], "6", C::Link(6), X::Learn, "", ""),
    b(&[K::Char('7')], "7", C::Link(7), X::Learn, "", ""),
    b(&[K::Char('8')], "8", C::Link(8), X::Learn, "", ""),
    b(&[K::Char('9')], "9", C::Link(9), X::Learn, "", ""),
    b(&[K::Code(KeyCode::Esc), K::Code(KeyCode::Backspace)], "Esc Backspace", C::Back, X::Learn, "back", "back to the topic before, else close the library"),
    b(&[K::Char('q')], "q", C::Cancel, X::Learn, "close", "close the topic library"),
    // Dialogs and overlays.
    b(&[K::Char('y'), K::Char('Y')], "y", C::Yes, X::Confirm, "yes", "answer yes"),
    b(&[K::Char('n'), K::Char('N')], "n", C::No, X::Confirm, "no", "answer no"),
    b(&[K::Code(KeyCode::Esc)], "Esc", C::Cancel, X::Confirm, "cancel", "cancel"),
    b(&[K::Code(KeyCode::Enter)], "Enter", C::Choose, X::Prompt, "write", "write the file"),
    b(&[K::Code(KeyCode::Tab), K::Code(KeyCode::BackTab)], "Tab", C::Style, X::ExportPrompt, "style", "export prompt: MADR or Nygard layout"),
    b(&[K::Ctrl('a')], "Ctrl-A", C::Appendix, X::ExportPrompt, "appendix", "export prompt: write the appendix too, or not"),
    b(&[K::Code(KeyCode::Esc)], "Esc", C::Cancel, X::Prompt, "cancel", "cancel"),
    b(&[K::Code(KeyCode::Esc), K::Char('?'), K::Char('q')], "Esc ? q", C::Cancel, X::Help, "close", "close the help"),
    b(&[K::Code(KeyCode::Up), K::Char('k')], "↑ k", C::Up, X::Help, "scroll", "scroll up"),
    b(&[K::Code(KeyCode::Down), K::Char('j')], "↓ j", C::Down, X::Help, "", "scroll down"),
    // Typing.
    b(&[K::Code(KeyCode::Backspace)], "Backspace", C::DeleteChar, X::Typing, "", "delete a character"),
    b(&[K::Ctrl('u')], "Ctrl-U", C::ClearText, X::Typing, "", "clear the text"),
    // The results.
    b(&[K::Code(KeyCode::Enter)], "Enter", C::Choose, X::Results, "record", "on the results: the record, then its export"),
    b(&[K::Code(KeyCode::Tab)], "Tab", C::NextPanel, X::Results, "next tab", "next tab"),
    b(&[K::Code(KeyCode::BackTab)], "Shift-Tab", C::PrevPanel, X::Results, "", "previous tab"),
    b(&[K::Code(KeyCode::Left), K::Char('h')], "← h", C::PrevTab, X::Results, "", "previous tab"),
    b(&[K::Code(KeyCode::Right), K::Char('l')], "→ l", C::NextTab, X::Results, "", "next tab"),
    b(&[K::Char('w')], "w", C::WhatIf, X::Results, "what-if", "what-if: compare the advice with one answer changed"),
    // The start screen and the interview.
    b(&[K::Code(KeyCode::Up)], "↑", C::Up, X::Main, "", "move up (scroll up on the results)"),
    b(&[K::Char('k')], "k", C::Up, X::Keys, "", "move up (scroll up on the results)"),
    b(&[K::Code(KeyCode::Down)], "↓", C::Down, X::Main, "", "move down (scroll down on the results)"),
    b(&[K::Char('j')], "j", C::Down, X::Keys, "", "move down (scroll down on the results)"),
    b(&[K::Code(KeyCode::Home)], "Home", C::Home, X::Main, "", "first item (top of the page)"),
    b(&[K::Code(KeyCode::End)], "End", C::End, X::Main, "", "last item (end of the page)"),
    b(&[K::Code(KeyCode::PageUp)], "PgUp", C::PageUp, X::Main, "", "page up"),
    b(&[K::Code(KeyCode::PageDown)], "PgDn", C::PageDown, X::Main, "", "page down"),
    b(&[K::Code(KeyCode::Char(' '))], "Space", C::Toggle, X::Many, "toggle", "tick or untick the highlighted option"),
    b(&[K::Code(KeyCode::Enter)], "Enter", C::Choose, X::Main, "choose", "choose, confirm, go on"),
    b(&[K::Code(KeyCode::Esc)], "Esc", C::Back, X::Answering, "back", "back to the previous question"),
    b(&[K::Code(KeyCode::Backspace)], "Backspace", C::Back, X::Answering, "", "back to the previous question"),
    b(&[K::Code(KeyCode::Tab)], "Tab", C::NextPanel, X::Main, "panel", "next panel: the question, your answers"),
    b(&[K::Code(KeyCode::BackTab)], "Shift-Tab", C::PrevPanel, X::Main, "", "previous panel"),
    // Everywhere but while typing.
    b(&[K::Char('?')], "?", C::Help, X::Keys, "help", "show all keys"),
    b(&[K::Char('t')], "t", C::Topic, X::Keys, "learn", "open the topic behind the question or tab"),
    b(&[K::Char('s')], "s", C::Save, X::Keys, "save", "save the answers (YAML, replayable)"),
    b(&[K::Char('e')], "e", C::Export, X::Done, "export", "export the decision record (Markdown)"),
    b(&[K::Char('e')], "e", C::Export, X::Keys, "", "export the decision record (Markdown)"),
    b(&[K::Char('q')], "q", C::Quit, X::Keys, "quit", "quit (asks to save unsaved answers)"),
    // While typing, `q` is a letter: the footer shows Ctrl-C instead.
    b(&[K::Ctrl('c')], "Ctrl-C", C::Interrupt, X::Typing, "quit", "quit (asks once about unsaved answers)"),
    b(&[K::Ctrl('c')], "Ctrl-C", C::Interrupt, X::Always, "", "quit (asks once about unsaved answers)"),
];

/// The command a key gives where `live` contexts hold.
pub fn lookup(live: &[Ctx], event: &KeyEvent) -> Option<KeyCommand> {
    BINDINGS
        .iter()
        .filter(|b| live.contains(&b.when))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// The character a key types, when a text field has the focus.
pub fn typed(event: &KeyEvent) -> Option<char> {
    match event.code {
        KeyCode::Char(c)
            if !event
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// One entry of the footer or the help: the labels of every live binding of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub text: &'static str,
}

/// Bindings of the same command and description shown as one entry ("↑ k").
fn grouped<'a>(
    bindings: impl Iterator<Item = &'a Binding>,
    text: impl Fn(&Binding) -> &'static str,
) -> Vec<Hint> {
    let mut out: Vec<(KeyCommand, Hint)> = Vec::new();
    for b in bindings {
        let t = text(b);
        if t.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(c, h)| *c == b.command && h.text == t) {
            Some((_, h)) => {
                if !h
                    .keys
                    .split(' ')
                    .any(|k| b.label.split(' ').any(|l| l == k))
                {
                    h.keys.push(' ');
                    h.keys.push_str(b.label);
                }
            }
            None => out.push((
                b.command,
                Hint {
                    keys: b.label.to_string(),
                    text: t,
                },
            )),
        }
    }
    out.into_iter().map(|(_, h)| h).collect()
}

/// The footer: the live bindings that have a hint, in table order; bindings with the
/// same hint share one entry ("↑ ↓ move", "q Ctrl-C quit").
pub fn footer(live: &[Ctx]) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    for hint in grouped(BINDINGS.iter().filter(|b| live.contains(&b.when)), |b| {
        b.hint
    }) {
        // A key already hinted does what the earlier (more specific) hint says.
        let keys: Vec<String> = hint.keys.split(' ').map(str::to_string).collect();
        if keys.iter().all(|k| shown.contains(k)) {
            continue;
        }
        shown.extend(keys);
        match out.iter_mut().find(|h| h.text == hint.text) {
            Some(h) => {
                h.keys.push(' ');
                h.keys.push_str(&hint.keys);
            }
            None => out.push(hint),
        }
    }
    out
}

/// The help overlay: every binding of the table, grouped by where it works.
pub fn help() -> Vec<(&'static str, Vec<Hint>)> {
    const TYPING: &[Ctx] = &[Ctx::Typing];
    const DIALOGS: &[Ctx] = &[Ctx::Confirm, Ctx::Prompt, Ctx::ExportPrompt];
    const HELP: &[Ctx] = &[Ctx::Help];
    const RESULTS: &[Ctx] = &[Ctx::Results];
    const LEARN: &[Ctx] = &[Ctx::Learn, Ctx::LearnSearch];
    const WHAT_IF: &[Ctx] = &[Ctx::WhatIf, Ctx::WhatIfMany, Ctx::WhatIfCompare];
    let section = |title: &'static str, keep: &dyn Fn(Ctx) -> bool| {
        (
            title,
            grouped(BINDINGS.iter().filter(|b| keep(b.when)), |b| b.help),
        )
    };
    let elsewhere = |c: Ctx| {
        ![TYPING, DIALOGS, HELP, RESULTS, LEARN, WHAT_IF]
            .iter()
            .any(|group| group.contains(&c))
    };
    vec![
        section("Moving and answering", &elsewhere),
        section("On the results", &|c| RESULTS.contains(&c)),
        section("In the what-if (w on the results)", &|c| {
            WHAT_IF.contains(&c)
        }),
        section("In the topic library (t, or dbadvise learn)", &|c| {
            LEARN.contains(&c)
        }),
        section("Typing a name or an answer", &|c| TYPING.contains(&c)),
        section("Questions and file names", &|c| DIALOGS.contains(&c)),
        section("This help", &|c| HELP.contains(&c)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn letters_are_text_while_typing_and_shortcuts_otherwise() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Ctx::Main, Ctx::Keys], &q), Some(KeyCommand::Quit));
        assert_eq!(lookup(&[Ctx::Main, Ctx::Typing], &q), None);
        assert_eq!(typed(&q), Some('q'));
        let bs = key(KeyCode::Backspace, KeyModifiers::NONE);
        let answering_typing = [Ctx::Main, Ctx::Typing, Ctx::Answering];
        assert_eq!(lookup(&answering_typing, &bs), Some(KeyCommand::DeleteChar));
        let answering = [Ctx::Main, Ctx::Keys, Ctx::Answering];
        assert_eq!(lookup(&answering, &bs), Some(KeyCommand::Back));
        // On the start screen there is nothing to go back to.
        assert_eq!(lookup(&[Ctx::Main, Ctx::Keys], &bs), None);
    }

    #[test]
    fn shifted_question_mark_opens_help_and_ctrl_c_always_works() {
        let help = key(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&[Ctx::Main, Ctx::Keys], &help),
            Some(KeyCommand::Help)
        );
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&[Ctx::Always, Ctx::Confirm], &ctrl_c),
            Some(KeyCommand::Interrupt)
        );
        assert_eq!(typed(&ctrl_c), None);
    }

    #[test]
    fn the_footer_groups_keys_of_one_command() {
        let hints = footer(&[Ctx::Help]);
        assert_eq!(hints[0].keys, "Esc ? q");
        assert_eq!(hints[1].keys, "↑ k");
    }
}
