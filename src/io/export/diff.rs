//! The diff between two attempts as text: plain lines (the command line and
//! the mentor view) and Markdown (`napkin diff --format markdown` and the
//! debrief). Ids and messages come from files and are cleaned here.

use super::markdown::{code, md};
use crate::engine::diff::{DesignDiff, FindingRef};
use crate::model::num::fmt;
use std::fmt::Write;

/// A signed whole number: `+5`, `-3`, `0`.
fn signed(v: i64) -> String {
    if v > 0 {
        format!("+{v}")
    } else {
        v.to_string()
    }
}

/// A signed figure: `+$120`, `-4.5`.
fn signed_f(v: f64, unit: &str) -> String {
    let sign = if v > 0.0 {
        "+"
    } else if v < 0.0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{unit}{}", fmt(v.abs()))
}

fn clean(s: &str) -> String {
    crate::text::label(s, 200)
}

fn finding_line(f: &FindingRef) -> String {
    let on = if f.components.is_empty() {
        "the design".to_string()
    } else {
        f.components
            .iter()
            .map(|c| clean(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("{} {} on {on}", f.severity, clean(&f.rule))
}

/// One line per score category: `overall 62 -> 78 (+16)`.
pub fn score_lines(d: &DesignDiff) -> Vec<String> {
    d.scores
        .iter()
        .filter(|s| s.before.is_some() || s.after.is_some())
        .map(|s| {
            let v = |x: Option<u32>| x.map(|x| x.to_string()).unwrap_or_else(|| "-".into());
            let delta = s
                .delta()
                .map(|x| format!(" ({})", signed(x)))
                .unwrap_or_default();
            format!("{} {} -> {}{delta}", s.category, v(s.before), v(s.after))
        })
        .collect()
}

/// The figures line: cost and operations hours, before -> after.
pub fn figures_line(d: &DesignDiff) -> String {
    let c = d.cost_usd_per_month;
    let o = d.ops_hours_per_month;
    format!(
        "cost ${} -> ${}/month ({}), operations {} -> {} h/month ({})",
        fmt(c.before),
        fmt(c.after),
        signed_f(c.delta(), "$"),
        fmt(o.before),
        fmt(o.after),
        signed_f(o.delta(), "")
    )
}

/// The changes as sections of plain lines: (heading, lines), empty
/// sections left out; scores and figures always present.
pub fn sections(d: &DesignDiff) -> Vec<(&'static str, Vec<String>)> {
    let mut out = vec![
        ("Scores", score_lines(d)),
        ("Cost and operations", vec![figures_line(d)]),
    ];
    let mut push = |title: &'static str, lines: Vec<String>| {
        if !lines.is_empty() {
            out.push((title, lines));
        }
    };
    push(
        "Components added",
        d.components_added
            .iter()
            .map(|c| format!("+ {} ({})", clean(&c.id), clean(&c.kind)))
            .collect(),
    );
    push(
        "Components removed",
        d.components_removed
            .iter()
            .map(|c| format!("- {} ({})", clean(&c.id), clean(&c.kind)))
            .collect(),
    );
    push(
        "Components changed",
        d.components_changed
            .iter()
            .map(|c| format!("~ {}: {}", clean(&c.id), clean(&c.changes.join("; "))))
            .collect(),
    );
    push(
        "Links added",
        d.links_added
            .iter()
            .map(|l| format!("+ {} -> {} ({})", clean(&l.from), clean(&l.to), l.mode))
            .collect(),
    );
    push(
        "Links removed",
        d.links_removed
            .iter()
            .map(|l| format!("- {} -> {} ({})", clean(&l.from), clean(&l.to), l.mode))
            .collect(),
    );
    push(
        "Links changed",
        d.links_changed
            .iter()
            .map(|l| {
                format!(
                    "~ {} -> {}: {} -> {}",
                    clean(&l.from),
                    clean(&l.to),
                    l.before,
                    l.after
                )
            })
            .collect(),
    );
    push(
        "Findings opened",
        d.findings_opened
            .iter()
            .map(|f| format!("+ {}", finding_line(f)))
            .collect(),
    );
    push(
        "Findings closed",
        d.findings_closed
            .iter()
            .map(|f| format!("- {}", finding_line(f)))
            .collect(),
    );
    out
}

/// The diff as plain text, headed by what is compared.
pub fn text(d: &DesignDiff, before: &str, after: &str) -> String {
    let mut out = format!("{} -> {}\n", clean(before), clean(after));
    if d.is_empty() {
        out.push_str("\nNo changes.\n");
        return out;
    }
    for (title, lines) in sections(d) {
        let _ = writeln!(out, "\n{title}");
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    }
    out
}

/// The diff as Markdown under a heading of `level` (2 for `##`).
pub fn markdown(d: &DesignDiff, before: &str, after: &str, level: usize) -> String {
    let h = "#".repeat(level);
    let mut out = format!("{h} Changes from {} to {}\n\n", md(before), md(after));
    if d.is_empty() {
        out.push_str("No changes.\n\n");
        return out;
    }
    out.push_str("| score | before | after | change |\n| --- | --- | --- | --- |\n");
    for s in d
        .scores
        .iter()
        .filter(|s| s.before.is_some() || s.after.is_some())
    {
        let v = |x: Option<u32>| x.map(|x| x.to_string()).unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            s.category,
            v(s.before),
            v(s.after),
            s.delta().map(signed).unwrap_or_else(|| "-".into())
        );
    }
    let _ = writeln!(out, "\n{}.\n", md(&figures_line(d)));
    let list = |out: &mut String, title: &str, items: Vec<String>| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "{h}# {title}\n");
        for i in items {
            let _ = writeln!(out, "- {i}");
        }
        out.push('\n');
    };
    list(
        &mut out,
        "Components added",
        d.components_added
            .iter()
            .map(|c| format!("{} ({})", code(&c.id), code(&c.kind)))
            .collect(),
    );
    list(
        &mut out,
        "Components removed",
        d.components_removed
            .iter()
            .map(|c| format!("{} ({})", code(&c.id), code(&c.kind)))
            .collect(),
    );
    list(
        &mut out,
        "Components changed",
        d.components_changed
            .iter()
            .map(|c| format!("{}: {}", code(&c.id), md(&c.changes.join("; "))))
            .collect(),
    );
    let link = |from: &str, to: &str| format!("{} -&gt; {}", code(from), code(to));
    list(
        &mut out,
        "Links added",
        d.links_added
            .iter()
            .map(|l| format!("{} ({})", link(&l.from, &l.to), l.mode))
            .collect(),
    );
    list(
        &mut out,
        "Links removed",
        d.links_removed
            .iter()
            .map(|l| format!("{} ({})", link(&l.from, &l.to), l.mode))
            .collect(),
    );
    list(
        &mut out,
        "Links changed",
        d.links_changed
            .iter()
            .map(|l| format!("{}: {} to {}", link(&l.from, &l.to), l.before, l.after))
            .collect(),
    );
    let finding = |f: &FindingRef| {
        super::markdown::finding_line(&f.severity, &f.rule, &f.components, &f.message)
    };
    list(
        &mut out,
        "Findings opened",
        d.findings_opened.iter().map(finding).collect(),
    );
    list(
        &mut out,
        "Findings closed",
        d.findings_closed.iter().map(finding).collect(),
    );
    out
}

/// Judges both designs with the library (each at its own stage) and diffs
/// them: what `napkin diff` and the debrief compare.
pub fn compare(
    lib: &crate::io::Library,
    before: &crate::model::Design,
    after: &crate::model::Design,
) -> DesignDiff {
    let judge = |d: &crate::model::Design| {
        let pack = d
            .scenario
            .as_deref()
            .and_then(|id| lib.pack(id))
            .map(|p| &p.pack);
        crate::engine::analyze(
            d,
            &lib.catalog,
            pack,
            &crate::engine::AnalysisOptions::default(),
        )
    };
    crate::engine::diff::diff(before, &judge(before), after, &judge(after))
}

/// A saved attempt's file name without `.napkin.yaml`: what tells two
/// sessions of one scenario apart when neither is named.
pub fn file_stem(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(".napkin.yaml")
                .to_string()
        })
        .unwrap_or_default()
}

/// What an attempt is called in a diff: its `session.name`, else
/// `fallback` (its file: two sessions of one scenario share a design name).
pub fn attempt_name(design: &crate::model::Design, fallback: &str) -> String {
    design
        .session
        .as_ref()
        .and_then(|s| s.name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| fallback.to_string())
}
