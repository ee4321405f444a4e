//! The interview screen: choosing, typing, going back, and the path beside the question.

use super::*;
use crate::kb::{AnswerValue, Question, QuestionKind};
use crate::session::{Back, Effect};
use crate::tui::keymap::KeyCommand;

impl<'kb> App<'kb> {
    pub(super) fn interview_key(&mut self, command: KeyCommand, effects: &mut Vec<Effect>) {
        if self.interview.focus == Focus::Path {
            return self.path_key(command);
        }
        let Some(q) = self.session.question() else {
            return;
        };
        let n = q.options.len().max(1);
        match command {
            KeyCommand::Up => self.interview.cursor = self.interview.cursor.saturating_sub(1),
            KeyCommand::Down => self.interview.cursor = (self.interview.cursor + 1).min(n - 1),
            KeyCommand::Home | KeyCommand::PageUp => self.interview.cursor = 0,
            KeyCommand::End | KeyCommand::PageDown => self.interview.cursor = n - 1,
            KeyCommand::Toggle => self.toggle(),
            KeyCommand::Choose => self.choose(q, effects),
            KeyCommand::Back => self.back(),
            KeyCommand::NextPanel | KeyCommand::PrevPanel => self.focus_path(),
            _ => {}
        }
    }

    pub(super) fn toggle(&mut self) {
        let Some(q) = self.session.question() else {
            return;
        };
        if q.kind != QuestionKind::Many {
            return;
        }
        let Some(option) = q.options.get(self.interview.cursor) else {
            return;
        };
        match self.interview.toggled.iter().position(|t| t == &option.id) {
            Some(i) => {
                self.interview.toggled.remove(i);
            }
            None => self.interview.toggled.push(option.id.to_string()),
        }
    }

    pub(super) fn choose(&mut self, q: &'kb Question, effects: &mut Vec<Effect>) {
        let value = match q.kind {
            QuestionKind::One => match q.options.get(self.interview.cursor) {
                Some(o) => AnswerValue::One(o.id.to_string()),
                None => return,
            },
            QuestionKind::Many => q.ticked(&self.interview.toggled),
            QuestionKind::Text => AnswerValue::One(self.interview.text.trim().to_string()),
        };
        if q.at_least_one && value.values().is_empty() {
            self.status = Some("Tick at least one option (Space), then press Enter".into());
            return;
        }
        effects.extend(self.session.answer(&q.id, value));
        self.settle();
    }

    /// A what-if's other answer made the real one: the results for it, or the
    /// interview at the questions it opens.
    pub(super) fn adopt(&mut self, question: &str, value: AnswerValue, effects: &mut Vec<Effect>) {
        effects.extend(self.session.answer(question, value));
        self.overlay = None;
        self.settle();
        self.status = Some(if self.screen == Screen::Results {
            "Adopted the what-if answer: the results are for it now (s saves)".into()
        } else {
            "Adopted the what-if answer: it opens new questions, asked now".into()
        });
    }

    /// Back: the question before the one on screen, or the start screen before the first.
    pub(super) fn back(&mut self) {
        match self.session.back() {
            Back::Start => {
                self.screen = Screen::Start;
                self.start.cursor = START_NAME;
                self.start.name = self.session.answers().project.clone().unwrap_or_default();
            }
            Back::Question => {
                self.screen = Screen::Interview;
                self.interview.focus = Focus::Options;
                self.load_question();
            }
        }
    }

    /// The path list: every answered question, then "the next question" (or "results").
    pub(super) fn path_items(&self) -> usize {
        self.session.path().len() + 1
    }

    pub(super) fn focus_path(&mut self) {
        let path = self.session.path();
        self.interview.path_cursor = match self.session.shown() {
            Some(id) => path.iter().position(|q| *q == id).unwrap_or(path.len()),
            None => path.len(),
        };
        self.interview.focus = Focus::Path;
    }

    pub(super) fn path_key(&mut self, command: KeyCommand) {
        let n = self.path_items();
        match command {
            KeyCommand::Up => {
                self.interview.path_cursor = self.interview.path_cursor.saturating_sub(1)
            }
            KeyCommand::Down => {
                self.interview.path_cursor = (self.interview.path_cursor + 1).min(n - 1)
            }
            KeyCommand::Home | KeyCommand::PageUp => self.interview.path_cursor = 0,
            KeyCommand::End | KeyCommand::PageDown => self.interview.path_cursor = n - 1,
            KeyCommand::Choose => self.pick_path(self.interview.path_cursor),
            KeyCommand::Back | KeyCommand::NextPanel | KeyCommand::PrevPanel => {
                self.interview.focus = Focus::Options
            }
            _ => {}
        }
    }

    /// Shows the question picked on the path, to change its answer.
    pub(super) fn pick_path(&mut self, index: usize) {
        self.session.change(index);
        self.interview.focus = Focus::Options;
        self.settle();
    }

    pub(super) fn type_text(&mut self, text: &str) {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let typing = self.typing();
        match &mut self.overlay {
            Some(Overlay::Prompt { input, error, .. }) => {
                input.push_str(&text);
                *error = None;
            }
            Some(Overlay::Learn(learn)) => learn.type_text(self.kb, &text),
            Some(_) => {}
            None if typing => self.text_field().push_str(&text),
            None => {}
        }
    }
}
