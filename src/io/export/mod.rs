//! Exports people can paste anywhere: a Mermaid flowchart (GitHub renders
//! it), Graphviz DOT, a self-contained SVG drawn from napkin's own layout,
//! and a Markdown debrief with ADR-style decision records.
//!
//! Every piece of text that comes from a file (names, labels, notes, pack
//! wording) is untrusted and escaped for the target format.

pub mod diff;
pub mod dot;
pub mod markdown;
pub mod mermaid;
pub mod svg;

mod adr;

use crate::engine::report::Report;
use crate::io::Library;
use crate::model::{Catalog, Category, Component, Design, Pack, Problem, StageRef};
use std::collections::BTreeSet;
use std::fmt;

/// What `napkin export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A Mermaid flowchart (GitHub renders it).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A self-contained SVG from napkin's own layout.
    Svg,
    /// A review or interview debrief with decision records.
    Markdown,
}

impl ExportFormat {
    /// Every format, in help order.
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Mermaid,
        ExportFormat::Dot,
        ExportFormat::Svg,
        ExportFormat::Markdown,
    ];

    /// The lowercase name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Mermaid => "mermaid",
            ExportFormat::Dot => "dot",
            ExportFormat::Svg => "svg",
            ExportFormat::Markdown => "markdown",
        }
    }

    /// Parses a lowercase name (`md` and `graphviz` are accepted too).
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s {
            "mermaid" | "mmd" => Some(ExportFormat::Mermaid),
            "dot" | "graphviz" | "gv" => Some(ExportFormat::Dot),
            "svg" => Some(ExportFormat::Svg),
            "markdown" | "md" => Some(ExportFormat::Markdown),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Mermaid => "mmd",
            ExportFormat::Dot => "dot",
            ExportFormat::Svg => "svg",
            ExportFormat::Markdown => "md",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything an export may draw on.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub design: &'a Design,
    pub catalog: &'a Catalog,
    /// The design's scenario pack, when it names one.
    pub pack: Option<&'a Pack>,
    /// The design's report at the chosen stage.
    pub report: &'a Report,
    /// Title for documents: the design's name, else its file name.
    pub name: &'a str,
}

impl Subject<'_> {
    /// Component ids the report calls single points of failure.
    pub fn spofs(&self) -> BTreeSet<&str> {
        self.report
            .metrics
            .spofs
            .iter()
            .map(String::as_str)
            .collect()
    }

    /// Catalog category of a component, when its kind is known.
    pub fn category(&self, c: &Component) -> Option<Category> {
        self.catalog.get(&c.kind).map(|k| k.category)
    }
}

/// The most components `napkin export --format svg` draws. The layout's
/// time grows faster than the design: 10,000 components with random long
/// links take 5 s and 114 MB, 30,000 take a minute and 341 MB, and a
/// picture that large no longer helps. Above it the export is refused with
/// a hint instead.
pub const MAX_SVG_COMPONENTS: usize = 10_000;

/// Writes the design in `format`.
pub fn export(format: ExportFormat, subject: &Subject<'_>) -> String {
    match format {
        ExportFormat::Mermaid => mermaid::flowchart(subject),
        ExportFormat::Dot => dot::digraph(subject),
        ExportFormat::Svg => svg::document(subject),
        ExportFormat::Markdown => markdown::debrief(subject),
    }
}

/// Judges `design` (at `stage`, when given) and writes it in `format`. This
/// is `napkin export`; errors are bad input the user can fix.
pub fn render(
    lib: &Library,
    design: &Design,
    format: ExportFormat,
    stage: Option<StageRef>,
    name: &str,
) -> Result<String, Vec<Problem>> {
    render_against(lib, design, format, stage, name, None)
}

/// An earlier attempt a debrief compares with: its design and what to call it.
#[derive(Debug, Clone, Copy)]
pub struct Previous<'a> {
    /// The earlier attempt's design.
    pub design: &'a Design,
    /// Its name (`:name`, design name or file).
    pub name: &'a str,
}

/// [`render`]; the Markdown debrief also lists the changes since
/// `previous`, when given.
pub fn render_against(
    lib: &Library,
    design: &Design,
    format: ExportFormat,
    stage: Option<StageRef>,
    name: &str,
    previous: Option<Previous<'_>>,
) -> Result<String, Vec<Problem>> {
    let pack = design
        .scenario
        .as_deref()
        .and_then(|id| lib.pack(id))
        .map(|p| &p.pack);
    match (&stage, pack) {
        (Some(st), Some(p)) if p.stage(st).is_none() => {
            let ids: Vec<&str> = p.stages.iter().map(|s| s.id.as_str()).collect();
            return Err(vec![
                Problem::error("", format!("scenario `{}` has no stage `{st}`", p.id))
                    .hint(format!("stages: {}", ids.join(", "))),
            ]);
        }
        (Some(_), None) => {
            return Err(vec![
                Problem::error("", "--stage needs a design with a `scenario:`")
                    .hint("describe your own numbers under `context:` instead"),
            ]);
        }
        _ => {}
    }
    // Refused before judging: the analysis of a design this size is itself
    // a second or more, spent on a picture that would not be drawn.
    if format == ExportFormat::Svg && design.components.len() > MAX_SVG_COMPONENTS {
        return Err(vec![
            Problem::error(
                "",
                format!(
                    "the design has {} components; the SVG export draws at most {MAX_SVG_COMPONENTS}",
                    design.components.len()
                ),
            )
            .hint(
                "export --format dot for Graphviz (sfdp copes with large graphs), or --format markdown for the debrief",
            ),
        ]);
    }
    let opts = crate::engine::AnalysisOptions {
        stage,
        ..Default::default()
    };
    let report = crate::engine::analyze(design, &lib.catalog, pack, &opts);
    let subject = Subject {
        design,
        catalog: &lib.catalog,
        pack,
        report: &report,
        name,
    };
    if let (ExportFormat::Markdown, Some(prev)) = (format, previous) {
        let changes = diff::compare(lib, prev.design, design);
        let this = diff::attempt_name(design, name);
        let section = diff::markdown(&changes, prev.name, &this, 2);
        return Ok(markdown::debrief_with(&subject, Some(&section)));
    }
    Ok(export(format, &subject))
}

/// One safe line of untrusted text: control characters removed, whitespace
/// folded, at most `max` characters.
pub(crate) fn line(text: &str, max: usize) -> String {
    crate::text::label(text, max)
}

/// A component's display title: its label (else id) and replica count.
pub(crate) fn title(c: &Component) -> String {
    let label = line(c.label.as_deref().unwrap_or(&c.id), 120);
    if c.replicas > 1 {
        format!("{label} x{}", c.replicas)
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(f.as_str()), Some(f));
        }
        assert_eq!(ExportFormat::parse("md"), Some(ExportFormat::Markdown));
        assert_eq!(ExportFormat::parse("png"), None);
    }
}
