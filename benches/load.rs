//! Loading hostile files under the limits: each must answer in well under
//! 2 s (issue: time is bounded on every input below the limits).

use criterion::{Criterion, criterion_group, criterion_main};
use napkin::io::Library;
use napkin::io::load::load_design_str;
use std::hint::black_box;
use std::time::Duration;

fn components(n: usize, line: impl Fn(usize) -> String) -> String {
    let mut text = String::from("napkin: 1\nname: hostile\ncomponents:\n");
    for i in 0..n {
        text.push_str(&line(i));
        text.push('\n');
    }
    text
}

fn bench(c: &mut Criterion) {
    let lib = Library::builtin().expect("built-in library");
    let cases = [
        (
            "10,000 duplicate ids",
            components(10_000, |_| "  - { id: api, kind: app-server }".into()),
        ),
        (
            "40,000 unknown kinds",
            components(40_000, |i| format!("  - {{ id: c{i}, kind: kafak{i} }}")),
        ),
        (
            "20,000 misspelt cache targets",
            components(20_000, |i| {
                format!("  - {{ id: c{i}, kind: redis, caches: nope{i} }}")
            }),
        ),
        (
            "40,000 unknown keys",
            components(40_000, |i| {
                format!("  - {{ id: c{i}, kind: redis, replicaz{i}: 1 }}")
            }),
        ),
        ("100,000-deep nesting", {
            format!(
                "napkin: 1\nname: deep\nx-deep: {}{}\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
        }),
    ];
    let mut g = c.benchmark_group("hostile files");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    for (name, text) in &cases {
        g.bench_function(*name, |b| {
            b.iter(|| {
                black_box(load_design_str(
                    black_box(text),
                    "hostile.napkin.yaml",
                    &lib,
                ))
            })
        });
    }
    g.finish();
}

/// What every command pays before its own work: the catalog, and the packs
/// only for commands that need them (read on first use).
fn bench_library(c: &mut Criterion) {
    let mut g = c.benchmark_group("library");
    g.bench_function("catalog only (packs not read)", |b| {
        b.iter(|| black_box(Library::builtin().expect("built-in library")))
    });
    g.bench_function("catalog and every built-in pack", |b| {
        b.iter(|| {
            let lib = Library::builtin().expect("built-in library");
            black_box(lib.packs().len());
            lib
        })
    });
    g.finish();
}

criterion_group!(benches, bench, bench_library);
criterion_main!(benches);
