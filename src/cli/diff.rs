//! `napkin diff A B`: what changed between two designs or saved sessions.

use super::input::load_for;
use super::{Failure, Outcome, ReportFormat};
use crate::io::Library;
use crate::io::export::diff as render;
use crate::io::home::Home;
use crate::model::{Design, Problem};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) fn diff(
    lib: &Library,
    home: Option<&Home>,
    a: &str,
    b: &str,
    format: ReportFormat,
) -> Outcome {
    let (da, na) = attempt(lib, home, a)?;
    let (db, nb) = attempt(lib, home, b)?;
    let d = render::compare(lib, &da, &db);
    let text = match format {
        ReportFormat::Text => render::text(&d, &na, &nb),
        ReportFormat::Markdown => render::markdown(&d, &na, &nb, 1),
        ReportFormat::Json => {
            let value = serde_json::json!({ "before": na, "after": nb, "diff": d });
            serde_json::to_string_pretty(&value).map_err(anyhow::Error::from)? + "\n"
        }
    };
    let _ = write!(super::present::out(), "{text}");
    Ok(())
}

/// A design file, or a saved session named by its `:name` or its file name
/// under `$NAPKIN_HOME/sessions`; with what to call it.
fn attempt(lib: &Library, home: Option<&Home>, arg: &str) -> Result<(Design, String), Failure> {
    let path = Path::new(arg);
    if path.exists() || super::input::is_stdin(path) {
        let design = load_for(lib, path)?;
        let name = render::attempt_name(&design, arg);
        return Ok((design, name));
    }
    if let Some(found) = home.and_then(|h| session_named(lib, &h.sessions(), arg)) {
        let design = load_for(lib, &found)?;
        let name = render::attempt_name(&design, arg);
        return Ok((design, name));
    }
    Err(Failure::Input(vec![
        Problem::error("", format!("no file or saved session `{arg}`")).hint(
            "give a design file, or the name of a session (:name in the app) or its file under $NAPKIN_HOME/sessions",
        ),
    ]))
}

/// The saved session whose `session.name` or file stem is `name`.
fn session_named(lib: &Library, dir: &Path, name: &str) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(".napkin.yaml"))
        })
        .collect();
    files.sort();
    if let Some(p) = files.iter().find(|p| render::file_stem(p) == name) {
        return Some(p.clone());
    }
    files.into_iter().find(|p| {
        crate::io::load::load_design(p, lib)
            .is_ok_and(|l| l.design.session.as_ref().and_then(|s| s.name.as_deref()) == Some(name))
    })
}

/// The attempt a debrief compares with: `against` when given, else the
/// newest session of the same scenario under `$NAPKIN_HOME/sessions` saved
/// before `file` (never `file` itself).
pub(super) fn previous(
    lib: &Library,
    home: Option<&Home>,
    file: &Path,
    design: &Design,
    against: Option<&str>,
) -> Result<Option<(Design, String)>, Failure> {
    if let Some(a) = against {
        return attempt(lib, home, a).map(Some);
    }
    let (Some(home), Some(scenario)) = (home, design.scenario.as_deref()) else {
        return Ok(None);
    };
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(mine) = modified(file) else {
        return Ok(None);
    };
    let me = std::fs::canonicalize(file).ok();
    let Ok(entries) = std::fs::read_dir(home.sessions()) else {
        return Ok(None);
    };
    let mut older: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(".napkin.yaml"))
        })
        .filter(|p| std::fs::canonicalize(p).ok() != me)
        .filter_map(|p| modified(&p).filter(|t| *t < mine).map(|t| (t, p)))
        .collect();
    older.sort();
    for (_, p) in older.into_iter().rev() {
        // A session that no longer loads is skipped, not an error: the
        // debrief is about this attempt.
        if let Ok(l) = crate::io::load::load_design(&p, lib)
            && l.design.scenario.as_deref() == Some(scenario)
        {
            let name = render::attempt_name(&l.design, &render::file_stem(&p));
            return Ok(Some((l.design, name)));
        }
    }
    Ok(None)
}
