//! Styles, with a colourless variant for `NO_COLOR` (modifiers only).

use crate::model::Severity;
use ratatui::style::{Color, Modifier, Style};

/// The app's styles. `color: false` keeps bold, reverse and underline only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False under `NO_COLOR`.
    pub color: bool,
}

impl Theme {
    /// A theme with or without colour.
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Headings and titles.
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Border of the focused pane.
    pub fn focus(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Border of other panes.
    pub fn border(&self) -> Style {
        self.dim()
    }

    /// Characters matched by a fuzzy search.
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Components named by the selected finding.
    pub fn flagged(&self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Errors.
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Good news.
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Key names in the footer and help.
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// A finding's severity.
    pub fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Critical => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::High => self.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            Severity::Medium => self.fg(Color::Yellow),
            Severity::Low => self.fg(Color::Blue),
            Severity::Info => self.dim(),
        }
    }

    /// A 0-100 score: green, yellow or red.
    pub fn score(&self, v: u32) -> Style {
        let c = match v {
            80.. => Color::Green,
            50..=79 => Color::Yellow,
            _ => Color::Red,
        };
        let s = self.fg(c).add_modifier(Modifier::BOLD);
        if !self.color && v < 50 {
            s.add_modifier(Modifier::UNDERLINED)
        } else {
            s
        }
    }
}
