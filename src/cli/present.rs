//! Output shared by the commands: colour that respects the terminal and
//! `NO_COLOR`, reports, and one-line summaries.

use super::{Failure, ReportFormat};
use crate::io::Library;
use crate::model::Problem;
use std::io::{IsTerminal, Write};

/// Terminal styling that respects `NO_COLOR` and non-terminals.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour as `--color` says; for `auto`, `CLICOLOR_FORCE` (set, not
    /// `0`) colours even a pipe, `NO_COLOR` (set, not empty) turns it off,
    /// and otherwise only a terminal gets colour.
    pub fn detect(choice: super::ColorChoice) -> Style {
        let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let color = match choice {
            super::ColorChoice::Always => true,
            super::ColorChoice::Never => false,
            super::ColorChoice::Auto => {
                if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                    true
                } else if set("NO_COLOR").is_some() {
                    false
                } else {
                    std::io::stdout().is_terminal()
                }
            }
        };
        Style { color }
    }

    /// Wraps text in an SGR code when colour is on.
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Bold text.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// The problems as printed: at most [`MAX_PROBLEMS`] of them, then a
    /// line saying how many more there are.
    pub(super) fn problems(&self, problems: &[Problem]) -> Vec<String> {
        use crate::io::load::MAX_PROBLEMS;
        let mut lines: Vec<String> = problems
            .iter()
            .take(MAX_PROBLEMS)
            .map(|p| self.problem(p))
            .collect();
        if problems.len() > MAX_PROBLEMS {
            lines.push(format!(
                "... and {} more not shown; fix the ones above and check again",
                problems.len() - MAX_PROBLEMS
            ));
        }
        lines
    }

    pub(super) fn problem(&self, p: &Problem) -> String {
        // Problems quote the file: keys, ids, names, paths. None of it may
        // reach the terminal raw.
        let s = crate::text::clean(&p.to_string());
        if !self.color {
            return s;
        }
        let code = if p.is_error() { "31" } else { "33" };
        s.replacen("error:", &self.paint(code, "error:"), 1)
            .replacen("warning:", &self.paint(code, "warning:"), 1)
    }
}

/// Standard output, locked.
pub(crate) fn out() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

pub(super) fn unknown_pack(lib: &Library, id: &str) -> Failure {
    let hint = match crate::model::validate::did_you_mean(
        id,
        lib.packs()
            .iter()
            .map(|p| (p.pack.id.as_str(), p.pack.id.as_str())),
    ) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "see `napkin scenarios list`".into(),
    };
    Failure::Input(vec![
        Problem::error("", format!("unknown scenario `{id}`")).hint(hint),
    ])
}

/// One line summarising a context's numbers.
pub(super) fn context_line(ctx: &crate::model::Context) -> String {
    use crate::model::num::fmt;
    let mut parts = Vec::new();
    if let Some(l) = &ctx.load {
        if let Some(u) = l.users {
            parts.push(format!("{} users", fmt(u)));
        }
        if let Some(r) = l.peak_rps {
            parts.push(format!("{} rps peak", fmt(r)));
        }
        if let Some(r) = l.write_rps {
            parts.push(format!("{} writes/s", fmt(r)));
        }
        if let Some(e) = l.events_per_day {
            parts.push(format!("{} events/day", fmt(e)));
        }
        if let Some(d) = l.data_gb {
            parts.push(format!("{} GB", fmt(d)));
        }
    }
    if let Some(e) = ctx.team.as_ref().and_then(|t| t.engineers) {
        parts.push(format!("{} engineers", fmt(e)));
    }
    if let Some(b) = ctx.budget_usd_per_month {
        parts.push(format!("${}/month", fmt(b)));
    }
    if let Some(a) = ctx.availability {
        parts.push(format!("{a}% target"));
    }
    parts.join(", ")
}

pub(super) fn print_report(
    report: &crate::engine::report::Report,
    name: &str,
    format: ReportFormat,
    style: Style,
) {
    use crate::io::render;
    let text = match format {
        ReportFormat::Json => render::json(report),
        ReportFormat::Markdown => render::markdown(report, name),
        ReportFormat::Text => render::text(report, name, render::Paint { color: style.color }),
    };
    let _ = writeln!(out(), "{}", text.trim_end());
}
