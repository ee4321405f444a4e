//! `App::update`: an action in, the state changed and the effects out; the start
//! screen, and the keys every screen shares.

use super::*;
use crate::kb::QuestionKind;
use crate::session::Effect;
use crate::tui::keymap::KeyCommand;
use crate::tui::library::Learn;
use crate::tui::whatif::WhatIf;

impl<'kb> App<'kb> {
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Action::Drawn(layout) = action {
            self.layout = *layout;
            return effects;
        }
        if matches!(
            action,
            Action::Key(_) | Action::Char(_) | Action::Click { .. }
        ) {
            self.status = None;
        }
        if self.layout.too_small {
            match action {
                // Quitting asks once about unsaved answers, as Ctrl-C does; the small
                // screen says so.
                Action::Key(KeyCommand::Quit | KeyCommand::Interrupt) => {
                    self.interrupt(&mut effects);
                    return effects;
                }
                Action::Wrote { .. } | Action::AutosaveFailed(_) => {}
                _ => return effects,
            }
        }
        match action {
            Action::Key(KeyCommand::Interrupt) => self.interrupt(&mut effects),
            Action::Key(command) => match self.overlay.clone() {
                Some(overlay) => self.overlay_key(overlay, command, &mut effects),
                None => self.key(command, &mut effects),
            },
            Action::Char(c) => self.type_text(&c.to_string()),
            Action::Paste(text) => self.type_text(&text),
            Action::ScrollUp => self.wheel(KeyCommand::Up),
            Action::ScrollDown => self.wheel(KeyCommand::Down),
            Action::Click { column, row } => self.click(column, row, &mut effects),
            Action::Wrote { kind, path, result } => self.wrote(kind, path, result, &mut effects),
            Action::AutosaveFailed(message) => {
                self.status = Some(format!("Autosave failed: {message}"));
            }
            // Taken in first of all, above.
            Action::Drawn(_) => {}
        }
        self.refresh();
        effects
    }

    pub(super) fn interrupt(&mut self, effects: &mut Vec<Effect>) {
        if self.overlay == Some(Overlay::QuitUnsaved) || !self.session.dirty() {
            self.quit(effects);
        } else {
            self.overlay = Some(Overlay::QuitUnsaved);
        }
    }

    pub(super) fn quit(&mut self, effects: &mut Vec<Effect>) {
        self.quit = true;
        effects.push(Effect::Quit);
    }

    pub(super) fn key(&mut self, command: KeyCommand, effects: &mut Vec<Effect>) {
        match command {
            KeyCommand::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            KeyCommand::Topic => {
                let topic = self.focused_topic();
                self.overlay = Some(Overlay::Learn(Learn::open(self.kb, topic)));
            }
            KeyCommand::WhatIf if self.screen == Screen::Results => {
                self.overlay = Some(Overlay::WhatIf(WhatIf::open()));
            }
            KeyCommand::Quit => {
                if self.session.dirty() {
                    self.overlay = Some(Overlay::QuitUnsaved);
                } else {
                    self.quit(effects);
                }
            }
            KeyCommand::Save => self.open_prompt(WriteKind::Save),
            KeyCommand::DeleteChar => {
                self.text_field().pop();
            }
            KeyCommand::ClearText => self.text_field().clear(),
            KeyCommand::Export => {
                if self.session.is_complete() && self.screen != Screen::Start {
                    self.open_prompt(WriteKind::Export);
                } else {
                    self.status = Some(
                        "The record can be exported once every question is answered; \
                         `s` saves the answers so far"
                            .into(),
                    );
                }
            }
            _ => match self.screen {
                Screen::Start => self.start_key(command, effects),
                Screen::Interview => self.interview_key(command, effects),
                Screen::Results => self.results_key(command),
            },
        }
    }

    /// The text field keys type into: the project name on the start screen, else the
    /// free-text answer.
    pub(super) fn text_field(&mut self) -> &mut String {
        match self.screen {
            Screen::Start => &mut self.start.name,
            Screen::Interview | Screen::Results => &mut self.interview.text,
        }
    }

    pub(super) fn start_items(&self) -> usize {
        if self.session.has_resume_offer() {
            3
        } else {
            2
        }
    }

    pub(super) fn start_key(&mut self, command: KeyCommand, effects: &mut Vec<Effect>) {
        let items = self.start_items();
        match command {
            KeyCommand::Up | KeyCommand::PrevPanel => {
                self.start.cursor = (self.start.cursor + items - 1) % items;
            }
            KeyCommand::Down | KeyCommand::NextPanel => {
                self.start.cursor = (self.start.cursor + 1) % items
            }
            KeyCommand::Home | KeyCommand::PageUp => self.start.cursor = 0,
            KeyCommand::End | KeyCommand::PageDown => self.start.cursor = items - 1,
            KeyCommand::Choose => {
                if self.start.cursor == START_RESUME {
                    self.resume_autosave();
                } else {
                    self.begin(effects);
                }
            }
            _ => {}
        }
    }

    /// Leaves the start screen with the project name typed.
    pub(super) fn begin(&mut self, effects: &mut Vec<Effect>) {
        effects.extend(self.session.begin(&self.start.name));
        self.interview.focus = Focus::Options;
        self.settle();
    }

    pub(super) fn resume_autosave(&mut self) {
        if let Some(status) = self.session.resume_autosave() {
            self.status = Some(status);
            self.start.name = self.session.answers().project.clone().unwrap_or_default();
            self.settle();
        }
    }

    /// Picks the screen for the answers: results when nothing is open, else the
    /// interview at the question to ask; and loads that question's answer to edit.
    pub(super) fn settle(&mut self) {
        if self.session.is_finished() {
            self.screen = Screen::Results;
        } else {
            self.screen = Screen::Interview;
            self.load_question();
        }
    }

    /// Highlights the current answer (or the default) of the question on screen.
    pub(super) fn load_question(&mut self) {
        let Some(q) = self.session.question() else {
            return;
        };
        let current = self.session.answers().get(&q.id).cloned();
        let value = current.clone().or_else(|| q.default.clone());
        let chosen: Vec<String> = value
            .as_ref()
            .map(|v| v.values().iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        self.interview.cursor = chosen
            .first()
            .and_then(|c| q.options.iter().position(|o| &o.id == c))
            .unwrap_or(0);
        self.interview.toggled = match q.kind {
            QuestionKind::Many => chosen,
            _ => vec![],
        };
        self.interview.text = match (q.kind, current) {
            (QuestionKind::Text, Some(v)) => v.values().join(" "),
            _ => String::new(),
        };
    }
}
