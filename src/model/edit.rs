//! One way to change a design: findings propose these edits (the engine
//! prices each on a copy), the `:` commands and keys apply them, and a fix's
//! printed command makes exactly the design that was priced. Applying an
//! edit returns its inverse, which puts the design back exactly.

use super::{Catalog, Component, Design, Link, LinkMode, PropValue};
use serde::Serialize;
use std::fmt;

/// One change to a design.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "edit", rename_all = "kebab-case")]
pub enum Edit {
    /// Run `replicas` instances of a component.
    SetReplicas { component: String, replicas: u32 },
    /// Set a prop on a component.
    SetProp {
        component: String,
        prop: String,
        value: PropValue,
    },
    /// Several edits at once (e.g. replicas plus automatic failover).
    All { edits: Vec<Edit> },
    /// Replace a component's kind with a simpler one.
    SwapKind { component: String, kind: String },
    /// Remove a component and its links.
    Remove { component: String },
    /// Make a link synchronous or asynchronous.
    SetLinkMode {
        from: String,
        to: String,
        mode: LinkMode,
    },
    /// Buy it managed instead of running it.
    SetManaged { component: String, managed: bool },
    /// Remove a prop (back to the kind's default).
    UnsetProp { component: String, prop: String },
    /// Remove the link `from` -> `to`.
    Unlink { from: String, to: String },
    /// Take a component out with its links and note, reconnecting nothing:
    /// the inverse of [`Edit::Reinsert`]. Never proposed by a finding, so
    /// never in a report.
    #[serde(skip)]
    #[schemars(skip)]
    Extract { component: String },
    /// Put back what a removal took, at the places it had: the inverse of
    /// [`Edit::Remove`], [`Edit::Extract`] and [`Edit::Unlink`]. Never
    /// proposed by a finding, so never in a report.
    #[serde(skip)]
    #[schemars(skip)]
    Reinsert {
        /// The component and its index in the design.
        component: Option<(usize, Component)>,
        /// Links and their indices, in ascending order of index.
        links: Vec<(usize, Link)>,
        /// The component's note.
        note: Option<String>,
    },
}

/// A no-op: the inverse of an edit that changed nothing.
fn nothing() -> Edit {
    Edit::All { edits: Vec::new() }
}

impl Edit {
    /// Applies the edit to `design` and returns the edit that undoes it.
    /// Edits naming missing components do nothing (and return a no-op). The
    /// catalog says which props survive a change of kind.
    pub fn apply(&self, design: &mut Design, catalog: &Catalog) -> Edit {
        match self {
            Edit::SetReplicas {
                component,
                replicas,
            } => {
                let Some(c) = design.component_mut(component) else {
                    return nothing();
                };
                let old = c.replicas;
                c.replicas = (*replicas).max(1);
                Edit::SetReplicas {
                    component: component.clone(),
                    replicas: old,
                }
            }
            Edit::SetProp {
                component,
                prop,
                value,
            } => {
                let Some(c) = design.component_mut(component) else {
                    return nothing();
                };
                match c.props.insert(prop.clone(), value.clone()) {
                    Some(old) => Edit::SetProp {
                        component: component.clone(),
                        prop: prop.clone(),
                        value: old,
                    },
                    None => Edit::UnsetProp {
                        component: component.clone(),
                        prop: prop.clone(),
                    },
                }
            }
            Edit::UnsetProp { component, prop } => {
                let old = design
                    .component_mut(component)
                    .and_then(|c| c.props.remove(prop));
                match old {
                    Some(value) => Edit::SetProp {
                        component: component.clone(),
                        prop: prop.clone(),
                        value,
                    },
                    None => nothing(),
                }
            }
            Edit::All { edits } => {
                // Undone in the reverse order.
                let mut undo: Vec<Edit> = edits.iter().map(|e| e.apply(design, catalog)).collect();
                undo.reverse();
                Edit::All { edits: undo }
            }
            Edit::SwapKind { component, kind } => {
                let Some(c) = design.component_mut(component) else {
                    return nothing();
                };
                let before = c.clone();
                c.kind = kind.clone();
                // Keep the props the new kind takes with a value it accepts.
                let spec = catalog.get(kind);
                c.props.retain(|name, v| {
                    spec.and_then(|k| k.props.get(name))
                        .is_some_and(|s| s.check(v).is_ok())
                });
                // Back to the old kind, then every old prop as it was (the
                // swap back would drop those the old kind does not accept).
                let mut undo = vec![Edit::SwapKind {
                    component: component.clone(),
                    kind: before.kind,
                }];
                undo.extend(before.props.into_iter().map(|(prop, value)| Edit::SetProp {
                    component: component.clone(),
                    prop,
                    value,
                }));
                Edit::All { edits: undo }
            }
            Edit::Remove { component } => remove(design, component),
            Edit::Extract { component } => match extract(design, component) {
                Some(reinsert) => reinsert,
                None => nothing(),
            },
            Edit::Unlink { from, to } => {
                let links = take_links(design, |l| l.from == *from && l.to == *to);
                if links.is_empty() {
                    return nothing();
                }
                Edit::Reinsert {
                    component: None,
                    links,
                    note: None,
                }
            }
            Edit::Reinsert {
                component,
                links,
                note,
            } => {
                let mut undo = Vec::new();
                if let Some((at, c)) = component {
                    undo.push(Edit::Extract {
                        component: c.id.clone(),
                    });
                    design
                        .components
                        .insert((*at).min(design.components.len()), c.clone());
                    if let Some(n) = note {
                        design.notes.insert(c.id.clone(), n.clone());
                    }
                }
                for (at, l) in links {
                    if component.is_none() {
                        undo.push(Edit::Unlink {
                            from: l.from.clone(),
                            to: l.to.clone(),
                        });
                    }
                    design
                        .links
                        .insert((*at).min(design.links.len()), l.clone());
                }
                undo.dedup();
                Edit::All { edits: undo }
            }
            Edit::SetLinkMode { from, to, mode } => {
                // A design has one link per pair (validation refuses more);
                // the first one's mode is the one to go back to.
                let old = design
                    .links
                    .iter()
                    .find(|l| l.from == *from && l.to == *to)
                    .map(|l| l.mode);
                for l in design.links.iter_mut() {
                    if l.from == *from && l.to == *to {
                        l.mode = *mode;
                    }
                }
                match old {
                    Some(mode) => Edit::SetLinkMode {
                        from: from.clone(),
                        to: to.clone(),
                        mode,
                    },
                    None => nothing(),
                }
            }
            Edit::SetManaged { component, managed } => {
                let Some(c) = design.component_mut(component) else {
                    return nothing();
                };
                let old = c.managed;
                c.managed = *managed;
                Edit::SetManaged {
                    component: component.clone(),
                    managed: old,
                }
            }
        }
    }

    /// The edit as a `:` command line where one exists.
    pub fn command(&self) -> String {
        match self {
            Edit::SetReplicas {
                component,
                replicas,
            } => format!(":replicas {component} {replicas}"),
            Edit::SetProp {
                component,
                prop,
                value,
            } => format!(":set {component} {prop} {value}"),
            Edit::All { edits } => edits
                .iter()
                .map(Edit::command)
                .collect::<Vec<_>>()
                .join(" ; "),
            Edit::SwapKind { component, kind } => format!(":kind {component} {kind}"),
            Edit::Remove { component } => format!(":rm {component}"),
            Edit::SetLinkMode { from, to, mode } => format!(":link {from} {to} {mode}"),
            Edit::SetManaged { component, managed } => {
                format!(":set {component} managed {managed}")
            }
            Edit::UnsetProp { component, prop } => format!(":unset {component} {prop}"),
            Edit::Unlink { from, to } => format!(":unlink {from} {to}"),
            // Only ever inverses, which `:undo` and `:redo` apply.
            Edit::Reinsert { .. } => ":undo".to_string(),
            Edit::Extract { .. } => ":redo".to_string(),
        }
    }
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edit::SetReplicas {
                component,
                replicas,
            } => {
                write!(f, "run {replicas} replicas of `{component}`")
            }
            Edit::SetProp {
                component,
                prop,
                value,
            } => write!(f, "set `{prop}: {value}` on `{component}`"),
            Edit::All { edits } => {
                let parts: Vec<String> = edits.iter().map(|e| e.to_string()).collect();
                f.write_str(&parts.join(" and "))
            }
            Edit::SwapKind { component, kind } => write!(f, "make `{component}` a {kind}"),
            Edit::Remove { component } => write!(f, "remove `{component}`"),
            Edit::SetLinkMode { from, to, mode } => {
                write!(f, "make the link `{from}` -> `{to}` {mode}")
            }
            Edit::SetManaged { component, managed } => {
                if *managed {
                    write!(f, "buy `{component}` managed")
                } else {
                    write!(f, "run `{component}` yourself")
                }
            }
            Edit::UnsetProp { component, prop } => {
                write!(f, "set `{prop}` on `{component}` back to its default")
            }
            Edit::Unlink { from, to } => write!(f, "remove the link `{from}` -> `{to}`"),
            Edit::Extract { component } => write!(f, "take `{component}` out"),
            Edit::Reinsert {
                component, links, ..
            } => match component {
                Some((_, c)) => write!(f, "put `{}` back", c.id),
                None => write!(f, "put back {} link(s)", links.len()),
            },
        }
    }
}

/// Removes the links `take` matches and returns them with their indices in
/// the design before the removal.
fn take_links(design: &mut Design, take: impl Fn(&Link) -> bool) -> Vec<(usize, Link)> {
    let taken: Vec<(usize, Link)> = design
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| take(l))
        .map(|(i, l)| (i, l.clone()))
        .collect();
    design.links.retain(|l| !take(l));
    taken
}

/// [`Edit::Extract`]: takes the component out with its links and note, and
/// returns the [`Edit::Reinsert`] that puts them back; `None` when there is
/// no such component.
fn extract(design: &mut Design, component: &str) -> Option<Edit> {
    let at = design.components.iter().position(|c| c.id == component)?;
    let removed = design.components.remove(at);
    let links = take_links(design, |l| l.from == component || l.to == component);
    let note = design.notes.remove(component);
    Some(Edit::Reinsert {
        component: Some((at, removed)),
        links,
        note,
    })
}

/// [`Edit::Remove`]: takes the component out; callers of it now call what
/// it called, to keep flows connected.
fn remove(design: &mut Design, component: &str) -> Edit {
    let ins: Vec<Link> = design
        .links
        .iter()
        .filter(|l| l.to == component)
        .cloned()
        .collect();
    let outs: Vec<Link> = design
        .links
        .iter()
        .filter(|l| l.from == component)
        .cloned()
        .collect();
    let Some(reinsert) = extract(design, component) else {
        return nothing();
    };
    let mut undo = Vec::new();
    for a in &ins {
        for b in &outs {
            let exists = design
                .links
                .iter()
                .any(|l| l.from == a.from && l.to == b.to);
            if a.from != b.to && !exists {
                let mode = if a.mode == LinkMode::Async || b.mode == LinkMode::Async {
                    LinkMode::Async
                } else {
                    LinkMode::Sync
                };
                design
                    .links
                    .push(Link::new(a.from.clone(), b.to.clone(), mode));
                undo.push(Edit::Unlink {
                    from: a.from.clone(),
                    to: b.to.clone(),
                });
            }
        }
    }
    undo.push(reinsert);
    Edit::All { edits: undo }
}
