//! The only module that knows the YAML library. Everything else sees serde.

use crate::model::contract::{KeyPath, Step};
use crate::model::{Problem, UserValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Parses YAML into `T`; a failure becomes a problem with line and column.
pub fn parse<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, Box<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_depth(text, file)?;
    serde_yaml::from_str(text).map_err(|e| Box::new(to_problem(&e, file)))
}

/// Parses YAML into `T` and lists every key `T` does not take, at its path.
/// Nothing is dropped silently: the caller decides what an unknown key is.
pub fn parse_checked<T: DeserializeOwned>(
    text: &str,
    file: &str,
) -> Result<(T, Vec<KeyPath>), Box<Problem>> {
    let mut unknown = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_depth(text, file)?;
    let de = serde_yaml::Deserializer::from_str(text);
    let value = serde_ignored::deserialize(de, |path| unknown.push(key_path(&path)))
        .map_err(|e| Box::new(to_problem(&e, file)))?;
    Ok((value, unknown))
}

/// Parses YAML of a format napkin does not own (a Compose file) into an
/// untyped tree, with merge keys (`<<: *common`) applied. Mapping keys that
/// are not text (`80: x`) become text.
pub fn parse_untyped(text: &str, file: &str) -> Result<serde_json::Value, Box<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_depth(text, file)?;
    let mut doc: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| Box::new(to_problem(&e, file)))?;
    doc.apply_merge()
        .map_err(|e| Box::new(to_problem(&e, file)))?;
    serde_json::to_value(&doc).map_err(|e| {
        let mut p = Problem::error("", format!("cannot read the file's structure: {e}"))
            .hint("keys must be text, numbers or booleans");
        p.file = Some(file.to_string());
        Box::new(p)
    })
}

/// Deepest nesting of `[` and `{` a file may have. Real files nest a few
/// levels; a hundred thousand take the parser a minute.
pub const MAX_DEPTH: usize = 64;

/// Refuses flow collections nested past [`MAX_DEPTH`] before parsing, in one
/// pass over the text (quotes and comments skipped). Block nesting needs
/// indentation, which the file-size limit already bounds.
fn check_depth(text: &str, file: &str) -> Result<(), Box<Problem>> {
    let (mut depth, mut quote, mut comment) = (0usize, None::<char>, false);
    let (mut line, mut col) = (1usize, 0usize);
    let mut prev = '\n';
    for c in text.chars() {
        col += 1;
        if c == '\n' {
            line += 1;
            col = 0;
            comment = false;
            prev = c;
            continue;
        }
        if comment {
            continue;
        }
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if prev.is_whitespace() => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let mut p = Problem::error(
                        "",
                        format!("collections nested deeper than {MAX_DEPTH} levels"),
                    )
                    .hint("no napkin file nests this deep; check what wrote it");
                    p.file = Some(file.to_string());
                    p.line = Some(line);
                    p.column = Some(col);
                    return Err(Box::new(p));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    Ok(())
}

fn key_path(path: &serde_ignored::Path<'_>) -> KeyPath {
    fn push(path: &serde_ignored::Path<'_>, out: &mut Vec<Step>) {
        use serde_ignored::Path as P;
        match path {
            P::Root => {}
            P::Seq { parent, index } => {
                push(parent, out);
                out.push(Step::Index(*index));
            }
            P::Map { parent, key } => {
                push(parent, out);
                out.push(Step::Key(key.clone()));
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                push(parent, out)
            }
        }
    }
    let mut steps = Vec::new();
    push(path, &mut steps);
    KeyPath(steps)
}

/// Serialises to YAML text with extra keys added to the mappings at the
/// given paths (the user's `x-` keys); a path that no longer exists is skipped.
pub fn to_string_with<T: Serialize>(
    value: &T,
    additions: &[(KeyPath, String, UserValue)],
) -> Result<String, String> {
    let mut doc = serde_yaml::to_value(value).map_err(|e| e.to_string())?;
    for (path, key, extra) in additions {
        let Some(node) = node_mut(&mut doc, &path.0) else {
            continue;
        };
        if node.is_null() {
            *node = serde_yaml::Value::Mapping(serde_yaml::Mapping::new());
        }
        if let serde_yaml::Value::Mapping(map) = node {
            let v: serde_yaml::Value = serde_yaml::from_str(&extra.0).map_err(|e| e.to_string())?;
            map.insert(serde_yaml::Value::String(key.clone()), v);
        }
    }
    serde_yaml::to_string(&doc).map_err(|e| e.to_string())
}

/// The text of the values at `paths` in a document (as YAML, tags kept),
/// for the user's own keys; a path that is not there gives `None`.
pub fn values_at(text: &str, paths: &[KeyPath]) -> Vec<Option<UserValue>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return vec![None; paths.len()];
    };
    paths
        .iter()
        .map(|p| {
            let mut node = &doc;
            for step in &p.0 {
                node = match step {
                    Step::Key(k) => node.get(k.as_str())?,
                    Step::Index(i) => node.get(*i)?,
                };
            }
            serde_yaml::to_string(node).ok().map(UserValue)
        })
        .collect()
}

fn node_mut<'a>(
    node: &'a mut serde_yaml::Value,
    steps: &[Step],
) -> Option<&'a mut serde_yaml::Value> {
    let Some((first, rest)) = steps.split_first() else {
        return Some(node);
    };
    let next = match first {
        Step::Key(k) => node.get_mut(k.as_str())?,
        Step::Index(i) => node.get_mut(*i)?,
    };
    node_mut(next, rest)
}

/// Serialises to YAML text.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

fn to_problem(e: &serde_yaml::Error, file: &str) -> Problem {
    let mut message = e.to_string();
    // The library appends " at line L column C"; we show the place ourselves.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let hint = if message.contains("unknown variant") {
        "use one of the values listed above"
    } else if message.contains("missing field") {
        "add the missing field"
    } else if message.contains("invalid type") {
        "check the value's type (number, text, list or mapping)"
    } else if message.contains("more than one document") {
        "the file holds several YAML documents (`---`); napkin reads files of one"
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the file nests or repeats aliases too deeply to be a design"
    } else {
        "check indentation and quoting around this place"
    };
    let mut p = Problem::error("", message).hint(hint);
    p.file = Some(file.to_string());
    if let Some(loc) = e.location() {
        p.line = Some(loc.line());
        p.column = Some(loc.column());
    }
    p
}
