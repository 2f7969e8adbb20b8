//! The diagram's actions: show and hide, panes, zoom, flow focus, panning,
//! following the selection, and the cached layout.

use super::*;
use crate::tui::diagram_state::{self as dg, PAN_X, PAN_Y};
use crate::tui::update::diagram_keys::viewport;
use std::collections::BTreeSet;

fn state(a: &App) -> &dg::DiagramState {
    &a.session.as_ref().unwrap().diagram
}

fn pane(a: &App) -> Pane {
    a.session.as_ref().unwrap().editor.focus
}

/// Ten components: wider than the diagram pane at 80x24.
fn big() -> App {
    let mut a = drawn();
    for line in fixture::BIG_DESIGN_EXTRA {
        cmd(&mut a, line);
    }
    a
}

#[test]
fn toggle_shows_the_diagram_in_place_of_the_inspector() {
    let mut a = drawn();
    assert!(!state(&a).shown);
    send(&mut a, [Action::ToggleDiagram]);
    assert!(state(&a).shown);
    assert!(info(&a).contains("H/J/K/L pan"), "{}", info(&a));
    assert!(dg::visible(&a));
    // Tab runs through the list, the diagram and the findings.
    assert_eq!(pane(&a), Pane::Components);
    send(&mut a, [Action::NextPane]);
    assert_eq!(pane(&a), Pane::Diagram);
    send(&mut a, [Action::NextPane]);
    assert_eq!(pane(&a), Pane::Findings);
    send(&mut a, [Action::NextPane]);
    assert_eq!(pane(&a), Pane::Components);
    send(&mut a, [Action::PrevPane, Action::PrevPane]);
    assert_eq!(pane(&a), Pane::Diagram);
    // Hiding it hands its place back to the inspector.
    send(&mut a, [Action::ToggleDiagram]);
    assert!(!state(&a).shown);
    assert_eq!(pane(&a), Pane::Inspector);
    assert_eq!(info(&a), "diagram hidden");
    // Showing it from the inspector focuses the diagram.
    send(&mut a, [Action::ToggleDiagram]);
    assert_eq!(pane(&a), Pane::Diagram);
    // `:diagram` toggles too.
    cmd(&mut a, "diagram");
    assert!(!state(&a).shown);
    cmd(&mut a, "graph");
    assert!(state(&a).shown);
}

#[test]
fn toggle_from_another_screen_opens_the_editor_and_report_shares_it() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenBrief, Action::ToggleDiagram]);
    assert_eq!(a.screen, Screen::Design);
    assert!(state(&a).shown);
    // Shown on the brief (not drawn there): the key goes to the editor
    // rather than hiding it.
    send(&mut a, [Action::ScreenDecisions, Action::ToggleDiagram]);
    assert_eq!(a.screen, Screen::Design);
    assert!(state(&a).shown);
    // The report draws the same diagram and hides it in place.
    send(&mut a, [Action::ScreenReport]);
    assert!(dg::visible(&a));
    send(&mut a, [Action::ToggleDiagram]);
    assert_eq!(a.screen, Screen::Report);
    assert!(!dg::visible(&a));
    // Without a session there is nothing to draw.
    let mut home = app();
    send(&mut home, [Action::ToggleDiagram]);
    assert!(err(&home).contains("open a scenario"));
    for x in [Action::CompactDiagram, Action::FocusFlow] {
        send(&mut home, [x]);
        assert!(err(&home).contains("open a scenario"));
    }
    send(&mut home, [Action::PanLeft]);
    assert_eq!(home.screen, Screen::Home);
}

#[test]
fn editing_in_the_inspector_hides_the_diagram() {
    let mut a = drawn();
    send(&mut a, [Action::ToggleDiagram, Action::EditProps]);
    assert!(!state(&a).shown);
    assert_eq!(pane(&a), Pane::Inspector);
    send(&mut a, [Action::ToggleDiagram, Action::Cancel]);
    assert_eq!(pane(&a), Pane::Components);
    // Enter on a component opens the inspector, so the diagram gives way.
    send(&mut a, [Action::Confirm]);
    assert_eq!(pane(&a), Pane::Inspector);
    assert!(!state(&a).shown);
}

#[test]
fn compact_mode_toggles_and_relays_out() {
    let mut a = drawn();
    send(&mut a, [Action::CompactDiagram]);
    assert!(state(&a).shown, "zooming shows the diagram");
    assert!(state(&a).compact);
    assert!(info(&a).contains("zoomed out"), "{}", info(&a));
    let s = a.session.as_ref().unwrap();
    let d = s
        .diagram
        .diagram(&s.design, &a.lib.catalog, &s.report.flows);
    assert!(d.layout().compact);
    assert!(d.layout().nodes.iter().all(|n| n.h == 1));
    send(&mut a, [Action::CompactDiagram]);
    assert!(!state(&a).compact);
    assert!(info(&a).contains("zoomed in"), "{}", info(&a));
    let s = a.session.as_ref().unwrap();
    let d = s
        .diagram
        .diagram(&s.design, &a.lib.catalog, &s.report.flows);
    assert!(!d.layout().compact);
}

#[test]
fn focus_mode_cycles_through_the_critical_flows() {
    let mut a = big();
    let flows: Vec<String> = a
        .session
        .as_ref()
        .unwrap()
        .report
        .flows
        .iter()
        .map(|f| f.id.clone())
        .collect();
    assert_eq!(flows, ["place-order", "send-email"]);
    send(&mut a, [Action::FocusFlow]);
    assert!(state(&a).shown);
    assert_eq!(state(&a).flow.as_deref(), Some("place-order"));
    let m = info(&a);
    assert!(
        m.contains("flow 1 of 2: place-order (Place an order)"),
        "{m}"
    );
    assert!(m.contains("F next · esc all"), "{m}");
    // Only the flow's components are laid out.
    let s = a.session.as_ref().unwrap();
    let on_path: BTreeSet<&str> = s.report.flows[0]
        .components
        .iter()
        .map(String::as_str)
        .collect();
    let d = s
        .diagram
        .diagram(&s.design, &a.lib.catalog, &s.report.flows);
    let drawn: BTreeSet<&str> = d.layout().nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(drawn, on_path);
    assert!(!drawn.contains("audit"));
    send(&mut a, [Action::FocusFlow]);
    assert_eq!(state(&a).flow.as_deref(), Some("send-email"));
    // After the last flow: everything again.
    send(&mut a, [Action::FocusFlow]);
    assert_eq!(state(&a).flow, None);
    assert_eq!(info(&a), "diagram: every component again");
    // Esc clears the focus first, then leaves the pane as before.
    send(
        &mut a,
        [Action::FocusFlow, Action::NextPane, Action::Cancel],
    );
    assert_eq!(state(&a).flow, None);
    assert_eq!(pane(&a), Pane::Diagram);
    send(&mut a, [Action::Cancel]);
    assert_eq!(pane(&a), Pane::Components);
    // And on the report.
    send(&mut a, [Action::ScreenReport, Action::FocusFlow]);
    assert_eq!(a.screen, Screen::Report);
    assert!(state(&a).flow.is_some());
    send(&mut a, [Action::Cancel]);
    assert_eq!(state(&a).flow, None);
}

#[test]
fn flow_command_picks_a_flow_by_id() {
    let mut a = drawn();
    cmd(&mut a, "flow send-email");
    assert_eq!(state(&a).flow.as_deref(), Some("send-email"));
    assert!(state(&a).shown);
    cmd(&mut a, "flow all");
    assert_eq!(state(&a).flow, None);
    cmd(&mut a, "flow");
    assert_eq!(state(&a).flow.as_deref(), Some("place-order"));
    cmd(&mut a, "flow send-emial");
    assert!(
        err(&a).contains("did you mean `send-email`?"),
        "{}",
        err(&a)
    );
    assert_eq!(state(&a).flow.as_deref(), Some("place-order"));
    cmd(&mut a, "flow zzzzzzzzzz");
    assert!(
        err(&a).contains("(flows: place-order, send-email)"),
        "{}",
        err(&a)
    );
    cmd(&mut a, "flow all");
    cmd(&mut a, "flow all");
    assert_eq!(info(&a), "the diagram shows every component");
}

#[test]
fn a_design_with_no_flows_says_so() {
    let mut a = app();
    a.open_design(Design::default(), None);
    assert!(a.session.as_ref().unwrap().report.flows.is_empty());
    send(&mut a, [Action::FocusFlow]);
    assert!(err(&a).contains("no critical flows"), "{}", err(&a));
    cmd(&mut a, "flow anything");
    assert!(err(&a).contains("no critical flows"), "{}", err(&a));
}

#[test]
fn a_focused_flow_that_disappears_is_forgotten() {
    let mut a = drawn();
    send(&mut a, [Action::FocusFlow]);
    a.session.as_mut().unwrap().diagram.flow = Some("gone".into());
    cmd(&mut a, "add redis cache");
    assert_eq!(state(&a).flow, None);
}

#[test]
fn panning_moves_within_the_diagram() {
    let mut a = big();
    send(
        &mut a,
        [Action::Resize {
            width: 80,
            height: 24,
        }],
    );
    assert_eq!(a.term_size, (80, 24));
    // Hidden: nothing to pan.
    send(&mut a, [Action::PanRight]);
    assert!(info(&a).contains("hidden: D shows it"), "{}", info(&a));
    assert_eq!(state(&a).pan, None);
    send(&mut a, [Action::Top, Action::ToggleDiagram]);
    // The frame that shows it records where it is.
    crate::tui::fixture::draw(&a);
    let view = viewport(&a).expect("the diagram shows");
    let s = a.session.as_ref().unwrap();
    let d = s
        .diagram
        .diagram(&s.design, &a.lib.catalog, &s.report.flows);
    let max = d.max_pan(view.width, view.height);
    assert!(max.0 > 0, "wider than the pane: {:?} in {view:?}", d.size());
    let start = s.diagram.view_pan(d, Some("web"), view.width, view.height);
    send(&mut a, [Action::PanRight]);
    let after = state(&a).pan.expect("panned");
    assert_eq!(
        after.0,
        (u64::from(start.0) + PAN_X as u64).min(u64::from(max.0)) as u32
    );
    // Far left stops at the edge; far right at the last useful column.
    send(&mut a, vec![Action::PanLeft; 50]);
    assert_eq!(state(&a).pan.map(|p| p.0), Some(0));
    send(&mut a, vec![Action::PanRight; 50]);
    assert_eq!(state(&a).pan.map(|p| p.0), Some(max.0));
    send(&mut a, vec![Action::PanDown; 50]);
    assert_eq!(state(&a).pan.map(|p| p.1), Some(max.1));
    send(&mut a, vec![Action::PanUp; 50]);
    assert_eq!(state(&a).pan.map(|p| p.1), Some(0));
    // With the diagram pane focused, arrows and pages pan.
    send(&mut a, [Action::NextPane]);
    assert_eq!(pane(&a), Pane::Diagram);
    send(&mut a, [Action::Top]);
    assert_eq!(state(&a).pan, Some((0, 0)));
    send(&mut a, [Action::MoveRight, Action::MoveDown]);
    let want = dg::moved((0, 0), PAN_X, PAN_Y, max);
    assert_eq!(state(&a).pan, Some(want));
    send(&mut a, [Action::MoveLeft, Action::MoveUp]);
    assert_eq!(state(&a).pan, Some((0, 0)));
    send(&mut a, [Action::Bottom]);
    assert_eq!(state(&a).pan, Some(max));
    send(&mut a, [Action::PageUp]);
    assert_eq!(
        state(&a).pan.map(|p| p.1),
        Some(max.1.saturating_sub(u32::from(view.height) - 1))
    );
    send(&mut a, [Action::PageDown]);
    assert_eq!(state(&a).pan, Some(max));
    // Enter re-centres on the selection.
    send(&mut a, [Action::Confirm]);
    assert_eq!(state(&a).pan, None);
    assert_eq!(info(&a), "centred on web");
    assert_eq!(pane(&a), Pane::Diagram, "still in the diagram pane");
}

#[test]
fn a_diagram_that_fits_has_nothing_to_pan() {
    let mut a = drawn();
    send(
        &mut a,
        [
            Action::Resize {
                width: 200,
                height: 60,
            },
            Action::ToggleDiagram,
            Action::PanRight,
        ],
    );
    assert_eq!(info(&a), "the whole diagram fits: nothing to pan");
    assert_eq!(state(&a).pan, Some((0, 0)));
    // Too small a window: no viewport, no change.
    send(
        &mut a,
        [Action::Resize {
            width: 20,
            height: 5,
        }],
    );
    a.session.as_mut().unwrap().diagram.pan = None;
    send(&mut a, [Action::PanRight]);
    assert_eq!(state(&a).pan, None);
}

#[test]
fn a_new_selection_recentres_the_diagram() {
    let mut a = big();
    send(&mut a, [Action::ToggleDiagram, Action::PanRight]);
    assert!(state(&a).pan.is_some());
    send(&mut a, [Action::MoveUp]);
    assert_eq!(state(&a).pan, None, "follows the new selection");
    send(&mut a, [Action::PanDown]);
    assert!(state(&a).pan.is_some());
    // Moving within the findings re-centres when the finding names
    // another component.
    focus(&mut a, Pane::Findings);
    send(&mut a, [Action::Top]);
    let n = a.session.as_ref().unwrap().report.findings.len();
    let mut recentred = 0;
    for _ in 1..n {
        let before = dg::target(&a);
        send(&mut a, [Action::PanLeft, Action::MoveDown]);
        let moved = dg::target(&a) != before;
        assert_eq!(state(&a).pan.is_none(), moved, "{before:?}");
        recentred += usize::from(moved);
    }
    assert!(recentred > 0);
    // Zooming and focusing a flow start from the selection again.
    send(&mut a, [Action::PanLeft, Action::CompactDiagram]);
    assert_eq!(state(&a).pan, None);
    send(&mut a, [Action::PanLeft, Action::FocusFlow]);
    assert_eq!(state(&a).pan, None);
}

#[test]
fn highlight_and_centre_follow_the_focus() {
    let mut a = drawn();
    send(&mut a, [Action::ToggleDiagram]);
    select(&mut a, "api");
    assert_eq!(dg::highlight(&a), BTreeSet::from(["api".to_string()]));
    assert_eq!(dg::target(&a).as_deref(), Some("api"));
    focus(&mut a, Pane::Findings);
    let f = a.selected_finding().unwrap().clone();
    assert_eq!(dg::highlight(&a), f.components.iter().cloned().collect());
    assert_eq!(dg::target(&a).as_ref(), f.components.first());
    // The report highlights nothing and starts at the top-left.
    send(&mut a, [Action::ScreenReport]);
    assert!(dg::highlight(&a).is_empty());
    assert_eq!(dg::target(&a), None);
}

#[test]
fn the_layout_is_cached_until_the_design_changes() {
    let mut a = drawn();
    send(&mut a, [Action::ToggleDiagram]);
    let fresh = |a: &App| {
        let s = a.session.as_ref().unwrap();
        crate::layout::layout(
            &s.design,
            &a.lib.catalog,
            &s.diagram.options(&s.report.flows),
        )
    };
    let cached = |a: &App| {
        let s = a.session.as_ref().unwrap();
        s.diagram
            .diagram(&s.design, &a.lib.catalog, &s.report.flows)
            .layout()
            .clone()
    };
    assert_eq!(cached(&a), fresh(&a));
    assert!(state(&a).is_cached());
    // Moving around and panning keep it.
    send(&mut a, [Action::MoveUp, Action::PanRight, Action::Tick(3)]);
    assert!(state(&a).is_cached());
    // Every edit, undo and redo drops it; the next use rebuilds it.
    for step in [
        "add redis cache",
        "link api cache",
        "replicas api 3",
        "undo",
        "redo",
        "rename cache hot",
    ] {
        cmd(&mut a, step);
        assert!(!state(&a).is_cached(), "{step}");
        assert_eq!(cached(&a), fresh(&a), "{step}");
    }
    assert!(cached(&a).node("hot").is_some_and(|n| n.replicas == 1));
    assert!(cached(&a).node("api").is_some_and(|n| n.replicas == 3));
}

#[test]
fn resize_only_records_the_size() {
    let mut a = drawn();
    a.info("kept");
    send(
        &mut a,
        [Action::Resize {
            width: 132,
            height: 50,
        }],
    );
    assert_eq!(a.term_size, (132, 50));
    assert_eq!(info(&a), "kept");
}

/// Layout stays off the input path: with the diagram hidden, no edit and no
/// frame of any screen lays the design out; shown, only the frame does
/// (once per edit), never the key itself.
#[test]
fn the_layout_is_built_only_to_draw_a_shown_diagram() {
    use crate::tui::view::View;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    let frame = |a: &App| {
        let area = Rect::new(0, 0, 120, 40);
        let mut buf = Buffer::empty(area);
        (&View::new(a, false)).render(area, &mut buf);
    };
    let mut a = drawn();
    assert!(!state(&a).shown);
    for screen in [
        Screen::Design,
        Screen::Report,
        Screen::Brief,
        Screen::Decisions,
    ] {
        a.screen = screen;
        cmd(&mut a, "replicas api 3");
        frame(&a);
        assert!(!state(&a).is_cached(), "{screen:?}");
    }
    a.screen = Screen::Design;
    send(&mut a, [Action::ToggleDiagram]);
    assert!(!state(&a).is_cached(), "showing it is a key, not a layout");
    frame(&a);
    assert!(state(&a).is_cached());
    cmd(&mut a, "replicas api 2");
    assert!(!state(&a).is_cached(), "the edit itself does not lay out");
    frame(&a);
    assert!(state(&a).is_cached());
}
