//! Whether the critical flows work at all, and the decisions behind them.

use super::{Hit, Rule};
use crate::engine::report::FindingCategory;
use crate::engine::world::World;
use crate::model::FlowMode;
use crate::model::Severity;

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
