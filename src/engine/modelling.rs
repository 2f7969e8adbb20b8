//! Slips in how a design declares its own flows, found by resolving them on
//! the design and reported by `validate` as warnings with the fix: a flow
//! whose entry cannot reach its target (it starts elsewhere), and traffic
//! figures that add up to more than the context has.

use super::context;
use super::world::World;
use crate::model::{Catalog, Design, Pack, Problem, RateSource};
use std::collections::HashSet;

/// Warnings about the design's own flows, each at its place in the file.
pub fn flow_problems(design: &Design, catalog: &Catalog, pack: Option<&Pack>) -> Vec<Problem> {
    let Some(own) = design.context.as_ref().filter(|c| !c.flows.is_empty()) else {
        return Vec::new();
    };
    let at = |id: &str| own.flows.iter().position(|f| f.id == id);
    let ctx = context::resolve(design, pack, None);
    let figure = |r: RateSource| match r {
        RateSource::PeakRps => ("peak_rps", ctx.peak_rps),
        RateSource::WriteRps => ("write_rps", ctx.write_rps),
        RateSource::Events => ("peak_events_per_sec", ctx.peak_events_per_sec),
    };
    let mut out = Vec::new();
    for rate in [
        RateSource::PeakRps,
        RateSource::WriteRps,
        RateSource::Events,
    ] {
        let (name, value) = figure(rate);
        let same: Vec<_> = ctx.flows.iter().filter(|f| f.rate == rate).collect();
        let shares: f64 = same.iter().filter_map(|f| f.share).sum();
        let absolute: f64 = same.iter().filter_map(|f| f.rps).sum();
        let first = same.iter().find_map(|f| at(&f.id));
        let Some(i) = first else { continue };
        let free: Vec<_> = same
            .iter()
            .filter(|f| f.share.is_none() && f.rps.is_none())
            .collect();
        let claimed = shares * value + absolute;
        if !free.is_empty() && value > 0.0 && claimed >= value * (1.0 - 1e-9) {
            for f in free {
                let Some(j) = at(&f.id) else { continue };
                out.push(
                    Problem::warning(
                        format!("context.flows[{j}].rate"),
                        format!(
                            "flow `{}` carries no traffic: the other `{name}` flows take all of it",
                            f.id
                        ),
                    )
                    .hint("give it a `share` or an `rps`, or describe the same requests as one flow with several targets"),
                );
            }
        }
        // Point at the first flow that gives the figure being summed.
        let first_with = |given: fn(&crate::model::Flow) -> bool| {
            same.iter()
                .filter(|f| given(f))
                .find_map(|f| at(&f.id))
                .unwrap_or(i)
        };
        if shares > 1.0 + 1e-9 {
            let i = first_with(|f| f.share.is_some());
            out.push(
                Problem::warning(
                    format!("context.flows[{i}].share"),
                    format!(
                        "the shares of the `{name}` flows add up to {}, more than all of it",
                        crate::model::context::fraction(shares)
                    ),
                )
                .hint("shares are fractions of one figure; flows without one split what is left"),
            );
        }
        if value > 0.0 && absolute > value * (1.0 + 1e-9) {
            let i = first_with(|f| f.rps.is_some());
            out.push(
                Problem::warning(
                    format!("context.flows[{i}].rps"),
                    format!(
                        "the `rps` of the `{name}` flows add up to {}, more than the context's {}",
                        crate::model::num::fmt(absolute),
                        crate::model::num::fmt(value)
                    ),
                )
                .hint(format!(
                    "raise `{name}` in the context or lower the flows' `rps`"
                )),
            );
        }
    }
    let world = World::new(design, catalog, ctx.clone(), HashSet::new());
    for f in world.flows.iter().filter(|f| f.own) {
        let Some(i) = at(&f.flow.id) else { continue };
        for g in &f.groups {
            let Some(start) = g.slip else { continue };
            let start = &world.comp(start).id;
            out.push(
                Problem::warning(
                    format!("context.flows[{i}].from"),
                    format!(
                        "flow `{}` starts at `{}`, which has no route to `{}`",
                        f.flow.id, f.flow.from, g.target
                    ),
                )
                .hint(format!(
                    "this flow starts at `{start}`? (`from: {start}`); until then it is left out of the score"
                )),
            );
        }
    }
    out
}
