//! Prices the fixes findings propose: re-runs the engine on the edited design
//! and reports what each edit does to the scores and the monthly cost.

use super::report::{Report, Scores};
use super::world::World;
use super::{AnalysisOptions, analyze};
use crate::model::Edit;
use crate::model::{Catalog, Design, Pack, props};
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

/// Prices every distinct fix in `report` (worst findings first), as many as
/// [`priced_limit`] allows for the design's size. Large designs are priced
/// on every core; the order of the result never depends on it.
pub fn price(
    design: &Design,
    catalog: &Catalog,
    pack: Option<&Pack>,
    opts: &AnalysisOptions,
    report: &Report,
) -> Vec<PricedFix> {
    price_with(design, catalog, pack, opts, report, None)
}

/// [`price`], given the world `report` was judged on where there is one (the
/// plain judgement, without a drill): a fix that leaves that world as it is
/// ([`keeps_world`]) is judged on a copy of it bound to the edited design,
/// instead of resolving routes, roles and loads again. The numbers are the
/// same either way; only the work differs.
pub(crate) fn price_with(
    design: &Design,
    catalog: &Catalog,
    pack: Option<&Pack>,
    opts: &AnalysisOptions,
    report: &Report,
    base: Option<&World>,
) -> Vec<PricedFix> {
    let limit = priced_limit(design.components.len());
    let mut picked: Vec<(&super::report::Finding, &Edit)> = Vec::new();
    for f in &report.findings {
        let Some(edit) = &f.fix else { continue };
        if picked.iter().any(|(_, e)| *e == edit) {
            continue;
        }
        if picked.len() >= limit {
            break;
        }
        picked.push((f, edit));
    }
    let one = |&(f, edit): &(&super::report::Finding, &Edit)| -> PricedFix {
        let mut edited = design.clone();
        edit.apply(&mut edited, catalog);
        let (after, after_cost) = match base {
            Some(base) if keeps_world(edit) => super::priced_numbers(&base.rebind(&edited)),
            _ => numbers(&edited, catalog, pack, opts),
        };
        let d = |a: u32, b: u32| i64::from(b) - i64::from(a);
        let (s0, s1) = (&report.scores, &after);
        let cost = after_cost - report.metrics.monthly_cost_usd;
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
        PricedFix {
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
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if design.components.len() < super::policy::PARALLEL_PRICING_FROM || threads < 2 {
        return picked.iter().map(one).collect();
    }
    let per = picked.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = picked
            .chunks(per)
            .map(|chunk| scope.spawn(|| chunk.iter().map(one).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The scores and the monthly cost [`analyze`] reports for `design`, without
/// the rest of the report where the judgement is a plain one.
fn numbers(
    design: &Design,
    catalog: &Catalog,
    pack: Option<&Pack>,
    opts: &AnalysisOptions,
) -> (Scores, f64) {
    match super::plain_world(design, catalog, pack, opts) {
        Some(world) => super::priced_numbers(&world),
        None => {
            let after = analyze(design, catalog, pack, opts);
            (after.scores, after.metrics.monthly_cost_usd)
        }
    }
}

/// True when `edit` changes nothing a [`World`] is built from, only what the
/// rules read from it afterwards. Building a world (roles, flows, routes,
/// loads) reads the links, the components' ids, kinds, labels, roles,
/// `stores`, `caches` and the `hit_ratio` prop, never replicas, `managed` or
/// another prop; and the context it resolves reads no component at all. So
/// the world of the design after such an edit is the base world with the
/// edited design in place of the old one.
fn keeps_world(edit: &Edit) -> bool {
    match edit {
        Edit::SetReplicas { .. } | Edit::SetManaged { .. } => true,
        Edit::SetProp { prop, .. } | Edit::UnsetProp { prop, .. } => prop != props::HIT_RATIO,
        Edit::All { edits } => edits.iter().all(keeps_world),
        _ => false,
    }
}

/// How many fixes to price for a design of `components`: each costs one
/// analysis, so large designs get fewer (never under the policy's floor).
pub fn priced_limit(components: usize) -> usize {
    (super::policy::PRICING_BUDGET / components.max(1))
        .clamp(super::policy::MIN_PRICED_FIXES, MAX_PRICED)
}
