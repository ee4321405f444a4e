//! Colours and emphasis. `NO_COLOR` gives the monochrome theme, which shows focus with
//! reverse video and bold instead of colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Titles and headings.
    pub title: Style,
    /// The highlighted row of the focused list.
    pub focus: Style,
    /// The highlighted row of a list without the focus.
    pub selected: Style,
    /// Secondary text: help, hints, traces.
    pub dim: Style,
    /// Section, step, scores.
    pub accent: Style,
    /// Chosen items, good consequences.
    pub good: Style,
    /// Bad consequences, errors.
    pub bad: Style,
    pub border: Style,
    pub border_focus: Style,
    /// Keys in the footer and the help.
    pub key: Style,
    /// Code in the schema tab and the record.
    pub code: Style,
}

impl Theme {
    pub fn new(mono: bool) -> Theme {
        if mono {
            Theme::mono()
        } else {
            Theme::color()
        }
    }

    pub fn color() -> Theme {
        Theme {
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            focus: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Cyan),
            dim: Style::new().fg(Color::Gray),
            accent: Style::new().fg(Color::Yellow),
            good: Style::new().fg(Color::Green),
            bad: Style::new().fg(Color::LightRed),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::LightBlue),
        }
    }

    /// No colour at all: focus is reverse video, headings and keys are bold.
    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::BOLD),
            focus: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: plain.add_modifier(Modifier::UNDERLINED),
            dim: plain,
            accent: plain.add_modifier(Modifier::BOLD),
            good: plain,
            bad: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
            code: plain,
        }
    }
}
