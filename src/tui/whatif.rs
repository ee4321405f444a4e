//! What-if over the results: pick an answer, give it another value, and read the advice
//! as it would be beside the advice as it is. Pure like the app: the state says what is
//! picked; the app computes the other advice (`App::what_if`) and the view lays it out.

use super::keymap::KeyCommand;
use crate::kb::{AnswerValue, Question, QuestionKind};

/// The three steps of a what-if.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Which answer to change: the answered questions on the path.
    Question,
    /// Its other value: one option, or the ticks of a several-choice question.
    Answer {
        question: String,
        ticked: Vec<String>,
    },
    /// The advice now and with the other value, side by side.
    Compare {
        question: String,
        value: AnswerValue,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    pub stage: Stage,
    /// The highlighted question (in the Question step; kept for coming back to it).
    pub question_cursor: usize,
    /// The highlighted option (in the Answer step).
    pub option_cursor: usize,
    /// Rows of the comparison scrolled off the top.
    pub scroll: u16,
    /// Why Enter did not go on (the value picked is the answer now).
    pub note: Option<String>,
}

/// What a key did to the what-if.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhatIfOutcome {
    Stay,
    Close,
    /// Make the other value the real answer.
    Adopt {
        question: String,
        value: AnswerValue,
    },
}

impl WhatIf {
    pub fn open() -> WhatIf {
        WhatIf {
            stage: Stage::Question,
            question_cursor: 0,
            option_cursor: 0,
            scroll: 0,
            note: None,
        }
    }

    /// `questions`: the answered questions that can change, in path order; `answer_of`
    /// gives each one's current answer.
    pub fn update(
        &mut self,
        questions: &[&Question],
        answer_of: impl Fn(&str) -> Option<AnswerValue>,
        command: KeyCommand,
        page: u16,
    ) -> WhatIfOutcome {
        let page = usize::from(page.max(1));
        self.note = None;
        match self.stage.clone() {
            Stage::Question => {
                let last = questions.len().saturating_sub(1);
                match command {
                    KeyCommand::Choose | KeyCommand::Toggle => {
                        if let Some(q) = questions.get(self.question_cursor) {
                            self.pick(q, answer_of(&q.id));
                        }
                    }
                    KeyCommand::Back | KeyCommand::Cancel | KeyCommand::Quit => {
                        return WhatIfOutcome::Close
                    }
                    other => self.question_cursor = moved(self.question_cursor, last, other, page),
                }
            }
            Stage::Answer { question, ticked } => {
                let Some(q) = questions.iter().find(|q| q.id == question) else {
                    self.stage = Stage::Question;
                    return WhatIfOutcome::Stay;
                };
                let last = q.options.len().saturating_sub(1);
                match command {
                    KeyCommand::Toggle if q.kind == QuestionKind::Many => {
                        let id = &q.options[self.option_cursor].id;
                        let mut ticked = ticked;
                        match ticked.iter().position(|t| t == id) {
                            Some(i) => {
                                ticked.remove(i);
                            }
                            None => ticked.push(id.to_string()),
                        }
                        self.stage = Stage::Answer { question, ticked };
                    }
                    KeyCommand::Choose | KeyCommand::Toggle => {
                        let value = match q.kind {
                            QuestionKind::Many => q.ticked(&ticked),
                            _ => AnswerValue::One(q.options[self.option_cursor].id.to_string()),
                        };
                        if q.at_least_one && value.values().is_empty() {
                            self.note = Some("Tick at least one option with Space first".into());
                            return WhatIfOutcome::Stay;
                        }
                        if same_answer(answer_of(&question).as_ref(), &value) {
                            self.note = Some(match q.kind {
                                QuestionKind::Many => {
                                    "These are the ticks now: tick or untick options with Space first"
                                }
                                _ => "That is the answer now: pick another one",
                            }
                            .into());
                            return WhatIfOutcome::Stay;
                        }
                        self.scroll = 0;
                        self.stage = Stage::Compare { question, value };
                    }
                    KeyCommand::Back | KeyCommand::Cancel => self.stage = Stage::Question,
                    KeyCommand::Quit => return WhatIfOutcome::Close,
                    other => self.option_cursor = moved(self.option_cursor, last, other, page),
                }
            }
            Stage::Compare { question, value } => match command {
                KeyCommand::Adopt | KeyCommand::Choose => {
                    return WhatIfOutcome::Adopt { question, value };
                }
                KeyCommand::Back | KeyCommand::Cancel => {
                    let q = questions.iter().find(|q| q.id == question);
                    match q {
                        Some(q) => {
                            // Back to the value picked, to try another.
                            let ticked = match &value {
                                AnswerValue::Many(v) => v.clone(),
                                _ => vec![],
                            };
                            self.stage = Stage::Answer {
                                question: q.id.to_string(),
                                ticked,
                            };
                        }
                        None => self.stage = Stage::Question,
                    }
                }
                KeyCommand::Quit => return WhatIfOutcome::Close,
                KeyCommand::Up => self.scroll = self.scroll.saturating_sub(1),
                KeyCommand::Down => self.scroll = self.scroll.saturating_add(1),
                KeyCommand::PageUp => self.scroll = self.scroll.saturating_sub(page as u16),
                KeyCommand::PageDown => self.scroll = self.scroll.saturating_add(page as u16),
                KeyCommand::Home => self.scroll = 0,
                KeyCommand::End => self.scroll = u16::MAX,
                _ => {}
            },
        }
        WhatIfOutcome::Stay
    }

    /// Goes to the Answer step of `q`, highlighting the first option that differs from
    /// the current answer (for one choice) or the first option (for several).
    fn pick(&mut self, q: &Question, current: Option<AnswerValue>) {
        let chosen: Vec<String> = current
            .map(|v| v.values().iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        self.option_cursor = match q.kind {
            QuestionKind::Many => 0,
            _ => q
                .options
                .iter()
                .position(|o| !chosen.iter().any(|v| o.id == *v))
                .unwrap_or(0),
        };
        let ticked = match q.kind {
            QuestionKind::Many => chosen,
            _ => vec![],
        };
        self.stage = Stage::Answer {
            question: q.id.to_string(),
            ticked,
        };
    }

    /// The wheel scrolls the comparison, or moves the highlight.
    pub fn wheel(&mut self, down: bool, questions: &[&Question]) {
        let command = if down {
            KeyCommand::Down
        } else {
            KeyCommand::Up
        };
        for _ in 0..3 {
            self.update(questions, |_| None, command, 1);
        }
    }
}

/// Whether `value` is the answer now (for several choices, the same ticks in any order).
fn same_answer(now: Option<&AnswerValue>, value: &AnswerValue) -> bool {
    let Some(now) = now else { return false };
    let mut a = now.values();
    let mut b = value.values();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// A cursor moved by an arrow, page or Home/End key, within 0..=last.
fn moved(cursor: usize, last: usize, command: KeyCommand, page: usize) -> usize {
    match command {
        KeyCommand::Up => cursor.saturating_sub(1),
        KeyCommand::Down => (cursor + 1).min(last),
        KeyCommand::PageUp => cursor.saturating_sub(page),
        KeyCommand::PageDown => (cursor + page).min(last),
        KeyCommand::Home => 0,
        KeyCommand::End => last,
        _ => cursor,
    }
}
