//! What a frame laid out: where clicks land, how far its lists and pages scroll. The
//! views return it from `view::draw`; the event loop hands it to `App::update`
//! (`Action::Drawn`), which reads it for the keys and clicks that follow.

use std::rc::Rc;

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use crate::session::export;

/// Where a click lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClickTarget {
    Start(usize),
    Option(usize),
    Path(usize),
    Tab(usize),
    /// A topic in the library's list.
    Topic(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameLayout {
    /// The clickable areas, in the order drawn.
    pub hits: Vec<(Rect, ClickTarget)>,
    /// The screen only said "terminal too small", so keys other than quit must do
    /// nothing the user cannot see.
    pub too_small: bool,
    /// Rows a page key moves: of the results tab, or of what opens over it.
    pub page_height: u16,
    /// How far the results tab scrolls.
    pub scroll_limit: u16,
    /// How far the help scrolls.
    pub help_limit: u16,
    /// The results tab's lines, kept for the next frame to draw again while nothing
    /// they show has changed (scrolling only picks rows).
    pub tab_lines: Option<TabLines>,
}

impl Default for FrameLayout {
    /// Before the first frame: nothing to click, and no limit known yet.
    fn default() -> FrameLayout {
        FrameLayout {
            hits: vec![],
            too_small: false,
            page_height: 10,
            scroll_limit: u16::MAX,
            help_limit: u16::MAX,
            tab_lines: None,
        }
    }
}

impl FrameLayout {
    /// What is under the cell at `column`, `row`.
    pub fn hit(&self, column: u16, row: u16) -> Option<ClickTarget> {
        let at = Position { x: column, y: row };
        self.hits
            .iter()
            .find(|(area, _)| area.contains(at))
            .map(|(_, hit)| *hit)
    }
}

/// A results tab laid out for a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabLines {
    pub key: TabKey,
    pub lines: Rc<[Line<'static>]>,
}

/// What a tab's lines depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabKey {
    pub tab: usize,
    pub width: u16,
    pub mono: bool,
    /// The answers and the export's choices (the Record tab previews the export).
    pub export: export::ExportKey,
}
