//! `napkin history`: the sessions finished so far, per scenario, with their
//! scores over time, estimation accuracy, level reached and the findings
//! that recur; `--format json` prints the records.

use super::present::Style;
use super::{Failure, Outcome};
use crate::io::history::{self, Attempt};
use crate::io::home::Home;
use std::io::Write;

pub(super) fn run(
    home: Option<&Home>,
    scenario: Option<&str>,
    json: bool,
    style: Style,
) -> Outcome {
    let Some(home) = home else {
        return Err(Failure::Other(anyhow::anyhow!(
            "no home folder to read history from: set NAPKIN_HOME"
        )));
    };
    let (mut all, warnings) = history::load(&history::dir(&home.data));
    for w in &warnings {
        eprintln!("napkin: skipped {}", crate::text::line(w));
    }
    if let Some(id) = scenario {
        all.retain(|a| a.scenario == id);
    }
    if json {
        let text = serde_json::to_string_pretty(&all).map_err(|e| Failure::Other(e.into()))?;
        say!("{text}");
        return Ok(());
    }
    if all.is_empty() {
        say!(
            "no finished sessions yet: finish an interview (napkin practice ID --interview) or a practice round"
        );
        return Ok(());
    }
    for (id, attempts) in history::by_scenario(&all) {
        say!(
            "{}  {} attempt{}",
            style.bold(&crate::text::line(id)),
            attempts.len(),
            if attempts.len() == 1 { "" } else { "s" }
        );
        for a in &attempts {
            say!("  {}", row(a));
        }
        if let (Some(first), Some(last)) = (attempts.first(), attempts.last())
            && attempts.len() > 1
        {
            let moves: Vec<String> = first
                .scores
                .categories()
                .iter()
                .zip(last.scores.categories())
                .map(|((c, a), (_, b))| format!("{c} {a}→{b}"))
                .collect();
            say!(
                "  over time: overall {}→{} · {}",
                first.scores.overall,
                last.scores.overall,
                moves.join(" · ")
            );
        }
        let (good, n) = history::accuracy(attempts.iter().copied());
        if n > 0 {
            say!("  estimates: {good} of {n} within 2x");
        }
        let rec = history::recurring(attempts.iter().copied());
        if !rec.is_empty() {
            let r: Vec<String> = rec.iter().map(|(r, c)| format!("{r} ({c})")).collect();
            say!("  recurring: {}", r.join(", "));
        }
        say!("");
    }
    if let Some(next) = history::practise_next(&all) {
        say!("next: {next}");
    }
    Ok(())
}

/// One attempt on one line.
fn row(a: &Attempt) -> String {
    let est = a.estimates.iter().sum::<usize>();
    let reached = a.reached.map(|l| l.id()).unwrap_or("-");
    format!(
        "{:<12} {:<9} {:<7} overall {:>3} · over-eng {} · resil {} · consist {} · capac {} · estimates {}/{} · level {} (reached {})",
        crate::text::label(&a.label(), 24),
        a.mode,
        crate::text::line(&a.stage),
        a.scores.overall,
        a.scores.over_engineering,
        a.scores.resilience,
        a.scores.consistency,
        a.scores.capacity,
        a.estimates[0],
        est,
        a.level.id(),
        reached,
    )
}
