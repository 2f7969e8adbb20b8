//! Mermaid `flowchart LR`, as GitHub renders it: stable node ids derived
//! from component ids, quoted and entity-escaped labels, sync links `-->`,
//! async links `-.->`, single points of failure styled with `classDef spof`.

use super::{Subject, line, title};
use crate::model::{Category, LinkMode};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Words Mermaid reads as syntax when used as a bare node id.
const RESERVED: &[&str] = &[
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "class",
    "classdef",
    "click",
    "linkstyle",
    "default",
    "direction",
    "call",
    "href",
];

/// Mermaid node ids for every component: the id with anything outside
/// `[A-Za-z0-9_]` turned into `_`, made unique and kept off reserved words.
pub fn node_ids(ids: &[&str]) -> BTreeMap<String, String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut out = BTreeMap::new();
    for &id in ids {
        if out.contains_key(id) {
            continue;
        }
        let mut base: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if base.is_empty() || RESERVED.contains(&base.to_ascii_lowercase().as_str()) {
            base = format!("n_{base}");
        }
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(candidate.clone());
        out.insert(id.to_string(), candidate);
    }
    out
}

/// Escapes text for a double-quoted Mermaid label: quotes, brackets, angle
/// brackets, pipes, `#`, `;` and backticks become entity codes, so the text
/// can never close the label or inject markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in line(text, 200).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '[' => out.push_str("#91;"),
            ']' => out.push_str("#93;"),
            '(' => out.push_str("#40;"),
            ')' => out.push_str("#41;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            '|' => out.push_str("#124;"),
            ';' => out.push_str("#59;"),
            '`' => out.push_str("#96;"),
            '\\' => out.push_str("#92;"),
            c => out.push(c),
        }
    }
    out
}

/// The design as a Mermaid flowchart.
pub fn flowchart(s: &Subject<'_>) -> String {
    let d = s.design;
    let ids: Vec<&str> = d.components.iter().map(|c| c.id.as_str()).collect();
    let node = node_ids(&ids);
    let mut out = String::from("flowchart LR\n");
    for c in &d.components {
        let Some(id) = node.get(&c.id) else { continue };
        let label = format!("{}<br/>{}", escape(&title(c)), escape(&c.kind));
        let (open, close) = match s.category(c) {
            Some(Category::Client) => ("([", "])"),
            Some(Category::Database | Category::Storage | Category::Search) => ("[(", ")]"),
            Some(Category::Queue | Category::Stream) => ("[[", "]]"),
            _ => ("[", "]"),
        };
        let _ = writeln!(out, "  {id}{open}\"{label}\"{close}");
    }
    for l in &d.links {
        let (Some(a), Some(b)) = (node.get(&l.from), node.get(&l.to)) else {
            continue;
        };
        let arrow = match l.mode {
            LinkMode::Sync => "-->",
            LinkMode::Async => "-.->",
        };
        match l.label.as_deref().map(escape).filter(|t| !t.is_empty()) {
            Some(text) => {
                let _ = writeln!(out, "  {a} {arrow}|\"{text}\"| {b}");
            }
            None => {
                let _ = writeln!(out, "  {a} {arrow} {b}");
            }
        }
    }
    let spofs: Vec<&String> = s
        .spofs()
        .into_iter()
        .filter_map(|id| node.get(id))
        .collect();
    if !spofs.is_empty() {
        out.push_str(
            "  classDef spof fill:#fde8e8,stroke:#c81e1e,stroke-width:3px,color:#771d1d\n",
        );
        let list: Vec<&str> = spofs.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(out, "  class {} spof", list.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_and_unique() {
        let ids = node_ids(&["api", "end", "a-b", "a_b", "ü"]);
        assert_eq!(ids["api"], "api");
        assert_eq!(ids["end"], "n_end");
        assert_eq!(ids["a-b"], "a_b");
        assert_eq!(ids["a_b"], "a_b_2");
        assert_eq!(ids["ü"], "_");
    }

    #[test]
    fn labels_cannot_break_out() {
        let e = escape("a\"]) --> x[\"b <script>");
        assert!(!e.contains(['"', '[', ']', '(', ')', '<', '>']), "{e}");
    }
}
