//! The score formula, kept small enough to explain in one paragraph:
//!
//! Each category starts at 100 and loses points per open finding:
//! low 4, medium 10, high 22, critical 40; below 40 the loss tails off
//! instead of stopping at 0, so a design twice as far over the line still
//! scores below one just over it. Resilience counts
//! `spof` and `flow` findings. Overall is the mean of the four categories,
//! minus a quarter of the gap between the worst category and 100 (one
//! terrible category drags the whole design down), minus half the penalty of
//! risky decisions; clamped to 0-100. Finally overall is multiplied by the
//! share of the critical flows' required targets the design reaches: a
//! design that does not deliver the product cannot score well on the rest
//! (an empty design scores 0). Last, serious findings (high or critical)
//! cap it, as a reviewer would: one keeps a design out of the good band
//! (at most 79), two hold it to 64, three to 49 and four or more to 39;
//! a critical finding caps it lower still, at 59 for one and 49 for two or
//! more, well below the good band. Accepted findings do not count.

use super::policy;
use super::report::{Finding, FindingCategory, Scores};
use crate::model::Severity;

/// A category's score after losing `lost` points: 100 less the points down
/// to [`policy::SCORE_TAIL_FROM`], then a tail that halves and halves again
/// (continuing the same slope where it starts), so two designs far over the
/// line still score apart instead of both at 0.
pub fn category_score(lost: f64) -> f64 {
    let knee = 100.0 - policy::SCORE_TAIL_FROM;
    if lost <= knee {
        100.0 - lost
    } else {
        policy::SCORE_TAIL_FROM * (-(lost - knee) / policy::SCORE_TAIL_FROM).exp()
    }
}

/// Scores for a set of open findings, given the share (0-1) of required
/// flow targets the design reaches.
pub fn scores(findings: &[Finding], coverage: f64) -> Scores {
    let bucket = |cats: &[FindingCategory]| -> f64 {
        let lost: f64 = findings
            .iter()
            .filter(|f| cats.contains(&f.category))
            .map(|f| policy::penalty(f.severity))
            .sum();
        category_score(lost)
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
    let critical = findings
        .iter()
        .filter(|f| f.category != FindingCategory::Decision && f.severity == Severity::Critical)
        .count();
    let ceiling = policy::SERIOUS_FINDING_CAPS[serious.min(policy::SERIOUS_FINDING_CAPS.len() - 1)]
        .min(policy::CRITICAL_FINDING_CAPS[critical.min(policy::CRITICAL_FINDING_CAPS.len() - 1)]);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(category: FindingCategory, severity: Severity) -> Finding {
        Finding {
            rule: "r".into(),
            category,
            severity,
            components: vec!["c".into()],
            message: String::new(),
            suggestion: String::new(),
            fix: None,
        }
    }

    fn many(n: usize, category: FindingCategory, severity: Severity) -> Vec<Finding> {
        (0..n).map(|_| finding(category, severity)).collect()
    }

    #[test]
    fn one_high_costs_its_weight_and_more_findings_keep_costing() {
        let one = scores(
            &many(1, FindingCategory::OverEngineering, Severity::High),
            1.0,
        );
        assert_eq!(one.over_engineering, 78);
        // Degrees stay apart where a subtraction would floor both at 0.
        let five = scores(
            &many(5, FindingCategory::OverEngineering, Severity::High),
            1.0,
        );
        let ten = scores(
            &many(10, FindingCategory::OverEngineering, Severity::High),
            1.0,
        );
        assert!(
            five.over_engineering > ten.over_engineering,
            "{five:?} {ten:?}"
        );
        assert!(ten.over_engineering > 0);
        assert!(five.overall >= ten.overall);
    }

    #[test]
    fn a_critical_finding_holds_the_design_well_below_the_good_band() {
        let high = scores(&many(1, FindingCategory::Capacity, Severity::High), 1.0);
        assert_eq!(high.overall, 79);
        let critical = scores(&many(1, FindingCategory::Capacity, Severity::Critical), 1.0);
        assert_eq!(critical.overall, 59);
        let two = scores(
            &many(2, FindingCategory::Consistency, Severity::Critical),
            1.0,
        );
        assert!(two.overall <= 49, "{two:?}");
        // A risky answer to a prompt is not a finding about the design.
        let decision = scores(&many(1, FindingCategory::Decision, Severity::Critical), 1.0);
        assert!(decision.overall > 59, "{decision:?}");
    }
}
