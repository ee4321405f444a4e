//! What each screen of the app keeps of its own: the start screen's name field and
//! items, the interview's panels, and the results' tabs and export. The what-if and the
//! topic library open over the screens, so their state is in their overlays
//! (`whatif::WhatIf`, `library::Learn`).

use crate::kb::KnowledgeBase;
use crate::session::export;

use super::{default_path, Focus, TABS};

/// The items of the start screen: the name field, then starting the interview, then
/// (when there is one) resuming the autosave.
pub const START_NAME: usize = 0;
pub const START_RESUME: usize = 2;

/// The start screen.
pub struct StartState<'kb> {
    /// The project name typed.
    pub name: String,
    /// The highlighted item: `START_NAME`, 1 (start the interview) or `START_RESUME`.
    pub cursor: usize,
    /// The questions asked when every answer is the default (the screen's
    /// announcement); the same for every session of the knowledge base.
    pub(super) default_path: Vec<&'kb str>,
}

/// The interview: the question on the left, the path so far on the right.
pub struct InterviewState {
    /// Which panel has the focus.
    pub focus: Focus,
    /// The highlighted option of the question asked.
    pub cursor: usize,
    /// The options ticked on a several-choice question, not yet confirmed.
    pub toggled: Vec<String>,
    /// The free-text answer typed.
    pub text: String,
    /// The highlighted answer on the path.
    pub path_cursor: usize,
}

/// The results: one tab per part of the advice, and the record `e` exports.
pub struct ResultsState {
    pub tab: usize,
    /// How far each tab is scrolled.
    pub scroll: [u16; TABS.len()],
    /// The layout and the appendix chosen in the export prompt: what `e` writes and
    /// the Record tab previews.
    pub export: export::Options,
    /// The files an export to the default path writes (the preview), for its key.
    pub(super) preview: Option<(export::ExportKey, export::Files)>,
}

impl<'kb> StartState<'kb> {
    pub(super) fn new(kb: &'kb KnowledgeBase) -> StartState<'kb> {
        StartState {
            name: String::new(),
            cursor: START_NAME,
            default_path: default_path(kb),
        }
    }
}

impl Default for InterviewState {
    fn default() -> InterviewState {
        InterviewState {
            focus: Focus::Options,
            cursor: 0,
            toggled: vec![],
            text: String::new(),
            path_cursor: 0,
        }
    }
}

impl Default for ResultsState {
    fn default() -> ResultsState {
        ResultsState {
            tab: 0,
            scroll: [0; TABS.len()],
            export: export::Options::default(),
            preview: None,
        }
    }
}
