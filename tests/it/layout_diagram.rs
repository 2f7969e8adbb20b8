//! The terminal diagram widget: snapshots of every built-in reference
//! design (normal and compact), marks that survive without colour, pan,
//! focus, wide labels, and no panic at any size.

use crate::layout_fixtures::{catalog, comp, cyclic, design, notifications, render, thirty};
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::Library;
use napkin::layout::LayoutOptions;
use napkin::widgets::Diagram;
use napkin::widgets::diagram::SPOF_MARK;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn draw(d: &Diagram, w: u16, h: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| f.render_widget(d, f.area())).expect("draw");
    term.backend().buffer().clone()
}

/// Every reference design of every built-in pack, with its report's SPOFs.
fn references() -> Vec<(String, napkin::model::Design, Vec<String>)> {
    let lib = Library::builtin().expect("built-in library loads");
    crate::layout_fixtures::references()
        .into_iter()
        .map(|(name, pack, d)| {
            let pack = lib.pack(&pack).map(|p| &p.pack);
            let report = analyze(&d, &lib.catalog, pack, &AnalysisOptions::default());
            (name, d, report.metrics.spofs)
        })
        .collect()
}

#[test]
fn reference_designs_snapshot() {
    let lib = Library::builtin().expect("built-in library loads");
    let refs = references();
    assert!(refs.len() >= 12, "every pack ships reference designs");
    for (name, d, spofs) in refs {
        for compact in [false, true] {
            let dg = Diagram::new(
                &d,
                &lib.catalog,
                &LayoutOptions {
                    compact,
                    focus: None,
                },
            )
            .with_spofs(spofs.iter().cloned());
            let (w, h) = dg.size();
            let (w, h) = (w.min(400) as u16, h.min(200) as u16);
            let text = render(&dg, w, h);
            for c in &d.components {
                assert!(
                    dg.layout().node(&c.id).is_some(),
                    "{name}: {} has a box",
                    c.id
                );
            }
            let marks = text.matches(SPOF_MARK).count();
            assert!(
                marks >= spofs.len(),
                "{name}: every SPOF is marked ({marks} marks, {spofs:?})"
            );
            let mode = if compact { "compact" } else { "normal" };
            insta::assert_snapshot!(format!("diagram_{name}_{mode}"), text);
        }
    }
}

#[test]
fn spof_is_marked_in_colour_and_without() {
    let d = notifications();
    let dg = Diagram::new(&d, &catalog(), &LayoutOptions::default()).with_spofs(["db"]);
    let (w, h) = dg.size();
    let buf = draw(&dg, w as u16, h as u16);
    let db = dg.layout().node("db").expect("db box");
    let (x, y) = (db.x as u16, db.y as u16);
    assert_eq!(
        buf[(x + 1, y + 1)].symbol(),
        "!",
        "symbol next to the label"
    );
    assert_eq!(buf[(x, y)].fg, Color::Red, "red border");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let api = dg.layout().node("api").expect("api box");
    assert_eq!(
        buf[(api.x as u16 + 1, api.y as u16 + 1)].symbol(),
        " ",
        "no mark on a redundant box"
    );
}

#[test]
fn highlighted_components_get_heavy_borders() {
    let d = notifications();
    let dg =
        Diagram::new(&d, &catalog(), &LayoutOptions::default()).with_highlight(["worker", "email"]);
    let (w, h) = dg.size();
    let buf = draw(&dg, w as u16, h as u16);
    let worker = dg.layout().node("worker").expect("worker box");
    assert_eq!(buf[(worker.x as u16, worker.y as u16)].symbol(), "┏");
    let api = dg.layout().node("api").expect("api box");
    assert_eq!(buf[(api.x as u16, api.y as u16)].symbol(), "┌");
    let compact = Diagram::new(
        &d,
        &catalog(),
        &LayoutOptions {
            compact: true,
            focus: None,
        },
    )
    .with_highlight(["api"]);
    let (w, h) = compact.size();
    let buf = draw(&compact, w as u16, h as u16);
    let api = compact.layout().node("api").expect("api box");
    assert!(
        buf[(api.x as u16, api.y as u16)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn sync_is_solid_async_is_dashed_and_arrows_point_at_callees() {
    let d = design(
        "two hops",
        vec![
            comp("api", "app-server", 1),
            comp("q", "sqs", 1),
            comp("w", "worker", 1),
        ],
        &[("api", "q", true), ("q", "w", false)],
    );
    let dg = Diagram::new(&d, &catalog(), &LayoutOptions::default());
    let (w, h) = dg.size();
    let text = render(&dg, w as u16, h as u16);
    let row = text.lines().nth(1).expect("label row");
    assert!(row.contains("╌╌▶"), "async dashed: {row}");
    assert!(row.contains("──▶"), "sync solid: {row}");
}

#[test]
fn link_labels_sit_on_their_edge_and_widen_the_channel() {
    let mut d = design(
        "labelled",
        vec![
            comp("api", "app-server", 1),
            comp("q", "sqs", 1),
            comp("w", "worker", 1),
        ],
        &[("api", "q", true), ("q", "w", false)],
    );
    d.links[0].label = Some("order-placed".into());
    d.links[1].label = Some("a label far too long to fit any channel at all".into());
    let dg = Diagram::new(&d, &catalog(), &LayoutOptions::default());
    let (w, h) = dg.size();
    let text = render(&dg, w as u16, h as u16);
    let row = text.lines().nth(1).expect("label row");
    assert!(
        row.contains("order-placed"),
        "the label on its edge:\n{text}"
    );
    assert!(
        row.contains("a label far"),
        "a long label is cut, not dropped:\n{text}"
    );
    assert!(!row.contains("at all"), "{text}");
    // Compact diagrams keep narrow channels and still draw.
    let compact = Diagram::new(
        &d,
        &catalog(),
        &LayoutOptions {
            compact: true,
            ..LayoutOptions::default()
        },
    );
    assert!(compact.size().0 < w, "compact stays narrower");
}

#[test]
fn reversed_links_point_back() {
    let dg = Diagram::new(&cyclic(), &catalog(), &LayoutOptions::default());
    let (w, h) = dg.size();
    let text = render(&dg, w as u16, h as u16);
    assert!(
        text.contains('◀'),
        "a left-pointing head for the cycle:\n{text}"
    );
}

#[test]
fn pan_moves_the_view_and_clamps() {
    let d = thirty();
    let mut dg = Diagram::new(&d, &catalog(), &LayoutOptions::default());
    let (w, h) = dg.size();
    assert!(w > 80 && h > 24);
    dg.pan_by(1_000, 1_000, 80, 24);
    assert_eq!(dg.pan, dg.max_pan(80, 24));
    dg.pan_by(-5_000, -5_000, 80, 24);
    assert_eq!(dg.pan, (0, 0));
    assert!(dg.center_on("es", 80, 24));
    let es = dg.layout().node("es").expect("es box").clone();
    let text = render(&dg, 80, 24);
    assert!(text.contains("es x3"), "centred box is visible:\n{text}");
    assert!(es.x >= dg.pan.0 && es.x < dg.pan.0 + 80);
    assert!(!dg.center_on("nope", 80, 24));
}

#[test]
fn focus_shows_one_flow_only() {
    let d = notifications();
    let focus = ["web", "lb", "api", "db"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let dg = Diagram::new(
        &d,
        &catalog(),
        &LayoutOptions {
            compact: false,
            focus: Some(focus),
        },
    );
    let (w, h) = dg.size();
    let text = render(&dg, w as u16, h as u16);
    assert!(text.contains("api x2") && text.contains("db"));
    assert!(
        !text.contains("worker") && !text.contains("mobile"),
        "{text}"
    );
}

#[test]
fn wide_and_long_labels_are_cut_cleanly() {
    let mut d = notifications();
    d.components[3].label = Some("数据库服务数据库服务数据库服务数据库服务".into());
    let dg = Diagram::new(&d, &catalog(), &LayoutOptions::default());
    let (w, h) = dg.size();
    let text = render(&dg, w as u16, h as u16);
    assert!(text.contains("…"), "{text}");
    assert!(text.contains("数据库"), "{text}");
    // Every row keeps its box borders aligned: no wide char spills over a border.
    let api = dg.layout().node("api").expect("api box");
    let buf = draw(&dg, w as u16, h as u16);
    assert_eq!(
        buf[(api.x as u16 + api.w as u16 - 1, api.y as u16 + 1)].symbol(),
        "│"
    );
}

#[test]
fn empty_design_says_so() {
    let dg = Diagram::new(
        &napkin::model::Design::default(),
        &catalog(),
        &LayoutOptions::default(),
    );
    assert!(render(&dg, 40, 3).contains("no components"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn never_panics_at_any_size_or_pan(
        w in 0u16..140, h in 0u16..50, px in 0u32..300, py in 0u32..80,
        compact in any::<bool>(), which in 0usize..3,
    ) {
        let d = [notifications(), cyclic(), thirty()][which].clone();
        let dg = Diagram::new(&d, &catalog(), &LayoutOptions { compact, focus: None })
            .with_spofs(["db", "events"])
            .with_highlight(["api"])
            .with_pan(px, py);
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
        ratatui::widgets::Widget::render(&dg, buf.area, &mut buf);
        // An area that pokes outside the buffer is clipped, not a panic.
        let mut small = Buffer::empty(ratatui::layout::Rect::new(2, 1, w / 2, h / 2));
        ratatui::widgets::Widget::render(&dg, ratatui::layout::Rect::new(0, 0, w, h), &mut small);
    }
}
