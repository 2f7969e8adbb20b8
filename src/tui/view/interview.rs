//! What interview mode draws: the phase bar in place of the score bar, the
//! questions pane where the candidate types instead of picking, the
//! placeholders for what waits for wrap-up, and the round's times in the
//! report.

use super::theme::Theme;
use super::widgets::{clock, pane, para, truncate};
use crate::model::interview::{InterviewLog, Phase};
use crate::text;
use crate::tui::action::Action;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The current phase's time: (spent, budget) in seconds.
fn current(log: &InterviewLog) -> (u64, u64) {
    log.phase_log(log.phase)
        .map(|p| (p.spent_s, p.budget_s))
        .unwrap_or_default()
}

/// "03:12 left" or "+01:20 over" for the current phase, and whether it is over.
fn left(log: &InterviewLog) -> (String, bool) {
    let (spent, budget) = current(log);
    if spent > budget {
        (format!("+{} over", clock(spent - budget)), true)
    } else {
        (format!("{} left", clock(budget - spent)), false)
    }
}

/// The header's clock in an interview: the round's time on its own clock.
pub(super) fn header_time(app: &App) -> Option<String> {
    let log = app.interview()?;
    let pause = if log.paused { "paused " } else { "" };
    Some(format!(
        "{pause}{}/{}",
        clock(log.spent_s()),
        clock(log.budget_s())
    ))
}

/// The phase bar, longest first; the first that fits is drawn.
pub(super) fn render_bar(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(log) = app.interview() else {
        return;
    };
    let width = area.width as usize;
    let line = (0..4)
        .map(|level| bar_spans(app, log, t, level))
        .find(|spans| {
            spans
                .iter()
                .map(|s| s.content.chars().count())
                .sum::<usize>()
                <= width
        })
        .unwrap_or_else(|| bar_spans(app, log, t, 4));
    Paragraph::new(Line::from(line)).render(area, buf);
}

fn bar_spans(app: &App, log: &InterviewLog, t: &Theme, level: u8) -> Vec<Span<'static>> {
    let k = |a: &Action| app.keys.first_key(a);
    let sep = || Span::styled(" │ ", t.dim());
    let (left, over) = left(log);
    let now_style = if log.paused {
        t.dim()
    } else if over {
        t.error()
    } else {
        t.selected()
    };
    let n = log.phase.index() + 1;
    let mut spans = vec![Span::styled(" interview", t.title())];
    if level == 0 {
        // Every phase: done ones with their time, the current one with its
        // time left, the rest dim.
        for p in Phase::ALL {
            spans.push(sep());
            if p == log.phase {
                spans.push(Span::styled(format!("▶ {} {left}", p.title()), now_style));
            } else if p < log.phase {
                let spent = log.phase_log(p).map(|l| l.spent_s).unwrap_or(0);
                spans.push(Span::styled(
                    format!("✓ {} {}", p.title(), clock(spent)),
                    t.dim(),
                ));
            } else {
                spans.push(Span::styled(p.title().to_string(), t.dim()));
            }
        }
    } else if level <= 3 {
        spans.push(sep());
        let label = if level == 3 {
            format!("▶ {} {left}", log.phase.title())
        } else {
            format!("▶ {n}/5 {} · {left}", log.phase.title())
        };
        spans.push(Span::styled(label, now_style));
        if level == 1
            && let Some(next) = log.phase.next()
        {
            spans.push(Span::styled(format!(" · next: {}", next.title()), t.dim()));
        }
    } else {
        spans = vec![Span::styled(
            format!(" ▶ {} {left}", log.phase.title()),
            now_style,
        )];
    }
    if log.paused && level <= 3 {
        spans.push(sep());
        spans.push(Span::styled("⏸ paused", t.error()));
    }
    if log.revealed() && level <= 3 {
        if let Some(s) = app.session.as_ref() {
            let v = s.report.scores.overall;
            spans.push(sep());
            spans.push(Span::raw("score "));
            spans.push(Span::styled(v.to_string(), t.score(v)));
        }
    } else if level <= 2 {
        let mut keys = Vec::new();
        if let Some(p) = k(&Action::TogglePause) {
            keys.push(format!(
                "{p} {}",
                if log.paused { "resume" } else { "pause" }
            ));
        }
        if let Some(nk) = k(&Action::NextPhase) {
            keys.push(format!("{nk} next phase"));
        }
        if !keys.is_empty() {
            spans.push(sep());
            spans.push(Span::styled(keys.join(" · "), t.dim()));
        }
    }
    spans
}

/// The questions pane of an interview: no list of what may be asked, only
/// what the candidate asked, in their words, and how it went.
pub(super) fn render_questions(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(log) = app.interview() else {
        return;
    };
    let focused = app.session.as_ref().is_some_and(|s| !s.brief.facts_focus);
    let answered = log.typed.iter().filter(|q| !q.matched.is_empty()).count();
    let title = format!(" Your questions ({answered} answered) ");
    let block = pane(Span::styled(title, t.title()), focused, t);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    let k = app
        .keys
        .first_key(&Action::Confirm)
        .unwrap_or_else(|| "enter".into());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{k} "), t.key()),
        Span::styled(
            truncate(
                "to ask the interviewer",
                w.saturating_sub(k.chars().count() + 1),
            ),
            t.dim(),
        ),
    ])];
    lines.push(Line::raw(""));
    // Newest first, as many as fit.
    for q in log.typed.iter().rev() {
        let (mark, style) = if q.matched.is_empty() {
            ("✗ ", t.dim())
        } else {
            ("✓ ", Style::new())
        };
        lines.push(Line::from(Span::styled(
            format!(
                "{mark}{}",
                truncate(&text::line(&q.text), w.saturating_sub(2))
            ),
            style,
        )));
        if q.matched.is_empty() {
            let reply = format!("“{}”", crate::tui::interview_mode::DECLINE);
            lines.extend(para(&reply, w, 2, t.dim()));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

/// A pane that says what waits for wrap-up.
pub(super) fn render_locked(
    app: &App,
    t: &Theme,
    title: &str,
    what: &str,
    area: Rect,
    buf: &mut Buffer,
) {
    let block = pane(Span::styled(format!(" {title} "), t.title()), false, t);
    let inner = block.inner(area);
    block.render(area, buf);
    let k = app
        .keys
        .first_key(&Action::NextPhase)
        .unwrap_or_else(|| ":phase".into());
    let phase = app.interview().map(|l| l.phase.title()).unwrap_or_default();
    let msg = format!(
        "{what} at wrap-up, as in a real interview. Now: {phase}; {k} moves on to the next phase."
    );
    Paragraph::new(para(&msg, inner.width as usize, 0, t.dim())).render(inner, buf);
}

/// The report's account of the round: each phase's time against its
/// budget, and the questions the interviewer declined.
pub(super) fn report_lines(log: &InterviewLog, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled("Interview", t.title()))];
    for p in &log.phases {
        let over = p.spent_s > p.budget_s;
        lines.push(Line::from(vec![
            Span::raw(format!("{:<18}", p.phase.title())),
            Span::styled(
                format!("{} of {}", clock(p.spent_s), clock(p.budget_s)),
                if over { t.error() } else { Style::new() },
            ),
        ]));
    }
    let asked = log.typed.len();
    let declined: Vec<String> = log
        .typed
        .iter()
        .filter(|q| q.matched.is_empty())
        .map(|q| text::line(&q.text))
        .collect();
    lines.push(Line::from(Span::styled(
        format!(
            "questions typed: {asked}, answered: {}",
            asked - declined.len()
        ),
        t.dim(),
    )));
    if !declined.is_empty() {
        lines.extend(para(
            &format!("declined: {}", declined.join("; ")),
            w,
            0,
            t.dim(),
        ));
    }
    lines.push(Line::raw(""));
    lines
}

/// The status line's hint in an interview, where it differs from practice.
pub(super) fn idle_hint(app: &App) -> Option<String> {
    let log = app.interview()?;
    if log.paused {
        let k = app
            .keys
            .first_key(&Action::TogglePause)
            .unwrap_or_else(|| ":pause".into());
        return Some(format!(
            "paused: the clock, edits and questions wait ({k} resumes)"
        ));
    }
    use crate::tui::state::Screen;
    match app.screen {
        Screen::Brief => {
            Some("Enter asks the interviewer; the facts you get appear on the right".into())
        }
        Screen::Decisions => Some(
            "Enter chooses; the consequence and the reasoning show once you have chosen".into(),
        ),
        Screen::Report if !log.revealed() => Some("the report opens at wrap-up".into()),
        Screen::Design if !log.revealed() => {
            Some("draw and explain; the interviewer's verdict comes at wrap-up".into())
        }
        _ => None,
    }
}
