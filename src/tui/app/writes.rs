//! What the app writes: the autosave, the prompts for a path, and what follows a write.

use std::path::{Path, PathBuf};

use super::*;
use crate::tui::export;
use crate::tui::keymap::KeyCommand;
use crate::tui::library::LearnOutcome;
use crate::tui::whatif::WhatIfOutcome;

impl<'kb> App<'kb> {
    pub(super) fn autosave(&mut self, effects: &mut Vec<Effect>) {
        if let Some(path) = &self.config.autosave {
            effects.push(Effect::Autosave {
                path: path.clone(),
                contents: self.answers_yaml(),
                fresh: self.fresh_autosave,
            });
            if self.fresh_autosave {
                // The older autosave is kept aside now: this session's replaces it, and
                // the start screen no longer offers it.
                self.config.autosaved = Autosaved::None;
            }
            self.fresh_autosave = false;
        }
    }

    // ---- save, export, quit -----------------------------------------------------------

    pub(super) fn open_prompt(&mut self, kind: WriteKind) {
        let path = match kind {
            WriteKind::Save => self.default_save_path(),
            WriteKind::Export => self.default_export_path(),
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
                let questions = self.what_if_questions();
                let answer_of = |id: &str| self.answers.get(id).cloned();
                match what_if.update(&questions, answer_of, command, self.page_height.get()) {
                    WhatIfOutcome::Stay => self.overlay = Some(Overlay::WhatIf(what_if)),
                    WhatIfOutcome::Close => self.overlay = None,
                    WhatIfOutcome::Adopt { question, value } => {
                        self.adopt(&question, value, effects)
                    }
                }
            }
            Overlay::Learn(mut learn) => {
                match learn.update(self.kb, command, self.page_height.get()) {
                    LearnOutcome::Stay => self.overlay = Some(Overlay::Learn(learn)),
                    LearnOutcome::Close if self.learn_only => self.quit(effects),
                    LearnOutcome::Close => self.overlay = None,
                }
            }
            Overlay::Help { scroll } => match command {
                KeyCommand::Up => {
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.min(self.help_limit.get()).saturating_sub(1),
                    })
                }
                KeyCommand::Down => {
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_add(1).min(self.help_limit.get()),
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
                KeyCommand::Style => self.export.style = self.export.style.other(),
                KeyCommand::Appendix => self.export.appendix = !self.export.appendix,
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

    /// The files a save or an export writes.
    pub fn write_for(&self, kind: WriteKind, path: &Path) -> Write {
        match kind {
            WriteKind::Save => Write {
                kind,
                files: vec![(path.to_path_buf(), self.answers_yaml())],
                // The file this session came from (or saved to) is its own.
                force: self.own_file.as_deref() == Some(path),
                numbered: false,
            },
            WriteKind::Export => Write {
                kind,
                files: self.export_files(path),
                force: false,
                // Its own record, exported before, is replaced rather than numbered anew.
                numbered: export::numbered(self.config.record_dir.as_ref(), path)
                    && self.exported.as_deref() != Some(path),
            },
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
        self.saved = self.answers.clone();
        match kind {
            WriteKind::Save => {
                self.own_file = Some(path.to_path_buf());
                self.status = Some(format!(
                    "Saved the answers to {0} — replay with `dbadvise recommend --answers {0}`",
                    path.display()
                ));
            }
            WriteKind::Export => {
                let (status, answers) = export::written(&self.export_files(path));
                // `s` saves to the answers file beside the record from now on.
                self.own_file = answers;
                self.exported = Some(path.to_path_buf());
                self.status = Some(status);
            }
        }
        if self.quit_after_save {
            self.quit(effects);
        }
    }
}
