//! One update + view cycle of the TUI on a 100-component design: an edit,
//! the engine re-scoring it, and a full redraw on ratatui's TestBackend.
//! A frame at 60 Hz is 16.7 ms; this must stay far inside it.

use criterion::{Criterion, criterion_group, criterion_main};
use napkin::io::Library;
use napkin::model::{Component, Design, Link, LinkMode, StageRef};
use napkin::tui::action::Action;
use napkin::tui::keys::Keymap;
use napkin::tui::state::{App, Screen};
use napkin::tui::update::update;
use napkin::tui::view::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

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

fn app() -> App {
    let lib = Library::builtin().expect("the built-in catalog and packs load");
    let mut app = App::new(lib, Keymap::defaults(), None, Vec::new());
    app.open_design(big_design(), None);
    app.screen = Screen::Design;
    app
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
                let a = if up {
                    Action::ReplicasUp
                } else {
                    Action::ReplicasDown
                };
                up = !up;
                black_box(update(&mut app, a));
                term.draw(|f| f.render_widget(&View::new(&app, true), f.area()))
                    .expect("draw");
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

criterion_group!(benches, bench);
criterion_main!(benches);
