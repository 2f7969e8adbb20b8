//! The import's account of itself, as text and Markdown: what each service
//! became and why, the links and what shows them, what was left out, and
//! the notes to check by hand. Every name in it went through `crate::text`
//! when the import was made.

use super::{Found, Import};
use std::fmt::Write;

/// Plain text, for the terminal.
pub fn text(import: &Import, file: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Imported {}", crate::text::line(file));
    let _ = writeln!(s, "\nServices ({}):", import.services.len());
    for m in &import.services {
        let _ = writeln!(s, "  {}", service_line(m));
    }
    if !import.entries.is_empty() {
        let _ = writeln!(
            s,
            "\nEntry: `users` (web-client) calls {}",
            ticks(&import.entries)
        );
    }
    let _ = writeln!(s, "\nLinks ({}):", import.links.len());
    for l in &import.links {
        let _ = writeln!(s, "  {}", link_line(l));
    }
    section(
        &mut s,
        "Left out of the design",
        import
            .left_out
            .iter()
            .map(|l| format!("{}: {}", l.service, l.reason)),
        "  ",
    );
    section(
        &mut s,
        "Links left off",
        import.dropped.iter().map(link_line),
        "  ",
    );
    let fallback: Vec<String> = import
        .services
        .iter()
        .filter(|m| m.by == "fallback")
        .map(|m| m.service.clone())
        .collect();
    if !fallback.is_empty() {
        let _ = writeln!(
            s,
            "\nUnmapped, judged as app-server (no rule in the table matched): {}",
            fallback.join(", ")
        );
    }
    section(&mut s, "Check by hand", import.notes.iter().cloned(), "  ");
    s
}

/// Markdown, to go before the review document.
pub fn markdown(import: &Import, file: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## Imported from `{}`\n", crate::text::line(file));
    let _ = writeln!(s, "| service | component | kind | replicas | decided by |");
    let _ = writeln!(s, "| --- | --- | --- | --- | --- |");
    for m in &import.services {
        let kind = match &m.role {
            Some(r) => format!("{} ({r})", m.kind),
            None => m.kind.clone(),
        };
        let by = match (&m.image, m.by.as_str()) {
            (Some(i), "image") => format!("image `{i}`"),
            (_, "fallback") => "fallback: no rule matched".into(),
            (_, by) => by.to_string(),
        };
        let tooling = if m.tooling { " (tooling)" } else { "" };
        let _ = writeln!(
            s,
            "| {} | `{}` | {kind}{tooling} | {} | {by} |",
            m.service, m.component, m.replicas
        );
    }
    if !import.entries.is_empty() {
        let _ = writeln!(
            s,
            "\nEntry: `users` (web-client) calls {}.",
            ticks(&import.entries)
        );
    }
    section(&mut s, "Links", import.links.iter().map(link_line), "- ");
    section(
        &mut s,
        "Left out of the design",
        import
            .left_out
            .iter()
            .map(|l| format!("{}: {}", l.service, l.reason)),
        "- ",
    );
    section(
        &mut s,
        "Links left off",
        import.dropped.iter().map(link_line),
        "- ",
    );
    section(&mut s, "Check by hand", import.notes.iter().cloned(), "- ");
    s
}

fn service_line(m: &super::Mapped) -> String {
    let kind = match &m.role {
        Some(r) => format!("{} as {r}", m.kind),
        None => m.kind.clone(),
    };
    let replicas = if m.replicas > 1 {
        format!(" x{}", m.replicas)
    } else {
        String::new()
    };
    let by = match (&m.image, m.by.as_str()) {
        (Some(i), "image") => format!("by image {i}"),
        (_, "fallback") => "fallback: no rule matched".into(),
        (_, by) => format!("by {by}"),
    };
    let tooling = if m.tooling {
        ", tooling: off the request path"
    } else {
        ""
    };
    format!("{:<24} -> {kind}{replicas} ({by}{tooling})", m.service)
}

fn link_line(l: &Found) -> String {
    let arrow = if l.mode == "async" { "~>" } else { "->" };
    format!("{} {arrow} {}  ({})", l.from, l.to, l.evidence.join("; "))
}

fn ticks(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A titled list, left out when empty.
fn section(s: &mut String, title: &str, items: impl Iterator<Item = String>, bullet: &str) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{title} ({}):", items.len());
    for i in items {
        let _ = writeln!(s, "{bullet}{i}");
    }
}
