//! A design too large to draw, folded into one box per kind: the shape of
//! the system (what calls what, and how many of each) where ten thousand
//! boxes would show a sliver of a hairball.

use crate::model::{Component, Design, Link, LinkMode};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A design folded by kind, and the box each component is drawn in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folded {
    /// One component per box: a kind met more than once becomes one
    /// component named after the kind whose `replicas` counts the members
    /// (its box reads `app-server x2000`); a kind met once keeps its
    /// component as it is. Links between boxes are merged, labelled with
    /// their number when there are several.
    pub design: Design,
    /// Component id -> id of its box.
    pub boxes: HashMap<String, String>,
    /// Components folded, the focus applied.
    pub components: usize,
}

impl Folded {
    /// The box a component is drawn in; a component outside the fold keeps
    /// its id (it matches no box).
    pub fn box_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.boxes.get(id).map_or(id, String::as_str)
    }
}

/// Id of the box of several components of `kind`: a character ids may not
/// contain, so it never names a component.
fn group_id(kind: &str) -> String {
    format!("*{kind}")
}

/// Folds `design` by kind, keeping only the components in `focus` when it
/// is set. Boxes come in the order their kinds first appear, links in the
/// order their first member link does: the same design folds the same way.
pub fn by_kind(design: &Design, focus: Option<&BTreeSet<String>>) -> Folded {
    let kept: Vec<&Component> = design
        .components
        .iter()
        .filter(|c| focus.is_none_or(|f| f.contains(&c.id)))
        .collect();
    let mut count: HashMap<&str, u32> = HashMap::new();
    for c in &kept {
        *count.entry(c.kind.as_str()).or_default() += 1;
    }
    let mut out = Folded {
        components: kept.len(),
        ..Folded::default()
    };
    let mut made: BTreeSet<&str> = BTreeSet::new();
    for c in &kept {
        if count[c.kind.as_str()] == 1 {
            out.boxes.insert(c.id.clone(), c.id.clone());
            out.design.components.push((*c).clone());
            continue;
        }
        let id = group_id(&c.kind);
        out.boxes.insert(c.id.clone(), id.clone());
        if made.insert(c.kind.as_str()) {
            let mut group = Component::new(id, c.kind.clone());
            group.label = Some(c.kind.clone());
            group.replicas = count[c.kind.as_str()];
            out.design.components.push(group);
        }
    }
    // (from box, to box) -> (position, links, all async)
    let mut merged: BTreeMap<(&str, &str), (usize, usize, bool)> = BTreeMap::new();
    let mut first_label: Vec<Option<String>> = Vec::new();
    for l in &design.links {
        let (Some(a), Some(b)) = (out.boxes.get(&l.from), out.boxes.get(&l.to)) else {
            continue;
        };
        let next = merged.len();
        let e = merged
            .entry((a.as_str(), b.as_str()))
            .or_insert((next, 0, true));
        if e.1 == 0 {
            first_label.push(l.label.clone());
        }
        e.1 += 1;
        e.2 &= l.mode == LinkMode::Async;
    }
    let mut links: Vec<(usize, Link)> = merged
        .into_iter()
        .map(|((a, b), (at, n, all_async))| {
            let mode = if all_async {
                LinkMode::Async
            } else {
                LinkMode::Sync
            };
            let mut link = Link::new(a, b, mode);
            link.label = if n > 1 {
                Some(format!("{n} links"))
            } else {
                first_label[at].clone()
            };
            (at, link)
        })
        .collect();
    links.sort_by_key(|(at, _)| *at);
    out.design.links = links.into_iter().map(|(_, l)| l).collect();
    out.design.name = design.name.clone();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design() -> Design {
        let mut d = Design::default();
        d.components.push(Component::new("web", "web-client"));
        d.components.push(Component::new("lb", "load-balancer"));
        for i in 0..3 {
            d.components
                .push(Component::new(format!("svc-{i}"), "app-server"));
            d.links
                .push(Link::new("lb", format!("svc-{i}"), LinkMode::Sync));
            d.links
                .push(Link::new(format!("svc-{i}"), "jobs", LinkMode::Async));
        }
        d.components.push(Component::new("jobs", "sqs"));
        d.links.push(Link::new("web", "lb", LinkMode::Sync));
        d.links.push(Link::new("svc-0", "svc-1", LinkMode::Sync));
        d
    }

    #[test]
    fn one_box_per_kind_with_the_links_between_them_merged() {
        let f = by_kind(&design(), None);
        let ids: Vec<&str> = f.design.components.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["web", "lb", "*app-server", "jobs"]);
        assert_eq!(f.design.components[2].replicas, 3);
        assert_eq!(f.design.components[2].kind, "app-server");
        assert_eq!(f.box_of("svc-2"), "*app-server");
        assert_eq!(f.box_of("lb"), "lb");
        assert_eq!(f.components, 6);
        let links: Vec<(&str, &str, LinkMode, Option<&str>)> = f
            .design
            .links
            .iter()
            .map(|l| (l.from.as_str(), l.to.as_str(), l.mode, l.label.as_deref()))
            .collect();
        assert_eq!(
            links,
            [
                ("lb", "*app-server", LinkMode::Sync, Some("3 links")),
                ("*app-server", "jobs", LinkMode::Async, Some("3 links")),
                ("web", "lb", LinkMode::Sync, None),
                ("*app-server", "*app-server", LinkMode::Sync, None),
            ]
        );
    }

    #[test]
    fn a_focus_folds_only_its_components() {
        let focus: BTreeSet<String> = ["lb", "svc-0", "svc-1"].map(String::from).into();
        let f = by_kind(&design(), Some(&focus));
        let ids: Vec<&str> = f.design.components.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["lb", "*app-server"]);
        assert_eq!(f.design.components[1].replicas, 2);
        assert_eq!(f.design.links.len(), 2, "{:?}", f.design.links);
        assert_eq!(f.box_of("web"), "web", "outside the fold");
    }
}
