//! The interview's state and `update`: pure, no terminal, no files. Keys come in as
//! `Action`s, and what must happen outside (write a file, quit) goes out as `Effect`s.
//!
//! The state is the answers plus where the user is looking. Everything else — the
//! question to ask, the progress, the live recommendation, the report — is derived from
//! the knowledge base and the answers whenever it is needed.
//!
//! This file holds the state and what is derived from it; `update` and the keys every
//! screen shares are in `update`, each screen's keys in `interview` and `results`, the
//! writes and their prompts in `writes`, and what goes in and out in `actions`.

use std::cell::{Cell, OnceCell, Ref, RefCell};
use std::path::{Path, PathBuf};

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::export;
use super::keymap::Ctx;
use super::library::Learn;
use super::whatif::{Stage, WhatIf};
use crate::engine::{self, walk, Advice, AdviceDiff, Answers, Sensitivity};
use crate::kb::{AnswerValue, KnowledgeBase, Question, QuestionKind};
use crate::report::adr_dir;

mod actions;
mod interview;
mod results;
mod update;
mod writes;

pub use actions::{Action, Autosaved, Config, Effect, Write, WriteError, WriteKind};

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

/// Where a click lands, as the last frame laid it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Start(usize),
    Option(usize),
    Path(usize),
    Tab(usize),
    /// A topic in the library's list.
    Topic(usize),
}

/// The items of the start screen.
pub const START_NAME: usize = 0;
pub const START_NEW: usize = 1;
pub const START_RESUME: usize = 2;

pub struct App<'kb> {
    pub kb: &'kb KnowledgeBase,
    pub config: Config,
    pub answers: Answers,
    pub screen: Screen,
    pub focus: Focus,
    /// A question shown instead of the next open one (going back, or picked on the path).
    pub shown: Option<String>,
    /// The highlighted option of the question shown.
    pub cursor: usize,
    /// The options ticked on a several-choice question, not yet confirmed.
    pub toggled: Vec<String>,
    /// The text field: the project name on the start screen, a free-text answer.
    pub text: String,
    pub start_cursor: usize,
    pub path_cursor: usize,
    pub tab: usize,
    pub scroll: [u16; TABS.len()],
    pub overlay: Option<Overlay>,
    /// The layout and the appendix chosen in the export prompt: what `e` writes and
    /// the Record tab previews.
    pub export: export::Options,
    /// A message for the status line, cleared by the next key.
    pub status: Option<String>,
    pub quit: bool,
    /// The answers as last saved (or resumed from a file): what "unsaved" compares to.
    saved: Answers,
    /// The answers file this session writes to without asking.
    own_file: Option<PathBuf>,
    /// The record this session exported: the next export offers it again (replaced
    /// after a yes) instead of claiming another number.
    exported: Option<PathBuf>,
    quit_after_save: bool,
    fresh_autosave: bool,
    /// `dbadvise learn`: the topic library is the whole app, and closing it quits.
    learn_only: bool,
    /// Laid out by the last frame, for clicks and scrolling limits.
    pub hits: RefCell<Vec<(Rect, Hit)>>,
    /// Set by the last frame drawn: the screen only said "terminal too small", so keys
    /// other than quit must do nothing the user cannot see.
    pub too_small: std::cell::Cell<bool>,
    pub scroll_limit: Cell<u16>,
    pub page_height: Cell<u16>,
    pub help_limit: Cell<u16>,
    derived: RefCell<Option<(Answers, Derived<'kb>)>>,
    /// The files an export to the default path writes (the preview), for the key.
    export_preview: RefCell<Option<(export::Key, export::Files)>>,
    tab_lines: RefCell<Option<TabLines>>,
    default_path: OnceCell<Vec<&'kb str>>,
    what_if: RefCell<Option<(Answers, WhatIfAdvice)>>,
}

/// The advice for the answers with one of them changed (`w` on the results).
pub struct WhatIfAdvice {
    /// Questions the change opens are answered with their defaults (`advice.defaulted`).
    pub advice: Advice,
    /// From the advice now to this one.
    pub diff: AdviceDiff,
}

/// A results tab laid out for a width, for the answers and export choices it shows.
struct TabLines {
    key: export::Key,
    tab: usize,
    width: u16,
    lines: Vec<Line<'static>>,
}

/// What the engine says about one set of answers.
struct Derived<'kb> {
    next: Option<&'kb str>,
    path: Vec<&'kb str>,
    complete: bool,
    progress: engine::Progress,
    advice: Advice,
}

impl<'kb> App<'kb> {
    /// A new interview, on the start screen.
    pub fn new(kb: &'kb KnowledgeBase, config: Config) -> App<'kb> {
        App {
            kb,
            config,
            answers: Answers::default(),
            screen: Screen::Start,
            focus: Focus::Options,
            shown: None,
            cursor: 0,
            toggled: vec![],
            text: String::new(),
            start_cursor: START_NAME,
            path_cursor: 0,
            tab: 0,
            scroll: [0; TABS.len()],
            overlay: None,
            export: export::Options::default(),
            status: None,
            quit: false,
            saved: Answers::default(),
            own_file: None,
            exported: None,
            quit_after_save: false,
            fresh_autosave: true,
            learn_only: false,
            hits: RefCell::new(vec![]),
            too_small: Default::default(),
            scroll_limit: Cell::new(u16::MAX),
            page_height: Cell::new(10),
            help_limit: Cell::new(u16::MAX),
            derived: RefCell::new(None),
            export_preview: RefCell::new(None),
            tab_lines: RefCell::new(None),
            default_path: OnceCell::new(),
            what_if: RefCell::new(None),
        }
    }

    /// An interview resumed from an answers file (`--resume FILE`): it goes on where the
    /// file stops, and `s` saves back to it.
    pub fn resumed(
        kb: &'kb KnowledgeBase,
        config: Config,
        answers: Answers,
        file: &Path,
    ) -> App<'kb> {
        let mut app = App::new(kb, config);
        app.text = answers.project.clone().unwrap_or_default();
        app.saved = answers.clone();
        app.answers = answers;
        app.own_file = Some(file.to_path_buf());
        app.settle();
        app.status = Some(format!(
            "Resumed {}: {} answers",
            file.display(),
            app.answers.values.len()
        ));
        app
    }

    /// `dbadvise learn`: the topic library alone, open on `topic` if given.
    pub fn library(kb: &'kb KnowledgeBase, config: Config, topic: Option<&str>) -> App<'kb> {
        let mut app = App::new(kb, config);
        app.learn_only = true;
        app.overlay = Some(Overlay::Learn(Learn::open(kb, topic)));
        app
    }

    pub fn is_library_only(&self) -> bool {
        self.learn_only
    }

    // ---- derived --------------------------------------------------------------------

    /// What the engine derives from the answers, computed once for each set of answers
    /// (a frame asks for it many times).
    fn derived(&self) -> Ref<'_, Derived<'kb>> {
        memo(&self.derived, &self.answers, || {
            let walked = walk(self.kb, &self.answers);
            Derived {
                next: walked.next_question(),
                complete: walked.is_complete(),
                path: walked.asked,
                progress: engine::progress(self.kb, &self.answers),
                // With its sensitivity, so that the record shows what it hangs on.
                advice: engine::advise_with_sensitivity(self.kb, &self.answers),
            }
        })
    }

    pub fn advice(&self) -> Ref<'_, Advice> {
        Ref::map(self.derived(), |d| &d.advice)
    }

    /// The answers the advice hangs on: each other answer on the path that would
    /// change the stack, a decision or the CAP stance. Computed once per set of answers
    /// (it runs the engine once per alternative).
    pub fn sensitivity(&self) -> Ref<'_, [Sensitivity]> {
        Ref::map(self.advice(), |a| a.sensitivity.as_slice())
    }

    /// The questions a what-if can change: those answered on the path, but free text.
    pub fn what_if_questions(&self) -> Vec<&'kb Question> {
        self.path()
            .into_iter()
            .filter_map(|id| self.kb.question(id))
            .filter(|q| q.kind != QuestionKind::Text)
            .collect()
    }

    /// The advice with `question` answered `value` instead (open questions that opens
    /// answered with their defaults), and how it differs from the advice now.
    pub fn what_if(&self, question: &str, value: &AnswerValue) -> Ref<'_, WhatIfAdvice> {
        let mut changed = self.answers.clone();
        changed.set(question, value.clone());
        memo(&self.what_if, &changed, || {
            let advice = engine::advise_with_defaults(self.kb, &changed);
            let diff = engine::diff(self.kb, &self.advice(), &advice);
            WhatIfAdvice { advice, diff }
        })
    }

    /// The answered questions on the current path, in walk order.
    pub fn path(&self) -> Vec<&'kb str> {
        self.derived().path.clone()
    }

    /// The question on screen: the one picked, else the next open one.
    pub fn question(&self) -> Option<&'kb Question> {
        match &self.shown {
            Some(id) => self.kb.question(id),
            None => self.derived().next.and_then(|id| self.kb.question(id)),
        }
    }

    pub fn is_complete(&self) -> bool {
        self.derived().complete
    }

    /// "step N of about M" for the question on screen.
    pub fn step(&self) -> (usize, usize) {
        let derived = self.derived();
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

    /// The lines of a results tab at `width`, laid out by `build` once for each set of
    /// answers (scrolling then only picks rows).
    pub fn tab_lines(
        &self,
        tab: usize,
        width: u16,
        build: impl FnOnce() -> Vec<Line<'static>>,
    ) -> Ref<'_, [Line<'static>]> {
        let key = self.export_key();
        let fresh = self
            .tab_lines
            .borrow()
            .as_ref()
            .is_some_and(|t| t.tab == tab && t.width == width && t.key == key);
        if !fresh {
            let lines = build();
            *self.tab_lines.borrow_mut() = Some(TabLines {
                key,
                tab,
                width,
                lines,
            });
        }
        Ref::map(self.tab_lines.borrow(), |t| {
            t.as_ref().expect("just laid out").lines.as_slice()
        })
    }

    /// The questions the interview asks, in order, when every answer is the default
    /// (what the start screen announces).
    pub fn default_path(&self) -> &[&'kb str] {
        self.default_path.get_or_init(|| {
            let mut answers = Answers::default();
            let mut asked: Vec<&'kb str> = Vec::new();
            while let Some(id) = walk(self.kb, &answers).next_question() {
                let Some(q) = self.kb.question(id) else { break };
                if asked.contains(&id) {
                    break;
                }
                answers.set(id, engine::default_answer(q));
                asked.push(id);
            }
            asked
        })
    }

    /// The topic behind what has the focus: the question on screen (or the answer
    /// picked on the path), or the decision the results tab shows.
    pub fn focused_topic(&self) -> Option<&'kb str> {
        let kb: &'kb KnowledgeBase = self.kb;
        let question = match self.screen {
            Screen::Start => return None,
            Screen::Interview if self.focus == Focus::Path => self
                .path()
                .get(self.path_cursor)
                .and_then(|id| kb.question(id)),
            Screen::Interview => self.question(),
            Screen::Results => {
                return kb
                    .tree(TAB_TREES[self.tab])
                    .and_then(|t| t.topics.first())
                    .map(String::as_str);
            }
        };
        question.and_then(|q| q.topics.first()).map(String::as_str)
    }

    fn export_key(&self) -> export::Key {
        export::Key {
            answers: self.answers.clone(),
            options: self.export,
            exported: self.exported.clone(),
        }
    }

    /// The files `e` would write now to the path it offers: the record first, then the
    /// files beside it.
    pub fn export_preview(&self) -> Ref<'_, [(PathBuf, String)]> {
        let files = memo(&self.export_preview, &self.export_key(), || {
            self.export_files(&self.default_export_path())
        });
        Ref::map(files, Vec::as_slice)
    }

    /// The record as `e` would export it now, for the Record tab.
    pub fn record_preview(&self) -> Ref<'_, str> {
        Ref::map(self.export_preview(), |files| files[0].1.as_str())
    }

    /// Answers that are not in the last saved file.
    pub fn dirty(&self) -> bool {
        !self.answers.values.is_empty() && self.answers != self.saved
    }

    pub fn typing(&self) -> bool {
        match &self.overlay {
            Some(Overlay::Prompt { .. }) => return true,
            Some(Overlay::Learn(learn)) => return learn.searching,
            Some(_) => return false,
            None => {}
        }
        match self.screen {
            Screen::Start => self.start_cursor == START_NAME,
            Screen::Interview => {
                self.focus == Focus::Options
                    && self
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
                    if self.screen != Screen::Start && self.is_complete() {
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
                    && self.focus == Focus::Options
                    && self
                        .question()
                        .is_some_and(|q| q.kind == QuestionKind::Many)
                {
                    live.push(Ctx::Many);
                }
            }
        }
        live
    }

    pub fn has_resume_offer(&self) -> bool {
        matches!(self.config.autosaved, Autosaved::Found { .. })
    }

    /// The files an export to `path` writes, with the choices of the export prompt.
    pub fn export_files(&self, path: &Path) -> export::Files {
        export::files(&self.decision(&self.advice()), path, self.export)
    }

    fn decision<'a>(&'a self, advice: &'a Advice) -> export::Decision<'a> {
        export::Decision {
            kb: self.kb,
            advice,
            answers: &self.answers,
            date: &self.config.date,
        }
    }

    fn project_slug(&self) -> String {
        adr_dir::slug(self.answers.project.as_deref().unwrap_or("database"))
    }

    pub fn default_export_path(&self) -> PathBuf {
        if let Some(path) = &self.exported {
            return path.clone();
        }
        match &self.config.record_dir {
            Some((dir, number)) => {
                let title = export::title(&self.decision(&self.advice()));
                dir.join(adr_dir::file_name(*number, &title))
            }
            None => PathBuf::from(format!("{}-decision.md", self.project_slug())),
        }
    }

    pub fn default_save_path(&self) -> PathBuf {
        self.own_file
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{}.answers.yaml", self.project_slug())))
    }

    pub fn answers_yaml(&self) -> String {
        engine::answers::to_yaml(self.kb, &self.answers, &self.path())
    }

    // ---- update ---------------------------------------------------------------------
}

/// What `compute` gives for `key` (the answers, say), worked out once: kept in `cell`
/// until the key changes (a frame asks many times).
fn memo<'a, K: PartialEq + Clone, T>(
    cell: &'a RefCell<Option<(K, T)>>,
    key: &K,
    compute: impl FnOnce() -> T,
) -> Ref<'a, T> {
    let fresh = cell
        .borrow()
        .as_ref()
        .is_some_and(|(for_key, _)| for_key == key);
    if !fresh {
        let value = compute();
        *cell.borrow_mut() = Some((key.clone(), value));
    }
    Ref::map(cell.borrow(), |c| &c.as_ref().expect("just computed").1)
}
