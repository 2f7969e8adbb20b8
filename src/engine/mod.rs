//! The judgement engine: (design, context, catalog) -> report. Pure: no
//! terminal, no files, no clock. Every verdict the TUI shows comes from here.

pub mod availability;
pub mod context;
pub mod cost;
pub mod diff;
pub mod discovery;
pub mod interview;
pub mod modelling;
pub mod policy;
pub mod price;
pub mod report;
pub mod rules;
pub mod score;
pub mod verdict;
pub mod world;

use crate::model::{Catalog, Design, FlowStatus, Pack, StageRef};
use report::{AcceptedFinding, ContextSummary, Finding, FlowImpact, Metrics, Report};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use world::World;

/// What to judge and under which conditions.
#[derive(Debug, Clone, Default)]
pub struct AnalysisOptions {
    /// Judge at this stage instead of the design's own.
    pub stage: Option<StageRef>,
    /// Multiply every load figure.
    pub spike: Option<f64>,
    /// Component ids, kind ids or categories that are down.
    pub fail: Vec<String>,
    /// Report a drill outcome even when nothing fails and nothing spikes: a
    /// pack's drill may only move the design to another stage.
    pub drill: bool,
}

/// Judges `design`. `pack` is the design's scenario pack, if it names one.
pub fn analyze(
    design: &Design,
    catalog: &Catalog,
    pack: Option<&Pack>,
    opts: &AnalysisOptions,
) -> Report {
    if let Some(world) = plain_world(design, catalog, pack, opts) {
        let mut report = judge(&world, pack);
        report.context.figures = context::figures(design, pack, opts.stage.as_ref(), &world.ctx);
        return report;
    }
    let mut ctx = context::resolve(design, pack, opts.stage.as_ref());
    if let Some(x) = opts.spike
        && x.is_finite()
        && x > 0.0
    {
        ctx.spike(x);
    }
    let figures = context::figures(design, pack, opts.stage.as_ref(), &ctx);
    let named = failed_set(design, catalog, &opts.fail);
    // The healthy design at the same load: its flows are the ones to judge.
    let baseline = World::new(design, catalog, ctx.clone(), HashSet::new());
    // "Redis dies" takes down an instance: a component with a replica that
    // takes over survives, and the drill says so. An external provider is
    // not an instance of ours: "the payment gateway is down" is its outage,
    // however available it is as bought.
    let survivors: BTreeSet<usize> = named
        .iter()
        .copied()
        .filter(|&i| baseline.is_redundant(i) && !is_external(&baseline, i))
        .collect();
    let failed: HashSet<usize> = named
        .iter()
        .copied()
        .filter(|i| !survivors.contains(i))
        .collect();
    let world = World::with_flows(
        design,
        catalog,
        ctx,
        failed.clone(),
        Some(baseline.flow_defs()),
    );
    let mut report = judge(&world, pack);
    report.context.figures = figures;
    report.drill = Some(report::DrillOutcome {
        failed: world.ids(failed.iter().copied().collect::<BTreeSet<_>>()),
        survived: world.ids(survivors),
        absent: opts
            .fail
            .iter()
            .filter(|n| failed_set(design, catalog, std::slice::from_ref(n)).is_empty())
            .cloned()
            .collect(),
        spike: opts.spike.unwrap_or(1.0),
        flows: drill_flows(&baseline, &world),
    });
    report
}

/// [`analyze`], then prices every fix the findings propose (re-running the
/// engine once per distinct edit). For reports people read, not for keystrokes.
pub fn analyze_with_fixes(
    design: &Design,
    catalog: &Catalog,
    pack: Option<&Pack>,
    opts: &AnalysisOptions,
) -> Report {
    // The plain judgement keeps its world: fixes that leave the world as it
    // is (replicas, props other than a hit ratio) are priced on it.
    if let Some(world) = plain_world(design, catalog, pack, opts) {
        let mut report = judge(&world, pack);
        report.context.figures = context::figures(design, pack, opts.stage.as_ref(), &world.ctx);
        report.fixes = price::price_with(design, catalog, pack, opts, &report, Some(&world));
        return report;
    }
    let mut report = analyze(design, catalog, pack, opts);
    report.fixes = price::price(design, catalog, pack, opts, &report);
    report
}

/// The world [`analyze`] judges when `opts` asks for the design as it is
/// (nothing named fails, no spike, no drill); `None` for a drill.
fn plain_world<'a>(
    design: &'a Design,
    catalog: &'a Catalog,
    pack: Option<&Pack>,
    opts: &AnalysisOptions,
) -> Option<World<'a>> {
    if opts.spike.is_some() || opts.drill || !failed_set(design, catalog, &opts.fail).is_empty() {
        return None;
    }
    let ctx = context::resolve(design, pack, opts.stage.as_ref());
    Some(World::new(design, catalog, ctx, HashSet::new()))
}

/// The conditions of `pack`'s drill `id`: its failures, its spike and its
/// stage. An error names the drills that exist, or says what the drill lacks.
pub fn drill_options(pack: &Pack, id: &str) -> Result<AnalysisOptions, Box<crate::model::Problem>> {
    let ids = || {
        pack.drills
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(d) = pack.drills.iter().find(|d| d.id == id) else {
        return Err(Box::new(
            crate::model::Problem::error("", format!("scenario `{}` has no drill `{id}`", pack.id))
                .hint(if pack.drills.is_empty() {
                    "this scenario has no drills".to_string()
                } else {
                    format!("its drills: {}", ids())
                }),
        ));
    };
    if d.fail.is_empty() && d.spike.is_none() && d.stage.is_none() {
        return Err(Box::new(crate::model::Problem::error(
            "",
            format!(
                "drill `{id}` of scenario `{}` sets no `fail`, `spike` or `stage`: there is nothing to run",
                pack.id
            ),
        )
        .hint("add one to the drill in pack.yaml, or run --fail NAME / --spike X yourself")));
    }
    Ok(AnalysisOptions {
        stage: d.stage.as_ref().map(|s| StageRef::Id(s.clone())),
        spike: d.spike,
        fail: d.fail.clone(),
        drill: true,
    })
}

/// Components matched by drill names: component ids, kind ids or categories.
pub fn failed_set(design: &Design, catalog: &Catalog, names: &[String]) -> HashSet<usize> {
    let mut out = HashSet::new();
    for n in names {
        for (i, c) in design.components.iter().enumerate() {
            let k = catalog.get(&c.kind);
            if c.id == *n || c.kind == *n || k.is_some_and(|k| k.answers_to(n)) {
                out.insert(i);
            }
        }
    }
    out
}

/// True when component `i` is someone else's service.
fn is_external(w: &World, i: usize) -> bool {
    w.plays(i, crate::model::Role::Provider)
}

/// What a drill does to each critical flow: a flow that cannot reach a
/// target on the healthy design is broken whatever the drill; one that
/// loses its way to a target is broken (someone waits on it) or delayed (a durable buffer holds
/// the work); one whose path holds an over-capacity component is degraded
/// (users wait) or delayed (a backlog grows), as the `over-capacity` rule
/// judges the same component.
fn drill_flows(base: &World, now: &World) -> Vec<FlowImpact> {
    base.flows
        .iter()
        .zip(&now.flows)
        .map(|(b, n)| {
            // A flow that cannot reach a target on the healthy design is
            // broken before the drill starts, as the critique says
            // (`unreachable-target`); the drill cannot make it "ok".
            let never: Vec<String> = b
                .groups
                .iter()
                .filter(|g| g.reachable.is_empty())
                .map(|g| format!("`{}`", g.target))
                .collect();
            if !never.is_empty() {
                return FlowImpact {
                    flow: b.flow.id.clone(),
                    status: FlowStatus::Broken,
                    detail: format!(
                        "does not work even before the drill: nothing reaches {}",
                        never.join(", ")
                    ),
                };
            }
            let lost: Vec<&str> = b
                .groups
                .iter()
                .zip(&n.groups)
                .filter(|(bg, ng)| !bg.reachable.is_empty() && ng.reachable.is_empty())
                .map(|(bg, _)| bg.target.as_str())
                .collect();
            let culprits: Vec<usize> = now
                .failed
                .iter()
                .copied()
                .filter(|c| b.on_path.contains(c))
                .collect();
            let blocking = culprits.iter().any(|c| b.sync_reach.contains(c))
                && b.flow.mode != crate::model::FlowMode::Async;
            // Only a buffer the critique calls durable holds work while its
            // consumer is down; anything else loses what was in flight.
            let mut holders: Vec<usize> = n
                .on_path
                .iter()
                .copied()
                .filter(|&i| !now.failed.contains(&i) && now.is_buffer(i))
                .collect();
            holders.sort_unstable();
            let overloaded: Vec<usize> = b
                .on_path
                .iter()
                .copied()
                .filter(|&i| {
                    !now.failed.contains(&i) && now.utilisation(i) > policy::OVERLOAD_UTILISATION
                })
                .collect();
            let (status, detail) = if lost.is_empty() && !overloaded.is_empty() {
                let waited: Vec<usize> = overloaded
                    .iter()
                    .copied()
                    .filter(|&c| b.sync_reach.contains(&c) && now.waited_on(c))
                    .collect();
                let mut sorted = overloaded.clone();
                sorted.sort_by(|&a, &c| now.comp(a).id.cmp(&now.comp(c).id));
                // How far over says whether it is a slow afternoon or an outage.
                let names = sorted
                    .iter()
                    .map(|&c| {
                        format!(
                            "`{}` ({}%)",
                            now.comp(c).id,
                            crate::model::num::fmt((now.utilisation(c) * 100.0).round())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                if !waited.is_empty() && b.flow.mode != crate::model::FlowMode::Async {
                    (
                        FlowStatus::Degraded,
                        format!("over capacity at {names}; users see slow answers and timeouts"),
                    )
                } else {
                    (
                        FlowStatus::Delayed,
                        format!("over capacity at {names}; a backlog grows there"),
                    )
                }
            } else if lost.is_empty() {
                let mut culprits = base.ids(culprits.iter().copied());
                culprits.sort();
                if culprits.is_empty() {
                    (FlowStatus::Ok, "untouched".to_string())
                } else {
                    (
                        FlowStatus::Ok,
                        format!(
                            "survives losing {} through another path",
                            rules::list(&culprits)
                        ),
                    )
                }
            } else {
                let mut names = base.ids(culprits.iter().copied());
                names.sort();
                let held = base.ids(holders.iter().copied());
                let (st, tail) = if blocking {
                    (FlowStatus::Broken, "; users see errors".to_string())
                } else if held.is_empty() {
                    (
                        FlowStatus::Broken,
                        "; nothing durable holds the work, so what was in flight is lost"
                            .to_string(),
                    )
                } else {
                    (
                        FlowStatus::Delayed,
                        format!("; work waits in {} until it is back", rules::list(&held)),
                    )
                };
                (
                    st,
                    format!(
                        "cannot reach {} without {}{tail}",
                        lost.iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        rules::list(&names),
                    ),
                )
            };
            FlowImpact {
                flow: b.flow.id.clone(),
                status,
                detail,
            }
        })
        .collect()
}

/// The open and the accepted findings of every rule on `world`, open ones
/// worst first (then by rule order).
fn findings(world: &World) -> (Vec<Finding>, Vec<AcceptedFinding>) {
    let design = world.design;
    let mut open = Vec::new();
    let mut accepted = Vec::new();
    for rule in rules::RULES {
        for hit in (rule.check)(world) {
            let finding = Finding {
                rule: rule.id.to_string(),
                category: rule.category,
                severity: hit.severity,
                components: hit.components,
                message: hit.message,
                suggestion: hit.suggestion,
                fix: hit.fix,
            };
            match design.accepted.iter().find(|a| {
                a.rule == finding.rule
                    && (a.components.is_empty()
                        || finding.components.iter().all(|c| a.components.contains(c))
                            && !finding.components.is_empty())
            }) {
                Some(a) => accepted.push(AcceptedFinding {
                    finding,
                    reason: a.reason.clone(),
                }),
                None => open.push(finding),
            }
        }
    }
    // Worst first, then by rule order (stable).
    open.sort_by_key(|f| std::cmp::Reverse(f.severity));
    (open, accepted)
}

/// What pricing a fix reads of a judgement: the scores (without discovery,
/// which no edit of components changes) and the monthly cost, rounded as
/// the report rounds it. The same numbers [`judge`] reports, without
/// building the rest of the report.
fn priced_numbers(world: &World) -> (report::Scores, f64) {
    let (open, _) = findings(world);
    let scores = score::scores(&open, world.coverage());
    (scores, cost::totals(world).0.round())
}

fn judge(world: &World, pack: Option<&Pack>) -> Report {
    let design = world.design;
    let (open, accepted) = findings(world);
    let (cost, hours) = cost::totals(world);
    let mut spofs: BTreeSet<String> = BTreeSet::new();
    for f in open.iter().chain(accepted.iter().map(|a| &a.finding)) {
        if f.category == report::FindingCategory::Spof {
            spofs.extend(f.components.iter().cloned());
        }
    }
    let utilisation: BTreeMap<String, f64> = (0..design.components.len())
        .filter(|i| world.kinds[*i].is_some_and(|k| k.capacity.is_some()))
        .map(|i| {
            (
                world.comp(i).id.clone(),
                (world.utilisation(i) * 1000.0).round() / 1000.0,
            )
        })
        .collect();
    let components = (0..design.components.len())
        .map(|i| {
            let c = world.comp(i);
            report::ComponentSummary {
                id: c.id.clone(),
                kind: c.kind.clone(),
                role: world.role(i).map(|r| r.to_string()),
                monthly_cost_usd: cost::monthly_cost(world, i).round(),
                ops_hours_per_month: (cost::ops_hours(world, i) * 10.0).round() / 10.0,
                utilisation: utilisation.get(&c.id).copied(),
                availability: availability::component(world, i).combined,
                consumers: world.consumers(i),
            }
        })
        .collect();
    let services = (0..design.components.len())
        .filter(|&i| world.kinds[i].is_some_and(|k| k.deployable))
        .count();
    let mut scores = score::scores(&open, world.coverage());
    scores.discovery = pack.and_then(|p| discovery::score(design, p).map(|d| d.score));
    Report {
        scores,
        findings: open,
        metrics: Metrics {
            monthly_cost_usd: cost.round(),
            ops_hours_per_month: (hours * 10.0).round() / 10.0,
            spofs: spofs.into_iter().collect(),
            utilisation,
            team_ops_hours_per_month: world.ctx.team_ops_hours,
            services,
        },
        accepted,
        context: summary(world),
        components,
        blast_radius: blast_radius(world),
        flows: world
            .flows
            .iter()
            .map(|f| report::FlowSummary {
                id: f.flow.id.clone(),
                title: f.flow.title.clone(),
                inferred: f.inferred,
                components: world.ids(f.on_path.iter().copied()),
            })
            .collect(),
        availability: availability::flows(world).to_vec(),
        discovery: pack.and_then(|p| discovery::score(design, p)),
        fixes: Vec::new(),
        drill: None,
    }
}

fn summary(w: &World) -> ContextSummary {
    let c = &w.ctx;
    ContextSummary {
        scenario: c.scenario.clone(),
        stage: c.stage.clone(),
        users: c.users,
        peak_rps: c.peak_rps,
        write_rps: c.write_rps,
        events_per_sec: (c.peak_events_per_sec * 1000.0).round() / 1000.0,
        data_gb: c.data_gb,
        engineers: c.engineers,
        budget_usd_per_month: c.budget,
        availability: c.availability,
        assumptions: c
            .assumptions
            .iter()
            .chain(&w.role_assumptions)
            .cloned()
            .collect(),
        figures: Vec::new(),
    }
}

/// For each component, the flows that break or wait when it fails: those whose
/// every path to some target passes through it.
fn blast_radius(w: &World) -> BTreeMap<String, Vec<FlowImpact>> {
    let mut out: BTreeMap<String, Vec<FlowImpact>> = BTreeMap::new();
    for f in &w.flows {
        let mut hit: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for g in &f.groups {
            for &c in &g.must_pass {
                if !w.is_client(c) {
                    hit.entry(c).or_default().push(g.target.as_str());
                }
            }
        }
        for (c, targets) in hit {
            let broken = f.sync_reach.contains(&c) && f.flow.mode != crate::model::FlowMode::Async;
            out.entry(w.comp(c).id.clone())
                .or_default()
                .push(FlowImpact {
                    flow: f.flow.id.clone(),
                    status: if broken {
                        FlowStatus::Broken
                    } else {
                        FlowStatus::Delayed
                    },
                    detail: every_path_to(&targets),
                });
        }
    }
    out
}

/// `every path to `a`, `b` passes through it`, written in one string: a
/// component in front of a large design lists thousands of targets.
fn every_path_to(targets: &[&str]) -> String {
    let mut detail = String::from("every path to ");
    for (k, t) in targets.iter().enumerate() {
        if k > 0 {
            detail.push_str(", ");
        }
        detail.push('`');
        detail.push_str(t);
        detail.push('`');
    }
    detail.push_str(" passes through it");
    detail
}
