//! ADR-style records of the key decisions in a design, derived from data
//! only: the pack's prompt options (consequence, reasoning, risk by stage,
//! effects) and the catalog's figures (alternatives, `justified_when`
//! thresholds, capacity, cost). No kind is named in code.

use super::Subject;
use super::markdown::{code, md};
use crate::engine::report::{Finding, Report};

use crate::model::num::fmt;
use crate::model::{
    Category, Component, Consistency, Context, Kind, Measure, Prompt, PromptOption, Severity,
};

/// One decision record; every string is already Markdown-safe.
#[derive(Debug, Clone, PartialEq)]
pub struct Adr {
    pub title: String,
    /// Heading of the `gained` list.
    pub gained_heading: &'static str,
    pub context: String,
    pub decision: String,
    pub gained: Vec<String>,
    pub lost: Vec<String>,
    pub reversibility: String,
    pub revisit: Vec<String>,
}

/// A later stage of the pack and the design's report there.
pub struct Later<'a> {
    pub id: &'a str,
    pub context: Context,
    pub report: Report,
}

/// Records for every answered prompt, then every stateful, queue or stream
/// component.
pub fn records(s: &Subject<'_>, later: &[Later<'_>]) -> Vec<Adr> {
    let mut out = Vec::new();
    if let Some(pack) = s.pack {
        for p in &pack.prompts {
            let Some(chosen) = s.design.answers.get(&p.id) else {
                continue;
            };
            if let Some(opt) = p.options.iter().find(|o| o.id == *chosen) {
                out.push(prompt_record(s, p, opt, later));
            }
        }
    }
    for (i, c) in s.design.components.iter().enumerate() {
        let Some(k) = s.catalog.get(&c.kind) else {
            continue;
        };
        if k.stateful
            || matches!(k.category, Category::Queue | Category::Stream)
            || !c.stores.is_empty()
        {
            out.push(component_record(s, i, c, k, later));
        }
    }
    out
}

/// Users, load and team of a context, in one phrase.
pub fn numbers(ctx: &Context) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &ctx.load {
        let mut add = |v: Option<f64>, unit: &str| {
            if let Some(v) = v {
                parts.push(format!("{} {unit}", fmt(v)));
            }
        };
        add(l.users, "users");
        add(l.peak_rps, "rps peak");
        add(l.write_rps, "writes/s");
        add(l.events_per_day, "events/day");
        add(l.data_gb, "GB");
    }
    if let Some(e) = ctx.team.as_ref().and_then(|t| t.engineers) {
        parts.push(format!("{} engineers", fmt(e)));
    }
    parts.join(", ")
}

fn prompt_record(s: &Subject<'_>, p: &Prompt, chosen: &PromptOption, later: &[Later<'_>]) -> Adr {
    let stage = s
        .report
        .context
        .stage
        .as_deref()
        .unwrap_or("the design's stage");
    let mut gained = vec![
        md(&chosen.consequence),
        format!("Why: {}", md(&chosen.reasoning)),
    ];
    if let Some(risk) = risk_now(chosen, s.report.context.stage.as_deref()) {
        gained.push(format!(
            "Known risk at {}: **{}**.",
            code(stage),
            md(risk.as_str())
        ));
    }
    let lost = p
        .options
        .iter()
        .filter(|o| o.id != chosen.id)
        .map(|o| format!("Not chosen, **{}**: {}", md(&o.label), md(&o.consequence)))
        .collect();
    let reversibility = reversibility_of(p, chosen);
    let mut revisit = Vec::new();
    for st in later {
        if let Some(risk) = chosen.risk_by_stage.get(st.id).and_then(|r| r.severity()) {
            let safer: Vec<String> = p
                .options
                .iter()
                .filter(|o| o.id != chosen.id && risk_at(o, st.id).is_none())
                .map(|o| format!("**{}**", md(&o.label)))
                .collect();
            let mut line = format!(
                "At stage {} ({}) this choice becomes a **{}** risk.",
                code(st.id),
                md(&numbers(&st.context)),
                md(risk.as_str())
            );
            if !safer.is_empty() {
                line.push_str(&format!(
                    " Options without that risk: {}.",
                    safer.join(", ")
                ));
            }
            revisit.push(line);
        }
    }
    if revisit.is_empty() {
        revisit.push(match later.is_empty() {
            true => "No later stage in the scenario flags this choice; revisit when the numbers or the team change shape.".into(),
            false => "No later stage of the scenario flags this choice; revisit if the reasoning above stops holding.".into(),
        });
    }
    Adr {
        title: md(&p.question),
        gained_heading: "Consequences",
        context: format!("Asked at stage {}: {}", code(stage), md(&p.question)),
        decision: format!("**{}** (option {})", md(&chosen.label), code(&chosen.id)),
        gained,
        lost,
        reversibility,
        revisit,
    }
}

/// How hard the chosen option is to walk back: the pack's `door` (the
/// option's, else the prompt's), else read off the option's effects.
pub fn reversibility_of(p: &Prompt, chosen: &PromptOption) -> String {
    let e = &chosen.effects;
    // The pack's word first (the option's, else the prompt's); only
    // without it is the door read off the option's effects.
    let declared = chosen
        .door
        .map(|d| (d, chosen.door_why.as_str()))
        .or_else(|| p.door.map(|d| (d, p.door_why.as_str())));
    if let Some((door, why)) = declared {
        if why.trim().is_empty() {
            format!("{}.", door.title())
        } else {
            format!("{}: {}", door.title(), md(why))
        }
    } else if !e.consistency.is_empty() {
        let ents: Vec<String> = e.consistency.keys().map(|k| code(k)).collect();
        format!(
            "One-way door: it sets how consistent {} must be, which shapes the data model and every reader; changing it later means migrating data and re-testing the flows that read it.",
            ents.join(", ")
        )
    } else if !e.flow_mode.is_empty() {
        let flows: Vec<String> = e.flow_mode.keys().map(|k| code(k)).collect();
        format!(
            "Two-way door, with care: it fixes how {} hop (what the user waits for); callers and the user experience change with it.",
            flows.join(", ")
        )
    } else if !e.require.is_empty() {
        let reqs: Vec<String> = e
            .require
            .iter()
            .map(|r| {
                format!(
                    "{}={} on {}",
                    code(&r.prop),
                    code(&r.value.to_string()),
                    code(&r.on)
                )
            })
            .collect();
        format!(
            "Two-way door: it is configuration ({}) that can be changed and tested on its own.",
            reqs.join(", ")
        )
    } else {
        "Not stated: the pack does not say how reversible this is, and the option changes no entity's consistency, flow or configuration napkin tracks; judge it by what would have to be migrated to change it.".to_string()
    }
}

/// The chosen option's risk at a stage (its own, else its general risk).
fn risk_at(o: &PromptOption, stage: &str) -> Option<Severity> {
    o.risk_by_stage
        .get(stage)
        .or(o.risk.as_ref())
        .and_then(|r| r.severity())
}

fn risk_now(o: &PromptOption, stage: Option<&str>) -> Option<Severity> {
    match stage {
        Some(st) => risk_at(o, st),
        None => o.risk.and_then(|r| r.severity()),
    }
}

fn consistency_phrase(c: Consistency) -> &'static str {
    match c {
        Consistency::Strong => "strong consistency: readers see the latest committed write",
        Consistency::Eventual => "eventual consistency: readers may briefly see old data",
        Consistency::None => "no consistency guarantee (fine for data that can be rebuilt)",
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn names(s: &Subject<'_>, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|a| match s.catalog.get(a) {
            Some(k) => format!("{} ({})", md(&k.name), code(a)),
            None => code(a),
        })
        .collect()
}

fn naming<'r>(findings: &'r [Finding], id: &str) -> impl Iterator<Item = &'r Finding> {
    findings
        .iter()
        .filter(move |f| f.components.iter().any(|c| c == id))
}

fn component_record(
    s: &Subject<'_>,
    i: usize,
    c: &Component,
    k: &Kind,
    later: &[Later<'_>],
) -> Adr {
    let r = s.report;
    let how = format!(
        "{}, {} replica{}",
        if c.managed { "managed" } else { "self-hosted" },
        c.replicas,
        if c.replicas == 1 { "" } else { "s" }
    );
    let util = r.metrics.utilisation.get(&c.id).copied().unwrap_or(0.0);
    Adr {
        title: format!("{} as {}", md(&k.name), code(&c.id)),
        gained_heading: "Gained",
        context: component_context(s, c, k),
        decision: format!("Run {} on {} ({how}).", code(&c.id), md(&k.name)),
        gained: component_gains(c, k, util),
        lost: component_costs(s, i, c, k, util),
        reversibility: reversibility(c, k),
        revisit: component_revisit(s, c, k, util, later),
    }
}

/// What the component is, what it keeps and who calls it.
fn component_context(s: &Subject<'_>, c: &Component, k: &Kind) -> String {
    let mut context = format!("{} is a {} component", code(&c.id), k.category);
    if !c.stores.is_empty() {
        let ents: Vec<String> = c.stores.iter().map(|e| code(e)).collect();
        context.push_str(&format!(
            " and the system of record for {}",
            ents.join(", ")
        ));
    }
    let callers: Vec<String> = s
        .design
        .links
        .iter()
        .filter(|l| l.to == c.id)
        .map(|l| code(&l.from))
        .collect();
    if !callers.is_empty() {
        context.push_str(&format!("; called by {}", callers.join(", ")));
    }
    context.push('.');

    context
}

/// What running it buys: its guarantees, redundancy and headroom.
fn component_gains(c: &Component, k: &Kind, util: f64) -> Vec<String> {
    let mut gained = Vec::new();
    if !k.summary.is_empty() {
        gained.push(md(&k.summary));
    }
    gained.push(capitalize(&format!(
        "{}.",
        consistency_phrase(k.consistency)
    )));
    if k.durable {
        gained.push("Durable: work put here survives a consumer outage, so async hops through it delay instead of fail.".into());
    }
    if k.inherently_ha(c.managed) {
        gained.push("Highly available as run, whatever the replica count.".into());
    } else if c.replicas > 1 {
        gained.push(format!(
            "{} replicas: losing one instance is survivable.",
            c.replicas
        ));
    }
    if util > 0.0 && util < 1.0 {
        gained.push(format!(
            "Headroom: {}% of capacity used at peak, so about {}x today's load fits.",
            fmt((util * 100.0).round()),
            fmt(((1.0 / util) * 10.0).floor() / 10.0)
        ));
    }

    gained
}

/// What it costs: money and hours, simpler options not taken, the single
/// point of failure it is, load over capacity and its open findings.
fn component_costs(s: &Subject<'_>, i: usize, c: &Component, k: &Kind, util: f64) -> Vec<String> {
    let r = s.report;
    let (cost, hours) = r
        .components
        .get(i)
        .map_or((0.0, 0.0), |f| (f.monthly_cost_usd, f.ops_hours_per_month));
    let mut lost = vec![format!(
        "About ${}/month and {} h of operations a month.",
        fmt(cost),
        fmt(hours)
    )];
    if !k.alternatives.is_empty() {
        let mut line = format!(
            "Simpler options not taken: {}",
            names(s, &k.alternatives).join(", ")
        );
        if let Some(note) = &k.alternative_note {
            line.push_str(&format!(" ({})", md(note)));
        }
        line.push('.');
        lost.push(line);
    }
    if r.metrics.spofs.contains(&c.id) {
        let flows: Vec<String> = r
            .blast_radius
            .get(&c.id)
            .map(|v| {
                v.iter()
                    .map(|f| format!("{} {}", code(&f.flow), md(f.status.as_str())))
                    .collect()
            })
            .unwrap_or_default();
        let mut line = "A single point of failure today".to_string();
        if !flows.is_empty() {
            line.push_str(&format!(": when it fails, {}", flows.join(", ")));
        }
        line.push('.');
        lost.push(line);
    }
    if util >= 1.0 {
        lost.push(format!(
            "Over capacity at peak ({}x what it can serve).",
            fmt((util * 100.0).round() / 100.0)
        ));
    }
    for f in naming(&r.findings, &c.id) {
        lost.push(format!(
            "Open finding {} ({}): {}",
            code(&f.rule),
            f.severity,
            md(&f.message)
        ));
    }

    lost
}

/// How hard it is to walk the decision back.
fn reversibility(c: &Component, k: &Kind) -> String {
    let how_hard = if !c.stores.is_empty() {
        "One-way door: it holds the system-of-record data; leaving it means a data migration, dual writes or a backfill, and a cut-over plan.".to_string()
    } else if k.stateful && k.durable {
        "One-way door, mostly: producers and consumers change together and in-flight messages must drain or be replayed.".to_string()
    } else if k.stateful {
        "Two-way door: it holds state, but nothing names it the system of record, so it can be rebuilt from the source of truth.".to_string()
    } else {
        "Two-way door, with care: producers and consumers change together; drain in-flight messages before switching.".to_string()
    };
    // Buying it managed trades operations work for lock-in.
    let managed = if c.managed {
        " Managed: less operations, some provider lock-in."
    } else {
        ""
    };
    how_hard + managed
}

/// When to look at it again: its catalog thresholds, the load that calls
/// for another instance, and what later stages flag on it.
fn component_revisit(
    s: &Subject<'_>,
    c: &Component,
    k: &Kind,
    util: f64,
    later: &[Later<'_>],
) -> Vec<String> {
    let r = s.report;
    let mut revisit = justified(s, k, &c.id);
    if (0.1..1.0).contains(&util) {
        revisit.push(format!(
            "When peak load approaches {}x today's, the point where one more instance (or a bigger one) is due.",
            fmt(((1.0 / util) * 10.0).floor() / 10.0)
        ));
    }
    let now: Vec<&str> = naming(&r.findings, &c.id)
        .map(|f| f.rule.as_str())
        .collect();
    for st in later {
        if let Some(f) =
            naming(&st.report.findings, &c.id).find(|f| !now.contains(&f.rule.as_str()))
        {
            revisit.push(format!(
                "At stage {} ({}): {}",
                code(st.id),
                md(&numbers(&st.context)),
                md(&f.message)
            ));
        }
    }
    if revisit.is_empty() {
        revisit.push("Nothing in the catalog or the later stages flags it; revisit with the next capacity review.".into());
    }
    revisit
}

/// What the catalog says would justify (or no longer justify) a kind.
fn justified(s: &Subject<'_>, k: &Kind, id: &str) -> Vec<String> {
    let j = &k.justified_when;
    if j.always() {
        return Vec::new();
    }
    let c = &s.report.context;
    let mut met = Vec::new();
    let mut unmet = Vec::new();
    let today = |m: Measure| -> f64 {
        match m {
            Measure::PeakRps => c.peak_rps,
            Measure::WriteRps => c.write_rps,
            Measure::EventsPerSec => c.events_per_sec,
            Measure::DataGb => c.data_gb,
            Measure::Users => c.users,
            Measure::Engineers => c.engineers,
            Measure::Consumers => s
                .report
                .components
                .iter()
                .find(|x| x.id == id)
                .map_or(0.0, |x| f64::from(x.consumers)),
            Measure::Availability => c.availability,
        }
    };
    for (m, t) in j.thresholds() {
        let now = today(m);
        let phrase = format!("{} (today {})", m.phrase(t), m.phrase(now));
        if now >= t {
            met.push(phrase)
        } else {
            unmet.push(phrase)
        }
    }
    let group = j.together();
    if !group.is_empty() {
        let phrase = group
            .iter()
            .map(|&(m, t)| format!("{} (today {})", m.phrase(t), m.phrase(today(m))))
            .collect::<Vec<_>>()
            .join(" with ");
        if group.iter().all(|&(m, t)| today(m) >= t) {
            met.push(phrase)
        } else {
            unmet.push(phrase)
        }
    }
    let why = j
        .why
        .as_deref()
        .map(|w| format!(" {}", md(w)))
        .unwrap_or_default();
    if met.is_empty() {
        let simpler = if k.alternatives.is_empty() {
            String::new()
        } else {
            format!(" and move to {}", names(s, &k.alternatives).join(" or "))
        };
        vec![format!(
            "Not yet justified by the numbers: it pays off from {}. Revisit now{simpler} unless growth to that point is near.{why}",
            unmet.join(" or ")
        )]
    } else {
        vec![format!(
            "Justified today by {}; revisit if that falls back below the threshold.{why}",
            met.join(" and ")
        )]
    }
}
