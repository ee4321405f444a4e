//! The interview's state and `update`: pure, no terminal, no files. Keys come in as
//! `Action`s, and what must happen outside (write a file, quit) goes out as `Effect`s.
//!
//! The state is the answers plus where the user is looking. Everything else — the
//! question to ask, the progress, the live recommendation, the report — is derived from
//! the knowledge base and the answers whenever it is needed.

use std::cell::{Cell, OnceCell, Ref, RefCell};
use std::path::{Path, PathBuf};

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::export;
use super::keymap::{Command, Ctx};
use super::learn::{Learn, LearnOutcome};
use super::whatif::{Stage, WhatIf, WhatIfOutcome};
use crate::engine::{self, walk, Advice, AdviceDiff, Answers, Sensitivity};
use crate::kb::{AnswerValue, KnowledgeBase, Question, QuestionKind};
use crate::report::adr_dir;

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

/// What the app hears: keys (already looked up in the key table), text, the mouse, and
/// the results of the effects it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Key(Command),
    /// A character typed into the focused text field.
    Char(char),
    /// Text pasted into the focused text field.
    Paste(String),
    ScrollUp,
    ScrollDown,
    Click {
        column: u16,
        row: u16,
    },
    /// What came of an `Effect::Write`.
    Wrote {
        kind: WriteKind,
        /// The main file of the write.
        path: PathBuf,
        result: Result<(), WriteError>,
    },
    AutosaveFailed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    /// The answers file.
    Save,
    /// The decision record, with the files beside it (`export::files`).
    Export,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// A file is there already; the app asks before it replaces it.
    Exists(PathBuf),
    Failed(String),
    /// The record directory gives no number (its records reach the last one there is).
    Numbering(String),
}

/// Files to write, all or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub kind: WriteKind,
    /// (path, contents), the main file first.
    pub files: Vec<(PathBuf, String)>,
    /// Replace files that exist (the user said yes, or it is the file they work on).
    pub force: bool,
    /// A new numbered record in the record directory: its number is claimed as it is
    /// written (`adr_dir::claim`, as `adr new` does), and moves on if another record
    /// holds it meanwhile.
    pub numbered: bool,
}

/// What the app asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the answers to the autosave file. `fresh`: the first autosave of a new
    /// interview, so an older autosave is kept aside rather than overwritten.
    Autosave {
        path: PathBuf,
        contents: String,
        fresh: bool,
    },
    Write(Write),
    Quit,
}

/// An autosave found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Autosaved {
    None,
    Found { path: PathBuf, answers: Answers },
    Unreadable { path: PathBuf, message: String },
}

/// What the app is told at start: where things go, what was found.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where answers are autosaved after every change (none: autosave is off).
    pub autosave: Option<PathBuf>,
    /// The autosave path as shown to people (`~/…`).
    pub autosave_shown: String,
    pub autosaved: Autosaved,
    /// An existing record directory (adr-tools, MADR) and its next number: the export
    /// then defaults to `DIR/NNNN-title.md`.
    pub record_dir: Option<(PathBuf, u32)>,
    /// The record's date, `YYYY-MM-DD`.
    pub date: String,
    /// `NO_COLOR`: a monochrome theme.
    pub mono: bool,
}

impl Config {
    /// A configuration for tests and benchmarks: no autosave, nothing found, a fixed date.
    pub fn bare() -> Config {
        Config {
            autosave: None,
            autosave_shown: String::new(),
            autosaved: Autosaved::None,
            record_dir: None,
            date: "2025-01-01".into(),
            mono: false,
        }
    }
}

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

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        if matches!(
            action,
            Action::Key(_) | Action::Char(_) | Action::Click { .. }
        ) {
            self.status = None;
        }
        if self.too_small.get() {
            match action {
                // Quitting asks once about unsaved answers, as Ctrl-C does; the small
                // screen says so.
                Action::Key(Command::Quit | Command::Interrupt) => {
                    self.interrupt(&mut effects);
                    return effects;
                }
                Action::Wrote { .. } | Action::AutosaveFailed(_) => {}
                _ => return effects,
            }
        }
        match action {
            Action::Key(Command::Interrupt) => self.interrupt(&mut effects),
            Action::Key(command) => match self.overlay.clone() {
                Some(overlay) => self.overlay_key(overlay, command, &mut effects),
                None => self.key(command, &mut effects),
            },
            Action::Char(c) => self.type_text(&c.to_string()),
            Action::Paste(text) => self.type_text(&text),
            Action::ScrollUp => self.wheel(Command::Up),
            Action::ScrollDown => self.wheel(Command::Down),
            Action::Click { column, row } => self.click(column, row, &mut effects),
            Action::Wrote { kind, path, result } => self.wrote(kind, path, result, &mut effects),
            Action::AutosaveFailed(message) => {
                self.status = Some(format!("Autosave failed: {message}"));
            }
        }
        // The export prompt lists the files beside the record, and the preview behind it
        // follows its choices: worked out here, so that the frame only reads them.
        if let Some(Overlay::Prompt {
            kind: WriteKind::Export,
            ..
        }) = self.overlay
        {
            self.export_preview();
        }
        effects
    }

    fn interrupt(&mut self, effects: &mut Vec<Effect>) {
        if self.overlay == Some(Overlay::QuitUnsaved) || !self.dirty() {
            self.quit(effects);
        } else {
            self.overlay = Some(Overlay::QuitUnsaved);
        }
    }

    fn quit(&mut self, effects: &mut Vec<Effect>) {
        self.quit = true;
        effects.push(Effect::Quit);
    }

    fn key(&mut self, command: Command, effects: &mut Vec<Effect>) {
        match command {
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::Topic => {
                let topic = self.focused_topic();
                self.overlay = Some(Overlay::Learn(Learn::open(self.kb, topic)));
            }
            Command::WhatIf if self.screen == Screen::Results => {
                self.overlay = Some(Overlay::WhatIf(WhatIf::open()));
            }
            Command::Quit => {
                if self.dirty() {
                    self.overlay = Some(Overlay::QuitUnsaved);
                } else {
                    self.quit(effects);
                }
            }
            Command::Save => self.open_prompt(WriteKind::Save),
            Command::DeleteChar => {
                self.text.pop();
            }
            Command::ClearText => self.text.clear(),
            Command::Export => {
                if self.is_complete() && self.screen != Screen::Start {
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

    fn start_items(&self) -> usize {
        if self.has_resume_offer() {
            3
        } else {
            2
        }
    }

    fn start_key(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let items = self.start_items();
        match command {
            Command::Up | Command::PrevPanel => {
                self.start_cursor = (self.start_cursor + items - 1) % items;
            }
            Command::Down | Command::NextPanel => {
                self.start_cursor = (self.start_cursor + 1) % items
            }
            Command::Home | Command::PageUp => self.start_cursor = 0,
            Command::End | Command::PageDown => self.start_cursor = items - 1,
            Command::Choose => {
                if self.start_cursor == START_RESUME {
                    self.resume_autosave();
                } else {
                    self.begin(effects);
                }
            }
            _ => {}
        }
    }

    /// Leaves the start screen with the project name typed.
    fn begin(&mut self, effects: &mut Vec<Effect>) {
        let name = self.text.trim();
        let project = (!name.is_empty()).then(|| name.to_string());
        if project != self.answers.project {
            self.answers.project = project;
            if !self.answers.values.is_empty() {
                self.autosave(effects);
            }
        }
        self.shown = None;
        self.focus = Focus::Options;
        self.settle();
    }

    fn resume_autosave(&mut self) {
        if let Autosaved::Found { path, answers } = &self.config.autosaved {
            self.status = Some(format!(
                "Resumed the autosave ({} answers) from {}",
                answers.values.len(),
                path.display()
            ));
            self.answers = answers.clone();
            self.text = answers.project.clone().unwrap_or_default();
            // Carrying on the autosaved interview: its autosave is this one.
            self.fresh_autosave = false;
            self.shown = None;
            self.settle();
        }
    }

    /// Picks the screen for the answers: results when nothing is open, else the
    /// interview at the question to ask; and loads that question's answer to edit.
    fn settle(&mut self) {
        if self.shown.is_none() && self.is_complete() {
            self.screen = Screen::Results;
        } else {
            self.screen = Screen::Interview;
            self.load_question();
        }
    }

    /// Highlights the current answer (or the default) of the question on screen.
    fn load_question(&mut self) {
        let Some(q) = self.question() else { return };
        let current = self.answers.get(&q.id).cloned();
        let value = current.clone().or_else(|| q.default.clone());
        let chosen: Vec<String> = value
            .as_ref()
            .map(|v| v.values().iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        self.cursor = chosen
            .first()
            .and_then(|c| q.options.iter().position(|o| &o.id == c))
            .unwrap_or(0);
        self.toggled = match q.kind {
            QuestionKind::Many => chosen,
            _ => vec![],
        };
        self.text = match (q.kind, current) {
            (QuestionKind::Text, Some(v)) => v.values().join(" "),
            _ => String::new(),
        };
    }

    fn interview_key(&mut self, command: Command, effects: &mut Vec<Effect>) {
        if self.focus == Focus::Path {
            return self.path_key(command);
        }
        let Some(q) = self.question() else { return };
        let n = q.options.len().max(1);
        match command {
            Command::Up => self.cursor = self.cursor.saturating_sub(1),
            Command::Down => self.cursor = (self.cursor + 1).min(n - 1),
            Command::Home | Command::PageUp => self.cursor = 0,
            Command::End | Command::PageDown => self.cursor = n - 1,
            Command::Toggle => self.toggle(),
            Command::Choose => self.choose(q, effects),
            Command::Back => self.back(),
            Command::NextPanel | Command::PrevPanel => self.focus_path(),
            _ => {}
        }
    }

    fn toggle(&mut self) {
        let Some(q) = self.question() else { return };
        if q.kind != QuestionKind::Many {
            return;
        }
        let Some(option) = q.options.get(self.cursor) else {
            return;
        };
        match self.toggled.iter().position(|t| t == &option.id) {
            Some(i) => {
                self.toggled.remove(i);
            }
            None => self.toggled.push(option.id.to_string()),
        }
    }

    fn choose(&mut self, q: &'kb Question, effects: &mut Vec<Effect>) {
        let value = match q.kind {
            QuestionKind::One => match q.options.get(self.cursor) {
                Some(o) => AnswerValue::One(o.id.to_string()),
                None => return,
            },
            QuestionKind::Many => q.ticked(&self.toggled),
            QuestionKind::Text => AnswerValue::One(self.text.trim().to_string()),
        };
        self.set_answer(&q.id, value, effects);
        self.shown = None;
        self.settle();
    }

    fn set_answer(&mut self, question: &str, value: AnswerValue, effects: &mut Vec<Effect>) {
        self.answers.set(question, value);
        // Once the path is complete, answers it no longer passes through no longer apply;
        // the others (the later answers that still apply) are kept.
        let walked = walk(self.kb, &self.answers);
        if walked.is_complete() {
            let asked: Vec<String> = walked.asked.iter().map(|q| q.to_string()).collect();
            self.answers.values.retain(|id, _| asked.contains(id));
        }
        self.autosave(effects);
    }

    /// A what-if's other answer made the real one: the results for it, or the
    /// interview at the questions it opens.
    fn adopt(&mut self, question: &str, value: AnswerValue, effects: &mut Vec<Effect>) {
        self.set_answer(question, value, effects);
        self.overlay = None;
        self.shown = None;
        self.settle();
        self.status = Some(if self.screen == Screen::Results {
            "Adopted the what-if answer: the results are for it now (s saves)".into()
        } else {
            "Adopted the what-if answer: it opens new questions, asked now".into()
        });
    }

    /// Back: the question before the one on screen, or the start screen before the first.
    fn back(&mut self) {
        let path = self.path();
        let at = match &self.shown {
            Some(id) => path.iter().position(|q| q == id).unwrap_or(path.len()),
            None => path.len(),
        };
        if at == 0 {
            self.screen = Screen::Start;
            self.start_cursor = START_NAME;
            self.text = self.answers.project.clone().unwrap_or_default();
        } else {
            self.shown = Some(path[at - 1].to_string());
            self.screen = Screen::Interview;
            self.focus = Focus::Options;
            self.load_question();
        }
    }

    /// The path list: every answered question, then "the next question" (or "results").
    fn path_items(&self) -> usize {
        self.path().len() + 1
    }

    fn focus_path(&mut self) {
        let path = self.path();
        self.path_cursor = match &self.shown {
            Some(id) => path.iter().position(|q| q == id).unwrap_or(path.len()),
            None => path.len(),
        };
        self.focus = Focus::Path;
    }

    fn path_key(&mut self, command: Command) {
        let n = self.path_items();
        match command {
            Command::Up => self.path_cursor = self.path_cursor.saturating_sub(1),
            Command::Down => self.path_cursor = (self.path_cursor + 1).min(n - 1),
            Command::Home | Command::PageUp => self.path_cursor = 0,
            Command::End | Command::PageDown => self.path_cursor = n - 1,
            Command::Choose => self.pick_path(self.path_cursor),
            Command::Back | Command::NextPanel | Command::PrevPanel => self.focus = Focus::Options,
            _ => {}
        }
    }

    /// Shows the question picked on the path, to change its answer.
    fn pick_path(&mut self, index: usize) {
        let path = self.path();
        self.shown = path.get(index).map(|q| q.to_string());
        self.focus = Focus::Options;
        self.settle();
    }

    fn results_key(&mut self, command: Command) {
        let tab = self.tab;
        let limit = self.scroll_limit.get();
        let page = self.page_height.get().max(1);
        let scroll = &mut self.scroll[tab];
        *scroll = (*scroll).min(limit);
        match command {
            Command::Up => *scroll = scroll.saturating_sub(1),
            Command::Down => *scroll = scroll.saturating_add(1).min(limit),
            Command::PageUp => *scroll = scroll.saturating_sub(page),
            Command::PageDown => *scroll = scroll.saturating_add(page).min(limit),
            Command::Home => *scroll = 0,
            Command::End => *scroll = limit,
            Command::NextPanel | Command::NextTab => self.tab = (tab + 1) % TABS.len(),
            Command::PrevPanel | Command::PrevTab => self.tab = (tab + TABS.len() - 1) % TABS.len(),
            Command::Back => self.back(),
            // Enter goes on: to the record, then to its export.
            Command::Choose if tab + 1 == TABS.len() => self.open_prompt(WriteKind::Export),
            Command::Choose => self.tab = TABS.len() - 1,
            _ => {}
        }
    }

    fn wheel(&mut self, command: Command) {
        if let Some(Overlay::Learn(learn)) = &mut self.overlay {
            return learn.wheel(command == Command::Down);
        }
        if let Some(Overlay::WhatIf(mut what_if)) = self.overlay.clone() {
            what_if.wheel(command == Command::Down, &self.what_if_questions());
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

    fn click(&mut self, column: u16, row: u16, effects: &mut Vec<Effect>) {
        let hit = self
            .hits
            .borrow()
            .iter()
            .find(|(r, _)| r.contains(ratatui::layout::Position { x: column, y: row }))
            .map(|(_, h)| *h);
        if let Some(Overlay::Learn(learn)) = &mut self.overlay {
            if let Some(Hit::Topic(i)) = hit {
                learn.click(self.kb, i);
            }
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        match hit {
            Some(Hit::Start(i)) => {
                self.start_cursor = i;
                if i != START_NAME {
                    self.start_key(Command::Choose, effects);
                }
            }
            Some(Hit::Option(i)) => {
                self.focus = Focus::Options;
                self.cursor = i;
                self.toggle();
            }
            Some(Hit::Path(i)) => {
                self.focus = Focus::Path;
                self.path_cursor = i;
                self.pick_path(i);
            }
            Some(Hit::Tab(i)) => self.tab = i,
            Some(Hit::Topic(_)) | None => {}
        }
    }

    fn type_text(&mut self, text: &str) {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let typing = self.typing();
        match &mut self.overlay {
            Some(Overlay::Prompt { input, error, .. }) => {
                input.push_str(&text);
                *error = None;
            }
            Some(Overlay::Learn(learn)) => learn.type_text(self.kb, &text),
            Some(_) => {}
            None if typing => self.text.push_str(&text),
            None => {}
        }
    }

    fn autosave(&mut self, effects: &mut Vec<Effect>) {
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

    fn open_prompt(&mut self, kind: WriteKind) {
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

    fn overlay_key(&mut self, overlay: Overlay, command: Command, effects: &mut Vec<Effect>) {
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
                Command::Up => {
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.min(self.help_limit.get()).saturating_sub(1),
                    })
                }
                Command::Down => {
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_add(1).min(self.help_limit.get()),
                    })
                }
                Command::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Prompt { kind, input, .. } => match command {
                Command::DeleteChar => self.edit_prompt(|s| {
                    s.pop();
                }),
                Command::ClearText => self.edit_prompt(String::clear),
                Command::Choose => {
                    let path = PathBuf::from(input.trim());
                    if input.trim().is_empty() {
                        return self.prompt_error("give a file name");
                    }
                    let write = self.write_for(kind, &path);
                    effects.push(Effect::Write(write));
                }
                Command::Cancel => {
                    self.overlay = None;
                    self.quit_after_save = false;
                }
                Command::Style => self.export.style = self.export.style.other(),
                Command::Appendix => self.export.appendix = !self.export.appendix,
                _ => {}
            },
            Overlay::Overwrite { write, input, .. } => match command {
                Command::Yes => {
                    self.overlay = None;
                    effects.push(Effect::Write(Write {
                        force: true,
                        ..write
                    }));
                }
                Command::No | Command::Cancel => {
                    self.overlay = Some(Overlay::Prompt {
                        kind: write.kind,
                        input,
                        error: None,
                    });
                }
                _ => {}
            },
            Overlay::QuitUnsaved => match command {
                Command::Yes => {
                    self.quit_after_save = true;
                    self.open_prompt(WriteKind::Save);
                }
                Command::No => self.quit(effects),
                Command::Cancel => self.overlay = None,
                _ => {}
            },
        }
    }

    fn edit_prompt(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(Overlay::Prompt { input, error, .. }) = &mut self.overlay {
            edit(input);
            *error = None;
        }
    }

    fn prompt_error(&mut self, message: &str) {
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

    fn wrote(
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

    fn written(&mut self, kind: WriteKind, path: &Path, effects: &mut Vec<Effect>) {
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
