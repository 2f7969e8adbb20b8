//! Runs a pack's reference designs through the engine and compares each
//! report with the verdict the pack declares.

use super::Library;
use super::load::{LoadedPack, load_design_str};
use crate::engine::{AnalysisOptions, analyze, drill_options, verdict};
use crate::model::Problem;

/// One problem per reference that does not load or misses its verdict.
pub fn check_references(lib: &Library, lp: &LoadedPack) -> Vec<Problem> {
    let mut lib = lib.clone();
    if lib.pack(&lp.pack.id).is_none() {
        lib.packs_mut().push(lp.clone());
    }
    let mut out = Vec::new();
    let rules: Vec<&str> = crate::engine::rules::RULES.iter().map(|r| r.id).collect();
    crate::model::level::unknown_rules(&lp.pack, &rules, &mut out);
    for (i, r) in lp.pack.references.iter().enumerate() {
        let file = lp.file_name(&r.file);
        let text = match lp.read(&r.file) {
            Ok(t) => t,
            Err(e) => {
                let mut p = Problem::error(format!("references[{i}].file"), e.to_string());
                p.file = Some(file);
                out.push(p);
                continue;
            }
        };
        let design = match load_design_str(&text, &file, &lib) {
            Ok(d) => d.design,
            Err(e) => {
                out.extend(e.problems());
                continue;
            }
        };
        let report = analyze(
            &design,
            &lib.catalog,
            Some(&lp.pack),
            &AnalysisOptions::default(),
        );
        out.extend(drill_problems(&design, &lib, lp, i, &r.file, &file));
        for m in verdict::mismatches(&report, &r.expect) {
            let mut p = Problem::error(
                format!("references[{i}]"),
                format!("reference `{}` ({}): {m}", r.file, r.verdict),
            )
            .hint("fix the design or the expectation in pack.yaml; `napkin score FILE` shows the full report");
            p.file = Some(file.clone());
            out.push(p);
        }
    }
    out
}

/// Every drill of the pack must run on reference `index`: a drill that
/// cannot run, or whose report does not say what it did, is an error.
fn drill_problems(
    design: &crate::model::Design,
    lib: &Library,
    lp: &LoadedPack,
    index: usize,
    name: &str,
    file: &str,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for (d, drill) in lp.pack.drills.iter().enumerate() {
        let problem = match drill_options(&lp.pack, &drill.id) {
            Err(e) => Some(e.message),
            Ok(opts) => analyze(design, &lib.catalog, Some(&lp.pack), &opts)
                .drill
                .is_none()
                .then(|| "the report has no drill outcome".to_string()),
        };
        if let Some(m) = problem {
            let mut p = Problem::error(
                format!("drills[{d}]"),
                format!(
                    "drill `{}` does not run on reference `{name}` (references[{index}]): {m}",
                    drill.id
                ),
            )
            .hint("`napkin drill FILE --drill ID` shows the drill on the design");
            p.file = Some(file.to_string());
            out.push(p);
        }
    }
    out
}
