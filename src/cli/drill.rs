//! `napkin drill`: a failure or a spike, then the same design judged again.

use super::input::{design_name, load_for, pack_for};
use super::present::{Style, print_report};
use super::{Failure, Outcome, ReportFormat};
use crate::io::Library;
use crate::io::export::markdown::md;
use crate::model::Problem;
use crate::text;
use std::io::Write;
use std::path::Path;

/// The largest traffic multiple a drill takes.
const MAX_SPIKE: f64 = 1000.0;

pub(super) fn drill(
    lib: &Library,
    file: &Path,
    fail: &[String],
    spike: Option<f64>,
    drill: Option<&str>,
    format: ReportFormat,
    style: Style,
) -> Outcome {
    let design = load_for(lib, file)?;
    let pack = pack_for(lib, &design);
    let mut opts = crate::engine::AnalysisOptions {
        fail: fail.to_vec(),
        spike,
        ..Default::default()
    };
    if let Some(id) = drill {
        let Some(p) = pack else {
            return Err(Failure::Input(vec![
                Problem::error("", "--drill needs a design with a `scenario:`")
                    .hint("use --fail and --spike for designs without a scenario"),
            ]));
        };
        let d_opts = crate::engine::drill_options(p, id).map_err(|e| Failure::Input(vec![*e]))?;
        // Command-line failures add to the drill's; a command-line spike wins.
        opts.fail.extend(d_opts.fail);
        opts.spike = opts.spike.or(d_opts.spike);
        opts.stage = d_opts.stage;
        opts.drill = true;
        let Some(d) = p.drills.iter().find(|d| d.id == id) else {
            return Err(Failure::Input(vec![Problem::error(
                "",
                format!("no drill `{id}`"),
            )]));
        };
        match format {
            ReportFormat::Text => say!(
                "{}\n{}\n",
                style.bold(&text::line(&d.title)),
                text::line(&d.question)
            ),
            ReportFormat::Markdown => {
                say!("**Drill: {}**\n\n> {}\n", md(&d.title), md(&d.question))
            }
            _ => {}
        }
    }
    if opts.fail.is_empty() && opts.spike.is_none() && !opts.drill {
        return Err(Failure::Input(vec![
            Problem::error("", "a drill needs --fail, --spike or --drill")
                .hint("e.g. napkin drill FILE --fail redis, or --spike 8"),
        ]));
    }
    if let Some(x) = opts.spike
        && !(x.is_finite() && x > 0.0 && x <= MAX_SPIKE)
    {
        return Err(Failure::Input(vec![
            Problem::error(
                "",
                format!(
                    "--spike {} must be a number above 0",
                    if x.abs() < 1e6 {
                        x.to_string()
                    } else {
                        format!("{x:e}")
                    }
                ),
            )
            .hint(format!(
                "at most {MAX_SPIKE}: traffic {MAX_SPIKE} times today's is another design"
            )),
        ]));
    }
    // Names that match nothing are the drill's answer when a pack's drill
    // names them (the report says so); typed alone they are a typo.
    let unknown: Vec<&String> = opts
        .fail
        .iter()
        .filter(|n| {
            crate::engine::failed_set(&design, &lib.catalog, std::slice::from_ref(n)).is_empty()
        })
        .collect();
    if !unknown.is_empty()
        && unknown.len() == opts.fail.len()
        && opts.spike.is_none()
        && !opts.drill
    {
        return Err(Failure::Input(vec![nothing_matches(&design, &unknown)]));
    }
    let report = crate::engine::analyze(&design, &lib.catalog, pack, &opts);
    print_report(&report, &design_name(&design, file), format, style);
    Ok(())
}

/// `--fail` names nothing in the design: say so and list what it could name.
fn nothing_matches(design: &crate::model::Design, unknown: &[&String]) -> Problem {
    let names = unknown
        .iter()
        .map(|s| format!("`{}`", text::line(s)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut ids: Vec<String> = design.components.iter().map(|c| c.id.clone()).collect();
    let mut kinds: Vec<String> = design.components.iter().map(|c| c.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    ids.truncate(40);
    Problem::error(
        "",
        format!("--fail {names}: nothing in the design has that id, kind or category"),
    )
    .hint(if ids.is_empty() {
        "the design has no components".to_string()
    } else {
        format!(
            "its components: {}; its kinds: {}",
            text::line(&ids.join(", ")),
            text::line(&kinds.join(", "))
        )
    })
}
