//! The score formula, kept small enough to explain in one paragraph:
//!
//! Each category starts at 100 and loses points per open finding:
//! low 4, medium 10, high 22, critical 40 (floored at 0). Resilience counts
//! `spof` and `flow` findings. Overall is the mean of the four categories,
//! minus a quarter of the gap between the worst category and 100 (one
//! terrible category drags the whole design down), minus half the penalty of
//! risky decisions; clamped to 0-100. Finally overall is multiplied by the
//! share of the critical flows' required targets the design reaches: a
//! design that does not deliver the product cannot score well on the rest
//! (an empty design scores 0). Last, serious findings (high or critical)
//! cap it, as a reviewer would: one keeps a design out of the good band
//! (at most 79), two hold it to 64, three to 49 and four or more to 39.
//! Accepted findings do not count.

use super::policy;
use super::report::{Finding, FindingCategory, Scores};
use crate::model::Severity;

/// Scores for a set of open findings, given the share (0-1) of required
/// flow targets the design reaches.
pub fn scores(findings: &[Finding], coverage: f64) -> Scores {
    let bucket = |cats: &[FindingCategory]| -> f64 {
        let lost: f64 = findings
            .iter()
            .filter(|f| cats.contains(&f.category))
            .map(|f| policy::penalty(f.severity))
            .sum();
        (100.0 - lost).max(0.0)
    };
    let over = bucket(&[FindingCategory::OverEngineering]);
    let res = bucket(&[FindingCategory::Spof, FindingCategory::Flow]);
    let cons = bucket(&[FindingCategory::Consistency]);
    let cap = bucket(&[FindingCategory::Capacity]);
    let decisions: f64 = findings
        .iter()
        .filter(|f| f.category == FindingCategory::Decision)
        .map(|f| policy::penalty(f.severity))
        .sum();
    let mean = (over + res + cons + cap) / 4.0;
    let worst = over.min(res).min(cons).min(cap);
    let overall = ((mean
        - (100.0 - worst) * policy::WORST_CATEGORY_DRAG
        - decisions * policy::DECISION_PENALTY_SHARE)
        * coverage.clamp(0.0, 1.0))
    .clamp(0.0, 100.0);
    let serious = findings
        .iter()
        .filter(|f| f.category != FindingCategory::Decision && f.severity >= Severity::High)
        .count();
    let ceiling = policy::SERIOUS_FINDING_CAPS[serious.min(policy::SERIOUS_FINDING_CAPS.len() - 1)];
    let overall = overall.min(ceiling);
    Scores {
        overall: overall.round() as u32,
        over_engineering: over.round() as u32,
        resilience: res.round() as u32,
        consistency: cons.round() as u32,
        capacity: cap.round() as u32,
        discovery: None,
    }
}
