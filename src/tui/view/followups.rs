//! The follow-ups screen: the interviewer's question, the candidate's answer
//! beside the pack's "what a good answer covers" (once the drill has run),
//! and what the drill did to each flow, with the diagram highlighting what
//! went down or over capacity when the window has room for it.

use super::diagram_pane::DiagramPane;
use super::theme::Theme;
use super::widgets::{more_below, pane, para, scrolled};
use crate::engine::report::FlowImpact;
use crate::model::FlowStatus;
use crate::model::num::fmt;
use crate::text;
use crate::tui::action::Action;
use crate::tui::followups as fu;
use crate::tui::state::{App, Session};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The follow-ups widget.
pub struct FollowupsView<'a> {
    /// The app.
    pub app: &'a App,
    /// How to colour it.
    pub theme: Theme,
}

/// Narrowest body that draws the diagram beside the drill's flows.
const DIAGRAM_MIN_WIDTH: u16 = 100;
/// Shortest drill pane that draws the diagram beside the flows.
const DIAGRAM_MIN_HEIGHT: u16 = 12;

impl Widget for FollowupsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(s) = self.app.session.as_ref() else {
            return;
        };
        let drill = fu::current(self.app);
        let w = area.width.saturating_sub(2) as usize;
        let question = self.question_lines(s, w);
        let q_h = (question.len() as u16 + 2).min(area.height / 3).max(3);
        // The answers row is as tall as the longer of the two needs, within
        // 40% of the screen: the drill's flows get the rest.
        let half = (area.width / 2).saturating_sub(2) as usize;
        let need = drill
            .map(|d| {
                let mine = match &s.followups.editing {
                    Some(t) => format!("{t}█"),
                    None => fu::answer(self.app, &d.id)
                        .map(|a| text::line(&a.answer))
                        .unwrap_or_default(),
                };
                let mine = super::widgets::wrap(&mine, half).len();
                let model = super::widgets::wrap(&text::line(&d.expect), half).len();
                mine.max(model).max(2)
            })
            .unwrap_or(0);
        let m_h = (need as u16 + 2).min(area.height * 2 / 5).max(3);
        let [top, middle, bottom] = Layout::vertical([
            Constraint::Length(q_h),
            Constraint::Length(if drill.is_some() { m_h } else { 0 }),
            Constraint::Min(4),
        ])
        .areas(area);
        let t = &self.theme;
        let title = match drill {
            Some(_) => {
                let n = self.app.pack().map(|p| p.drills.len()).unwrap_or(0);
                format!(" Follow-up {} of {n} ", s.followups.index + 1)
            }
            None => " Drill ".to_string(),
        };
        self.paragraph(top, buf, &title, question, false);
        if let Some(d) = drill {
            let [mine, model] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(middle);
            self.answer(s, &d.id, mine, buf);
            let cw = model.width.saturating_sub(2) as usize;
            let lines = if fu::revealed(self.app, &d.id) {
                para(&text::line(&d.expect), cw, 0, Style::default())
            } else {
                para(
                    "Shown once the drill has run on your design: answer first, then Enter runs it.",
                    cw,
                    0,
                    t.dim(),
                )
            };
            self.paragraph(model, buf, " What a good answer covers ", lines, false);
            self.outcome(s, bottom, buf);
        } else {
            // No pack follow-up: a `:fail` / `:spike` run takes the whole body.
            let body = Rect {
                height: middle.height + bottom.height,
                ..middle
            };
            self.outcome(s, body, buf);
        }
    }
}

impl FollowupsView<'_> {
    /// The question, or for a session without follow-ups what ran.
    fn question_lines(&self, s: &Session, w: usize) -> Vec<Line<'static>> {
        let t = &self.theme;
        match fu::current(self.app) {
            Some(d) => {
                let mut lines = vec![Line::from(Span::styled(text::line(&d.title), t.title()))];
                lines.extend(para(&text::line(&d.question), w, 0, Style::default()));
                lines
            }
            None => {
                let what = s
                    .followups
                    .run
                    .as_ref()
                    .map(|r| r.label.clone())
                    .unwrap_or_else(|| "nothing has run yet".into());
                para(
                    &format!(
                        "{what}. This scenario has no follow-ups; :fail and :spike run drills."
                    ),
                    w,
                    0,
                    Style::default(),
                )
            }
        }
    }

    /// A bordered pane of wrapped lines, marked when more lie below.
    fn paragraph(
        &self,
        area: Rect,
        buf: &mut Buffer,
        title: &str,
        lines: Vec<Line<'static>>,
        focused: bool,
    ) {
        let t = &self.theme;
        let block = pane(Span::styled(title.to_string(), t.title()), focused, t);
        let inner = block.inner(area);
        block.render(area, buf);
        if scrolled(inner, buf, lines, 0) {
            more_below(area, buf, "▼", t);
        }
    }

    /// The candidate's answer, or the field while it is typed.
    fn answer(&self, s: &Session, id: &str, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let w = area.width.saturating_sub(2) as usize;
        let k = |a: &Action| self.app.keys.first_key(a).unwrap_or_else(|| "?".into());
        let (lines, focused) = match &s.followups.editing {
            Some(typed) => {
                let mut lines = para(&format!("{typed}█"), w, 0, Style::default());
                // Keep the end of a long answer, where the cursor is, in view.
                let room = area.height.saturating_sub(2) as usize;
                if lines.len() > room {
                    lines.drain(..lines.len() - room);
                }
                (lines, true)
            }
            None => match fu::answer(self.app, id).filter(|a| !a.answer.is_empty()) {
                Some(a) => (para(&text::line(&a.answer), w, 0, Style::default()), false),
                None => (
                    para(
                        &format!(
                            "{} to write your answer: what breaks, what holds, what you change.",
                            k(&Action::Confirm)
                        ),
                        w,
                        0,
                        t.dim(),
                    ),
                    false,
                ),
            },
        };
        self.paragraph(area, buf, " Your answer ", lines, focused);
    }

    /// What the drill did, per flow, beside the diagram when there is room;
    /// before it runs, what it will do.
    fn outcome(&self, s: &Session, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let current = fu::current(self.app);
        let run =
            s.followups.run.as_ref().filter(|r| {
                r.drill.is_none() || r.drill.as_deref() == current.map(|d| d.id.as_str())
            });
        let Some(run) = run else {
            let w = area.width.saturating_sub(2) as usize;
            let what = current.map(conditions).unwrap_or_default();
            let k = |a: &Action| self.app.keys.first_key(a).unwrap_or_else(|| "?".into());
            let msg = format!(
                "The drill ({what}) runs on your design as it is when you press {} after \
                 answering. Change the design first if your answer calls for it ({} opens \
                 the editor; come back with {}).",
                k(&Action::Confirm),
                k(&Action::ScreenDesign),
                k(&Action::ScreenFollowups),
            );
            self.paragraph(area, buf, " Drill ", para(&msg, w, 0, t.dim()), false);
            return;
        };
        let (list, diagram) = if area.width >= DIAGRAM_MIN_WIDTH
            && area.height >= DIAGRAM_MIN_HEIGHT
            && !s.design.components.is_empty()
        {
            let [l, d] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Min(20)]).areas(area);
            (l, Some(d))
        } else {
            (area, None)
        };
        let w = list.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        if let Some(d) = &run.report.drill {
            let mut facts = Vec::new();
            if !d.failed.is_empty() {
                facts.push(format!("down: {}", d.failed.join(", ")));
            }
            if !d.survived.is_empty() {
                facts.push(format!(
                    "lost an instance and kept going: {}",
                    d.survived.join(", ")
                ));
            }
            if !d.absent.is_empty() {
                facts.push(format!("not in your design: {}", d.absent.join(", ")));
            }
            let over: Vec<String> = run
                .highlight
                .iter()
                .filter(|c| !d.failed.contains(c))
                .cloned()
                .collect();
            if !over.is_empty() {
                facts.push(format!("over capacity: {}", over.join(", ")));
            }
            if d.spike != 1.0 {
                facts.push(format!("traffic x{}", fmt(d.spike)));
            }
            if !facts.is_empty() {
                lines.extend(para(&text::line(&facts.join(" · ")), w, 0, t.dim()));
            }
        }
        let [broken, delayed, ok] = run.grouped();
        for (head, flows, style) in [
            ("Breaks", broken, t.error()),
            ("Delayed or slow", delayed, t.flagged()),
            ("Holds", ok, t.ok()),
        ] {
            if flows.is_empty() {
                continue;
            }
            lines.push(Line::from(Span::styled(head.to_string(), style)));
            for f in flows {
                lines.extend(flow_lines(f, w, style));
            }
        }
        let title = format!(" Drill · {} ", text::line(&run.label));
        let title = text::truncate(&title, list.width.saturating_sub(2) as usize);
        self.paragraph(list, buf, &title, lines, false);
        if let Some(d) = diagram {
            DiagramPane {
                app: self.app,
                theme: self.theme,
                focused: false,
            }
            .render(d, buf);
        }
    }
}

/// One flow's verdict: `  id (STATUS): detail`, wrapped under the id.
fn flow_lines(f: &FlowImpact, w: usize, style: Style) -> Vec<Line<'static>> {
    let status = match f.status {
        FlowStatus::Broken => "broken",
        FlowStatus::Delayed => "delayed",
        FlowStatus::Degraded => "slow",
        FlowStatus::Ok => "ok",
    };
    let mut out = vec![Line::from(vec![
        Span::raw("  "),
        Span::styled(text::line(&f.flow), style),
        Span::raw(format!(" ({status})")),
    ])];
    out.extend(para(&text::line(&f.detail), w, 4, Style::default()));
    out
}

/// What a pack drill does, in a few words: "payment-gateway fails".
fn conditions(d: &crate::model::scenario::Drill) -> String {
    let mut parts = Vec::new();
    if !d.fail.is_empty() {
        parts.push(format!("{} fails", d.fail.join(", ")));
    }
    if let Some(x) = d.spike {
        parts.push(format!("traffic x{}", fmt(x)));
    }
    if let Some(st) = &d.stage {
        parts.push(format!("judged at stage {st}"));
    }
    text::line(&parts.join(", "))
}
