//! The diagram's state: whether it shows, compact or not, the critical flow
//! in focus, the pan, and the laid-out design. The layout is cached and
//! rebuilt only after the design or these options change
//! ([`DiagramState::invalidate`]); marks and the pan are cheap per frame.

use super::state::{App, Pane, Screen};
use crate::engine::report::FlowSummary;
use crate::layout::LayoutOptions;
use crate::layout::fold::{self, Folded};
use crate::model::{Catalog, Design};
use crate::widgets::Diagram;
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// Columns one pan step moves.
pub const PAN_X: i64 = 6;
/// Rows one pan step moves.
pub const PAN_Y: i64 = 2;

/// The most components the diagram draws one box each. Past a few hundred
/// boxes a terminal picture no longer helps (the pane shows a sliver of it)
/// while its layout costs seconds per edit at 10,000: above this the pane
/// draws one box per kind instead ([`fold::by_kind`]), and a focused flow
/// under it still draws in full.
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
    cache: OnceCell<Drawn>,
}

/// What the pane draws: the laid-out design, or its fold by kind.
#[derive(Debug, Clone, Default)]
struct Drawn {
    diagram: Diagram,
    /// Set when the design was too large and folded by kind.
    fold: Option<Folded>,
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
    /// [`MAX_DRAWN`]: the pane then draws them folded by kind.
    pub fn too_large(&self, design: &Design, flows: &[FlowSummary]) -> Option<usize> {
        let n = match self.focused(flows) {
            Some(f) => f.components.len(),
            None => design.components.len(),
        };
        (n > MAX_DRAWN).then_some(n)
    }

    /// The laid-out design (no marks, no pan), from the cache when it is
    /// current: folded by kind when it is too large, and empty when even
    /// the fold has more than [`MAX_DRAWN`] boxes.
    pub fn diagram(&self, design: &Design, catalog: &Catalog, flows: &[FlowSummary]) -> &Diagram {
        &self.drawn(design, catalog, flows).diagram
    }

    /// The fold the pane draws, when the design is too large to draw box by
    /// box; it lays the design out if that is not cached yet.
    pub fn fold(
        &self,
        design: &Design,
        catalog: &Catalog,
        flows: &[FlowSummary],
    ) -> Option<&Folded> {
        self.drawn(design, catalog, flows).fold.as_ref()
    }

    fn drawn(&self, design: &Design, catalog: &Catalog, flows: &[FlowSummary]) -> &Drawn {
        self.cache.get_or_init(|| {
            let opts = self.options(flows);
            if self.too_large(design, flows).is_none() {
                return Drawn {
                    diagram: Diagram::new(design, catalog, &opts),
                    fold: None,
                };
            }
            let fold = fold::by_kind(design, opts.focus.as_ref());
            let flat = LayoutOptions {
                focus: None,
                ..opts
            };
            let diagram = if fold.design.components.len() > MAX_DRAWN {
                Diagram::default()
            } else {
                Diagram::new(&fold.design, catalog, &flat)
            };
            Drawn {
                diagram,
                fold: Some(fold),
            }
        })
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
/// In a diagram folded by kind, the boxes they are drawn in.
pub fn highlight(app: &App) -> BTreeSet<String> {
    let ids = highlighted(app);
    match drawn_fold(app) {
        Some(f) => ids.iter().map(|id| f.box_of(id).to_string()).collect(),
        None => ids,
    }
}

fn highlighted(app: &App) -> BTreeSet<String> {
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

/// The session's fold by kind, when its diagram is shown and drawn folded.
/// A hidden diagram is never laid out: this is asked on every key.
pub fn drawn_fold(app: &App) -> Option<&Folded> {
    let s = app.session.as_ref()?;
    if !s.diagram.shown {
        return None;
    }
    s.diagram.too_large(&s.design, &s.report.flows)?;
    s.diagram.fold(&s.design, &app.lib.catalog, &s.report.flows)
}

/// The component the diagram centres on until the user pans: the selected
/// finding's first drawn component while the findings pane has the focus,
/// else the selected component (editor only); in a diagram folded by kind,
/// the box it is drawn in.
pub fn target(app: &App) -> Option<String> {
    let id = target_component(app)?;
    Some(match drawn_fold(app) {
        Some(f) => f.box_of(&id).to_string(),
        None => id,
    })
}

/// The component [`target`] centres on, before any fold: what `update`
/// compares to know the selection moved, without laying anything out.
pub fn target_component(app: &App) -> Option<String> {
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
