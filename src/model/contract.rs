//! The input contract: which keys each file format takes. The vocabulary is
//! read from the formats' JSON Schemas, which are generated from the types, so
//! an unknown key's did-you-mean hint, `napkin schema` and the format document's
//! test all follow the model without a second list to keep in step.

use super::validate::did_you_mean;
use super::{Catalog, Design, Pack};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// Prefix of the keys users keep for themselves; napkin ignores them and
/// keeps them on save.
pub const USER_KEY_PREFIX: &str = "x-";

/// True for a key the user keeps for themselves (`x-owner`).
pub fn is_user_key(key: &str) -> bool {
    key.starts_with(USER_KEY_PREFIX)
}

/// A file format napkin reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// A `*.napkin.yaml` design.
    Design,
    /// A scenario pack's `pack.yaml`.
    Pack,
    /// The component catalog.
    Catalog,
}

impl FileFormat {
    /// The format's JSON Schema (draft 2020-12), generated from the types.
    pub fn schema(self) -> Value {
        let schema = match self {
            FileFormat::Design => schemars::schema_for!(Design),
            FileFormat::Pack => schemars::schema_for!(Pack),
            FileFormat::Catalog => schemars::schema_for!(Catalog),
        };
        schema.to_value()
    }
}

/// One step of a logical path into a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A logical path such as `components[2].replica`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Step>);

impl KeyPath {
    /// The last key of the path, if it ends in one.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Step::Key(k)) => Some(k),
            _ => None,
        }
    }

    /// The path of the mapping that holds the last key.
    pub fn parent(&self) -> KeyPath {
        let mut steps = self.0.clone();
        steps.pop();
        KeyPath(steps)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Follows `$ref`s to the definition they name.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    // Bounded: a schema's refs name definitions, never a chain longer than the defs.
    for _ in 0..64 {
        let Some(r) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(name) = r.strip_prefix("#/$defs/") else {
            break;
        };
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(def) => node = def,
            None => break,
        }
    }
    node
}

/// The alternatives a node stands for (`anyOf`/`oneOf`, e.g. an optional
/// field is "this or null"), or the node itself.
fn branches<'a>(root: &'a Value, node: &'a Value) -> Vec<&'a Value> {
    let node = resolve(root, node);
    let mut out = Vec::new();
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(items) = node.get(key).and_then(Value::as_array) {
            for item in items {
                out.extend(branches(root, item));
            }
        }
    }
    if out.is_empty() {
        out.push(node);
    }
    out
}

/// The schema nodes a path can lead to.
fn nodes_at<'a>(root: &'a Value, path: &KeyPath) -> Vec<&'a Value> {
    let mut current = branches(root, root);
    for step in &path.0 {
        let mut next = Vec::new();
        for node in current {
            match step {
                Step::Key(k) => {
                    if let Some(p) = node.get("properties").and_then(|p| p.get(k)) {
                        next.extend(branches(root, p));
                    } else if let Some(p) = node.get("additionalProperties")
                        && p.is_object()
                    {
                        next.extend(branches(root, p));
                    }
                }
                Step::Index(_) => {
                    if let Some(items) = node.get("items") {
                        next.extend(branches(root, items));
                    }
                }
            }
        }
        current = next;
    }
    current
}

/// The keys a mapping at `path` takes (empty where the format is free-form).
pub fn keys_at(schema: &Value, path: &KeyPath) -> Vec<String> {
    let mut keys = BTreeSet::new();
    for node in nodes_at(schema, path) {
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            keys.extend(props.keys().cloned());
        }
    }
    keys.into_iter().collect()
}

/// The error for a key the format does not take, with the closest known key.
pub fn unknown_key(schema: &Value, path: &KeyPath) -> super::Problem {
    let key = path.last_key().unwrap_or_default();
    let known = keys_at(schema, &path.parent());
    let hint = match did_you_mean(key, known.iter().map(|k| (k.as_str(), k.as_str()))) {
        Some(k) => format!("did you mean `{k}`? Keys of your own start with `{USER_KEY_PREFIX}`"),
        None if known.is_empty() => {
            format!("remove it; keys of your own start with `{USER_KEY_PREFIX}`")
        }
        None => format!(
            "known keys here: {}; keys of your own start with `{USER_KEY_PREFIX}`",
            known.join(", ")
        ),
    };
    super::Problem::error(path.to_string(), format!("unknown key `{key}`")).hint(hint)
}

/// Every mapping of a format: its logical path (list items as `[]`) and its
/// keys, for documentation checks. Each definition is listed once, at the
/// first path that reaches it.
pub fn mappings(schema: &Value) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    walk(schema, schema, String::new(), &mut seen, &mut out);
    out
}

fn walk(
    root: &Value,
    node: &Value,
    path: String,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<(String, Vec<String>)>,
) {
    if let Some(r) = node.get("$ref").and_then(Value::as_str)
        && !seen.insert(r.to_string())
    {
        return;
    }
    for b in branches(root, node) {
        if let Some(props) = b.get("properties").and_then(Value::as_object) {
            out.push((path.clone(), props.keys().cloned().collect()));
            for (k, v) in props {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(root, v, sub, seen, out);
            }
        }
        if let Some(items) = b.get("items") {
            walk(root, items, format!("{path}[]"), seen, out);
        }
        if let Some(values) = b.get("additionalProperties")
            && values.is_object()
        {
            walk(root, values, format!("{path}.*"), seen, out);
        }
    }
}

/// Every enum value a format's schema names (`sync`, `strong`, ...).
pub fn enum_values(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    collect_enums(schema, &mut out);
    out
}

fn collect_enums(node: &Value, out: &mut BTreeSet<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Array(vals)) = map.get("enum") {
                out.extend(vals.iter().filter_map(Value::as_str).map(str::to_string));
            }
            if let Some(Value::String(c)) = map.get("const") {
                out.insert(c.clone());
            }
            map.values().for_each(|v| collect_enums(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_enums(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &[&str]) -> KeyPath {
        KeyPath(
            s.iter()
                .map(|p| match p.parse() {
                    Ok(i) => Step::Index(i),
                    Err(_) => Step::Key(p.to_string()),
                })
                .collect(),
        )
    }

    #[test]
    fn design_keys_follow_refs_and_options() {
        let s = FileFormat::Design.schema();
        assert!(keys_at(&s, &path(&[])).contains(&"components".to_string()));
        assert!(keys_at(&s, &path(&["components", "0"])).contains(&"replicas".to_string()));
        assert!(keys_at(&s, &path(&["links", "3"])).contains(&"label".to_string()));
        let load = keys_at(&s, &path(&["context", "load"]));
        assert!(load.contains(&"peak_rps".to_string()), "{load:?}");
        assert!(!load.contains(&"replicas".to_string()));
    }

    #[test]
    fn misspellings_get_the_key_meant() {
        let s = FileFormat::Design.schema();
        let p = unknown_key(&s, &path(&["context", "load", "peek_rps"]));
        assert_eq!(p.path, "context.load.peek_rps");
        assert!(p.hint.unwrap().contains("`peak_rps`"));
        let p = unknown_key(&s, &path(&["context", "budget_usd_month"]));
        assert!(p.hint.unwrap().contains("`budget_usd_per_month`"));
        let p = unknown_key(&s, &path(&["components", "1", "managd"]));
        assert!(p.hint.unwrap().contains("`managed`"));
        let s = FileFormat::Pack.schema();
        let p = unknown_key(&s, &path(&["references", "0", "expect", "overal_min"]));
        assert!(p.hint.unwrap().contains("`overall_min`"));
    }

    #[test]
    fn mappings_list_each_definition_once() {
        let s = FileFormat::Pack.schema();
        let maps = mappings(&s);
        let paths: Vec<&str> = maps.iter().map(|(p, _)| p.as_str()).collect();
        assert!(paths.contains(&"prompts[].options[].effects"), "{paths:?}");
        let flows = paths.iter().filter(|p| p.ends_with("flows[]")).count();
        assert_eq!(flows, 1, "{paths:?}");
        assert!(enum_values(&s).contains("write_rps"));
    }

    /// The part of docs/FORMAT.md under the H2 heading that starts with `title`.
    fn doc_section(title: &str) -> &'static str {
        let doc = include_str!("../../docs/FORMAT.md");
        let start = doc
            .find(&format!("\n## {title}"))
            .unwrap_or_else(|| panic!("FORMAT.md has a `## {title}` section"));
        let rest = &doc[start + 4..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        &rest[..end]
    }

    /// Every key of every mapping of a format, and every enum value, is a
    /// documented row of its section in docs/FORMAT.md.
    #[test]
    fn format_doc_covers_every_field() {
        for (format, title) in [
            (FileFormat::Design, "Design files"),
            (FileFormat::Pack, "Scenario packs"),
            (FileFormat::Catalog, "The catalog"),
        ] {
            let section = doc_section(title);
            let rows: Vec<&str> = section.lines().filter(|l| l.starts_with('|')).collect();
            let documented = |word: &str| {
                let tick = format!("`{word}`");
                rows.iter().any(|r| r.contains(&tick))
            };
            let schema = format.schema();
            let mut missing = Vec::new();
            for (path, keys) in mappings(&schema) {
                for k in keys {
                    if !documented(&k) {
                        missing.push(format!("{path}.{k}"));
                    }
                }
            }
            for v in enum_values(&schema) {
                if !documented(&v) {
                    missing.push(format!("value {v}"));
                }
            }
            assert!(
                missing.is_empty(),
                "docs/FORMAT.md `## {title}` lacks table rows for: {missing:?}"
            );
        }
    }
}
