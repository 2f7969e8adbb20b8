//! Reports as text for a terminal, Markdown and JSON.

use crate::engine::report::{Finding, Report};
use crate::io::export::markdown::{code, md};
use crate::model::num::fmt;
use crate::model::{FlowStatus, Severity};
use crate::text;
use std::fmt::Write;

/// Colours for text output; all off gives plain text.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub color: bool,
}

impl Paint {
    fn sgr(&self, code: &str, t: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    }

    fn sev(&self, s: Severity) -> String {
        let code = match s {
            Severity::Critical => "1;31",
            Severity::High => "31",
            Severity::Medium => "33",
            Severity::Low => "36",
            Severity::Info => "2",
        };
        self.sgr(code, &format!("{:<8}", s.as_str().to_uppercase()))
    }
}

fn bar(score: u32) -> String {
    let full = (score as usize).div_ceil(10).min(10);
    format!("{}{}", "█".repeat(full), "░".repeat(10 - full))
}

/// The report as coloured (or plain) text, grouped by severity.
pub fn text(report: &Report, name: &str, p: Paint) -> String {
    let mut s = String::new();
    text_header(&mut s, report, name, p);
    text_scores(&mut s, report);
    text_metrics(&mut s, report);
    text_findings(&mut s, report, p);
    text_fixes(&mut s, report, p);
    text_availability(&mut s, report, p);
    text_discovery(&mut s, report, p);
    text_accepted(&mut s, report, p);
    text_drill(&mut s, report, p);
    text_assumptions(&mut s, report, p);
    s
}

/// The design's name and the context it was judged in.
fn text_header(s: &mut String, report: &Report, name: &str, p: Paint) {
    let _ = writeln!(s, "{}", p.sgr("1", &text::line(name)));
    let ctx = &report.context;
    let mut where_ = Vec::new();
    if let Some(sn) = &ctx.scenario {
        where_.push(format!("scenario {sn}"));
    }
    if let Some(st) = &ctx.stage {
        where_.push(format!("stage {st}"));
    }
    where_.push(format!(
        "{} users, {} rps peak, {} writes/s, {} events/s peak, {} engineers, {}% target",
        fmt(ctx.users),
        fmt(ctx.peak_rps),
        fmt(ctx.write_rps),
        fmt(ctx.events_per_sec),
        fmt(ctx.engineers),
        ctx.availability
    ));
    let _ = writeln!(s, "{}", p.sgr("2", &where_.join(" · ")));
}

/// A bar per score.
fn text_scores(s: &mut String, report: &Report) {
    let sc = &report.scores;
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "  overall           {:>3}  {}",
        sc.overall,
        bar(sc.overall)
    );
    for (label, v) in [
        ("over-engineering", sc.over_engineering),
        ("resilience", sc.resilience),
        ("consistency", sc.consistency),
        ("capacity", sc.capacity),
    ] {
        let _ = writeln!(s, "  {label:<17} {v:>3}  {}", bar(v));
    }
    if let Some(d) = sc.discovery {
        let _ = writeln!(s, "  {:<17} {d:>3}  {}", "discovery", bar(d));
    }
}

/// Cost, operations hours, services and single points of failure.
fn text_metrics(s: &mut String, report: &Report) {
    let m = &report.metrics;
    let _ = writeln!(
        s,
        "\n  ~${}/month · ~{} ops h/month (team can give ~{}) · {} service{} · SPOFs: {}",
        fmt(m.monthly_cost_usd),
        fmt(m.ops_hours_per_month),
        fmt(m.team_ops_hours_per_month),
        m.services,
        if m.services == 1 { "" } else { "s" },
        if m.spofs.is_empty() {
            "none".to_string()
        } else {
            m.spofs.join(", ")
        }
    );
}

/// The open findings, worst first.
fn text_findings(s: &mut String, report: &Report, p: Paint) {
    if report.findings.is_empty() {
        let _ = writeln!(s, "\n  {}", p.sgr("32", "No open findings."));
    }
    for sev in Severity::WORST_FIRST {
        let group: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s);
        for f in group {
            let _ = writeln!(
                s,
                "{} {} {}",
                p.sev(sev),
                p.sgr("1", &f.rule),
                p.sgr("2", &format!("[{}]", f.components.join(", ")))
            );
            let _ = writeln!(s, "         {}", text::line(&f.message));
            let _ = writeln!(
                s,
                "         {} {}",
                p.sgr("32", "→"),
                text::line(&f.suggestion)
            );
        }
    }
}

/// The priced fixes, best first.
fn text_fixes(s: &mut String, report: &Report, p: Paint) {
    if !report.fixes.is_empty() {
        let _ = writeln!(s, "\n{}", p.sgr("1", "Fixes and what they buy"));
        for f in report.fixes.iter().take(8) {
            let _ = writeln!(
                s,
                "  {}  {}",
                text::line(&f.summary),
                p.sgr("2", &f.command)
            );
        }
    }
}

/// Each critical flow's availability against the target.
fn text_availability(s: &mut String, report: &Report, p: Paint) {
    if !report.availability.is_empty() {
        let _ = writeln!(s, "\n{}", p.sgr("1", "Availability per flow"));
        for a in &report.availability {
            let mark = if a.meets_target {
                p.sgr("32", "meets")
            } else {
                p.sgr("31", "misses")
            };
            let _ = writeln!(
                s,
                "  {:<24} {mark} {}% target: {}",
                a.flow, a.target, a.arithmetic
            );
            if !a.decoupled.is_empty() {
                let _ = writeln!(
                    s,
                    "  {:<24} {}",
                    "",
                    p.sgr(
                        "2",
                        &format!(
                            "behind a queue (delays, not errors): {}",
                            a.decoupled.join(", ")
                        )
                    )
                );
            }
        }
    }
}

/// Which key questions were asked, late or missed.
fn text_discovery(s: &mut String, report: &Report, p: Paint) {
    if let Some(d) = &report.discovery {
        let _ = writeln!(s, "\n{}", p.sgr("1", "Discovery"));
        if !d.key_asked_early.is_empty() {
            let _ = writeln!(
                s,
                "  asked before drawing: {}",
                d.key_asked_early.join(", ")
            );
        }
        if !d.key_asked_late.is_empty() {
            let _ = writeln!(
                s,
                "  asked after drawing started: {}",
                d.key_asked_late.join(", ")
            );
        }
        if !d.key_missed.is_empty() {
            let _ = writeln!(s, "  key questions missed: {}", d.key_missed.join(", "));
        }
        if !d.distractors.is_empty() {
            let _ = writeln!(s, "  time spent on: {}", d.distractors.join(", "));
        }
    }
}

/// The trade-offs the design accepts, with their reasons.
fn text_accepted(s: &mut String, report: &Report, p: Paint) {
    if !report.accepted.is_empty() {
        let _ = writeln!(s, "\n{}", p.sgr("1", "Accepted trade-offs"));
        for a in &report.accepted {
            let _ = writeln!(
                s,
                "  {} [{}]: {}",
                a.finding.rule,
                a.finding.components.join(", "),
                text::line(&a.reason)
            );
        }
    }
}

/// What a drill took down and what it did to each flow.
fn text_drill(s: &mut String, report: &Report, p: Paint) {
    if let Some(d) = &report.drill {
        let _ = writeln!(s, "\n{}", p.sgr("1", "Drill"));
        if !d.failed.is_empty() {
            let _ = writeln!(s, "  down: {}", d.failed.join(", "));
        }
        if !d.survived.is_empty() {
            let _ = writeln!(
                s,
                "  lost an instance and kept going: {}",
                d.survived.join(", ")
            );
        }
        if !d.absent.is_empty() {
            let _ = writeln!(
                s,
                "  not in the design, so nothing of it to lose: {}",
                d.absent.join(", ")
            );
        }
        if d.spike != 1.0 {
            let _ = writeln!(s, "  load x{}", fmt(d.spike));
        }
        for f in &d.flows {
            let st = match f.status {
                FlowStatus::Broken => p.sgr("31", "BROKEN "),
                FlowStatus::Delayed => p.sgr("33", "DELAYED"),
                FlowStatus::Degraded => p.sgr("33", "SLOW   "),
                FlowStatus::Ok => p.sgr("32", "OK     "),
            };
            let _ = writeln!(s, "  {st} {:<24} {}", f.flow, f.detail);
        }
    }
}

/// What the engine assumed where the context was silent.
fn text_assumptions(s: &mut String, report: &Report, p: Paint) {
    if !report.context.assumptions.is_empty() {
        let _ = writeln!(s, "\n{}", p.sgr("2", "Assumed:"));
        for a in &report.context.assumptions {
            let _ = writeln!(s, "{}", p.sgr("2", &format!("  - {a}")));
        }
    }
}

/// The report as Markdown. Every piece of text from the design is escaped
/// as the Markdown export escapes it: no HTML, links or images get through.
pub fn markdown(report: &Report, name: &str) -> String {
    let mut s = String::new();
    let sc = &report.scores;
    let _ = writeln!(s, "# {}\n", md(name));
    let _ = writeln!(s, "| score | value |\n| --- | --- |");
    let _ = writeln!(s, "| overall | {} |", sc.overall);
    let _ = writeln!(s, "| over-engineering | {} |", sc.over_engineering);
    let _ = writeln!(s, "| resilience | {} |", sc.resilience);
    let _ = writeln!(s, "| consistency | {} |", sc.consistency);
    let _ = writeln!(s, "| capacity | {} |", sc.capacity);
    if let Some(d) = sc.discovery {
        let _ = writeln!(s, "| discovery | {d} |");
    }
    let m = &report.metrics;
    let _ = writeln!(
        s,
        "\nMonthly cost ~${}, operations ~{} h/month, SPOFs: {}.\n",
        fmt(m.monthly_cost_usd),
        fmt(m.ops_hours_per_month),
        if m.spofs.is_empty() {
            "none".into()
        } else {
            m.spofs
                .iter()
                .map(|c| code(c))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    let _ = writeln!(s, "## Findings\n");
    if report.findings.is_empty() {
        let _ = writeln!(s, "No open findings.");
    }
    for f in &report.findings {
        let _ = writeln!(
            s,
            "- **{}** {} ({}): {}  \n  Suggestion: {}",
            f.severity,
            code(&f.rule),
            f.components
                .iter()
                .map(|c| code(c))
                .collect::<Vec<_>>()
                .join(", "),
            md(&f.message),
            md(&f.suggestion)
        );
    }
    if !report.fixes.is_empty() {
        let _ = writeln!(s, "\n## Fixes\n");
        for f in &report.fixes {
            let _ = writeln!(s, "- {} ({})", md(&f.summary), code(&f.command));
        }
    }
    if !report.availability.is_empty() {
        let _ = writeln!(s, "\n## Availability per flow\n");
        for a in &report.availability {
            let _ = writeln!(
                s,
                "- {}: {} the {}% target: {}",
                code(&a.flow),
                if a.meets_target { "meets" } else { "misses" },
                a.target,
                md(&a.arithmetic)
            );
        }
    }
    markdown_drill(&mut s, report);
    if !report.accepted.is_empty() {
        let _ = writeln!(s, "\n## Accepted trade-offs\n");
        for a in &report.accepted {
            let _ = writeln!(
                s,
                "- {} ({}): {}",
                code(&a.finding.rule),
                a.finding
                    .components
                    .iter()
                    .map(|c| code(c))
                    .collect::<Vec<_>>()
                    .join(", "),
                md(&a.reason)
            );
        }
    }
    s
}

/// What a drill took down and what it did to each flow, as Markdown.
fn markdown_drill(s: &mut String, report: &Report) {
    let Some(d) = &report.drill else { return };
    let _ = writeln!(s, "\n## Drill\n");
    let list = |ids: &[String]| ids.iter().map(|c| code(c)).collect::<Vec<_>>().join(", ");
    if !d.failed.is_empty() {
        let _ = writeln!(s, "- down: {}", list(&d.failed));
    }
    if !d.survived.is_empty() {
        let _ = writeln!(
            s,
            "- lost an instance and kept going: {}",
            list(&d.survived)
        );
    }
    if !d.absent.is_empty() {
        let _ = writeln!(
            s,
            "- not in the design, so nothing of it to lose: {}",
            list(&d.absent)
        );
    }
    if d.spike != 1.0 {
        let _ = writeln!(s, "- load x{}", fmt(d.spike));
    }
    if !d.flows.is_empty() {
        let _ = writeln!(s, "\n| flow | status | what happens |\n| --- | --- | --- |");
        for f in &d.flows {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                code(&f.flow),
                f.status,
                md(&f.detail).replace('|', "\\|")
            );
        }
    }
}

/// The report as pretty JSON (the schema in the design brief).
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
