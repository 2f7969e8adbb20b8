//! Saving a hand-written design without rewriting it: the text the file
//! had is kept everywhere the edit does not reach. Top-level sections whose
//! content did not change stay exactly as written (comments, key order,
//! flow-style maps, anchors); in `components` and `links`, so does every
//! item that did not change, and a changed item keeps the comments above it.
//!
//! In `context`, a change of its figures (`:context users 50000`, the
//! context screen) changes only the lines of the figures it touches: a
//! value is replaced in place (its comment kept), a figure given for the
//! first time gets a line where napkin would put it, a cleared one loses its
//! line; comments, key order and the other lines of the block stay.
//!
//! The merged text is only used when it reads back as exactly the design
//! being saved; otherwise (a changed part that holds an anchor, a layout the
//! splitter does not follow) the caller writes napkin's own text instead.

use super::load::{design_from_text, design_to_yaml};
use crate::model::{Context, Design, FIGURES, Figure};

/// The text to save `new` as, given the text the file had (`before`), or
/// `None` when only a full rewrite is safe.
pub fn preserve(before: &str, new: &Design) -> Option<String> {
    // Line by line in `context` first; should that not read back exactly,
    // the block as napkin writes it, which the check below always accepts
    // when the rest of the merge is sound.
    merge(before, new, true).or_else(|| merge(before, new, false))
}

/// [`preserve`], editing `context` line by line when `per_key` is true.
fn merge(before: &str, new: &Design, per_key: bool) -> Option<String> {
    let old = design_from_text(before)?;
    let old_text = design_to_yaml(&old).ok()?;
    let new_text = design_to_yaml(new).ok()?;
    let written = blocks(before)?;
    let old_blocks = blocks(&old_text)?;
    let new_blocks = blocks(&new_text)?;
    let find = |bs: &[Block], k: &str| bs.iter().find(|b| b.key.as_deref() == Some(k)).cloned();
    let mut out = String::new();
    for b in &written {
        let Some(key) = b.key.as_deref() else {
            out.push_str(&b.lead);
            continue;
        };
        let Some(now) = find(&new_blocks, key) else {
            continue; // The section is gone (e.g. the last note removed).
        };
        let was = find(&old_blocks, key)?;
        if was.body == now.body {
            out.push_str(&b.lead);
            out.push_str(&b.body);
        } else {
            out.push_str(&b.lead);
            let merged = match key {
                "components" | "links" => items(&b.body, &was.body, &now.body),
                "context" if per_key => {
                    context_lines(&b.body, old.context.as_ref(), new.context.as_ref())
                }
                _ => None,
            };
            match merged {
                Some(m) => out.push_str(&m),
                None if has_anchor(&b.body) => return None,
                None => out.push_str(&now.body),
            }
        }
    }
    // Sections the file did not have go at the end, in napkin's order.
    for b in &new_blocks {
        let key = b.key.as_deref();
        if key.is_some() && !written.iter().any(|w| w.key.as_deref() == key) {
            out.push_str(&b.body);
        }
    }
    (design_from_text(&out).as_ref() == Some(new)).then_some(out)
}

/// One top-level section: the comment and blank lines above it, and its
/// key's lines. Comments at the end of the file are a block with no key.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    key: Option<String>,
    lead: String,
    body: String,
}

/// Splits a mapping at its top-level keys; `None` for text that is not one
/// plain mapping (documents, a top-level list, tabs).
fn blocks(text: &str) -> Option<Vec<Block>> {
    let mut out: Vec<Block> = Vec::new();
    let mut lead = String::new();
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            if out.last().is_some_and(|b| b.key.is_some()) && t.starts_with(' ') {
                // An indented comment inside a section stays with it.
                let last = out.last_mut()?;
                last.body.push_str(&std::mem::take(&mut lead));
                last.body.push_str(line);
            } else {
                lead.push_str(line);
            }
            continue;
        }
        if t.starts_with("---") || t.starts_with("...") || t.starts_with('\t') {
            return None;
        }
        if t.starts_with([' ', '-']) {
            let last = out.last_mut()?;
            // Blank lines held back belong inside the section after all.
            last.body.push_str(&std::mem::take(&mut lead));
            last.body.push_str(line);
            continue;
        }
        let key = t
            .split(':')
            .next()?
            .trim()
            .trim_matches(['"', '\''])
            .to_string();
        out.push(Block {
            key: Some(key),
            lead: std::mem::take(&mut lead),
            body: line.to_string(),
        });
    }
    if !lead.is_empty() {
        out.push(Block {
            key: None,
            lead,
            body: String::new(),
        });
    }
    Some(out)
}

/// The items of a list section as written: the key line, then each item
/// with the comments above it. `None` for a flow-style list.
fn list_items(body: &str) -> Option<(String, Vec<(String, String)>)> {
    let mut lines = body.split_inclusive('\n');
    let head = lines.next()?;
    if !head.trim_end().ends_with(':') {
        return None;
    }
    let mut indent = None;
    let mut items: Vec<(String, String)> = Vec::new();
    let mut lead = String::new();
    for line in lines {
        let t = line.trim_end();
        let at = t.len() - t.trim_start().len();
        let starts_item = t.trim_start().starts_with('-') && indent.is_none_or(|i| i == at);
        if t.trim().is_empty()
            || (t.trim_start().starts_with('#') && indent.is_none_or(|i| at <= i))
        {
            lead.push_str(line);
        } else if starts_item {
            indent = Some(at);
            items.push((std::mem::take(&mut lead), line.to_string()));
        } else {
            let (_, item) = items.last_mut()?;
            item.push_str(&std::mem::take(&mut lead));
            item.push_str(line);
        }
    }
    if let Some((_, last)) = items.last_mut() {
        last.push_str(&lead);
    }
    Some((head.to_string(), items))
}

/// Merges a changed `components` or `links` section item by item: an item
/// whose content is unchanged keeps its text, a changed or new one is
/// napkin's, indented as the file's items are. Items are matched by
/// position among those napkin wrote the same way before (ids are matched
/// by the text of their first line, which names them).
fn items(written: &str, was: &str, now: &str) -> Option<String> {
    let (head, file_items) = list_items(written)?;
    let (_, was_items) = list_items(was)?;
    let (_, now_items) = list_items(now)?;
    if file_items.len() != was_items.len() {
        return None;
    }
    let indent: String = file_items
        .first()
        .map(|(_, b)| b.chars().take_while(|c| *c == ' ').collect())
        .unwrap_or_default();
    let mut used = vec![false; was_items.len()];
    let mut changed = Vec::new();
    let mut out = head;
    for (_, body) in &now_items {
        let same = (0..was_items.len()).find(|&i| !used[i] && was_items[i].1 == *body);
        match same {
            Some(i) => {
                used[i] = true;
                out.push_str(&file_items[i].0);
                out.push_str(&file_items[i].1);
            }
            None => {
                // A changed item keeps the comments above it: it is the one
                // napkin wrote with the same first line (`- id: api`).
                let first = |b: &str| b.lines().next().map(str::to_string);
                if let Some(i) = (0..was_items.len())
                    .find(|&i| !used[i] && first(&was_items[i].1) == first(body))
                {
                    used[i] = true;
                    out.push_str(&file_items[i].0);
                    changed.push(i);
                }
                for line in body.split_inclusive('\n') {
                    out.push_str(&indent);
                    out.push_str(line);
                }
            }
        }
    }
    // A changed item's text is replaced; an anchor in it would dangle.
    let mut dropped = (0..file_items.len()).filter(|&i| !used[i] || changed.contains(&i));
    if dropped.any(|i| has_anchor(&file_items[i].1)) {
        return None;
    }
    Some(out)
}

/// The keys of `context:` in the order napkin writes them: a figure given
/// for the first time goes before the first of these that follows it.
const CONTEXT_ORDER: &[&str] = &[
    "load",
    "team",
    "budget_usd_per_month",
    "availability",
    "entities",
    "flows",
];

/// `c` without the figures of [`FIGURES`] (and without a `load` or `team`
/// left empty): what a figure edit must leave alone.
fn without_figures(c: Option<&Context>) -> Context {
    let mut c = c.cloned().unwrap_or_default();
    for f in FIGURES {
        (f.set)(&mut c, None);
    }
    if c.load.as_ref().is_some_and(|l| *l == Default::default()) {
        c.load = None;
    }
    if c.team.as_ref().is_some_and(|t| *t == Default::default()) {
        c.team = None;
    }
    c
}

/// The `context` block as written, with only the lines of the figures that
/// changed from `old` to `new` edited. `None` when more than figures changed
/// (entities, flows) or the block is laid out in a way this does not follow
/// (a flow-style `context: {...}`, quoted or anchored values).
fn context_lines(written: &str, old: Option<&Context>, new: Option<&Context>) -> Option<String> {
    let (old, new) = (old?, new?);
    if without_figures(Some(old)) != without_figures(Some(new)) {
        return None;
    }
    let mut lines: Vec<String> = written.split_inclusive('\n').map(str::to_string).collect();
    let head = lines.first()?;
    let after = head.trim_end().strip_prefix("context:")?.trim();
    if !(after.is_empty() || after.starts_with('#')) {
        return None;
    }
    for f in FIGURES {
        let (was, now) = ((f.get)(old), (f.get)(new));
        if was != now {
            set_figure(&mut lines, f, now)?;
        }
    }
    Some(lines.concat())
}

/// A content line: its indent and key (`None` for a list item or a line
/// that is not `key: ...`). Blank and comment lines are not content.
fn key_of(line: &str) -> Option<(usize, Option<&str>)> {
    let t = line.trim_end();
    let body = t.trim_start();
    if body.is_empty() || body.starts_with('#') {
        return None;
    }
    let indent = t.len() - body.len();
    let key = body.split_once(':').map(|(k, _)| k).filter(|k| {
        k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    });
    Some((indent, key))
}

/// The children of the mapping whose key line is `parent` (the block's
/// head is line 0): their indent (`default` when it has none yet), each
/// child key with its line, and the line they end at: the first content
/// line indented no deeper than the parent, or `end`. `None` for a layout
/// this does not follow (a child that is not `key: ...`, odd indentation).
fn children(lines: &[String], parent: usize, end: usize, default: usize) -> Option<Children> {
    let (pi, _) = key_of(&lines[parent]).unwrap_or((0, None));
    let mut indent = None;
    let mut out = Vec::new();
    let mut stop = end;
    for (i, line) in lines.iter().enumerate().take(end).skip(parent + 1) {
        let Some((at, key)) = key_of(line) else {
            continue;
        };
        if at <= pi {
            stop = i;
            break;
        }
        let ci = *indent.get_or_insert(at);
        // Items of a list written at its key's indent belong to that key.
        if at == ci && !line.trim_start().starts_with('-') {
            out.push((i, key?.to_string()));
        }
        if at < ci {
            return None;
        }
    }
    Some(Children {
        indent: indent.unwrap_or(default),
        keys: out,
        stop,
    })
}

/// The children of a mapping in a block's lines (see [`children`]).
struct Children {
    /// Their indent.
    indent: usize,
    /// Each child's line and key, in order.
    keys: Vec<(usize, String)>,
    /// The line after the last of them.
    stop: usize,
}

/// The last content line in `from..to`, plus one: where a line goes to
/// come after everything there (indented comments after it stay last).
fn after_content(lines: &[String], from: usize, to: usize) -> usize {
    (from..to)
        .rev()
        .find(|&i| key_of(&lines[i]).is_some())
        .map_or(from, |i| i + 1)
}

/// Where a new child `key` goes among `kids` (by `order`): before the first
/// child that napkin writes after it, above that child's comments; else
/// after the last child's content.
fn insert_at(lines: &[String], parent: usize, kids: &Children, order: &[&str], key: &str) -> usize {
    let rank = |k: &str| order.iter().position(|o| *o == k);
    let mine = rank(key).unwrap_or(usize::MAX);
    match kids
        .keys
        .iter()
        .find(|(_, k)| rank(k).is_some_and(|r| r > mine))
    {
        Some(&(mut at, _)) => {
            while at > parent + 1 && lines[at - 1].trim_start().starts_with('#') {
                at -= 1;
            }
            at
        }
        None => after_content(lines, parent + 1, kids.stop),
    }
}

/// The line with its scalar value replaced by `value`, the rest of the line
/// (spacing, comment) kept. `None` when the value is not a plain scalar.
fn replace_value(line: &str, value: &str) -> Option<String> {
    let (key, rest) = line.split_once(':')?;
    let lead = rest.len() - rest.trim_start().len();
    let v = &rest[lead..];
    let end = v.find(" #").unwrap_or(v.trim_end().len());
    let old = v[..end].trim_end();
    if old.is_empty() || old.starts_with(['&', '*', '!', '{', '[', '"', '\'', '|', '>']) {
        return None;
    }
    Some(format!("{key}:{}{value}{}", &rest[..lead], &v[old.len()..]))
}

/// A flow mapping on one line (`load: { users: 20000 }  # note`) with
/// `key` set to `value` or removed; `Some(None)` when it is left empty.
fn flow_edit(line: &str, key: &str, value: Option<&str>) -> Option<Option<String>> {
    let open = line.find('{')?;
    let close = line.rfind('}').filter(|&c| c > open)?;
    let inner = &line[open + 1..close];
    if inner.contains(['{', '[', '"', '\'', '&', '*', '#']) {
        return None;
    }
    let body = inner.trim_end();
    let trail = &inner[body.len()..];
    let mut entries: Vec<String> = if body.trim().is_empty() {
        Vec::new()
    } else {
        body.split(',').map(str::to_string).collect()
    };
    let at = entries
        .iter()
        .position(|e| e.split(':').next().map(str::trim) == Some(key));
    match (at, value) {
        (Some(i), Some(v)) => {
            let lead = entries[i].len() - entries[i].trim_start().len();
            entries[i] = format!("{}{key}: {v}", &entries[i][..lead]);
        }
        (None, Some(v)) => entries.push(format!(" {key}: {v}")),
        (Some(i), None) => {
            entries.remove(i);
        }
        (None, None) => {}
    }
    if entries.is_empty() {
        return Some(None);
    }
    let mut joined = entries.join(",");
    // The first entry keeps the space after `{` it had, or gets one.
    if !joined.starts_with(' ') && inner.starts_with(' ') {
        joined.insert(0, ' ');
    }
    Some(Some(format!(
        "{}{joined}{trail}{}",
        &line[..=open],
        &line[close..]
    )))
}

/// Sets (`Some`) or clears (`None`) one figure in the lines of a `context`
/// block, touching only its line (and its section's, when the section is
/// new or left empty).
fn set_figure(lines: &mut Vec<String>, f: &Figure, value: Option<f64>) -> Option<()> {
    let text = value.map(crate::model::num::plain);
    let kids = children(lines, 0, lines.len(), 2)?;
    let Some(section) = f.section else {
        return set_line(lines, 0, &kids, CONTEXT_ORDER, f.key, text.as_deref());
    };
    let Some(at) = kids
        .keys
        .iter()
        .find(|(_, k)| k == section)
        .map(|(i, _)| *i)
    else {
        // A figure of a section the file does not have yet.
        let v = text?;
        let pad = " ".repeat(kids.indent);
        let new = format!("{pad}{section}:\n{pad}  {}: {v}\n", f.key);
        let pos = insert_at(lines, 0, &kids, CONTEXT_ORDER, section);
        lines.insert(pos, new);
        return Some(());
    };
    let rest = lines[at].split_once(':')?.1.trim();
    if rest.starts_with('{') {
        match flow_edit(&lines[at], f.key, text.as_deref())? {
            Some(l) => lines[at] = l,
            None => {
                lines.remove(at);
            }
        }
        return Some(());
    }
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    let nested = children(lines, at, lines.len(), kids.indent + 2)?;
    let order: Vec<&str> = FIGURES
        .iter()
        .filter(|g| g.section == Some(section))
        .map(|g| g.key)
        .collect();
    set_line(lines, at, &nested, &order, f.key, text.as_deref())?;
    // A section left with nothing in it goes, as napkin leaves it out.
    let left = children(lines, at, lines.len(), nested.indent).is_some_and(|c| !c.keys.is_empty());
    if !left {
        lines.remove(at);
    }
    Some(())
}

/// Sets or clears `key` among the children `kids` of the mapping at line
/// `parent`: its value replaced in place, a new line where `order` puts
/// it, or its one line removed.
fn set_line(
    lines: &mut Vec<String>,
    parent: usize,
    kids: &Children,
    order: &[&str],
    key: &str,
    value: Option<&str>,
) -> Option<()> {
    let at = kids.keys.iter().position(|(_, k)| k == key);
    match (at, value) {
        (Some(i), Some(v)) => {
            let line = kids.keys[i].0;
            lines[line] = replace_value(&lines[line], v)?;
        }
        (Some(i), None) => {
            // Only a figure on one line is removed (a value continued on
            // the next lines is a layout this does not follow).
            let line = kids.keys[i].0;
            let next = kids.keys.get(i + 1).map_or(kids.stop, |(n, _)| *n);
            if after_content(lines, line, next) != line + 1 {
                return None;
            }
            replace_value(&lines[line], "0")?;
            lines.remove(line);
        }
        (None, Some(v)) => {
            let pos = insert_at(lines, parent, kids, order, key);
            lines.insert(pos, format!("{}{key}: {v}\n", " ".repeat(kids.indent)));
        }
        (None, None) => {}
    }
    Some(())
}

/// True when the text defines an anchor or uses an alias or merge key.
fn has_anchor(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_start_matches(['[', '{', '-']);
        (w.starts_with('&') || w.starts_with('*')) && w.len() > 1 || w.starts_with("<<")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Link, LinkMode, PropValue};

    const HAND: &str = "# Orders, as they run today.\n# Owned by the payments team.\nnapkin: 1\nname: Orders   # the public name\n\ncontext:\n  load: { users: 20000, peak_rps: 40 }   # from March's dashboards\n  availability: 99.9\n\ncomponents:\n  # The browser.\n  - { id: web, kind: web-client }\n  - id: api\n    kind: app-server\n    replicas: 2    # two since the outage\n  # Orders live here.\n  - id: db\n    kind: postgres\n    props: &pg { failover: automatic }\n\nlinks:\n  - { from: web, to: api }\n  - { from: api, to: db }   # sync on purpose\n# end of file\n";

    fn load() -> Design {
        design_from_text(HAND).expect("the hand-written file reads")
    }

    fn saved(d: &Design) -> String {
        preserve(HAND, d).expect("preserved")
    }

    #[test]
    fn nothing_changed_is_the_file_as_written() {
        assert_eq!(saved(&load()), HAND);
    }

    #[test]
    fn a_changed_item_is_rewritten_and_everything_else_kept() {
        let mut d = load();
        d.component_mut("api").expect("api").replicas = 3;
        let text = saved(&d);
        assert!(
            text.contains("  - { id: web, kind: web-client }\n"),
            "{text}"
        );
        assert!(text.contains("  # Orders live here.\n  - id: db\n    kind: postgres\n    props: &pg { failover: automatic }\n"), "{text}");
        assert!(text.contains("  - { id: web, kind: web-client }\n  - id: api\n    kind: app-server\n    replicas: 3\n"), "{text}");
        assert!(text.starts_with("# Orders, as they run today.\n# Owned by the payments team.\nnapkin: 1\nname: Orders   # the public name\n"), "{text}");
        assert!(
            text.contains("  load: { users: 20000, peak_rps: 40 }   # from March's dashboards\n"),
            "{text}"
        );
        assert!(
            text.contains("  - { from: api, to: db }   # sync on purpose\n# end of file\n"),
            "{text}"
        );
        assert_eq!(design_from_text(&text).as_ref(), Some(&d));
    }

    #[test]
    fn added_and_removed_items_and_sections() {
        let mut d = load();
        d.components.push(Component::new("jobs", "sqs"));
        d.links.push(Link::new("api", "jobs", LinkMode::Async));
        d.links.retain(|l| l.from != "web");
        d.notes.insert("db".into(), "moved in March".into());
        let text = saved(&d);
        assert!(text.contains("  - id: jobs\n    kind: sqs\n"), "{text}");
        assert!(!text.contains("{ from: web, to: api }"), "{text}");
        assert!(
            text.contains("# The browser.\n  - { id: web, kind: web-client }"),
            "{text}"
        );
        assert!(text.trim_end().ends_with("db: moved in March"), "{text}");
        assert_eq!(design_from_text(&text).as_ref(), Some(&d));
    }

    #[test]
    fn a_changed_item_keeps_the_comments_above_it() {
        let mut d = load();
        d.component_mut("web").expect("web").label = Some("Browser".into());
        let text = saved(&d);
        assert!(
            text.contains("components:\n  # The browser.\n  - id: web\n    kind: web-client\n    label: Browser\n  - id: api\n"),
            "{text}"
        );
    }

    #[test]
    fn a_changed_section_outside_the_lists_keeps_the_others() {
        let mut d = load();
        d.name = "Orders v2".into();
        let text = saved(&d);
        assert!(text.contains("name: Orders v2\n"), "{text}");
        assert!(
            text.contains("  - { id: web, kind: web-client }\n"),
            "{text}"
        );
        assert!(
            text.contains("    props: &pg { failover: automatic }\n"),
            "{text}"
        );
    }

    #[test]
    fn an_edit_that_would_drop_an_anchor_is_a_full_rewrite() {
        let mut d = load();
        d.component_mut("db")
            .expect("db")
            .props
            .insert("failover".into(), PropValue::Str("manual".into()));
        assert_eq!(preserve(HAND, &d), None);
    }

    /// A review's file: the figures commented, in block and flow style.
    const REVIEW: &str = "# Invoices, as they run today.\nnapkin: 1\nname: Invoices\ncontext:\n  # From the March dashboards.\n  load:\n    users: 20000        # monthly actives\n    peak_rps: 40        # the worst minute\n  team: { engineers: 3 }   # platform team only\n  # Finance signed this off.\n  budget_usd_per_month: 800\n  availability: 99.9    # the SLA we sell\n  entities:\n  - { id: invoices, consistency: strong }   # the ledger\n\ncomponents:\n  - { id: web, kind: web-client }\n  - id: api\n    kind: app-server\nlinks:\n  - { from: web, to: api }\n";

    /// The review file saved after `:context KEY VALUE` edits.
    fn review(edits: &[(&str, &str)]) -> String {
        let mut d = design_from_text(REVIEW).expect("the review file reads");
        for (k, v) in edits {
            crate::tui::edit::set_context(&mut d, k, v).expect("a figure");
        }
        let text = preserve(REVIEW, &d).expect("preserved");
        assert_eq!(design_from_text(&text).as_ref(), Some(&d), "{text}");
        text
    }

    /// `REVIEW` with each (old line, new line) pair swapped: what a save
    /// that touches only those lines writes.
    fn only(changes: &[(&str, &str)]) -> String {
        let mut want = REVIEW.to_string();
        for (old, new) in changes {
            assert!(want.contains(old), "{old:?} not in the file");
            want = want.replacen(old, new, 1);
        }
        want
    }

    #[test]
    fn a_changed_figure_changes_only_its_value() {
        assert_eq!(
            review(&[("users", "50,000")]),
            only(&[("    users: 20000 ", "    users: 50000 ")])
        );
        assert_eq!(
            review(&[("budget", "$1,200"), ("availability", "99.95%")]),
            only(&[
                (
                    "  budget_usd_per_month: 800\n",
                    "  budget_usd_per_month: 1200\n"
                ),
                ("  availability: 99.9    #", "  availability: 99.95    #"),
            ])
        );
        // In a flow-style map, the entry's value.
        assert_eq!(
            review(&[("engineers", "5")]),
            only(&[("{ engineers: 3 }", "{ engineers: 5 }")])
        );
    }

    #[test]
    fn an_added_figure_gets_one_line_where_napkin_puts_it() {
        assert_eq!(
            review(&[("write_rps", "5")]),
            only(&[(
                "    peak_rps: 40        # the worst minute\n",
                "    peak_rps: 40        # the worst minute\n    write_rps: 5\n"
            )])
        );
        assert_eq!(
            review(&[("ops_hours", "20")]),
            only(&[(
                "{ engineers: 3 }",
                "{ engineers: 3, ops_hours_per_month: 20 }"
            )])
        );
        // A figure of a section the file lacks: the section, above the
        // comment of the key napkin writes after it.
        let no_team = REVIEW.replace("  team: { engineers: 3 }   # platform team only\n", "");
        let mut d = design_from_text(&no_team).expect("reads");
        crate::tui::edit::set_context(&mut d, "engineers", "2").expect("a figure");
        assert_eq!(
            preserve(&no_team, &d).as_deref(),
            Some(
                REVIEW
                    .replace(
                        "  team: { engineers: 3 }   # platform team only\n",
                        "  team:\n    engineers: 2\n"
                    )
                    .as_str()
            )
        );
    }

    #[test]
    fn a_cleared_figure_loses_its_line_and_an_emptied_section_goes() {
        assert_eq!(
            review(&[("peak_rps", "-")]),
            only(&[("    peak_rps: 40        # the worst minute\n", "")])
        );
        assert_eq!(
            review(&[("availability", "-")]),
            only(&[("  availability: 99.9    # the SLA we sell\n", "")])
        );
        assert_eq!(
            review(&[("engineers", "-")]),
            only(&[("  team: { engineers: 3 }   # platform team only\n", "")])
        );
        assert_eq!(
            review(&[("users", "-"), ("peak_rps", "-")]),
            only(&[(
                "  load:\n    users: 20000        # monthly actives\n    peak_rps: 40        # the worst minute\n",
                ""
            )])
        );
    }

    #[test]
    fn a_context_edit_beyond_its_figures_rewrites_the_block_only() {
        let mut d = design_from_text(REVIEW).expect("reads");
        if let Some(c) = d.context.as_mut() {
            c.entities.clear();
        }
        let text = preserve(REVIEW, &d).expect("preserved");
        assert!(!text.contains("# the worst minute"), "{text}");
        assert!(
            text.starts_with("# Invoices, as they run today.\n"),
            "{text}"
        );
        assert!(
            text.contains("  - { id: web, kind: web-client }\n"),
            "{text}"
        );
        assert_eq!(design_from_text(&text).as_ref(), Some(&d));
        // An anchor elsewhere in the block stays; an anchored figure is not
        // edited in place, and a block holding an anchor is never rewritten
        // whole: the caller rewrites the file.
        let anchored = REVIEW.replace("budget_usd_per_month: 800", "budget_usd_per_month: &b 800");
        let mut d = design_from_text(&anchored).expect("reads");
        crate::tui::edit::set_context(&mut d, "users", "900").expect("a figure");
        assert_eq!(
            preserve(&anchored, &d).as_deref(),
            Some(anchored.replace("users: 20000 ", "users: 900 ").as_str())
        );
        crate::tui::edit::set_context(&mut d, "budget", "900").expect("a figure");
        assert_eq!(preserve(&anchored, &d), None);
    }
}
