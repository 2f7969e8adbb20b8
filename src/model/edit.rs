//! One way to change a design: findings propose these edits (the engine
//! prices each on a copy), the `:` commands and keys apply them, and a fix's
//! printed command makes exactly the design that was priced.

use super::{Catalog, Design, LinkMode, PropValue};
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
}

impl Edit {
    /// Applies the edit to `design`. Edits naming missing components do
    /// nothing. The catalog says which props survive a change of kind.
    pub fn apply(&self, design: &mut Design, catalog: &Catalog) {
        match self {
            Edit::SetReplicas {
                component,
                replicas,
            } => {
                if let Some(c) = design.component_mut(component) {
                    c.replicas = (*replicas).max(1);
                }
            }
            Edit::SetProp {
                component,
                prop,
                value,
            } => {
                if let Some(c) = design.component_mut(component) {
                    c.props.insert(prop.clone(), value.clone());
                }
            }
            Edit::All { edits } => {
                for e in edits {
                    e.apply(design, catalog);
                }
            }
            Edit::SwapKind { component, kind } => {
                if let Some(c) = design.component_mut(component) {
                    c.kind = kind.clone();
                    // Keep the props the new kind takes with a value it accepts.
                    let spec = catalog.get(kind);
                    c.props.retain(|name, v| {
                        spec.and_then(|k| k.props.get(name))
                            .is_some_and(|s| s.check(v).is_ok())
                    });
                }
            }
            Edit::Remove { component } => {
                // Keep flows connected: callers of the removed component now
                // call what it called.
                let ins: Vec<_> = design
                    .links
                    .iter()
                    .filter(|l| l.to == *component)
                    .cloned()
                    .collect();
                let outs: Vec<_> = design
                    .links
                    .iter()
                    .filter(|l| l.from == *component)
                    .cloned()
                    .collect();
                design.components.retain(|c| c.id != *component);
                design
                    .links
                    .retain(|l| l.from != *component && l.to != *component);
                design.notes.remove(component);
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
                            design.links.push(crate::model::Link::new(
                                a.from.clone(),
                                b.to.clone(),
                                mode,
                            ));
                        }
                    }
                }
            }
            Edit::SetLinkMode { from, to, mode } => {
                for l in design.links.iter_mut() {
                    if l.from == *from && l.to == *to {
                        l.mode = *mode;
                    }
                }
            }
            Edit::SetManaged { component, managed } => {
                if let Some(c) = design.component_mut(component) {
                    c.managed = *managed;
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
        }
    }
}
