//! One way to change a design: every fix the report prices prints a `:`
//! command, and running that command in the app makes exactly the design
//! whose score was priced.

use crate::common::lib;
use napkin::engine::{AnalysisOptions, analyze_with_fixes};
use napkin::io::load::load_design;
use napkin::model::Design;
use napkin::tui::command::parse;
use napkin::tui::keys::Keymap;
use napkin::tui::state::App;
use napkin::tui::update::run_command;
use std::path::{Path, PathBuf};

fn designs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "tests/fixtures/panel/designs",
        "tests/fixtures/corpus",
        "tests/fixtures/designs",
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("fixture folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".napkin.yaml"))
            .collect();
        files.sort();
        out.extend(files);
    }
    for pack in ["coffee-ordering", "notification-system", "ticket-booking"] {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(root.join("scenarios").join(pack).join("designs"))
                .expect("pack designs")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// The parts of a design an edit can change.
fn shape(d: &Design) -> String {
    format!("{:?}\n{:?}\n{:?}", d.components, d.links, d.notes)
}

#[test]
fn every_printed_fix_command_makes_the_priced_design() {
    let lib = lib();
    let mut checked = 0;
    for path in designs() {
        let design = load_design(&path, &lib)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .design;
        let pack = design
            .scenario
            .as_deref()
            .and_then(|s| lib.pack(s))
            .map(|p| p.pack.clone());
        let report = analyze_with_fixes(
            &design,
            &lib.catalog,
            pack.as_ref(),
            &AnalysisOptions::default(),
        );
        for fix in &report.fixes {
            let mut priced = design.clone();
            fix.edit.apply(&mut priced, &lib.catalog);

            let mut app = App::new(lib.clone(), Keymap::defaults(), None, Vec::new());
            app.open_design(design.clone(), None);
            for part in fix.command.split(" ; ") {
                let line = part.trim().trim_start_matches(':');
                let cmd =
                    parse(line).unwrap_or_else(|e| panic!("{}: `{line}`: {e}", path.display()));
                run_command(&mut app, cmd);
            }
            let typed = &app.session.as_ref().expect("a session").design;
            assert_eq!(
                shape(typed),
                shape(&priced),
                "{}: `{}` does not make the design priced for `{}`",
                path.display(),
                fix.command,
                fix.edit
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} fixes checked");
    println!("{checked} printed fix commands checked");
}

/// Pricing is bounded by the design's size: all 40 fixes up to 2,500
/// components, fewer past that, never under three.
#[test]
fn the_number_of_priced_fixes_falls_with_size() {
    use napkin::engine::price::{MAX_PRICED, priced_limit};
    assert_eq!(priced_limit(0), MAX_PRICED);
    assert_eq!(priced_limit(2_500), MAX_PRICED);
    assert_eq!(priced_limit(10_000), 10);
    assert_eq!(priced_limit(50_000), 3);
}

/// A design large enough to be priced on every core gets its fixes in the
/// order of its findings, and each price is what the edit really does.
#[test]
fn large_designs_price_in_order_and_exactly() {
    use napkin::model::{Component, Link, LinkMode};
    let mut d = Design {
        name: "wide".into(),
        ..Design::default()
    };
    d.components.push(Component::new("web", "web-client"));
    for i in 0..napkin::engine::policy::PARALLEL_PRICING_FROM {
        d.components
            .push(Component::new(format!("api-{i}"), "app-server"));
        d.links
            .push(Link::new("web", format!("api-{i}"), LinkMode::Sync));
    }
    let opts = AnalysisOptions::default();
    let report = analyze_with_fixes(&d, &lib().catalog, None, &opts);
    let limit = napkin::engine::price::priced_limit(d.components.len());
    let mut expected = Vec::new();
    for f in &report.findings {
        if let Some(e) = &f.fix
            && !expected.contains(&e)
            && expected.len() < limit
        {
            expected.push(e);
        }
    }
    assert!(!expected.is_empty(), "the design has fixes to price");
    let priced: Vec<_> = report.fixes.iter().map(|f| &f.edit).collect();
    assert_eq!(priced, expected);
    for fix in report.fixes.iter().take(3) {
        let mut edited = d.clone();
        fix.edit.apply(&mut edited, &lib().catalog);
        let after = napkin::engine::analyze(&edited, &lib().catalog, None, &opts);
        assert_eq!(
            i64::from(after.scores.overall) - i64::from(report.scores.overall),
            fix.overall,
            "{}",
            fix.command
        );
    }
}

/// Every priced fix is exactly what a full analysis of the edited design
/// says, whichever way pricing judged it (a fix that keeps the routes and
/// loads is priced on the base design's world bound to the edited design).
#[test]
fn every_price_matches_a_full_analysis_of_the_edited_design() {
    use napkin::engine::analyze;
    let lib = lib();
    let opts = AnalysisOptions::default();
    let mut checked = 0;
    for path in designs() {
        let design = load_design(&path, &lib)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .design;
        let pack = design
            .scenario
            .as_deref()
            .and_then(|s| lib.pack(s))
            .map(|p| p.pack.clone());
        let report = analyze_with_fixes(&design, &lib.catalog, pack.as_ref(), &opts);
        for fix in &report.fixes {
            let mut edited = design.clone();
            fix.edit.apply(&mut edited, &lib.catalog);
            let after = analyze(&edited, &lib.catalog, pack.as_ref(), &opts);
            let d = |a: u32, b: u32| i64::from(b) - i64::from(a);
            let (s0, s1) = (&report.scores, &after.scores);
            assert_eq!(
                (
                    fix.overall,
                    fix.over_engineering,
                    fix.resilience,
                    fix.consistency,
                    fix.capacity,
                    fix.monthly_cost_usd
                ),
                (
                    d(s0.overall, s1.overall),
                    d(s0.over_engineering, s1.over_engineering),
                    d(s0.resilience, s1.resilience),
                    d(s0.consistency, s1.consistency),
                    d(s0.capacity, s1.capacity),
                    (after.metrics.monthly_cost_usd - report.metrics.monthly_cost_usd).round()
                ),
                "{}: `{}`",
                path.display(),
                fix.edit
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} fixes checked");
}
