//! The report: score gauges, metrics, findings by severity (under the
//! diagram while it shows), and the pack's reference design side by side
//! once revealed.

use super::diagram_pane::DiagramPane;
use super::editor::glyph;
use super::theme::Theme;
use super::widgets::{Lines, bar, more_below, pane, para, scrolled};
use crate::engine::report::{Report, Scores};
use crate::model::Severity;
use crate::model::num::fmt;
use crate::text;
use crate::tui::action::Action;
use crate::tui::state::{App, Session};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The report widget.
pub struct ReportView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

fn score_rows(s: &Scores) -> Vec<(&'static str, Option<u32>)> {
    vec![
        ("overall", Some(s.overall)),
        ("over-engineering", Some(s.over_engineering)),
        ("resilience", Some(s.resilience)),
        ("consistency", Some(s.consistency)),
        ("capacity", Some(s.capacity)),
        ("discovery", s.discovery),
    ]
}

/// Scores on the left, findings on the right.
fn areas(area: Rect) -> [Rect; 2] {
    let left_w = if area.width >= 110 {
        48
    } else {
        (area.width * 45 / 100).max(30)
    };
    Layout::horizontal([Constraint::Length(left_w), Constraint::Min(10)]).areas(area)
}

/// Scores, diagram and findings, when the diagram shows: the diagram across
/// the top, as tall as the drawing needs (`rows`) within 5 rows and half
/// the height, then scores and findings side by side.
pub(super) fn diagram_areas(area: Rect, rows: u32) -> [Rect; 3] {
    let max = (area.height / 2).max(5);
    let want = u16::try_from(rows.saturating_add(2)).unwrap_or(u16::MAX);
    let [d, rest] =
        Layout::vertical([Constraint::Length(want.clamp(5, max)), Constraint::Min(3)]).areas(area);
    let [left, right] = areas(rest);
    [left, d, right]
}

impl Widget for ReportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(s) = self.app.session.as_ref() else {
            return;
        };
        if !self.app.revealed() {
            let what = "Scores, findings, fixes and the reference design come";
            super::interview::render_locked(self.app, &self.theme, "Report", what, area, buf);
            return;
        }
        let (left, findings) = if s.diagram.shown {
            let [left, d, f] = diagram_areas(area, super::diagram_pane::rows(self.app));
            DiagramPane {
                app: self.app,
                theme: self.theme,
                focused: false,
            }
            .render(d, buf);
            (left, f)
        } else {
            let [left, right] = areas(area);
            (left, right)
        };
        match (&s.report_view.reference, s.report_view.show_reference) {
            (Some(r), true) => self.compare(s, r, left, buf),
            _ => self.scores(s, left, buf),
        }
        self.findings(s, findings, buf);
    }
}

impl ReportView<'_> {
    fn scores(&self, s: &Session, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let block = pane(Span::styled(" Scores ", t.title()), false, t);
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        let r = &s.report;
        let bar_w = w.saturating_sub(21).clamp(4, 24);
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (name, v) in score_rows(&r.scores) {
            match v {
                Some(v) => lines.push(Line::from(vec![
                    Span::raw(format!("{name:<17}")),
                    Span::styled(format!("{v:>3} "), t.score(v)),
                    Span::styled(bar(v, bar_w), t.score(v)),
                ])),
                None => lines.push(Line::from(Span::styled(
                    format!("{name:<17}  - (ask questions to score)"),
                    t.dim(),
                ))),
            }
        }
        if let Some(d) = &s.report.discovery {
            if !d.key_missed.is_empty() {
                lines.extend(para(
                    &format!("missed key questions: {}", d.key_missed.join(", ")),
                    w,
                    0,
                    t.dim(),
                ));
            }
            if !d.key_asked_late.is_empty() {
                lines.extend(para(
                    &format!("asked after drawing: {}", d.key_asked_late.join(", ")),
                    w,
                    0,
                    t.dim(),
                ));
            }
            if !d.distractors.is_empty() {
                lines.extend(para(
                    &format!("distractors asked: {}", d.distractors.join(", ")),
                    w,
                    0,
                    t.dim(),
                ));
            }
        }
        lines.push(Line::raw(""));
        // The round's times and declined questions, before the metrics.
        if let Some(log) = self.app.interview() {
            lines.extend(super::interview::report_lines(log, w, t));
        }
        lines.push(Line::from(Span::styled("Metrics", t.title())));
        let m = &r.metrics;
        let budget = r
            .context
            .budget_usd_per_month
            .map(|b| format!(" (budget ${})", fmt(b)))
            .unwrap_or_default();
        lines.extend(para(
            &format!("cost: ${}/month{budget}", fmt(m.monthly_cost_usd)),
            w,
            0,
            Style::new(),
        ));
        lines.extend(para(
            &format!(
                "operations: {} h/month (team has {})",
                fmt(m.ops_hours_per_month),
                fmt(m.team_ops_hours_per_month)
            ),
            w,
            0,
            Style::new(),
        ));
        let spofs = if m.spofs.is_empty() {
            "none".to_string()
        } else {
            m.spofs.join(", ")
        };
        lines.extend(para(
            &format!("single points of failure: {spofs}"),
            w,
            0,
            Style::new(),
        ));
        let mut busy: Vec<(&String, &f64)> = m.utilisation.iter().collect();
        busy.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = busy
            .iter()
            .take(3)
            .map(|(id, u)| format!("{id} {}%", (*u * 100.0).round()))
            .collect();
        if !top.is_empty() {
            lines.extend(para(
                &format!("busiest: {}", top.join(", ")),
                w,
                0,
                Style::new(),
            ));
        }
        let c = &r.context;
        let stage = c.stage.clone().unwrap_or_else(|| "own numbers".into());
        lines.extend(para(
            &format!(
                "judged at {stage}: {} users, {} rps at peak, {} engineer{}",
                fmt(c.users),
                fmt(c.peak_rps),
                fmt(c.engineers),
                if c.engineers == 1.0 { "" } else { "s" }
            ),
            w,
            0,
            t.dim(),
        ));
        lines.push(Line::raw(""));
        let k = self
            .app
            .keys
            .first_key(&Action::RevealReference)
            .unwrap_or_else(|| ":reference".into());
        let hint = match &s.report_view.reference_error {
            Some(e) => format!("reference design unavailable: {e}"),
            None => format!("{k}: compare with the reference design"),
        };
        lines.extend(para(&hint, w, 0, t.key()));
        Paragraph::new(lines).render(inner, buf);
    }

    fn compare(&self, s: &Session, r: &crate::tui::state::Reference, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let block = pane(Span::styled(" You vs the reference ", t.title()), true, t);
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        let mut lines = vec![Line::from(Span::styled(
            format!("{:<17}{:>6}{:>11}", "", "you", "reference"),
            t.dim(),
        ))];
        let yours = score_rows(&s.report.scores);
        let theirs = score_rows(&r.report.scores);
        for ((name, a), (_, b)) in yours.into_iter().zip(theirs) {
            let cell = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
            lines.push(Line::from(vec![
                Span::raw(format!("{name:<17}")),
                Span::styled(
                    format!("{:>6}", cell(a)),
                    a.map(|v| t.score(v)).unwrap_or_default(),
                ),
                Span::styled(
                    format!("{:>11}", cell(b)),
                    b.map(|v| t.score(v)).unwrap_or_default(),
                ),
            ]));
        }
        let row = |name: &str, a: String, b: String| Line::raw(format!("{name:<17}{a:>6}{b:>11}"));
        let (ma, mb): (&Report, &Report) = (&s.report, &r.report);
        lines.push(row(
            "cost $/month",
            fmt(ma.metrics.monthly_cost_usd),
            fmt(mb.metrics.monthly_cost_usd),
        ));
        lines.push(row(
            "ops h/month",
            fmt(ma.metrics.ops_hours_per_month),
            fmt(mb.metrics.ops_hours_per_month),
        ));
        lines.push(row(
            "components",
            s.design.components.len().to_string(),
            r.design.components.len().to_string(),
        ));
        lines.push(row(
            "findings",
            ma.findings.len().to_string(),
            mb.findings.len().to_string(),
        ));
        lines.push(Line::raw(""));
        lines.extend(para(
            &format!("{}: {}", text::line(&r.design.name), text::line(&r.summary)),
            w,
            0,
            t.title(),
        ));
        let comps: Vec<String> = r
            .design
            .components
            .iter()
            .map(|c| {
                let n = if c.replicas > 1 {
                    format!(" ×{}", c.replicas)
                } else {
                    String::new()
                };
                format!("{} ({}{n})", c.id, c.kind)
            })
            .collect();
        lines.extend(para(&comps.join(", "), w, 0, Style::new()));
        let links: Vec<String> = r
            .design
            .links
            .iter()
            .map(|l| format!("{}→{} {}", l.from, l.to, l.mode))
            .collect();
        lines.extend(para(&links.join(", "), w, 0, t.dim()));
        Paragraph::new(lines).render(inner, buf);
    }

    fn findings(&self, s: &Session, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let r = &s.report;
        let block = pane(
            Span::styled(format!(" Findings ({}) ", r.findings.len()), t.title()),
            true,
            t,
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        // Formatting stops below the window: 16,884 findings at 10,000
        // components are megabytes of text for a screenful.
        let mut lines = Lines::upto(s.report_view.report_scroll, inner.height as usize);
        if r.findings.is_empty() {
            lines.extend(para("No findings at this stage.", w, 0, t.ok()));
        }
        for sev in Severity::WORST_FIRST {
            if lines.full() {
                break;
            }
            let group: Vec<_> = r.findings.iter().filter(|f| f.severity == sev).collect();
            if group.is_empty() {
                continue;
            }
            lines.push(Line::from(Span::styled(
                format!(
                    "{} {} ({})",
                    glyph(sev),
                    sev.as_str().to_uppercase(),
                    group.len()
                ),
                t.severity(sev),
            )));
            for f in group {
                if lines.full() {
                    break;
                }
                let comps = if f.components.is_empty() {
                    String::new()
                } else {
                    format!("[{}] ", f.components.join(", "))
                };
                lines.extend(para(
                    &format!("{comps}{}", text::line(&f.message)),
                    w,
                    2,
                    Style::new(),
                ));
                lines.extend(para(
                    &format!("→ {}", text::line(&f.suggestion)),
                    w,
                    4,
                    t.ok(),
                ));
            }
            lines.push(Line::raw(""));
        }
        for l in super::progress::report_lines(self.app, w, t) {
            lines.push(l);
        }
        if !r.accepted.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("ACCEPTED ({})", r.accepted.len()),
                t.dim(),
            )));
            for a in &r.accepted {
                lines.extend(para(
                    &format!("{}: {}", a.finding.rule, text::line(&a.reason)),
                    w,
                    2,
                    t.dim(),
                ));
            }
        }
        if let Some(fixes) = s.fixes.as_ref().filter(|f| !f.is_empty()) {
            lines.push(Line::from(Span::styled(
                format!("FIXES AND WHAT THEY BUY ({})", fixes.len()),
                t.title(),
            )));
            for f in fixes {
                lines.extend(para(&text::line(&f.summary), w, 2, Style::new()));
                lines.extend(para(&f.command, w, 4, t.key()));
            }
            lines.push(Line::raw(""));
        }
        if !r.availability.is_empty() {
            lines.push(Line::from(Span::styled("AVAILABILITY PER FLOW", t.title())));
            for a in &r.availability {
                let verdict = if a.meets_target { "meets" } else { "misses" };
                lines.extend(para(
                    &format!("{}: {verdict} {}%: {}", a.flow, a.target, a.arithmetic),
                    w,
                    2,
                    if a.meets_target {
                        t.ok()
                    } else {
                        t.severity(Severity::High)
                    },
                ));
                if !a.decoupled.is_empty() {
                    lines.extend(para(
                        &format!(
                            "behind a queue (delays, not errors): {}",
                            a.decoupled.join(", ")
                        ),
                        w,
                        4,
                        t.dim(),
                    ));
                }
            }
        }
        if scrolled(inner, buf, lines.into_vec(), s.report_view.report_scroll) {
            let k = self
                .app
                .keys
                .first_key(&Action::MoveDown)
                .unwrap_or_default();
            more_below(area, buf, &format!("▼ {k}"), t);
        }
    }
}
