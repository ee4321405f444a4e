//! The interview both front ends drive (the terminal's `tui` and `plain`): the answers,
//! what the engine derives from them, and the operations on them — begin, answer, back,
//! change, resume, save and export. Each operation that must reach outside returns its
//! effects as data (`Effect`); the front end carries them out (`carry_out`) and tells the
//! session what came of it (`written`).
//!
//! The answers are the only state a user creates. What the engine derives from them (the
//! next question, the path, the progress, the advice) is worked out once each time they
//! change, so that reading it costs nothing.

mod answers_file;
mod config;
mod effect;
pub mod export;
mod files;

use std::path::{Path, PathBuf};

use crate::engine::{self, walk, Advice, AdviceDiff, Answers, Sensitivity};
use crate::kb::{AnswerValue, KnowledgeBase, Question, QuestionKind};
use crate::report::adr_dir;

pub use answers_file::read_answers;
pub use config::{read_autosave, Autosaved, Config};
pub use effect::{Done, Effect, Write, WriteError, WriteKind};
pub use files::{carry_out, perform, write_autosave};

pub struct Session<'kb> {
    pub kb: &'kb KnowledgeBase,
    pub config: Config,
    answers: Answers,
    /// A question shown instead of the next open one (going back, or picked to change).
    shown: Option<String>,
    /// The answers as last saved (or resumed from a file): what "unsaved" compares to.
    saved: Answers,
    /// The answers file this session writes to without asking.
    own_file: Option<PathBuf>,
    /// The record this session exported: the next export offers it again (replaced
    /// after a yes) instead of claiming another number.
    exported: Option<PathBuf>,
    /// The next autosave is this session's first: an older autosave is kept aside.
    fresh_autosave: bool,
    derived: Derived<'kb>,
}

/// What the engine says about one set of answers.
struct Derived<'kb> {
    next: Option<&'kb str>,
    path: Vec<&'kb str>,
    complete: bool,
    progress: engine::Progress,
    advice: Advice,
}

impl<'kb> Derived<'kb> {
    fn of(kb: &'kb KnowledgeBase, answers: &Answers) -> Derived<'kb> {
        let walked = walk(kb, answers);
        Derived {
            next: walked.next_question(),
            complete: walked.is_complete(),
            path: walked.asked,
            progress: engine::progress(kb, answers),
            // With its sensitivity, so that the record shows what it hangs on.
            advice: engine::advise_with_sensitivity(kb, answers),
        }
    }
}

/// Where going back lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    /// Before the first question: the project's name.
    Start,
    /// The question before (now `question()`).
    Question,
}

/// The advice for the answers with one of them changed (a what-if).
pub struct WhatIfAdvice {
    /// The answers with the one changed.
    pub answers: Answers,
    /// Questions the change opens are answered with their defaults (`advice.defaulted`).
    pub advice: Advice,
    /// From the advice now to this one.
    pub diff: AdviceDiff,
}

impl<'kb> Session<'kb> {
    /// A new interview, with no answers.
    pub fn new(kb: &'kb KnowledgeBase, config: Config) -> Session<'kb> {
        let answers = Answers::default();
        Session {
            kb,
            config,
            derived: Derived::of(kb, &answers),
            saved: answers.clone(),
            answers,
            shown: None,
            own_file: None,
            exported: None,
            fresh_autosave: true,
        }
    }

    /// An interview resumed from an answers file: it goes on where the file stops, and
    /// saving writes back to it.
    pub fn resumed(
        kb: &'kb KnowledgeBase,
        config: Config,
        answers: Answers,
        file: &Path,
    ) -> Session<'kb> {
        let mut session = Session::new(kb, config);
        session.saved = answers.clone();
        session.own_file = Some(file.to_path_buf());
        session.set_answers(answers);
        session
    }

    // ---- what the answers say -------------------------------------------------------

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The question picked to change, if any (else the next open one is asked).
    pub fn shown(&self) -> Option<&str> {
        self.shown.as_deref()
    }

    pub fn advice(&self) -> &Advice {
        &self.derived.advice
    }

    /// The answers the advice hangs on: each other answer on the path that would
    /// change the stack, a decision or the CAP stance.
    pub fn sensitivity(&self) -> &[Sensitivity] {
        &self.derived.advice.sensitivity
    }

    /// The answered questions on the current path, in walk order.
    pub fn path(&self) -> &[&'kb str] {
        &self.derived.path
    }

    /// The question to ask: the one picked, else the next open one.
    pub fn question(&self) -> Option<&'kb Question> {
        match &self.shown {
            Some(id) => self.kb.question(id),
            None => self.derived.next.and_then(|id| self.kb.question(id)),
        }
    }

    pub fn is_complete(&self) -> bool {
        self.derived.complete
    }

    /// Nothing left to ask and nothing picked to change: the results.
    pub fn is_finished(&self) -> bool {
        self.shown.is_none() && self.is_complete()
    }

    /// "step N of about M" for the question asked.
    pub fn step(&self) -> (usize, usize) {
        let derived = &self.derived;
        let (_, total) = derived.progress.step();
        match &self.shown {
            Some(id) => {
                let path = &derived.path;
                let n = path.iter().position(|q| q == id).unwrap_or(path.len());
                (n + 1, total.max(n + 1))
            }
            None => derived.progress.step(),
        }
    }

    /// Answers that are not in the last saved file.
    pub fn dirty(&self) -> bool {
        !self.answers.values.is_empty() && self.answers != self.saved
    }

    pub fn has_resume_offer(&self) -> bool {
        matches!(self.config.autosaved, Autosaved::Found { .. })
    }

    /// The questions a what-if can change: those answered on the path, but free text.
    pub fn what_if_questions(&self) -> Vec<&'kb Question> {
        self.path()
            .iter()
            .filter_map(|id| self.kb.question(id))
            .filter(|q| q.kind != QuestionKind::Text)
            .collect()
    }

    /// The answers with `question` answered `value` instead.
    pub fn what_if_answers(&self, question: &str, value: &AnswerValue) -> Answers {
        let mut changed = self.answers.clone();
        changed.set(question, value.clone());
        changed
    }

    /// The advice with `question` answered `value` instead (open questions that opens
    /// answered with their defaults), and how it differs from the advice now.
    pub fn what_if(&self, question: &str, value: &AnswerValue) -> WhatIfAdvice {
        let answers = self.what_if_answers(question, value);
        let advice = engine::advise_with_defaults(self.kb, &answers);
        let diff = engine::diff(self.kb, self.advice(), &advice);
        WhatIfAdvice {
            answers,
            advice,
            diff,
        }
    }

    pub fn answers_yaml(&self) -> String {
        engine::answers::to_yaml(self.kb, &self.answers, self.path())
    }

    // ---- changing the answers -------------------------------------------------------

    /// Starts (or starts again) with the project's name: the next open question.
    pub fn begin(&mut self, name: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        let name = name.trim();
        let project = (!name.is_empty()).then(|| name.to_string());
        if project != self.answers.project {
            let mut answers = self.answers.clone();
            answers.project = project;
            self.set_answers(answers);
            if !self.answers.values.is_empty() {
                effects.extend(self.autosave());
            }
        }
        self.shown = None;
        effects
    }

    /// Goes on with the autosaved interview offered at start; the status to show.
    pub fn resume_autosave(&mut self) -> Option<String> {
        let Autosaved::Found { path, answers } = &self.config.autosaved else {
            return None;
        };
        let status = format!(
            "Resumed the autosave ({} answers) from {}",
            answers.values.len(),
            path.display()
        );
        let answers = answers.clone();
        self.set_answers(answers);
        // Carrying on the autosaved interview: its autosave is this one.
        self.fresh_autosave = false;
        self.shown = None;
        Some(status)
    }

    /// Answers `question`; then the next open question is asked.
    pub fn answer(&mut self, question: &str, value: AnswerValue) -> Vec<Effect> {
        let mut answers = self.answers.clone();
        answers.set(question, value);
        // Once the path is complete, answers it no longer passes through no longer apply;
        // the others (the later answers that still apply) are kept.
        let walked = walk(self.kb, &answers);
        if walked.is_complete() {
            let asked: Vec<String> = walked.asked.iter().map(|q| q.to_string()).collect();
            answers.values.retain(|id, _| asked.contains(id));
        }
        self.set_answers(answers);
        self.shown = None;
        self.autosave()
    }

    /// Back: the question before the one asked, or the start before the first.
    pub fn back(&mut self) -> Back {
        let path = self.path();
        let at = match &self.shown {
            Some(id) => path.iter().position(|q| q == id).unwrap_or(path.len()),
            None => path.len(),
        };
        if at == 0 {
            return Back::Start;
        }
        self.shown = Some(path[at - 1].to_string());
        Back::Question
    }

    /// Asks the question at `index` on the path again, to change its answer (past the
    /// end: the next open question).
    pub fn change(&mut self, index: usize) {
        self.shown = self.path().get(index).map(|q| q.to_string());
    }

    fn set_answers(&mut self, answers: Answers) {
        self.derived = Derived::of(self.kb, &answers);
        self.answers = answers;
    }

    fn autosave(&mut self) -> Vec<Effect> {
        let Some(path) = &self.config.autosave else {
            return vec![];
        };
        let effect = Effect::Autosave {
            path: path.clone(),
            contents: self.answers_yaml(),
            fresh: self.fresh_autosave,
        };
        if self.fresh_autosave {
            // The older autosave is kept aside now: this session's replaces it, and
            // the start no longer offers it.
            self.config.autosaved = Autosaved::None;
        }
        self.fresh_autosave = false;
        vec![effect]
    }

    // ---- save and export ------------------------------------------------------------

    pub fn default_save_path(&self) -> PathBuf {
        self.own_file
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{}.answers.yaml", self.project_slug())))
    }

    pub fn default_export_path(&self) -> PathBuf {
        if let Some(path) = &self.exported {
            return path.clone();
        }
        match &self.config.record_dir {
            Some((dir, number)) => {
                let title = export::title(&self.export_source());
                dir.join(adr_dir::file_name(*number, &title))
            }
            None => PathBuf::from(format!("{}-decision.md", self.project_slug())),
        }
    }

    /// The record exported before, if any.
    pub fn exported(&self) -> Option<&Path> {
        self.exported.as_deref()
    }

    /// The files an export to `path` writes, with the export's `options`.
    pub fn export_files(&self, path: &Path, options: export::Options) -> export::Files {
        export::files(&self.export_source(), path, options)
    }

    /// The files a save or an export to `path` writes.
    pub fn write_for(&self, kind: WriteKind, path: &Path, options: export::Options) -> Write {
        match kind {
            WriteKind::Save => Write {
                kind,
                files: vec![(path.to_path_buf(), self.answers_yaml())],
                // The file this session came from (or saved to) is its own.
                force: self.own_file.as_deref() == Some(path),
                numbered: false,
                options,
            },
            WriteKind::Export => Write {
                kind,
                files: self.export_files(path, options),
                force: false,
                // Its own record, exported before, is replaced rather than numbered anew.
                numbered: export::numbered(self.config.record_dir.as_ref(), path)
                    && self.exported.as_deref() != Some(path),
                options,
            },
        }
    }

    /// A save or an export to `path` is written: the answers are saved. The status to show.
    pub fn written(&mut self, kind: WriteKind, path: &Path, options: export::Options) -> String {
        self.saved = self.answers.clone();
        match kind {
            WriteKind::Save => {
                self.own_file = Some(path.to_path_buf());
                format!(
                    "Saved the answers to {0} — replay with `dbadvise recommend --answers {0}`",
                    path.display()
                )
            }
            WriteKind::Export => {
                let (status, answers) = export::written(&self.export_files(path, options));
                // Saving goes to the answers file beside the record from now on.
                self.own_file = answers;
                self.exported = Some(path.to_path_buf());
                status
            }
        }
    }

    fn export_source(&self) -> export::ExportSource<'_> {
        export::ExportSource {
            kb: self.kb,
            advice: self.advice(),
            answers: &self.answers,
            date: &self.config.date,
        }
    }

    fn project_slug(&self) -> String {
        adr_dir::slug(self.answers.project.as_deref().unwrap_or("database"))
    }
}
