//! The estimator over the current screen: each figure, what the candidate
//! said and, once shown (practice, or an interview at wrap-up), the stage's
//! real figure, the grade and the arithmetic that gets there.

use super::modal;
use super::theme::Theme;
use super::widgets::{marker, para, truncate};
use crate::model::estimate::{Checked, Grade};
use crate::model::num::plain;
use crate::text;
use crate::tui::action::Action;
use crate::tui::estimator::{EstimatorPanel, locked, rows, stage};
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Widest the overlay grows.
const MAX_WIDTH: u16 = 100;
/// Cells of the figure's name column.
const NAME_W: usize = 21;
/// Cells of a value column.
const VALUE_W: usize = 12;

/// The estimator overlay.
pub struct EstimatorView<'a> {
    /// The app, for the session and its pack.
    pub app: &'a App,
    /// The selection and the value being typed.
    pub panel: &'a EstimatorPanel,
    /// How to colour it.
    pub theme: Theme,
}

fn grade_style(g: Grade, t: &Theme) -> Style {
    match g {
        Grade::Good => t.ok(),
        Grade::Rough => t.severity(crate::model::Severity::Medium),
        Grade::Off => t.error(),
    }
}

/// A figure as the estimator shows it: `25,000`-style grouping is left to
/// the reader; plain digits keep the columns narrow.
fn show(v: Option<f64>) -> String {
    v.map(plain).unwrap_or_else(|| "-".into())
}

impl EstimatorView<'_> {
    fn row(&self, i: usize, c: &Checked, graded: bool, w: usize) -> Line<'static> {
        let t = &self.theme;
        let sel = i == self.panel.selected;
        let base = if sel { t.selected() } else { Style::new() };
        let mut spans = vec![
            Span::styled(marker(sel), base),
            Span::styled(format!("{:<NAME_W$}", c.quantity.title()), base),
        ];
        match self.panel.editing.as_deref().filter(|_| sel) {
            Some(typed) => {
                let room = w.saturating_sub(2 + NAME_W + 3);
                let n = typed.chars().count();
                let shown: String = typed.chars().skip(n.saturating_sub(room)).collect();
                spans.push(Span::styled("> ", t.key()));
                spans.push(Span::raw(shown));
                spans.push(Span::styled("█", t.key()));
            }
            None => {
                spans.push(Span::styled(
                    format!("{:<VALUE_W$}", truncate(&show(c.estimate), VALUE_W - 1)),
                    base,
                ));
                if graded {
                    spans.push(Span::styled(
                        format!("{:<VALUE_W$}", truncate(&show(c.truth), VALUE_W - 1)),
                        base,
                    ));
                    match c.grade {
                        Some(g) => spans.push(Span::styled(g.as_str(), grade_style(g, t))),
                        None if c.truth.is_none() => spans.push(Span::styled("no figure", t.dim())),
                        None => spans.push(Span::styled("not estimated", t.dim())),
                    }
                }
            }
        }
        Line::from(spans)
    }
}

impl Widget for EstimatorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let app = self.app;
        let Some(st) = stage(app) else { return };
        let graded = app.revealed();
        let checked = rows(app);
        let mw = area.width.saturating_sub(2).min(MAX_WIDTH);
        let w = mw.saturating_sub(2) as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let intro = if graded {
            format!(
                "Your back-of-the-envelope figures for stage `{}`, against its real ones: within 2x good, within 10x rough, beyond that off.",
                text::label(&st.title, 24)
            )
        } else {
            format!(
                "Your back-of-the-envelope figures for stage `{}`; the interviewer grades them at wrap-up.",
                text::label(&st.title, 24)
            )
        };
        lines.extend(para(&intro, w, 0, t.dim()));
        let sel_line = lines.len() + 1 + self.panel.selected;
        let head = if graded {
            format!(
                "  {:<NAME_W$}{:<VALUE_W$}{:<VALUE_W$}grade",
                "figure", "yours", "real"
            )
        } else {
            format!("  {:<NAME_W$}yours", "figure")
        };
        lines.push(Line::from(Span::styled(head, t.title())));
        for (i, c) in checked.iter().enumerate() {
            lines.push(self.row(i, c, graded, w));
        }
        lines.push(Line::raw(""));
        if graded && let Some(c) = checked.get(self.panel.selected) {
            if let Some(how) = &c.working {
                lines.extend(para(
                    &format!("How: {}", text::line(how)),
                    w,
                    0,
                    Style::new(),
                ));
            }
            if let Some(src) = st
                .estimates
                .as_ref()
                .map(|f| f.source.trim())
                .filter(|s| !s.is_empty())
            {
                lines.extend(para(&format!("Source: {}", text::line(src)), w, 0, t.dim()));
            }
        }
        if let Some(e) = &self.panel.error {
            lines.extend(para(&format!("error: {}", text::line(e)), w, 0, t.error()));
        }
        let k = |a: &Action| app.keys.first_key(a).unwrap_or_else(|| "?".into());
        let help = if self.panel.editing.is_some() {
            "Type 6, 25,000, 2.5k or 50M. Enter saves, Esc cancels.".to_string()
        } else if locked(app) {
            format!("graded at wrap-up · {} closes", k(&Action::Cancel))
        } else {
            format!(
                "{} enters a figure · {} takes it back · {} closes",
                k(&Action::Confirm),
                k(&Action::Delete),
                k(&Action::Cancel)
            )
        };
        lines.extend(para(&help, w, 0, t.dim()));
        let inner = modal(
            area,
            buf,
            mw,
            (lines.len() as u16 + 2).min(area.height),
            "Estimates",
            t,
        );
        let skip = (sel_line + 1).saturating_sub(inner.height as usize);
        Paragraph::new(lines)
            .scroll((skip.min(u16::MAX as usize) as u16, 0))
            .render(inner, buf);
    }
}
