//! Edits to a design, shared by keys and `:` commands. Each checks what was
//! typed, makes the change through one [`Edit`] and returns a short message
//! with the edit that undoes it, or a clear error (with a did-you-mean hint)
//! and leaves the design untouched.

use crate::model::Edit;
use crate::model::figure::{FIGURES, Figure, figure};
use crate::model::validate::{MAX_ID_LEN, did_you_mean, levenshtein, slug, valid_id};
use crate::model::{Catalog, Component, Design, LinkMode, Pack, PropType, PropValue, StageRef};

/// Most replicas one component may have; more is a typo.
pub use crate::model::validate::MAX_REPLICAS;

/// What an edit says back, and the edit that undoes it.
pub type Outcome = Result<(String, Edit), String>;

/// The closest of `candidates` (name, id) to `typed`: the shared hint,
/// falling back to a small edit distance so swapped letters (`kafak`) still
/// find their match.
pub fn suggest<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
) -> Option<String> {
    did_you_mean(typed, candidates.clone()).or_else(|| {
        let t = typed.to_ascii_lowercase();
        candidates
            .into_iter()
            .map(|(name, id)| (levenshtein(&t, &name.to_ascii_lowercase()), id))
            .filter(|(d, _)| *d <= 2.max(t.chars().count() / 3) && *d < t.chars().count())
            .min_by_key(|(d, _)| *d)
            .map(|(_, id)| id.to_string())
    })
}

/// `unknown component `x`; did you mean `y`?`
pub fn unknown_component(design: &Design, id: &str) -> String {
    let hint = suggest(
        id,
        design
            .components
            .iter()
            .map(|c| (c.id.as_str(), c.id.as_str())),
    );
    match hint {
        Some(s) => format!("no component `{id}`; did you mean `{s}`?"),
        None if design.components.is_empty() => {
            format!("no component `{id}`: the design is empty (add one with :add KIND)")
        }
        None => format!("no component `{id}`"),
    }
}

/// `unknown kind `x`; did you mean `y`?`
pub fn unknown_kind(catalog: &Catalog, name: &str) -> String {
    let names = catalog.kinds().iter().flat_map(|k| {
        std::iter::once((k.id.as_str(), k.id.as_str()))
            .chain(k.aliases.iter().map(move |a| (a.as_str(), k.id.as_str())))
    });
    match suggest(name, names) {
        Some(s) => format!("unknown kind `{name}`; did you mean `{s}`?"),
        None => format!("unknown kind `{name}` (press a in the editor to browse the catalog)"),
    }
}

fn check_exists(design: &Design, id: &str) -> Result<(), String> {
    if design.component(id).is_some() {
        Ok(())
    } else {
        Err(unknown_component(design, id))
    }
}

/// A fresh id based on `base`: `postgres`, `postgres-2`, ...
pub fn unique_id(design: &Design, base: &str) -> String {
    let base = slug(base);
    if design.component(&base).is_none() {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let keep = MAX_ID_LEN.saturating_sub(suffix.len());
            format!("{}{suffix}", base.chars().take(keep).collect::<String>())
        })
        .find(|id| design.component(id).is_none())
        .unwrap_or(base)
}

/// Adds a component of a kind (id or alias). Returns the new id and the
/// edit that undoes it.
pub fn add_component(
    design: &mut Design,
    catalog: &Catalog,
    kind: &str,
    id: Option<&str>,
) -> Result<(String, Edit), String> {
    let Some(k) = catalog.resolve(kind) else {
        return Err(unknown_kind(catalog, kind));
    };
    let id = match id {
        Some(id) => {
            if !valid_id(id) {
                return Err(format!(
                    "`{id}` is not a valid id: use lowercase letters, digits and dashes (try `{}`)",
                    slug(id)
                ));
            }
            if design.component(id).is_some() {
                return Err(format!(
                    "there is already a component `{id}`; pick another id"
                ));
            }
            id.to_string()
        }
        None => unique_id(design, &k.id),
    };
    let undo = Edit::Add {
        component: Component::new(id.clone(), k.id.clone()),
    }
    .apply(design, catalog);
    Ok((id, undo))
}

/// Removes a component, its links and its note; callers of it now call
/// what it called, as a fix that removes it does (one way to remove).
pub fn remove(design: &mut Design, catalog: &Catalog, id: &str) -> Outcome {
    check_exists(design, id)?;
    let links = design
        .links
        .iter()
        .filter(|l| l.from == id || l.to == id)
        .count();
    let before: Vec<(String, String)> = design
        .links
        .iter()
        .map(|l| (l.from.clone(), l.to.clone()))
        .collect();
    let undo = Edit::Remove {
        component: id.to_string(),
    }
    .apply(design, catalog);
    let bridged: Vec<String> = design
        .links
        .iter()
        .filter(|l| !before.contains(&(l.from.clone(), l.to.clone())))
        .map(|l| format!("{} -> {}", l.from, l.to))
        .collect();
    let removed = match links {
        0 => format!("removed `{id}`"),
        1 => format!("removed `{id}` and its link"),
        n => format!("removed `{id}` and its {n} links"),
    };
    let said = if bridged.is_empty() {
        removed
    } else {
        format!("{removed}; reconnected {}", bridged.join(", "))
    };
    Ok((said, undo))
}

/// Links `from` -> `to`, or sets the mode of an existing link.
pub fn link(design: &mut Design, from: &str, to: &str, mode: Option<LinkMode>) -> Outcome {
    check_exists(design, from)?;
    check_exists(design, to)?;
    if from == to {
        return Err(format!("`{from}` cannot link to itself"));
    }
    let existing = design
        .links
        .iter()
        .find(|l| l.from == from && l.to == to)
        .map(|l| l.mode);
    let (mode, said) = match (existing, mode) {
        (Some(old), Some(m)) if m != old => (m, format!("{from} -> {to} is now {m}")),
        (Some(old), _) => return Err(format!("{from} -> {to} is already linked ({old})")),
        (None, m) => {
            let m = m.unwrap_or_default();
            (m, format!("linked {from} -> {to} ({m})"))
        }
    };
    let undo = apply(
        design,
        Edit::Link {
            from: from.to_string(),
            to: to.to_string(),
            mode,
        },
    );
    Ok((said, undo))
}

/// Removes the link `from` -> `to`.
pub fn unlink(design: &mut Design, from: &str, to: &str) -> Outcome {
    if !design.links.iter().any(|l| l.from == from && l.to == to) {
        return Err(format!("there is no link {from} -> {to}"));
    }
    let undo = apply(
        design,
        Edit::Unlink {
            from: from.to_string(),
            to: to.to_string(),
        },
    );
    Ok((format!("removed the link {from} -> {to}"), undo))
}

/// Applies an edit that changes no kind, so needs no catalog.
fn apply(design: &mut Design, edit: Edit) -> Edit {
    edit.apply(design, &Catalog::new(Vec::new()))
}

/// Flips a link between sync and async.
pub fn toggle_link_mode(design: &mut Design, from: &str, to: &str) -> Outcome {
    let Some(l) = design.links.iter().find(|l| l.from == from && l.to == to) else {
        return Err(format!("there is no link {from} -> {to}"));
    };
    let mode = match l.mode {
        LinkMode::Sync => LinkMode::Async,
        LinkMode::Async => LinkMode::Sync,
    };
    let undo = apply(
        design,
        Edit::SetLinkMode {
            from: from.to_string(),
            to: to.to_string(),
            mode,
        },
    );
    Ok((format!("{from} -> {to} is now {mode}"), undo))
}

/// Sets the replica count.
pub fn set_replicas(design: &mut Design, id: &str, n: u32) -> Outcome {
    if !(1..=MAX_REPLICAS).contains(&n) {
        return Err(format!("replicas must be between 1 and {MAX_REPLICAS}"));
    }
    check_exists(design, id)?;
    let undo = apply(
        design,
        Edit::SetReplicas {
            component: id.to_string(),
            replicas: n,
        },
    );
    Ok((
        format!("{id}: {n} replica{}", if n == 1 { "" } else { "s" }),
        undo,
    ))
}

/// Parses a boolean typed by a person.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Some(true),
        "false" | "no" | "off" | "0" => Some(false),
        _ => None,
    }
}

/// Sets `managed`, `replicas`, `label`, `kind` or a catalog prop.
pub fn set(design: &mut Design, catalog: &Catalog, id: &str, key: &str, value: &str) -> Outcome {
    check_exists(design, id)?;
    match key {
        "replicas" => {
            let n = value
                .parse::<u32>()
                .map_err(|_| format!("replicas must be a whole number, not `{value}`"))?;
            return set_replicas(design, id, n);
        }
        "kind" => return change_kind(design, catalog, id, value),
        _ => {}
    }
    let Some(c) = design.component(id) else {
        return Err(unknown_component(design, id));
    };
    match key {
        "managed" => {
            let b = parse_bool(value)
                .ok_or_else(|| format!("managed is true or false, not `{value}`"))?;
            let undo = apply(
                design,
                Edit::SetManaged {
                    component: id.to_string(),
                    managed: b,
                },
            );
            let said = format!("{id}: {}", if b { "managed" } else { "self-hosted" });
            return Ok((said, undo));
        }
        "label" => {
            let v = value.trim();
            let undo = apply(
                design,
                Edit::SetLabel {
                    component: id.to_string(),
                    label: (!v.is_empty()).then(|| v.to_string()),
                },
            );
            return Ok((format!("{id}: label set"), undo));
        }
        _ => {}
    }
    let Some(kind) = catalog.get(&c.kind) else {
        return Err(format!("`{id}` has unknown kind `{}`", c.kind));
    };
    let Some(spec) = kind.props.get(key) else {
        let mut known: Vec<&str> = kind.props.keys().map(String::as_str).collect();
        known.extend(["managed", "replicas", "label", "kind"]);
        let hint = match suggest(key, known.iter().map(|k| (*k, *k))) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => format!("; it accepts: {}", known.join(", ")),
        };
        return Err(format!("`{}` has no prop `{key}`{hint}", kind.id));
    };
    let parsed = match (spec.ty, PropValue::parse(value)) {
        (PropType::String, v) => PropValue::Str(v.to_string()),
        (PropType::Enum, v) => PropValue::Str(v.to_string()),
        (PropType::Number, PropValue::Int(i)) => PropValue::Int(i),
        (PropType::Bool, PropValue::Str(s)) => match parse_bool(&s) {
            Some(b) => PropValue::Bool(b),
            None => PropValue::Str(s),
        },
        (_, v) => v,
    };
    spec.check(&parsed)
        .map_err(|e| format!("{key} on `{id}`: {e}"))?;
    let said = format!("{id}: {key} = {parsed}");
    let undo = apply(
        design,
        Edit::SetProp {
            component: id.to_string(),
            prop: key.to_string(),
            value: parsed,
        },
    );
    Ok((said, undo))
}

/// Removes a prop (back to the catalog default).
pub fn unset(design: &mut Design, id: &str, key: &str) -> Outcome {
    let Some(c) = design.component(id) else {
        return Err(unknown_component(design, id));
    };
    if !c.props.contains_key(key) {
        return Err(format!("`{id}` does not set `{key}`"));
    }
    let undo = apply(
        design,
        Edit::UnsetProp {
            component: id.to_string(),
            prop: key.to_string(),
        },
    );
    Ok((format!("{id}: {key} back to its default"), undo))
}

/// Entities a design may store: its pack's (all stages) and its own context's.
pub fn entities(design: &Design, pack: Option<&Pack>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |id: &str| {
        if !out.iter().any(|e| e == id) {
            out.push(id.to_string());
        }
    };
    if let Some(p) = pack {
        for e in &p.entities {
            push(&e.id);
        }
        for s in &p.stages {
            for e in &s.context.entities {
                push(&e.id);
            }
        }
    }
    if let Some(ctx) = &design.context {
        for e in &ctx.entities {
            push(&e.id);
        }
    }
    out
}

/// Adds or removes an entity from what a component stores.
pub fn toggle_store(design: &mut Design, known: &[String], id: &str, entity: &str) -> Outcome {
    let Some(c) = design.component(id) else {
        return Err(unknown_component(design, id));
    };
    let mut stores = c.stores.clone();
    let stores_it = |design: &mut Design, stores: Vec<String>| {
        apply(
            design,
            Edit::SetStores {
                component: id.to_string(),
                stores,
            },
        )
    };
    if let Some(i) = stores.iter().position(|e| e == entity) {
        stores.remove(i);
        let undo = stores_it(design, stores);
        return Ok((format!("{id} no longer stores {entity}"), undo));
    }
    if !known.is_empty() && !known.iter().any(|e| e == entity) {
        let hint = suggest(entity, known.iter().map(|e| (e.as_str(), e.as_str())))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| format!("entities: {}", known.join(", ")));
        return Err(format!("unknown entity `{entity}`; {hint}"));
    }
    if known.is_empty() && !valid_id(entity) {
        return Err(format!("`{entity}` is not a valid entity id"));
    }
    stores.push(entity.to_string());
    let undo = stores_it(design, stores);
    Ok((format!("{id} stores {entity}"), undo))
}

/// Renames a component everywhere it is named.
pub fn rename(design: &mut Design, old: &str, new: &str) -> Outcome {
    check_exists(design, old)?;
    if old == new {
        return Err(format!("`{old}` already has that id"));
    }
    if !valid_id(new) {
        return Err(format!(
            "`{new}` is not a valid id: use lowercase letters, digits and dashes (try `{}`)",
            slug(new)
        ));
    }
    if design.component(new).is_some() {
        return Err(format!("there is already a component `{new}`"));
    }
    let undo = apply(
        design,
        Edit::Rename {
            from: old.to_string(),
            to: new.to_string(),
        },
    );
    Ok((format!("renamed `{old}` to `{new}`"), undo))
}

/// Changes the kind, keeping the props the new kind accepts.
pub fn change_kind(design: &mut Design, catalog: &Catalog, id: &str, kind: &str) -> Outcome {
    let Some(k) = catalog.resolve(kind) else {
        return Err(unknown_kind(catalog, kind));
    };
    let Some(c) = design.component(id) else {
        return Err(unknown_component(design, id));
    };
    if c.kind == k.id {
        return Err(format!("`{id}` is already a {}", k.id));
    }
    let undo = Edit::SwapKind {
        component: id.to_string(),
        kind: k.id.clone(),
    }
    .apply(design, catalog);
    Ok((format!("`{id}` is now a {}", k.id), undo))
}

/// Judges the design at another stage of its scenario.
pub fn set_stage(design: &mut Design, pack: Option<&Pack>, stage: &str) -> Outcome {
    let Some(p) = pack else {
        return Err("stages come from a scenario; this design has none".into());
    };
    let r = StageRef::parse(stage);
    let Some(s) = p.stage(&r) else {
        let ids: Vec<&str> = p.stages.iter().map(|s| s.id.as_str()).collect();
        return Err(format!("no stage `{stage}`; stages: {}", ids.join(", ")));
    };
    let undo = apply(
        design,
        Edit::SetStage {
            stage: Some(StageRef::Id(s.id.clone())),
        },
    );
    let said = format!(
        "judging at stage `{}` ({})",
        s.id,
        crate::text::line(&s.title)
    );
    Ok((said, undo))
}

/// Records the answer to a constraint prompt.
pub fn answer(design: &mut Design, pack: Option<&Pack>, prompt: &str, option: &str) -> Outcome {
    let Some(p) = pack else {
        return Err("prompts come from a scenario; this design has none".into());
    };
    let Some(pr) = p.prompt(prompt) else {
        let hint = suggest(
            prompt,
            p.prompts.iter().map(|x| (x.id.as_str(), x.id.as_str())),
        )
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
        return Err(format!("no prompt `{prompt}`{hint}"));
    };
    if !pr.options.iter().any(|o| o.id == option) {
        let ids: Vec<&str> = pr.options.iter().map(|o| o.id.as_str()).collect();
        return Err(format!(
            "`{prompt}` has no option `{option}`; options: {}",
            ids.join(", ")
        ));
    }
    let undo = apply(
        design,
        Edit::SetAnswer {
            prompt: prompt.to_string(),
            option: Some(option.to_string()),
        },
    );
    Ok((format!("{prompt}: {option}"), undo))
}

/// The figure `:context` means by `key` (any of its spellings), or an error
/// with a did-you-mean hint and the names it knows.
pub fn context_figure(key: &str) -> Result<&'static Figure, String> {
    figure(key).ok_or_else(|| {
        let names: Vec<&str> = FIGURES.iter().map(|f| f.name).collect();
        let hint = suggest(key, FIGURES.iter().map(|f| (f.name, f.name)))
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        format!(
            "no context figure `{}`: {hint}one of {}",
            crate::text::label(key, 40),
            names.join(", ")
        )
    })
}

/// Sets one figure of the design's own context (`:context users 50000`, or
/// the context screen); the report judges against it at once. A design that
/// names a scenario keeps the stage's other figures: these override them
/// key by key. `-` clears the figure, back to the stage's or the assumed one.
pub fn set_context(design: &mut Design, key: &str, value: &str) -> Outcome {
    let f = context_figure(key)?;
    let v = f.parse(value)?;
    let context = f.with(design.context.as_ref(), v);
    let undo = apply(
        design,
        Edit::SetContext {
            context: context.map(Box::new),
        },
    );
    let said = match v {
        Some(x) => format!("context: {} {}", f.name, crate::model::num::fmt(x)),
        None => format!(
            "context: {} back to the scenario's or the assumed figure",
            f.name
        ),
    };
    Ok((said, undo))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Link;
    use crate::tui::fixture;

    fn design() -> Design {
        let mut d = Design::default();
        d.components.push(Component::new("api", "app-server"));
        d.components.push(Component::new("db", "postgres"));
        d.links.push(Link::new("api", "db", LinkMode::Sync));
        d
    }

    #[test]
    fn add_resolves_aliases_and_makes_unique_ids() {
        let lib = fixture::library();
        let mut d = design();
        let id = |r: Result<(String, Edit), String>| r.map(|(id, _)| id);
        assert_eq!(
            id(add_component(&mut d, &lib.catalog, "pg", None)),
            Ok("postgres".into())
        );
        assert_eq!(
            id(add_component(&mut d, &lib.catalog, "postgres", None)),
            Ok("postgres-2".into())
        );
        let e = add_component(&mut d, &lib.catalog, "kafak", None).unwrap_err();
        assert!(e.contains("did you mean `kafka`"), "{e}");
        assert!(
            add_component(&mut d, &lib.catalog, "redis", Some("Bad Id"))
                .unwrap_err()
                .contains("bad-id")
        );
        assert!(add_component(&mut d, &lib.catalog, "redis", Some("db")).is_err());
    }

    #[test]
    fn link_unlink_toggle_and_remove() {
        let mut d = design();
        assert!(link(&mut d, "api", "db", None).is_err());
        assert!(link(&mut d, "api", "api", None).is_err());
        assert!(
            link(&mut d, "api", "dv", None)
                .unwrap_err()
                .contains("did you mean `db`")
        );
        let said = |o: Outcome| o.map(|(m, _)| m);
        assert_eq!(
            said(link(&mut d, "api", "db", Some(LinkMode::Async))),
            Ok("api -> db is now async".into())
        );
        assert!(toggle_link_mode(&mut d, "api", "db").is_ok());
        assert_eq!(d.links[0].mode, LinkMode::Sync);
        assert!(unlink(&mut d, "db", "api").is_err());
        assert!(unlink(&mut d, "api", "db").is_ok());
        assert!(d.links.is_empty());
        link(&mut d, "db", "api", None).unwrap();
        let cat = crate::tui::fixture::library().catalog;
        assert_eq!(
            said(remove(&mut d, &cat, "db")),
            Ok("removed `db` and its link".into())
        );
        assert!(d.links.is_empty());
        assert!(remove(&mut d, &cat, "db").is_err());
        // Removing a hop keeps what it joined connected, as its fix does.
        let mut chain = Design::default();
        for (id, kind) in [
            ("web", "web-client"),
            ("cache", "redis"),
            ("db", "postgres"),
        ] {
            chain.components.push(Component::new(id, kind));
        }
        link(&mut chain, "web", "cache", None).unwrap();
        link(&mut chain, "cache", "db", None).unwrap();
        let (said, _) = remove(&mut chain, &cat, "cache").unwrap();
        assert!(said.contains("reconnected web -> db"), "{said}");
        assert_eq!(chain.links.len(), 1);
    }

    #[test]
    fn set_checks_props_against_the_catalog() {
        let lib = fixture::library();
        let mut d = design();
        assert!(set(&mut d, &lib.catalog, "db", "failover", "automatic").is_ok());
        assert_eq!(
            d.components[1].prop_str("failover").as_deref(),
            Some("automatic")
        );
        let e = set(&mut d, &lib.catalog, "db", "failover", "sometimes").unwrap_err();
        assert!(e.contains("expected one of"), "{e}");
        let e = set(&mut d, &lib.catalog, "db", "failovr", "manual").unwrap_err();
        assert!(e.contains("did you mean `failover`"), "{e}");
        assert!(set(&mut d, &lib.catalog, "api", "idempotency_keys", "yes").is_ok());
        assert_eq!(d.components[0].prop_bool("idempotency_keys"), Some(true));
        assert!(set(&mut d, &lib.catalog, "api", "managed", "true").is_ok());
        assert!(d.components[0].managed);
        assert!(set(&mut d, &lib.catalog, "api", "replicas", "3").is_ok());
        assert_eq!(d.components[0].replicas, 3);
        assert!(set(&mut d, &lib.catalog, "api", "replicas", "0").is_err());
        assert!(set(&mut d, &lib.catalog, "api", "replicas", "many").is_err());
        assert!(unset(&mut d, "db", "failover").is_ok());
        assert!(unset(&mut d, "db", "failover").is_err());
    }

    #[test]
    fn stores_rename_kind_stage_answer() {
        let lib = fixture::library();
        let pack = fixture::pack();
        let mut d = design();
        let known = entities(&d, Some(&pack));
        assert_eq!(known, vec!["orders".to_string(), "emails".to_string()]);
        assert!(toggle_store(&mut d, &known, "db", "orders").is_ok());
        assert_eq!(d.components[1].stores, vec!["orders".to_string()]);
        assert!(
            toggle_store(&mut d, &known, "db", "ordrs")
                .unwrap_err()
                .contains("did you mean `orders`")
        );
        assert!(toggle_store(&mut d, &known, "db", "orders").is_ok());
        assert!(d.components[1].stores.is_empty());
        d.notes.insert("db".into(), "note".into());
        assert!(rename(&mut d, "db", "main-db").is_ok());
        assert_eq!(d.links[0].to, "main-db");
        assert!(d.notes.contains_key("main-db"));
        assert!(rename(&mut d, "main-db", "api").is_err());
        assert!(rename(&mut d, "main-db", "Main DB").is_err());
        set(&mut d, &lib.catalog, "main-db", "failover", "manual").unwrap();
        assert!(change_kind(&mut d, &lib.catalog, "main-db", "redis").is_ok());
        assert!(d.components[1].props.is_empty());
        assert!(change_kind(&mut d, &lib.catalog, "main-db", "cache").is_err());
        assert!(set_stage(&mut d, Some(&pack), "growth").is_ok());
        assert!(set_stage(&mut d, Some(&pack), "3").is_ok());
        assert_eq!(d.stage, Some(StageRef::Id("scale".into())));
        assert!(set_stage(&mut d, Some(&pack), "mars").is_err());
        assert!(set_stage(&mut d, None, "growth").is_err());
        assert!(answer(&mut d, Some(&pack), "send-path", "enqueue").is_ok());
        assert!(answer(&mut d, Some(&pack), "send-path", "pigeon").is_err());
        assert!(
            answer(&mut d, Some(&pack), "sendpath", "enqueue")
                .unwrap_err()
                .contains("send-path")
        );
    }
}
