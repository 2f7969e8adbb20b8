//! The context screen: every figure the design is judged against, its
//! value and where it comes from (the design, the scenario's stage, or an
//! assumption), with the selected one editable inline.

use super::modal;
use super::theme::Theme;
use super::widgets::{marker, para, truncate};
use crate::engine::report::{FigureRow, Source};
use crate::text;
use crate::tui::action::Action;
use crate::tui::state::{App, ContextPanel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Widest the screen grows: past this the columns only drift apart.
const MAX_WIDTH: u16 = 96;
/// Cells of the figure's name column (`events_per_day` and a space).
const NAME_W: usize = 16;
/// Cells of the value column (`$1,000,000/month` and a space).
const VALUE_W: usize = 18;

/// The context screen over the current screen.
pub struct ContextView<'a> {
    /// The app, for the session's design, pack and keys.
    pub app: &'a App,
    /// The selection and the edit in progress.
    pub panel: &'a ContextPanel,
    /// How to colour it.
    pub theme: Theme,
}

/// Where a figure comes from, in a few words. Stage ids come from pack
/// files, so they are cleaned before they reach the terminal.
fn source_text(s: &Source) -> String {
    match s {
        Source::Design => "this design".into(),
        Source::Stage(id) => format!("stage `{}`", text::label(id, 24)),
        Source::Assumed(why) => format!("assumed: {why}"),
        Source::Unset(why) => format!("not given: {why}"),
    }
}

fn source_style(s: &Source, t: &Theme) -> Style {
    match s {
        Source::Design => t.ok(),
        Source::Stage(_) => Style::new(),
        Source::Assumed(_) | Source::Unset(_) => t.dim(),
    }
}

impl ContextView<'_> {
    /// One row of the table; the selected row being edited shows the field
    /// in place of its value.
    fn row(&self, i: usize, r: &FigureRow, w: usize) -> Line<'static> {
        let t = &self.theme;
        let sel = i == self.panel.selected;
        let base = if sel { t.selected() } else { Style::new() };
        let name = format!("{:<NAME_W$}", r.figure.name);
        let mut spans = vec![Span::styled(marker(sel), base), Span::styled(name, base)];
        let rest = w.saturating_sub(2 + NAME_W);
        match self.panel.editing.as_deref().filter(|_| sel) {
            Some(typed) => {
                // Keep the end of what is typed in view, as the other fields do.
                let room = rest.saturating_sub(3);
                let n = typed.chars().count();
                let shown: String = typed.chars().skip(n.saturating_sub(room)).collect();
                spans.push(Span::styled("> ", t.key()));
                spans.push(Span::raw(shown));
                spans.push(Span::styled("█", t.key()));
            }
            None => {
                let value = r
                    .value
                    .map(|v| r.figure.unit.show(v))
                    .unwrap_or_else(|| "none".into());
                spans.push(Span::styled(
                    format!("{:<VALUE_W$}", truncate(&value, VALUE_W - 1)),
                    base,
                ));
                let from = source_text(&r.source);
                let style = if sel {
                    base
                } else {
                    source_style(&r.source, t)
                };
                spans.push(Span::styled(
                    truncate(&from, rest.saturating_sub(VALUE_W)),
                    style,
                ));
            }
        }
        Line::from(spans)
    }
}

impl Widget for ContextView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let app = self.app;
        let Some(s) = app.session.as_ref() else {
            return;
        };
        let pack = app.pack();
        let rows = &s.report.context.figures;
        let mw = area.width.saturating_sub(2).min(MAX_WIDTH);
        let w = mw.saturating_sub(2) as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let judged = match (pack, &s.report.context.stage) {
            (Some(p), Some(st)) => format!(
                "Judged at stage `{}` of `{}`; the design's own figures win.",
                text::label(st, 24),
                text::label(&p.id, 32)
            ),
            (Some(p), None) => format!(
                "Judged by `{}`; the design's own figures win.",
                text::label(&p.id, 32)
            ),
            (None, _) => "No scenario: what the design gives, or an assumed figure.".into(),
        };
        lines.extend(para(&judged, w, 0, t.dim()));
        // The selected row's line, kept in view in a short window.
        let sel_line = lines.len() + 1 + self.panel.selected;
        lines.push(Line::from(Span::styled(
            format!("  {:<NAME_W$}{:<VALUE_W$}from", "figure", "value"),
            t.title(),
        )));
        for (i, r) in rows.iter().enumerate() {
            lines.push(self.row(i, r, w));
        }
        lines.push(Line::raw(""));
        if let Some(r) = rows.get(self.panel.selected) {
            let own = match r.own {
                Some(v) if Some(v) != r.value => {
                    format!(" (the design says {})", r.figure.unit.show(v))
                }
                _ => String::new(),
            };
            lines.extend(para(
                &format!("{}: {}{own}", r.figure.name, r.figure.about),
                w,
                0,
                Style::new(),
            ));
        }
        let k = |a: &Action| app.keys.first_key(a).unwrap_or_else(|| "?".into());
        if self.panel.editing.is_some() {
            lines.extend(para(
                "Type 50000, 50,000, $800 or 99.9%; - goes back to the stage's or the assumed figure. Enter saves, Esc cancels.",
                w,
                0,
                t.dim(),
            ));
        }
        if let Some(e) = &self.panel.error {
            lines.extend(para(&format!("error: {}", text::line(e)), w, 0, t.error()));
        }
        if self.panel.editing.is_none() {
            lines.extend(para(
                &format!(
                    "{} edits · {} clears (back to the stage's or assumed figure) · {} undoes · {} closes",
                    k(&Action::Confirm),
                    k(&Action::Delete),
                    k(&Action::Undo),
                    k(&Action::Cancel)
                ),
                w,
                0,
                t.dim(),
            ));
        }
        let inner = modal(
            area,
            buf,
            mw,
            (lines.len() as u16 + 2).min(area.height),
            "Context: the figures judged against",
            t,
        );
        let skip = (sel_line + 1).saturating_sub(inner.height as usize);
        Paragraph::new(lines)
            .scroll((skip.min(u16::MAX as usize) as u16, 0))
            .render(inner, buf);
    }
}
