//! `napkin score`.

use super::input::{design_name, load_for, pack_for};
use super::present::{Style, print_report};
use super::{Failure, Outcome, ReportFormat};
use crate::io::Library;
use crate::model::{Problem, StageRef};
use std::path::Path;

pub(super) fn score(
    lib: &Library,
    file: &Path,
    stage: Option<StageRef>,
    format: ReportFormat,
    fail_under: Option<f64>,
    style: Style,
) -> Outcome {
    if let Some(min) = fail_under
        && !(0.0..=100.0).contains(&min)
    {
        return Err(Failure::Input(vec![
            Problem::error("", format!("--fail-under {min} is not a score"))
                .hint("scores run from 0 to 100, e.g. --fail-under 75"),
        ]));
    }
    let design = load_for(lib, file)?;
    let pack = pack_for(lib, &design);
    if let (Some(st), Some(p)) = (&stage, pack)
        && p.stage(st).is_none()
    {
        return Err(Failure::Input(vec![
            Problem::error("", format!("scenario `{}` has no stage `{st}`", p.id)).hint(format!(
                "stages: {}",
                p.stages
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ]));
    }
    if stage.is_some() && pack.is_none() {
        return Err(Failure::Input(vec![
            Problem::error("", "--stage needs a design with a `scenario:`")
                .hint("describe your own numbers under `context:` instead"),
        ]));
    }
    let opts = crate::engine::AnalysisOptions {
        stage,
        ..Default::default()
    };
    let report = crate::engine::analyze_with_fixes(&design, &lib.catalog, pack, &opts);
    print_report(&report, &design_name(&design, file), format, style);
    if let Some(min) = fail_under
        && f64::from(report.scores.overall) < min
    {
        return Err(Failure::Check(format!(
            "napkin: overall score {} is below --fail-under {min}",
            report.scores.overall
        )));
    }
    Ok(())
}
