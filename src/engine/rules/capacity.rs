//! Whether the design holds its peak load, and where users wait.

use super::{Hit, Rule};
use crate::engine::policy;
use crate::engine::report::FindingCategory;
pub use crate::engine::world::ColdStore;
use crate::engine::world::World;
use crate::model::Edit;
use crate::model::Severity;
use crate::model::num::fmt;
use crate::model::{FlowMode, LinkMode, Role, props};
use std::collections::{BTreeMap, BTreeSet};

pub const OVER_CAPACITY: Rule = Rule {
    id: "over-capacity",
    category: FindingCategory::Capacity,
    title: "The first thing to fall over",
    story: "At peak, a component asked for more than it can do does not slow down gracefully: queues \
grow, timeouts fire, clients retry and make it worse. The component with the highest load over \
capacity is where the outage starts.",
    check: over,
    source: file!(),
};

pub const CACHE_STAMPEDE: Rule = Rule {
    id: "cache-stampede",
    category: FindingCategory::Capacity,
    title: "A cold cache sends every read to the store",
    story: "A cache that answers most reads hides how much the store behind it would otherwise do. After \
a restart, a flush or a deploy that changes the keys, the cache is empty and every read falls through \
at once; a store sized for the misses is then far past its capacity, and retrying clients make it \
worse. Either the store takes the load with the cache cold, or the design fills the cache gently: \
one query per missing key (request coalescing), warming before traffic, and shedding load while it fills.",
    check: stampede,
    source: file!(),
};

pub const HOT_COMPONENT: Rule = Rule {
    id: "hot-component",
    category: FindingCategory::Capacity,
    title: "Running hot at peak",
    story: "Above about 70% utilisation, latency climbs steeply and there is no room for a retry storm, \
a slow dependency or next month's growth. Hot components need headroom before the peak, not during it.",
    check: hot,
    source: file!(),
};

pub const SLOW_SYNC_EXTERNAL: Rule = Rule {
    id: "slow-sync-external",
    category: FindingCategory::Capacity,
    title: "The user waits on someone else's service",
    story: "An email provider answers in hundreds of milliseconds on a good day and not at all on a bad \
one. Calling it inside the user's request adds its latency to every request and turns its outage into \
yours. Where the work may finish later, put it behind a queue.",
    check: slow_external,
    source: file!(),
};

pub const POLLING: Rule = Rule {
    id: "polling-for-realtime",
    category: FindingCategory::Capacity,
    title: "Polling where a push is needed",
    story: "A timer that re-reads the orders table once a second looks cheap. It turns every idle second \
into queries, still shows changes late, and grows its load with the number of clients rather than the \
number of changes. Live status wants a push: a websocket or a push notification when the state changes.",
    check: polling,
    source: file!(),
};

pub const SYNC_FAN_OUT: Rule = Rule {
    id: "sync-fan-out",
    category: FindingCategory::Capacity,
    title: "One request waiting on many services",
    story: "A request that calls three or more services one after another is as slow as their sum and \
as available as their product. Work that is not needed for the answer belongs behind a queue.",
    check: fan_out,
    source: file!(),
};

fn util_hit(w: &World, i: usize, u: f64, severity: Severity, first: bool) -> Hit {
    let c = w.comp(i);
    let (r, wr) = w.load.get(&i).copied().unwrap_or((0.0, 0.0));
    let cap = w.capacity(i).unwrap_or_default();
    // Enough replicas to bring it to the target utilisation at peak, if replicas can.
    let single = w.kinds[i].is_some_and(|k| k.single_writer);
    let wanted = w.replicas_for(i, policy::TARGET_UTILISATION);
    // Past a sane multiple of today's fleet, more of the same is not the
    // answer: the load itself has to change shape.
    let redesign = wanted
        .filter(|&n| f64::from(n) > policy::SANE_REPLICA_MULTIPLE * f64::from(c.replicas.max(1)));
    let fix = wanted
        .filter(|_| redesign.is_none())
        .map(|n| Edit::SetReplicas {
            component: c.id.clone(),
            replicas: n.max(c.replicas + 1),
        });
    let waited = w.waited_on(i);
    let lead = match (first, waited) {
        (true, true) => "the first thing to fall over: ",
        (true, false) => "the first thing to fall behind: ",
        _ => "",
    };
    let behind = if waited || u <= 1.0 {
        ""
    } else {
        "; nobody waits on it, so the work queues up and is late rather than lost"
    };
    // A worker sized by how long its jobs take is told in jobs, not reads.
    let job_ms = c.prop_num(props::JOB_MS).filter(|ms| *ms > 0.0);
    let detail = match job_ms {
        Some(ms) => format!(
            "{} jobs/s of ~{} s each against {} instances x {} at once = {} jobs/s",
            fmt(r + wr),
            fmt(ms / 1000.0),
            c.replicas,
            fmt(w
                .prop_num_or_default(i, props::CONCURRENCY)
                .unwrap_or(1.0)
                .max(1.0)),
            fmt(cap.read_rps * f64::from(c.replicas.max(1)))
        ),
        None => format!(
            "{} reads/s and {} writes/s against {} and {} per instance x {}{}",
            fmt(r),
            fmt(wr),
            fmt(cap.read_rps),
            fmt(cap.write_rps),
            c.replicas,
            if single && c.replicas > 1 {
                ", writes on the one primary"
            } else {
                ""
            }
        ),
    };
    // A consumer behind a queue is sized by its backlog, not by a guess.
    let lever = if !behind.is_empty() {
        "or autoscale it on the queue's lag"
    } else if job_ms.is_some() {
        "or run more jobs at once per instance where they wait on the network"
    } else {
        "or cut its load: cache reads, batch writes"
    };
    let hit = Hit::new(
        severity,
        vec![c.id.clone()],
        format!(
            "{lead}`{}` runs at {}% at peak ({detail})",
            c.id,
            fmt((u * 100.0).round()),
        ) + behind,
        match (&fix, redesign) {
            (Some(f), _) => format!("{f} ({lever})"),
            (None, Some(_)) if job_ms.is_some() || !behind.is_empty() => {
                let running = c.replicas.max(1) as f64
                    * w.prop_num_or_default(i, props::CONCURRENCY)
                        .unwrap_or(1.0)
                        .max(1.0);
                let needed = job_ms.map(|ms| (r + wr) * ms / 1000.0);
                format!(
                    "{}raise the jobs each instance runs at once where they wait on the network, autoscale on the queue's lag, or make each job shorter",
                    needed
                        .map(|n| format!(
                            "it needs ~{} jobs running at once and has {}: ",
                            fmt(n.ceil()),
                            fmt(running)
                        ))
                        .unwrap_or_default()
                )
            }
            (None, Some(n)) => {
                let read_bound = cap.read_rps > 0.0
                    && r / cap.read_rps >= wr / cap.write_rps.max(f64::MIN_POSITIVE);
                format!(
                    "this needs a different design, not {n} replicas ({}x today's {}): {}",
                    fmt((f64::from(n) / f64::from(c.replicas.max(1))).round()),
                    c.replicas,
                    if read_bound {
                        "serve the reads from a cache or the edge in front of it"
                    } else {
                        "batch the writes, put a queue in front of it, or partition it by key"
                    }
                )
            }
            (None, None) => format!(
                "one primary takes every write to `{}` and replicas do not share them: batch or queue the writes, shard by key, or move the hot data to a store that partitions writes",
                c.id
            ),
        },
    );
    match fix {
        Some(f) => hit.fix(f),
        None => hit,
    }
}

/// The services whose side calls (synchronous calls off every flow's
/// route) reach component `i`, by id.
fn side_callers(w: &World, i: usize) -> Vec<String> {
    let side: BTreeSet<usize> = w
        .flows
        .iter()
        .flat_map(|f| f.side.iter().copied())
        .collect();
    let mut ids: Vec<String> = w
        .inc(i)
        .filter(|(li, _)| side.contains(li))
        .map(|(_, u)| w.comp(u).id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(" and ")
}

fn over(w: &World) -> Vec<Hit> {
    let mut us: Vec<(usize, f64)> = (0..w.design.components.len())
        .filter(|i| !w.failed.contains(i))
        .map(|i| (i, w.utilisation(i)))
        .filter(|(_, u)| *u > policy::OVERLOAD_UTILISATION)
        .collect();
    us.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut first = true;
    us.iter()
        .map(|&(i, u)| {
            let routed = w.utilisation_without_side(i, false);
            let least = w.utilisation_without_side(i, true);
            if routed > policy::OVERLOAD_UTILISATION {
                // Overload where nobody waits (a consumer behind a queue, a
                // store only workers write) is a growing backlog, not an outage.
                // Past the catalog's rough figure by less than its error
                // is a strong warning, not yet a certain outage.
                let certain = w.measured(i) || routed > policy::CERTAIN_OVERLOAD;
                let severity = if w.waited_on(i) && certain {
                    Severity::Critical
                } else {
                    Severity::High
                };
                let mut hit = util_hit(w, i, u, severity, first);
                first = false;
                if !certain {
                    hit.message += "; that is past the catalog's rough per-instance figure for its kind, not a measured one (give `capacity:` on the component if you have it)";
                }
                return hit;
            }
            // The overload rests on side calls, and no flow says which
            // requests make them: a strong suspicion at best, never "the
            // first thing to fall over".
            let callers = quoted(&side_callers(w, i));
            if least > policy::OVERLOAD_UTILISATION {
                let mut hit = util_hit(w, i, u, Severity::High, false);
                hit.message += &format!(
                    " (counting one call from {callers} per request {}: no flow says otherwise)",
                    if callers.contains(" and ") { "each handles" } else { "it handles" }
                );
                hit
            } else {
                let mut hit = util_hit(w, i, u, Severity::Medium, false);
                hit.message = format!(
                    "{}, if every request {callers} handles calls it; if only its quietest flow does, {}%. A flow that names what it reads there, with its `rps`, settles it",
                    hit.message,
                    fmt((least * 100.0).round())
                );
                hit
            }
        })
        .collect()
}

/// Stores that cold caches would push past capacity: the design judged
/// again with every cache's hit ratio at zero. Already over at peak is
/// the over-capacity finding's to tell.
pub fn cold_stores<'w>(w: &'w World) -> &'w [ColdStore] {
    w.cold.get_or_init(|| judge_cold(w))
}

fn judge_cold(w: &World) -> Vec<ColdStore> {
    let caches: Vec<(usize, usize)> = (0..w.design.components.len())
        .filter(|i| !w.failed.contains(i))
        .filter(|&i| w.hit_ratio(i).is_some_and(|h| h > 0.0))
        .filter_map(|i| Some((i, w.cached_store(i)?)))
        .filter(|(_, s)| !w.failed.contains(s))
        .collect();
    // Cold, a store gets the reads its caches answered on top of its own:
    // each cache's hit ratio of the reads it sees. (Judging the design
    // again with the caches emptied gives the same figure for a cache that
    // serves one store, at twice the cost of an analysis.)
    let mut cold: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    let mut fronts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(c, s) in &caches {
        let e = cold
            .entry(s)
            .or_insert_with(|| w.load.get(&s).copied().unwrap_or((0.0, 0.0)));
        let hit = w.hit_ratio(c).unwrap_or(0.0);
        e.0 += hit * w.load.get(&c).map_or(0.0, |l| l.0);
        fronts.entry(s).or_default().push(c);
    }
    cold.into_iter()
        .map(|(store, load)| ColdStore {
            store,
            caches: fronts.remove(&store).unwrap_or_default(),
            now: w.utilisation(store),
            cold: w.utilisation_with(store, load),
        })
        .filter(|s| s.now <= policy::OVERLOAD_UTILISATION && s.cold > policy::OVERLOAD_UTILISATION)
        .collect()
}

/// Replicated caches that go cold after a flush or a key change; a lone
/// instance whose loss overloads the store is the SPOF rule's.
fn stampede(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for s in cold_stores(w) {
        if s.caches.iter().any(|&c| !w.is_redundant(c)) {
            continue;
        }
        let fronts = w.ids(s.caches.iter().copied());
        let mut ids = fronts.clone();
        ids.push(w.comp(s.store).id.clone());
        // Replicas keep the data through a failover: it takes a flush or
        // a change of keys to empty them, which a team chooses the time of.
        out.push(Hit::new(
            Severity::Low,
            ids,
            format!(
                "with {} cold (after a flush or a change of keys) every read falls through: `{}` goes from {}% to {}% at peak",
                super::list(&fronts),
                w.comp(s.store).id,
                fmt((s.now * 100.0).round()),
                fmt((s.cold * 100.0).round()),
            ),
            "fill the cache gently: one query per missing key (request coalescing), warm it before traffic and shed load at the edge while it fills; or size the store for the misses",
        ));
    }
    out
}

fn hot(w: &World) -> Vec<Hit> {
    (0..w.design.components.len())
        .filter(|i| !w.failed.contains(i))
        .map(|i| (i, w.utilisation(i)))
        .filter(|(_, u)| *u > policy::HOT_UTILISATION && *u <= policy::OVERLOAD_UTILISATION)
        // Heat that only side calls of every flow would make is a guess.
        .filter(|&(i, _)| w.utilisation_without_side(i, true) > policy::HOT_UTILISATION)
        .map(|(i, u)| util_hit(w, i, u, Severity::Medium, false))
        .collect()
}

fn slow_external(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for f in &w.flows {
        // The user waits on everything reached over sync links.
        let waits: Vec<usize> = f
            .sync_reach
            .iter()
            .copied()
            .filter(|c| f.on_path.contains(c) && !f.entries.contains(c))
            .collect();
        let latency: f64 = waits
            .iter()
            .filter_map(|&c| w.kinds[c].map(|k| k.latency_ms))
            .sum();
        for &c in &waits {
            let Some(k) = w.kinds[c] else { continue };
            if !k.is(Role::Provider) || k.latency_ms < policy::SLOW_EXTERNAL_MS {
                continue;
            }
            let over_budget = f.flow.latency_ms.is_some_and(|b| latency > b);
            let could_wait = f.flow.mode == FlowMode::Async;
            let wanted = f
                .flow
                .to
                .iter()
                .any(|t| *t == w.comp(c).kind || *t == w.comp(c).id);
            if !(over_budget || could_wait || (!wanted && f.flow.mode != FlowMode::Sync)) {
                continue;
            }
            if !seen.insert((c, f.flow.id.clone())) {
                continue;
            }
            let comp = w.comp(c);
            let budget = f
                .flow
                .latency_ms
                .map(|b| format!(" against a {} ms budget", fmt(b)))
                .unwrap_or_default();
            let caller = w
                .inc(c)
                .find(|(li, s)| w.link(*li).mode == LinkMode::Sync && f.sync_reach.contains(s))
                .map(|(_, s)| w.comp(s).id.clone());
            let mut hit = Hit::new(
                if over_budget {
                    Severity::High
                } else {
                    Severity::Medium
                },
                vec![comp.id.clone()],
                format!(
                    "in flow `{}` the user waits on `{}` (~{} ms, someone else's uptime); the request path adds up to ~{} ms{budget}",
                    f.flow.id,
                    comp.id,
                    fmt(k.latency_ms),
                    fmt(latency)
                ),
                "acknowledge the user first and call the provider from a worker behind a queue, with a timeout and retries",
            );
            if let Some(from) = caller {
                hit = hit.fix(Edit::SetLinkMode {
                    from,
                    to: comp.id.clone(),
                    mode: LinkMode::Async,
                });
            }
            out.push(hit);
        }
    }
    out
}

fn polling(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for f in w.flows.iter().filter(|f| f.flow.realtime) {
        // Where changes already reach the flow as events (something on it,
        // or called from it, is handed messages by a component that does
        // not poll), a timer beside it refreshes something else; it is not
        // how the user learns of a change.
        let called: BTreeSet<usize> = f.side.iter().map(|&li| w.link_ends(li).1).collect();
        let pushed = f.on_path.iter().chain(&called).any(|&c| {
            w.inc(c).any(|(li, u)| {
                w.link(li).mode == LinkMode::Async && !w.kinds[u].is_some_and(|k| k.polling)
            })
        });
        if pushed {
            continue;
        }
        let pollers = (0..w.design.components.len()).filter(|&c| {
            w.kinds[c].is_some_and(|k| k.polling)
                && (f.on_path.contains(&c) || w.out(c).any(|(_, v)| f.on_path.contains(&v)))
        });
        for c in pollers {
            if !seen.insert(c) {
                continue;
            }
            let comp = w.comp(c);
            out.push(Hit::new(
                Severity::Medium,
                vec![comp.id.clone()],
                format!(
                    "flow `{}` must show changes as they happen, but `{}` ({}) finds them by polling on a timer",
                    f.flow.id, comp.id, comp.kind
                ),
                "push the change when it happens: publish an event and deliver it over a websocket gateway or a push provider",
            ));
        }
    }
    out
}

fn fan_out(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for f in &w.flows {
        if f.flow.mode == FlowMode::Sync {
            continue;
        }
        for &u in &f.sync_reach {
            // What one request of this flow makes `u` call: one call per
            // target's route; equal alternatives behind a balancer are one.
            let mut per_target: BTreeSet<BTreeSet<usize>> = BTreeSet::new();
            // An inferred flow's request does everything downstream: each
            // next hop on its routes is a call.
            if f.inferred {
                for (li, v) in w.out(u) {
                    if f.route.contains(&li)
                        && w.link(li).mode == LinkMode::Sync
                        && w.kinds[v].is_some_and(|k| k.deployable || k.is(Role::Provider))
                    {
                        per_target.insert(BTreeSet::from([v]));
                    }
                }
            }
            // A group without links of its own (an inferred flow's: its
            // routes are the flow's) adds no call.
            for g in f.groups.iter().filter(|g| !g.route.is_empty()) {
                let next: BTreeSet<usize> = w
                    .out(u)
                    .filter(|&(li, v)| {
                        g.route.contains(&li)
                            && w.link(li).mode == LinkMode::Sync
                            && w.kinds[v].is_some_and(|k| k.deployable || k.is(Role::Provider))
                    })
                    .map(|(_, v)| v)
                    .collect();
                if !next.is_empty() {
                    per_target.insert(next);
                }
            }
            // One call per target's alternatives, to the one first by id:
            // which alternatives overlap must not depend on file order.
            let calls: Vec<usize> = per_target
                .iter()
                .filter_map(|alts| alts.iter().copied().min_by_key(|&v| &w.comp(v).id))
                .collect::<BTreeSet<usize>>()
                .into_iter()
                .collect();
            if calls.len() >= 3 && seen.insert(u) {
                out.push(Hit::new(
                    Severity::Medium,
                    w.ids(std::iter::once(u).chain(calls.iter().copied())),
                    format!(
                        "in flow `{}`, `{}` calls {} services synchronously ({}) while the user waits",
                        f.flow.id,
                        w.comp(u).id,
                        calls.len(),
                        super::list(&w.ids(calls.iter().copied()))
                    ),
                    "answer with what the user needs and publish an event for the rest",
                ));
            }
        }
    }
    out
}
