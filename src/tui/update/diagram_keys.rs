//! Keys of the diagram: show or hide it, zoom out, focus one critical flow,
//! pan (HJKL from any pane, arrows while its pane has the focus).

use super::*;
use crate::tui::diagram_state::{self as diagram, PAN_X, PAN_Y};
use ratatui::layout::Rect;

/// The diagram's inner area on the last frame, when it showed.
pub(super) fn viewport(app: &App) -> Option<Rect> {
    app.geometry.borrow().diagram
}

fn key(app: &App, action: &Action) -> String {
    app.keys
        .first_key(action)
        .unwrap_or_else(|| format!("({})", action.name().unwrap_or_default()))
}

/// Shows the diagram where it can be seen: in place of the inspector, or on
/// the report; from another screen, on the design editor.
pub(super) fn show_diagram(app: &mut App) {
    let Some(s) = app.session.as_mut() else {
        return;
    };
    s.diagram.shown = true;
    if s.editor.focus == Pane::Inspector {
        s.editor.focus = Pane::Diagram;
    }
    if !matches!(app.screen, Screen::Design | Screen::Report) {
        app.screen = Screen::Design;
        app.overlay = Overlay::None;
    }
}

/// Hides the diagram; its pane's focus passes to the inspector.
pub(super) fn hide_diagram(app: &mut App) {
    if let Some(s) = app.session.as_mut() {
        s.diagram.shown = false;
        if s.editor.focus == Pane::Diagram {
            s.editor.focus = Pane::Inspector;
        }
    }
}

pub(super) fn toggle_diagram(app: &mut App) {
    if app.session.is_none() {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return;
    }
    if diagram::visible(app) {
        hide_diagram(app);
        app.info("diagram hidden");
        return;
    }
    show_diagram(app);
    let hint = format!(
        "diagram: {}/{}/{}/{} pan · {} zoom out · {} one flow at a time · {} hides it",
        key(app, &Action::PanLeft),
        key(app, &Action::PanDown),
        key(app, &Action::PanUp),
        key(app, &Action::PanRight),
        key(app, &Action::CompactDiagram),
        key(app, &Action::FocusFlow),
        key(app, &Action::ToggleDiagram),
    );
    app.info(hint);
}

pub(super) fn toggle_compact(app: &mut App) {
    if app.session.is_none() {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return;
    }
    show_diagram(app);
    let Some(s) = app.session.as_mut() else {
        return;
    };
    s.diagram.compact = !s.diagram.compact;
    s.diagram.pan = None;
    s.diagram.invalidate();
    let k = key(app, &Action::CompactDiagram);
    let compact = app.session.as_ref().is_some_and(|s| s.diagram.compact);
    app.info(if compact {
        format!("diagram zoomed out: one-row boxes ({k} zooms back in)")
    } else {
        format!("diagram zoomed in: full boxes ({k} zooms out)")
    });
}

/// Focuses the critical flow `id` (shows the diagram).
pub(super) fn focus_flow(app: &mut App, id: &str) {
    let Some(s) = app.session.as_ref() else {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return;
    };
    let flows = &s.report.flows;
    let Some(pos) = flows.iter().position(|f| f.id == id) else {
        let msg = if flows.is_empty() {
            "no critical flows to show: the design has none yet".to_string()
        } else {
            let hint = edit::suggest(id, flows.iter().map(|f| (f.id.as_str(), f.id.as_str())))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| {
                    let ids: Vec<&str> = flows.iter().map(|f| f.id.as_str()).collect();
                    format!(" (flows: {})", ids.join(", "))
                });
            format!("no critical flow `{id}`{hint}")
        };
        app.error(msg);
        return;
    };
    set_flow(app, pos);
}

fn set_flow(app: &mut App, pos: usize) {
    show_diagram(app);
    let (next, esc) = (key(app, &Action::FocusFlow), key(app, &Action::Cancel));
    let Some(s) = app.session.as_mut() else {
        return;
    };
    let Some(f) = s.report.flows.get(pos) else {
        return;
    };
    let n = s.report.flows.len();
    let title = f
        .title
        .as_deref()
        .map(|t| format!(" ({})", text::line(t)))
        .unwrap_or_default();
    let count = f.components.len();
    let msg = if count == 0 {
        format!(
            "flow {} of {n}: {}{title} reaches no components yet · {next} next · {esc} all",
            pos + 1,
            f.id
        )
    } else {
        format!(
            "flow {} of {n}: {}{title}, {count} component{} · {next} next · {esc} all",
            pos + 1,
            f.id,
            if count == 1 { "" } else { "s" }
        )
    };
    s.diagram.flow = Some(f.id.clone());
    s.diagram.pan = None;
    s.diagram.invalidate();
    app.info(msg);
}

/// Focuses the next critical flow; after the last, shows every component.
pub(super) fn next_flow(app: &mut App) {
    let Some(s) = app.session.as_ref() else {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return;
    };
    let flows = &s.report.flows;
    if flows.is_empty() {
        app.error("no critical flows to show: the design has none yet");
        return;
    }
    let next = match s.diagram.focused(flows) {
        None => 0,
        Some(f) => flows.iter().position(|x| x.id == f.id).unwrap_or(0) + 1,
    };
    if next >= flows.len() {
        show_diagram(app);
        clear_flow(app);
    } else {
        set_flow(app, next);
    }
}

/// Shows every component again.
pub(super) fn clear_flow(app: &mut App) {
    let Some(s) = app.session.as_mut() else {
        return;
    };
    if s.diagram.flow.take().is_none() {
        app.info("the diagram shows every component");
        return;
    }
    s.diagram.pan = None;
    s.diagram.invalidate();
    app.info("diagram: every component again");
}

/// True when a critical flow is in focus.
pub(super) fn has_flow(app: &App) -> bool {
    app.session
        .as_ref()
        .is_some_and(|s| s.diagram.flow.is_some())
}

/// Where the pan ends up for a move, given the view size.
enum PanTo {
    By(i64, i64),
    Page(i64),
    Start,
    End,
}

fn pan_to(app: &mut App, to: PanTo) {
    if !diagram::visible(app) {
        let k = key(app, &Action::ToggleDiagram);
        app.info(format!("the diagram is hidden: {k} shows it"));
        return;
    }
    let Some(view) = viewport(app) else {
        return;
    };
    let target = diagram::target(app);
    let Some(s) = app.session.as_mut() else {
        return;
    };
    let d = s
        .diagram
        .diagram(&s.design, &app.lib.catalog, &s.report.flows);
    // Even folded by kind too large to draw: the pane shows a summary.
    if d.size() == (0, 0) && s.diagram.too_large(&s.design, &s.report.flows).is_some() {
        app.info("the design is too large to draw: nothing to pan");
        return;
    }
    let start = s
        .diagram
        .view_pan(d, target.as_deref(), view.width, view.height);
    let max = d.max_pan(view.width, view.height);
    let next = match to {
        PanTo::By(dx, dy) => diagram::moved(start, dx, dy, max),
        PanTo::Page(dir) => {
            let page = i64::from(view.height.saturating_sub(1).max(1));
            diagram::moved(start, 0, dir * page, max)
        }
        PanTo::Start => (0, 0),
        PanTo::End => max,
    };
    s.diagram.pan = Some(next);
    if max == (0, 0) {
        app.info("the whole diagram fits: nothing to pan");
    }
}

/// Pans by `(dx, dy)` cells.
pub(super) fn pan(app: &mut App, dx: i64, dy: i64) {
    pan_to(app, PanTo::By(dx, dy));
}

/// Keys while the diagram pane has the focus; true when used.
pub(super) fn diagram_pane_key(app: &mut App, action: &Action) -> bool {
    match action {
        Action::MoveLeft => pan(app, -PAN_X, 0),
        Action::MoveRight => pan(app, PAN_X, 0),
        Action::MoveUp => pan(app, 0, -PAN_Y),
        Action::MoveDown => pan(app, 0, PAN_Y),
        Action::PageUp => pan_to(app, PanTo::Page(-1)),
        Action::PageDown => pan_to(app, PanTo::Page(1)),
        Action::Top => pan_to(app, PanTo::Start),
        Action::Bottom => pan_to(app, PanTo::End),
        Action::Confirm => {
            if let Some(s) = app.session.as_mut() {
                s.diagram.pan = None;
            }
            match app.selected_component().map(str::to_string) {
                Some(id) => app.info(format!("centred on {id}")),
                None => app.info("nothing selected to centre on"),
            }
        }
        _ => return false,
    }
    true
}

/// The diagram actions that work from any pane of the editor and report.
pub(super) fn diagram_key(app: &mut App, action: &Action) {
    match action {
        Action::ToggleDiagram => toggle_diagram(app),
        Action::CompactDiagram => toggle_compact(app),
        Action::FocusFlow => next_flow(app),
        Action::PanLeft => pan(app, -PAN_X, 0),
        Action::PanRight => pan(app, PAN_X, 0),
        Action::PanUp => pan(app, 0, -PAN_Y),
        Action::PanDown => pan(app, 0, PAN_Y),
        _ => {}
    }
}

/// True for the actions [`diagram_key`] handles.
pub(super) fn is_diagram_action(action: &Action) -> bool {
    matches!(
        action,
        Action::ToggleDiagram
            | Action::CompactDiagram
            | Action::FocusFlow
            | Action::PanLeft
            | Action::PanRight
            | Action::PanUp
            | Action::PanDown
    )
}
