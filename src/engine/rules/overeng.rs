//! Complexity the context does not pay for.

use super::{Hit, Rule};
use crate::engine::cost::{monthly_cost, ops_hours, regions, totals};
use crate::engine::policy;
use crate::engine::report::FindingCategory;
use crate::engine::world::World;
use crate::model::Edit;
use crate::model::Severity;
use crate::model::num::fmt;
use crate::model::{Measure, PropValue, Role, props};
use std::collections::BTreeSet;

pub const UNJUSTIFIED: Rule = Rule {
    id: "unjustified-component",
    category: FindingCategory::OverEngineering,
    title: "A component the numbers do not call for",
    story: "Kafka for three thousand emails a day, Kubernetes for two engineers, a service mesh for four \
services: each is the right tool at some scale and a monthly tax below it. The team pays in on-call, \
upgrades and cognitive load long before the traffic arrives. Every component must be justified by the \
load, data, team or availability the system actually has.",
    check: unjustified,
    source: file!(),
};

pub const MULTI_REGION: Rule = Rule {
    id: "multi-region-unjustified",
    category: FindingCategory::OverEngineering,
    title: "Several regions below the target that needs them",
    story: "Running in several regions multiplies cost and brings replication lag, failover drills and \
data residency questions. Below about 99.95% availability one region with several zones meets the \
target for a fraction of the effort.",
    check: multi_region,
    source: file!(),
};

pub const TOO_MANY_SERVICES: Rule = Rule {
    id: "too-many-services",
    category: FindingCategory::OverEngineering,
    title: "More services than the team can own",
    story: "Each deployable service needs its own pipeline, alerts, on-call knowledge and version \
compatibility. Past about one service per engineer (plus one) on a small team, the team spends its week keeping services \
talking to each other instead of building the product. A modular monolith splits later, when a team \
boundary asks for it.",
    check: services,
    source: file!(),
};

pub const TOO_MANY_PLATFORMS: Rule = Rule {
    id: "too-many-platforms",
    category: FindingCategory::OverEngineering,
    title: "More self-run platforms than people",
    story: "Every database, broker and search cluster a team runs itself is one more thing to upgrade, \
back up, tune and be paged for. A small team that runs five platforms is an operations team that \
occasionally ships features.",
    check: platforms,
    source: file!(),
};

pub const IDLE_REPLICAS: Rule = Rule {
    id: "idle-replicas",
    category: FindingCategory::OverEngineering,
    title: "More replicas than the load and the target need",
    story: "Replicas are bought for two reasons: to survive losing one, and to carry the peak. Two \
(three for a store, where a quorum elects the leader, or for a four-nines target) cover the first; the second is \
arithmetic. Instances beyond both sit idle at the busiest minute of the year and are paid for every \
month; autoscaling or a smaller fleet gives the money back.",
    check: idle_replicas,
    source: file!(),
};

pub const OPS_OVER_CAPACITY: Rule = Rule {
    id: "ops-over-capacity",
    category: FindingCategory::OverEngineering,
    title: "More operations work than the team has hours",
    story: "Operations hours are a budget like money. When the design needs more hours of patching, \
failover testing and incident work than the team can give, the work is skipped, and skipped \
operations work becomes the next outage.",
    check: ops,
    source: file!(),
};

pub const OVER_BUDGET: Rule = Rule {
    id: "over-budget",
    category: FindingCategory::OverEngineering,
    title: "Costs more than the budget",
    story: "A design the business cannot pay for is not a design. Infrastructure cost creeps in through \
managed tiers, replicas in every region and clusters sized for tomorrow's traffic.",
    check: budget,
    source: file!(),
};

/// When the component's job pays off: its role's own figures where the
/// catalog gives them (a Redis job queue is not judged as a cache), else its
/// kind's.
fn justification<'k>(
    w: &World,
    i: usize,
    k: &'k crate::model::Kind,
) -> &'k crate::model::catalog::Justification {
    w.role(i)
        .and_then(|r| k.role_spec(r))
        .and_then(|s| s.justified_when.as_ref())
        .unwrap_or(&k.justified_when)
}

/// Today's value of a measure for component `i`.
fn today(w: &World, i: usize, m: Measure) -> f64 {
    let c = &w.ctx;
    match m {
        Measure::PeakRps => c.peak_rps,
        Measure::WriteRps => c.write_rps,
        Measure::EventsPerSec => c.peak_events_per_sec,
        Measure::DataGb => c.data_gb,
        Measure::Users => c.users,
        Measure::Engineers => c.engineers,
        Measure::Consumers => f64::from(w.consumers(i)),
        Measure::Availability => c.availability,
    }
}

/// The kind's thresholds with today's value of each: (measure, needed,
/// have); any one met justifies it.
fn thresholds(w: &World, i: usize) -> Vec<(Measure, f64, f64)> {
    let Some(k) = w.kinds[i] else {
        return Vec::new();
    };
    justification(w, i, k)
        .thresholds()
        .into_iter()
        .map(|(m, need)| (m, need, own_or_today(w, i, m, need)))
        .collect()
}

/// Today's value of a rate, or the component's own share of it where the
/// design's flows say so and that share is a small fraction of what
/// justifies the kind: a search cluster that a back office queries twice a
/// second is not justified by the shop's traffic.
fn own_or_today(w: &World, i: usize, m: Measure, need: f64) -> f64 {
    let all = today(w, i, m);
    if all < need {
        return all;
    }
    if matches!(m, Measure::DataGb) {
        return match own_data(w, i) {
            Some(own) => own.min(all),
            // A component that serves a sliver of the requests is a side
            // part of the system: nothing says the bulk of its data is in
            // it, and the design has not sized what is.
            None if sliver(w, i) => 0.0,
            None => all,
        };
    }
    if !matches!(m, Measure::PeakRps) {
        return all;
    }
    let Some(own) = own_load(w, i) else {
        return all;
    };
    if own > 0.0 && own < policy::OWN_LOAD_SHARE * need {
        own
    } else {
        all
    }
}

/// True when every flow is declared and the component carries some of
/// their requests, but under [`policy::OWN_LOAD_SHARE`] of the system's peak.
fn sliver(w: &World, i: usize) -> bool {
    own_load(w, i).is_some_and(|own| own > 0.0 && own < policy::OWN_LOAD_SHARE * w.ctx.peak_rps)
}

/// The requests and writes a second the design's flows route to component
/// `i`, where every flow is declared (nothing inferred): otherwise what it
/// carries of its own is unknown.
fn own_load(w: &World, i: usize) -> Option<f64> {
    if w.flows.is_empty() || w.flows.iter().any(|f| f.inferred) {
        return None;
    }
    Some(w.load.get(&i).map_or(0.0, |(r, wr)| r + wr))
}

/// The data a component keeps, in GB, where the design sizes its entities:
/// the sized entities it stores or caches, plus what the system's total
/// leaves for the unsized ones. None when it keeps no entity or no entity
/// has a size (the system's total is then all there is to go on): 150 TB
/// of video in object storage does not justify the ring holding counters.
fn own_data(w: &World, i: usize) -> Option<f64> {
    let entities = &w.ctx.entities;
    if entities.iter().all(|e| e.data_gb.is_none()) {
        return None;
    }
    let kept: Vec<&crate::model::Entity> = entities
        .iter()
        .filter(|e| w.comp(i).stores.contains(&e.id) || w.cache_holds(i, &e.id))
        .collect();
    if kept.is_empty() {
        return None;
    }
    let sized: f64 = entities.iter().filter_map(|e| e.data_gb).sum();
    let rest = (w.ctx.data_gb - sized).max(0.0);
    let own = kept.iter().map(|e| e.data_gb.unwrap_or(0.0)).sum::<f64>()
        + if kept.iter().any(|e| e.data_gb.is_none()) {
            rest
        } else {
            0.0
        };
    Some(own)
}

/// The thresholds that justify the kind only all together, with today's
/// values.
fn together(w: &World, i: usize) -> Vec<(Measure, f64, f64)> {
    let Some(k) = w.kinds[i] else {
        return Vec::new();
    };
    justification(w, i, k)
        .together()
        .into_iter()
        .map(|(m, need)| (m, need, today(w, i, m)))
        .collect()
}

/// True when the context meets any of the kind's thresholds, or all of its
/// `together` ones (or it has none).
pub fn justified(w: &World, i: usize) -> bool {
    let t = thresholds(w, i);
    let g = together(w, i);
    (t.is_empty() && g.is_empty())
        || t.iter().any(|(_, need, have)| have >= need)
        || (!g.is_empty() && g.iter().all(|(_, need, have)| have >= need))
}

fn unjustified(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for i in 0..w.design.components.len() {
        let Some(k) = w.kinds[i] else { continue };
        if k.is(Role::Client) || justified(w, i) {
            continue;
        }
        let c = w.comp(i);
        let cost = monthly_cost(w, i);
        let hours = ops_hours(w, i);
        let severity = if hours >= policy::UNJUSTIFIED_HIGH_OPS_HOURS
            || cost >= policy::UNJUSTIFIED_HIGH_COST
        {
            Severity::High
        } else if hours >= policy::UNJUSTIFIED_MEDIUM_OPS_HOURS
            || cost >= policy::UNJUSTIFIED_MEDIUM_COST
        {
            Severity::Medium
        } else {
            Severity::Low
        };
        let t = thresholds(w, i);
        let g = together(w, i);
        let have: Vec<String> = t
            .iter()
            .chain(&g)
            .map(|(m, _, h)| {
                let all = today(w, i, *m);
                // Its own share, said as such: the system's figure is larger.
                if matches!(m, Measure::DataGb) && *h == 0.0 && own_data(w, i).is_none() {
                    format!(
                        "no data the design sizes as its own (the system: {}; say how much it keeps with `data_gb` on its entities)",
                        m.phrase(all)
                    )
                } else if *h < all {
                    format!(
                        "{} of its own (the system: {})",
                        m.phrase(*h),
                        m.phrase(all)
                    )
                } else {
                    m.phrase(*h)
                }
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut need: Vec<String> = t.iter().map(|(m, need, _)| m.phrase(*need)).collect();
        if !g.is_empty() {
            let all: Vec<String> = g.iter().map(|(m, need, _)| m.phrase(*need)).collect();
            need.push(all.join(" with "));
        }
        // Prefer an alternative the design already runs: then the fix is to
        // drop this component and lean on that one.
        let spec = w.role(i).and_then(|r| k.role_spec(r));
        let alternatives = spec
            .and_then(|s| s.alternatives.as_ref())
            .unwrap_or(&k.alternatives);
        let present = alternatives
            .iter()
            .find(|a| *a != &k.id && w.design.components.iter().any(|c| c.kind == **a))
            .cloned();
        let alt = alternatives
            .iter()
            .find(|a| *a != &k.id && w.catalog.get(a).is_some())
            .cloned();
        let note = spec
            .and_then(|s| s.alternative_note.clone())
            .or_else(|| k.alternative_note.clone())
            .unwrap_or_else(|| match &alt {
                Some(a) => format!("a {a} does this at this size"),
                None => "leave it out until the numbers call for it".into(),
            });
        let why = justification(w, i, k)
            .why
            .as_deref()
            .map(|s| format!(" ({})", s.trim_end_matches('.')))
            .unwrap_or_default();
        let fix = match (&present, &alt) {
            (Some(_), _) => Edit::Remove {
                component: c.id.clone(),
            },
            (None, Some(a)) => Edit::SwapKind {
                component: c.id.clone(),
                kind: a.clone(),
            },
            (None, None) => Edit::Remove {
                component: c.id.clone(),
            },
        };
        out.push(
            Hit::new(
                severity,
                vec![c.id.clone()],
                format!(
                    "`{}` ({}) at {}; it pays off from {}{why}. It costs ~${}/month and ~{} h of operations a month",
                    c.id,
                    c.kind,
                    have.join(", "),
                    need.join(" or "),
                    fmt(cost),
                    fmt(hours)
                ),
                format!("{note}: {fix}"),
            )
            .fix(fix),
        );
    }
    out
}

fn multi_region(w: &World) -> Vec<Hit> {
    if w.ctx.availability >= policy::MULTI_REGION_MIN_AVAILABILITY {
        return Vec::new();
    }
    (0..w.design.components.len())
        .filter(|&i| regions(w, i) > 1.0)
        .map(|i| {
            let c = w.comp(i);
            let r = regions(w, i);
            Hit::new(
                if r >= policy::MULTI_REGION_HIGH {
                    Severity::High
                } else {
                    Severity::Medium
                },
                vec![c.id.clone()],
                format!(
                    "`{}` runs in {} regions for a {}% target; one region with several zones meets it, and regions multiply its cost to ~${}/month",
                    c.id,
                    fmt(r),
                    w.ctx.availability,
                    fmt(monthly_cost(w, i))
                ),
                "run it in one region across zones; add regions when the target passes 99.95% or users are far away",
            )
            .fix(Edit::SetProp {
                component: c.id.clone(),
                prop: props::REGIONS.into(),
                value: PropValue::Int(1),
            })
        })
        .collect()
}

fn services(w: &World) -> Vec<Hit> {
    let svc: Vec<usize> = (0..w.design.components.len())
        .filter(|&i| w.kinds[i].is_some_and(|k| k.deployable))
        .collect();
    // One service per engineer plus one, or one and a half each on larger
    // teams: past that, keeping services talking eats the week.
    let e = w.ctx.engineers;
    let limit = (e + 1.0).max(policy::SERVICES_PER_ENGINEER * e);
    let n = svc.len() as f64;
    let per = n / e;
    if n <= limit {
        return Vec::new();
    }
    vec![Hit::new(
        if n > policy::OVERRUN_HIGH_FACTOR * limit {
            Severity::High
        } else {
            Severity::Medium
        },
        w.ids(svc.iter().copied()),
        format!(
            "{} deployable services for {} engineers ({} each); each needs its own pipeline, alerts and on-call knowledge",
            svc.len(),
            fmt(w.ctx.engineers),
            fmt(per)
        ),
        "merge services that deploy together into one modular app; split when a team boundary asks for it",
    )]
}

fn platforms(w: &World) -> Vec<Hit> {
    let mut kinds: BTreeSet<&str> = BTreeSet::new();
    let mut comps = Vec::new();
    for i in 0..w.design.components.len() {
        let Some(k) = w.kinds[i] else { continue };
        let c = w.comp(i);
        // Something to run: it keeps state, or it is a platform, or it is
        // the queue, stream or search engine of the design.
        let platform = k.stateful
            || k.is(Role::Platform)
            || matches!(w.role(i), Some(Role::Stream | Role::Queue | Role::Search));
        if c.managed || k.deployable || k.highly_available || !platform {
            continue;
        }
        if k.is(Role::Client) || k.is(Role::Provider) {
            continue;
        }
        if kinds.insert(k.id.as_str()) {
            comps.push(i);
        }
    }
    let limit = w.ctx.engineers + 1.0;
    if (kinds.len() as f64) <= limit {
        return Vec::new();
    }
    vec![Hit::new(
        Severity::Medium,
        w.ids(comps.iter().copied()),
        format!(
            "the team runs {} platforms itself ({}) with {} engineers; each needs upgrades, backups and someone who knows it at 3am",
            kinds.len(),
            kinds.iter().copied().collect::<Vec<_>>().join(", "),
            fmt(w.ctx.engineers)
        ),
        "buy the stateful pieces managed, or fold them into the database you already run",
    )]
}

/// The three components that contribute most to a total, largest first.
fn biggest(w: &World, per: fn(&World, usize) -> f64) -> Vec<(usize, f64)> {
    let mut all: Vec<(usize, f64)> = (0..w.design.components.len())
        .map(|i| (i, per(w, i)))
        .filter(|(_, v)| *v > 0.0)
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1));
    all.truncate(3);
    all
}

fn ops(w: &World) -> Vec<Hit> {
    let (_, hours) = totals(w);
    let have = w.ctx.team_ops_hours;
    if hours <= have {
        return Vec::new();
    }
    let top = biggest(w, ops_hours);
    let named: Vec<String> = top
        .iter()
        .map(|(i, h)| format!("`{}` {} h", w.comp(*i).id, fmt(*h)))
        .collect();
    vec![Hit::new(
        if hours > policy::OVERRUN_HIGH_FACTOR * have {
            Severity::High
        } else {
            Severity::Medium
        },
        w.ids(top.iter().map(|(i, _)| *i)),
        format!(
            "the design needs ~{} h of operations a month and the team can give ~{} h; the biggest are {}",
            fmt(hours),
            fmt(have),
            named.join(", ")
        ),
        "buy the heaviest pieces managed or remove the ones the numbers do not call for",
    )]
}

fn budget(w: &World) -> Vec<Hit> {
    let Some(b) = w.ctx.budget else {
        return Vec::new();
    };
    let (cost, _) = totals(w);
    if cost <= b {
        return Vec::new();
    }
    let top = biggest(w, monthly_cost);
    let named: Vec<String> = top
        .iter()
        .map(|(i, c)| format!("`{}` ${}", w.comp(*i).id, fmt(*c)))
        .collect();
    vec![Hit::new(
        if cost > policy::OVERRUN_HIGH_FACTOR * b {
            Severity::High
        } else {
            Severity::Medium
        },
        w.ids(top.iter().map(|(i, _)| *i)),
        format!(
            "~${}/month against a ${}/month budget; the biggest items are {}",
            fmt(cost),
            fmt(b),
            named.join(", ")
        ),
        "drop what the numbers do not call for first, then right-size replicas and managed tiers",
    )]
}

fn idle_replicas(w: &World) -> Vec<Hit> {
    let mut out = Vec::new();
    for i in 0..w.design.components.len() {
        let Some(k) = w.kinds[i] else { continue };
        let c = w.comp(i);
        if k.capacity.is_none() || k.is(Role::Client) || c.replicas < 3 {
            continue;
        }
        // Consensus-replicated kinds and four-nines targets want a third copy.
        let quorum = k
            .props
            .get(props::FAILOVER)
            .and_then(|p| p.default.as_ref())
            .is_some_and(|d| d.to_string() == props::failover::AUTOMATIC);
        let floor = if quorum || k.stateful || w.ctx.availability >= policy::QUORUM_AVAILABILITY {
            3
        } else {
            2
        };
        // No load on any critical flow: the model cannot tell what it carries.
        if w.utilisation(i) <= 0.0 {
            continue;
        }
        // Sized for half its capacity at peak, which leaves room for a lost
        // instance and a bad day; only a fleet twice that size is flagged.
        let Some(needed) = w
            .replicas_for(i, policy::RIGHT_SIZED_UTILISATION)
            .map(|n| n.max(floor))
        else {
            continue;
        };
        if c.replicas < needed * 2 {
            continue;
        }
        let per = monthly_cost(w, i) / f64::from(c.replicas);
        let saved = per * f64::from(c.replicas - needed);
        // A saving too small to matter against the budget is not worth a
        // reviewer's breath.
        let material = w.ctx.budget.map_or(policy::MIN_IDLE_SAVING, |b| {
            (b * policy::IDLE_SAVING_BUDGET_SHARE).max(policy::MIN_IDLE_SAVING)
        });
        if saved < material {
            continue;
        }
        let at = |m: u32| fmt((w.utilisation_at(i, m) * 100.0).round());
        let fix = Edit::SetReplicas {
            component: c.id.clone(),
            replicas: needed,
        };
        out.push(
            Hit::new(
                Severity::Low,
                vec![c.id.clone()],
                format!(
                    "`{}` runs {} replicas at {}% at peak; {needed} would carry the peak at {}% and survive losing one, saving ~${}/month",
                    c.id,
                    c.replicas,
                    at(c.replicas),
                    at(needed),
                    fmt(saved.round())
                ),
                format!("{fix}, or scale it with the load instead of for the peak"),
            )
            .fix(fix),
        );
    }
    out
}
