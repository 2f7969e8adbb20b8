//! One update + view cycle of the TUI on a 100-component design: an edit,
//! the engine re-scoring it, and a full redraw on ratatui's TestBackend.
//! A frame at 60 Hz is 16.7 ms; this must stay far inside it.

#[path = "common/generated.rs"]
mod generated;

#[path = "common/chain.rs"]
mod chain;

use criterion::{Criterion, criterion_group, criterion_main};
use napkin::io::Library;
use napkin::model::{Component, Design, Link, LinkMode, StageRef};
use napkin::tui::action::Action;
use napkin::tui::keys::Keymap;
use napkin::tui::state::{App, Screen};
use napkin::tui::store::list_sessions;
use napkin::tui::terminal::{Outcome, tick};
use napkin::tui::update::update;
use napkin::tui::view::View;
use napkin::tui::{Launch, prepare_at};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::SystemTime;

const KINDS: &[&str] = &[
    "app-server",
    "worker",
    "postgres",
    "redis",
    "sqs",
    "kafka",
    "app-server",
    "worker",
    "email-provider",
    "push-provider",
];

/// Two clients, a load balancer and 97 more components, each linked onward.
fn big_design() -> Design {
    let mut d = Design {
        name: "a hundred boxes".into(),
        scenario: Some("notification-system".into()),
        stage: Some(StageRef::Id("launch".into())),
        ..Design::default()
    };
    d.components.push(Component::new("web", "web-client"));
    d.components.push(Component::new("mobile", "mobile-client"));
    d.components.push(Component::new("lb", "load-balancer"));
    for i in 3..100 {
        let kind = KINDS[i % KINDS.len()];
        let mut c = Component::new(format!("{kind}-{i}"), kind);
        if kind == "postgres" {
            c.stores = vec!["notifications".into(), "user-preferences".into()];
        }
        d.components.push(c);
    }
    d.links.push(Link::new("web", "lb", LinkMode::Sync));
    d.links.push(Link::new("mobile", "lb", LinkMode::Sync));
    let ids: Vec<String> = d.components.iter().map(|c| c.id.clone()).collect();
    d.links
        .push(Link::new("lb", ids[3].clone(), LinkMode::Sync));
    for i in 3..ids.len() {
        for step in [1, 7] {
            if let Some(to) = ids.get(i + step) {
                let mode = if i % 3 == 0 {
                    LinkMode::Async
                } else {
                    LinkMode::Sync
                };
                d.links.push(Link::new(ids[i].clone(), to.clone(), mode));
            }
        }
    }
    d
}

/// A design of `n` components in layers, about three links each: 20 web
/// clients call app servers, which call more app servers, queues, caches and
/// databases; workers drain the queues into the caches and databases.
fn layered_design(n: usize) -> Design {
    let mut d = Design {
        name: format!("{n} boxes in layers"),
        ..Design::default()
    };
    let rest = n.saturating_sub(20);
    // (kind, share of the components after the clients, in tenths)
    let layers = [
        ("app-server", 2),
        ("app-server", 2),
        ("sqs", 1),
        ("worker", 2),
        ("redis", 1),
        ("postgres", 2),
    ];
    let mut ids: Vec<Vec<String>> = Vec::new();
    ids.push((0..20).map(|i| format!("web-{i}")).collect());
    for id in &ids[0] {
        d.components.push(Component::new(id.clone(), "web-client"));
    }
    let mut placed = 0;
    for (li, (kind, tenths)) in layers.iter().enumerate() {
        let size = if li + 1 == layers.len() {
            rest - placed
        } else {
            rest * tenths / 10
        };
        placed += size;
        let layer: Vec<String> = (0..size).map(|i| format!("{kind}-{li}-{i}")).collect();
        for id in &layer {
            let mut c = Component::new(id.clone(), *kind);
            if *kind == "postgres" {
                c.stores = vec!["orders".into()];
            }
            d.components.push(c);
        }
        ids.push(layer);
    }
    let link = |d: &mut Design, from: &str, to: &[String], k: usize, mode: LinkMode| {
        if !to.is_empty() {
            d.links
                .push(Link::new(from.to_string(), to[k % to.len()].clone(), mode));
        }
    };
    for (i, id) in ids[0].iter().enumerate() {
        for m in 0..3 {
            link(&mut d, id, &ids[1], i * 3 + m, LinkMode::Sync);
        }
    }
    for (i, id) in ids[1].clone().iter().enumerate() {
        for m in 0..3 {
            link(&mut d, id, &ids[2], i * 3 + m, LinkMode::Sync);
        }
    }
    for (i, id) in ids[2].clone().iter().enumerate() {
        link(&mut d, id, &ids[3], i, LinkMode::Async);
        link(&mut d, id, &ids[5], i, LinkMode::Sync);
        link(&mut d, id, &ids[6], i, LinkMode::Sync);
    }
    for (i, id) in ids[3].clone().iter().enumerate() {
        link(&mut d, id, &ids[4], i * 2, LinkMode::Async);
        link(&mut d, id, &ids[4], i * 2 + 1, LinkMode::Async);
    }
    for (i, id) in ids[4].clone().iter().enumerate() {
        link(&mut d, id, &ids[5], i, LinkMode::Sync);
        link(&mut d, id, &ids[6], i, LinkMode::Sync);
        link(&mut d, id, &ids[6], i + 1, LinkMode::Sync);
    }
    d
}

fn app() -> App {
    let lib = Library::builtin().expect("the built-in catalog and packs load");
    let mut app = App::new(lib, Keymap::defaults(), None, Vec::new());
    app.open_design(big_design(), None);
    app.screen = Screen::Design;
    app
}

/// One edit (replicas up, then down, in turn), its re-score and a redraw.
fn edit_and_draw(app: &mut App, term: &mut Terminal<TestBackend>, up: &mut bool) {
    let a = if *up {
        Action::ReplicasUp
    } else {
        Action::ReplicasDown
    };
    *up = !*up;
    black_box(update(app, a));
    term.draw(|f| f.render_widget(&View::new(app, true), f.area()))
        .expect("draw");
}

fn bench(c: &mut Criterion) {
    let mut app = app();
    assert_eq!(
        app.session.as_ref().map(|s| s.design.components.len()),
        Some(100)
    );
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut up = true;
    c.bench_function(
        "tui: edit + re-score + redraw, 100 components, 120x40",
        |b| {
            b.iter(|| {
                edit_and_draw(&mut app, &mut term, &mut up);
            })
        },
    );
    let mut moving = app.clone();
    c.bench_function(
        "tui: move selection + redraw, 100 components, 120x40",
        |b| {
            b.iter(|| {
                black_box(update(&mut moving, Action::MoveDown));
                term.draw(|f| f.render_widget(&View::new(&moving, true), f.area()))
                    .expect("draw");
            })
        },
    );
    c.bench_function("tui: redraw only, 100 components, 80x24", |b| {
        let mut small = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
        b.iter(|| {
            small
                .draw(|f| f.render_widget(&View::new(&app, false), f.area()))
                .expect("draw");
        })
    });
}

/// Drawing frames of a 10,000-component design: the editor (a key that
/// moves the selection, and a redraw alone), the report screen, and an idle
/// tick of the clock (what the event loop does once a second).
fn bench_large(c: &mut Criterion) {
    let lib = Library::builtin().expect("the built-in catalog and packs load");
    let mut app = App::new(lib, Keymap::defaults(), None, Vec::new());
    app.open_design(layered_design(10_000), None);
    app.screen = Screen::Design;
    let n = app.session.as_ref().map_or(0, |s| s.report.findings.len());
    eprintln!("10,000 components, {n} findings");
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut g = c.benchmark_group("tui 10k");
    g.sample_size(20);
    g.bench_function("redraw editor, 10,000 components, 120x40", |b| {
        b.iter(|| {
            term.draw(|f| f.render_widget(&View::new(&app, true), f.area()))
                .expect("draw");
        })
    });
    let mut moving = app.clone();
    g.bench_function("move selection + redraw, 10,000 components", |b| {
        b.iter(|| {
            black_box(update(&mut moving, Action::MoveDown));
            term.draw(|f| f.render_widget(&View::new(&moving, true), f.area()))
                .expect("draw");
        })
    });
    let mut report = app.clone();
    report.screen = Screen::Report;
    g.bench_function("redraw report, 10,000 components", |b| {
        b.iter(|| {
            term.draw(|f| f.render_widget(&View::new(&report, true), f.area()))
                .expect("draw");
        })
    });
    let mut shown = app.clone();
    update(&mut shown, Action::ToggleDiagram);
    g.bench_function(
        "redraw editor with the diagram shown, 10,000 components",
        |b| {
            b.iter(|| {
                term.draw(|f| f.render_widget(&View::new(&shown, true), f.area()))
                    .expect("draw");
            })
        },
    );
    let mut editing = app.clone();
    update(&mut editing, Action::MoveDown);
    let mut up = true;
    g.bench_function("edit + re-score + redraw, 10,000 components", |b| {
        b.iter(|| {
            edit_and_draw(&mut editing, &mut term, &mut up);
        })
    });
    let mut idle = app.clone();
    let mut now = 0u64;
    let mut outcome = Outcome::default();
    g.bench_function("idle tick, 10,000 components", |b| {
        b.iter(|| {
            now += 1;
            // What the event loop does once a second: the tick, and a
            // frame only when the tick changed something on screen.
            if tick(&mut idle, now, &mut outcome).redraw {
                term.draw(|f| f.render_widget(&View::new(&idle, true), f.area()))
                    .expect("draw");
            }
        })
    });
    g.finish();
}

/// `napkin open` of a saved 10,000-component design up to its first frame
/// (the text parsed and validated once, the app made, the design judged,
/// and the editor drawn; process start and terminal set-up aside), and an
/// edit's re-score and redraw on it, with 1, 20 and 200 entry points as the
/// engine benches judge.
fn bench_first_frame(c: &mut Criterion) {
    let lib = Library::builtin().expect("the built-in catalog and packs load");
    let path = std::path::PathBuf::from("big.napkin.yaml");
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut g = c.benchmark_group("tui 10k");
    g.sample_size(10);
    for clients in [1, 20, 200] {
        let text =
            napkin::io::load::design_to_yaml(&generated::generated(10_000, clients)).expect("yaml");
        let open = || {
            let loaded = napkin::io::load::load_design_str(&text, "big.napkin.yaml", &lib)
                .expect("the design loads");
            let launch = Launch::Loaded(path.clone(), Box::new(loaded.design), text.clone());
            prepare_at(lib.clone(), None, launch, None).expect("the app starts")
        };
        let entries = format!(
            "{clients} entry point{}",
            if clients == 1 { "" } else { "s" }
        );
        let suffix = if clients == 20 {
            String::new()
        } else {
            format!(", {entries}")
        };
        g.bench_function(
            format!("open to first frame, 10,000 components{suffix}"),
            |b| {
                b.iter(|| {
                    let app = open();
                    term.draw(|f| f.render_widget(&View::new(&app, true), f.area()))
                        .expect("draw");
                    app
                })
            },
        );
        let mut editing = open();
        editing.screen = Screen::Design;
        update(&mut editing, Action::MoveDown);
        let mut up = true;
        g.bench_function(
            format!("edit + re-score + redraw, generated 10,000 components, {entries}"),
            |b| b.iter(|| edit_and_draw(&mut editing, &mut term, &mut up)),
        );
    }
    g.finish();
}

/// An edit with the diagram shown at the most components it draws box by
/// box (500): the re-score, the layout (dropped by the edit, rebuilt by the
/// frame) and the redraw, for a wide design and for a long chain; and at
/// 10,000 components, where the diagram is drawn folded by kind.
fn bench_diagram_edit(c: &mut Criterion) {
    let mut g = c.benchmark_group("tui diagram");
    g.sample_size(20);
    let most = napkin::tui::diagram_state::MAX_DRAWN;
    for (name, design) in [
        ("wide, 500 components", layered_design(most)),
        ("chain, 500 components", chain::chain(most)),
        ("by kind, 10,000 components", layered_design(10_000)),
    ] {
        let lib = Library::builtin().expect("the built-in catalog and packs load");
        let mut app = App::new(lib, Keymap::defaults(), None, Vec::new());
        app.open_design(design, None);
        app.screen = Screen::Design;
        update(&mut app, Action::ToggleDiagram);
        update(&mut app, Action::MoveDown);
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        let mut up = true;
        g.bench_function(format!("edit + re-score + layout + redraw, {name}"), |b| {
            b.iter(|| {
                edit_and_draw(&mut app, &mut term, &mut up);
            })
        });
    }
    g.finish();
}

/// Start-up with 50 saved sessions of 1,000 components each: listing them
/// for the home screen (what runs before the first frame), cold (nothing
/// known about the files) and warm (as on every start after the first).
fn bench_startup(c: &mut Criterion) {
    let lib = Library::builtin().expect("the built-in catalog and packs load");
    let dir = tempfile::tempdir().expect("temp dir");
    let text = napkin::io::load::design_to_yaml(&generated::generated(1_000, 20)).expect("yaml");
    for i in 0..50 {
        let file = dir.path().join(format!("session-{i}.napkin.yaml"));
        std::fs::write(
            file,
            text.replace("generated 1000", &format!("attempt {i}")),
        )
        .expect("write a session");
    }
    let listed = list_sessions(dir.path(), &lib, SystemTime::now());
    assert_eq!(listed.sessions.len(), 50, "{:?}", listed.warnings);
    let mut g = c.benchmark_group("tui start-up");
    g.sample_size(10);
    let remembered = dir.path().join(napkin::tui::score_cache::FILE);
    g.bench_function("list 50 saved sessions of 1,000 components, cold", |b| {
        b.iter(|| {
            // Nothing remembered: every session is judged.
            let _ = std::fs::remove_file(&remembered);
            black_box(list_sessions(dir.path(), &lib, SystemTime::now()))
        })
    });
    g.bench_function("list 50 saved sessions of 1,000 components, warm", |b| {
        b.iter(|| black_box(list_sessions(dir.path(), &lib, SystemTime::now())))
    });
    g.finish();
}

criterion_group!(
    benches,
    bench,
    bench_large,
    bench_first_frame,
    bench_diagram_edit,
    bench_startup
);
criterion_main!(benches);
