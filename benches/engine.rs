//! Scoring speed: the TUI re-scores on every keystroke (100 components), and
//! `napkin score` must stay quick on very large generated designs, however
//! many entry points (client components) they have.
//!
//! The whole-process curve of `napkin score` uses the same designs written
//! to files by `examples/gen_design.rs`.

#[path = "common/generated.rs"]
mod generated;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use generated::generated;
use napkin::engine::{AnalysisOptions, analyze, analyze_with_fixes};
use napkin::io::Library;
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let lib = Library::builtin().expect("built-in library");
    let opts = AnalysisOptions::default();
    // One analysis: what every keystroke in the TUI costs.
    let mut g = c.benchmark_group("analyze 100 components");
    for clients in [1, 20, 200] {
        let d = generated(100, clients);
        g.bench_with_input(BenchmarkId::new("clients", clients), &d, |b, d| {
            b.iter(|| analyze(black_box(d), &lib.catalog, None, &opts))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("analyze 10,000 components");
    g.sample_size(10);
    for clients in [1, 20, 200] {
        let d = generated(10_000, clients);
        g.bench_with_input(BenchmarkId::new("clients", clients), &d, |b, d| {
            b.iter(|| analyze(black_box(d), &lib.catalog, None, &opts))
        });
    }
    g.finish();
    // The analysis with its fixes priced: what `napkin score` does.
    let mut g = c.benchmark_group("analyze_with_fixes 20 clients");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(5));
    for n in [1_000, 3_000, 10_000, 30_000] {
        let d = generated(n, 20);
        g.bench_with_input(BenchmarkId::new("components", n), &d, |b, d| {
            b.iter(|| analyze_with_fixes(black_box(d), &lib.catalog, None, &opts))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("analyze_with_fixes 10,000 components");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(5));
    for clients in [1, 200] {
        let d = generated(10_000, clients);
        g.bench_with_input(BenchmarkId::new("clients", clients), &d, |b, d| {
            b.iter(|| analyze_with_fixes(black_box(d), &lib.catalog, None, &opts))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
