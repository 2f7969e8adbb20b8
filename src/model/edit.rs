//! One way to change a design: findings propose these edits (the engine
//! prices each on a copy), the `:` commands and keys apply them, and a fix's
//! printed command makes exactly the design that was priced. Applying an
//! edit returns its inverse, which puts the design back exactly.

use super::{Catalog, Component, Context, Design, Link, LinkMode, PropValue, StageRef};
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
    /// Add a component at the end. The edits from here to
    /// [`Edit::SetAnswer`] are made by the editor and not yet proposed by a
    /// finding, so never in a report.
    #[serde(skip)]
    #[schemars(skip)]
    Add { component: Component },
    /// Link `from` -> `to` with `mode`, or set the mode of the link there is.
    #[serde(skip)]
    #[schemars(skip)]
    Link {
        from: String,
        to: String,
        mode: LinkMode,
    },
    /// Rename a component everywhere it is named.
    #[serde(skip)]
    #[schemars(skip)]
    Rename { from: String, to: String },
    /// Set what a component is the system of record for.
    #[serde(skip)]
    #[schemars(skip)]
    SetStores {
        component: String,
        stores: Vec<String>,
    },
    /// Set or clear a component's label.
    #[serde(skip)]
    #[schemars(skip)]
    SetLabel {
        component: String,
        label: Option<String>,
    },
    /// Judge at this stage of the scenario (`None`: the first).
    #[serde(skip)]
    #[schemars(skip)]
    SetStage { stage: Option<StageRef> },
    /// Replace the design's own context (`None`: judge by the scenario's
    /// stage or the assumed figures alone).
    #[serde(skip)]
    #[schemars(skip)]
    SetContext { context: Option<Box<Context>> },
    /// Answer a constraint prompt (`None`: clear the answer).
    #[serde(skip)]
    #[schemars(skip)]
    SetAnswer {
        prompt: String,
        option: Option<String>,
    },
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

/// The `:context` commands that set each figure of `context` (the figures
/// the command line can set; entities and flows are edited in the file).
fn context_commands(context: Option<&Context>) -> String {
    super::figure::FIGURES
        .iter()
        .map(|f| match context.and_then(f.get) {
            Some(x) => format!(":context {} {}", f.name, super::num::plain(x)),
            None => format!(":context {} -", f.name),
        })
        .collect::<Vec<_>>()
        .join(" ; ")
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
            Edit::Add { component } => {
                design.components.push(component.clone());
                Edit::Extract {
                    component: component.id.clone(),
                }
            }
            Edit::Link { from, to, mode } => {
                match design
                    .links
                    .iter_mut()
                    .find(|l| l.from == *from && l.to == *to)
                {
                    Some(l) => {
                        let old = l.mode;
                        l.mode = *mode;
                        Edit::SetLinkMode {
                            from: from.clone(),
                            to: to.clone(),
                            mode: old,
                        }
                    }
                    None => {
                        design
                            .links
                            .push(Link::new(from.clone(), to.clone(), *mode));
                        Edit::Unlink {
                            from: from.clone(),
                            to: to.clone(),
                        }
                    }
                }
            }
            Edit::Rename { from, to } => {
                if design.component(from).is_none() {
                    return nothing();
                }
                rename(design, from, to);
                Edit::Rename {
                    from: to.clone(),
                    to: from.clone(),
                }
            }
            Edit::SetStores { component, stores } => {
                let Some(c) = design.component_mut(component) else {
                    return nothing();
                };
                Edit::SetStores {
                    component: component.clone(),
                    stores: std::mem::replace(&mut c.stores, stores.clone()),
                }
            }
            Edit::SetLabel { component, label } => {
                let Some(c) = design.component_mut(component) else {
                    return nothing();
                };
                Edit::SetLabel {
                    component: component.clone(),
                    label: std::mem::replace(&mut c.label, label.clone()),
                }
            }
            Edit::SetStage { stage } => Edit::SetStage {
                stage: std::mem::replace(&mut design.stage, stage.clone()),
            },
            Edit::SetContext { context } => Edit::SetContext {
                context: std::mem::replace(&mut design.context, context.as_deref().cloned())
                    .map(Box::new),
            },
            Edit::SetAnswer { prompt, option } => {
                let old = match option {
                    Some(o) => design.answers.insert(prompt.clone(), o.clone()),
                    None => design.answers.remove(prompt),
                };
                Edit::SetAnswer {
                    prompt: prompt.clone(),
                    option: old,
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
            Edit::Add { component } => format!(":add {} {}", component.kind, component.id),
            Edit::Link { from, to, mode } => format!(":link {from} {to} {mode}"),
            Edit::Rename { from, to } => format!(":rename {from} {to}"),
            Edit::SetStores { component, stores } => stores
                .iter()
                .map(|e| format!(":stores {component} {e}"))
                .collect::<Vec<_>>()
                .join(" ; "),
            Edit::SetLabel { component, label } => {
                format!(":set {component} label {}", label.as_deref().unwrap_or(""))
            }
            Edit::SetStage { stage } => match stage {
                Some(s) => format!(":stage {s}"),
                None => ":stage 1".to_string(),
            },
            Edit::SetContext { context } => context_commands(context.as_deref()),
            Edit::SetAnswer { prompt, option } => match option {
                Some(o) => format!(":answer {prompt} {o}"),
                None => format!(":answer {prompt}"),
            },
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
            Edit::Add { component } => {
                write!(f, "add `{}` ({})", component.id, component.kind)
            }
            Edit::Link { from, to, mode } => write!(f, "link `{from}` -> `{to}` ({mode})"),
            Edit::Rename { from, to } => write!(f, "rename `{from}` to `{to}`"),
            Edit::SetStores { component, stores } => {
                write!(f, "make `{component}` store [{}]", stores.join(", "))
            }
            Edit::SetLabel { component, label } => match label {
                Some(l) => write!(f, "label `{component}` \"{l}\""),
                None => write!(f, "clear the label of `{component}`"),
            },
            Edit::SetStage { stage } => match stage {
                Some(s) => write!(f, "judge at stage `{s}`"),
                None => f.write_str("judge at the first stage"),
            },
            Edit::SetContext { .. } => f.write_str("change the design's context"),
            Edit::SetAnswer { prompt, option } => match option {
                Some(o) => write!(f, "answer `{prompt}` with `{o}`"),
                None => write!(f, "clear the answer to `{prompt}`"),
            },
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

/// [`Edit::Rename`]: the component, its links, its note and the findings
/// accepted on it.
fn rename(design: &mut Design, old: &str, new: &str) {
    for c in design.components.iter_mut().filter(|c| c.id == old) {
        c.id = new.to_string();
    }
    for l in design.links.iter_mut() {
        if l.from == old {
            l.from = new.to_string();
        }
        if l.to == old {
            l.to = new.to_string();
        }
    }
    if let Some(n) = design.notes.remove(old) {
        design.notes.insert(new.to_string(), n);
    }
    for a in design.accepted.iter_mut() {
        for c in a.components.iter_mut().filter(|c| *c == old) {
            *c = new.to_string();
        }
    }
}
