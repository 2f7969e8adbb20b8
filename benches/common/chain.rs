//! The longest graph of its size, shared by the layout and TUI benchmarks.

use napkin::model::{Component, Design, Link, LinkMode};

/// A chain of `n` components: a client, then app servers each calling the
/// next, ending in a store.
pub fn chain(n: usize) -> Design {
    let mut d = Design {
        name: format!("chain {n}"),
        ..Design::default()
    };
    d.components.push(Component::new("web", "web-client"));
    for i in 1..n.saturating_sub(1) {
        d.components
            .push(Component::new(format!("svc-{i}"), "app-server"));
    }
    d.components.push(Component::new("db", "postgres"));
    let ids: Vec<String> = d.components.iter().map(|c| c.id.clone()).collect();
    for pair in ids.windows(2) {
        d.links
            .push(Link::new(pair[0].clone(), pair[1].clone(), LinkMode::Sync));
    }
    d
}
