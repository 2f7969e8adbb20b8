//! The debrief: an interview debrief or architecture review document in
//! Markdown. Context and numbers, facts discovered, decisions with their
//! consequences, the diagram (a Mermaid block), scores, findings with
//! suggestions, accepted trade-offs, notes, and an ADR per key decision.

use super::adr::{self, Later};
use super::{Subject, mermaid};
use crate::engine;
use crate::model::StageRef;
use crate::model::num::fmt;
use std::fmt::Write;

/// Escapes untrusted text for Markdown prose: one line, HTML-significant
/// characters as entities, Markdown punctuation backslash-escaped. Text
/// between a pair of backticks stays a code span (findings quote ids that
/// way); an unpaired backtick is escaped.
pub fn md(text: &str) -> String {
    let clean = super::line(text, 2000);
    let parts: Vec<&str> = clean.split('`').collect();
    let mut out = String::with_capacity(clean.len());
    for (i, part) in parts.iter().enumerate() {
        let paired = i % 2 == 1 && i + 1 < parts.len();
        if paired {
            out.push_str(&code(part));
        } else {
            if i % 2 == 1 {
                out.push_str("\\`");
            }
            escape_prose(part, &mut out);
        }
    }
    out
}

fn escape_prose(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// One finding as a Markdown line: severity, rule, whom it names, what it says.
pub fn finding_line(
    severity: &impl std::fmt::Display,
    rule: &str,
    components: &[String],
    message: &str,
) -> String {
    let comps: Vec<String> = components.iter().map(|c| code(c)).collect();
    format!(
        "**{severity}** {} on {}: {}",
        code(rule),
        if comps.is_empty() {
            "the design".to_string()
        } else {
            comps.join(", ")
        },
        md(message)
    )
}

/// Untrusted text as an inline code span that cannot be closed early.
pub fn code(text: &str) -> String {
    let clean: String = super::line(text, 200)
        .chars()
        .filter(|&c| c != '`' && c != '|')
        .collect();
    if clean.is_empty() {
        "` `".into()
    } else {
        format!("`{clean}`")
    }
}

/// The design's debrief document.
pub fn debrief(s: &Subject<'_>) -> String {
    debrief_with(s, None)
}

/// The debrief with `changes` (the Markdown of the diff against the
/// previous attempt, see [`super::diff::markdown`]) after the findings.
pub fn debrief_with(s: &Subject<'_>, changes: Option<&str>) -> String {
    let d = s.design;
    let r = s.report;
    let mut out = String::new();
    let _ = writeln!(out, "# {}: design review\n", md(s.name));
    context_section(&mut out, s);
    facts_section(&mut out, s);
    timeline_section(&mut out, s);
    interview_section(&mut out, s);
    decisions_section(&mut out, s);
    followups_section(&mut out, s);

    out.push_str("## Diagram\n\n```mermaid\n");
    out.push_str(&mermaid::flowchart(s));
    out.push_str("```\n\nSolid arrows are sync calls, dotted arrows async hops through something durable; red boxes are single points of failure.\n\n");

    let sc = &r.scores;
    out.push_str("## Scores\n\n| score | value |\n| --- | --- |\n");
    for (name, v) in [
        ("overall", Some(sc.overall)),
        ("over-engineering", Some(sc.over_engineering)),
        ("resilience", Some(sc.resilience)),
        ("consistency", Some(sc.consistency)),
        ("capacity", Some(sc.capacity)),
        ("discovery", sc.discovery),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "| {name} | {v} |");
        }
    }
    let m = &r.metrics;
    let spofs: Vec<String> = m.spofs.iter().map(|x| code(x)).collect();
    let _ = writeln!(
        out,
        "\nAbout ${}/month and {} h of operations a month (the team can give about {}); {} deployable service{}; single points of failure: {}.\n",
        fmt(m.monthly_cost_usd),
        fmt(m.ops_hours_per_month),
        fmt(m.team_ops_hours_per_month),
        m.services,
        if m.services == 1 { "" } else { "s" },
        if spofs.is_empty() {
            "none".to_string()
        } else {
            spofs.join(", ")
        }
    );

    out.push_str("## Findings\n\n");
    if r.findings.is_empty() {
        out.push_str("No open findings.\n");
    }
    for f in &r.findings {
        let _ = writeln!(
            out,
            "- {}  \n  Suggestion: {}",
            finding_line(&f.severity, &f.rule, &f.components, &f.message),
            md(&f.suggestion)
        );
    }
    out.push('\n');

    if !r.accepted.is_empty() {
        out.push_str("## Accepted trade-offs\n\n");
        for a in &r.accepted {
            let comps: Vec<String> = a.finding.components.iter().map(|c| code(c)).collect();
            let _ = writeln!(
                out,
                "- {} on {}: {}  \n  Accepted because: {}",
                code(&a.finding.rule),
                comps.join(", "),
                md(&a.finding.message),
                md(&a.reason)
            );
        }
        out.push('\n');
    }

    if let Some(changes) = changes {
        out.push_str(changes);
    }

    if !d.notes.is_empty() {
        out.push_str("## Notes\n\n");
        for (target, note) in crate::model::notes::grouped(&d.notes) {
            use crate::model::notes::NoteTarget;
            let about = match &target {
                NoteTarget::Session => "On the session".to_string(),
                NoteTarget::Finding { rule, components } if components.is_empty() => {
                    format!("On finding {}", code(rule))
                }
                NoteTarget::Finding { rule, components } => {
                    let comps: Vec<String> = components.iter().map(|c| code(c)).collect();
                    format!("On finding {} on {}", code(rule), comps.join(", "))
                }
                NoteTarget::Component(id) => code(id),
            };
            let _ = writeln!(out, "- {about}: {}", md(note));
        }
        out.push('\n');
    }

    let later = later_stages(s);
    let records = adr::records(s, &later);
    if !records.is_empty() {
        out.push_str("## Decision records\n\n");
    }
    for (i, a) in records.iter().enumerate() {
        let _ = writeln!(out, "### ADR-{}: {}\n", i + 1, a.title);
        let _ = writeln!(out, "**Context.** {}\n", a.context);
        let _ = writeln!(out, "**Decision.** {}\n", a.decision);
        let _ = writeln!(out, "**{}.**\n", a.gained_heading);
        for g in &a.gained {
            let _ = writeln!(out, "- {g}");
        }
        out.push_str("\n**Given up.**\n\n");
        for l in &a.lost {
            let _ = writeln!(out, "- {l}");
        }
        let _ = writeln!(out, "\n**Reversibility.** {}\n", a.reversibility);
        out.push_str("**Revisit when.**\n\n");
        for v in &a.revisit {
            let _ = writeln!(out, "- {v}");
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn context_section(out: &mut String, s: &Subject<'_>) {
    let c = &s.report.context;
    out.push_str("## Context\n\n");
    if let Some(p) = s.pack {
        let _ = writeln!(
            out,
            "Scenario: **{}** ({}). {}\n",
            md(&p.title),
            code(&p.id),
            md(&p.summary)
        );
        if !p.brief.trim().is_empty() {
            for l in p.brief.lines().filter(|l| !l.trim().is_empty()) {
                let _ = writeln!(out, "> {}", md(l));
            }
            out.push('\n');
        }
    }
    if let Some(st) = &c.stage {
        let _ = writeln!(out, "Judged at stage {}.\n", code(st));
    }
    out.push_str("| figure | value |\n| --- | --- |\n");
    let _ = writeln!(out, "| users | {} |", fmt(c.users));
    let _ = writeln!(out, "| peak requests/s | {} |", fmt(c.peak_rps));
    let _ = writeln!(out, "| writes/s | {} |", fmt(c.write_rps));
    let _ = writeln!(out, "| events/s at peak | {} |", fmt(c.events_per_sec));
    let _ = writeln!(out, "| data | {} GB |", fmt(c.data_gb));
    let _ = writeln!(out, "| engineers | {} |", fmt(c.engineers));
    if let Some(b) = c.budget_usd_per_month {
        let _ = writeln!(out, "| budget | ${}/month |", fmt(b));
    }
    let _ = writeln!(out, "| availability target | {}% |", fmt(c.availability));
    if !c.assumptions.is_empty() {
        out.push_str("\nAssumed where the design gives no figure:\n\n");
        for a in &c.assumptions {
            let _ = writeln!(out, "- {}", md(a));
        }
    }
    out.push('\n');
}

fn facts_section(out: &mut String, s: &Subject<'_>) {
    let Some(p) = s.pack else { return };
    out.push_str("## Facts discovered\n\n");
    if s.design.asked.is_empty() {
        out.push_str("No clarifying questions were recorded.\n\n");
    }
    for id in &s.design.asked {
        match p.question(id) {
            Some(q) => {
                let _ = writeln!(
                    out,
                    "- {}**{}**  \n  {}",
                    if q.key { "(key) " } else { "" },
                    md(&q.ask),
                    md(&q.answer)
                );
            }
            None => {
                let _ = writeln!(out, "- {} (not a question of this scenario)", code(id));
            }
        }
    }
    if let Some(disc) = &s.report.discovery {
        if !disc.key_missed.is_empty() {
            out.push_str("\nKey questions not asked, and what they would have revealed:\n\n");
            for id in &disc.key_missed {
                if let Some(q) = p.question(id) {
                    let _ = writeln!(out, "- **{}**  \n  {}", md(&q.ask), md(&q.answer));
                }
            }
        }
        if !disc.distractors.is_empty() {
            let ds: Vec<String> = disc.distractors.iter().map(|d| code(d)).collect();
            let _ = writeln!(
                out,
                "\nQuestions that cost time without changing the design: {}.",
                ds.join(", ")
            );
        }
    }
    out.push('\n');
}

/// What was asked when: each question on the session clock, the first
/// component, the follow-up answers, and the key questions never asked.
fn timeline_section(out: &mut String, s: &Subject<'_>) {
    let Some(p) = s.pack else { return };
    let Some(log) = s.design.session.as_ref() else {
        return;
    };
    let mmss = |t: u64| format!("{:02}:{:02}", t / 60, t % 60);
    let mut events: Vec<(u64, u8, String)> = Vec::new();
    for a in &log.asked_at {
        let what = match p.question(&a.id) {
            Some(q) if q.key => format!("asked **{}** (key)", md(&q.ask)),
            Some(q) if q.distractor => format!("asked {} (a distractor)", md(&q.ask)),
            Some(q) => format!("asked {}", md(&q.ask)),
            None => format!("asked {}", code(&a.id)),
        };
        events.push((a.at_s, 0, what));
    }
    if let Some(t) = log.first_component_at_s {
        events.push((t, 1, "first component on the diagram".to_string()));
    }
    for f in log.followups.iter().filter(|f| !f.answer.trim().is_empty()) {
        let title = p
            .drills
            .iter()
            .find(|d| d.id == f.drill)
            .map(|d| md(&d.title))
            .unwrap_or_else(|| code(&f.drill));
        events.push((f.at_s, 2, format!("answered the follow-up {title}")));
    }
    if events.is_empty() {
        return;
    }
    events.sort_by_key(|a| (a.0, a.1));
    out.push_str("## Question timeline\n\n| at | what happened |\n| --- | --- |\n");
    for (at, _, what) in &events {
        let _ = writeln!(out, "| {} | {what} |", mmss(*at));
    }
    let late: Vec<String> = match log.first_component_at_s {
        Some(first) => log
            .asked_at
            .iter()
            .filter(|a| a.at_s > first && p.question(&a.id).is_some_and(|q| q.key))
            .map(|a| code(&a.id))
            .collect(),
        None => Vec::new(),
    };
    if !late.is_empty() {
        let _ = writeln!(
            out,
            "\nKey questions asked only after the drawing began: {}.",
            late.join(", ")
        );
    }
    let missed: Vec<String> = p
        .questions
        .iter()
        .filter(|q| q.key && !s.design.asked.contains(&q.id))
        .map(|q| md(&q.ask))
        .collect();
    if missed.is_empty() {
        out.push_str("\nEvery key question was asked.\n\n");
    } else {
        let _ = writeln!(out, "\nKey questions never asked: {}.\n", missed.join("; "));
    }
}

/// An interview's round: each phase's time against what it was given,
/// and the questions as the candidate typed them.
fn interview_section(out: &mut String, s: &Subject<'_>) {
    let Some(log) = s.design.session.as_ref().and_then(|l| l.interview.as_ref()) else {
        return;
    };
    let mmss = |t: u64| format!("{:02}:{:02}", t / 60, t % 60);
    out.push_str("## Interview\n\n| phase | time taken | time given |\n| --- | --- | --- |\n");
    for p in &log.phases {
        let over = if p.spent_s > p.budget_s {
            " (over)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| {} | {}{over} | {} |",
            p.phase.title(),
            mmss(p.spent_s),
            mmss(p.budget_s)
        );
    }
    let _ = writeln!(
        out,
        "\nIn all {} of {}; the round is at {}.\n",
        mmss(log.spent_s()),
        mmss(log.budget_s()),
        log.phase.title()
    );
    if !log.typed.is_empty() {
        out.push_str("Questions as asked:\n\n");
        for q in &log.typed {
            let how = if q.matched.is_empty() {
                "declined: not something the interviewer would worry about here".to_string()
            } else {
                let ids: Vec<String> = q.matched.iter().map(|m| code(m)).collect();
                format!("answered ({})", ids.join(", "))
            };
            let _ = writeln!(out, "- {} at {}: {how}", md(&q.text), mmss(q.at_s));
        }
        out.push('\n');
    }
}

fn decisions_section(out: &mut String, s: &Subject<'_>) {
    let Some(p) = s.pack else { return };
    if p.prompts.is_empty() {
        return;
    }
    out.push_str("## Decisions\n\n");
    for pr in &p.prompts {
        let _ = writeln!(out, "### {}\n", md(&pr.question));
        match s.design.answers.get(&pr.id) {
            None => out.push_str("Not answered.\n\n"),
            Some(a) => match pr.options.iter().find(|o| o.id == *a) {
                Some(o) => {
                    let _ = writeln!(out, "Chosen: **{}**\n", md(&o.label));
                    let _ = writeln!(out, "- Consequence: {}", md(&o.consequence));
                    let _ = writeln!(out, "- Reasoning: {}", md(&o.reasoning));
                    let _ = writeln!(
                        out,
                        "- Reversibility: {}\n",
                        super::adr::reversibility_of(pr, o)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "Answered {}, which is not one of the options.\n",
                        code(a)
                    );
                }
            },
        }
    }
}

/// The candidate's answers to the interviewer's follow-ups, each with the
/// pack's model answer once its drill has run in the session.
fn followups_section(out: &mut String, s: &Subject<'_>) {
    let Some(p) = s.pack else { return };
    let Some(log) = s.design.session.as_ref() else {
        return;
    };
    let answered: Vec<_> = log
        .followups
        .iter()
        .filter(|f| !f.answer.trim().is_empty() || f.drilled)
        .collect();
    if answered.is_empty() {
        return;
    }
    out.push_str(
        "## Follow-ups

",
    );
    for f in answered {
        let Some(d) = p.drills.iter().find(|d| d.id == f.drill) else {
            let _ = writeln!(
                out,
                "### {}

Not a follow-up of this scenario.
",
                code(&f.drill)
            );
            continue;
        };
        let _ = writeln!(
            out,
            "### {}

> {}
",
            md(&d.title),
            md(&d.question)
        );
        if f.answer.trim().is_empty() {
            out.push_str(
                "Answer: none written.

",
            );
        } else {
            let _ = writeln!(
                out,
                "Answer: {}
",
                md(&f.answer)
            );
        }
        // The debrief is the mentor's hand-over: the model answer is
        // beside the candidate's whether or not the drill ran.
        let _ = writeln!(
            out,
            "What a good answer covers: {}
",
            md(&d.expect)
        );
        if !f.drilled {
            out.push_str(
                "The drill has not run on the design yet.

",
            );
        }
    }
}

/// The design judged at every stage after the one it was judged at.
fn later_stages<'a>(s: &Subject<'a>) -> Vec<Later<'a>> {
    let Some(p) = s.pack else { return Vec::new() };
    let now = s
        .report
        .context
        .stage
        .as_deref()
        .and_then(|id| p.stages.iter().position(|st| st.id == id));
    let Some(now) = now else { return Vec::new() };
    p.stages
        .iter()
        .skip(now + 1)
        .map(|st| Later {
            id: st.id.as_str(),
            context: p.stage_context(st),
            report: engine::analyze(
                s.design,
                s.catalog,
                Some(p),
                &engine::AnalysisOptions {
                    stage: Some(StageRef::Id(st.id.clone())),
                    ..Default::default()
                },
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_escaped() {
        assert_eq!(
            md("a <b> & *c* | [d](e)"),
            "a &lt;b&gt; &amp; \\*c\\* \\| \\[d\\](e)"
        );
        assert_eq!(md("x\ny"), "x y");
        assert_eq!(md("`db` is *down*"), "`db` is \\*down\\*");
        assert_eq!(md("a ` b"), "a \\` b");
        assert_eq!(md("`a|b` c"), "`ab` c");
        assert_eq!(code("a`b|c"), "`abc`");
        assert_eq!(code("`"), "` `");
    }
}
