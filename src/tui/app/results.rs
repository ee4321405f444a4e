//! The results screen: its tabs, scrolling, the wheel and clicks.

use super::*;
use crate::session::Effect;
use crate::tui::keymap::KeyCommand;
use crate::tui::layout::ClickTarget;

impl<'kb> App<'kb> {
    pub(super) fn results_key(&mut self, command: KeyCommand) {
        let tab = self.results.tab;
        let limit = self.layout.scroll_limit;
        let page = self.layout.page_height.max(1);
        let scroll = &mut self.results.scroll[tab];
        *scroll = (*scroll).min(limit);
        match command {
            KeyCommand::Up => *scroll = scroll.saturating_sub(1),
            KeyCommand::Down => *scroll = scroll.saturating_add(1).min(limit),
            KeyCommand::PageUp => *scroll = scroll.saturating_sub(page),
            KeyCommand::PageDown => *scroll = scroll.saturating_add(page).min(limit),
            KeyCommand::Home => *scroll = 0,
            KeyCommand::End => *scroll = limit,
            KeyCommand::NextPanel | KeyCommand::NextTab => {
                self.results.tab = (tab + 1) % TABS.len()
            }
            KeyCommand::PrevPanel | KeyCommand::PrevTab => {
                self.results.tab = (tab + TABS.len() - 1) % TABS.len()
            }
            KeyCommand::Back => self.back(),
            // Enter goes on: to the record, then to its export.
            KeyCommand::Choose if tab + 1 == TABS.len() => self.open_prompt(WriteKind::Export),
            KeyCommand::Choose => self.results.tab = TABS.len() - 1,
            _ => {}
        }
    }

    pub(super) fn wheel(&mut self, command: KeyCommand) {
        if let Some(Overlay::Learn(learn)) = &mut self.overlay {
            return learn.wheel(command == KeyCommand::Down);
        }
        if let Some(Overlay::WhatIf(mut what_if)) = self.overlay.clone() {
            what_if.wheel(
                command == KeyCommand::Down,
                &self.session.what_if_questions(),
            );
            self.overlay = Some(Overlay::WhatIf(what_if));
            return;
        }
        if let Some(Overlay::Help { .. }) = self.overlay {
            let mut effects = vec![];
            return self.overlay_key(self.overlay.clone().unwrap(), command, &mut effects);
        }
        if self.overlay.is_some() {
            return;
        }
        match self.screen {
            Screen::Results => {
                for _ in 0..3 {
                    self.results_key(command);
                }
            }
            Screen::Interview => {
                let mut effects = vec![];
                self.interview_key(command, &mut effects);
            }
            Screen::Start => {}
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16, effects: &mut Vec<Effect>) {
        let hit = self.layout.hit(column, row);
        if let Some(Overlay::Learn(learn)) = &mut self.overlay {
            if let Some(ClickTarget::Topic(i)) = hit {
                learn.click(self.kb, i);
            }
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        match hit {
            Some(ClickTarget::Start(i)) => {
                self.start.cursor = i;
                if i != START_NAME {
                    self.start_key(KeyCommand::Choose, effects);
                }
            }
            Some(ClickTarget::Option(i)) => {
                self.interview.focus = Focus::Options;
                self.interview.cursor = i;
                self.toggle();
            }
            Some(ClickTarget::Path(i)) => {
                self.interview.focus = Focus::Path;
                self.interview.path_cursor = i;
                self.pick_path(i);
            }
            Some(ClickTarget::Tab(i)) => self.results.tab = i,
            Some(ClickTarget::Topic(_)) | None => {}
        }
    }
}
