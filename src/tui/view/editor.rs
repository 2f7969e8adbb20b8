//! The design editor: components, the inspector of the selected one (or
//! the diagram in its place), and the live findings.

use super::diagram_pane::DiagramPane;
use super::theme::Theme;
use super::widgets::{marker, pane, para, rows, rows_window, truncate, wrap};
use crate::model::num::fmt;
use crate::model::{Component, Kind, Severity};
use crate::text;
use crate::tui::state::{App, InspectorRow, Pane, Session};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The editor widget.
pub struct EditorView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

/// A one-character mark per severity.
pub fn glyph(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "‼",
        Severity::High => "▲",
        Severity::Medium => "●",
        Severity::Low => "·",
        Severity::Info => "i",
    }
}

/// Components, diagram and findings, when the diagram shows: the list on
/// the left, the diagram above the findings on the right. The diagram's
/// pane is as tall as the drawing needs (`rows`), within 5 rows and two
/// thirds of the height; the findings get the rest.
pub(super) fn diagram_areas(area: Rect, rows: u32) -> [Rect; 3] {
    let left_w = (area.width * 30 / 100).clamp(20, 32);
    let [a, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(10)]).areas(area);
    let max = (right.height * 2 / 3).max(5);
    let want = u16::try_from(rows.saturating_add(2)).unwrap_or(u16::MAX);
    let [b, c] =
        Layout::vertical([Constraint::Length(want.clamp(5, max)), Constraint::Min(3)]).areas(right);
    [a, b, c]
}

/// The components pane, the inspector or diagram pane, and the findings.
fn areas(app: &App, area: Rect) -> [Rect; 3] {
    if app.session.as_ref().is_some_and(|s| s.diagram.shown) {
        return diagram_areas(area, super::diagram_pane::rows(app));
    }
    if area.width >= 110 {
        Layout::horizontal([
            Constraint::Length(32),
            Constraint::Length(44),
            Constraint::Min(30),
        ])
        .areas(area)
    } else {
        let left_w = (area.width * 36 / 100).clamp(20, 32);
        let [a, right] =
            Layout::horizontal([Constraint::Length(left_w), Constraint::Min(10)]).areas(area);
        let find_h = (area.height * 45 / 100).max(4);
        let [b, c] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(find_h)]).areas(right);
        [a, b, c]
    }
}

/// The rows of the component list, inside its pane.
pub(super) fn component_list_area(app: &App, area: Rect) -> Rect {
    areas(app, area)[0].inner(ratatui::layout::Margin::new(1, 1))
}

impl Widget for EditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(s) = self.app.session.as_ref() else {
            return;
        };
        let [a, b, c] = areas(self.app, area);
        self.components(s, a, buf);
        if s.diagram.shown {
            DiagramPane {
                app: self.app,
                theme: self.theme,
                focused: s.editor.focus == Pane::Diagram,
            }
            .render(b, buf);
        } else {
            self.inspector(s, b, buf);
        }
        self.findings(s, c, buf);
    }
}

impl EditorView<'_> {
    fn components(&self, s: &Session, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let focused = s.editor.focus == Pane::Components;
        let title = format!(" Components ({}) ", s.design.components.len());
        let block = pane(Span::styled(title, t.title()), focused, t);
        let inner = block.inner(area);
        block.render(area, buf);
        if s.design.components.is_empty() {
            let k = self
                .app
                .keys
                .first_key(&crate::tui::action::Action::AddComponent)
                .unwrap_or_else(|| ":add".into());
            let msg = format!("Empty. Press {k} to add a component, or type :add KIND [ID].");
            Paragraph::new(para(&msg, inner.width as usize, 0, t.dim())).render(inner, buf);
            return;
        }
        let flagged = self.app.highlighted();
        let w = inner.width as usize;
        let id_w = s
            .design
            .components
            .iter()
            .map(|c| c.id.chars().count())
            .max()
            .unwrap_or(4)
            .clamp(4, w / 2);
        let comps = &s.design.components;
        // Only the rows in the window are formatted: at 10,000 components
        // formatting them all made every frame slow.
        rows_window(inner, buf, comps.len(), s.editor.comp_sel, |i| {
            let Some(c) = comps.get(i) else {
                return Vec::new();
            };
            {
                let sel = i == s.editor.comp_sel;
                let is_flagged = flagged.contains(&c.id);
                let base = if sel && focused {
                    t.selected()
                } else if is_flagged {
                    t.flagged()
                } else {
                    Style::new()
                };
                let mark = if is_flagged { "! " } else { marker(sel) };
                let mut extra = String::new();
                if c.replicas > 1 {
                    extra.push_str(&format!(" ×{}", c.replicas));
                }
                if c.managed {
                    extra.push_str(" (m)");
                }
                let kind = format!(" {}{extra}", c.kind);
                let id = format!("{:<id_w$}", truncate(&c.id, id_w));
                vec![Line::from(vec![
                    Span::styled(format!("{mark}{id}"), base),
                    Span::styled(
                        truncate(&kind, w.saturating_sub(2 + id_w)),
                        if sel && focused { base } else { t.dim() },
                    ),
                ])]
            }
        });
    }

    fn inspector(&self, s: &Session, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let focused = s.editor.focus == Pane::Inspector;
        let comp = s.design.components.get(s.editor.comp_sel);
        let title = match comp {
            Some(c) => format!(" Inspector: {} ", c.id),
            None => " Inspector ".into(),
        };
        let block = pane(Span::styled(title, t.title()), focused, t);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(c) = comp else { return };
        let kind = self.app.lib.catalog.get(&c.kind);
        let w = inner.width as usize;
        let rows_data = self.app.inspector_rows();
        let label_w = label_width(&rows_data, w);
        let items: Vec<Vec<Line<'static>>> = rows_data
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let sel = focused && i == s.editor.insp_sel;
                let (label, value, dim) = inspector_row(s, c, kind, r);
                let base = if sel { t.selected() } else { Style::new() };
                let vstyle = if sel {
                    base
                } else if dim {
                    t.dim()
                } else {
                    Style::new()
                };
                vec![Line::from(vec![
                    Span::styled(
                        format!("{}{:<label_w$}", marker(sel), truncate(&label, label_w - 1)),
                        base,
                    ),
                    Span::styled(truncate(&value, w.saturating_sub(label_w + 2)), vstyle),
                ])]
            })
            .collect();
        let n_rows = items.len() as u16;
        let info = self.figures(s, c, kind, w);
        // The list first; figures underneath when there is room.
        let room = inner.height.saturating_sub(n_rows);
        let info_h = if room as usize > info.len() {
            info.len() as u16 + 1
        } else {
            0
        };
        let [list, below] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(info_h)]).areas(inner);
        rows(
            list,
            buf,
            items,
            if focused {
                Some(s.editor.insp_sel)
            } else {
                Some(0)
            },
        );
        if info_h > 0 {
            let mut lines = vec![Line::raw("")];
            lines.extend(info);
            Paragraph::new(lines).render(below, buf);
        }
    }

    /// The report's figures for the component, the same the report screen
    /// and exports show, and what breaks when it fails.
    fn figures(
        &self,
        s: &Session,
        c: &Component,
        kind: Option<&Kind>,
        w: usize,
    ) -> Vec<Line<'static>> {
        let t = &self.theme;
        let mut info: Vec<Line<'static>> = Vec::new();
        // Cost, load and blast radius are the judgement: an interview
        // shows them at wrap-up.
        if !self.app.revealed() {
            return info;
        }
        let figures = s.report.components.iter().find(|f| f.id == c.id);
        if let (Some(_), Some(f)) = (kind, figures) {
            let mut line = format!(
                "${}/mo · {} h ops/mo",
                fmt(f.monthly_cost_usd),
                fmt(f.ops_hours_per_month)
            );
            if let Some(u) = f.utilisation {
                line.push_str(&format!(" · {}% busy", (u * 100.0).round()));
            }
            if let Some(role) = &f.role {
                line.push_str(&format!(" · {role}"));
            }
            info.push(Line::from(Span::styled(line, t.dim())));
            if let Some(hits) = s.report.blast_radius.get(&c.id) {
                let broken: Vec<String> = hits
                    .iter()
                    .map(|h| format!("{} {}", h.flow, h.status))
                    .collect();
                info.extend(para(
                    &format!("if it fails: {}", broken.join(", ")),
                    w,
                    0,
                    t.dim(),
                ));
            }
        }
        info
    }

    fn findings(&self, s: &Session, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        if !self.app.revealed() {
            let what = "The interviewer's findings come";
            super::interview::render_locked(self.app, t, "Findings", what, area, buf);
            return;
        }
        let focused = s.editor.focus == Pane::Findings;
        let n = s.report.findings.len();
        let title = format!(" Findings ({n}) ");
        let block = pane(Span::styled(title, t.title()), focused, t);
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        if n == 0 {
            let msg = if s.design.components.is_empty() {
                "Findings appear here as you draw."
            } else {
                "No findings. Try S to judge the next stage."
            };
            Paragraph::new(para(msg, w, 0, t.ok())).render(inner, buf);
            return;
        }
        let findings = &s.report.findings;
        let shown = if focused { s.editor.finding_sel } else { 0 };
        // Only the rows in the window are formatted (16,884 findings at
        // 10,000 components); only the selected finding is taller than a line.
        rows_window(inner, buf, n, shown, |i| {
            let Some(f) = findings.get(i) else {
                return Vec::new();
            };
            {
                let sel = focused && i == s.editor.finding_sel;
                let sev = t.severity(f.severity);
                let head = format!("{} {:<6} ", glyph(f.severity), f.severity.as_str());
                let msg = text::line(&f.message);
                if !sel {
                    return vec![Line::from(vec![
                        Span::styled(head, sev),
                        Span::raw(truncate(&msg, w.saturating_sub(9))),
                    ])];
                }
                let mut lines = Vec::new();
                for (j, l) in wrap(&msg, w.saturating_sub(9)).into_iter().enumerate() {
                    let lead = if j == 0 {
                        Span::styled(head.clone(), t.selected())
                    } else {
                        Span::raw(" ".repeat(9))
                    };
                    lines.push(Line::from(vec![lead, Span::styled(l, Style::new())]));
                }
                for l in wrap(
                    &format!("→ {}", text::line(&f.suggestion)),
                    w.saturating_sub(9),
                ) {
                    lines.push(Line::from(vec![
                        Span::raw(" ".repeat(9)),
                        Span::styled(l, t.ok()),
                    ]));
                }
                if let Some(fix) = &f.fix {
                    let k = self
                        .app
                        .keys
                        .first_key(&crate::tui::action::Action::ApplyFix)
                        .unwrap_or_else(|| "f".into());
                    for l in wrap(&format!("{k}: {fix}"), w.saturating_sub(9)) {
                        lines.push(Line::from(vec![
                            Span::raw(" ".repeat(9)),
                            Span::styled(l, t.key()),
                        ]));
                    }
                }
                lines
            }
        });
    }
}

/// One inspector row as (label, value, dimmed): dimmed where the value is a
/// default, off, or a link the component does not own.
fn inspector_row(
    s: &Session,
    c: &Component,
    kind: Option<&Kind>,
    r: &InspectorRow,
) -> (String, String, bool) {
    match r {
        InspectorRow::Id => ("id".to_string(), c.id.clone(), false),
        InspectorRow::Kind => (
            "kind".into(),
            match kind {
                Some(k) => format!("{} ({})", k.id, k.category),
                None => format!("{} (unknown)", c.kind),
            },
            false,
        ),
        InspectorRow::Replicas => ("replicas".into(), c.replicas.to_string(), false),
        InspectorRow::Managed => (
            "managed".into(),
            if c.managed { "yes" } else { "no" }.into(),
            !c.managed,
        ),
        InspectorRow::Prop(p) => match c.props.get(p) {
            Some(v) => (p.clone(), text::line(&v.to_string()), false),
            None => {
                let d = kind
                    .and_then(|k| k.props.get(p))
                    .and_then(|s| s.default.as_ref())
                    .map(|d| format!("{d} (default)"))
                    .unwrap_or_else(|| "unset".into());
                (p.clone(), d, true)
            }
        },
        InspectorRow::Store(e) => {
            let on = c.stores.contains(e);
            (
                "stores".into(),
                format!("[{}] {e}", if on { "x" } else { " " }),
                !on,
            )
        }
        InspectorRow::LinkOut(to) => {
            let m = s
                .design
                .links
                .iter()
                .find(|l| l.from == c.id && l.to == *to)
                .map(|l| l.mode.to_string())
                .unwrap_or_default();
            ("link".into(), format!("→ {to} ({m})"), false)
        }
        InspectorRow::LinkIn(from) => {
            let m = s
                .design
                .links
                .iter()
                .find(|l| l.to == c.id && l.from == *from)
                .map(|l| l.mode.to_string())
                .unwrap_or_default();
            ("link".into(), format!("← {from} ({m})"), true)
        }
    }
}

/// The label column of the inspector: wide enough for the longest prop
/// name, within half the pane.
fn label_width(rows: &[InspectorRow], w: usize) -> usize {
    let longest = rows
        .iter()
        .map(|r| match r {
            InspectorRow::Prop(p) => p.chars().count(),
            _ => 8,
        })
        .max()
        .unwrap_or(8);
    (longest + 2).clamp(10, (w / 2).max(10))
}
