//! Money and operations time, per component and in total.

use super::world::World;

/// Monthly cost of component `i`: per instance, times replicas and regions.
pub fn monthly_cost(w: &World, i: usize) -> f64 {
    let Some(k) = w.kinds[i] else { return 0.0 };
    let c = w.comp(i);
    k.cost_usd_month.pick(c.managed) * f64::from(c.replicas.max(1)) * regions(w, i)
}

/// Operations hours a month for component `i`. Extra replicas add a little
/// (deploys, upgrades), 10% each up to half again: a fleet of identical
/// instances behind automation is not fifty times the work of one. Regions
/// multiply.
pub fn ops_hours(w: &World, i: usize) -> f64 {
    let Some(k) = w.kinds[i] else { return 0.0 };
    let c = w.comp(i);
    let extra = (f64::from(c.replicas.max(1) - 1) * super::policy::OPS_PER_EXTRA_REPLICA)
        .min(super::policy::OPS_EXTRA_REPLICAS_CAP);
    k.ops_hours_month.pick(c.managed) * (1.0 + extra) * regions(w, i)
}

/// Regions a component runs in (the `regions` prop, default 1).
pub fn regions(w: &World, i: usize) -> f64 {
    w.comp(i)
        .prop_num(crate::model::props::REGIONS)
        .unwrap_or(1.0)
        .max(1.0)
}

/// Totals over the whole design.
pub fn totals(w: &World) -> (f64, f64) {
    // Summed in ascending order, so the totals (and verdicts at a threshold)
    // do not depend on the order of components in the file.
    let sum = |each: &dyn Fn(usize) -> f64| {
        let mut v: Vec<f64> = (0..w.design.components.len()).map(each).collect();
        v.sort_by(f64::total_cmp);
        v.iter().sum::<f64>()
    };
    (sum(&|i| monthly_cost(w, i)), sum(&|i| ops_hours(w, i)))
}
