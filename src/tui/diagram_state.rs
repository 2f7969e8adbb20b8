//! The diagram's state: whether it shows, compact or not, the critical flow
//! in focus, the pan, and the laid-out design. The layout is cached and
//! rebuilt only after the design or these options change
//! ([`DiagramState::invalidate`]); marks and the pan are cheap per frame.

use super::state::{App, Pane, Screen};
use crate::engine::report::FlowSummary;
use crate::layout::LayoutOptions;
use crate::model::{Catalog, Design};
use crate::widgets::Diagram;
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// Columns one pan step moves.
pub const PAN_X: i64 = 6;
/// Rows one pan step moves.
pub const PAN_Y: i64 = 2;

/// The most components the diagram draws. Past a few hundred boxes a
/// terminal picture no longer helps (the pane shows a sliver of it) while
/// its layout costs seconds per edit and gigabytes at 10,000: above this
/// the pane shows a summary instead, and a focused flow under it still draws.
pub const MAX_DRAWN: usize = 500;

/// How the diagram is shown in a session.
#[derive(Debug, Clone, Default)]
pub struct DiagramState {
    /// The editor (instead of the inspector) and the report show it.
    pub shown: bool,
    /// One-row boxes and narrow channels (zoomed out).
    pub compact: bool,
    /// The critical flow in focus: only its components are drawn.
    pub flow: Option<String>,
    /// Top-left layout cell shown, once the user has panned; `None`
    /// centres the selected component.
    pub pan: Option<(u32, u32)>,
    /// The layout for the design and options above, built on first use.
    cache: OnceCell<Diagram>,
}

impl DiagramState {
    /// Drops the cached layout: call after the design, the report's flows,
    /// `compact` or `flow` change.
    pub fn invalidate(&mut self) {
        self.cache = OnceCell::new();
    }

    /// True while a layout is cached (for tests of the cache).
    pub fn is_cached(&self) -> bool {
        self.cache.get().is_some()
    }

    /// The focused flow, when it is one of `flows`.
    pub fn focused<'a>(&self, flows: &'a [FlowSummary]) -> Option<&'a FlowSummary> {
        let id = self.flow.as_deref()?;
        flows.iter().find(|f| f.id == id)
    }

    /// Layout options for the current mode.
    pub fn options(&self, flows: &[FlowSummary]) -> LayoutOptions {
        LayoutOptions {
            compact: self.compact,
            focus: self
                .focused(flows)
                .map(|f| f.components.iter().cloned().collect()),
        }
    }

    /// How many components the diagram would draw, when that is more than
    /// [`MAX_DRAWN`]: the pane then shows a summary and nothing is laid out.
    pub fn too_large(&self, design: &Design, flows: &[FlowSummary]) -> Option<usize> {
        let n = match self.focused(flows) {
            Some(f) => f.components.len(),
            None => design.components.len(),
        };
        (n > MAX_DRAWN).then_some(n)
    }

    /// The laid-out design (no marks, no pan), from the cache when it is
    /// current.
    pub fn diagram(&self, design: &Design, catalog: &Catalog, flows: &[FlowSummary]) -> &Diagram {
        self.cache
            .get_or_init(|| Diagram::new(design, catalog, &self.options(flows)))
    }

    /// After a re-score: forgets a focused flow that no longer exists and
    /// drops the layout.
    pub fn refresh(&mut self, flows: &[FlowSummary]) {
        if self.flow.is_some() && self.focused(flows).is_none() {
            self.flow = None;
            self.pan = None;
        }
        self.invalidate();
    }

    /// The top-left cell to show in a view of `width` x `height`: the
    /// user's pan kept inside the diagram, else `target` centred, else the
    /// top-left corner.
    pub fn view_pan(
        &self,
        diagram: &Diagram,
        target: Option<&str>,
        width: u16,
        height: u16,
    ) -> (u32, u32) {
        let (mx, my) = diagram.max_pan(width, height);
        if let Some((x, y)) = self.pan {
            return (x.min(mx), y.min(my));
        }
        match target.and_then(|id| diagram.layout().node(id)) {
            Some(n) => {
                let cx = (n.x + n.w / 2).saturating_sub(u32::from(width) / 2);
                let cy = (n.y + n.h / 2).saturating_sub(u32::from(height) / 2);
                (cx.min(mx), cy.min(my))
            }
            None => (0, 0),
        }
    }
}

/// Moves `pan` by `(dx, dy)`, kept within `0..=max`.
pub fn moved(pan: (u32, u32), dx: i64, dy: i64, max: (u32, u32)) -> (u32, u32) {
    let clamp = |v: u32, d: i64, m: u32| {
        let moved = (i64::from(v) + d).clamp(0, i64::from(m));
        u32::try_from(moved).unwrap_or(0)
    };
    (clamp(pan.0, dx, max.0), clamp(pan.1, dy, max.1))
}

/// Components the diagram emphasises: the selected finding's while the
/// findings pane has the focus, else the selected component (editor only).
pub fn highlight(app: &App) -> BTreeSet<String> {
    let Some(s) = app.session.as_ref() else {
        return BTreeSet::new();
    };
    // A drill's casualties: what went down or over capacity.
    if app.screen == Screen::Followups {
        return s
            .followups
            .run
            .as_ref()
            .map(|r| r.highlight.clone())
            .unwrap_or_default();
    }
    if app.screen != Screen::Design {
        return BTreeSet::new();
    }
    if s.editor.focus == Pane::Findings {
        return app.highlighted();
    }
    app.selected_component()
        .map(|id| BTreeSet::from([id.to_string()]))
        .unwrap_or_default()
}

/// The component the diagram centres on until the user pans: the selected
/// finding's first drawn component while the findings pane has the focus,
/// else the selected component (editor only).
pub fn target(app: &App) -> Option<String> {
    let s = app.session.as_ref()?;
    if app.screen != Screen::Design {
        return None;
    }
    if s.editor.focus == Pane::Findings {
        let drawn = s
            .diagram
            .focused(&s.report.flows)
            .map(|f| f.components.iter().collect::<BTreeSet<_>>());
        return app.selected_finding().and_then(|f| {
            f.components
                .iter()
                .find(|c| drawn.as_ref().is_none_or(|d| d.contains(c)))
                .cloned()
        });
    }
    app.selected_component().map(str::to_string)
}

/// True when the current screen draws the diagram.
pub fn visible(app: &App) -> bool {
    app.session
        .as_ref()
        .is_some_and(|s| s.diagram.shown && matches!(app.screen, Screen::Design | Screen::Report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_inside_the_bounds() {
        assert_eq!(moved((0, 0), -5, -5, (10, 10)), (0, 0));
        assert_eq!(moved((8, 9), 5, 5, (10, 10)), (10, 10));
        assert_eq!(moved((4, 4), 2, -1, (10, 10)), (6, 3));
        assert_eq!(moved((4, 4), 2, 2, (0, 0)), (0, 0));
    }
}
