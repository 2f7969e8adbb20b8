//! Estimated availability of each critical flow: components in series
//! multiply, replicas that take over for each other are in parallel, and work
//! behind a durable queue does not count against the user-facing figure.

use super::policy;
use super::world::World;
use crate::model::props;
use serde::Serialize;

/// One factor of a flow's availability.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Term {
    pub component: String,
    /// Availability of one instance, percent.
    pub instance: f64,
    /// Instances that can take over for each other (1 when they cannot).
    pub parallel: u32,
    /// Availability of the component as a whole, percent.
    pub combined: f64,
    /// Seconds each failover of its primary costs, where replicas take
    /// over by failing over rather than all serving at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failover_s: Option<f64>,
}

/// A flow's estimated availability against the target.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FlowAvailability {
    pub flow: String,
    /// Percent, for the part the user waits on.
    pub availability: f64,
    pub target: f64,
    pub meets_target: bool,
    pub terms: Vec<Term>,
    /// Components behind a durable hop: their failures delay, not fail, the flow.
    pub decoupled: Vec<String>,
    /// The arithmetic, e.g. `api 99.9975% x db 99.5% = 99.4975%`.
    pub arithmetic: String,
    /// Every component the user waits on runs in one region, whose own
    /// outages cap the flow at `policy::ONE_REGION_AVAILABILITY`.
    pub one_region: bool,
    /// The flow's figure before that cap, percent.
    pub uncapped: f64,
}

/// Availability of `n` independent instances in parallel, each `a` (0-1).
pub fn parallel(a: f64, n: u32) -> f64 {
    1.0 - (1.0 - a).powi(n.max(1) as i32)
}

/// Availability of components in series (0-1 each).
pub fn series(parts: &[f64]) -> f64 {
    parts.iter().product()
}

fn pct(x: f64) -> String {
    format!("{}%", percent(x * 100.0))
}

/// A percentage with the digits availability needs (`99.95`, `99.9975`,
/// never `100.0` for 99.9975), without the sign.
pub fn percent(p: f64) -> String {
    let s = format!("{p:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Per-flow availability for every critical flow of the world.
/// One component's availability: one instance's, and with the replicas that
/// take over for each other counted in parallel.
pub fn component(w: &World, c: usize) -> Term {
    let comp = w.comp(c);
    let inst = w.instance_availability(c);
    let n = if w.is_redundant(c) && !w.kinds[c].is_some_and(|k| k.inherently_ha(comp.managed)) {
        comp.replicas.max(1)
    } else {
        1
    };
    // A stateful single primary survives its death by failing over, which
    // is not instant: each of its outages costs the failover time instead
    // of nothing. Replicas that all serve (app servers) take over at once.
    let failover_s = w.kinds[c].and_then(|k| {
        (n > 1 && k.stateful && k.props.contains_key(props::FAILOVER))
            .then(|| k.failover_s.unwrap_or(policy::AUTOMATIC_FAILOVER_S))
    });
    let lost = failover_s
        .map(|s| (1.0 - inst / 100.0) * s / (policy::INSTANCE_OUTAGE_HOURS * 3600.0))
        .unwrap_or(0.0);
    Term {
        component: comp.id.clone(),
        instance: inst,
        parallel: n,
        combined: ((parallel(inst / 100.0, n) - lost).max(0.0)) * 100.0,
        failover_s,
    }
}

pub fn flows<'w>(w: &'w World) -> &'w [FlowAvailability] {
    w.availability.get_or_init(|| judge(w))
}

fn judge(w: &World) -> Vec<FlowAvailability> {
    w.flows
        .iter()
        .map(|f| {
            let mut must: Vec<usize> = f
                .groups
                .iter()
                .flat_map(|g| g.must_pass.iter().copied())
                .filter(|&c| !w.is_client(c))
                .collect();
            must.sort_unstable();
            must.dedup();
            let (waits, behind): (Vec<usize>, Vec<usize>) =
                must.into_iter().partition(|c| f.sync_reach.contains(c));
            let terms: Vec<Term> = waits.iter().map(|&c| component(w, c)).collect();
            let unserved = f.first_unserved();
            let uncapped = if unserved.is_some() {
                0.0
            } else {
                series(&terms.iter().map(|t| t.combined / 100.0).collect::<Vec<_>>())
            };
            // Zones in one region fail together now and then (a bad deploy
            // of the provider's control plane, a regional network event):
            // replicas there are not independent of that.
            let one_region = !waits.is_empty()
                && waits
                    .iter()
                    .any(|&c| w.comp(c).prop_num(props::REGIONS).unwrap_or(1.0) < 2.0);
            let ceiling = policy::ONE_REGION_AVAILABILITY / 100.0;
            let capped = one_region && uncapped > ceiling;
            let total = if capped { ceiling } else { uncapped };
            let mut arithmetic: Vec<String> = terms
                .iter()
                .map(|t| {
                    if let Some(s) = t.failover_s {
                        format!(
                            "{} (1-(1-{})^{} less {}s failovers = {})",
                            t.component,
                            pct(t.instance / 100.0),
                            t.parallel,
                            crate::model::num::fmt(s),
                            pct(t.combined / 100.0)
                        )
                    } else if t.parallel > 1 {
                        format!(
                            "{} (1-(1-{})^{} = {})",
                            t.component,
                            pct(t.instance / 100.0),
                            t.parallel,
                            pct(t.combined / 100.0)
                        )
                    } else {
                        format!("{} {}", t.component, pct(t.combined / 100.0))
                    }
                })
                .collect();
            if let Some(missing) = unserved {
                let slip = f
                    .groups
                    .iter()
                    .find(|g| g.target == missing)
                    .and_then(|g| g.slip);
                arithmetic = vec![if f.entries.is_empty() {
                    format!("not served (nothing to start from: no `{missing}`)")
                } else if let Some(start) = slip {
                    format!(
                        "not judged (`{}` has no route to `{missing}`; it starts at `{}`?)",
                        f.flow.from,
                        w.comp(start).id
                    )
                } else {
                    format!("not served (`{missing}` is not reached)")
                }];
            } else if arithmetic.is_empty() {
                arithmetic.push("nothing we run".into());
            }
            FlowAvailability {
                flow: f.flow.id.clone(),
                availability: total * 100.0,
                target: w.ctx.availability,
                meets_target: total * 100.0 >= w.ctx.availability - 1e-9,
                terms,
                decoupled: w.ids(behind),
                arithmetic: if unserved.is_some() {
                    arithmetic.join(" x ")
                } else if capped {
                    format!(
                        "{} = {}, capped at {} in one region",
                        arithmetic.join(" x "),
                        pct(uncapped),
                        pct(total)
                    )
                } else {
                    format!("{} = {}", arithmetic.join(" x "), pct(total))
                },
                one_region,
                uncapped: uncapped * 100.0,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_and_parallel_match_hand_arithmetic() {
        // Two 99.9% components in series: 99.8% (99.8001%).
        let s = series(&[0.999, 0.999]);
        assert!((s - 0.998001).abs() < 1e-12);
        // Two 99.9% instances in parallel: 99.9999%.
        let p = parallel(0.999, 2);
        assert!((p - 0.999999).abs() < 1e-12);
        assert_eq!(pct(p), "99.9999%");
        assert_eq!(pct(s), "99.8001%");
    }
}
