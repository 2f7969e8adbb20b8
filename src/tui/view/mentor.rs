//! The mentor view: on the left what the candidate's screens hold back (the
//! scores beside the reference's at the stage, the key questions not yet
//! asked, every hidden fact, the decisions' rubric); on the right the
//! findings a `:note` can go to, the notes, the follow-ups with their model
//! answers, and the changes since an earlier attempt. Text from packs and
//! designs goes through `crate::text` before it is drawn.

use super::theme::Theme;
use super::widgets::{marker, more_below, pane, para, scrolled};
use crate::engine::diff::diff;
use crate::model::notes::{NoteTarget, grouped};
use crate::text;
use crate::tui::action::Action;
use crate::tui::state::{App, Session};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The mentor view widget.
pub struct MentorView<'a> {
    /// The app.
    pub app: &'a App,
    /// How to colour it.
    pub theme: Theme,
}

impl Widget for MentorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (Some(s), Some(m)) = (self.app.session.as_ref(), self.app.mentor.as_ref()) else {
            return;
        };
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        let k = |a: &Action| self.app.keys.first_key(a).unwrap_or_else(|| "?".into());
        let title = format!(
            " Mentor view · hidden from the candidate · {} hides it ",
            k(&Action::ToggleMentor)
        );
        for (rect, title, lines) in [
            (left, title, self.hidden(s, inner_w(left))),
            (
                right,
                " Findings, notes, follow-ups, attempts ".to_string(),
                self.record(s, m, inner_w(right)),
            ),
        ] {
            let block = pane(Line::from(title), false, &self.theme);
            let inner = block.inner(rect);
            block.render(rect, buf);
            if scrolled(inner, buf, lines, m.scroll) {
                more_below(rect, buf, "PgDn more", &self.theme);
            }
        }
    }
}

fn inner_w(r: Rect) -> usize {
    r.width.saturating_sub(2) as usize
}

/// Wrapped text whose first line starts at the margin and whose further
/// lines are indented by `indent`, under a leading mark such as `- `.
fn hanging(text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    super::widgets::wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { "" } else { pad.as_str() };
            Line::from(Span::styled(format!("{lead}{l}"), style))
        })
        .collect()
}

impl MentorView<'_> {
    fn heading(&self, w: usize, text: &str) -> Vec<Line<'static>> {
        para(text, w, 0, self.theme.title())
    }

    /// Scores, questions, facts and the decisions' rubric.
    fn hidden(&self, s: &Session, w: usize) -> Vec<Line<'static>> {
        let t = &self.theme;
        let mut out = Vec::new();
        // The stage as the header shows it: its title, not its id.
        let stage = s
            .report
            .context
            .stage
            .as_deref()
            .map(|st| format!(" ({})", crate::tui::growth::title(self.app, Some(st))))
            .unwrap_or_default();
        out.extend(self.heading(w, &format!("Scores{stage}: mentee / reference")));
        let reference = s.report_view.reference.as_ref();
        let mine = &s.report.scores;
        let theirs = reference.map(|r| &r.report.scores);
        let rows: [(&str, u32, Option<u32>); 5] = [
            ("overall", mine.overall, theirs.map(|x| x.overall)),
            ("resilience", mine.resilience, theirs.map(|x| x.resilience)),
            (
                "consistency",
                mine.consistency,
                theirs.map(|x| x.consistency),
            ),
            ("capacity", mine.capacity, theirs.map(|x| x.capacity)),
            (
                "over-engineering",
                mine.over_engineering,
                theirs.map(|x| x.over_engineering),
            ),
        ];
        for (name, a, b) in rows {
            let b = b.map(|b| b.to_string()).unwrap_or_else(|| "-".into());
            out.push(Line::from(vec![
                Span::raw(format!("  {name:<17}")),
                Span::styled(format!("{a:>3}"), t.score(a)),
                Span::styled(format!(" / {b:>3}"), t.dim()),
            ]));
        }
        match (reference, &s.report_view.reference_error) {
            (Some(r), _) => out.extend(para(
                &format!("reference: {}", text::line(&r.file)),
                w,
                2,
                t.dim(),
            )),
            (None, Some(e)) => out.extend(para(
                &format!("no reference: {}", text::line(e)),
                w,
                2,
                t.error(),
            )),
            (None, None) => {
                out.extend(para("reference not loaded (Enter loads it)", w, 2, t.dim()))
            }
        }
        let Some(p) = self.app.pack() else {
            out.push(Line::raw(""));
            out.extend(para(
                "No scenario: no hidden facts, rubric or follow-ups.",
                w,
                0,
                t.dim(),
            ));
            return out;
        };
        let asked = |id: &str| s.design.asked.iter().any(|a| a == id);
        out.push(Line::raw(""));
        let missing: Vec<_> = p
            .questions
            .iter()
            .filter(|q| q.key && !asked(&q.id))
            .collect();
        out.extend(self.heading(
            w,
            &format!(
                "Key questions not yet asked ({} of {})",
                missing.len(),
                p.questions.iter().filter(|q| q.key).count()
            ),
        ));
        if missing.is_empty() {
            out.extend(para("all asked", w, 2, t.ok()));
        }
        for q in missing {
            let mut lines = hanging(
                &format!("- {}", text::line(&q.ask)),
                w.saturating_sub(2),
                2,
                t.flagged(),
            );
            for l in &mut lines {
                l.spans.insert(0, Span::raw("  "));
            }
            out.extend(lines);
        }
        out.push(Line::raw(""));
        out.extend(self.heading(w, "Hidden facts ([x] asked, * key, ~ distractor)"));
        for q in &p.questions {
            let mark = format!(
                "{}{}",
                if asked(&q.id) { "[x]" } else { "[ ]" },
                if q.key {
                    "*"
                } else if q.distractor {
                    "~"
                } else {
                    " "
                }
            );
            out.extend(hanging(
                &format!("{mark} {}", text::line(&q.ask)),
                w,
                5,
                Style::default(),
            ));
            out.extend(para(&text::line(&q.answer), w, 5, t.dim()));
        }
        out.push(Line::raw(""));
        out.extend(self.heading(w, "Decisions: chosen, and the options with no risk here"));
        let stage_id = s.report.context.stage.as_deref();
        for pr in &p.prompts {
            out.extend(para(&text::line(&pr.question), w, 0, Style::default()));
            let risk = |o: &crate::model::PromptOption| {
                stage_id
                    .and_then(|st| o.risk_by_stage.get(st))
                    .or(o.risk.as_ref())
                    .and_then(|r| r.severity())
            };
            match s
                .design
                .answers
                .get(&pr.id)
                .and_then(|a| pr.options.iter().find(|o| o.id == *a))
            {
                Some(o) => {
                    let (what, style) = match risk(o) {
                        Some(sev) => (format!("{sev} risk"), t.severity(sev)),
                        None => ("no risk".to_string(), t.ok()),
                    };
                    out.extend(para(
                        &format!("chosen: {} ({what})", text::line(&o.label)),
                        w,
                        2,
                        style,
                    ));
                }
                None => out.extend(para("not answered yet", w, 2, t.dim())),
            }
            let good: Vec<String> = pr
                .options
                .iter()
                .filter(|o| risk(o).is_none())
                .map(|o| text::line(&o.id))
                .collect();
            out.extend(para(&format!("good: {}", good.join(", ")), w, 2, t.dim()));
        }
        out
    }

    /// Findings with their notes, the other notes, the follow-ups and the
    /// diff against the earlier attempt.
    fn record(
        &self,
        s: &Session,
        m: &crate::tui::mentor::MentorState,
        w: usize,
    ) -> Vec<Line<'static>> {
        let t = &self.theme;
        let k = |a: &Action| self.app.keys.first_key(a).unwrap_or_else(|| "?".into());
        let mut out = Vec::new();
        out.extend(self.heading(
            w,
            &format!(
                "Findings ({} {} choose, :note TEXT notes the chosen one)",
                k(&Action::MoveUp),
                k(&Action::MoveDown)
            ),
        ));
        if s.report.findings.is_empty() {
            out.extend(para("no open findings", w, 2, t.ok()));
        }
        for (i, f) in s.report.findings.iter().enumerate() {
            let key = NoteTarget::finding(&f.rule, &f.components).key();
            let noted = s.design.notes.contains_key(&key);
            let comps = f
                .components
                .iter()
                .map(|c| text::line(c))
                .collect::<Vec<_>>()
                .join(", ");
            let line = format!(
                "{} {}{}{}",
                f.severity,
                text::line(&f.rule),
                if comps.is_empty() {
                    String::new()
                } else {
                    format!(" on {comps}")
                },
                if noted { "  [noted]" } else { "" }
            );
            let style = if i == m.finding_sel {
                t.selected()
            } else {
                t.severity(f.severity)
            };
            // `para` trims leading spaces: the unselected rows are indented
            // by it, the selected one carries the marker.
            if i == m.finding_sel {
                out.extend(hanging(&format!("{}{line}", marker(true)), w, 2, style));
                // The chosen finding's message: findings of one rule on no
                // component read alike without it.
                out.extend(para(&text::line(&f.message), w, 4, t.dim()));
            } else {
                out.extend(para(&line, w, 2, style));
            }
        }
        out.push(Line::raw(""));
        out.extend(self.heading(w, "Notes (:note [session|ID] TEXT)"));
        let notes = grouped(&s.design.notes);
        if notes.is_empty() {
            out.extend(para("none yet", w, 2, t.dim()));
        }
        for (target, note) in notes {
            out.extend(para(
                &format!("{target}: {}", text::line(note)),
                w,
                2,
                Style::default(),
            ));
        }
        if let Some(p) = self.app.pack().filter(|p| !p.drills.is_empty()) {
            out.push(Line::raw(""));
            out.extend(self.heading(w, "Follow-ups: answer / model answer"));
            for d in &p.drills {
                out.extend(para(&text::line(&d.title), w, 0, Style::default()));
                let answer = crate::tui::followups::answer(self.app, &d.id)
                    .map(|a| text::line(&a.answer))
                    .filter(|a| !a.is_empty());
                match answer {
                    Some(a) => out.extend(para(&format!("answer: {a}"), w, 2, t.ok())),
                    None => out.extend(para("answer: none yet", w, 2, t.dim())),
                }
                out.extend(para(
                    &format!("model: {}", text::line(&d.expect)),
                    w,
                    2,
                    t.dim(),
                ));
            }
        }
        out.push(Line::raw(""));
        match &m.against {
            None => {
                out.extend(self.heading(w, "Changes since an earlier attempt"));
                let n = crate::tui::mentor::earlier(self.app).len();
                out.extend(para(
                    &if n == 0 {
                        "no earlier attempt of this scenario in the sessions folder".to_string()
                    } else {
                        format!(
                            "{n} earlier attempt(s): {} {} choose one",
                            k(&Action::MoveLeft),
                            k(&Action::MoveRight)
                        )
                    },
                    w,
                    2,
                    t.dim(),
                ));
            }
            Some(a) => {
                out.extend(self.heading(
                    w,
                    &format!(
                        "Changes since {} ({} {} other attempts)",
                        text::line(&a.name),
                        k(&Action::MoveLeft),
                        k(&Action::MoveRight)
                    ),
                ));
                let d = diff(&a.design, &a.report, &s.design, &s.report);
                if d.is_empty() {
                    out.extend(para("no changes", w, 2, t.dim()));
                }
                for (title, lines) in crate::io::export::diff::sections(&d) {
                    out.extend(para(title, w, 0, Style::default()));
                    for l in lines {
                        // A finding opened is bad news, a component added is not.
                        let style = match (title, l.chars().next()) {
                            ("Findings opened", _) => t.flagged(),
                            ("Findings closed", _) => t.ok(),
                            (_, Some('+')) => t.ok(),
                            (_, Some('-')) => t.flagged(),
                            _ => t.dim(),
                        };
                        out.extend(para(&l, w, 2, style));
                    }
                }
            }
        }
        out
    }
}
