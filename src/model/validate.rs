//! Semantic checks on designs and packs. Returns every problem at once, each at
//! a logical path; the io layer maps paths to lines.

use super::{Catalog, Category, Design, Pack, Problem};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::{HashMap, HashSet};

/// Longest id we accept; longer ones are almost certainly pasted junk.
pub const MAX_ID_LEN: usize = 64;

/// Most components a design may have: past that, no review is about one
/// system any more, and every judgement grows with the count.
pub const MAX_COMPONENTS: usize = 50_000;

/// Most replicas of one component a design may ask for.
pub const MAX_REPLICAS: u32 = 10_000;

/// Problems with the numbers of a context: load, team and money figures must
/// be finite and not negative, availability a percentage above 0.
pub fn context_numbers(ctx: &super::Context, at: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut check = |path: String, v: Option<f64>| {
        if let Some(x) = v
            && (!x.is_finite() || x < 0.0)
        {
            out.push(
                Problem::error(path, format!("`{x}` is not a figure napkin can judge"))
                    .hint("use a finite number, 0 or more"),
            );
        }
    };
    if let Some(l) = &ctx.load {
        for (name, v) in [
            ("users", l.users),
            ("peak_rps", l.peak_rps),
            ("write_rps", l.write_rps),
            ("events_per_day", l.events_per_day),
            ("peak_events_per_sec", l.peak_events_per_sec),
            ("data_gb", l.data_gb),
        ] {
            check(format!("{at}.load.{name}"), v);
        }
    }
    if let Some(t) = &ctx.team {
        check(format!("{at}.team.engineers"), t.engineers);
        check(
            format!("{at}.team.ops_hours_per_month"),
            t.ops_hours_per_month,
        );
    }
    check(
        format!("{at}.budget_usd_per_month"),
        ctx.budget_usd_per_month,
    );
    for (i, e) in ctx.entities.iter().enumerate() {
        check(format!("{at}.entities[{i}].data_gb"), e.data_gb);
    }
    for (i, f) in ctx.flows.iter().enumerate() {
        check(format!("{at}.flows[{i}].share"), f.share);
        check(format!("{at}.flows[{i}].rps"), f.rps);
        check(format!("{at}.flows[{i}].latency_ms"), f.latency_ms);
    }
    let sized: f64 = ctx.entities.iter().filter_map(|e| e.data_gb).sum();
    if let Some(total) = ctx.load.as_ref().and_then(|l| l.data_gb)
        && sized > total * (1.0 + 1e-9)
    {
        out.push(
            Problem::warning(
                format!("{at}.entities"),
                format!(
                    "the entities' data_gb add up to {} GB, more than the load's data_gb of {} GB",
                    super::num::fmt(sized),
                    super::num::fmt(total)
                ),
            )
            .hint("give load.data_gb as the system's total, or correct the entities' sizes"),
        );
    }
    if let Some(a) = ctx.availability
        && !(a.is_finite() && a > 0.0 && a <= 100.0)
    {
        out.push(
            Problem::error(
                format!("{at}.availability"),
                format!("availability `{a}` is not a percentage"),
            )
            .hint("write the target in percent, e.g. `99.9`"),
        );
    }
    out
}

/// Best guess at what `typed` was meant to be, from `(name, canonical id)` pairs.
pub fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<String> {
    let matcher = SkimMatcherV2::default();
    let typed_l = typed.to_ascii_lowercase();
    let mut best: Option<(i64, &str)> = None;
    for (name, id) in candidates {
        let name_l = name.to_ascii_lowercase();
        let fuzzy = matcher
            .fuzzy_match(&name_l, &typed_l)
            .or_else(|| matcher.fuzzy_match(&typed_l, &name_l));
        let dist = levenshtein(&typed_l, &name_l);
        let close = dist <= (name_l.len().max(typed_l.len()) / 3).max(1);
        let score = match (fuzzy, close) {
            (Some(s), true) => s + 100 - dist as i64 * 10,
            (Some(s), false) if typed_l.len() >= 3 => s - dist as i64 * 5,
            (None, true) => 60 - dist as i64 * 10,
            _ => continue,
        };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, id));
        }
    }
    best.map(|(_, id)| id.to_string())
}

/// Did-you-mean comparisons left for one file. A search compares the typed
/// name with every candidate, and only the first problems of a file are
/// shown, so once [`MAX_HINT_COMPARISONS`] are spent a problem gets the
/// plain hint: 40,000 unknown kinds, or 20,000 misspelt names among 20,000
/// components, answer in about a second instead of minutes.
pub struct Hints(std::cell::Cell<usize>);

/// Name comparisons spent on did-you-mean hints per file.
pub const MAX_HINT_COMPARISONS: usize = 1_000_000;

impl Default for Hints {
    fn default() -> Self {
        Hints(std::cell::Cell::new(MAX_HINT_COMPARISONS))
    }
}

impl Hints {
    /// [`did_you_mean`], while the budget lasts; `None` after.
    pub fn did_you_mean<'a>(
        &self,
        typed: &str,
        candidates: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Option<String> {
        let candidates: Vec<(&str, &str)> = candidates.into_iter().collect();
        let left = self.0.get();
        if candidates.len() > left {
            self.0.set(0);
            return None;
        }
        self.0.set(left - candidates.len());
        did_you_mean(typed, candidates)
    }
}

/// Edit distance counting a swap of two neighbouring letters as one edit
/// (`kafak` is one edit from `kafka`), for typo hints.
pub fn levenshtein(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// True for ids of the form `[a-z0-9-]+`, not too long.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns any text into a valid id: `Orders DB` -> `orders-db`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    let out: String = out.chars().take(MAX_ID_LEN).collect();
    if out.is_empty() { "c".into() } else { out }
}

fn kind_hint(hints: &Hints, catalog: &Catalog, typed: &str) -> String {
    let names = catalog.kinds().iter().flat_map(|k| {
        std::iter::once((k.id.as_str(), k.id.as_str()))
            .chain(k.aliases.iter().map(move |a| (a.as_str(), k.id.as_str())))
    });
    match hints.did_you_mean(typed, names) {
        Some(id) => format!("did you mean `{id}`? (`napkin catalog` lists every kind)"),
        None => "run `napkin catalog` to list every kind".into(),
    }
}

/// Checks a design against the catalog and, when it names one, its pack.
/// `packs` is every pack known (built in and the user's).
pub fn validate_design(design: &Design, catalog: &Catalog, packs: &[&Pack]) -> Vec<Problem> {
    let mut out = Vec::new();
    let hints = Hints::default();
    let pack = scenario_problems(design, packs, &mut out);
    if let Some(ctx) = &design.context {
        let entities = ctx.entities.iter().enumerate();
        let flows = ctx.flows.iter().enumerate();
        id_syntax(
            entities
                .map(|(i, e)| (format!("context.entities[{i}].id"), e.id.as_str()))
                .chain(flows.map(|(i, f)| (format!("context.flows[{i}].id"), f.id.as_str())))
                .collect(),
            &mut out,
        );
    }
    let entities = storable(design, pack);
    let ids = component_problems(&hints, design, catalog, &entities, &mut out);
    link_problems(&hints, design, &ids, &mut out);
    unstored_entities(design, &mut out);
    if let Some(pack) = pack {
        answer_problems(design, pack, &mut out);
    }
    reference_problems(&hints, design, catalog, packs, &ids, &mut out);
    out
}

/// The format version, the scenario and the stage; the pack, when named
/// and known.
fn scenario_problems<'p>(
    design: &Design,
    packs: &'p [&'p Pack],
    out: &mut Vec<Problem>,
) -> Option<&'p Pack> {
    if design.napkin != super::design::FORMAT_VERSION {
        out.push(
            Problem::error(
                "napkin",
                format!("unsupported format version {}", design.napkin),
            )
            .hint("this napkin reads `napkin: 1` files"),
        );
    }
    if design.components.len() > MAX_COMPONENTS {
        out.push(
            Problem::error(
                "components",
                format!(
                    "the design has {} components; napkin judges at most {MAX_COMPONENTS}",
                    design.components.len()
                ),
            )
            .hint("split the design into parts and judge each on its own"),
        );
    }
    if design.components.is_empty() {
        out.push(
            Problem::warning("components", "the design has no components")
                .hint("`napkin new SCENARIO` prints a starter design"),
        );
    }
    let pack = match &design.scenario {
        None => None,
        Some(id) => match packs.iter().find(|p| p.id == *id) {
            Some(&p) => Some(p),
            None => {
                let hint =
                    match did_you_mean(id, packs.iter().map(|p| (p.id.as_str(), p.id.as_str()))) {
                        Some(s) => format!("did you mean `{s}`? (`napkin scenarios list`)"),
                        None => "see `napkin scenarios list`".into(),
                    };
                out.push(Problem::error("scenario", format!("unknown scenario `{id}`")).hint(hint));
                None
            }
        },
    };
    if let (Some(pack), Some(stage)) = (pack, &design.stage)
        && pack.stage(stage).is_none()
    {
        let ids: Vec<&str> = pack.stages.iter().map(|s| s.id.as_str()).collect();
        out.push(
            Problem::error(
                "stage",
                format!("scenario `{}` has no stage `{stage}`", pack.id),
            )
            .hint(format!(
                "use one of {} or 1 to {}",
                ids.join(", "),
                pack.stages.len()
            )),
        );
    }
    if design.stage.is_some() && design.scenario.is_none() {
        out.push(
            Problem::warning("stage", "a stage means nothing without a scenario")
                .hint("add `scenario:` or describe your numbers under `context:`"),
        );
    }

    pack
}

/// Entities the design may store: its own context's and its pack's.
fn storable<'a>(design: &'a Design, pack: Option<&'a Pack>) -> HashSet<&'a str> {
    let mut entities: HashSet<&str> = HashSet::new();
    if let Some(ctx) = &design.context {
        entities.extend(ctx.entities.iter().map(|e| e.id.as_str()));
    }
    if let Some(pack) = pack {
        entities.extend(pack.entities.iter().map(|e| e.id.as_str()));
        for s in &pack.stages {
            entities.extend(s.context.entities.iter().map(|e| e.id.as_str()));
        }
    }

    entities
}

/// Each component's id, kind, replicas, role, props and stores; the ids
/// seen, for the checks that refer to components.
fn component_problems<'a>(
    hints: &Hints,
    design: &'a Design,
    catalog: &Catalog,
    entities: &HashSet<&str>,
    out: &mut Vec<Problem>,
) -> HashMap<&'a str, usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, c) in design.components.iter().enumerate() {
        let at = format!("components[{i}]");
        if !valid_id(&c.id) {
            out.push(
                Problem::error(format!("{at}.id"), format!("`{}` is not a valid id", c.id))
                    .hint(format!(
                        "ids use lowercase letters, digits and dashes, at most {MAX_ID_LEN}: try `{}`",
                        slug(&c.id)
                    )),
            );
        }
        if let Some(first) = ids.insert(c.id.as_str(), i) {
            out.push(
                Problem::error(
                    format!("{at}.id"),
                    format!("duplicate component id `{}`", c.id),
                )
                .hint(format!(
                    "components[{first}] already uses it; rename one of them"
                )),
            );
        }
        if c.replicas > MAX_REPLICAS {
            out.push(
                Problem::error(
                    format!("{at}.replicas"),
                    format!(
                        "{} replicas is more than napkin judges ({MAX_REPLICAS} at most)",
                        c.replicas
                    ),
                )
                .hint("a fleet that size is a different design: split it, or give the real count"),
            );
        }
        if c.replicas == 0 {
            out.push(
                Problem::error(format!("{at}.replicas"), "replicas must be at least 1")
                    .hint("remove the component instead of scaling it to zero"),
            );
        }
        if let Some(a) = c.availability
            && !(a.is_finite() && a > 0.0 && a <= 100.0)
        {
            out.push(
                Problem::error(
                    format!("{at}.availability"),
                    format!("availability `{a}` is not a percentage"),
                )
                .hint(
                    "write one instance's availability in percent, e.g. `99.9` for a vendor's SLA",
                ),
            );
        }
        if let Some(m) = c.capacity {
            for (key, v) in [("read_rps", m.read_rps), ("write_rps", m.write_rps)] {
                if v.is_some_and(|v| !(v.is_finite() && v > 0.0)) {
                    out.push(
                        Problem::error(
                            format!("{at}.capacity.{key}"),
                            "a measured capacity is a number of operations per second above 0",
                        )
                        .hint("leave the figure out to use the catalog's for the kind"),
                    );
                }
            }
        }
        match catalog.get(&c.kind) {
            None => out.push(
                Problem::error(format!("{at}.kind"), format!("unknown kind `{}`", c.kind))
                    .hint(kind_hint(hints, catalog, &c.kind)),
            ),
            Some(kind) => {
                for (name, value) in &c.props {
                    if super::contract::is_user_key(name) {
                        continue;
                    }
                    match kind.props.get(name) {
                        None => {
                            let known: Vec<&str> = kind.props.keys().map(|s| s.as_str()).collect();
                            let hint =
                                match hints.did_you_mean(name, known.iter().map(|k| (*k, *k))) {
                                    Some(s) => format!("did you mean `{s}`?"),
                                    None if known.is_empty() => {
                                        format!("`{}` takes no props", kind.id)
                                    }
                                    None => format!("`{}` accepts: {}", kind.id, known.join(", ")),
                                };
                            out.push(
                                Problem::error(
                                    format!("{at}.props.{name}"),
                                    format!("`{}` has no prop `{name}`", kind.id),
                                )
                                .hint(hint),
                            );
                        }
                        Some(spec) => {
                            if let Err(e) = spec.check(value) {
                                out.push(
                                    Problem::error(
                                        format!("{at}.props.{name}"),
                                        format!("`{name}: {value}` on `{}`: {e}", c.id),
                                    )
                                    .hint(spec.doc.clone().unwrap_or_else(|| e.clone())),
                                );
                            }
                        }
                    }
                }
                if let Some(role) = c.role
                    && !kind.plays().contains(&role)
                {
                    let can: Vec<String> = kind.plays().iter().map(|r| format!("`{r}`")).collect();
                    out.push(
                        Problem::error(
                            format!("{at}.role"),
                            format!("`{}` ({}) cannot be a {role}", c.id, kind.id),
                        )
                        .hint(if can.is_empty() {
                            format!("`{}` plays no role of its own; remove `role`", kind.id)
                        } else {
                            format!("`{}` can be: {}", kind.id, can.join(", "))
                        }),
                    );
                }
                if !c.stores.is_empty() && !kind.stateful && kind.category != Category::External {
                    out.push(
                        Problem::warning(
                            format!("{at}.stores"),
                            format!(
                                "`{}` is a {} and keeps no state, yet is said to store {}",
                                c.id,
                                kind.id,
                                c.stores.join(", ")
                            ),
                        )
                        .hint("list `stores:` on the database or store that keeps the data"),
                    );
                }
            }
        }
        for (j, e) in c.stores.iter().enumerate() {
            if !entities.contains(e.as_str()) {
                let mut known: Vec<&str> = entities.iter().copied().collect();
                known.sort_unstable();
                let hint = match hints.did_you_mean(e, known.iter().map(|k| (*k, *k))) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if known.is_empty() => {
                        "declare it under `context.entities` with its consistency".into()
                    }
                    None => format!("known entities: {}", known.join(", ")),
                };
                out.push(
                    Problem::error(format!("{at}.stores[{j}]"), format!("unknown entity `{e}`"))
                        .hint(hint),
                );
            }
        }
    }

    ids
}

/// Links must join two components of the design.
fn link_problems(
    hints: &Hints,
    design: &Design,
    ids: &HashMap<&str, usize>,
    out: &mut Vec<Problem>,
) {
    let comp_names: Vec<&str> = design.components.iter().map(|c| c.id.as_str()).collect();
    for (i, l) in design.links.iter().enumerate() {
        let at = format!("links[{i}]");
        for (end, id) in [("from", &l.from), ("to", &l.to)] {
            if !ids.contains_key(id.as_str()) {
                let hint = match hints.did_you_mean(id, comp_names.iter().map(|k| (*k, *k))) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("add a component `{id}` or remove this link"),
                };
                out.push(
                    Problem::error(
                        format!("{at}.{end}"),
                        format!("link {end} `{id}`, which is not a component"),
                    )
                    .hint(hint),
                );
            }
        }
        if l.from == l.to {
            out.push(
                Problem::warning(at.clone(), format!("`{}` links to itself", l.from))
                    .hint("remove the link; retries inside one component are not a hop"),
            );
        }
    }
}

/// Every entity of the context must have a system of record somewhere.
fn unstored_entities(design: &Design, out: &mut Vec<Problem>) {
    let stored: HashSet<&str> = design
        .components
        .iter()
        .flat_map(|c| c.stores.iter().map(|s| s.as_str()))
        .collect();
    if let Some(ctx) = &design.context {
        for (i, e) in ctx.entities.iter().enumerate() {
            if !stored.contains(e.id.as_str()) && !design.components.is_empty() {
                out.push(
                    Problem::warning(
                        format!("context.entities[{i}]"),
                        format!("entity `{}` is stored nowhere", e.id),
                    )
                    .hint(format!(
                        "add `stores: [{}]` to the component that is its system of record",
                        e.id
                    )),
                );
            }
        }
    }
}

/// Answers and questions asked must be the pack's.
fn answer_problems(design: &Design, pack: &Pack, out: &mut Vec<Problem>) {
    for (q, opt) in &design.answers {
        if super::contract::is_user_key(q) {
            continue;
        }
        match pack.prompt(q) {
            None => out.push(
                Problem::error(
                    format!("answers.{q}"),
                    format!("scenario `{}` has no prompt `{q}`", pack.id),
                )
                .hint(format!(
                    "prompts: {}",
                    pack.prompts
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ),
            Some(p) if !p.options.iter().any(|o| o.id == *opt) => out.push(
                Problem::error(
                    format!("answers.{q}"),
                    format!("prompt `{q}` has no option `{opt}`"),
                )
                .hint(format!(
                    "options: {}",
                    p.options
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ),
            Some(_) => {}
        }
    }
    for (i, q) in design.asked.iter().enumerate() {
        if pack.question(q).is_none() {
            out.push(Problem::warning(
                format!("asked[{i}]"),
                format!("scenario `{}` has no question `{q}`", pack.id),
            ));
        }
    }
}

/// What the rest of the file refers to: accepted rules' components, caches'
/// stores, the context's numbers, the design's own flows and notes.
fn reference_problems(
    hints: &Hints,
    design: &Design,
    catalog: &Catalog,
    packs: &[&Pack],
    ids: &HashMap<&str, usize>,
    out: &mut Vec<Problem>,
) {
    for (i, a) in design.accepted.iter().enumerate() {
        for c in &a.components {
            if !ids.contains_key(c.as_str()) {
                out.push(Problem::warning(
                    format!("accepted[{i}].components"),
                    format!("accepted trade-off names `{c}`, which is not a component"),
                ));
            }
        }
        if a.reason.trim().is_empty() {
            out.push(
                Problem::warning(
                    format!("accepted[{i}].reason"),
                    "an accepted trade-off needs a reason",
                )
                .hint("say why it is fine, e.g. \"single managed DB is fine at this size\""),
            );
        }
    }
    for (i, c) in design.components.iter().enumerate() {
        if let Some(target) = &c.caches
            && (target == &c.id || !ids.contains_key(target.as_str()))
        {
            let names = design
                .components
                .iter()
                .map(|o| (o.id.as_str(), o.id.as_str()));
            out.push(
                Problem::error(
                    format!("components[{i}].caches"),
                    format!("`{}` caches `{target}`, which is no other component", c.id),
                )
                .hint(match hints.did_you_mean(target, names) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "name the component whose data this cache holds".to_string(),
                }),
            );
        }
    }
    if let Some(ctx) = &design.context {
        out.extend(context_numbers(ctx, "context"));
    }
    for (i, l) in design.links.iter().enumerate() {
        for (name, v) in [("fanout", l.fanout), ("batch", l.batch)] {
            if let Some(x) = v
                && (!x.is_finite() || x < 0.0)
            {
                out.push(
                    Problem::error(
                        format!("links[{i}].{name}"),
                        format!("`{x}` is not a figure napkin can judge"),
                    )
                    .hint("use a finite number, 0 or more"),
                );
            }
        }
    }
    out.extend(design_flow_problems(design, catalog, packs));
    for id in design.notes.keys() {
        if !ids.contains_key(id.as_str())
            && !super::contract::is_user_key(id)
            && !super::notes::NoteTarget::is_mentor_key(id)
        {
            out.push(Problem::warning(
                format!("notes.{id}"),
                format!("note on `{id}`, which is not a component"),
            ));
        }
    }
}

/// A design's own flows must start and end at things that exist: a typo in
/// `from` would otherwise quietly fall back to the default entry points.
fn design_flow_problems(design: &Design, catalog: &Catalog, packs: &[&Pack]) -> Vec<Problem> {
    let Some(ctx) = &design.context else {
        return Vec::new();
    };
    let pack = design
        .scenario
        .as_deref()
        .and_then(|s| packs.iter().copied().find(|p| p.id == s));
    let entities: Vec<&str> = ctx
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .chain(pack.into_iter().flat_map(|p| {
            p.entities.iter().map(|e| e.id.as_str()).chain(
                p.stages
                    .iter()
                    .flat_map(|s| s.context.entities.iter().map(|e| e.id.as_str())),
            )
        }))
        .collect();
    let components: Vec<&str> = design.components.iter().map(|c| c.id.as_str()).collect();
    let component_set: HashSet<&str> = components.iter().copied().collect();
    let hints = Hints::default();
    let kinds: Vec<&str> = catalog.kinds().iter().map(|k| k.id.as_str()).collect();
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let known = |name: &str, with_entities: bool| {
        component_set.contains(name)
            || catalog.get(name).is_some()
            || Category::parse(name).is_some()
            || (with_entities && entities.contains(&name))
    };
    let hint = |name: &str, with_entities: bool, what: &str| {
        let pool = components
            .iter()
            .chain(&kinds)
            .chain(&categories)
            .chain(entities.iter().filter(|_| with_entities));
        match hints.did_you_mean(name, pool.map(|n| (*n, *n))) {
            Some(s) => format!("did you mean `{s}`? {what}"),
            None => what.to_string(),
        }
    };
    let mut out = Vec::new();
    for (i, f) in ctx.flows.iter().enumerate() {
        let at = format!("context.flows[{i}]");
        if !known(&f.from, false) {
            out.push(
                Problem::error(
                    format!("{at}.from"),
                    format!("flow `{}` starts at `{}`, which is no component, kind or category", f.id, f.from),
                )
                .hint(hint(&f.from, false, "a flow starts at a component id, a kind id (`web-client`) or a category (`client`)")),
            );
        }
        for (t, target) in f.to.iter().enumerate() {
            if !known(target, true) {
                out.push(
                    Problem::error(
                        format!("{at}.to[{t}]"),
                        format!("flow `{}` targets `{target}`, which is no entity, component, kind or category", f.id),
                    )
                    .hint(hint(target, true, "targets are entity ids, component ids, kind ids or categories")),
                );
            }
        }
        if f.to.is_empty() {
            out.push(Problem::error(
                format!("{at}.to"),
                format!("flow `{}` has no target", f.id),
            ));
        }
    }
    out
}

/// Checks a pack's internal consistency (ids, references between its parts).
pub fn validate_pack(pack: &Pack, catalog: &Catalog) -> Vec<Problem> {
    let mut out = Vec::new();
    if !valid_id(&pack.id) {
        out.push(
            Problem::error("id", format!("`{}` is not a valid pack id", pack.id)).hint(format!(
                "use lowercase letters, digits and dashes: `{}`",
                slug(&pack.id)
            )),
        );
    }
    if pack.stages.is_empty() {
        out.push(
            Problem::error("stages", "a pack needs at least one stage")
                .hint("add a stage with a `context:` giving load and team"),
        );
    }
    super::interview::pack_problems(pack, &mut out);
    super::estimate::pack_problems(pack, &mut out);
    super::level::pack_problems(pack, &mut out);
    id_syntax(pack_ids(pack), &mut out);
    dupes(
        pack.questions.iter().map(|q| q.id.as_str()),
        "questions",
        &mut out,
    );
    dupes(
        pack.stages.iter().map(|s| s.id.as_str()),
        "stages",
        &mut out,
    );
    dupes(
        pack.entities.iter().map(|s| s.id.as_str()),
        "entities",
        &mut out,
    );
    dupes(pack.flows.iter().map(|s| s.id.as_str()), "flows", &mut out);
    dupes(
        pack.prompts.iter().map(|s| s.id.as_str()),
        "prompts",
        &mut out,
    );
    dupes(
        pack.drills.iter().map(|s| s.id.as_str()),
        "drills",
        &mut out,
    );

    let entity_ids: HashSet<&str> = pack
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .chain(
            pack.stages
                .iter()
                .flat_map(|s| s.context.entities.iter().map(|e| e.id.as_str())),
        )
        .collect();
    let flow_ids: HashSet<&str> = pack.flows.iter().map(|f| f.id.as_str()).collect();
    pack_flow_problems(pack, catalog, &entity_ids, &mut out);
    stage_problems(pack, &mut out);
    prompt_problems(pack, catalog, &entity_ids, &flow_ids, &mut out);
    drill_problems(pack, catalog, &mut out);
    out
}

/// Every id a pack defines, with where it is: questions, stages, entities
/// and flows (the pack's and its stages'), prompts and their options, drills.
fn pack_ids(pack: &Pack) -> Vec<(String, &str)> {
    let mut ids: Vec<(String, &str)> = Vec::new();
    for (i, q) in pack.questions.iter().enumerate() {
        ids.push((format!("questions[{i}].id"), q.id.as_str()));
    }
    for (i, e) in pack.entities.iter().enumerate() {
        ids.push((format!("entities[{i}].id"), e.id.as_str()));
    }
    for (i, f) in pack.flows.iter().enumerate() {
        ids.push((format!("flows[{i}].id"), f.id.as_str()));
    }
    for (s, st) in pack.stages.iter().enumerate() {
        ids.push((format!("stages[{s}].id"), st.id.as_str()));
        for (i, e) in st.context.entities.iter().enumerate() {
            ids.push((
                format!("stages[{s}].context.entities[{i}].id"),
                e.id.as_str(),
            ));
        }
        for (i, f) in st.context.flows.iter().enumerate() {
            ids.push((format!("stages[{s}].context.flows[{i}].id"), f.id.as_str()));
        }
    }
    for (p, pr) in pack.prompts.iter().enumerate() {
        ids.push((format!("prompts[{p}].id"), pr.id.as_str()));
        for (i, o) in pr.options.iter().enumerate() {
            ids.push((format!("prompts[{p}].options[{i}].id"), o.id.as_str()));
        }
    }
    for (i, d) in pack.drills.iter().enumerate() {
        ids.push((format!("drills[{i}].id"), d.id.as_str()));
    }
    ids
}

/// One id syntax everywhere: lowercase letters, digits and dashes.
fn id_syntax(ids: Vec<(String, &str)>, out: &mut Vec<Problem>) {
    for (at, id) in ids {
        if !valid_id(id) {
            out.push(
                Problem::error(at, format!("`{id}` is not a valid id")).hint(format!(
                    "ids use lowercase letters, digits and dashes, at most {MAX_ID_LEN}: try `{}`",
                    slug(id)
                )),
            );
        }
    }
}

/// A pack's flows (its own and its stages') start at a kind or category and
/// reach entities, kinds or categories.
fn pack_flow_problems(
    pack: &Pack,
    catalog: &Catalog,
    entity_ids: &HashSet<&str>,
    out: &mut Vec<Problem>,
) {
    let target_ok = |t: &str| {
        entity_ids.contains(t) || catalog.get(t).is_some() || Category::parse(t).is_some()
    };
    let flows = pack
        .flows
        .iter()
        .enumerate()
        .map(|(i, f)| (format!("flows[{i}]"), f))
        .chain(pack.stages.iter().enumerate().flat_map(|(s, st)| {
            st.context
                .flows
                .iter()
                .enumerate()
                .map(move |(i, f)| (format!("stages[{s}].context.flows[{i}]"), f))
        }));
    for (at, f) in flows {
        if catalog.get(&f.from).is_none() && Category::parse(&f.from).is_none() {
            out.push(
                Problem::error(
                    format!("{at}.from"),
                    format!("flow `{}` starts at unknown `{}`", f.id, f.from),
                )
                .hint("a flow starts at a kind id (`web-client`) or a category (`client`)"),
            );
        }
        for t in &f.to {
            if !target_ok(t) {
                out.push(
                    Problem::error(
                        format!("{at}.to"),
                        format!("flow `{}` targets unknown `{t}`", f.id),
                    )
                    .hint("targets are entity ids, kind ids or categories"),
                );
            }
        }
        if f.to.is_empty() {
            out.push(Problem::error(
                format!("{at}.to"),
                format!("flow `{}` has no target", f.id),
            ));
        }
    }
}

/// Each stage's numbers, its shares, and that it gives a load.
fn stage_problems(pack: &Pack, out: &mut Vec<Problem>) {
    for (s, st) in pack.stages.iter().enumerate() {
        out.extend(context_numbers(
            &st.context,
            &format!("stages[{s}].context"),
        ));
        let ctx = pack.stage_context(st);
        for rate in [
            super::RateSource::PeakRps,
            super::RateSource::WriteRps,
            super::RateSource::Events,
        ] {
            let shares: f64 = ctx
                .flows
                .iter()
                .filter(|f| f.rate == rate)
                .filter_map(|f| f.share)
                .sum();
            if shares > 1.0 + 1e-9 {
                out.push(
                    Problem::warning(
                        format!("stages[{s}].context"),
                        format!(
                            "at stage `{}` the shares of the `{}` flows add up to {}, more than all of it",
                            st.id,
                            rate.as_str(),
                            super::context::fraction(shares)
                        ),
                    )
                    .hint("override the flows at this stage so their shares add up to 1 or less"),
                );
            }
        }
        if st.context.load.is_none() {
            out.push(
                Problem::warning(
                    format!("stages[{s}].context.load"),
                    format!("stage `{}` gives no load", st.id),
                )
                .hint("give at least users and peak_rps so capacity can be judged"),
            );
        }
    }
}

/// Prompts have options, and their effects name entities, flows and stages
/// of the pack.
fn prompt_problems(
    pack: &Pack,
    catalog: &Catalog,
    entity_ids: &HashSet<&str>,
    flow_ids: &HashSet<&str>,
    out: &mut Vec<Problem>,
) {
    for (p, prompt) in pack.prompts.iter().enumerate() {
        if prompt.options.len() < 2 {
            out.push(Problem::error(
                format!("prompts[{p}].options"),
                format!("prompt `{}` needs at least two options", prompt.id),
            ));
        }
        dupes(
            prompt.options.iter().map(|o| o.id.as_str()),
            &format!("prompts[{p}].options"),
            out,
        );
        for (o, opt) in prompt.options.iter().enumerate() {
            let at = format!("prompts[{p}].options[{o}]");
            for st in opt.risk_by_stage.keys() {
                if !pack.stages.iter().any(|s| s.id == *st) {
                    out.push(Problem::error(
                        format!("{at}.risk_by_stage"),
                        format!("unknown stage `{st}`"),
                    ));
                }
            }
            for e in opt.effects.consistency.keys() {
                if !entity_ids.contains(e.as_str()) {
                    out.push(Problem::error(
                        format!("{at}.effects"),
                        format!("unknown entity `{e}`"),
                    ));
                }
            }
            for f in opt.effects.flow_mode.keys() {
                if !flow_ids.contains(f.as_str()) {
                    out.push(Problem::error(
                        format!("{at}.effects"),
                        format!("unknown flow `{f}`"),
                    ));
                }
            }
            for r in &opt.effects.require {
                if catalog.get(&r.on).is_none() && Category::parse(&r.on).is_none() {
                    out.push(Problem::error(
                        format!("{at}.effects.require"),
                        format!("requirement on unknown kind or category `{}`", r.on),
                    ));
                }
            }
        }
    }
}

/// Drills fail kinds or categories and run at stages of the pack.
fn drill_problems(pack: &Pack, catalog: &Catalog, out: &mut Vec<Problem>) {
    for (d, drill) in pack.drills.iter().enumerate() {
        if drill.fail.is_empty() && drill.spike.is_none() && drill.stage.is_none() {
            out.push(
                Problem::error(
                    format!("drills[{d}]"),
                    format!(
                        "drill `{}` sets no `fail`, `spike` or `stage`: there is nothing to run",
                        drill.id
                    ),
                )
                .hint("a drill changes something: add `fail: [KIND]`, `spike: X` or `stage: ID`"),
            );
        }
        for f in &drill.fail {
            if catalog.get(f).is_none() && Category::parse(f).is_none() {
                out.push(
                    Problem::error(
                        format!("drills[{d}].fail"),
                        format!("drill fails unknown `{f}`"),
                    )
                    .hint(kind_hint(&Hints::default(), catalog, f)),
                );
            }
        }
        if let Some(s) = &drill.stage
            && !pack.stages.iter().any(|st| st.id == *s)
        {
            out.push(Problem::error(
                format!("drills[{d}].stage"),
                format!("unknown stage `{s}`"),
            ));
        }
    }
}

fn dupes<'a>(ids: impl Iterator<Item = &'a str>, at: &str, out: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            out.push(Problem::error(
                format!("{at}[{i}].id"),
                format!("duplicate id `{id}`"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_hints() {
        let names = [
            ("postgres", "postgres"),
            ("postgresql", "postgres"),
            ("redis", "redis"),
            ("mysql", "mysql"),
        ];
        assert_eq!(
            did_you_mean("postgress", names).as_deref(),
            Some("postgres")
        );
        assert_eq!(did_you_mean("postgre", names).as_deref(), Some("postgres"));
        assert_eq!(did_you_mean("rdis", names).as_deref(), Some("redis"));
        assert_eq!(did_you_mean("zzzzzz", names), None);
        let kinds = [("kafka", "kafka"), ("redis", "redis")];
        assert_eq!(did_you_mean("kafak", kinds).as_deref(), Some("kafka"));
        assert_eq!(levenshtein("kafak", "kafka"), 1);
    }

    #[test]
    fn hints_stop_when_the_budget_is_spent() {
        let hints = Hints::default();
        let pool: Vec<String> = (0..MAX_HINT_COMPARISONS / 2 + 1)
            .map(|i| format!("c{i}"))
            .collect();
        let names = || pool.iter().map(|n| (n.as_str(), n.as_str()));
        assert_eq!(hints.did_you_mean("c7x", names()).as_deref(), Some("c7"));
        assert_eq!(hints.did_you_mean("c7x", names()), None, "budget spent");
        assert_eq!(hints.did_you_mean("rdis", [("redis", "redis")]), None);
    }

    #[test]
    fn slugs_and_ids() {
        assert_eq!(slug("Orders DB"), "orders-db");
        assert!(valid_id("orders-db"));
        assert!(!valid_id("Orders"));
        assert!(!valid_id(""));
    }
}
