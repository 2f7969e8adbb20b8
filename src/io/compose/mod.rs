//! `napkin review`: a Compose file becomes a design. Services map to catalog
//! kinds through a table in data ([`map`]), links come from `depends_on`,
//! `links` and the hosts named in environments and commands ([`hosts`]),
//! replicas from `deploy.replicas` or `scale`, and volumes mark the stores.
//! Everything the import had to guess or leave out is listed in [`Import`],
//! never decided silently.

pub mod hosts;
pub mod map;
pub mod services;
mod summary;

use crate::model::{
    Catalog, Category, Component, Context, Design, Entity, Link, LinkMode, Problem, Role,
};
use map::{ComposeMap, MatchedBy};
use serde::Serialize;
use services::{ComposeFile, Service};
use std::collections::{BTreeMap, BTreeSet};

pub use summary::{markdown, text};

/// Id of the client the import adds as the entry point.
const USERS: &str = "users";

/// What the import made of a file: the design, and an account of every
/// decision for the report.
#[derive(Debug, Clone, Serialize)]
pub struct Import {
    /// The design, ready to judge or save.
    #[serde(skip)]
    pub design: Design,
    /// Each service kept in the design.
    pub services: Vec<Mapped>,
    /// Services not in the design, with the reason.
    pub left_out: Vec<LeftOut>,
    /// The links drawn, with what shows each.
    pub links: Vec<Found>,
    /// Links the file shows that the design leaves off, with the reason.
    pub dropped: Vec<Found>,
    /// The components the added client `users` calls.
    pub entries: Vec<String>,
    /// Things to check by hand: state without a volume, files not read, ...
    pub notes: Vec<String>,
}

/// One service that became a component.
#[derive(Debug, Clone, Serialize)]
pub struct Mapped {
    pub service: String,
    pub component: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub replicas: u32,
    /// How the kind was decided: `image`, `name`, `command` or `fallback`.
    pub by: String,
    /// The image, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Observability or tooling: kept off the request path.
    pub tooling: bool,
}

/// A service the design leaves out.
#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    pub service: String,
    pub reason: String,
}

/// A link between two services and what shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub from: String,
    pub to: String,
    pub mode: String,
    /// `depends_on`, `links`, `environment DB_HOST`, `command`; for a dropped
    /// link, also why it was dropped.
    pub evidence: Vec<String>,
}

/// The numbers and name the design gets.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The design's name.
    pub name: String,
    /// The context given on the command line; entities are added to it.
    pub context: Context,
}

/// Reads Compose text into a design. `file` names it in problems.
pub fn import_str(
    text: &str,
    file: &str,
    catalog: &Catalog,
    opts: &ImportOptions,
) -> Result<Import, Vec<Problem>> {
    let doc = crate::io::yaml::parse_untyped(text, file).map_err(|p| vec![*p])?;
    let compose = services::parse(&doc).map_err(|ps| crate::io::load::place(ps, text, file))?;
    let table = ComposeMap::builtin().map_err(|p| vec![*p])?;
    Ok(import(&compose, &table, catalog, opts))
}

/// One service's place in the import.
#[derive(Debug, Clone)]
struct Slot {
    id: String,
    kind: String,
    role: Option<Role>,
    tooling: bool,
    by: String,
}

/// Builds the design from parsed services.
pub fn import(
    compose: &ComposeFile,
    table: &ComposeMap,
    catalog: &Catalog,
    opts: &ImportOptions,
) -> Import {
    let mut out = Import {
        design: Design::default(),
        services: Vec::new(),
        left_out: Vec::new(),
        links: Vec::new(),
        dropped: Vec::new(),
        entries: Vec::new(),
        notes: Vec::new(),
    };
    let mut slots = classify(compose, table, &mut out);
    let raw = raw_edges(compose);
    tooling_only(&mut slots, &raw, catalog);
    let edges = links(compose, &slots, raw, &mut out);
    let mut design = Design {
        name: opts.name.clone(),
        context: Some(opts.context.clone()),
        ..Default::default()
    };
    for (s, slot) in compose.services.iter().zip(&slots) {
        let Some(slot) = slot else { continue };
        let mut c = Component::new(slot.id.clone(), slot.kind.clone());
        c.replicas = s.replicas.unwrap_or(1).clamp(1, 10_000);
        c.role = slot.role;
        design.components.push(c);
    }
    design.links = edges;
    let merged = copies(compose, &slots, &mut design, &mut out);
    balancers(&mut design, catalog);
    queues(&mut design, catalog);
    stores(compose, &slots, &mut design, catalog, &mut out);
    entry(compose, &slots, &mut design, catalog, &mut out);
    let linked: BTreeSet<&str> = design
        .links
        .iter()
        .flat_map(|l| [l.from.as_str(), l.to.as_str()])
        .collect();
    let unlinked: Vec<String> = design
        .components
        .iter()
        .filter(|c| !linked.contains(c.id.as_str()))
        .map(|c| format!("`{}`", c.id))
        .collect();
    if !unlinked.is_empty() {
        out.notes.push(format!(
            "no links found for {}: the file does not show what they call (it may be in code or config files); draw the links in the editor",
            unlinked.join(", ")
        ));
    }
    for (s, slot) in compose.services.iter().zip(&slots) {
        let Some(slot) = slot else { continue };
        let id = merged.get(&slot.id).unwrap_or(&slot.id).clone();
        let c = design.component(&id);
        out.services.push(Mapped {
            service: crate::text::line(&s.name),
            component: id.clone(),
            kind: c.map(|c| c.kind.clone()).unwrap_or_default(),
            role: c.and_then(|c| c.role).map(|r| r.as_str().to_string()),
            replicas: c.map(|c| c.replicas).unwrap_or(1),
            by: slot.by.clone(),
            image: s.image.as_deref().map(crate::text::line),
            tooling: slot.tooling,
        });
        let mut note = match &s.image {
            Some(i) => format!("service `{}`, image `{i}`", s.name),
            None => format!("service `{}`, built from source", s.name),
        };
        if slot.tooling {
            note.push_str("; tooling, kept off the request path");
        }
        let entry = design.notes.entry(id).or_default();
        if !entry.is_empty() {
            entry.push_str("; ");
        }
        entry.push_str(&crate::text::line(&note));
    }
    out.links = design
        .links
        .iter()
        .map(|l| Found {
            from: l.from.clone(),
            to: l.to.clone(),
            mode: l.mode.to_string(),
            evidence: l.label.iter().cloned().collect(),
        })
        .collect();
    // The evidence was carried in the label; the diagram shows no label.
    for l in &mut design.links {
        l.label = None;
    }
    out.design = design;
    out
}

/// Decides each service's kind (or that it is left out) and its id.
fn classify(compose: &ComposeFile, table: &ComposeMap, out: &mut Import) -> Vec<Option<Slot>> {
    let mut taken = BTreeSet::from([USERS.to_string()]);
    compose
        .services
        .iter()
        .map(|s| {
            let name = crate::text::line(&s.name);
            for key in &s.not_followed {
                out.notes.push(format!("`{name}` has `{key}:`; napkin reads only this file, so what it adds is not here"));
            }
            if s.optional {
                out.left_out.push(LeftOut {
                    service: name,
                    reason: "optional profile (`profiles:`)".into(),
                });
                return None;
            }
            let image = s.image.as_deref().filter(|i| !i.contains('$'));
            if let Some(i) = s.image.as_deref().filter(|i| i.contains('$')) {
                out.notes.push(format!(
                    "`{name}`: image `{}` has placeholders napkin cannot fill; judged by its name",
                    crate::text::line(i)
                ));
            }
            let (kind, role, tooling, by) = match table.find(image, &s.name, &s.command) {
                Some((rule, _)) if rule.leave_out.is_some() => {
                    out.left_out.push(LeftOut {
                        service: name,
                        reason: rule.leave_out.clone().unwrap_or_default(),
                    });
                    return None;
                }
                Some((rule, by)) => {
                    let by = match by {
                        MatchedBy::Image => "image",
                        MatchedBy::Name => "name",
                        MatchedBy::Command => "command",
                    };
                    (rule.kind.clone().unwrap_or_default(), rule.role, rule.tooling, by)
                }
                None => ("app-server".to_string(), None, false, "fallback"),
            };
            let id = free_id(&component_id(&s.name), &mut taken);
            Some(Slot {
                id,
                kind,
                role,
                tooling,
                by: by.to_string(),
            })
        })
        .collect()
}

/// A component id from a service name: lower case, `-` for anything else.
pub fn component_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id: String = id.trim_end_matches('-').chars().take(56).collect();
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "service".into() } else { id }
}

/// `id`, or `id-2`, `id-3`... when taken.
fn free_id(id: &str, taken: &mut BTreeSet<String>) -> String {
    let free = (1..)
        .map(|n| {
            if n == 1 {
                id.to_string()
            } else {
                format!("{id}-{n}")
            }
        })
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| id.to_string());
    taken.insert(free.clone());
    free
}

/// The pairs of services the file links, in file order, each with what
/// shows it: `depends_on`, `links`, hosts in the environment or command.
fn raw_edges(compose: &ComposeFile) -> Vec<((usize, usize), Vec<String>)> {
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for (i, s) in compose.services.iter().enumerate() {
        for n in std::iter::once(&s.name).chain(&s.aliases) {
            names.entry(n.to_lowercase()).or_insert(i);
        }
    }
    let mut found: Vec<((usize, usize), Vec<String>)> = Vec::new();
    // Where each pair is in `found`, so a file with many links stays linear.
    let mut at: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, s) in compose.services.iter().enumerate() {
        let mut add = |host: &str, why: String| {
            let Some(&j) = names.get(&host.to_lowercase()) else {
                return;
            };
            if j == i {
                return;
            }
            match at.get(&(i, j)) {
                Some(&k) => {
                    if !found[k].1.contains(&why) {
                        found[k].1.push(why);
                    }
                }
                None => {
                    at.insert((i, j), found.len());
                    found.push(((i, j), vec![why]));
                }
            }
        };
        for d in &s.depends_on {
            add(d, "depends_on".into());
        }
        for l in &s.links {
            add(l, "links".into());
        }
        for (k, v) in &s.env {
            for h in hosts::hosts_in_env(k, v) {
                add(&h, format!("environment {}", crate::text::line(k)));
            }
        }
        for h in hosts::hosts_in_command(&s.command) {
            add(&h, "command".into());
        }
    }
    found
}

/// A data service (a stateful kind) that only tooling talks to is tooling's
/// own store; a search engine so used (the Elasticsearch behind Logstash and
/// Kibana) is their log store. Services of the product that only show a link
/// to a collector stay product: their other links are just not in the file.
fn tooling_only(
    slots: &mut [Option<Slot>],
    raw: &[((usize, usize), Vec<String>)],
    catalog: &Catalog,
) {
    let tooling = |slots: &[Option<Slot>], k: usize| slots[k].as_ref().is_some_and(|s| s.tooling);
    for i in 0..slots.len() {
        let stateful = slots[i]
            .as_ref()
            .and_then(|s| catalog.get(&s.kind))
            .is_some_and(|k| k.stateful && k.category != Category::Compute);
        if tooling(slots, i) || !stateful {
            continue;
        }
        let mut others = raw
            .iter()
            .filter_map(|((a, b), _)| (*a == i).then_some(*b).or((*b == i).then_some(*a)))
            .peekable();
        if others.peek().is_some()
            && others.all(|k| tooling(slots, k))
            && let Some(s) = slots[i].as_mut()
        {
            s.tooling = true;
            if catalog
                .get(&s.kind)
                .is_some_and(|k| k.category == Category::Search)
            {
                s.kind = "log-store".into();
                s.by = "its users (only tooling reads it)".into();
            }
        }
    }
}

/// The links between kept services, one per pair, with the evidence in the
/// label; links to left-out services, and between the product and its
/// tooling, are listed as dropped.
fn links(
    compose: &ComposeFile,
    slots: &[Option<Slot>],
    raw: Vec<((usize, usize), Vec<String>)>,
    out: &mut Import,
) -> Vec<Link> {
    let mut links = Vec::new();
    for ((i, j), mut evidence) in raw {
        let why = match (&slots[i], &slots[j]) {
            (Some(a), Some(b)) if a.tooling == b.tooling => {
                let mut l = Link::new(a.id.clone(), b.id.clone(), LinkMode::Sync);
                l.label = Some(evidence.join(", "));
                links.push(l);
                continue;
            }
            (Some(_), Some(_)) => "between the product and its tooling: kept off the request path",
            _ => "to or from a service left out",
        };
        evidence.push(why.to_string());
        let id = |k: usize| {
            slots[k]
                .as_ref()
                .map(|s| s.id.clone())
                .unwrap_or_else(|| crate::text::line(&compose.services[k].name))
        };
        out.dropped.push(Found {
            from: id(i),
            to: id(j),
            mode: "sync".into(),
            evidence,
        });
    }
    links
}

/// What makes two services copies: kind, image or build, command, callers
/// and callees.
type CopyKey = (String, String, String, BTreeSet<String>, BTreeSet<String>);

/// Services that run the same image or build with the same command and the
/// same links (`web1` and `web2` behind one nginx) are one component with
/// their replicas added up.
fn copies(
    compose: &ComposeFile,
    slots: &[Option<Slot>],
    design: &mut Design,
    out: &mut Import,
) -> BTreeMap<String, String> {
    let mut merged = BTreeMap::new();
    let mut ins: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut outs: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for l in &design.links {
        ins.entry(l.to.as_str()).or_default().insert(l.from.clone());
        outs.entry(l.from.as_str())
            .or_default()
            .insert(l.to.clone());
    }
    let mut groups: BTreeMap<CopyKey, Vec<String>> = BTreeMap::new();
    for (s, slot) in compose.services.iter().zip(slots) {
        let Some(slot) = slot else { continue };
        let Some(runs) = s.image.clone().or_else(|| s.build.clone()) else {
            continue;
        };
        let callers = ins.get(slot.id.as_str()).cloned().unwrap_or_default();
        let callees = outs.get(slot.id.as_str()).cloned().unwrap_or_default();
        if callers.is_empty() && callees.is_empty() {
            continue;
        }
        groups
            .entry((slot.kind.clone(), runs, s.command.clone(), callers, callees))
            .or_default()
            .push(slot.id.clone());
    }
    for ids in groups.into_values().filter(|g| g.len() > 1) {
        let Some((keep, rest)) = ids.split_first() else {
            continue;
        };
        let extra: u32 = rest
            .iter()
            .filter_map(|id| design.component(id))
            .map(|c| c.replicas)
            .sum();
        if let Some(c) = design.component_mut(keep) {
            c.replicas = (c.replicas + extra).min(10_000);
        }
        design.components.retain(|c| !rest.contains(&c.id));
        design
            .links
            .retain(|l| !rest.contains(&l.from) && !rest.contains(&l.to));
        out.notes.push(format!(
            "{} and `{keep}` run the same thing with the same links: one component, `{keep}`, with their replicas",
            rest.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
        ));
        for r in rest {
            merged.insert(r.clone(), keep.clone());
        }
    }
    merged
}

/// A reverse proxy that spreads requests over two or more instances is a
/// load balancer.
fn balancers(design: &mut Design, catalog: &Catalog) {
    let instances: BTreeMap<String, u32> = design
        .components
        .iter()
        .map(|c| (c.id.clone(), c.replicas))
        .collect();
    for c in &mut design.components {
        if c.kind != "reverse-proxy" {
            continue;
        }
        let behind: u32 = design
            .links
            .iter()
            .filter(|l| l.from == c.id)
            .filter_map(|l| instances.get(&l.to))
            .sum();
        if behind >= 2 && catalog.get("load-balancer").is_some() {
            c.kind = "load-balancer".into();
        }
    }
}

/// Queues and streams take work asynchronously. A Redis a worker uses is
/// its job queue. The link between a worker and its queue runs from the
/// queue to the worker (the queue feeds it), whatever `depends_on` says.
fn queues(design: &mut Design, catalog: &Catalog) {
    let kind_of: BTreeMap<String, String> = design
        .components
        .iter()
        .map(|c| (c.id.clone(), c.kind.clone()))
        .collect();
    let is_worker = |id: &str| kind_of.get(id).is_some_and(|k| k == "worker");
    let job_redis: BTreeSet<String> = design
        .links
        .iter()
        .flat_map(|l| [(&l.from, &l.to), (&l.to, &l.from)])
        .filter(|(a, b)| kind_of.get(*a).is_some_and(|k| k == "redis") && is_worker(b))
        .map(|(a, _)| a.clone())
        .collect();
    for c in &mut design.components {
        if job_redis.contains(&c.id) && c.role.is_none() {
            c.role = Some(Role::Queue);
        }
    }
    let is_queue = |id: &str| {
        job_redis.contains(id)
            || kind_of
                .get(id)
                .and_then(|k| catalog.get(k))
                .is_some_and(|k| matches!(k.category, Category::Queue | Category::Stream))
    };
    for l in &mut design.links {
        if !is_queue(&l.to) {
            continue;
        }
        if is_worker(&l.from) {
            std::mem::swap(&mut l.from, &mut l.to);
        }
        l.mode = LinkMode::Async;
    }
    // Both a producer's and a consumer's `depends_on` can name the same pair.
    let mut seen = BTreeSet::new();
    design
        .links
        .retain(|l| seen.insert((l.from.clone(), l.to.clone())));
}

/// A store kind with a volume stores an entity named after the volume; one
/// without a volume loses its data with the container, which is noted, as is
/// a service that keeps files of its own.
fn stores(
    compose: &ComposeFile,
    slots: &[Option<Slot>],
    design: &mut Design,
    catalog: &Catalog,
    out: &mut Import,
) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut taken = BTreeSet::new();
    for (s, slot) in compose.services.iter().zip(slots) {
        let Some(slot) = slot else { continue };
        let kind = catalog.get(&slot.kind);
        let is_store = kind.is_some_and(|k| k.main_role() == Some(Role::Store));
        let name = crate::text::line(&s.name);
        if is_store && s.state.is_empty() {
            out.notes.push(format!(
                "`{name}` ({}) has no volume: its data is lost when the container is replaced",
                slot.kind
            ));
            continue;
        }
        if !is_store {
            if !s.state.is_empty() && !slot.tooling && kind.is_some_and(|k| !k.stateful) {
                out.notes.push(format!(
                    "`{name}` keeps files in {}: a second replica would not see them",
                    s.state
                        .iter()
                        .map(|v| format!("`{}`", crate::text::line(v)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            continue;
        }
        let ids: Vec<String> = s
            .state
            .iter()
            .map(|v| free_id(&component_id(v), &mut taken))
            .collect();
        if let Some(c) = design.component_mut(&slot.id) {
            c.stores = ids.clone();
        }
        entities.extend(ids.into_iter().map(|id| Entity {
            id,
            ..Default::default()
        }));
    }
    if let Some(ctx) = design.context.as_mut() {
        ctx.entities.extend(entities);
    }
}

/// Adds the client `users`, calling the services people reach: the edge
/// services that publish ports, else the application services that do,
/// else the edge or application services nothing calls.
fn entry(
    compose: &ComposeFile,
    slots: &[Option<Slot>],
    design: &mut Design,
    catalog: &Catalog,
    out: &mut Import,
) {
    let called: BTreeSet<&str> = design.links.iter().map(|l| l.to.as_str()).collect();
    let category = |kind: &str| catalog.get(kind).map(|k| k.category);
    let serves = |kind: &str| {
        matches!(category(kind), Some(Category::Edge))
            || matches!(
                kind,
                "app-server" | "websocket-gateway" | "serverless-function"
            )
    };
    let product: Vec<(&Service, &Slot)> = compose
        .services
        .iter()
        .zip(slots)
        .filter_map(|(s, slot)| slot.as_ref().map(|slot| (s, slot)))
        .filter(|(_, slot)| !slot.tooling && serves(&slot.kind))
        .collect();
    let edge = |slot: &Slot| {
        design
            .component(&slot.id)
            .is_some_and(|c| category(&c.kind) == Some(Category::Edge))
    };
    let pick = |f: &dyn Fn(&Service, &Slot) -> bool| -> Vec<String> {
        product
            .iter()
            .filter(|(s, slot)| f(s, slot))
            .map(|(_, slot)| slot.id.clone())
            .collect()
    };
    let candidates = [
        pick(&|s, slot| s.ports && edge(slot)),
        pick(&|s, _| s.ports),
        pick(&|_, slot| edge(slot) && !called.contains(slot.id.as_str())),
        pick(&|_, slot| !called.contains(slot.id.as_str())),
    ];
    let Some(entries) = candidates.into_iter().find(|c| !c.is_empty()) else {
        out.notes.push(
            "no entry point found (no application or edge service); the design has no users".into(),
        );
        return;
    };
    design
        .components
        .insert(0, Component::new(USERS, "web-client"));
    for e in &entries {
        let mut l = Link::new(USERS, e.clone(), LinkMode::Sync);
        l.label = Some("published ports".into());
        design.links.insert(0, l);
    }
    design.links[..entries.len()].reverse();
    out.entries = entries;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import_yaml(text: &str) -> Import {
        let lib = crate::io::Library::builtin().expect("library");
        import_str(text, "t.yml", &lib.catalog, &ImportOptions::default()).expect("imports")
    }

    #[test]
    fn ids_are_valid_component_ids() {
        assert_eq!(component_id("Azure_Vote.Back"), "azure-vote-back");
        assert_eq!(component_id("__x__"), "x");
        assert_eq!(component_id("!!"), "service");
        assert!(component_id(&"a".repeat(100)).len() <= 64);
    }

    #[test]
    fn a_redis_a_celery_worker_uses_is_its_queue() {
        let i = import_yaml(
            "services:\n  web:\n    image: python\n    ports: ['80:80']\n    environment:\n      CELERY_BROKER_URL: redis://redis:6379/0\n  worker:\n    image: python\n    command: celery -A app worker\n    depends_on: [redis]\n  redis:\n    image: redis:7\n",
        );
        let redis = i.design.component("redis").expect("redis");
        assert_eq!(redis.role, Some(Role::Queue));
        let pairs: Vec<(&str, &str, LinkMode)> = i
            .design
            .links
            .iter()
            .map(|l| (l.from.as_str(), l.to.as_str(), l.mode))
            .collect();
        assert!(
            pairs.contains(&("web", "redis", LinkMode::Async)),
            "{pairs:?}"
        );
        assert!(
            pairs.contains(&("redis", "worker", LinkMode::Async)),
            "{pairs:?}"
        );
        assert!(
            pairs.contains(&("users", "web", LinkMode::Sync)),
            "{pairs:?}"
        );
    }

    #[test]
    fn tooling_stays_off_the_request_path_and_admin_uis_are_left_out() {
        let i = import_yaml(
            "services:\n  api:\n    build: .\n    ports: ['80:80']\n    environment:\n      OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4318\n      DB_HOST: db\n  otel-collector:\n    image: otel/opentelemetry-collector-contrib\n  db:\n    image: postgres:16\n  pgadmin:\n    image: dpage/pgadmin4\n    depends_on: [db]\n",
        );
        assert!(i.design.component("otel-collector").is_some());
        assert!(i.design.component("pgadmin").is_none());
        assert!(!i.design.links.iter().any(|l| l.to == "otel-collector"));
        assert_eq!(i.dropped.len(), 2, "{:?}", i.dropped);
        assert_eq!(i.left_out[0].reason, "admin UI");
        let api = i.services.iter().find(|s| s.service == "api").expect("api");
        assert_eq!(
            (api.kind.as_str(), api.by.as_str()),
            ("app-server", "fallback")
        );
        assert!(
            i.notes.iter().any(|n| n.contains("no volume")),
            "{:?}",
            i.notes
        );
    }
}
