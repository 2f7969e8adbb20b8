//! The home screen's progress panel: the selected scenario's attempts
//! (named, or dated), their scores over time, estimation accuracy, the
//! level reached, the findings that recur, and what to practise next.

use super::theme::Theme;
use super::widgets::{pane, para, truncate};
use crate::io::history::{self, Attempt};
use crate::text;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Most attempts listed (the latest).
const MAX_ROWS: usize = 4;

/// The progress panel for one scenario.
pub struct ProgressPanel<'a> {
    /// The app, for the records.
    pub app: &'a App,
    /// The scenario selected on the home screen.
    pub scenario: Option<&'a str>,
    /// How to colour it.
    pub theme: Theme,
}

/// Rows the panel wants at `width` columns, borders included.
pub fn height(app: &App, scenario: Option<&str>, width: u16, t: &Theme) -> u16 {
    let w = width.saturating_sub(2) as usize;
    lines(app, scenario, w, t).len() as u16 + 2
}

/// One attempt: its name or date, overall, the four categories, the level
/// reached.
fn row(a: &Attempt, t: &Theme) -> Line<'static> {
    let reached = a.reached.map(|l| l.id()).unwrap_or("-");
    let label = truncate(&a.label(), 12);
    let cats: String = a
        .scores
        .categories()
        .iter()
        .map(|(_, v)| format!("{v:>4}"))
        .collect();
    Line::from(vec![
        Span::raw(format!("{label:<12} ")),
        Span::styled(
            format!("{:>3}", a.scores.overall),
            t.score(a.scores.overall),
        ),
        Span::styled(format!("{cats}  {reached}"), t.dim()),
    ])
}

/// The panel's lines for the attempts on `scenario`.
fn lines(app: &App, scenario: Option<&str>, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let mine: Vec<&Attempt> = app
        .home
        .history
        .iter()
        .filter(|a| Some(a.scenario.as_str()) == scenario)
        .collect();
    let mut lines: Vec<Line<'static>> = Vec::new();
    if mine.is_empty() {
        lines.extend(para(
            "no finished attempt here yet; finish one to see your scores over time",
            w,
            0,
            t.dim(),
        ));
        return lines;
    }
    lines.push(Line::from(Span::styled(
        "attempt      all  oe  re  co  ca  level",
        t.dim(),
    )));
    for a in mine.iter().rev().take(MAX_ROWS).rev() {
        lines.push(row(a, t));
    }
    let (good, n) = history::accuracy(mine.iter().copied());
    let rec = history::recurring(mine.iter().copied());
    let mut facts = Vec::new();
    if n > 0 {
        facts.push(format!("estimates {good}/{n} within 2x"));
    }
    if let Some((r, c)) = rec.first() {
        facts.push(format!("recurring: {} ({c})", text::line(r)));
    }
    if !facts.is_empty() {
        lines.extend(para(&facts.join(" · "), w, 0, Style::new()));
    }
    let all: Vec<Attempt> = mine.iter().map(|a| (*a).clone()).collect();
    if let Some(next) = history::practise_next(&all) {
        lines.extend(para(&format!("next: {next}"), w, 0, t.dim()));
    }
    lines
}

impl Widget for ProgressPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let n = self
            .app
            .home
            .history
            .iter()
            .filter(|a| Some(a.scenario.as_str()) == self.scenario)
            .count();
        let block = pane(
            Span::styled(format!(" Progress ({n} attempts) "), t.title()),
            false,
            t,
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let lines = lines(self.app, self.scenario, inner.width as usize, t);
        Paragraph::new(lines).render(inner, buf);
    }
}

/// The report's lines on the level judged at (what it expects, shown or
/// not, and the level reached) and the estimates' grades; empty when the
/// pack states no levels and no estimate was made.
pub fn report_lines(app: &App, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(r) = crate::tui::progress::level_report(app) {
        let shown = r.met.iter().filter(|m| m.shown).count();
        let reached = r
            .reached
            .map(|l| format!("; reached: {}", l.id()))
            .unwrap_or_else(|| "; no level reached yet".into());
        lines.push(Line::from(Span::styled(
            format!(
                "LEVEL {}: {shown} of {} shown{reached}",
                r.level.id().to_uppercase(),
                r.met.len()
            ),
            t.title(),
        )));
        for m in &r.met {
            let (mark, style) = if m.shown {
                ("✓", t.ok())
            } else {
                ("✗", t.error())
            };
            let wrapped = para(
                &format!("{mark} {} ({})", text::line(&m.says), m.level.id()),
                w,
                2,
                Style::new(),
            );
            for (i, l) in wrapped.into_iter().enumerate() {
                lines.push(if i == 0 {
                    Line::from(Span::styled(l.to_string(), style))
                } else {
                    l
                });
            }
        }
        lines.push(Line::raw(""));
    }
    let [good, rough, off] = crate::tui::estimator::accuracy(app);
    if good + rough + off > 0 {
        let k = app
            .keys
            .first_key(&crate::tui::action::Action::OpenEstimator)
            .unwrap_or_else(|| ":estimate".into());
        lines.push(Line::from(Span::styled("ESTIMATES", t.title())));
        lines.extend(para(
            &format!(
                "{good} good (within 2x), {rough} rough (within 10x), {off} off; {k} shows each with the arithmetic"
            ),
            w,
            2,
            Style::new(),
        ));
        lines.push(Line::raw(""));
    }
    lines
}
