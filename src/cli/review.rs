//! `napkin review COMPOSE_FILE`: import a Compose file and judge it, or
//! write the design for the editor with `-o`.

use super::input::{is_stdin, read_stdin};
use super::present::{Style, out, print_report};
use super::{Failure, Outcome, ReportFormat};
use crate::io::Library;
use crate::io::compose::{self, Import, ImportOptions};
use crate::model::{Context, Load, Problem, Team};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The numbers given on the command line; `None` where not given.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReviewNumbers {
    /// Users of the system.
    #[arg(long, value_name = "N")]
    pub users: Option<f64>,
    /// Requests per second at the busiest moment, reads and writes.
    #[arg(long, value_name = "N")]
    pub peak_rps: Option<f64>,
    /// Writes per second at the busiest moment.
    #[arg(long, value_name = "N")]
    pub write_rps: Option<f64>,
    /// Engineers who build and run it.
    #[arg(long, value_name = "N")]
    pub engineers: Option<f64>,
    /// Infrastructure budget, US dollars per month.
    #[arg(long, value_name = "USD")]
    pub budget: Option<f64>,
    /// Availability target in percent, e.g. 99.9.
    #[arg(long, value_name = "P")]
    pub availability: Option<f64>,
}

impl ReviewNumbers {
    /// The context these numbers give, or the problems with them.
    fn context(&self) -> Result<Context, Failure> {
        let mut problems = Vec::new();
        let figures = [
            ("--users", self.users),
            ("--peak-rps", self.peak_rps),
            ("--write-rps", self.write_rps),
            ("--engineers", self.engineers),
            ("--budget", self.budget),
            ("--availability", self.availability),
        ];
        for (flag, v) in figures {
            if let Some(v) = v
                && (!v.is_finite() || v < 0.0)
            {
                problems.push(
                    Problem::error("", format!("{flag} {v} is not a figure napkin can use"))
                        .hint("give a number of 0 or more"),
                );
            }
        }
        if let Some(a) = self.availability
            && !(0.0..=100.0).contains(&a)
        {
            problems.push(
                Problem::error("", format!("--availability {a} is not a percentage"))
                    .hint("write the target as a percentage, e.g. --availability 99.9"),
            );
        }
        if !problems.is_empty() {
            return Err(Failure::Input(problems));
        }
        let load = (self.users.is_some() || self.peak_rps.is_some() || self.write_rps.is_some())
            .then(|| Load {
                users: self.users,
                peak_rps: self.peak_rps,
                write_rps: self.write_rps,
                ..Default::default()
            });
        Ok(Context {
            load,
            team: self.engineers.map(|e| Team {
                engineers: Some(e),
                ops_hours_per_month: None,
            }),
            budget_usd_per_month: self.budget,
            availability: self.availability,
            ..Default::default()
        })
    }
}

/// Runs `napkin review`.
pub(super) fn review(
    lib: &Library,
    file: &Path,
    numbers: &ReviewNumbers,
    output: Option<&PathBuf>,
    format: ReportFormat,
    style: Style,
) -> Outcome {
    let context = numbers.context()?;
    if let Some(o) = output
        && o.exists()
    {
        return Err(Failure::Input(vec![
            Problem::error(
                "",
                format!(
                    "{} already exists; napkin review writes a new file",
                    o.display()
                ),
            )
            .hint("choose another name with -o, or open the existing design with `napkin open`"),
        ]));
    }
    let shown = if is_stdin(file) {
        "<stdin>".to_string()
    } else {
        file.display().to_string()
    };
    let text = if is_stdin(file) {
        read_stdin()?
    } else {
        crate::io::load::read_bounded(file)?
    };
    let opts = ImportOptions {
        name: format!("{} (imported)", crate::text::line(&file_name(file))),
        context,
    };
    let import = compose::import_str(&text, &shown, &lib.catalog, &opts).map_err(Failure::Input)?;
    // The design goes through the same loading as any file, so what is
    // judged and written is exactly what `napkin open` will read.
    let yaml = crate::io::load::design_to_yaml(&import.design)
        .map_err(|e| Failure::Other(anyhow::anyhow!(e)))?;
    let out_name = output
        .map(|o| o.display().to_string())
        .unwrap_or_else(|| "<imported design>".into());
    let loaded = crate::io::load::load_design_str(&yaml, &out_name, lib)?;
    match output {
        Some(path) => write_design(path, &yaml, &import, &shown),
        None => {
            let report = crate::engine::analyze_with_fixes(
                &loaded.design,
                &lib.catalog,
                None,
                &crate::engine::AnalysisOptions::default(),
            );
            print(&import, &report, &shown, &opts.name, format, style);
            Ok(())
        }
    }
}

/// The design file: a header saying where it came from, then the design.
fn write_design(path: &Path, yaml: &str, import: &Import, shown: &str) -> Outcome {
    let header = format!(
        "# Imported by `napkin review` from {}.\n# Numbers not given on the command line are napkin's assumptions; `napkin score` lists them.\n",
        crate::text::line(shown)
    );
    crate::io::save::atomic_write(path, format!("{header}{yaml}").as_bytes())?;
    let mut o = out();
    let _ = write!(o, "{}", compose::text(import, shown));
    let _ = writeln!(
        o,
        "\nWrote {} ({} components, {} links). Open it with `napkin open {}`.",
        crate::text::line(&path.display().to_string()),
        import.design.components.len(),
        import.design.links.len(),
        crate::text::line(&path.display().to_string())
    );
    Ok(())
}

fn print(
    import: &Import,
    report: &crate::engine::report::Report,
    shown: &str,
    name: &str,
    format: ReportFormat,
    style: Style,
) {
    match format {
        ReportFormat::Json => {
            let doc = serde_json::json!({ "import": import, "report": report });
            let _ = writeln!(
                out(),
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        ReportFormat::Markdown => {
            print_report(report, name, format, style);
            let _ = writeln!(out(), "\n{}", compose::markdown(import, shown).trim_end());
        }
        ReportFormat::Text => {
            let _ = writeln!(out(), "{}", compose::text(import, shown));
            print_report(report, name, format, style);
        }
    }
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "compose".into())
}
