//! The generated layered design the engine benchmarks judge, shared by
//! `benches/engine.rs` and `examples/gen_design.rs` (which writes it to a
//! file for whole-process timings of `napkin score`).

use napkin::model::{Component, Context, Design, Entity, Link, LinkMode, Load, Team};

/// A layered design: clients -> edge -> services -> caches/queues -> stores,
/// with `n` components (plus `clients - 1` extra clients) and about three
/// links per component. Every client calls the same load balancer, so the
/// entry points share one system, as the users of one product do.
pub fn generated(n: usize, clients: usize) -> Design {
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
    for i in 1..clients.max(1) {
        let id = format!("web{i}");
        d.components.push(Component::new(id.clone(), "web-client"));
        d.links.push(Link::new(id, "lb", LinkMode::Sync));
    }
    d
}
