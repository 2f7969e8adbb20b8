//! `napkin scenarios` and `napkin new`.

use super::present::{Style, context_line, out, unknown_pack};
use super::{Failure, Outcome};
use crate::io::Library;
use crate::io::load;
use crate::text;
use std::io::Write;

pub(super) fn list(lib: &Library, style: Style) -> Outcome {
    let w = lib
        .packs()
        .iter()
        .map(|p| p.pack.id.len())
        .max()
        .unwrap_or(0);
    for p in lib.packs() {
        let origin = match &p.origin {
            load::Origin::BuiltIn => String::new(),
            load::Origin::Folder(d) => {
                format!("  ({})", crate::text::line(&d.display().to_string()))
            }
        };
        say!(
            "{}  {:<6} {:>3} min  {}{}",
            style.bold(&format!("{:<w$}", p.pack.id)),
            text::line(&p.pack.difficulty),
            p.pack.minutes,
            text::line(&p.pack.summary),
            origin
        );
    }
    Ok(())
}

pub(super) fn show(lib: &Library, id: &str, questions: bool, style: Style) -> Outcome {
    let Some(lp) = lib.pack(id) else {
        return Err(unknown_pack(lib, id));
    };
    let p = &lp.pack;
    say!(
        "{}  ({}, {} minutes)",
        style.bold(&text::line(&p.title)),
        text::line(&p.difficulty),
        p.minutes
    );
    say!("\n{}", text::clean(p.brief.trim_end()));
    // The interview's minutes per phase, by the same rule the app uses.
    let phases: Vec<String> = crate::model::interview::Phase::ALL
        .iter()
        .zip(crate::model::interview::pack_budgets(p, None))
        .map(|(ph, b)| match b % 60 {
            0 => format!("{} {}", ph.title(), b / 60),
            s => format!("{} {}:{s:02}", ph.title(), b / 60),
        })
        .collect();
    say!(
        "\n{}: {} (minutes; napkin practice {} --interview)",
        style.bold("Interview phases"),
        phases.join(" · "),
        p.id
    );
    say!("\n{}", style.bold("Stages"));
    for (i, s) in p.stages.iter().enumerate() {
        let ctx = p.stage_context(s);
        say!(
            "  {}. {} ({}): {}",
            i + 1,
            text::line(&s.title),
            text::line(&s.id),
            context_line(&ctx)
        );
        if !s.summary.is_empty() {
            say!("     {}", text::line(&s.summary));
        }
    }
    say!("\n{}", style.bold("Entities"));
    for e in &p.entities {
        say!(
            "  {:<18} consistency {:?}, contention {:?}{}",
            text::line(&e.id),
            e.consistency,
            e.contention(),
            if e.ordered { ", ordered" } else { "" }
        );
    }
    say!("\n{}", style.bold("Critical flows"));
    for f in &p.flows {
        say!(
            "  {:<22} {} -> {} ({:?})",
            text::line(&f.id),
            text::line(&f.from),
            text::line(&f.to.join(", ")),
            f.mode
        );
    }
    // The questions are the candidate's to think of; mentors and pack
    // authors ask for them.
    if questions {
        say!(
            "\n{} (answers stay hidden until asked in a session)",
            style.bold("Questions you can ask")
        );
        for q in &p.questions {
            let also = if q.synonyms.is_empty() {
                String::new()
            } else {
                let words: Vec<String> = q.synonyms.iter().map(|w| text::line(w)).collect();
                format!("  (also: {})", words.join(", "))
            };
            say!("  - {}{also}", text::line(&q.ask));
        }
    } else {
        say!(
            "\n{} {} clarifying questions (--questions lists them)",
            style.bold("Questions"),
            p.questions.len()
        );
    }
    say!("\n{}", style.bold("Decisions you will be asked to make"));
    for pr in &p.prompts {
        let opts: Vec<String> = pr.options.iter().map(|o| text::line(&o.id)).collect();
        say!(
            "  {:<20} {} [{}]",
            text::line(&pr.id),
            text::line(&pr.question),
            opts.join(" | ")
        );
    }
    say!("\n{}", style.bold("Follow-ups"));
    for d in &p.drills {
        say!("  {:<20} {}", text::line(&d.id), text::line(&d.title));
    }
    say!(
        "\nStart: napkin practice {}    Starter file: napkin new {}",
        p.id,
        p.id
    );
    Ok(())
}

pub(super) fn new_design(lib: &Library, id: &str) -> Outcome {
    let Some(lp) = lib.pack(id) else {
        return Err(unknown_pack(lib, id));
    };
    let design = crate::io::starter::starter_design(&lp.pack, &lib.catalog)
        .map_err(|e| Failure::Other(anyhow::anyhow!(e)))?;
    let text = load::design_to_yaml(&design).map_err(|e| Failure::Other(anyhow::anyhow!(e)))?;
    say!("# A starter design for `{id}`. Score it with: napkin score FILE");
    say!("# Kinds: napkin catalog    Scenario: napkin scenarios show {id}");
    let _ = write!(out(), "{text}");
    Ok(())
}
