//! Whether the critical flows work at all, and the decisions behind them.

use super::{Hit, Rule};
use crate::engine::policy;
use crate::engine::report::FindingCategory;
use crate::engine::world::{FlowView, World};
use crate::model::num::fmt;
use crate::model::{FlowMode, LinkMode, Severity};
use std::collections::{BTreeMap, BTreeSet};

pub const UNREACHABLE_TARGET: Rule = Rule {
    id: "unreachable-target",
    category: FindingCategory::Flow,
    title: "A critical flow cannot complete",
    story: "A diagram can look complete and still have no path from the user to the place where the \
order, the booking or the message is kept. Either a link is missing, or nothing is the system of \
record for the data the flow must write. Every critical flow must reach everything it needs from \
where the user enters.",
    check: unreachable,
    source: file!(),
};

pub const FLOW_MODE_MISMATCH: Rule = Rule {
    id: "flow-mode-mismatch",
    category: FindingCategory::Flow,
    title: "Work that may wait is done while the user waits",
    story: "When a flow is allowed to finish later, doing all of it inside the request makes the user \
wait for the slowest step and fail whenever any step fails. Handing the work to something durable \
(a queue, a jobs table) turns a downstream outage into a delay instead of an error.",
    check: mode_mismatch,
    source: file!(),
};

pub const CONSTRAINT_CHOICE: Rule = Rule {
    id: "constraint-choice",
    category: FindingCategory::Decision,
    title: "A risky answer to a constraint",
    story: "Some answers to the interviewer's constraints are defensible only with mitigations. The \
pack records why each option is risky; choosing it is not wrong, but the design must show how the \
risk is handled.",
    check: risky,
    source: file!(),
};

pub const RETRY_AMPLIFICATION: Rule = Rule {
    id: "retry-amplification",
    category: FindingCategory::Flow,
    title: "Retries multiplied along a chain",
    story: "A client that retries three times, calling a service that retries three times, calling \
one more that does the same, can hit the last service 64 times for one tap. On a good day nobody \
notices; on the day that service slows down, every layer retries at once and the storm keeps it down. \
Retry in one place, with backoff and a budget, and let the inner hops fail fast.",
    check: amplified,
    source: file!(),
};

pub const TIMEOUT_INVERSION: Rule = Rule {
    id: "timeout-inversion",
    category: FindingCategory::Flow,
    title: "An inner call outlives its caller",
    story: "A service that waits 4 seconds on a provider and retries three times can spend 16 seconds \
on a request its own caller abandoned after 2. The user has long seen an error, yet the work goes on, \
holds threads and connections, and sometimes completes: a charge nobody will ever confirm. Each \
hop's timeout times its attempts must fit inside its caller's timeout and the flow's latency budget.",
    check: inverted,
    source: file!(),
};

pub const SLOW_CHAIN: Rule = Rule {
    id: "slow-chain",
    category: FindingCategory::Flow,
    title: "Too many hops for the latency budget",
    story: "Each service, store and search a request passes through adds its own few milliseconds, and a \
request that visits many of them one after another is as slow as their sum. When that sum on a good \
day is already past the flow's latency budget, no tuning of one hop brings it back: call in parallel, \
merge services that always call each other, or answer from a copy nearer the user.",
    check: slow_chain,
    source: file!(),
};

/// Flows whose synchronous hops, on a good day, already add up to more
/// than their latency budget. A slow provider among them is
/// `slow-sync-external`'s finding, with its own fix.
fn slow_chain(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for f in w.flows.iter().filter(|f| f.flow.mode != FlowMode::Async) {
        let Some(budget) = f.flow.latency_ms else {
            continue;
        };
        let waited: BTreeSet<usize> = sync_calls(w, f)
            .iter()
            .map(|&li| w.link_ends(li).1)
            .filter(|v| !f.entries.contains(v) && !w.failed.contains(v))
            .collect();
        let slow_provider = waited.iter().any(|&c| {
            w.plays(c, crate::model::Role::Provider)
                && w.kinds[c].is_some_and(|k| k.latency_ms >= policy::SLOW_EXTERNAL_MS)
        });
        if slow_provider {
            continue;
        }
        let mut hops: Vec<(f64, usize)> = waited
            .iter()
            .filter_map(|&c| w.kinds[c].map(|k| (k.latency_ms, c)))
            .collect();
        let total: f64 = hops.iter().map(|h| h.0).sum();
        if total <= budget {
            continue;
        }
        hops.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let top: Vec<String> = hops
            .iter()
            .take(3)
            .map(|&(ms, c)| format!("`{}` ~{} ms", w.comp(c).id, fmt(ms)))
            .collect();
        let mut comps: Vec<String> = hops
            .iter()
            .take(3)
            .map(|&(_, c)| w.comp(c).id.clone())
            .collect();
        comps.sort();
        out.push(Hit::new(
            Severity::Medium,
            comps,
            format!(
                "flow `{}` waits on {} hops one after another, ~{} ms on a good day against a {} ms budget; the slowest: {}",
                f.flow.id,
                hops.len(),
                fmt(total),
                fmt(budget),
                top.join(", ")
            ),
            "call independent hops in parallel, merge services that always call each other, or answer from a cache nearer the user",
        ));
    }
    out
}

/// Synchronous calls whose timeout times attempts is longer than what the
/// caller of the calling service waits, or than the flow's latency budget.
fn inverted(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    for f in &w.flows {
        let links = sync_calls(w, f);
        for &li in &links {
            let l = w.link(li);
            let Some(t) = l.timeout_ms else { continue };
            let tries = u64::from(1 + l.retries.unwrap_or(0));
            let worst = t.saturating_mul(tries) as f64;
            let (u, _) = w.link_ends(li);
            let caller = w
                .inc(u)
                .filter(|(k, _)| links.contains(k))
                .filter_map(|(k, _)| w.link(k).timeout_ms.map(|tk| (tk as f64, k)))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            let budget = f
                .flow
                .latency_ms
                .filter(|_| f.sync_reach.contains(&u) && !f.entries.contains(&u));
            // Past a caller's timeout the work is orphaned; past the flow's
            // budget the user only waits longer than promised on a bad day.
            let (against, severity, after) = match (caller, budget) {
                (Some((tk, k)), _) if worst > tk => (
                    format!(
                        "`{}` gives up on `{}` after {} ms",
                        w.link(k).from,
                        l.from,
                        fmt(tk)
                    ),
                    Severity::Medium,
                    "the work goes on for a request that has already failed",
                ),
                (_, Some(b)) if worst > b => (
                    format!("flow `{}` has a {} ms budget", f.flow.id, fmt(b)),
                    Severity::Low,
                    "on a bad day the user waits past it",
                ),
                _ => continue,
            };
            if !seen.insert(li) {
                continue;
            }
            let spend = if tries > 1 {
                format!(
                    "{} ms x {tries} attempts = {} ms",
                    fmt(t as f64),
                    fmt(worst)
                )
            } else {
                format!("{} ms", fmt(worst))
            };
            out.push(Hit::new(
                severity,
                vec![l.from.clone(), l.to.clone()],
                format!(
                    "`{}` may wait on `{}` for {spend}, but {against}; {after}",
                    l.from, l.to
                ),
                format!(
                    "give `{}` -> `{}` a timeout that, times its attempts, fits inside what its caller waits (or retry fewer times)",
                    l.from, l.to
                ),
            ));
        }
    }
    out
}

/// The synchronous links a request of `f` takes: its route and its side
/// calls, the chain timeouts and retries act along.
fn sync_calls(w: &World, f: &FlowView) -> BTreeSet<usize> {
    f.route
        .iter()
        .chain(&f.side)
        .copied()
        .filter(|&li| w.link(li).mode == LinkMode::Sync)
        .collect()
}

/// The synchronous chains of each flow (its route and side calls, from its
/// entries) where retries multiply past the limit: the worst hop per flow.
fn amplified(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<Vec<usize>> = BTreeSet::new();
    for f in &w.flows {
        let links = sync_calls(w, f);
        let nodes: BTreeSet<usize> = links
            .iter()
            .flat_map(|&li| {
                let (u, v) = w.link_ends(li);
                [u, v]
            })
            .collect();
        // Most attempts that reach each component for one request, and the
        // link they came over.
        let mut best: BTreeMap<usize, (f64, Option<usize>)> =
            f.entries.iter().map(|&e| (e, (1.0, None))).collect();
        for v in w.topo_over(&nodes, &links) {
            for (li, u) in w.inc(v) {
                if !links.contains(&li) {
                    continue;
                }
                let Some(&(n, _)) = best.get(&u) else {
                    continue;
                };
                let tries = n * f64::from(1 + w.link(li).retries.unwrap_or(0));
                if best.get(&v).is_none_or(|&(m, _)| tries > m) {
                    best.insert(v, (tries, Some(li)));
                }
            }
        }
        let Some((&end, &(tries, _))) = best
            .iter()
            .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        let mut chain = Vec::new();
        let mut at = end;
        while let Some(&(_, Some(li))) = best.get(&at) {
            chain.push(li);
            at = w.link_ends(li).0;
            if chain.len() > links.len() {
                break;
            }
        }
        chain.reverse();
        let retrying: Vec<usize> = chain
            .iter()
            .copied()
            .filter(|&li| w.link(li).retries.unwrap_or(0) > 0)
            .collect();
        if tries <= policy::RETRY_AMPLIFICATION_LIMIT || retrying.len() < 2 {
            continue;
        }
        let mut comps: Vec<usize> = chain.iter().map(|&li| w.link_ends(li).1).collect();
        comps.insert(0, w.link_ends(chain[0]).0);
        if !seen.insert(comps.clone()) {
            continue;
        }
        let steps = retrying
            .iter()
            .map(|&li| {
                let l = w.link(li);
                format!(
                    "`{}` -> `{}` tries {}",
                    l.from,
                    l.to,
                    1 + l.retries.unwrap_or(0)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Hit::new(
            Severity::High,
            comps.iter().map(|&c| w.comp(c).id.clone()).collect(),
            format!(
                "one `{}` request can reach `{}` up to {} times ({steps}); when it slows down, every layer retries at once",
                f.flow.id,
                w.comp(end).id,
                fmt(tries)
            ),
            "retry in one place (the caller nearest the user or the edge) with backoff and a retry budget, and let the inner hops fail fast",
        ));
    }
    out
}

fn unreachable(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for f in &w.flows {
        if f.inferred {
            continue;
        }
        let from = &f.flow.from;
        if f.entries.is_empty() {
            out.push(Hit::new(
                Severity::High,
                Vec::new(),
                format!(
                    "flow `{}` starts at `{from}`, and the design has no such entry point",
                    f.flow.id
                ),
                format!("add a component of kind `{from}` and link it to the edge of the system"),
            ));
            continue;
        }
        let entries = w.ids(f.entries.iter().copied());
        for g in &f.groups {
            if !g.reachable.is_empty() || g.slip.is_some() {
                continue;
            }
            let (message, suggestion, comps) = if g.members.is_empty() {
                let what = if w.ctx.entity(&g.target).is_some() {
                    format!("nothing in the design stores `{}`", g.target)
                } else {
                    format!("the design has no `{}`", g.target)
                };
                let fix = if w.ctx.entity(&g.target).is_some() {
                    format!(
                        "add `stores: [{}]` to the component that is its system of record",
                        g.target
                    )
                } else {
                    format!(
                        "add a component of kind `{}` and link it into the flow",
                        g.target
                    )
                };
                (
                    format!("flow `{}` must reach `{}`, but {what}", f.flow.id, g.target),
                    fix,
                    entries.clone(),
                )
            } else {
                let members = w.ids(g.members.iter().copied());
                (
                    format!(
                        "flow `{}` must reach `{}` ({}), but no link path leads there from {}",
                        f.flow.id,
                        g.target,
                        super::list(&members),
                        super::list(&entries)
                    ),
                    format!(
                        "link the flow's components through to {}",
                        super::list(&members)
                    ),
                    members,
                )
            };
            out.push(Hit::new(Severity::High, comps, message, suggestion));
        }
    }
    out
}

fn mode_mismatch(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for f in &w.flows {
        if f.flow.mode != FlowMode::Async || f.on_path.is_empty() {
            continue;
        }
        // Every target is reached while the user waits, and at least one of
        // them is work (sending, processing) rather than a row written.
        let reached: Vec<&crate::engine::world::TargetGroup> = f
            .groups
            .iter()
            .filter(|g| !g.reachable.is_empty())
            .collect();
        if reached.is_empty() {
            continue;
        }
        let sync_members: Vec<usize> = reached
            .iter()
            .filter_map(|g| {
                g.reachable
                    .iter()
                    .copied()
                    .find(|m| f.sync_reach.contains(m))
            })
            .collect();
        if sync_members.len() < reached.len() {
            continue;
        }
        let work: Vec<usize> = sync_members
            .iter()
            .copied()
            .filter(|&m| w.kinds[m].is_some_and(|k| !k.stateful))
            .collect();
        if work.is_empty() {
            continue;
        }
        out.push(Hit::new(
            Severity::Medium,
            w.ids(work.iter().copied()),
            format!(
                "flow `{}` may finish later, yet the user waits while {} is reached synchronously",
                f.flow.id,
                super::list(&w.ids(work.iter().copied()))
            ),
            "acknowledge the request and hand the work to a durable queue (or a jobs table) that a worker drains",
        ));
    }
    out
}

fn risky(w: &World) -> Vec<Hit> {
    w.ctx
        .risky
        .iter()
        .map(|r| {
            Hit::new(
                r.severity,
                Vec::new(),
                format!(
                    "`{}`: you chose \"{}\": {}",
                    r.prompt,
                    r.label,
                    r.consequence.trim()
                ),
                r.reasoning.trim().to_string(),
            )
        })
        .collect()
}
