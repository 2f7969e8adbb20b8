//! Overlays: help with every key, the fuzzy palette, a one-line input.

use super::modal;
use super::theme::Theme;
use super::widgets::{highlighted, marker, more_below, para, rows, scrolled, truncate};
use crate::tui::action::{Action, Scope};
use crate::tui::command;
use crate::tui::state::{App, InputField, Palette};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The help overlay.
pub struct HelpView<'a> {
    pub app: &'a App,
    pub theme: Theme,
    pub scroll: usize,
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let inner = modal(area, buf, area.width, area.height, "Help: every key", t);
        let w = inner.width as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        for warn in &self.app.warnings {
            lines.extend(para(&format!("warning: {warn}"), w, 0, t.error()));
        }
        if !self.app.warnings.is_empty() {
            lines.push(Line::raw(""));
        }
        for scope in [
            Scope::Global,
            Scope::Navigation,
            Scope::Editor,
            Scope::Report,
            Scope::Diagram,
        ] {
            lines.push(Line::from(Span::styled(scope.title(), t.title())));
            for a in Action::BINDABLE.iter().filter(|a| a.scope() == scope) {
                let keys: Vec<String> = self
                    .app
                    .keys
                    .keys_for(a)
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let keys = if keys.is_empty() {
                    "(unbound)".to_string()
                } else {
                    keys.join(", ")
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<18}", truncate(&keys, 17)), t.key()),
                    Span::raw(truncate(a.describe(), w.saturating_sub(20))),
                ]));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(Scope::Text.title(), t.title())));
        for (k, d) in [
            ("enter", "run, choose or save"),
            ("esc", "cancel"),
            ("tab / shift-tab", "complete (command line) or next match"),
            ("↑ ↓", "move, or browse command history"),
            ("backspace", "delete (an empty command line closes)"),
            ("ctrl-u", "clear the field"),
            ("ctrl-c", "quit, from anywhere"),
        ] {
            lines.push(Line::from(vec![
                Span::styled(format!("  {k:<18}"), t.key()),
                Span::raw(d),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Commands (:)", t.title())));
        for name in command::names() {
            if let Some(u) = command::usage(name) {
                lines.push(Line::from(Span::raw(format!("  {u}"))));
            }
        }
        lines.push(Line::raw(""));
        lines.extend(para(
            "Mouse: click a screen tab, or a scenario, question or component to select it (click it again to open or ask); the wheel moves through lists. Hold Shift to select text in most terminals.",
            w,
            0,
            t.dim(),
        ));
        lines.extend(para(
            "Keys are data: put overrides in keys.yaml in the config folder, e.g. `undo: [u, ctrl-z]`.",
            w,
            0,
            t.dim(),
        ));
        if scrolled(inner, buf, lines, self.scroll) {
            let k = self
                .app
                .keys
                .first_key(&Action::MoveDown)
                .unwrap_or_default();
            more_below(
                Rect {
                    x: inner.x.saturating_sub(1),
                    y: inner.y.saturating_sub(1),
                    width: inner.width + 2,
                    height: inner.height + 2,
                },
                buf,
                &format!("▼ {k}"),
                t,
            );
        }
    }
}

/// The fuzzy palette overlay.
pub struct PaletteView<'a> {
    pub palette: &'a Palette,
    pub theme: Theme,
}

impl Widget for PaletteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let p = self.palette;
        let inner = modal(
            area,
            buf,
            area.width.saturating_sub(2).min(84),
            area.height.min(22),
            &p.title,
            t,
        );
        if inner.height < 2 {
            return;
        }
        let [query, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        Paragraph::new(Line::from(vec![
            Span::styled("> ", t.key()),
            Span::raw(p.query.clone()),
            Span::styled("█", t.key()),
            Span::styled(
                format!("  {} of {}", p.matches.len(), p.items.len()),
                t.dim(),
            ),
        ]))
        .render(query, buf);
        let (list, detail) = if rest.width >= 60 {
            let [a, b] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .spacing(1)
                    .areas(rest);
            (a, b)
        } else {
            let dh = (rest.height / 2).min(6);
            let [a, b] = Layout::vertical([Constraint::Min(1), Constraint::Length(dh)]).areas(rest);
            (a, b)
        };
        let w = list.width as usize;
        let items: Vec<Vec<Line<'static>>> = p
            .matches
            .iter()
            .enumerate()
            .filter_map(|(i, (idx, hl))| {
                let item = p.items.get(*idx)?;
                let sel = i == p.selected;
                let base = if sel { t.selected() } else { Style::new() };
                let text = truncate(&item.text, w.saturating_sub(2));
                let mut spans = vec![Span::styled(marker(sel), base)];
                spans.extend(highlighted(&text, hl, base, t.matched()));
                Some(vec![Line::from(spans)])
            })
            .collect();
        if items.is_empty() {
            Paragraph::new(Span::styled("nothing matches", t.dim())).render(list, buf);
        } else {
            rows(list, buf, items, Some(p.selected));
        }
        if let Some(item) = p.current() {
            let dw = detail.width as usize;
            let mut lines = Vec::new();
            for (i, d) in item.detail.iter().enumerate() {
                lines.extend(para(
                    d,
                    dw,
                    0,
                    if i == 0 { t.title() } else { Style::new() },
                ));
            }
            Paragraph::new(lines).render(detail, buf);
        }
    }
}

/// The one-line input overlay.
pub struct InputView<'a> {
    pub field: &'a InputField,
    pub theme: Theme,
}

impl Widget for InputView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let f = self.field;
        let w = (area.width.saturating_sub(2).min(64) as usize).saturating_sub(2);
        let hint = para(&f.hint, w, 0, t.dim());
        let inner = modal(
            area,
            buf,
            area.width.saturating_sub(2).min(64),
            3 + hint.len() as u16,
            &f.title,
            t,
        );
        let n = f.text.chars().count();
        let shown: String = f.text.chars().skip((n + 3).saturating_sub(w)).collect();
        let mut lines = vec![Line::from(vec![
            Span::styled("> ", t.key()),
            Span::raw(shown),
            Span::styled("█", t.key()),
        ])];
        lines.extend(hint);
        Paragraph::new(lines).render(inner, buf);
    }
}

/// The fix confirmation: the finding, the change, and its trade-off.
pub struct ConfirmFixView<'a> {
    pub confirm: &'a crate::tui::state::ConfirmFix,
    pub theme: Theme,
}

impl Widget for ConfirmFixView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let c = self.confirm;
        let f = &c.finding;
        let w = (area.width.saturating_sub(2).min(72) as usize).saturating_sub(2);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let on = if f.components.is_empty() {
            String::new()
        } else {
            format!(" on {}", f.components.join(", "))
        };
        lines.extend(para(
            &format!("{} {}{on}", f.severity, f.rule),
            w,
            0,
            t.title(),
        ));
        lines.extend(para(&crate::text::line(&f.message), w, 2, Style::new()));
        if let Some(fix) = &f.fix {
            lines.extend(para(&format!("Fix: {fix}"), w, 0, t.key()));
        }
        let trade = match &c.priced {
            Some(p) => p
                .summary
                .split_once(": ")
                .map_or(p.summary.clone(), |(_, after)| after.to_string()),
            None => "not priced".into(),
        };
        lines.extend(para(&format!("Trade-off: {trade}"), w, 0, Style::new()));
        lines.extend(para("Enter applies · Esc cancels", w, 0, t.dim()));
        let inner = modal(
            area,
            buf,
            area.width.saturating_sub(2).min(72),
            (lines.len() as u16 + 2).min(area.height),
            "Apply this fix?",
            t,
        );
        Paragraph::new(lines).render(inner, buf);
    }
}
