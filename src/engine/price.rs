//! Prices the fixes findings propose: re-runs the engine on the edited design
//! and reports what each edit does to the scores and the monthly cost.

use super::report::Report;
use super::{AnalysisOptions, analyze};
use crate::model::Edit;
use crate::model::{Catalog, Design, Pack};
use serde::Serialize;

/// What applying one fix would do.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PricedFix {
    pub rule: String,
    pub components: Vec<String>,
    pub edit: Edit,
    /// The same edit as a `:` command.
    pub command: String,
    pub overall: i64,
    pub over_engineering: i64,
    pub resilience: i64,
    pub consistency: i64,
    pub capacity: i64,
    pub monthly_cost_usd: f64,
    /// One line: `run 2 replicas of `db`: resilience +22, +$120/month`.
    pub summary: String,
}

/// Most fixes priced per report; a design with more open findings gets the
/// worst ones priced first.
pub const MAX_PRICED: usize = super::policy::MAX_PRICED_FIXES;

/// Prices every distinct fix in `report` (worst findings first).
pub fn price(
    design: &Design,
    catalog: &Catalog,
    pack: Option<&Pack>,
    opts: &AnalysisOptions,
    report: &Report,
) -> Vec<PricedFix> {
    let mut out: Vec<PricedFix> = Vec::new();
    for f in &report.findings {
        let Some(edit) = &f.fix else { continue };
        if out.iter().any(|p| p.edit == *edit) {
            continue;
        }
        if out.len() >= MAX_PRICED {
            break;
        }
        let mut edited = design.clone();
        edit.apply(&mut edited, catalog);
        let after = analyze(&edited, catalog, pack, opts);
        let d = |a: u32, b: u32| i64::from(b) - i64::from(a);
        let (s0, s1) = (&report.scores, &after.scores);
        let cost = after.metrics.monthly_cost_usd - report.metrics.monthly_cost_usd;
        let mut parts = Vec::new();
        for (name, v) in [
            ("overall", d(s0.overall, s1.overall)),
            (
                "over-engineering",
                d(s0.over_engineering, s1.over_engineering),
            ),
            ("resilience", d(s0.resilience, s1.resilience)),
            ("consistency", d(s0.consistency, s1.consistency)),
            ("capacity", d(s0.capacity, s1.capacity)),
        ] {
            if v != 0 {
                parts.push(format!("{name} {v:+}"));
            }
        }
        if cost.abs() >= 0.5 {
            let sign = if cost > 0.0 { "+" } else { "-" };
            parts.push(format!(
                "{sign}${}/month",
                crate::model::num::fmt(cost.abs())
            ));
        }
        if parts.is_empty() {
            parts.push("no score change".into());
        }
        out.push(PricedFix {
            rule: f.rule.clone(),
            components: f.components.clone(),
            edit: edit.clone(),
            command: edit.command(),
            overall: d(s0.overall, s1.overall),
            over_engineering: d(s0.over_engineering, s1.over_engineering),
            resilience: d(s0.resilience, s1.resilience),
            consistency: d(s0.consistency, s1.consistency),
            capacity: d(s0.capacity, s1.capacity),
            monthly_cost_usd: cost.round(),
            summary: format!("{edit}: {}", parts.join(", ")),
        });
    }
    out
}
