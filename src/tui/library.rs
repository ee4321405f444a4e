//! The topic library's state and `update`: a list of topics (filtered by a search) and
//! the page of the highlighted one, with its related links. Pure, like the app: it
//! opens over the interview (`t`) and is the whole screen of `dbadvise learn`.

use super::keymap::KeyCommand;
use crate::kb::{KnowledgeBase, Topic};
use crate::topics;

/// Which half has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnFocus {
    List,
    Page,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learn {
    /// The search words; empty shows the whole library.
    pub query: String,
    /// The search field has the focus (letters are text).
    pub searching: bool,
    pub focus: LearnFocus,
    /// The topic shown.
    pub topic: String,
    /// Rows of the page scrolled off the top.
    pub scroll: u16,
    /// Topics left by following a link, for Back.
    pub history: Vec<String>,
}

/// What a key did to the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnOutcome {
    Stay,
    /// Close the library (back to the interview, or quit `dbadvise learn`).
    Close,
}

impl Learn {
    /// The library opened on `topic` (its page focused), or on the first topic.
    pub fn open(kb: &KnowledgeBase, topic: Option<&str>) -> Learn {
        let first = || topics::library(kb).first().map(|t| t.id.clone());
        let (topic, focus) = match topic.filter(|t| kb.topic(t).is_some()) {
            Some(id) => (id.to_string(), LearnFocus::Page),
            None => (first().unwrap_or_default(), LearnFocus::List),
        };
        Learn {
            query: String::new(),
            searching: false,
            focus,
            topic,
            scroll: 0,
            history: vec![],
        }
    }

    /// The topics listed: the search's matches, or the whole library.
    pub fn visible<'kb>(&self, kb: &'kb KnowledgeBase) -> Vec<&'kb Topic> {
        topics::search(kb, &self.query)
    }

    /// The position of the shown topic in the list, if it is listed.
    pub fn cursor(&self, kb: &KnowledgeBase) -> Option<usize> {
        self.visible(kb).iter().position(|t| t.id == self.topic)
    }

    fn show(&mut self, id: &str) {
        if self.topic != id {
            self.topic = id.to_string();
            self.scroll = 0;
        }
    }

    /// Moves the highlight in the list by `delta` (clamped), showing that topic.
    fn step(&mut self, kb: &KnowledgeBase, delta: isize) {
        let list = self.visible(kb);
        if list.is_empty() {
            return;
        }
        let next = match self.cursor(kb) {
            Some(i) => (i as isize + delta).clamp(0, list.len() as isize - 1) as usize,
            None => 0,
        };
        let id = list[next].id.clone();
        self.show(&id);
    }

    /// Shows the first match of the search as it is typed.
    fn searched(&mut self, kb: &KnowledgeBase) {
        if self.cursor(kb).is_none() {
            if let Some(first) = self.visible(kb).first() {
                let id = first.id.clone();
                self.show(&id);
            }
        }
    }

    pub fn type_text(&mut self, kb: &KnowledgeBase, text: &str) {
        if self.searching {
            self.query.push_str(text);
            self.searched(kb);
        }
    }

    /// Clicked the list's row `index`.
    pub fn click(&mut self, kb: &KnowledgeBase, index: usize) {
        if let Some(topic) = self.visible(kb).get(index) {
            let id = topic.id.clone();
            self.show(&id);
            self.focus = LearnFocus::List;
        }
    }

    pub fn wheel(&mut self, down: bool) {
        self.scroll = if down {
            self.scroll.saturating_add(3)
        } else {
            self.scroll.saturating_sub(3)
        };
    }

    pub fn update(&mut self, kb: &KnowledgeBase, command: KeyCommand, page: u16) -> LearnOutcome {
        if self.searching {
            match command {
                KeyCommand::Choose => self.searching = false,
                KeyCommand::Cancel => {
                    self.searching = false;
                    self.query.clear();
                }
                KeyCommand::DeleteChar => {
                    self.query.pop();
                    self.searched(kb);
                }
                KeyCommand::ClearText => self.query.clear(),
                _ => {}
            }
            return LearnOutcome::Stay;
        }
        let on_page = self.focus == LearnFocus::Page;
        match command {
            KeyCommand::Up if on_page => self.scroll = self.scroll.saturating_sub(1),
            KeyCommand::Down if on_page => self.scroll = self.scroll.saturating_add(1),
            KeyCommand::Up => self.step(kb, -1),
            KeyCommand::Down => self.step(kb, 1),
            KeyCommand::Home if on_page => self.scroll = 0,
            KeyCommand::End if on_page => self.scroll = u16::MAX,
            KeyCommand::Home => self.step(kb, isize::MIN / 2),
            KeyCommand::End => self.step(kb, isize::MAX / 2),
            KeyCommand::PageUp => self.scroll = self.scroll.saturating_sub(page.max(1)),
            KeyCommand::PageDown => self.scroll = self.scroll.saturating_add(page.max(1)),
            KeyCommand::Choose => self.focus = LearnFocus::Page,
            KeyCommand::NextPanel | KeyCommand::PrevPanel => {
                self.focus = match self.focus {
                    LearnFocus::List => LearnFocus::Page,
                    LearnFocus::Page => LearnFocus::List,
                }
            }
            KeyCommand::Search => {
                self.searching = true;
                self.focus = LearnFocus::List;
            }
            KeyCommand::Link(n) => {
                let target = kb
                    .topic(&self.topic)
                    .and_then(|t| t.related.get(usize::from(n).saturating_sub(1)))
                    .filter(|id| kb.topic(id).is_some())
                    .cloned();
                if let Some(id) = target {
                    self.history.push(self.topic.clone());
                    // The linked topic may be outside the search's matches.
                    if !self.visible(kb).iter().any(|t| t.id == id) {
                        self.query.clear();
                    }
                    self.show(&id);
                    self.focus = LearnFocus::Page;
                }
            }
            KeyCommand::Back => match self.history.pop() {
                Some(id) => self.show(&id),
                None if !self.query.is_empty() => self.query.clear(),
                None => return LearnOutcome::Close,
            },
            KeyCommand::Cancel | KeyCommand::Quit => return LearnOutcome::Close,
            _ => {}
        }
        LearnOutcome::Stay
    }
}
