//! The diagram pane: the session's cached layout drawn by
//! [`crate::widgets::Diagram`], with the report's single points of failure
//! marked, the selection (or the selected finding) highlighted and centred
//! until the user pans, and a title saying what is shown.

use super::theme::Theme;
use super::widgets::{more_below, pane, para};
use crate::layout::fold::Folded;
use crate::tui::action::Action;
use crate::tui::diagram_state as diagram;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph, Widget};

/// The diagram pane widget.
pub struct DiagramPane<'a> {
    /// The app, for the session, the keys and the selection.
    pub app: &'a App,
    /// How to colour the pane (the drawing loses its colours without).
    pub theme: Theme,
    /// Its border shows the focus (arrows pan).
    pub focused: bool,
}

/// The cells inside a pane's border.
pub fn inner(area: Rect) -> Rect {
    Block::bordered().inner(area)
}

/// Rows the summary shown in place of a diagram too large to draw needs.
const SUMMARY_ROWS: u32 = 4;

/// Rows the session's diagram needs, borders excluded.
pub fn rows(app: &App) -> u32 {
    app.session
        .as_ref()
        .map(|s| {
            let d = s
                .diagram
                .diagram(&s.design, &app.lib.catalog, &s.report.flows);
            match (d.size().1, diagram::drawn_fold(app)) {
                (0, Some(_)) => SUMMARY_ROWS,
                (rows, _) => rows,
            }
        })
        .unwrap_or(0)
}

impl Widget for DiagramPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(s) = self.app.session.as_ref() else {
            return;
        };
        let t = &self.theme;
        let cached = s
            .diagram
            .diagram(&s.design, &self.app.lib.catalog, &s.report.flows);
        let fold = diagram::drawn_fold(self.app);
        if let Some(f) = fold
            && cached.size() == (0, 0)
        {
            self.summary(f, area, buf);
            return;
        }
        let inside = inner(area);
        let (w, h) = cached.size();
        let overflow = w > u32::from(inside.width) || h > u32::from(inside.height);
        let title = self.title(overflow, usize::from(area.width.saturating_sub(2)));
        pane(Span::styled(title, t.title()), self.focused, t).render(area, buf);
        if inside.is_empty() {
            return;
        }
        let target = diagram::target(self.app);
        let pan = s
            .diagram
            .view_pan(cached, target.as_deref(), inside.width, inside.height);
        let mut d = cached
            .clone()
            // Single points of failure are a finding: hidden in an interview until wrap-up.
            // Folded by kind, a box holding one is marked.
            .with_spofs(
                s.report
                    .metrics
                    .spofs
                    .iter()
                    .filter(|_| self.app.revealed())
                    .map(|id| fold.map_or(id.as_str(), |f| f.box_of(id))),
            )
            .with_highlight(diagram::highlight(self.app));
        d.pan = pan;
        // A drawing smaller than the pane sits in its middle.
        let shrink = |room: u16, need: u32| {
            let need = u16::try_from(need).unwrap_or(u16::MAX).max(1);
            (room.saturating_sub(need) / 2, need.min(room))
        };
        let (dx, cw) = shrink(inside.width, w);
        let (dy, ch) = shrink(inside.height, h);
        let drawn = if w == 0 {
            inside
        } else {
            Rect::new(inside.x + dx, inside.y + dy, cw, ch)
        };
        (&d).render(drawn, buf);
        if !t.color {
            // The widget colours SPOFs and highlights; without colour the
            // `!` mark and the heavy or reversed boxes remain.
            for y in inside.top()..inside.bottom() {
                for x in inside.left()..inside.right() {
                    if let Some(c) = buf.cell_mut((x, y)) {
                        c.set_fg(Color::Reset).set_bg(Color::Reset);
                    }
                }
            }
        }
        if overflow {
            let (mx, my) = d.max_pan(inside.width, inside.height);
            let marks: Vec<&str> = [
                (pan.0 > 0, "◀"),
                (pan.1 > 0, "▲"),
                (pan.1 < my, "▼"),
                (pan.0 < mx, "▶"),
            ]
            .into_iter()
            .filter_map(|(more, m)| more.then_some(m))
            .collect();
            if !marks.is_empty() {
                more_below(area, buf, &format!("more {}", marks.join(" ")), t);
            }
        }
    }
}

impl DiagramPane<'_> {
    /// In place of a design too large to draw even folded by kind (more
    /// kinds than the diagram draws boxes): what is there, and the ways to
    /// a picture.
    fn summary(&self, fold: &Folded, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        pane(Span::styled(" Diagram ", t.title()), self.focused, t).render(area, buf);
        let inside = inner(area);
        let k = |a: &Action| self.app.keys.first_key(a).unwrap_or_else(|| "?".into());
        let msg = format!(
            "{} components of {} kinds: too many to draw here, even one box per kind \
             (the diagram draws up to {}). {} draws one critical flow; \
             `napkin export --format dot` feeds Graphviz.",
            fold.components,
            fold.design.components.len(),
            diagram::MAX_DRAWN,
            k(&Action::FocusFlow),
        );
        Paragraph::new(para(&msg, usize::from(inside.width), 0, t.dim())).render(inside, buf);
    }

    /// The longest title that fits in `room` cells: the flow in focus, the
    /// zoom, and a hint to zoom out when the diagram overflows the pane.
    fn title(&self, overflow: bool, room: usize) -> String {
        let Some(s) = self.app.session.as_ref() else {
            return " Diagram ".into();
        };
        let flows = &s.report.flows;
        let flow = s.diagram.focused(flows).map(|f| {
            let i = flows.iter().position(|x| x.id == f.id).unwrap_or(0) + 1;
            let title = f
                .title
                .as_deref()
                .map(|t| format!(": {}", crate::text::line(t)))
                .unwrap_or_default();
            (
                format!(" · flow {}{title} ({i}/{})", f.id, flows.len()),
                format!(" · flow {} ({i}/{})", f.id, flows.len()),
                format!(" · {}", f.id),
            )
        });
        let zoom = if s.diagram.compact { " · compact" } else { "" };
        // Folded, the title says so: a box then stands for every component
        // of its kind.
        let (folded, folded_short) = diagram::drawn_fold(self.app)
            .map(|f| {
                (
                    format!(" · by kind, {} components", f.components),
                    " · by kind".to_string(),
                )
            })
            .unwrap_or_default();
        let zoom_long = format!("{folded}{zoom}");
        let zoom_short = format!("{folded_short}{zoom}");
        let zoom = zoom_short.as_str();
        let hint = match self.app.keys.first_key(&Action::CompactDiagram) {
            Some(k) if overflow && !s.diagram.compact => format!(" · {k} zooms out"),
            _ => String::new(),
        };
        let (long, short, tiny) = flow.unwrap_or_default();
        [
            format!(" Diagram{long}{zoom_long}{hint} "),
            format!(" Diagram{short}{zoom_long}{hint} "),
            format!(" Diagram{short}{zoom_long} "),
            format!(" Diagram{long}{zoom}{hint} "),
            format!(" Diagram{short}{zoom}{hint} "),
            format!(" Diagram{long}{zoom} "),
            format!(" Diagram{short}{zoom} "),
            format!(" Diagram{tiny}{zoom} "),
            format!(" Diagram{tiny} "),
            " Diagram ".to_string(),
        ]
        .into_iter()
        .find(|c| c.chars().count() <= room)
        .unwrap_or_default()
    }
}
