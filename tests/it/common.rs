//! Assertions on reports shared by the test suites that judge designs.
#![allow(dead_code)]

use napkin::engine::report::Report;
use napkin::io::Library;

/// The built-in catalog and packs.
pub fn lib() -> Library {
    Library::builtin().expect("built-in library loads")
}

/// True when `rule` fired (on `component`, when given).
pub fn has(r: &Report, rule: &str, component: Option<&str>) -> bool {
    r.findings
        .iter()
        .any(|f| f.rule == rule && component.is_none_or(|c| f.components.iter().any(|x| x == c)))
}

/// Every open finding, a line each, for failure messages.
pub fn listing(r: &Report) -> String {
    r.findings
        .iter()
        .map(|f| format!("  {} {:?} {}", f.rule, f.components, f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[track_caller]
pub fn must(r: &Report, rule: &str, component: Option<&str>) {
    assert!(
        has(r, rule, component),
        "expected `{rule}` on {component:?}; got:\n{}",
        listing(r)
    );
}

#[track_caller]
pub fn must_not(r: &Report, rule: &str, component: Option<&str>) {
    assert!(
        !has(r, rule, component),
        "did not expect `{rule}` on {component:?}; got:\n{}",
        listing(r)
    );
}
