//! The stage diff over the current screen: "a year later", what the same
//! design now gets wrong, what the numbers now justify, what stopped being
//! a problem, the scores before and after, and what the pack's reference
//! design does at the new stage.

use super::modal;
use super::theme::Theme;
use super::widgets::para;
use crate::text;
use crate::tui::action::Action;
use crate::tui::growth::{Change, StageDiff};
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Widest the overlay grows.
const MAX_WIDTH: u16 = 110;

/// The stage diff overlay.
pub struct GrowthView<'a> {
    /// The app, for the reference design and keys.
    pub app: &'a App,
    /// What changed.
    pub diff: &'a StageDiff,
    /// How to colour it.
    pub theme: Theme,
}

impl GrowthView<'_> {
    fn section(
        &self,
        lines: &mut Vec<Line<'static>>,
        title: &str,
        items: &[Change],
        none: &str,
        w: usize,
    ) {
        let t = &self.theme;
        lines.push(Line::from(Span::styled(
            format!("{title} ({})", items.len()),
            t.title(),
        )));
        if items.is_empty() {
            lines.extend(para(none, w, 2, t.dim()));
        }
        for c in items {
            let head = format!("{} {}: ", c.severity.as_str(), c.rule);
            let wrapped = para(&format!("{head}{}", c.message), w, 2, Style::new());
            for (i, l) in wrapped.into_iter().enumerate() {
                if i == 0 {
                    lines.push(Line::from(vec![Span::styled(
                        l.to_string(),
                        t.severity(c.severity),
                    )]));
                } else {
                    lines.push(l);
                }
            }
        }
        lines.push(Line::raw(""));
    }
}

impl Widget for GrowthView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let d = self.diff;
        let mw = area.width.saturating_sub(2).min(MAX_WIDTH);
        let w = mw.saturating_sub(2) as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let lead = if d.forward {
            format!(
                "It's later: {} → {}. The same design, judged against the new numbers.",
                d.from, d.to
            )
        } else {
            format!(
                "Back to {} (from {}): the same design, judged again.",
                d.to, d.from
            )
        };
        lines.extend(para(&lead, w, 0, Style::new()));
        let scores: Vec<String> = d
            .scores
            .iter()
            .map(|(c, a, b)| {
                if a == b {
                    format!("{c} {b}")
                } else {
                    format!("{c} {a}→{b}")
                }
            })
            .collect();
        lines.extend(para(&scores.join(" · "), w, 0, t.dim()));
        lines.push(Line::raw(""));
        self.section(
            &mut lines,
            "Now a problem",
            &d.new_problems,
            "nothing new: the design holds at these numbers",
            w,
        );
        self.section(
            &mut lines,
            "Now justified (was over-engineering)",
            &d.justified,
            "none",
            w,
        );
        self.section(&mut lines, "No longer a problem", &d.resolved, "none", w);
        lines.push(Line::from(Span::styled(
            "The reference at this stage",
            t.title(),
        )));
        let s = self.app.session.as_ref();
        let reference = s
            .and_then(|s| s.report_view.reference.as_ref())
            .filter(|r| r.report.context.stage.as_deref() == Some(d.to_id.as_str()));
        match (
            reference,
            s.and_then(|s| s.report_view.reference_error.as_ref()),
        ) {
            (Some(r), _) => {
                let ours: Vec<&str> = s
                    .map(|s| {
                        s.design
                            .components
                            .iter()
                            .map(|c| c.kind.as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                let mut extra: Vec<String> = r
                    .design
                    .components
                    .iter()
                    .filter(|c| !ours.contains(&c.kind.as_str()))
                    .map(|c| {
                        if c.replicas > 1 {
                            format!("{} x{}", text::line(&c.kind), c.replicas)
                        } else {
                            text::line(&c.kind)
                        }
                    })
                    .collect();
                extra.dedup();
                lines.extend(para(
                    &format!(
                        "{} scores {} here with {} components.",
                        text::line(&r.file),
                        r.report.scores.overall,
                        r.design.components.len()
                    ),
                    w,
                    2,
                    Style::new(),
                ));
                if !r.summary.trim().is_empty() {
                    lines.extend(para(&text::line(&r.summary), w, 2, t.dim()));
                }
                lines.extend(para(
                    &if extra.is_empty() {
                        "It uses no kind of component your design lacks.".to_string()
                    } else {
                        format!("It has what yours lacks: {}.", extra.join(", "))
                    },
                    w,
                    2,
                    Style::new(),
                ));
            }
            (None, Some(e)) => lines.extend(para(
                &format!("not available: {}", text::line(e)),
                w,
                2,
                t.dim(),
            )),
            (None, None) => lines.extend(para("loading…", w, 2, t.dim())),
        }
        lines.push(Line::raw(""));
        let k = |a: &Action| self.app.keys.first_key(a).unwrap_or_else(|| "?".into());
        lines.extend(para(
            &format!(
                "{}/{} scroll · {} closes · {} moves on again · {} compares with the reference on the report",
                k(&Action::MoveUp),
                k(&Action::MoveDown),
                k(&Action::Cancel),
                k(&Action::CycleStage),
                k(&Action::RevealReference)
            ),
            w,
            0,
            t.dim(),
        ));
        let total = lines.len();
        let h = (total as u16 + 2).min(area.height);
        let inner = modal(area, buf, mw, h, &format!("A stage on: {}", d.to), t);
        let max = total.saturating_sub(inner.height as usize);
        let skip = d.scroll.min(max);
        Paragraph::new(lines)
            .scroll((skip.min(u16::MAX as usize) as u16, 0))
            .render(inner, buf);
    }
}
