//! Scoring speed: the TUI re-scores on every keystroke (100 components), and
//! `napkin score` must stay quick on very large generated designs.

use criterion::{Criterion, criterion_group, criterion_main};
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::Library;
use napkin::model::{Component, Context, Design, Entity, Link, LinkMode, Load, Team};
use std::hint::black_box;

/// A layered design: clients -> edge -> services -> caches/queues -> stores,
/// with `n` components and about three links per component.
fn generated(n: usize) -> Design {
    let kinds = ["app-server", "worker", "redis", "sqs", "postgres"];
    let mut d = Design {
        name: format!("generated {n}"),
        context: Some(Context {
            load: Some(Load {
                users: Some(1e6),
                peak_rps: Some(5000.0),
                write_rps: Some(500.0),
                ..Default::default()
            }),
            team: Some(Team {
                engineers: Some(40.0),
                ops_hours_per_month: None,
            }),
            availability: Some(99.9),
            entities: (0..10)
                .map(|i| Entity {
                    id: format!("e{i}"),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }),
        ..Design::default()
    };
    d.components.push(Component::new("web", "web-client"));
    d.components.push(Component::new("lb", "load-balancer"));
    d.links.push(Link::new("web", "lb", LinkMode::Sync));
    for i in 0..n.saturating_sub(2) {
        let kind = kinds[i % kinds.len()];
        let mut c = Component::new(format!("c{i}"), kind);
        c.replicas = 1 + (i % 3) as u32;
        if kind == "postgres" {
            c.stores.push(format!("e{}", i % 10));
        }
        d.components.push(c);
    }
    let m = n.saturating_sub(2);
    for i in 0..m {
        let from = format!("c{i}");
        if i < 5 {
            d.links.push(Link::new("lb", from.clone(), LinkMode::Sync));
        }
        for step in [1usize, 7, 31] {
            let j = i + step;
            if j < m {
                let mode = if j % 4 == 3 {
                    LinkMode::Async
                } else {
                    LinkMode::Sync
                };
                d.links.push(Link::new(from.clone(), format!("c{j}"), mode));
            }
        }
    }
    d
}

fn bench(c: &mut Criterion) {
    let lib = Library::builtin().expect("built-in library");
    let small = generated(100);
    let large = generated(10_000);
    // Twenty entry points into the same system: each client becomes a flow
    // of its own when the design declares none.
    let mut clients = generated(10_000);
    for i in 1..20 {
        let id = format!("web{i}");
        clients
            .components
            .push(Component::new(id.clone(), "web-client"));
        clients.links.push(Link::new(id, "lb", LinkMode::Sync));
    }
    c.bench_function("score 100 components", |b| {
        b.iter(|| {
            analyze(
                black_box(&small),
                &lib.catalog,
                None,
                &AnalysisOptions::default(),
            )
        })
    });
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    g.bench_function("score 10,000 components / ~30,000 links", |b| {
        b.iter(|| {
            analyze(
                black_box(&large),
                &lib.catalog,
                None,
                &AnalysisOptions::default(),
            )
        })
    });
    g.bench_function("score 10,000 components / 20 clients", |b| {
        b.iter(|| {
            analyze(
                black_box(&clients),
                &lib.catalog,
                None,
                &AnalysisOptions::default(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
