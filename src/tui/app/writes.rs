//! The prompts for a path to save or export to, and what follows a write.

use std::path::{Path, PathBuf};

use super::*;
use crate::session::{Effect, WriteError};
use crate::tui::keymap::KeyCommand;
use crate::tui::library::LearnOutcome;
use crate::tui::whatif::WhatIfOutcome;

impl<'kb> App<'kb> {
    // ---- save, export, quit -----------------------------------------------------------

    pub(super) fn open_prompt(&mut self, kind: WriteKind) {
        let path = match kind {
            WriteKind::Save => self.session.default_save_path(),
            WriteKind::Export => self.session.default_export_path(),
        };
        self.overlay = Some(Overlay::Prompt {
            kind,
            input: path.display().to_string(),
            error: None,
        });
    }

    pub(super) fn overlay_key(
        &mut self,
        overlay: Overlay,
        command: KeyCommand,
        effects: &mut Vec<Effect>,
    ) {
        match overlay {
            Overlay::WhatIf(mut what_if) => {
                let questions = self.session.what_if_questions();
                let answer_of = |id: &str| self.session.answers().get(id).cloned();
                match what_if.update(&questions, answer_of, command, self.layout.page_height) {
                    WhatIfOutcome::Stay => self.overlay = Some(Overlay::WhatIf(what_if)),
                    WhatIfOutcome::Close => self.overlay = None,
                    WhatIfOutcome::Adopt { question, value } => {
                        self.adopt(&question, value, effects)
                    }
                }
            }
            Overlay::Learn(mut learn) => {
                match learn.update(self.kb, command, self.layout.page_height) {
                    LearnOutcome::Stay => self.overlay = Some(Overlay::Learn(learn)),
                    LearnOutcome::Close if self.learn_only => self.quit(effects),
                    LearnOutcome::Close => self.overlay = None,
                }
            }
            Overlay::Help { scroll } => match command {
                KeyCommand::Up => {
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.min(self.layout.help_limit).saturating_sub(1),
                    })
                }
                KeyCommand::Down => {
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_add(1).min(self.layout.help_limit),
                    })
                }
                KeyCommand::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Prompt { kind, input, .. } => match command {
                KeyCommand::DeleteChar => self.edit_prompt(|s| {
                    s.pop();
                }),
                KeyCommand::ClearText => self.edit_prompt(String::clear),
                KeyCommand::Choose => {
                    let path = PathBuf::from(input.trim());
                    if input.trim().is_empty() {
                        return self.prompt_error("give a file name");
                    }
                    let write = self.write_for(kind, &path);
                    effects.push(Effect::Write(write));
                }
                KeyCommand::Cancel => {
                    self.overlay = None;
                    self.quit_after_save = false;
                }
                KeyCommand::Style => self.results.export.style = self.results.export.style.other(),
                KeyCommand::Appendix => {
                    self.results.export.appendix = !self.results.export.appendix
                }
                _ => {}
            },
            Overlay::Overwrite { write, input, .. } => match command {
                KeyCommand::Yes => {
                    self.overlay = None;
                    effects.push(Effect::Write(Write {
                        force: true,
                        ..write
                    }));
                }
                KeyCommand::No | KeyCommand::Cancel => {
                    self.overlay = Some(Overlay::Prompt {
                        kind: write.kind,
                        input,
                        error: None,
                    });
                }
                _ => {}
            },
            Overlay::QuitUnsaved => match command {
                KeyCommand::Yes => {
                    self.quit_after_save = true;
                    self.open_prompt(WriteKind::Save);
                }
                KeyCommand::No => self.quit(effects),
                KeyCommand::Cancel => self.overlay = None,
                _ => {}
            },
        }
    }

    pub(super) fn edit_prompt(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(Overlay::Prompt { input, error, .. }) = &mut self.overlay {
            edit(input);
            *error = None;
        }
    }

    pub(super) fn prompt_error(&mut self, message: &str) {
        if let Some(Overlay::Prompt { error, .. }) = &mut self.overlay {
            *error = Some(message.to_string());
        }
    }

    pub(super) fn wrote(
        &mut self,
        kind: WriteKind,
        path: PathBuf,
        result: Result<(), WriteError>,
        effects: &mut Vec<Effect>,
    ) {
        let input = path.display().to_string();
        match result {
            Ok(()) => self.written(kind, &path, effects),
            Err(WriteError::Exists(existing)) => {
                let write = self.write_for(kind, &path);
                self.overlay = Some(Overlay::Overwrite {
                    write,
                    path: existing,
                    input,
                });
            }
            Err(WriteError::Failed(message) | WriteError::Numbering(message)) => {
                self.overlay = Some(Overlay::Prompt {
                    kind,
                    input,
                    error: Some(message),
                });
            }
        }
    }

    pub(super) fn written(&mut self, kind: WriteKind, path: &Path, effects: &mut Vec<Effect>) {
        self.overlay = None;
        self.status = Some(self.session.written(kind, path, self.results.export));
        if self.quit_after_save {
            self.quit(effects);
        }
    }
}
