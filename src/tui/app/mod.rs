//! The terminal interview's state and `update`: no terminal, no files. Keys come in as
//! `Action`s, and what must happen outside (write a file, quit) goes out as `Effect`s.
//!
//! The interview itself — the answers and what the engine derives from them — is the
//! `Session`, which plain mode drives too. The app adds where the user is looking (the
//! screen, the cursors, what is open over it), what the last frame laid out (`layout`),
//! and what the frame shows that only the engine or the report can work out (the record
//! `e` would export, the advice of a what-if): worked out in `update`, read by the views.
//!
//! This file holds the app and what is derived from it; each screen's own state is in
//! `state`, `update` and the keys every screen shares are in `update`, each screen's keys
//! in `interview` and `results`, the writes and their prompts in `writes`, and what goes
//! in in `actions`.

use std::path::{Path, PathBuf};

use super::keymap::Ctx;
use super::layout::FrameLayout;
use super::library::Learn;
use super::whatif::{Stage, WhatIf};
use crate::engine::{self, walk, Answers};
use crate::kb::{KnowledgeBase, QuestionKind};
use crate::session::{export, Config, Session, WhatIfAdvice, Write, WriteKind};

mod actions;
mod interview;
mod results;
mod state;
mod update;
mod writes;

pub use actions::Action;
pub use state::{InterviewState, ResultsState, StartState, START_NAME, START_RESUME};

/// The tabs of the results screen, in order.
pub const TABS: [&str; 7] = [
    "Stack",
    "Trade-offs",
    "Schema",
    "Indexes",
    "Caching",
    "Checklist",
    "Record",
];

/// The decision tree each results tab is about, in the order of `TABS`: the tab shows
/// that tree's outcomes, and `t` opens the tree's first topic.
pub const TAB_TREES: [&str; TABS.len()] = [
    "sql-vs-nosql",
    "cap",
    "keys-and-types",
    "index-type",
    "caching",
    "operations",
    "sql-vs-nosql",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Interview,
    Results,
}

/// Which panel of the interview has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Options,
    Path,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// Asking for a file name.
    Prompt {
        kind: WriteKind,
        input: String,
        error: Option<String>,
    },
    /// The file exists: replace it?
    Overwrite {
        write: Write,
        path: PathBuf,
        input: String,
    },
    /// Quitting with unsaved answers.
    QuitUnsaved,
    /// The topic library (`t`), over the whole screen.
    Learn(Learn),
    /// What if an answer were different (`w` on the results), over the whole screen.
    WhatIf(WhatIf),
}

/// The app: the session, the screen shown and each screen's own state, what is open
/// over it, and what the last frame laid out.
pub struct App<'kb> {
    pub kb: &'kb KnowledgeBase,
    /// The interview: the answers and what is derived from them, saving and exporting.
    pub session: Session<'kb>,
    pub screen: Screen,
    pub start: StartState<'kb>,
    pub interview: InterviewState,
    pub results: ResultsState,
    /// What is open over the screen: the help, a prompt, a question, and the what-if
    /// and the topic library with their own state.
    pub overlay: Option<Overlay>,
    /// The advice of the what-if being compared, for the answers it was compared with.
    what_if: Option<(Answers, WhatIfAdvice)>,
    /// `dbadvise learn`: the topic library is the whole app, and closing it quits.
    learn_only: bool,
    /// A message for the status line, cleared by the next key.
    pub status: Option<String>,
    /// What the last frame laid out, for clicks and scrolling limits.
    pub layout: FrameLayout,
    pub quit: bool,
    quit_after_save: bool,
}

impl<'kb> App<'kb> {
    /// A new interview, on the start screen.
    pub fn new(kb: &'kb KnowledgeBase, config: Config) -> App<'kb> {
        App::of(Session::new(kb, config))
    }

    /// An interview resumed from an answers file (`--resume FILE`): it goes on where the
    /// file stops, and `s` saves back to it.
    pub fn resumed(
        kb: &'kb KnowledgeBase,
        config: Config,
        answers: Answers,
        file: &Path,
    ) -> App<'kb> {
        let mut app = App::of(Session::resumed(kb, config, answers, file));
        app.start.name = app.session.answers().project.clone().unwrap_or_default();
        app.settle();
        // The header counts the questions asked; answers the file gives to questions
        // these answers skip are kept, and said apart so the two counts agree.
        let (given, asked) = (app.session.answers().values.len(), app.session.path().len());
        let aside = given.saturating_sub(asked);
        app.status = Some(if aside == 0 {
            format!("Resumed {}: {given} answers", file.display())
        } else {
            let more = if aside == 1 { "answer" } else { "answers" };
            // Short enough for the status line of a narrow terminal.
            format!(
                "Resumed {}: {asked} questions answered ({aside} more {more} kept for other paths)",
                file.display()
            )
        });
        app.refresh();
        app
    }

    /// `dbadvise learn`: the topic library alone, open on `topic` if given.
    pub fn library(kb: &'kb KnowledgeBase, config: Config, topic: Option<&str>) -> App<'kb> {
        let mut app = App::new(kb, config);
        app.learn_only = true;
        app.overlay = Some(Overlay::Learn(Learn::open(kb, topic)));
        app
    }

    fn of(session: Session<'kb>) -> App<'kb> {
        let kb = session.kb;
        App {
            kb,
            session,
            screen: Screen::Start,
            start: StartState::new(kb),
            interview: InterviewState::default(),
            results: ResultsState::default(),
            overlay: None,
            what_if: None,
            learn_only: false,
            status: None,
            layout: FrameLayout::default(),
            quit: false,
            quit_after_save: false,
        }
    }

    pub fn is_library_only(&self) -> bool {
        self.learn_only
    }

    // ---- worked out in update, read by the views ------------------------------------

    /// Works out what the next frame shows that only the engine or the report can: the
    /// files `e` would export (on the results, and in the export prompt), and the
    /// advice of the what-if compared. Each is kept until what it depends on changes.
    fn refresh(&mut self) {
        let exporting = matches!(
            self.overlay,
            Some(Overlay::Prompt {
                kind: WriteKind::Export,
                ..
            })
        );
        if self.screen == Screen::Results || exporting {
            let key = self.export_key();
            if self.results.preview.as_ref().map(|(k, _)| k) != Some(&key) {
                let path = self.session.default_export_path();
                let files = self.session.export_files(&path, self.results.export);
                self.results.preview = Some((key, files));
            }
        }
        if let Some(Overlay::WhatIf(WhatIf {
            stage: Stage::Compare { question, value },
            ..
        })) = &self.overlay
        {
            let now = self.session.answers();
            let changed = self.session.what_if_answers(question, value);
            let fresh = self
                .what_if
                .as_ref()
                .is_some_and(|(base, w)| base == now && w.answers == changed);
            if !fresh {
                let what_if = self.session.what_if(question, value);
                self.what_if = Some((now.clone(), what_if));
            }
        }
    }

    /// The questions the interview asks, in order, when every answer is the default
    /// (what the start screen announces).
    pub fn default_path(&self) -> &[&'kb str] {
        &self.start.default_path
    }

    /// The advice of the what-if being compared (worked out as the comparison opens).
    pub fn what_if_advice(&self) -> Option<&WhatIfAdvice> {
        self.what_if.as_ref().map(|(_, what_if)| what_if)
    }

    /// The files `e` would write now to the path it offers: the record first, then the
    /// files beside it (none before the results).
    pub fn export_preview(&self) -> &[(PathBuf, String)] {
        self.results
            .preview
            .as_ref()
            .map_or(&[], |(_, files)| files.as_slice())
    }

    /// The record as `e` would export it now, for the Record tab.
    pub fn record_preview(&self) -> &str {
        self.export_preview()
            .first()
            .map_or("", |(_, text)| text.as_str())
    }

    pub fn export_key(&self) -> export::ExportKey {
        export::ExportKey {
            answers: self.session.answers().clone(),
            options: self.results.export,
            exported: self.session.exported().map(Path::to_path_buf),
        }
    }

    /// The files a save or an export writes, with the choices of the export prompt.
    pub fn write_for(&self, kind: WriteKind, path: &Path) -> Write {
        self.session.write_for(kind, path, self.results.export)
    }

    /// The topic behind what has the focus: the question on screen (or the answer
    /// picked on the path), or the decision the results tab shows.
    pub fn focused_topic(&self) -> Option<&'kb str> {
        let kb: &'kb KnowledgeBase = self.kb;
        let question = match self.screen {
            Screen::Start => return None,
            Screen::Interview if self.interview.focus == Focus::Path => self
                .session
                .path()
                .get(self.interview.path_cursor)
                .and_then(|id| kb.question(id)),
            Screen::Interview => self.session.question(),
            Screen::Results => {
                return kb
                    .tree(TAB_TREES[self.results.tab])
                    .and_then(|t| t.topics.first())
                    .map(String::as_str);
            }
        };
        question.and_then(|q| q.topics.first()).map(String::as_str)
    }

    pub fn typing(&self) -> bool {
        match &self.overlay {
            Some(Overlay::Prompt { .. }) => return true,
            Some(Overlay::Learn(learn)) => return learn.searching,
            Some(_) => return false,
            None => {}
        }
        match self.screen {
            Screen::Start => self.start.cursor == START_NAME,
            Screen::Interview => {
                self.interview.focus == Focus::Options
                    && self
                        .session
                        .question()
                        .is_some_and(|q| q.kind == QuestionKind::Text)
            }
            Screen::Results => false,
        }
    }

    /// The contexts of the key table that hold now.
    pub fn contexts(&self) -> Vec<Ctx> {
        let mut live = vec![Ctx::Always];
        match &self.overlay {
            Some(Overlay::Help { .. }) => live.push(Ctx::Help),
            Some(Overlay::Learn(learn)) if learn.searching => {
                live.extend([Ctx::LearnSearch, Ctx::Typing])
            }
            Some(Overlay::Learn(_)) => live.push(Ctx::Learn),
            Some(Overlay::WhatIf(what_if)) => {
                live.push(Ctx::WhatIf);
                match &what_if.stage {
                    Stage::Compare { .. } => live.insert(1, Ctx::WhatIfCompare),
                    Stage::Answer { question, .. }
                        if self
                            .kb
                            .question(question)
                            .is_some_and(|q| q.kind == QuestionKind::Many) =>
                    {
                        live.push(Ctx::WhatIfMany)
                    }
                    _ => {}
                }
            }
            Some(Overlay::Prompt { kind, .. }) => {
                live.push(Ctx::Prompt);
                if *kind == WriteKind::Export {
                    live.push(Ctx::ExportPrompt);
                }
                live.push(Ctx::Typing);
            }
            Some(Overlay::Overwrite { .. } | Overlay::QuitUnsaved) => live.push(Ctx::Confirm),
            None => {
                live.push(Ctx::Main);
                if self.typing() {
                    live.push(Ctx::Typing);
                } else {
                    live.push(Ctx::Keys);
                    if self.screen != Screen::Start && self.session.is_complete() {
                        live.push(Ctx::Done);
                    }
                }
                if self.screen != Screen::Start {
                    live.push(Ctx::Answering);
                }
                if self.screen == Screen::Results {
                    live.push(Ctx::Results);
                }
                if self.screen == Screen::Interview
                    && self.interview.focus == Focus::Options
                    && self
                        .session
                        .question()
                        .is_some_and(|q| q.kind == QuestionKind::Many)
                {
                    live.push(Ctx::Many);
                }
            }
        }
        live
    }
}

/// The questions the interview asks, in order, when every answer is the default.
fn default_path(kb: &KnowledgeBase) -> Vec<&str> {
    let mut answers = Answers::default();
    let mut asked: Vec<&str> = Vec::new();
    while let Some(id) = walk(kb, &answers).next_question() {
        let Some(q) = kb.question(id) else { break };
        if asked.contains(&id) {
            break;
        }
        answers.set(id, engine::default_answer(q));
        asked.push(id);
    }
    asked
}
