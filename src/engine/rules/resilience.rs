//! Single points of failure and shared dependencies.

use super::{Hit, Rule};
use crate::engine::report::FindingCategory;
use crate::engine::world::World;
use crate::model::Edit;
use crate::model::Severity;
use crate::model::num::fmt;
use crate::model::{LinkMode, OnFailure, PropValue, Role, props};
use std::collections::{BTreeMap, BTreeSet};

pub const SINGLE_POINT_OF_FAILURE: Rule = Rule {
    id: "single-point-of-failure",
    category: FindingCategory::Spof,
    title: "One box every path must pass",
    story: "A critical flow is only as available as the one component every request must go through. \
When that component has a single instance, or replicas that share one primary with nobody to promote \
a standby, a reboot, a full disk or a bad deploy takes the whole flow down, however many servers sit \
around it. Redundancy only counts where a failure is survived without a person waking up.",
    check: spof,
    source: file!(),
};

pub const SHARED_DEPENDENCY: Rule = Rule {
    id: "shared-dependency",
    category: FindingCategory::Spof,
    title: "One instance behind many callers",
    story: "One small Redis that auth, sessions and rate limiting all call looks harmless in each flow \
on its own. On the day it restarts, every one of those callers fails at once, and the outage looks \
like everything broke. A single instance that three or more components call synchronously is a \
single point of failure for all of them, whatever each flow diagram says.",
    check: shared,
    source: file!(),
};

/// The edit that makes component `i` redundant.
pub fn redundancy_fix(w: &World, i: usize) -> Edit {
    let c = w.comp(i);
    let replicas = Edit::SetReplicas {
        component: c.id.clone(),
        replicas: c.replicas.max(2),
    };
    let has_failover =
        w.kinds[i].is_some_and(|k| k.stateful && k.props.contains_key(props::FAILOVER));
    if has_failover {
        Edit::All {
            edits: vec![
                replicas,
                Edit::SetProp {
                    component: c.id.clone(),
                    prop: props::FAILOVER.into(),
                    value: PropValue::Str(props::failover::AUTOMATIC.into()),
                },
            ],
        }
    } else {
        replicas
    }
}

fn spof(w: &World) -> Vec<Hit> {
    // component -> (flows through it where the user waits, flows it only delays)
    let mut hits: BTreeMap<usize, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for f in &w.flows {
        // A component every route to several targets passes counts once
        // per flow (an inferred flow has thousands of targets behind the
        // same few components).
        let mut seen = vec![false; w.design.components.len()];
        for g in &f.groups {
            for &c in &g.must_pass {
                if std::mem::replace(&mut seen[c], true) || w.is_client(c) || w.is_redundant(c) {
                    continue;
                }
                let e = hits.entry(c).or_default();
                let name = f.flow.id.clone();
                // The user waits on whatever the entry reaches over sync links,
                // even in a flow whose work may finish later: losing it
                // rejects the request. Behind an async hop it only delays,
                // except where the flow exists to show things as they
                // happen: a live update that arrives after a rebuild is lost.
                if f.sync_reach.contains(&c) || f.flow.realtime {
                    e.0.insert(name);
                } else {
                    e.1.insert(name);
                }
            }
        }
    }
    // A synchronous call off the route (a rate limiter, a lock, a session
    // store) fails the request with it unless the link says the caller
    // goes on without it. A cache is left out when the store behind it
    // takes the reads it answered (below).
    let mut called_by: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for f in &w.flows {
        for &li in &f.side {
            let (u, c) = w.link_ends(li);
            let goes_on = w
                .link(li)
                .on_failure
                .is_some_and(|o| o != OnFailure::FailClosed);
            if goes_on
                || w.role(c) == Some(Role::Cache)
                || w.plays(c, Role::Telemetry)
                || w.is_client(c)
                || w.not_redundant(c).is_none()
            {
                continue;
            }
            let e = hits.entry(c).or_default();
            if f.sync_reach.contains(&u) || f.flow.realtime {
                e.0.insert(f.flow.id.clone());
            } else {
                e.1.insert(f.flow.id.clone());
            }
            called_by.entry(c).or_default().insert(w.comp(u).id.clone());
        }
    }
    // Where the store cannot take those reads, losing a lone cache fails
    // the requests it answered all the same, whatever the link says.
    let consulted = |f: &crate::engine::world::FlowView, c: usize| {
        f.on_path.contains(&c) || f.side.iter().any(|&li| w.link_ends(li).1 == c)
    };
    let mut cold: BTreeMap<usize, &super::capacity::ColdStore> = BTreeMap::new();
    for s in super::capacity::cold_stores(w) {
        for &c in s.caches.iter().filter(|&&c| !w.is_redundant(c)) {
            cold.insert(c, s);
        }
    }
    for f in &w.flows {
        for &c in cold.keys().filter(|&&c| consulted(f, c)) {
            // The user waits where a service they wait on makes the call.
            let callers: Vec<usize> = w
                .inc(c)
                .filter(|&(li, u)| {
                    w.link(li).mode == LinkMode::Sync
                        && (f.on_path.contains(&u) || f.sync_reach.contains(&u))
                })
                .map(|(_, u)| u)
                .collect();
            let e = hits.entry(c).or_default();
            if callers.iter().any(|u| f.sync_reach.contains(u)) || f.flow.realtime {
                e.0.insert(f.flow.id.clone());
            } else {
                e.1.insert(f.flow.id.clone());
            }
            let by = called_by.entry(c).or_default();
            by.extend(callers.iter().map(|&u| w.comp(u).id.clone()));
        }
    }
    let target = w.ctx.availability;
    let avail: &[crate::engine::availability::FlowAvailability] = if hits.is_empty() {
        &[]
    } else {
        crate::engine::availability::flows(w)
    };
    let met: BTreeMap<&str, bool> = avail
        .iter()
        .map(|a| (a.flow.as_str(), a.meets_target))
        .collect();
    // Components some flow must pass, once: asked per hit, a scan of every
    // flow's groups made this rule quadratic on large designs.
    let on_some_route: std::collections::HashSet<usize> = w
        .flows
        .iter()
        .flat_map(|f| f.groups.iter().flat_map(|g| g.must_pass.iter().copied()))
        .collect();
    hits.into_iter()
        // Nobody waits on a consumer of a durable queue: while it restarts
        // the work waits in the queue, so losing it is a delay, not a
        // failure. A lone service that starts the flows it only delays (a
        // timer, a batch run) is judged the same way: what it has not done
        // yet waits where it is kept until it is back.
        .filter(|(c, (blocking, _))| {
            let background = w.drains_buffer(*c)
                || (w.plays(*c, Role::Service) && w.flows.iter().any(|f| f.entries.contains(c)));
            !(blocking.is_empty() && background)
        })
        .map(|(c, (blocking, delaying))| {
            let comp = w.comp(c);
            let why = w.not_redundant(c).unwrap_or_default();
            let single = w.instance_availability(c);
            // A lone instance whose flows still meet the target is a note
            // for the day the target rises, not a problem today.
            let all_met = blocking.iter().all(|f| met.get(f.as_str()).copied().unwrap_or(false));
            let severity = if !blocking.is_empty() && target > single {
                Severity::High
            } else if !blocking.is_empty() && !all_met {
                Severity::Medium
            } else {
                Severity::Low
            };
            let mut flows: Vec<String> = blocking.iter().cloned().collect();
            flows.extend(delaying.iter().cloned());
            let effect = if blocking.is_empty() {
                "delays".to_string()
            } else if delaying.is_empty() {
                "breaks".to_string()
            } else {
                "breaks or delays".to_string()
            };
            let fix = redundancy_fix(w, c);
            let on_route = on_some_route.contains(&c);
            let callers = |ids: &BTreeSet<String>| {
                ids.iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            };
            let (place, open) = match (cold.get(&c), called_by.get(&c).filter(|b| !b.is_empty())) {
                (Some(s), by) => (
                    format!(
                        "{}, and the store behind it cannot take its reads (`{}` goes from {}% to {}% at peak without it)",
                        match by {
                            Some(by) => format!(
                                "is consulted by {} while serving {}",
                                callers(by),
                                super::list(&flows)
                            ),
                            None => format!("is on the route of {}", super::list(&flows)),
                        },
                        w.comp(s.store).id,
                        fmt((s.now * 100.0).round()),
                        fmt((s.cold * 100.0).round())
                    ),
                    ", or size the store for the misses and fill the cache gently when it comes back (request coalescing)",
                ),
                (None, Some(by)) if !on_route => (
                    format!(
                        "is called by {} while serving {}, and nothing says the call fails open",
                        callers(by),
                        super::list(&flows)
                    ),
                    ", or set `on_failure: fail-open` or `fallback` on the link if requests can go on without it",
                ),
                _ => (format!("is on every path of {}", super::list(&flows)), ""),
            };
            Hit::new(
                severity,
                vec![comp.id.clone()],
                format!(
                    "`{}` ({}, {why}) {place}; losing it {effect} them, and one instance is \
about {single}% available against a {target}% target{}",
                    comp.id,
                    comp.kind,
                    if severity == Severity::Low && !blocking.is_empty() {
                        ", which its flows still meet"
                    } else {
                        ""
                    }
                ),
                format!("{fix}{open}, or accept it with a reason if the target allows the downtime"),
            )
            .fix(fix)
        })
        .collect()
}

fn shared(w: &World) -> Vec<Hit> {
    // Components some flow must pass: the non-redundant ones among them are
    // the SPOF rule's; a redundant one is skipped below anyway.
    let mut must_pass = vec![false; w.design.components.len()];
    for c in w
        .flows
        .iter()
        .flat_map(|f| f.groups.iter().flat_map(|g| g.must_pass.iter().copied()))
    {
        must_pass[c] = true;
    }
    let mut out = Vec::new();
    for (c, &passed) in must_pass.iter().enumerate() {
        if w.is_client(c) || passed || w.is_redundant(c) {
            continue;
        }
        let callers: BTreeSet<usize> = w
            .inc(c)
            .filter(|&(li, s)| w.link(li).mode == LinkMode::Sync && !w.is_client(s))
            .map(|(_, s)| s)
            .collect();
        if callers.len() >= 3 {
            let comp = w.comp(c);
            let fix = redundancy_fix(w, c);
            out.push(
                Hit::new(
                    Severity::High,
                    vec![comp.id.clone()],
                    format!(
                        "{} components ({}) call `{}` synchronously, and it is a single {} ({}); when it \
restarts they all fail together",
                        callers.len(),
                        super::list(&w.ids(callers.iter().copied())),
                        comp.id,
                        comp.kind,
                        w.not_redundant(c).unwrap_or_default()
                    ),
                    format!("{fix}, or give the callers separate instances so one failure stays small"),
                )
                .fix(fix),
            );
        }
    }
    out
}
