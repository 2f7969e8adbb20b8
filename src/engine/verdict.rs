//! Checks a report against a reference design's declared verdict, so packs
//! test their own rubric.

use super::report::Report;

use crate::model::scenario::{Expectation, FindingMatch};

/// Every way `report` misses `expect`, as sentences; empty when it matches.
pub fn mismatches(report: &Report, expect: &Expectation) -> Vec<String> {
    let mut out = Vec::new();
    let overall = f64::from(report.scores.overall);
    if let Some(min) = expect.overall_min
        && overall < min
    {
        out.push(format!(
            "overall score {overall} is below the expected minimum {min}"
        ));
    }
    if let Some(max) = expect.overall_max
        && overall > max
    {
        out.push(format!(
            "overall score {overall} is above the expected maximum {max}"
        ));
    }
    if let Some(max) = expect.max_severity {
        for f in report.findings.iter().filter(|f| f.severity > max) {
            out.push(format!(
                "{} finding `{}` on [{}] exceeds max_severity {max}: {}",
                f.severity,
                f.rule,
                f.components.join(", "),
                f.message
            ));
        }
    }
    for m in &expect.must {
        if !report.findings.iter().any(|f| matches(f, m)) {
            out.push(format!(
                "expected a `{}` finding{} and got none",
                m.rule,
                on(m)
            ));
        }
    }
    for m in &expect.must_not {
        for f in report.findings.iter().filter(|f| matches(f, m)) {
            out.push(format!(
                "unexpected `{}` finding{}: {}",
                f.rule,
                on(m),
                f.message
            ));
        }
    }
    out
}

/// A finding matches when the rule is the same and it names at least the
/// listed components.
fn matches(f: &super::report::Finding, m: &FindingMatch) -> bool {
    f.rule == m.rule && m.components.iter().all(|c| f.components.contains(c))
}

fn on(m: &FindingMatch) -> String {
    if m.components.is_empty() {
        String::new()
    } else {
        format!(" on {}", m.components.join(", "))
    }
}
