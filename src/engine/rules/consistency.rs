//! Stale reads, lost and double writes, double bookings and lost messages.

use super::{Hit, Rule};
use crate::engine::report::FindingCategory;
use crate::engine::world::{FlowView, World};
use crate::model::Edit;
use crate::model::Severity;
use crate::model::{Consistency, Contention, LinkMode, PropValue, RateSource, Role, props};
use std::collections::{BTreeMap, BTreeSet};

pub const EVENTUAL_STORE: Rule = Rule {
    id: "eventual-store-for-strong-entity",
    category: FindingCategory::Consistency,
    title: "Strong data kept in an eventually consistent store",
    story: "Balances, bookings and orders need every reader to see the last committed write. A store \
that replicates lazily lets two requests read the same old value and both act on it: two buyers get \
the same seat, a refund is paid twice. The system of record for such data must give strong \
consistency, or the design must explain the quorum settings that make it so.",
    check: eventual_store,
    source: file!(),
};

pub const WEAKENED: Rule = Rule {
    id: "weakened-consistency",
    category: FindingCategory::Consistency,
    title: "An answer settles for weaker consistency than the data needs",
    story: "Choosing eventual consistency is a fine trade for a news feed and a costly one for money or \
inventory. When an answer to a constraint gives up consistency the scenario says the data needs, \
the design inherits every anomaly that follows.",
    check: weakened,
    source: file!(),
};

pub const UNGUARDED_CONTENTION: Rule = Rule {
    id: "unguarded-contention",
    category: FindingCategory::Consistency,
    title: "Many writers on one row with nothing to serialise them",
    story: "When hundreds of buyers race for the last seats, read-then-write without a lock, a version \
check or an atomic conditional update sells the same seat twice. Contended data needs one of row \
locks, optimistic versions, or an atomic decrement that refuses to go below zero.",
    check: contention,
    source: file!(),
};

pub const ACTIVE_ACTIVE: Rule = Rule {
    id: "active-active-strong",
    category: FindingCategory::Consistency,
    title: "Strong data written in several places at once",
    story: "Accepting writes in two regions at once means two writers can commit conflicting changes \
that are reconciled later, by which time both customers were told yes. Data that must be strong \
needs one writer per key.",
    check: active_active,
    source: file!(),
};

pub const CACHE_INVALIDATION: Rule = Rule {
    id: "cache-without-invalidation",
    category: FindingCategory::Consistency,
    title: "A cache in front of strong data with no way to go stale safely",
    story: "A cache answers fast with whatever it was last told. In front of prices, seat maps or \
order status with no expiry and no invalidation, it keeps serving the old value after the source \
changed, and users act on it.",
    check: cache,
    source: file!(),
};

pub const STALE_READ_DECISION: Rule = Rule {
    id: "stale-read-decision",
    category: FindingCategory::Consistency,
    title: "A decision taken on a cached copy",
    story: "A funds check, a stock check or a seat check that reads a cache decides on what the value \
was, not what it is. A TTL or an invalidation event only shortens the window: two requests inside it \
both pass the check, and the balance goes negative or the seat is sold twice. The value a write \
depends on must be read, or re-checked, where it is written: a row lock, a version check or a \
conditional update in the store. The cache is for showing, not for deciding.",
    check: stale_decision,
    source: file!(),
};

pub const DUAL_WRITE: Rule = Rule {
    id: "dual-write",
    category: FindingCategory::Consistency,
    title: "Two writes that can half-happen",
    story: "A service that commits to its database and then publishes to a queue will, one day, crash \
between the two: the order exists but nobody is told, or the message goes out for a write that \
rolled back. The same holds for one entity kept by two stores. An outbox table written in the same \
transaction, or change data capture, makes the pair atomic.",
    check: dual_write,
    source: file!(),
};

pub const MISSING_IDEMPOTENCY: Rule = Rule {
    id: "missing-idempotency",
    category: FindingCategory::Consistency,
    title: "Retries into side effects without idempotency keys",
    story: "Every retry and every at-least-once queue delivers some messages twice. Into a payment \
gateway that is a double charge; into an email provider, a duplicate email. An idempotency key per \
operation lets the receiver recognise the repeat and answer with the first result.",
    check: idempotency,
    source: file!(),
};

pub const NO_DLQ: Rule = Rule {
    id: "no-dead-letter-queue",
    category: FindingCategory::Consistency,
    title: "A queue with nowhere for poison messages to go",
    story: "One malformed message that always fails is retried forever, blocking the queue or burning \
the retry budget, and is finally dropped without a trace. A dead-letter queue keeps it aside for a \
person to look at while the rest flows.",
    check: dlq,
    source: file!(),
};

pub const ASYNC_WITHOUT_BUFFER: Rule = Rule {
    id: "async-without-durable-hop",
    category: FindingCategory::Consistency,
    title: "An async link with nothing durable in it",
    story: "Fire-and-forget between two services without a queue is not asynchronous processing, it is \
message loss waiting to happen: when the receiver is down or slow, the work is simply gone.",
    check: async_buffer,
    source: file!(),
};

pub const UNORDERED: Rule = Rule {
    id: "unordered-consumers",
    category: FindingCategory::Consistency,
    title: "Ordered messages spread over parallel consumers",
    story: "PLACED must not arrive after READY. Several consumers reading one queue without a \
partition key process messages about the same order in any order they like.",
    check: unordered,
    source: file!(),
};

pub const PROMPT_REQUIREMENT: Rule = Rule {
    id: "prompt-requirement",
    category: FindingCategory::Consistency,
    title: "A decision that needs a safeguard the design lacks",
    story: "Some answers come with conditions: asynchronous payment only works with idempotency keys and \
a status the client can poll. The design must carry the safeguard its own decision requires.",
    check: requirement,
    source: file!(),
};

/// Components storing entity `e` that are systems of record (not caches).
fn stores_of(w: &World, e: &str) -> Vec<usize> {
    (0..w.design.components.len())
        .filter(|&i| w.comp(i).stores.iter().any(|s| s == e))
        .filter(|&i| w.role(i) != Some(Role::Cache))
        .collect()
}

fn eventual_store(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for e in &w.ctx.entities {
        if e.consistency != Consistency::Strong {
            continue;
        }
        for i in 0..w.design.components.len() {
            let c = w.comp(i);
            if !c.stores.contains(&e.id) {
                continue;
            }
            let Some(k) = w.kinds[i] else { continue };
            if w.consistency(i) == Some(Consistency::Strong) || k.is(Role::Provider) {
                continue;
            }
            let alt = k
                .alternatives
                .iter()
                .find(|a| {
                    w.catalog
                        .get(a)
                        .is_some_and(|ak| ak.consistency == Consistency::Strong)
                })
                .cloned();
            let mut hit = Hit::new(
                Severity::High,
                vec![c.id.clone()],
                format!(
                    "`{}` must be strongly consistent, but its store `{}` is a {} ({} consistency); \
two readers can act on the same stale value",
                    e.id,
                    c.id,
                    c.kind,
                    k.consistency.as_str()
                ),
                match &alt {
                    Some(a) => format!(
                        "keep `{}` in a {a} (or another strongly consistent store)",
                        e.id
                    ),
                    None => format!(
                        "keep `{}` in a strongly consistent store such as postgres",
                        e.id
                    ),
                },
            );
            if let Some(a) = alt {
                hit = hit.fix(Edit::SwapKind {
                    component: c.id.clone(),
                    kind: a,
                });
            }
            out.push(hit);
        }
    }
    out
}

fn weakened(w: &World) -> Vec<Hit> {
    w.ctx
        .weakened
        .iter()
        .map(|x| {
            let comps = stores_of(w, &x.entity);
            Hit::new(
                if x.needed == Consistency::Strong { Severity::High } else { Severity::Medium },
                w.ids(comps),
                format!(
                    "answer `{}: {}` settles for {} consistency on `{}`, which the scenario needs {}",
                    x.prompt,
                    x.option,
                    x.chosen.as_str(),
                    x.entity,
                    x.needed.as_str()
                ),
                format!(
                    "pick an option that keeps `{}` {}, or show how the anomalies are repaired",
                    x.entity,
                    x.needed.as_str()
                ),
            )
        })
        .collect()
}

/// How contended an entity is, and whether that was inferred: what the
/// design declares, else high for a strongly consistent record the catalog
/// names as one many requests write at once (a lot's high bid, one item's
/// stock, a seat, a balance), whose description nobody thought to flag.
fn contention_of(w: &World, e: &crate::model::Entity) -> (Contention, bool) {
    if let Some(c) = e.contention {
        return (c, false);
    }
    let shared = w.catalog.contended_records();
    if e.consistency == Consistency::Strong && e.words().any(|x| shared.contains(&x)) {
        (Contention::High, true)
    } else {
        (Contention::Low, false)
    }
}

fn contention(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for e in &w.ctx.entities {
        let (level, inferred) = contention_of(w, e);
        if level != Contention::High {
            continue;
        }
        for i in stores_of(w, &e.id) {
            let c = w.comp(i);
            let Some(k) = w.kinds[i] else { continue };
            if k.is(Role::Provider) {
                continue;
            }
            if guards_writes(w, i) {
                continue;
            }
            let has_prop = k.props.contains_key(props::LOCKING);
            let peak = w.ctx.write_rps;
            // A strong entity has an invariant to break (stock, a seat, a
            // balance): breaking it is wrong money or stock, which is
            // critical; an eventual one only loses updates to a
            // read-modify-write.
            // Inferred from a name, it is one step short of certain.
            let (severity, harm) = if e.consistency == Consistency::Strong {
                (
                    if inferred {
                        Severity::High
                    } else {
                        Severity::Critical
                    },
                    "concurrent writers can oversell or double-book",
                )
            } else {
                (
                    Severity::Medium,
                    "concurrent read-modify-writes can lose updates (a count that drifts)",
                )
            };
            let mut hit = Hit::new(
                severity,
                vec![c.id.clone()],
                format!(
                    "`{}` is contended ({}up to {} writes/s at peak on few rows) and `{}` has {}; {harm}",
                    e.id,
                    if inferred {
                        "assumed from what it is; say `contention: low` if each write has a row of its own; "
                    } else {
                        ""
                    },
                    crate::model::num::fmt(peak),
                    c.id,
                    if has_prop {
                        "`locking: none`".to_string()
                    } else {
                        format!("no locking ({} offers none)", c.kind)
                    }
                ),
                if has_prop {
                    "set `locking: row` (SELECT ... FOR UPDATE), `optimistic` (version column) or `atomic` (conditional decrement)".to_string()
                } else {
                    format!(
                        "keep `{}` in a store with row locks or conditional writes",
                        e.id
                    )
                },
            );
            if let Some(fix) = guard_fix(w, i) {
                hit = hit.fix(fix);
            }
            out.push(hit);
        }
    }
    out
}

fn active_active(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for e in &w.ctx.entities {
        if e.consistency != Consistency::Strong {
            continue;
        }
        for i in stores_of(w, &e.id) {
            let c = w.comp(i);
            let regions = c.prop_num(props::REGIONS).unwrap_or(1.0);
            let mode = w.prop(i, props::WRITE_MODE);
            let aa = mode.as_deref() == Some(props::ACTIVE_ACTIVE);
            if aa {
                out.push(
                    Hit::new(
                        Severity::High,
                        vec![c.id.clone()],
                        format!(
                            "`{}` accepts writes to strong data `{}` in {} regions at once (`write_mode: active-active`); conflicting writes are reconciled after both callers were told yes",
                            c.id,
                            e.id,
                            crate::model::num::fmt(regions.max(2.0))
                        ),
                        "write each key in one region (`write_mode: single-writer`) and serve reads locally",
                    )
                    .fix(Edit::SetProp {
                        component: c.id.clone(),
                        prop: "write_mode".into(),
                        value: PropValue::Str("single-writer".into()),
                    }),
                );
            }
        }
    }
    out
}

fn cache(w: &World) -> Vec<Hit> {
    let mut out = BTreeMap::new();
    for f in &w.flows {
        let strong: Vec<&str> = f
            .flow
            .to
            .iter()
            .filter(|t| {
                w.ctx
                    .entity(t)
                    .is_some_and(|e| e.consistency == Consistency::Strong)
            })
            .map(|s| s.as_str())
            .collect();
        let strong: Vec<&str> = if f.inferred {
            // Inferred flows target stores; check what those stores keep.
            w.ctx
                .entities
                .iter()
                .filter(|e| e.consistency == Consistency::Strong)
                .map(|e| e.id.as_str())
                .collect()
        } else {
            strong
        };
        if strong.is_empty() {
            continue;
        }
        for &c in &f.on_path {
            let Some(k) = w.kinds[c] else { continue };
            // Only a component holding copies of data goes stale: a Redis
            // used as a queue or a rate limiter has nothing to invalidate.
            if w.role(c) != Some(Role::Cache) || !k.props.contains_key(props::INVALIDATION) {
                continue;
            }
            let inv = w.prop(c, props::INVALIDATION);
            if inv
                .as_deref()
                .is_some_and(|v| props::BOUNDED_INVALIDATION.contains(&v))
            {
                continue;
            }
            // A cache named after some of its store's data holds only those.
            let held: Vec<&str> = strong
                .iter()
                .copied()
                .filter(|e| w.cached_store(c).is_none() || w.cache_holds(c, e))
                .collect();
            if held.is_empty() {
                continue;
            }
            out.entry(c).or_insert_with(|| held.join(", "));
        }
    }
    out.into_iter()
        .map(|(c, ents)| {
            let comp = w.comp(c);
            Hit::new(
                Severity::Medium,
                vec![comp.id.clone()],
                format!(
                    "cache `{}` sits in the path to strongly consistent {ents} with no invalidation; it keeps serving old values after they change",
                    comp.id
                ),
                "invalidate on write (`invalidation: event` or `write-through`), or at least a short `ttl`; read strong data from its store",
            )
            .fix(Edit::SetProp {
                component: comp.id.clone(),
                prop: "invalidation".into(),
                value: PropValue::Str("event".into()),
            })
        })
        .collect()
}

/// True when store `i` guards its writes: a row lock, a version check or a
/// conditional update, or serializable transactions.
fn guards_writes(w: &World, i: usize) -> bool {
    w.prop(i, props::LOCKING)
        .as_deref()
        .is_some_and(|l| props::GUARDING_LOCKS.contains(&l))
        || w.prop(i, props::ISOLATION).as_deref() == Some(props::SERIALIZABLE)
}

/// The edit that makes store `i` guard its writes: the first guard its kind
/// offers (a row lock, else an atomic conditional update, else an optimistic
/// check), if it offers one.
fn guard_fix(w: &World, i: usize) -> Option<Edit> {
    let offered = &w.kinds[i]?.props.get(props::LOCKING)?.values;
    let g = props::GUARDING_LOCKS
        .iter()
        .find(|g| offered.iter().any(|x| x == *g))?;
    Some(Edit::SetProp {
        component: w.comp(i).id.clone(),
        prop: props::LOCKING.into(),
        value: PropValue::Str((*g).into()),
    })
}

fn stale_decision(w: &World) -> Vec<Hit> {
    let mut out: BTreeMap<usize, Hit> = BTreeMap::new();
    // Flows that change data: a read flow only shows what the cache holds.
    // A flow driven by the peak figure changes data too where it targets a
    // record that requests fight over: contention is a statement of writes.
    let writes = |f: &crate::engine::world::FlowView| {
        f.flow.rate != RateSource::PeakRps
            || f.flow.to.iter().filter_map(|t| w.ctx.entity(t)).any(|e| {
                e.consistency == Consistency::Strong && contention_of(w, e).0 >= Contention::Medium
            })
    };
    for f in w.flows.iter().filter(|f| !f.inferred && writes(f)) {
        // Caches on the path, and those a service on it consults beside
        // it: a write's check reads before it writes, whatever load the
        // model gives the read.
        let mut caches: BTreeSet<usize> = f.on_path.clone();
        for &u in &f.on_path {
            caches.extend(
                w.out(u)
                    .filter(|&(li, _)| w.link(li).mode == LinkMode::Sync)
                    .map(|(_, v)| v),
            );
        }
        for c in caches {
            // A component that keeps entities of its own is a store, not a copy.
            if !w.comp(c).stores.is_empty() {
                continue;
            }
            let Some(store) = w.cached_store(c) else {
                continue;
            };
            // Strong entities of the flow kept in that store. A contended
            // one is also `unguarded-contention`'s finding on the store, but
            // a lock there does not help a write computed from the copy.
            let decided: Vec<&crate::model::Entity> = f
                .flow
                .to
                .iter()
                .filter(|t| w.cache_holds(c, t))
                .filter_map(|t| w.ctx.entity(t))
                .filter(|e| e.consistency == Consistency::Strong)
                .collect();
            if decided.is_empty() || guards_writes(w, store) || out.contains_key(&c) {
                continue;
            }
            let mut readers: Vec<usize> = w
                .inc(c)
                .map(|(_, u)| u)
                .filter(|u| f.on_path.contains(u))
                .collect();
            readers.sort_unstable();
            readers.dedup();
            let comps: Vec<String> = w.ids(std::iter::once(c).chain(readers.iter().copied()));
            let fix = guard_fix(w, store);
            let how = w
                .prop(c, props::INVALIDATION)
                .map(|v| format!(" (invalidation: {v})"))
                .unwrap_or_default();
            // Where writers meet on the same rows the window is hit often,
            // and a decision on a stale copy of strong data (a balance that
            // authorises spending, stock that allows a sale) is wrong money
            // or stock: critical.
            let severity = if decided
                .iter()
                .any(|e| contention_of(w, e).0 >= Contention::Medium)
            {
                Severity::Critical
            } else {
                Severity::Medium
            };
            let mut hit = Hit::new(
                severity,
                comps,
                format!(
                    "flow `{}` changes {} but can read {} from cache `{}`{how}, a copy that may be old; two requests inside that window both pass the check",
                    f.flow.id,
                    super::list(&decided.iter().map(|d| d.id.clone()).collect::<Vec<_>>()),
                    if decided.len() == 1 { "it" } else { "them" },
                    w.comp(c).id,
                ),
                format!(
                    "decide on the value where it is written: read it in the transaction with a row lock, a version check or a conditional update in `{}`; keep the cache for showing",
                    w.comp(store).id
                ),
            );
            if let Some(e) = fix {
                hit = hit.fix(e);
            }
            out.insert(c, hit);
        }
    }
    out.into_values().collect()
}

fn dual_write(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    // One entity kept by two systems of record.
    for e in &w.ctx.entities {
        let stores = stores_of(w, &e.id);
        if stores.len() < 2 {
            continue;
        }
        let writers: BTreeSet<usize> = stores
            .iter()
            .flat_map(|&s| w.inc(s).map(|(_, u)| u))
            .collect();
        if writers.iter().any(|&u| w.prop_true(u, props::OUTBOX)) {
            continue;
        }
        out.push(Hit::new(
            Severity::High,
            w.ids(stores.iter().copied()),
            format!(
                "`{}` is kept by {} stores ({}); a crash between the writes leaves them disagreeing",
                e.id,
                stores.len(),
                super::list(&w.ids(stores.iter().copied()))
            ),
            "keep one system of record and feed the other from it (outbox or change data capture)",
        ));
    }
    // A service committing to a store and publishing to a queue as two
    // steps of handling writes: both links carry the writes of some flow
    // (a link that only serves reads, or that no flow takes, is no write).
    let writing: BTreeSet<usize> = w
        .flows
        .iter()
        .filter(|f| f.write_rate > 0.0 || f.flow.rate != RateSource::PeakRps)
        .flat_map(|f| f.route.iter().chain(&f.side).copied())
        .collect();
    for u in 0..w.design.components.len() {
        let Some(k) = w.kinds[u] else { continue };
        if !k.props.contains_key(props::OUTBOX) || w.prop_true(u, props::OUTBOX) {
            continue;
        }
        // An idempotent consumer of a durable queue acknowledges only after
        // both steps: a crash between them redelivers the message and both
        // are redone, the repeated write a no-op.
        if w.drains_buffer(u) && w.prop_true(u, props::IDEMPOTENCY_KEYS) {
            continue;
        }
        let outs: Vec<usize> = w
            .out(u)
            .filter(|(li, _)| writing.contains(li))
            .map(|(_, v)| v)
            .collect();
        // The store of record it writes: a kind whose main job is keeping
        // data (a Redis kept as a position index is not where an outbox
        // could live). A write a rerun repeats safely
        // (`idempotent`) is the lesser risk; then the record a flow through
        // the writer targets, strong data, and the id, whatever the order.
        let store = w
            .out(u)
            .filter(|(li, _)| writing.contains(li))
            .filter(|&(_, v)| {
                w.kinds[v].is_some_and(|k| k.stateful && k.main_role() == Some(Role::Store))
                    && !w.comp(v).stores.is_empty()
            })
            .min_by_key(|&(li, v)| {
                let kept = &w.comp(v).stores;
                // The record a flow through the writer is about.
                let targeted = w
                    .flows
                    .iter()
                    .filter(|f| f.on_path.contains(&u))
                    .any(|f| f.flow.to.iter().any(|t| kept.contains(t)));
                let strong = kept.iter().any(|e| {
                    w.ctx
                        .entity(e)
                        .is_some_and(|d| d.consistency == Consistency::Strong)
                });
                (
                    w.link(li).idempotent == Some(true),
                    !targeted,
                    !strong,
                    w.comp(v).id.as_str(),
                )
            })
            .map(|(_, v)| v);
        let queue = outs.iter().copied().find(|&v| w.is_buffer(v));
        if let (Some(s), Some(q)) = (store, queue) {
            let comp = w.comp(u);
            out.push(
                Hit::new(
                    Severity::Medium,
                    vec![comp.id.clone(), w.comp(s).id.clone(), w.comp(q).id.clone()],
                    format!(
                        "`{}` writes to `{}` and publishes to `{}` as two separate steps; a crash between them loses the message or sends one for a rolled-back write",
                        comp.id,
                        w.comp(s).id,
                        w.comp(q).id
                    ),
                    format!(
                        "write the message to an outbox table in the same transaction and relay it (`outbox: true` on `{}`)",
                        comp.id
                    ),
                )
                .fix(Edit::SetProp {
                    component: comp.id.clone(),
                    prop: props::OUTBOX.into(),
                    value: PropValue::Bool(true),
                }),
            );
        }
    }
    out
}

/// True when `u` receives work that may be delivered more than once.
fn at_least_once(w: &World, u: usize) -> bool {
    w.inc(u).any(|(li, s)| {
        let l = w.link(li);
        l.retries.unwrap_or(0) > 0 || w.kinds[s].is_some_and(|k| k.durable)
    })
}

/// Where the work `u` handles in flow `f` arrives more than once: a caller
/// on the flow's route retries it (directly, or through a balancer or
/// gateway that passes it on), or a durable queue or stream redelivers it.
/// The first such cause, for the message.
fn repeated_input(w: &World, f: &FlowView, u: usize, depth: usize) -> Option<String> {
    for (li, s) in w.inc(u) {
        if !f.route.contains(&li) {
            continue;
        }
        let l = w.link(li);
        if l.retries.unwrap_or(0) > 0 {
            return Some(format!("`{}` retries its calls to `{}`", l.from, l.to));
        }
        if w.is_buffer(s) {
            return Some(format!(
                "`{}` redelivers what `{}` takes from it",
                l.from, l.to
            ));
        }
        if depth > 0
            && w.plays(s, Role::Router)
            && let Some(why) = repeated_input(w, f, s, depth - 1)
        {
            return Some(why);
        }
    }
    None
}

/// A write into a store of entities by a component whose work can arrive
/// twice (a retried request, a redelivered message) with nothing making
/// the write idempotent: the second copy is applied again (a second credit,
/// a rating moved twice, a click counted twice). Stores offer no
/// idempotency key of their own; the write must be an upsert keyed by the
/// request, or the writer must record what it has done.
fn repeated_store_write(w: &World, li: usize, u: usize, v: usize) -> Option<(Severity, Hit)> {
    let l = w.link(li);
    let kv = w.kinds[v]?;
    if l.mode != LinkMode::Sync
        || w.role(v) != Some(Role::Store)
        || !kv.stateful
        || w.comp(v).stores.is_empty()
        || !w.plays(u, Role::Service)
        || l.idempotent == Some(true)
        || w.prop_true(u, props::IDEMPOTENCY_KEYS)
    {
        return None;
    }
    // The write belongs to a flow that writes and takes this link (side
    // calls are lookups), and the repeat comes along that same flow.
    // A retry on the write itself repeats it too: a commit whose answer
    // was lost is sent again.
    let why = w
        .flows
        .iter()
        .filter(|f| f.write_rate > 0.0 || f.flow.rate != RateSource::PeakRps)
        .filter(|f| f.route.contains(&li))
        .find_map(|f| {
            if l.retries.unwrap_or(0) > 0 {
                Some(format!(
                    "`{}` retries its writes to `{}` (a commit whose answer was lost is sent again)",
                    l.from, l.to
                ))
            } else {
                repeated_input(w, f, u, 2)
            }
        })?;
    // What a repeat costs follows what is kept: a second copy of a
    // strongly consistent record (money, ratings, stock) is a real error;
    // in an eventual projection it is a miscount that a rebuild corrects.
    let strong = w.comp(v).stores.iter().any(|e| {
        w.ctx
            .entity(e)
            .is_some_and(|d| d.consistency == Consistency::Strong)
    });
    let severity = if strong {
        Severity::High
    } else {
        Severity::Low
    };
    let hit = Hit::new(
        severity,
        vec![l.from.clone(), l.to.clone()],
        format!(
            "{why}, and `{}` writes to `{}` with nothing making the write idempotent; the same work done twice is written twice",
            l.from, l.to
        ),
        format!(
            "key the write by the request or message (an upsert, or a processed-ids table in the same transaction) and say so with `idempotent: true` on the link from `{}`",
            l.from
        ),
    );
    // The one-key fix exists only where the writer's kind can say it keeps
    // idempotency keys; otherwise the link's `idempotent` is the way.
    let keyed = w.kinds[u].is_some_and(|k| k.props.contains_key(props::IDEMPOTENCY_KEYS));
    let hit = if keyed {
        hit.fix(Edit::SetProp {
            component: l.from.clone(),
            prop: props::IDEMPOTENCY_KEYS.into(),
            value: PropValue::Bool(true),
        })
    } else {
        hit
    };
    Some((severity, hit))
}

fn idempotency(w: &World) -> Vec<Hit> {
    // One finding per receiver: the worst way it is repeated, whichever
    // caller the file happens to list first.
    let mut worst: BTreeMap<usize, (Severity, String, Hit)> = BTreeMap::new();
    for (li, l) in w.design.links.iter().enumerate() {
        let (Some(&u), Some(&v)) = (w.index.get(l.from.as_str()), w.index.get(l.to.as_str()))
        else {
            continue;
        };
        if w.failed.contains(&u) || w.failed.contains(&v) {
            continue;
        }
        let Some(kv) = w.kinds[v] else { continue };
        if !kv.props.contains_key(props::IDEMPOTENCY_KEYS) {
            if let Some((severity, hit)) = repeated_store_write(w, li, u, v) {
                let better = worst.get(&v).is_none_or(|(sev, from, _)| {
                    severity > *sev || (severity == *sev && l.from < *from)
                });
                if better {
                    worst.insert(v, (severity, l.from.clone(), hit));
                }
            }
            continue;
        }
        // Only side effects that leave the system or change money/state matter.
        let side_effect = kv.is(Role::Provider)
            || (!w.comp(v).stores.is_empty())
            || w.out(v).any(|(_, x)| w.plays(x, Role::Provider));
        if !side_effect {
            continue;
        }
        // A vendor's API may only be read: a call a service makes on the
        // side, on no flow's route, is a lookup as far as napkin knows.
        if kv.duplicate.as_ref().is_some_and(|d| d.may_read)
            && !w.flows.iter().any(|f| f.route.contains(&li))
        {
            continue;
        }
        let retries = l.retries.unwrap_or(0);
        let repeated = retries > 0
            || l.mode == LinkMode::Async
            || at_least_once(w, u) && kv.is(Role::Provider);
        if !repeated {
            continue;
        }
        // A consumer that keeps nothing itself and takes its work from a
        // redelivering queue has its side effects judged on its own calls
        // out (a push, a charge), each at what a duplicate of it costs;
        // the hand-off into it would report the same copies again.
        if l.mode == LinkMode::Async
            && retries == 0
            && !kv.is(Role::Provider)
            && w.comp(v).stores.is_empty()
            && at_least_once(w, v)
        {
            continue;
        }
        let safe = l.idempotent == Some(true)
            || w.prop_true(v, props::IDEMPOTENCY_KEYS)
            || w.prop_true(u, props::IDEMPOTENCY_KEYS);
        if safe {
            continue;
        }
        let why = if retries > 0 {
            format!(
                "`{}` retries calls to `{}` up to {retries} times",
                l.from, l.to
            )
        } else if l.mode == LinkMode::Async {
            format!(
                "`{}` reaches `{}` asynchronously, which delivers at least once",
                l.from, l.to
            )
        } else {
            format!(
                "`{}` takes work from a queue that redelivers, then calls `{}`",
                l.from, l.to
            )
        };
        let external = kv.is(Role::Provider);
        // How bad one duplicate is comes from the kind (a second email is a
        // nuisance, a second charge is not); retries on top of a queue's
        // redelivery multiply the copies, which makes it one step worse.
        let (base, what) = match &kv.duplicate {
            Some(d) => (d.severity, d.what.clone()),
            None if external => (Severity::High, "a duplicate charge or message".into()),
            None => (Severity::Medium, "a duplicate write".into()),
        };
        let multiplied = retries > 0 && at_least_once(w, u);
        // How bad a duplicate is depends on what it is, not on how many
        // layers retry: a third push is still a push, a second charge is
        // critical however it came about.
        let severity = base;
        let target = l.to.clone();
        let hit = Hit::new(
                severity,
                vec![l.from.clone(), l.to.clone()],
                format!(
                    "{why}{} with no idempotency key; a timeout that actually succeeded becomes {what}",
                    if multiplied && retries > 0 && l.mode != LinkMode::Async {
                        ", on top of the retries or redelivery of the work it handles,"
                    } else {
                        ""
                    }
                ),
                format!("send an idempotency key per operation (`idempotency_keys: true` on `{target}`) and store it with the result"),
            )
            .fix(Edit::SetProp {
                component: target,
                prop: props::IDEMPOTENCY_KEYS.into(),
                value: PropValue::Bool(true),
            });
        let better = worst
            .get(&v)
            .is_none_or(|(sev, from, _)| severity > *sev || (severity == *sev && l.from < *from));
        if better {
            worst.insert(v, (severity, l.from.clone(), hit));
        }
    }
    worst.into_values().map(|(_, _, hit)| hit).collect()
}

fn dlq(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for i in 0..w.design.components.len() {
        let Some(k) = w.kinds[i] else { continue };
        if !k.props.contains_key(props::DLQ) || w.prop_true(i, props::DLQ) {
            continue;
        }
        // Consumers are the services that process its messages, not the
        // coordination service a broker itself talks to.
        let consumers: Vec<usize> = w
            .out(i)
            .map(|(_, v)| v)
            .filter(|&v| w.kinds[v].is_none() || w.plays(v, Role::Service))
            .collect();
        if consumers.is_empty() {
            continue;
        }
        // A poison message that only feeds a projection rebuilt from its
        // source (a search index, a stats rollup) costs a replay; one that
        // carries a strong write or an outside effect loses real work.
        let severity = if consumers.iter().any(|&v| carries_real_work(w, v)) {
            Severity::Medium
        } else {
            Severity::Low
        };
        let c = w.comp(i);
        out.push(
            Hit::new(
                severity,
                vec![c.id.clone()],
                format!(
                    "`{}` feeds {} with no dead-letter queue; one message that always fails is retried forever or silently dropped",
                    c.id,
                    super::list(&w.ids(consumers))
                ),
                format!("set `dlq: true` on `{}` and alert when it is not empty", c.id),
            )
            .fix(Edit::SetProp {
                component: c.id.clone(),
                prop: props::DLQ.into(),
                value: PropValue::Bool(true),
            }),
        );
    }
    out
}

/// True when consumer `v` writes a strongly consistent entity, calls
/// outside the system, or writes a store whose entities are not declared.
fn carries_real_work(w: &World, v: usize) -> bool {
    w.out(v).any(|(_, x)| {
        if w.plays(x, Role::Provider) {
            return true;
        }
        let stores = &w.comp(x).stores;
        if stores.is_empty() {
            return w.kinds[x].is_some_and(|k| k.stateful) && !w.is_buffer(x);
        }
        stores.iter().any(|e| {
            w.ctx
                .entity(e)
                .is_none_or(|d| d.consistency == Consistency::Strong)
        })
    })
}

fn async_buffer(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for l in &w.design.links {
        if l.mode != LinkMode::Async {
            continue;
        }
        let (Some(&u), Some(&v)) = (w.index.get(l.from.as_str()), w.index.get(l.to.as_str()))
        else {
            continue;
        };
        let durable = |i: usize| {
            w.kinds[i].is_none_or(|k| k.durable || k.highly_available && k.is(Role::Provider))
        };
        if durable(u) || durable(v) || w.is_client(u) {
            continue;
        }
        out.push(Hit::new(
            Severity::Medium,
            vec![l.from.clone(), l.to.clone()],
            format!(
                "`{}` -> `{}` is marked async but nothing durable holds the work in between; when `{}` is down the work is lost",
                l.from, l.to, l.to
            ),
            format!("put a queue between `{}` and `{}` (or make the link sync and handle the failure)", l.from, l.to),
        ));
    }
    out
}

fn unordered(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for e in w.ctx.entities.iter().filter(|e| e.ordered) {
        // Buffers that carry messages about `e`: on a flow to it, or fed by
        // a component that also writes its store.
        let mut queues: BTreeSet<usize> = BTreeSet::new();
        for f in w.flows.iter().filter(|f| f.flow.to.contains(&e.id)) {
            queues.extend(f.on_path.iter().copied().filter(|&q| w.is_buffer(q)));
        }
        for s in stores_of(w, &e.id) {
            for (_, writer) in w.inc(s) {
                queues.extend(w.out(writer).map(|(_, q)| q).filter(|&q| w.is_buffer(q)));
            }
        }
        for q in queues {
            let Some(k) = w.kinds[q] else { continue };
            if !k.props.contains_key(props::PARTITION_KEY)
                || w.comp(q).props.contains_key(props::PARTITION_KEY)
            {
                continue;
            }
            let consumers: Vec<usize> = w.out(q).map(|(_, v)| v).collect();
            let instances: u32 = consumers.iter().map(|&c| w.comp(c).replicas).sum();
            if instances > 1 && seen.insert(q) {
                let c = w.comp(q);
                out.push(
                    Hit::new(
                        Severity::Medium,
                        vec![c.id.clone()],
                        format!(
                            "messages about `{}` must stay in order, but `{}` spreads them over {instances} consumer instances with no partition key",
                            e.id, c.id
                        ),
                        format!("partition `{}` by the {} id so one consumer sees each key in order", c.id, e.id),
                    )
                    .fix(Edit::SetProp {
                        component: c.id.clone(),
                        prop: "partition_key".into(),
                        value: PropValue::Str(format!("{}_id", e.id.trim_end_matches('s'))),
                    }),
                );
            }
        }
    }
    out
}

fn requirement(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for (answer, r) in &w.ctx.requirements {
        for i in 0..w.design.components.len() {
            let matches = w.comp(i).kind == r.on || w.kinds[i].is_some_and(|k| k.answers_to(&r.on));
            if !matches {
                continue;
            }
            let ok = w.prop(i, &r.prop).as_deref() == Some(r.value.to_string().as_str());
            if ok {
                continue;
            }
            let c = w.comp(i);
            out.push(
                Hit::new(
                    Severity::High,
                    vec![c.id.clone()],
                    format!(
                        "your answer `{answer}` needs `{}: {}` on `{}`: {}",
                        r.prop,
                        r.value,
                        c.id,
                        r.why.trim()
                    ),
                    format!("set `{}: {}` on `{}`", r.prop, r.value, c.id),
                )
                .fix(Edit::SetProp {
                    component: c.id.clone(),
                    prop: r.prop.clone(),
                    value: r.value.clone(),
                }),
            );
        }
    }
    out
}
