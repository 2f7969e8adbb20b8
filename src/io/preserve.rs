//! Saving a hand-written design without rewriting it: the text the file
//! had is kept everywhere the edit does not reach. Top-level sections whose
//! content did not change stay exactly as written (comments, key order,
//! flow-style maps, anchors); in `components` and `links`, so does every
//! item that did not change, and a changed item keeps the comments above it.
//!
//! The merged text is only used when it reads back as exactly the design
//! being saved; otherwise (a changed part that holds an anchor, a layout the
//! splitter does not follow) the caller writes napkin's own text instead.

use super::load::{design_from_text, design_to_yaml};
use crate::model::Design;

/// The text to save `new` as, given the text the file had (`before`), or
/// `None` when only a full rewrite is safe.
pub fn preserve(before: &str, new: &Design) -> Option<String> {
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
}
