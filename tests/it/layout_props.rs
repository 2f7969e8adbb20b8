//! Layout properties: no overlapping boxes, every link drawn and attached to
//! its boxes, no route through a box, determinism, and a 30-component design
//! that fits a 120x40 screen in compact mode.

use crate::layout_fixtures::{catalog, comp, cyclic, design, notifications, thirty};
use napkin::layout::{Layout, LayoutOptions, NodeBox, Point, layout};
use napkin::model::{Category, Design, Link, LinkMode};
use proptest::prelude::*;
use std::collections::BTreeSet;

const KINDS: &[&str] = &[
    "web-client",
    "mobile-client",
    "load-balancer",
    "app-server",
    "worker",
    "redis",
    "sqs",
    "kafka",
    "postgres",
    "elasticsearch",
    "email-provider",
    "kubernetes",
    "not-in-the-catalog",
];

const LABELS: &[&str] = &[
    "",
    "数据库服务",
    "a very long label that will not fit in any box",
    "ñandú",
    "x\u{1b}[31my",
];

/// True when the point touches a side of the box from outside.
fn touches(p: Point, b: &NodeBox) -> bool {
    let rows = p.y >= b.y && p.y < b.bottom();
    rows && (p.x + 1 == b.x || p.x == b.right())
}

/// Checks every structural property; returns the first violation.
fn check(d: &Design, l: &Layout, focus: Option<&BTreeSet<String>>) -> Result<(), String> {
    let shown = |id: &str| focus.is_none_or(|f| f.contains(id));
    let expected: Vec<usize> = d
        .links
        .iter()
        .enumerate()
        .filter(|(_, k)| {
            shown(&k.from)
                && shown(&k.to)
                && d.component(&k.from).is_some()
                && d.component(&k.to).is_some()
        })
        .map(|(i, _)| i)
        .collect();
    let drawn: Vec<usize> = l.edges.iter().map(|e| e.link).collect();
    if drawn != expected {
        return Err(format!("links drawn {drawn:?}, expected {expected:?}"));
    }
    let want_nodes = d.components.iter().filter(|c| shown(&c.id)).count();
    if l.nodes.len() != want_nodes {
        return Err(format!(
            "{} boxes for {want_nodes} components",
            l.nodes.len()
        ));
    }
    for (i, a) in l.nodes.iter().enumerate() {
        if a.right() > l.width || a.bottom() > l.height || a.w < 3 || a.h < 1 {
            return Err(format!("box {} out of bounds or degenerate", a.id));
        }
        for b in &l.nodes[i + 1..] {
            let apart =
                a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y;
            if !apart {
                return Err(format!("boxes {} and {} overlap", a.id, b.id));
            }
        }
    }
    for e in &l.edges {
        let link = &d.links[e.link];
        let (src, dst) = (&l.nodes[e.from], &l.nodes[e.to]);
        if src.id != link.from || dst.id != link.to || e.mode != link.mode {
            return Err(format!("edge for link {} names the wrong boxes", e.link));
        }
        if e.points.len() < 2 {
            return Err(format!("edge {} has fewer than two points", e.link));
        }
        for w in e.points.windows(2) {
            if w[0].x != w[1].x && w[0].y != w[1].y {
                return Err(format!("edge {} has a diagonal segment {:?}", e.link, w));
            }
        }
        let (first, last) = (e.points[0], e.points[e.points.len() - 1]);
        if !touches(first, src) {
            return Err(format!(
                "edge {} starts at {first:?}, away from {}",
                e.link, src.id
            ));
        }
        let self_loop_end = e.from == e.to && last.x == dst.right();
        if !(touches(last, dst) || self_loop_end) {
            return Err(format!(
                "edge {} ends at {last:?}, away from {}",
                e.link, dst.id
            ));
        }
        for p in e.cells() {
            if p.x >= l.width || p.y >= l.height {
                return Err(format!("edge {} leaves the canvas at {p:?}", e.link));
            }
            if let Some(b) = l.nodes.iter().find(|b| b.contains(p)) {
                return Err(format!(
                    "edge {} passes through box {} at {p:?}",
                    e.link, b.id
                ));
            }
        }
    }
    Ok(())
}

fn arb_design() -> impl Strategy<Value = Design> {
    (1usize..36).prop_flat_map(|n| {
        let comps = prop::collection::vec(
            (0..KINDS.len(), 1u32..5, prop::option::of(0..LABELS.len())),
            n,
        );
        let links = prop::collection::vec((0..n, 0..n, any::<bool>()), 0..(n * 2 + 1));
        (comps, links).prop_map(|(comps, links)| {
            let components = comps
                .into_iter()
                .enumerate()
                .map(|(i, (k, r, label))| {
                    let mut c = comp(&format!("c{i}"), KINDS[k], r);
                    c.label = label.map(|l| LABELS[l].to_string());
                    c
                })
                .collect();
            Design {
                components,
                links: links
                    .into_iter()
                    .map(|(a, b, async_)| {
                        Link::new(
                            format!("c{a}"),
                            format!("c{b}"),
                            if async_ {
                                LinkMode::Async
                            } else {
                                LinkMode::Sync
                            },
                        )
                    })
                    .collect(),
                ..Design::default()
            }
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_designs_lay_out_cleanly(d in arb_design(), compact in any::<bool>()) {
        let cat = catalog();
        let opts = LayoutOptions { compact, focus: None };
        let l = layout(&d, &cat, &opts);
        if let Err(e) = check(&d, &l, None) {
            return Err(TestCaseError::fail(e));
        }
        prop_assert_eq!(&l, &layout(&d, &cat, &opts), "same design, same layout");
    }

    #[test]
    fn focus_keeps_only_the_flow(d in arb_design(), keep in prop::collection::btree_set(0usize..36, 0..10)) {
        let cat = catalog();
        let focus: BTreeSet<String> = keep.into_iter().map(|i| format!("c{i}")).collect();
        let l = layout(&d, &cat, &LayoutOptions { compact: false, focus: Some(focus.clone()) });
        if let Err(e) = check(&d, &l, Some(&focus)) {
            return Err(TestCaseError::fail(e));
        }
    }
}

#[test]
fn fixtures_lay_out_cleanly_in_both_modes() {
    let cat = catalog();
    for d in [notifications(), cyclic(), thirty()] {
        for compact in [false, true] {
            let l = layout(
                &d,
                &cat,
                &LayoutOptions {
                    compact,
                    focus: None,
                },
            );
            check(&d, &l, None).unwrap_or_else(|e| panic!("{} (compact {compact}): {e}", d.name));
        }
    }
}

#[test]
fn thirty_components_fit_a_120_by_40_screen_in_compact_mode() {
    let d = thirty();
    assert_eq!(d.components.len(), 30);
    let l = layout(
        &d,
        &catalog(),
        &LayoutOptions {
            compact: true,
            focus: None,
        },
    );
    assert!(
        l.width <= 120 && l.height <= 40,
        "compact layout is {}x{}",
        l.width,
        l.height
    );
    let full = layout(&d, &catalog(), &LayoutOptions::default());
    assert!(
        full.width > l.width && full.height > l.height,
        "compact is smaller than normal"
    );
}

#[test]
fn clients_come_first_and_stores_last() {
    let cat = catalog();
    let l = layout(&notifications(), &cat, &LayoutOptions::default());
    let last = l.nodes.iter().map(|n| n.layer).max().unwrap_or(0);
    for n in &l.nodes {
        match n.category {
            Some(Category::Client) => assert_eq!(n.layer, 0, "{} is a client", n.id),
            Some(Category::Database | Category::External) => {
                assert_eq!(n.layer, last, "{} is a store", n.id)
            }
            _ => assert!(n.layer > 0 && n.layer < last, "{} sits between", n.id),
        }
    }
    let x = |id: &str| l.node(id).map(|n| n.x).unwrap_or_default();
    assert!(
        x("web") < x("lb") && x("lb") < x("api") && x("api") < x("jobs") && x("jobs") < x("worker")
    );
}

#[test]
fn a_cycle_is_drawn_right_to_left_once() {
    let l = layout(&cyclic(), &catalog(), &LayoutOptions::default());
    let reversed: Vec<&str> = l
        .edges
        .iter()
        .filter(|e| e.reversed)
        .map(|e| l.nodes[e.from].id.as_str())
        .collect();
    assert_eq!(
        reversed,
        vec!["payments"],
        "payments -> events closes the cycle"
    );
    let self_loop = l
        .edges
        .iter()
        .find(|e| e.from == e.to)
        .expect("self-link drawn");
    assert_eq!(l.nodes[self_loop.from].id, "booking");
}

#[test]
fn a_straight_chain_is_straight() {
    let d = design(
        "chain",
        vec![
            comp("web", "web-client", 1),
            comp("api", "app-server", 3),
            comp("db", "postgres", 1),
        ],
        &[("web", "api", false), ("api", "db", false)],
    );
    let l = layout(&d, &catalog(), &LayoutOptions::default());
    assert!(
        l.edges.iter().all(|e| e.points.len() == 2),
        "no bends: {:?}",
        l.edges
    );
    assert_eq!(l.height, 4);
    assert_eq!(l.node("api").map(|n| n.title()), Some("api x3".to_string()));
}

#[test]
fn labels_are_cleaned_and_fitted() {
    let mut d = notifications();
    d.components[3].label = Some("\u{1b}[2Japi\nserver 数据库服务 and a lot more words".into());
    let l = layout(&d, &catalog(), &LayoutOptions::default());
    let api = l.node("api").expect("api box");
    assert!(!api.label.contains('\u{1b}') && !api.label.contains('\n'));
    assert!(api.w <= 26, "boxes stay narrow: {}", api.w);
    let fitted = api.title_fit(api.w as usize - 4);
    assert!(fitted.ends_with(" x2") && fitted.contains('…'), "{fitted}");
}

#[test]
fn empty_and_dangling_designs_do_not_panic() {
    let cat = catalog();
    let empty = Design::default();
    let l = layout(&empty, &cat, &LayoutOptions::default());
    assert!(l.nodes.is_empty() && l.width == 0 && l.height == 0);
    let d = design(
        "dangling",
        vec![comp("a", "app-server", 1)],
        &[("a", "ghost", false), ("ghost", "a", true)],
    );
    let l = layout(&d, &cat, &LayoutOptions::default());
    assert_eq!(l.nodes.len(), 1);
    assert!(l.edges.is_empty());
}
