//! Graphviz DOT: `rankdir=LR`, quoted ids, escaped labels, async links
//! dashed, single points of failure red, clients first and stores last.

use super::{Subject, line, title};
use crate::model::{Category, LinkMode};
use std::fmt::Write;

/// Escapes text for the inside of a double-quoted DOT string. Backslashes
/// are doubled so Graphviz's `\N`-style escapes cannot be injected; quotes
/// are escaped; the text becomes one line.
pub fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in line(text, 200).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out
}

/// A double-quoted DOT string of `text`.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// The design as a Graphviz digraph.
pub fn digraph(s: &Subject<'_>) -> String {
    let d = s.design;
    let spofs = s.spofs();
    let mut out = String::from("digraph napkin {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, label={}, labelloc=t, fontname=\"Helvetica\", nodesep=0.4, ranksep=0.7];",
        quote(s.name)
    );
    out.push_str("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let mut first = Vec::new();
    let mut last = Vec::new();
    for c in &d.components {
        let cat = s.category(c);
        let shape = match cat {
            Some(Category::Client) => ", shape=oval",
            Some(Category::Database | Category::Storage | Category::Search) => ", shape=cylinder",
            Some(Category::Queue | Category::Stream) => ", shape=box3d",
            _ => "",
        };
        let label = format!("\"{}\\n{}\"", escape(&title(c)), escape(&c.kind));
        let spof = if spofs.contains(c.id.as_str()) {
            ", color=\"#c81e1e\", fontcolor=\"#c81e1e\", penwidth=2.5, tooltip=\"single point of failure\""
        } else {
            ""
        };
        let _ = writeln!(out, "  {} [label={label}{shape}{spof}];", quote(&c.id));
        match cat {
            Some(Category::Client) => first.push(quote(&c.id)),
            Some(
                Category::Database | Category::Storage | Category::Search | Category::External,
            ) => last.push(quote(&c.id)),
            _ => {}
        }
    }
    for l in &d.links {
        if d.component(&l.from).is_none() || d.component(&l.to).is_none() {
            continue;
        }
        let mut attrs = Vec::new();
        if l.mode == LinkMode::Async {
            attrs.push("style=dashed".to_string());
        }
        if let Some(label) = l.label.as_deref().filter(|t| !t.trim().is_empty()) {
            attrs.push(format!("label=\"{}\"", escape(label)));
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(out, "  {} -> {}{attrs};", quote(&l.from), quote(&l.to));
    }
    if !first.is_empty() {
        let _ = writeln!(out, "  {{ rank=source; {}; }}", first.join("; "));
    }
    if !last.is_empty() {
        let _ = writeln!(out, "  {{ rank=sink; {}; }}", last.join("; "));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_escape_backslashes_and_quotes() {
        assert_eq!(super::quote(r#"a"b\N"#), r#""a\"b\\N""#);
        assert_eq!(super::quote("x\ny"), "\"x y\"");
    }
}
