//! The constraint prompts: decisions with their options, the consequence of
//! each, and the reasoning once chosen.

use super::theme::Theme;
use super::widgets::{marker, pane, para, rows, truncate, wrap};
use crate::text;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The decisions screen widget.
pub struct DecisionsView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for DecisionsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let (Some(p), Some(s)) = (self.app.pack(), self.app.session.as_ref()) else {
            let block = pane(Span::styled(" Decisions ", t.title()), true, t);
            let inner = block.inner(area);
            block.render(area, buf);
            Paragraph::new(para(
                "This design has no scenario, so there are no constraint prompts.",
                inner.width as usize,
                0,
                t.dim(),
            ))
            .render(inner, buf);
            return;
        };
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
                .areas(area);
        let answered = p
            .prompts
            .iter()
            .filter(|pr| s.design.answers.contains_key(&pr.id))
            .count();
        let title = format!(" Decisions ({answered} of {} made) ", p.prompts.len());
        let block = pane(
            Span::styled(title, t.title()),
            !s.decisions.options_focus,
            t,
        );
        let inner = block.inner(left);
        block.render(left, buf);
        let w = inner.width as usize;
        let items: Vec<Vec<Line<'static>>> = p
            .prompts
            .iter()
            .enumerate()
            .map(|(i, pr)| {
                let sel = i == s.decisions.prompt_sel;
                let done = s.design.answers.contains_key(&pr.id);
                let base = if sel && !s.decisions.options_focus {
                    t.selected()
                } else {
                    Style::new()
                };
                let tick = if done { "✓ " } else { "  " };
                let mut lines = vec![Line::from(Span::styled(
                    format!(
                        "{}{tick}{}",
                        marker(sel),
                        truncate(&pr.id, w.saturating_sub(4))
                    ),
                    base,
                ))];
                let q = text::line(&pr.question);
                let body: Vec<String> = if sel {
                    wrap(&q, w.saturating_sub(4))
                } else {
                    vec![truncate(&q, w.saturating_sub(4))]
                };
                lines.extend(
                    body.into_iter()
                        .map(|l| Line::from(Span::styled(format!("    {l}"), t.dim()))),
                );
                lines
            })
            .collect();
        rows(inner, buf, items, Some(s.decisions.prompt_sel));

        let Some(pr) = p.prompts.get(s.decisions.prompt_sel) else {
            return;
        };
        let block = pane(
            Span::styled(format!(" {} ", pr.id), t.title()),
            s.decisions.options_focus,
            t,
        );
        let inner = block.inner(right);
        block.render(right, buf);
        let w = inner.width as usize;
        let chosen = s.design.answers.get(&pr.id);
        let mut lines = para(&text::line(&pr.question), w, 0, t.title());
        lines.push(Line::raw(""));
        // The options as dealt: the pack's order in practice, the
        // session's shuffle in an interview.
        let order = self.app.option_order(pr);
        let dealt: Vec<&crate::model::PromptOption> =
            order.iter().filter_map(|i| pr.options.get(*i)).collect();
        for (i, o) in dealt.iter().enumerate() {
            let is_chosen = chosen == Some(&o.id);
            let sel = s.decisions.options_focus && i == s.decisions.option_sel;
            let base = if sel { t.selected() } else { Style::new() };
            let radio = if is_chosen { "(•)" } else { "( )" };
            for (j, l) in wrap(
                &format!("{radio} {}", text::line(&o.label)),
                w.saturating_sub(2),
            )
            .into_iter()
            .enumerate()
            {
                let lead = if j == 0 { marker(sel) } else { "      " };
                lines.push(Line::from(Span::styled(format!("{lead}{l}"), base)));
            }
        }
        // An interview tells the consequence only of what was chosen.
        let interview = self.app.in_interview();
        let shown = if interview {
            chosen.and_then(|c| pr.options.iter().find(|o| o.id == *c))
        } else {
            dealt.get(s.decisions.option_sel).copied()
        };
        if let Some(o) = shown {
            lines.push(Line::raw(""));
            let lead = if interview {
                "You chose"
            } else {
                "If you choose"
            };
            lines.extend(para(
                &format!("{lead} “{}”:", text::line(&o.label)),
                w,
                0,
                t.dim(),
            ));
            lines.extend(para(&text::line(&o.consequence), w, 2, Style::new()));
        }
        match chosen.and_then(|c| pr.options.iter().find(|o| o.id == *c)) {
            Some(o) => {
                lines.push(Line::raw(""));
                lines.extend(para(
                    &format!("Why (your choice, {}):", o.id),
                    w,
                    0,
                    t.dim(),
                ));
                lines.extend(para(&text::line(&o.reasoning), w, 2, t.ok()));
            }
            None => {
                lines.push(Line::raw(""));
                lines.extend(para(
                    if interview {
                        "Choose to hear what follows from it, and the reviewer's reasoning."
                    } else {
                        "Choose to see the reviewer's reasoning."
                    },
                    w,
                    0,
                    t.dim(),
                ));
            }
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
