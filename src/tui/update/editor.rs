//! Keys in the design editor, its palettes and its input field.

use super::diagram_keys::{clear_flow, diagram_pane_key, has_flow, hide_diagram};
use super::*;

// ---------------------------------------------------------------- editor

pub(super) fn editor_key(app: &mut App, action: Action) {
    let Some(s) = app.session.as_ref() else {
        return;
    };
    let focus = s.editor.focus;
    let ncomp = s.design.components.len();
    let nfind = s.report.findings.len();
    let selected = app.selected_component().map(str::to_string);
    let shown = s.diagram.shown;
    if focus == Pane::Diagram && diagram_pane_key(app, &action) {
        return;
    }
    match action {
        Action::NextPane | Action::MoveRight => set_focus(app, next_pane(focus, true, shown)),
        Action::PrevPane | Action::MoveLeft => set_focus(app, next_pane(focus, false, shown)),
        Action::Cancel if has_flow(app) => clear_flow(app),
        Action::Cancel => set_focus(app, Pane::Components),
        a if is_move(&a) => {
            let rows = app.inspector_rows().len();
            let Some(s) = app.session.as_mut() else {
                return;
            };
            match focus {
                Pane::Components => {
                    let before = s.editor.comp_sel;
                    s.editor.comp_sel = move_index(s.editor.comp_sel, ncomp, &a, 5);
                    if s.editor.comp_sel != before {
                        s.editor.insp_sel = 0;
                    }
                }
                Pane::Inspector => s.editor.insp_sel = move_index(s.editor.insp_sel, rows, &a, 5),
                Pane::Findings => {
                    s.editor.finding_sel = move_index(s.editor.finding_sel, nfind, &a, 3)
                }
                Pane::Diagram => {}
            }
        }
        Action::AddComponent => open_add_palette(app),
        Action::Confirm => match focus {
            Pane::Components if selected.is_some() => set_focus(app, Pane::Inspector),
            Pane::Components => open_add_palette(app),
            Pane::Inspector => activate_row(app),
            Pane::Diagram => {}
            Pane::Findings => {
                let first = app
                    .selected_finding()
                    .and_then(|f| f.components.first().cloned());
                if let Some(id) = first {
                    select_component(app, &id);
                    set_focus(app, Pane::Components);
                }
            }
        },
        Action::ApplyFix => apply_fix(app),
        other => {
            let Some(id) = selected else {
                // Every editor action but these two acts on the selection.
                if other.scope() == crate::tui::action::Scope::Editor
                    && !matches!(other, Action::AddComponent | Action::ApplyFix)
                {
                    app.error("no component selected: press a to add one, or :add KIND");
                }
                return;
            };
            component_key(app, other, &id, focus);
        }
    }
}

pub(super) fn component_key(app: &mut App, action: Action, id: &str, focus: Pane) {
    match action {
        Action::Rename => open_rename(app, id),
        Action::ReplicasUp | Action::ReplicasDown => {
            let n = app
                .session
                .as_ref()
                .and_then(|s| s.design.component(id))
                .map(|c| c.replicas)
                .unwrap_or(1);
            let n = if action == Action::ReplicasUp {
                n.saturating_add(1)
            } else {
                n.saturating_sub(1)
            };
            if n == 0 {
                app.error(format!("`{id}` already runs one replica; d deletes it"));
                return;
            }
            edit(app, |d, _, _| edit::set_replicas(d, id, n));
        }
        Action::Delete => {
            let row = current_row(app);
            match (focus, row) {
                (Pane::Inspector, Some(InspectorRow::LinkOut(to))) => {
                    edit(app, |d, _, _| edit::unlink(d, id, &to));
                }
                (Pane::Inspector, Some(InspectorRow::LinkIn(from))) => {
                    edit(app, |d, _, _| edit::unlink(d, &from, id));
                }
                (Pane::Inspector, Some(InspectorRow::Prop(p))) => {
                    edit(app, |d, _, _| edit::unset(d, id, &p));
                }
                (Pane::Findings, _) => {}
                _ => {
                    edit(app, |d, c, _| edit::remove(d, c, id));
                }
            }
        }
        Action::Link => open_link_palette(app, id),
        Action::ToggleManaged => {
            let managed = app
                .session
                .as_ref()
                .and_then(|s| s.design.component(id))
                .is_some_and(|c| c.managed);
            let v = if managed { "false" } else { "true" };
            edit(app, |d, c, _| edit::set(d, c, id, "managed", v));
        }
        Action::EditStores => focus_row(
            app,
            |r| matches!(r, InspectorRow::Store(_)),
            "no entities to store: the design has no scenario or context entities",
        ),
        Action::EditProps => focus_row(
            app,
            |r| matches!(r, InspectorRow::Prop(_)),
            "this kind has no props; replicas and managed are above",
        ),
        Action::ChangeKind => open_kind_palette(app, id),
        _ => {}
    }
}

/// The pane after (or before) `p`; the diagram takes the inspector's
/// place while it shows.
pub(super) fn next_pane(p: Pane, forward: bool, diagram: bool) -> Pane {
    let middle = if diagram {
        Pane::Diagram
    } else {
        Pane::Inspector
    };
    match (p, forward) {
        (Pane::Components, true) | (Pane::Findings, false) => middle,
        (Pane::Inspector | Pane::Diagram, true) | (Pane::Components, false) => Pane::Findings,
        (Pane::Findings, true) | (Pane::Inspector | Pane::Diagram, false) => Pane::Components,
    }
}

/// Focuses a pane; the inspector hides the diagram, which shares its place.
pub(super) fn set_focus(app: &mut App, p: Pane) {
    if p == Pane::Inspector {
        hide_diagram(app);
    }
    if let Some(s) = app.session.as_mut() {
        s.editor.focus = p;
    }
}

pub(super) fn select_component(app: &mut App, id: &str) {
    if let Some(s) = app.session.as_mut()
        && let Some(i) = s.design.components.iter().position(|c| c.id == id)
    {
        if s.editor.comp_sel != i {
            s.editor.insp_sel = 0;
        }
        s.editor.comp_sel = i;
    }
}

pub(super) fn current_row(app: &App) -> Option<InspectorRow> {
    let s = app.session.as_ref()?;
    app.inspector_rows().get(s.editor.insp_sel).cloned()
}

pub(super) fn focus_row(app: &mut App, pred: impl Fn(&InspectorRow) -> bool, none: &str) {
    let rows = app.inspector_rows();
    match rows.iter().position(pred) {
        Some(i) => {
            set_focus(app, Pane::Inspector);
            if let Some(s) = app.session.as_mut() {
                s.editor.insp_sel = i;
            }
        }
        None => app.error(none),
    }
}

pub(super) fn apply_fix(app: &mut App) {
    let Some(f) = app.selected_finding().cloned() else {
        app.info("no finding selected");
        return;
    };
    if f.fix.is_none() {
        app.info(format!("no automatic fix; {}", text::line(&f.suggestion)));
        return;
    }
    // Price this one fix (one engine run) so the user sees its trade-off
    // before anything changes.
    let priced = app.session.as_ref().and_then(|s| {
        let mut one = s.report.clone();
        one.findings = vec![f.clone()];
        let pack = app.pack();
        crate::engine::price::price(
            &s.design,
            &app.lib.catalog,
            pack,
            &crate::engine::AnalysisOptions::default(),
            &one,
        )
        .into_iter()
        .next()
    });
    app.overlay = Overlay::ConfirmFix(Box::new(crate::tui::state::ConfirmFix {
        finding: f,
        priced,
    }));
}

/// Keys while a fix waits for confirmation: Enter applies it, Esc cancels,
/// anything else leaves the question open.
pub(super) fn confirm_fix_key(app: &mut App, action: Action) {
    let Overlay::ConfirmFix(c) = &app.overlay else {
        return;
    };
    match action {
        Action::Confirm => {
            let fix = c.finding.fix.clone();
            app.overlay = Overlay::None;
            if let Some(fix) = fix {
                edit(app, |d, catalog, _| {
                    let undo = fix.apply(d, catalog);
                    Ok((format!("applied: {fix}"), undo))
                });
            }
        }
        Action::Cancel => {
            app.overlay = Overlay::None;
            app.info("fix not applied");
        }
        _ => {}
    }
}

pub(super) fn activate_row(app: &mut App) {
    let Some(id) = app.selected_component().map(str::to_string) else {
        return;
    };
    let Some(row) = current_row(app) else { return };
    let (kind, comp) = match app.session.as_ref().and_then(|s| s.design.component(&id)) {
        Some(c) => (app.lib.catalog.get(&c.kind).cloned(), c.clone()),
        None => return,
    };
    match row {
        InspectorRow::Id => open_rename(app, &id),
        InspectorRow::Kind => open_kind_palette(app, &id),
        InspectorRow::Replicas => {
            app.overlay = Overlay::Input(InputField {
                purpose: InputPurpose::Replicas {
                    component: id.clone(),
                },
                title: format!("Replicas of {id}"),
                text: comp.replicas.to_string(),
                hint: format!("a whole number from 1 to {}", edit::MAX_REPLICAS),
            });
        }
        InspectorRow::Managed => {
            let v = if comp.managed { "false" } else { "true" };
            edit(app, |d, c, _| edit::set(d, c, &id, "managed", v));
        }
        InspectorRow::Prop(name) => {
            let spec = kind.as_ref().and_then(|k| k.props.get(&name)).cloned();
            let current = comp
                .props
                .get(&name)
                .cloned()
                .or_else(|| spec.as_ref().and_then(|s| s.default.clone()));
            match spec {
                Some(spec) if spec.ty == PropType::Bool => {
                    let on = matches!(current, Some(PropValue::Bool(true)));
                    let v = if on { "false" } else { "true" };
                    edit(app, |d, c, _| edit::set(d, c, &id, &name, v));
                }
                Some(spec) if spec.ty == PropType::Enum && !spec.values.is_empty() => {
                    let cur = current.map(|v| v.to_string());
                    let i = cur.and_then(|c| spec.values.iter().position(|v| *v == c));
                    let next =
                        spec.values[i.map(|i| (i + 1) % spec.values.len()).unwrap_or(0)].clone();
                    edit(app, |d, c, _| edit::set(d, c, &id, &name, &next));
                }
                spec => {
                    let mut hint = String::new();
                    if let Some(s) = &spec {
                        hint = format!("{:?}", s.ty).to_lowercase();
                        if let Some(d) = &s.default {
                            hint.push_str(&format!(", default {d}"));
                        }
                        if let (Some(lo), Some(hi)) = (s.min, s.max) {
                            hint.push_str(&format!(", {lo} to {hi}"));
                        }
                        if let Some(doc) = &s.doc {
                            hint.push_str(&format!(": {}", text::line(doc)));
                        }
                    }
                    app.overlay = Overlay::Input(InputField {
                        purpose: InputPurpose::Prop {
                            component: id.clone(),
                            prop: name.clone(),
                        },
                        title: format!("{name} on {id}"),
                        text: comp
                            .props
                            .get(&name)
                            .map(|v| v.to_string())
                            .unwrap_or_default(),
                        hint,
                    });
                }
            }
        }
        InspectorRow::Store(entity) => {
            let known = app
                .session
                .as_ref()
                .map(|s| edit::entities(&s.design, app.pack()))
                .unwrap_or_default();
            edit(app, |d, _, _| edit::toggle_store(d, &known, &id, &entity));
        }
        InspectorRow::LinkOut(to) => {
            edit(app, |d, _, _| edit::toggle_link_mode(d, &id, &to));
        }
        InspectorRow::LinkIn(from) => {
            edit(app, |d, _, _| edit::toggle_link_mode(d, &from, &id));
        }
    }
}

pub(super) fn open_rename(app: &mut App, id: &str) {
    app.overlay = Overlay::Input(InputField {
        purpose: InputPurpose::Rename {
            component: id.to_string(),
        },
        title: format!("Rename {id}"),
        text: id.to_string(),
        hint: "lowercase letters, digits and dashes; links follow".into(),
    });
}

/// Palette rows for every catalog kind, with figures to browse by.
pub(super) fn kind_items(catalog: &Catalog) -> Vec<PaletteItem> {
    use crate::model::num::fmt;
    catalog
        .kinds()
        .iter()
        .map(|k| {
            let aliases = if k.aliases.is_empty() {
                String::new()
            } else {
                format!(" ({})", k.aliases.join(", "))
            };
            let cost = |managed: Option<f64>| {
                managed
                    .map(|m| format!(" / ${} managed", fmt(m)))
                    .unwrap_or_default()
            };
            let ops = |managed: Option<f64>| {
                managed
                    .map(|m| format!(" / {} h managed", fmt(m)))
                    .unwrap_or_default()
            };
            let mut detail = vec![
                format!("{} · {}", text::line(&k.name), k.category),
                text::line(&k.summary),
                format!(
                    "cost ${}/month{}",
                    fmt(k.cost_usd_month.self_hosted),
                    cost(k.cost_usd_month.managed)
                ),
                format!(
                    "ops {} h/month{}",
                    fmt(k.ops_hours_month.self_hosted),
                    ops(k.ops_hours_month.managed)
                ),
            ];
            detail.push(match k.capacity {
                Some(c) => format!(
                    "capacity {} reads/s, {} writes/s per instance",
                    fmt(c.read_rps),
                    fmt(c.write_rps)
                ),
                None => "capacity: not a bottleneck".into(),
            });
            if let Some(why) = &k.justified_when.why {
                detail.push(format!("when: {}", text::line(why)));
            }
            PaletteItem {
                value: k.id.clone(),
                text: format!("{}  {}{}", k.id, k.category, text::line(&aliases)),
                detail,
            }
        })
        .collect()
}

pub(super) fn open_add_palette(app: &mut App) {
    let items = kind_items(&app.lib.catalog);
    app.overlay = Overlay::Palette(Palette::new(
        PalettePurpose::AddComponent,
        "Add a component",
        items,
    ));
}

pub(super) fn open_kind_palette(app: &mut App, id: &str) {
    let items = kind_items(&app.lib.catalog);
    app.overlay = Overlay::Palette(Palette::new(
        PalettePurpose::ChangeKind {
            component: id.to_string(),
        },
        format!("Change the kind of {id}"),
        items,
    ));
}

pub(super) fn open_link_palette(app: &mut App, from: &str) {
    let Some(s) = app.session.as_ref() else {
        return;
    };
    let items: Vec<PaletteItem> = s
        .design
        .components
        .iter()
        .filter(|c| c.id != from)
        .map(|c| {
            let linked = s
                .design
                .links
                .iter()
                .find(|l| l.from == from && l.to == c.id);
            PaletteItem {
                value: c.id.clone(),
                text: format!("{}  {}", c.id, c.kind),
                detail: vec![match linked {
                    Some(l) => format!(
                        "already linked ({}); choosing it toggles sync/async",
                        l.mode
                    ),
                    None => format!(
                        "{from} -> {} (sync; Enter on the link in the inspector toggles)",
                        c.id
                    ),
                }],
            }
        })
        .collect();
    if items.is_empty() {
        app.error("add another component first: a link needs two");
        return;
    }
    app.overlay = Overlay::Palette(Palette::new(
        PalettePurpose::LinkTarget {
            from: from.to_string(),
        },
        format!("Link {from} to"),
        items,
    ));
}

pub(super) fn palette_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Palette(p) = &mut app.overlay else {
        return Vec::new();
    };
    match action {
        Action::Input(c) => {
            p.query.push(c);
            p.refilter();
        }
        Action::Paste(s) => {
            push_text(&mut p.query, &s);
            p.refilter();
        }
        Action::Backspace => {
            p.query.pop();
            p.refilter();
        }
        Action::ClearLine => {
            p.query.clear();
            p.refilter();
        }
        Action::Cancel => app.overlay = Overlay::None,
        Action::NextPane => {
            p.selected = move_index(p.selected, p.matches.len(), &Action::MoveDown, 1)
        }
        Action::PrevPane => {
            p.selected = move_index(p.selected, p.matches.len(), &Action::MoveUp, 1)
        }
        Action::Confirm => {
            let Some(value) = p.current().map(|i| i.value.clone()) else {
                app.error("nothing matches; Backspace to widen the search");
                return Vec::new();
            };
            let purpose = p.purpose.clone();
            app.overlay = Overlay::None;
            match purpose {
                PalettePurpose::AddComponent => {
                    add(app, &value, None);
                }
                PalettePurpose::LinkTarget { from } => {
                    let exists = app.session.as_ref().is_some_and(|s| {
                        s.design
                            .links
                            .iter()
                            .any(|l| l.from == from && l.to == value)
                    });
                    if exists {
                        edit(app, |d, _, _| edit::toggle_link_mode(d, &from, &value));
                    } else {
                        edit(app, |d, _, _| edit::link(d, &from, &value, None));
                    }
                }
                PalettePurpose::ChangeKind { component } => {
                    edit(app, |d, c, _| edit::change_kind(d, c, &component, &value));
                }
            }
        }
        a if is_move(&a) => p.selected = move_index(p.selected, p.matches.len(), &a, 5),
        _ => {}
    }
    Vec::new()
}

pub(super) fn add(app: &mut App, kind: &str, id: Option<&str>) -> bool {
    let mut new_id = None;
    let ok = edit(app, |d, c, _| {
        let (id, undo) = edit::add_component(d, c, kind, id)?;
        let k = d.component(&id).map(|x| x.kind.clone()).unwrap_or_default();
        new_id = Some(id.clone());
        Ok((format!("added {id} ({k})"), undo))
    });
    if let Some(id) = new_id {
        select_component(app, &id);
    }
    ok
}

pub(super) fn input_key(app: &mut App, action: Action) {
    let Overlay::Input(f) = &mut app.overlay else {
        return;
    };
    match action {
        Action::Input(c) if f.text.chars().count() < 512 => f.text.push(c),
        Action::Paste(s) => push_text(&mut f.text, &s),
        Action::Backspace => {
            f.text.pop();
        }
        Action::ClearLine => f.text.clear(),
        Action::Cancel => app.overlay = Overlay::None,
        Action::Confirm => {
            let text = f.text.trim().to_string();
            let purpose = f.purpose.clone();
            let ok = match &purpose {
                InputPurpose::Rename { component } => {
                    let ok = edit(app, |d, _, _| edit::rename(d, component, &text));
                    if ok {
                        select_component(app, &text);
                    }
                    ok
                }
                InputPurpose::Replicas { component } => match text.parse::<u32>() {
                    Ok(n) => edit(app, |d, _, _| edit::set_replicas(d, component, n)),
                    Err(_) => {
                        app.error(format!("replicas must be a whole number, not `{text}`"));
                        false
                    }
                },
                InputPurpose::Ask => {
                    crate::tui::interview_mode::ask_typed(app, &text);
                    true
                }
                InputPurpose::Prop { component, prop } => {
                    if text.is_empty() {
                        edit(app, |d, _, _| edit::unset(d, component, prop))
                    } else {
                        edit(app, |d, c, _| edit::set(d, c, component, prop, &text))
                    }
                }
            };
            if ok {
                app.overlay = Overlay::None;
            }
        }
        _ => {}
    }
}

/// Keys while help is open; returns true when the key was used up.
pub(super) fn help_key(app: &mut App, action: &Action) -> bool {
    let Overlay::Help { scroll } = &mut app.overlay else {
        return false;
    };
    match action {
        Action::MoveUp => *scroll = scroll.saturating_sub(1),
        Action::MoveDown => *scroll = (*scroll + 1).min(200),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::PageDown => *scroll = (*scroll + 10).min(200),
        Action::Top => *scroll = 0,
        Action::CommandLine => {
            app.overlay = Overlay::None;
            return false;
        }
        _ => app.overlay = Overlay::None,
    }
    true
}
