//! Layout speed: a generated 500-component system laid out in well under
//! 100 ms (normal and compact), and the diagram widget drawing one screen of
//! it. The same design's DOT export is written next to the build output so
//! `dot -Tsvg` can be timed on the same graph from the shell.

#[path = "common/chain.rs"]
mod chain;

use criterion::{Criterion, criterion_group, criterion_main};
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::Library;
use napkin::io::export::{ExportFormat, Subject, export};
use napkin::layout::{LayoutOptions, layout};
use napkin::model::{Component, Design, Link, LinkMode};
use napkin::widgets::Diagram;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::hint::black_box;

/// A deterministic pseudo-random sequence (no extra dependency).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// A system of `n` components shaped like real ones: clients, an edge tier,
/// services calling services, caches, queues feeding workers, stores and
/// providers. About 1.6 links per component.
fn generated(n: usize) -> Design {
    let tiers: [(&str, usize); 8] = [
        ("web-client", 2),
        ("load-balancer", 2),
        ("app-server", 40),
        ("redis", 10),
        ("sqs", 8),
        ("worker", 16),
        ("postgres", 16),
        ("email-provider", 6),
    ];
    let total: usize = tiers.iter().map(|t| t.1).sum();
    let mut d = Design {
        name: format!("generated {n}"),
        ..Design::default()
    };
    let mut by_tier: Vec<Vec<String>> = vec![Vec::new(); tiers.len()];
    for (t, (kind, share)) in tiers.iter().enumerate() {
        let count = (n * share).div_ceil(total).max(1);
        for i in 0..count {
            if d.components.len() >= n {
                break;
            }
            let id = format!("{kind}-{i}");
            let mut c = Component::new(id.clone(), *kind);
            c.replicas = 1 + (i % 3) as u32;
            d.components.push(c);
            by_tier[t].push(id);
        }
    }
    let mut rng = Lcg(42);
    let link = |d: &mut Design, from: &str, to: &str, mode: LinkMode| {
        d.links.push(Link::new(from, to, mode));
    };
    let pick = |rng: &mut Lcg, tier: &Vec<String>| tier.get(rng.below(tier.len())).cloned();
    for c in by_tier[0].clone() {
        if let Some(lb) = pick(&mut rng, &by_tier[1]) {
            link(&mut d, &c, &lb, LinkMode::Sync);
        }
    }
    for (i, svc) in by_tier[2].clone().iter().enumerate() {
        if let Some(lb) = by_tier[1].get(i % by_tier[1].len().max(1)) {
            link(&mut d, lb, svc, LinkMode::Sync);
        }
        // Services call a later service now and then, a cache, a store, and
        // sometimes enqueue work.
        if i + 1 < by_tier[2].len() && rng.below(3) == 0 {
            let j = i + 1 + rng.below(by_tier[2].len() - i - 1);
            link(&mut d, svc, &by_tier[2][j], LinkMode::Sync);
        }
        for (tier, mode, odds) in [
            (3, LinkMode::Sync, 2),
            (6, LinkMode::Sync, 1),
            (4, LinkMode::Async, 3),
        ] {
            if rng.below(odds) == 0
                && let Some(to) = pick(&mut rng, &by_tier[tier])
            {
                link(&mut d, svc, &to, mode);
            }
        }
    }
    for (i, w) in by_tier[5].clone().iter().enumerate() {
        if let Some(q) = by_tier[4].get(i % by_tier[4].len().max(1)) {
            link(&mut d, q, w, LinkMode::Async);
        }
        for tier in [6, 7] {
            if let Some(to) = pick(&mut rng, &by_tier[tier]) {
                link(&mut d, w, &to, LinkMode::Sync);
            }
        }
    }
    d
}

/// The layout curve: 100, 1,000 and 10,000 components, for a wide tiered
/// system and for a long chain (near-linear is the target; a 1,500-long
/// chain once took 34 s).
fn bench_curve(c: &mut Criterion) {
    let lib = Library::builtin().expect("built-in library");
    let mut g = c.benchmark_group("layout curve");
    g.sample_size(10);
    for n in [100, 1_000, 10_000] {
        let wide = generated(n);
        g.bench_function(format!("wide, {n} components"), |b| {
            b.iter(|| layout(black_box(&wide), &lib.catalog, &LayoutOptions::default()))
        });
        let long = chain::chain(n);
        g.bench_function(format!("chain, {n} components"), |b| {
            b.iter(|| layout(black_box(&long), &lib.catalog, &LayoutOptions::default()))
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let lib = Library::builtin().expect("built-in library");
    let d = generated(500);
    assert_eq!(d.components.len(), 500);
    let l = layout(&d, &lib.catalog, &LayoutOptions::default());
    eprintln!(
        "generated design: {} components, {} links; layout {}x{} cells",
        d.components.len(),
        d.links.len(),
        l.width,
        l.height
    );
    // The same graph for `dot -Tsvg`, timed from the shell.
    let report = analyze(&d, &lib.catalog, None, &AnalysisOptions::default());
    let dot = export(
        ExportFormat::Dot,
        &Subject {
            design: &d,
            catalog: &lib.catalog,
            pack: None,
            report: &report,
            name: &d.name,
        },
    );
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| "target".into(), std::path::PathBuf::from);
    let path = target.join("layout-500.dot");
    if std::fs::write(&path, dot).is_ok() {
        eprintln!(
            "DOT of the same graph: {} (time it with `time dot -Tsvg {} > /dev/null`)",
            path.display(),
            path.display()
        );
    }

    c.bench_function("layout 500 components", |b| {
        b.iter(|| layout(black_box(&d), &lib.catalog, &LayoutOptions::default()))
    });
    c.bench_function("layout 500 components compact", |b| {
        let opts = LayoutOptions {
            compact: true,
            focus: None,
        };
        b.iter(|| layout(black_box(&d), &lib.catalog, &opts))
    });
    let diagram = Diagram::from_layout(l).with_pan(40, 20);
    c.bench_function("draw one 200x60 screen of it", |b| {
        let area = Rect::new(0, 0, 200, 60);
        b.iter(|| {
            let mut buf = Buffer::empty(area);
            (&diagram).render(area, &mut buf);
            black_box(buf)
        })
    });
}

criterion_group!(benches, bench, bench_curve);
criterion_main!(benches);
