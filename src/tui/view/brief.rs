//! The brief and clarifying questions: the interviewer's words, the questions
//! you can ask, and the facts revealed so far.

use super::theme::Theme;
use super::widgets::{marker, more_below, pane, para, reflow, rows, scrolled, truncate, wrap};
use crate::text;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The brief screen widget.
pub struct BriefView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

/// The brief, the questions and the facts panes.
fn areas(area: Rect) -> [Rect; 3] {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let [brief_area, q_area] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(left);
    [brief_area, q_area, right]
}

/// The facts pane of the brief drawn in `area`.
pub(super) fn facts_area(area: Rect) -> Rect {
    areas(area)[2]
}

/// The question list's rows and each question's height in lines (the
/// selected one wraps), as the view draws them.
pub(super) fn question_rows(app: &App, area: Rect) -> Option<(Rect, Vec<usize>)> {
    let (p, s) = (app.pack()?, app.session.as_ref()?);
    // An interview lists no questions to click.
    if app.in_interview() {
        return None;
    }
    let [_, q_area, _] = areas(area);
    let inner = q_area.inner(ratatui::layout::Margin::new(1, 1));
    let w = inner.width as usize;
    let heights = p
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            if i == s.brief.question_sel {
                wrap(&text::line(&q.ask), w.saturating_sub(4)).len().max(1)
            } else {
                1
            }
        })
        .collect();
    Some((inner, heights))
}

impl Widget for BriefView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let (Some(p), Some(s)) = (self.app.pack(), self.app.session.as_ref()) else {
            let block = pane(Span::styled(" Brief ", t.title()), true, t);
            let inner = block.inner(area);
            block.render(area, buf);
            let msg = "This design has no scenario, so there is no brief or questions. Press 2 for the editor.";
            Paragraph::new(para(msg, inner.width as usize, 0, t.dim())).render(inner, buf);
            return;
        };
        let [brief_area, q_area, right] = areas(area);

        let block = pane(Span::styled(" Brief ", t.title()), false, t);
        let inner = block.inner(brief_area);
        block.render(brief_area, buf);
        let lines = para(
            &reflow(&text::clean(&p.brief)),
            inner.width as usize,
            0,
            Style::new(),
        );
        if scrolled(inner, buf, lines, s.brief.brief_scroll) {
            let k = self
                .app
                .keys
                .first_key(&crate::tui::action::Action::PageDown)
                .unwrap_or_default();
            more_below(brief_area, buf, &format!("▼ {k}"), t);
        }

        if self.app.in_interview() {
            super::interview::render_questions(self.app, t, q_area, buf);
        } else {
            self.questions(q_area, buf);
        }
        self.facts(right, buf);
    }
}

impl BriefView<'_> {
    /// The pack's questions to pick from (practice).
    fn questions(&self, q_area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let (Some(p), Some(s)) = (self.app.pack(), self.app.session.as_ref()) else {
            return;
        };
        let asked = &s.design.asked;
        let title = format!(
            " Questions ({} of {} asked) ",
            asked.len(),
            p.questions.len()
        );
        let block = pane(Span::styled(title, t.title()), !s.brief.facts_focus, t);
        let inner = block.inner(q_area);
        block.render(q_area, buf);
        let w = inner.width as usize;
        let items: Vec<Vec<Line<'static>>> = p
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let sel = i == s.brief.question_sel;
                let done = asked.contains(&q.id);
                let tick = if done { "✓ " } else { "  " };
                let base = if sel {
                    t.selected()
                } else if done {
                    t.dim()
                } else {
                    Style::new()
                };
                let text = text::line(&q.ask);
                if sel {
                    wrap(&text, w.saturating_sub(4))
                        .into_iter()
                        .enumerate()
                        .map(|(j, l)| {
                            let lead = if j == 0 {
                                format!("{}{tick}", marker(true))
                            } else {
                                "    ".into()
                            };
                            Line::from(Span::styled(format!("{lead}{l}"), base))
                        })
                        .collect()
                } else {
                    vec![Line::from(Span::styled(
                        format!(
                            "{}{tick}{}",
                            marker(false),
                            truncate(&text, w.saturating_sub(4))
                        ),
                        base,
                    ))]
                }
            })
            .collect();
        rows(inner, buf, items, Some(s.brief.question_sel));
    }

    /// The facts revealed so far, newest first.
    fn facts(&self, right: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let (Some(p), Some(s)) = (self.app.pack(), self.app.session.as_ref()) else {
            return;
        };
        let asked = &s.design.asked;
        let block = pane(
            Span::styled(" Facts (newest first) ", t.title()),
            s.brief.facts_focus,
            t,
        );
        let inner = block.inner(right);
        block.render(right, buf);
        let w = inner.width as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        if asked.is_empty() {
            // An interview gives no hint of what to ask.
            let empty = if self.app.in_interview() {
                "Nothing asked yet. What the interviewer tells you appears here."
            } else {
                "Nothing asked yet. A senior engineer asks about users, volume, latency, the team and the budget before drawing a box."
            };
            lines.extend(para(empty, w, 0, t.dim()));
        }
        for id in asked.iter().rev() {
            let Some(q) = p.question(id) else { continue };
            lines.extend(para(&text::line(&q.ask), w, 0, t.title()));
            lines.extend(para(&text::line(&q.answer), w, 2, Style::new()));
            lines.push(Line::raw(""));
        }
        if scrolled(inner, buf, lines, s.brief.facts_scroll) {
            // Unfocused, Tab gives the pane the keys; focused, the arrows scroll.
            let a = if s.brief.facts_focus {
                crate::tui::action::Action::MoveDown
            } else {
                crate::tui::action::Action::NextPane
            };
            let k = self.app.keys.first_key(&a).unwrap_or_default();
            more_below(right, buf, &format!("▼ {k}, wheel"), t);
        }
    }
}
