//! `:export FORMAT [FILE]`: the design rendered by [`crate::io::export`]
//! and handed to the runtime as a write (update stays pure).

use super::*;
use crate::io::export::ExportFormat;

/// Longest default file name stem, in characters.
const MAX_STEM: usize = 60;

/// The document title: the design's name, else its scenario, else "design".
pub(super) fn export_title(design: &Design) -> String {
    let name = text::line(&design.name);
    if !name.trim().is_empty() {
        return name.trim().to_string();
    }
    design
        .scenario
        .clone()
        .unwrap_or_else(|| "design".to_string())
}

/// A file name stem from the design's name (`practice-notifications`),
/// else its scenario, else `design`: lowercase ASCII letters, digits and
/// single dashes.
pub(super) fn file_stem(design: &Design) -> String {
    let slug = |text: &str| {
        let mut out = String::new();
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let cut: String = out.chars().take(MAX_STEM).collect();
        cut.trim_end_matches('-').to_string()
    };
    [Some(design.name.as_str()), design.scenario.as_deref()]
        .into_iter()
        .flatten()
        .map(slug)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "design".to_string())
}

/// The file `:export FORMAT` writes without a FILE: `<stem>.<ext>` in the
/// current folder.
pub(super) fn default_file(design: &Design, format: ExportFormat) -> PathBuf {
    PathBuf::from(format!("{}.{}", file_stem(design), format.extension()))
}

pub(super) fn export(app: &mut App, format: ExportFormat, file: Option<String>) -> Vec<Effect> {
    let Some(s) = app.session.as_ref() else {
        return Vec::new();
    };
    let path = match file {
        Some(f) => PathBuf::from(f),
        None => default_file(&s.design, format),
    };
    if s.path.as_ref() == Some(&path) {
        app.error(format!(
            "{} is this session's own file: export to another name",
            path.display()
        ));
        return Vec::new();
    }
    let title = export_title(&s.design);
    // With the mentor view comparing attempts, the debrief lists the changes.
    let previous = app
        .mentor
        .as_ref()
        .and_then(|m| m.against.as_ref())
        .map(|a| crate::io::export::Previous {
            design: &a.design,
            name: &a.name,
        });
    match crate::io::export::render_against(&app.lib, &s.design, format, None, &title, previous) {
        Ok(text) => {
            app.info(format!("exporting {format} to {}…", path.display()));
            vec![Effect::Write {
                path,
                text,
                autosave: false,
                base: None,
            }]
        }
        Err(problems) => {
            let why: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
            app.error(format!("could not export: {}", why.join("; ")));
            Vec::new()
        }
    }
}
