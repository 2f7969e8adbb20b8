//! `napkin validate`: designs and packs, files or folders.

use super::present::Style;
use super::{Failure, Outcome};
use crate::io::Library;
use crate::io::load;
use crate::model::Problem;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `validate` found in one file.
struct Checked {
    errors: usize,
    warnings: usize,
}

pub(super) fn validate(lib: &Library, paths: &[PathBuf], style: Style) -> Outcome {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files, 0)?;
    }
    let mut total = Checked {
        errors: 0,
        warnings: 0,
    };
    let mut lib = lib.clone();
    // Packs first, so designs in the same folders can name them.
    files.sort_by_key(|f| f.file_name().is_none_or(|n| n != "pack.yaml"));
    for f in &files {
        let is_pack = f.file_name().is_some_and(|n| n == "pack.yaml");
        let c = if is_pack {
            check_pack(&mut lib, f, style)
        } else {
            check_design(&lib, f, style)
        };
        total.errors += c.errors;
        total.warnings += c.warnings;
    }
    say!(
        "{} file{} checked: {} error{}, {} warning{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        total.errors,
        if total.errors == 1 { "" } else { "s" },
        total.warnings,
        if total.warnings == 1 { "" } else { "s" }
    );
    if total.errors > 0 {
        Err(Failure::Input(Vec::new()))
    } else {
        Ok(())
    }
}

fn collect(p: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Outcome {
    if super::input::is_stdin(p) {
        out.push(p.to_path_buf());
        return Ok(());
    }
    if p.is_dir() {
        if depth > 4 {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            let name = e
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if e.is_dir() && !name.starts_with('.') {
                collect(&e, out, depth + 1)?;
            } else if name == "pack.yaml"
                || name.ends_with(".napkin.yaml")
                || name.ends_with(".napkin.yml")
            {
                out.push(e);
            }
        }
        Ok(())
    } else if p.exists() {
        out.push(p.to_path_buf());
        Ok(())
    } else {
        Err(Failure::Input(vec![Problem::error(
            "",
            format!(
                "{}: no such file or folder",
                crate::text::line(&p.display().to_string())
            ),
        )]))
    }
}

fn report_problems(file: &Path, problems: &[Problem], style: Style) -> Checked {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    for line in style.problems(problems) {
        say!("{line}");
    }
    if problems.is_empty() {
        say!(
            "{} {}",
            style.paint("32", "ok"),
            crate::text::line(&file.display().to_string())
        );
    }
    Checked { errors, warnings }
}

fn check_design(lib: &Library, f: &Path, style: Style) -> Checked {
    let loaded = if super::input::is_stdin(f) {
        match super::input::read_stdin() {
            Ok(text) => load::load_design_str(&text, "<stdin>", lib),
            Err(super::Failure::Input(p)) => return report_problems(f, &p, style),
            Err(super::Failure::Other(e)) => {
                let p = crate::model::Problem::error("", format!("<stdin>: {e:#}"));
                return report_problems(f, &[p], style);
            }
            Err(super::Failure::Check(m)) => {
                let p = crate::model::Problem::error("", m);
                return report_problems(f, &[p], style);
            }
        }
    } else {
        load::load_design(f, lib)
    };
    match loaded {
        Ok(d) => report_problems(f, &d.warnings, style),
        Err(e) => report_problems(f, &e.problems(), style),
    }
}

fn check_pack(lib: &mut Library, f: &Path, style: Style) -> Checked {
    let dir = f.parent().unwrap_or(Path::new("."));
    match load::load_pack_dir(dir, &lib.catalog) {
        Err(e) => report_problems(f, &e.problems(), style),
        Ok(lp) => {
            let mut problems = lp.warnings.clone();
            problems.extend(crate::io::packcheck::check_references(lib, &lp));
            if !lib.packs().iter().any(|p| p.pack.id == lp.pack.id) {
                lib.packs_mut().push(lp.clone());
            }
            report_problems(f, &problems, style)
        }
    }
}
