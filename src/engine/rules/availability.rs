//! Whether each critical flow can reach the availability the product
//! promises, and what stops it: the arithmetic is in the report; these rules
//! turn a miss into a finding that names the term that dominates it.

use super::{Hit, Rule, list};
use crate::engine::availability::{self, FlowAvailability, Term, percent as pct};
use crate::engine::policy;
use crate::engine::report::FindingCategory;
use crate::engine::world::World;
use crate::model::{Role, Severity};
use std::collections::BTreeMap;

pub const AVAILABILITY_TARGET: Rule = Rule {
    id: "availability-target",
    category: FindingCategory::Flow,
    title: "A flow that cannot reach its availability target",
    story: "Availability multiplies along what the user waits on: a vendor with a 99.9% SLA on the \
request path caps the flow at 99.9% however many replicas sit around it, and a replicated database \
is only as good as its failover, which takes a minute or two each time the primary dies. When the \
product promises more than the arithmetic gives, the design either takes the weak term off the \
request path (queue it, confirm later, degrade), makes it fail over faster, or promises less.",
    check: target_missed,
    source: file!(),
};

pub const REGION_CEILING: Rule = Rule {
    id: "region-ceiling",
    category: FindingCategory::Flow,
    title: "A target one region cannot give",
    story: "Zones in one region share its control plane, its network and its bad days; regional \
events last hours a year. No number of replicas inside one region gets a flow above about 99.95%. A \
higher target needs the flow to run in a second region, or a target one region can keep.",
    check: region_ceiling,
    source: file!(),
};

/// The term that costs the flow most: the lowest combined availability.
fn dominant(a: &FlowAvailability) -> Option<&Term> {
    a.terms
        .iter()
        // Ties go to the id, so the file's order never picks the name.
        .min_by(|x, y| {
            x.combined
                .total_cmp(&y.combined)
                .then_with(|| x.component.cmp(&y.component))
        })
}

fn target_missed(w: &World) -> Vec<Hit> {
    // One finding per dominating component, naming every flow it holds back.
    let mut by_term: BTreeMap<String, (Severity, Vec<String>, f64, f64)> = BTreeMap::new();
    for a in availability::flows(w) {
        // A miss that only the region's ceiling explains is region-ceiling's.
        if a.meets_target || a.uncapped >= a.target - 1e-9 || a.availability <= 0.0 {
            continue;
        }
        let Some(t) = dominant(a) else { continue };
        let Some(&i) = w.index.get(t.component.as_str()) else {
            continue;
        };
        // A single instance of something we run is the single point of
        // failure finding, with its own fix; this rule adds what that one
        // does not say: a vendor's ceiling, a failover's cost.
        if t.parallel <= 1 && !w.plays(i, Role::Provider) {
            continue;
        }
        let external = w.plays(i, Role::Provider);
        let ratio = (100.0 - a.availability) / (100.0 - a.target).max(1e-9);
        // A vendor's figure is the catalog's guess for its kind; only a
        // target above what vendors commonly sign up to is missed whatever
        // the real SLA says. Below that, it is a question to ask.
        // And however far short a vendor leaves the flow, its real figure
        // is not known here: medium at most.
        let guessed = w.comp(i).availability.is_none();
        let severity = if external && guessed && a.target <= policy::COMMON_VENDOR_SLA + 1e-9 {
            Severity::Low
        } else if external {
            Severity::Medium
        } else if ratio >= policy::AVAILABILITY_MISS_HIGH_FACTOR {
            Severity::High
        } else {
            Severity::Medium
        };
        let e = by_term.entry(t.component.clone()).or_insert((
            severity,
            Vec::new(),
            t.combined,
            a.target,
        ));
        e.0 = e.0.max(severity);
        e.1.push(a.flow.clone());
    }
    by_term
        .into_iter()
        .map(|(comp, (severity, flows, combined, target))| {
            let i = w.index.get(comp.as_str()).copied();
            let external = i.is_some_and(|i| w.plays(i, Role::Provider));
            let failover = i
                .and_then(|i| w.kinds[i])
                .and_then(|k| k.failover_s.or(Some(policy::AUTOMATIC_FAILOVER_S)));
            let why = if external {
                format!(
                    "`{comp}` is someone else's service at about {}%{}, and the user waits on it",
                    pct(combined),
                    if severity == Severity::Low {
                        " (the catalog's figure for its kind: check the vendor's SLA)"
                    } else {
                        ""
                    }
                )
            } else {
                format!(
                    "`{comp}` comes to about {}% once each failover of its primary (~{} s) is counted",
                    pct(combined),
                    failover.map(crate::model::num::fmt).unwrap_or_default()
                )
            };
            Hit::new(
                severity,
                vec![comp.clone()],
                format!(
                    "flow {} cannot reach the {}% target: {why}, and no replica of ours can make up for it",
                    list(&flows),
                    pct(target)
                ),
                if external {
                    format!("take `{comp}` off the request path (queue the call and confirm later, or degrade when it is down), or promise a target its SLA allows")
                } else {
                    format!("make `{comp}` fail over faster (a replica already promoted, clients that reconnect at once), or promise a target its failovers allow")
                },
            )
        })
        .collect()
}

fn region_ceiling(w: &World) -> Vec<Hit> {
    if w.ctx.availability <= policy::ONE_REGION_AVAILABILITY + 1e-9 {
        return Vec::new();
    }
    let capped: Vec<&FlowAvailability> = availability::flows(w)
        .iter()
        .filter(|a| a.one_region && a.availability > 0.0)
        .collect();
    if capped.is_empty() {
        return Vec::new();
    }
    // Named on what would have to run in a second region: what the user
    // waits on, of ours (a vendor's regions are its own business).
    let mut comps: Vec<String> = capped
        .iter()
        .flat_map(|a| a.terms.iter().map(|t| t.component.clone()))
        .filter(|c| {
            w.index
                .get(c.as_str())
                .is_some_and(|&i| !w.plays(i, Role::Provider))
        })
        .collect();
    comps.sort();
    comps.dedup();
    let flows: Vec<String> = capped.iter().map(|a| a.flow.clone()).collect();
    vec![Hit::new(
        Severity::Medium,
        comps,
        format!(
            "the target is {}%, but flow {} runs in one region, which gives at most about {}% however it is replicated inside it",
            pct(w.ctx.availability),
            list(&flows),
            pct(policy::ONE_REGION_AVAILABILITY)
        ),
        format!(
            "run what these flows wait on in a second region (`regions: 2`) with a way to move traffic, or set a target of {}% or less",
            pct(policy::ONE_REGION_AVAILABILITY)
        ),
    )]
}
