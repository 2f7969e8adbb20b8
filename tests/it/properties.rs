//! Invariants of the engine over random valid designs. The generator sets
//! kinds, replicas, props, roles, link retries and timeouts, flows, entity flags, budgets
//! and (through the ticket-booking pack) answers, so that between them the
//! generated designs reach every rule (a test checks that they do).

use napkin::engine::report::{Finding, Report};
use napkin::engine::rules::RULES;
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::Library;
use napkin::io::load::{design_to_yaml, load_design_str};
use napkin::model::{
    Component, Consistency, Contention, Context, Design, Edit, Entity, Flow, FlowMode, Link,
    LinkMode, Load, Pack, PropType, PropValue, RateSource, Team,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::builtin().expect("built-in library"))
}

/// The pack generated designs may name; its prompts carry risks, weakened
/// consistency and requirements.
const PACK: &str = "ticket-booking";

fn pack_of(d: &Design) -> Option<&'static Pack> {
    d.scenario
        .as_deref()
        .and_then(|s| lib().pack(s))
        .map(|p| &p.pack)
}

const KINDS: &[&str] = &[
    "web-client",
    "load-balancer",
    "app-server",
    "app-server",
    "worker",
    "redis",
    "postgres",
    "mysql",
    "kafka",
    "sqs",
    "rabbitmq",
    "email-provider",
    "payment-gateway",
    "cron",
    "mongodb",
    "elasticsearch",
];

/// Targets a flow may name besides entities: kinds and categories.
const TARGETS: &[&str] = &[
    "email-provider",
    "payment-gateway",
    "worker",
    "search",
    "queue",
];

/// Draws choices from a vector of random numbers, so one proptest value
/// drives every catalog-dependent decision (and shrinks with it).
struct Picks(std::vec::IntoIter<u32>);

impl Picks {
    fn next(&mut self) -> u32 {
        self.0.next().unwrap_or(0)
    }
    /// True one time in `n`.
    fn one_in(&mut self, n: u32) -> bool {
        self.next().is_multiple_of(n)
    }
    fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n.max(1)
    }
    fn of<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A random value the kind's prop accepts.
fn prop_value(spec: &napkin::model::catalog::PropSpec, p: &mut Picks) -> Option<PropValue> {
    let lo = spec.min.unwrap_or(0.0);
    let hi = spec.max.unwrap_or(lo + 4.0).min(lo + 4.0);
    match spec.ty {
        PropType::Bool => Some(PropValue::Bool(p.one_in(2))),
        PropType::Enum => {
            (!spec.values.is_empty()).then(|| PropValue::Str(p.of(&spec.values).clone()))
        }
        PropType::Int => Some(PropValue::Int(
            lo as i64 + p.below((hi - lo) as usize + 1) as i64,
        )),
        PropType::Number => Some(PropValue::Float(
            lo + (hi - lo) * f64::from(p.next() % 100) / 100.0,
        )),
        PropType::String => None,
    }
}

prop_compose! {
    fn design()(
        kinds in prop::collection::vec(0..KINDS.len(), 2..14),
        edges in prop::collection::vec((0usize..14, 0usize..14, any::<bool>()), 0..30),
        peak in 1.0f64..20_000.0,
        write_share in 0.01f64..0.6,
        engineers in prop_oneof![1.0f64..3.0, 1.0f64..40.0],
        picks in prop::collection::vec(any::<u32>(), 400),
    ) -> Design {
        let mut p = Picks(picks.into_iter());
        let n = kinds.len();
        let with_pack = p.one_in(2);
        let entity = Entity {
            id: "data".into(),
            consistency: if p.one_in(3) { Consistency::Eventual } else { Consistency::Strong },
            contention: if p.one_in(2) { Some(Contention::High) } else { None },
            ordered: p.one_in(3),
            ..Default::default()
        };
        let mut entities = vec!["data".to_string()];
        if with_pack {
            entities.extend(["seat-inventory", "bookings", "payments"].map(String::from));
        }
        let mut d = Design {
            name: "random".into(),
            ..Design::default()
        };
        for (i, k) in kinds.iter().enumerate() {
            // One client first, so requests have somewhere to enter.
            let kind_id = if i == 0 { "web-client" } else { KINDS[*k] };
            let kind = lib().catalog.get(kind_id).expect("kind");
            let mut c = Component::new(format!("c{i}"), kind_id);
            c.replicas = if p.one_in(4) { 3 + p.next() % 12 } else { 1 + p.next() % 3 };
            c.managed = p.one_in(2);
            if kind.stateful && kind.category != napkin::model::Category::Cache && !p.one_in(3) {
                c.stores.push(p.of(&entities).clone());
            }
            for (name, spec) in &kind.props {
                if p.one_in(2) && let Some(v) = prop_value(spec, &mut p) {
                    c.props.insert(name.clone(), v);
                }
            }
            if !kind.roles.is_empty() && p.one_in(2) {
                c.role = Some(p.of(&kind.roles).role);
            }
            // Redis always replicated with failover (no extra draw, so the
            // designs stay the ones the other rules need): caches that empty
            // only on a flush, for `cache-stampede`. Other kinds stay lone.
            if kind_id == "redis" {
                c.replicas = c.replicas.max(2);
                c.props.insert("failover".into(), napkin::model::PropValue::Str("automatic".into()));
            }
            d.components.push(c);
        }
        let mut seen = BTreeSet::new();
        for (a, b, asy) in edges {
            // Mostly downstream (to a later component), so requests from
            // the client pass through layers; sometimes back up.
            let (a, b) = (a % n, b % n);
            let (a, b) = if a > b && !p.one_in(5) { (b, a) } else { (a, b) };
            if a == b || !seen.insert((a, b)) {
                continue;
            }
            let mut l = Link::new(format!("c{a}"), format!("c{b}"), if asy { LinkMode::Async } else { LinkMode::Sync });
            if p.one_in(4) {
                l.retries = Some(p.next() % 4);
            }
            if p.one_in(4) {
                l.idempotent = Some(p.one_in(2));
            }
            // Retried calls wait longer the deeper they go (no extra random
            // draw, so the designs stay the ones the other rules need),
            // which is how timeouts end up inverted.
            if l.retries.is_some() {
                l.timeout_ms = Some(500 * (b as u64 + 1));
            }
            d.links.push(l);
        }
        // Sometimes a hub that calls every service, cache and provider after
        // it while the user waits (what random links rarely draw).
        if n > 2 && p.one_in(4) {
            if seen.insert((0, 1)) {
                d.links.push(Link::new("c0", "c1", LinkMode::Sync));
            }
            for j in 2..n {
                let k = lib().catalog.get(&d.components[j].kind).expect("kind");
                if (k.deployable
                    || k.category == napkin::model::Category::External
                    || k.category == napkin::model::Category::Cache)
                    && seen.insert((1, j))
                {
                    d.links.push(Link::new("c1", format!("c{j}"), LinkMode::Sync));
                }
            }
        }
        // Declared flows from the clients to entities, kinds and categories;
        // none at all leaves the engine to infer them.
        let mut flows = Vec::new();
        for f in 0..p.below(3) {
            let mut to: Vec<String> = vec![p.of(&entities).clone()];
            for _ in 0..p.below(4) {
                let t = p.of(TARGETS).to_string();
                if !to.contains(&t) {
                    to.push(t);
                }
            }
            flows.push(Flow {
                id: format!("f{f}"),
                from: "client".into(),
                to,
                mode: *p.of(&[FlowMode::Sync, FlowMode::Async, FlowMode::Any]),
                rate: *p.of(&[RateSource::PeakRps, RateSource::WriteRps, RateSource::Events]),
                latency_ms: p.one_in(3).then(|| f64::from(50 + p.next() % 2000)),
                realtime: p.one_in(3),
                ..Default::default()
            });
        }
        d.context = Some(Context {
            load: Some(Load {
                users: Some(peak * 100.0),
                peak_rps: Some(peak),
                write_rps: Some(peak * write_share),
                events_per_day: Some(peak * f64::from(p.next() % 3000)),
                data_gb: Some(f64::from(1 + p.next() % 5000)),
                ..Default::default()
            }),
            team: Some(Team {
                engineers: Some(engineers),
                ops_hours_per_month: p.one_in(3).then(|| f64::from(p.next() % 200)),
            }),
            budget_usd_per_month: p.one_in(3).then(|| f64::from(50 + p.next() % 5000)),
            availability: Some(*p.of(&[99.0, 99.9, 99.95, 99.99])),
            entities: vec![entity],
            flows,
        });
        if with_pack {
            let pack = &lib().pack(PACK).expect("pack").pack;
            d.scenario = Some(PACK.into());
            for prompt in &pack.prompts {
                if p.one_in(2) {
                    d.answers.insert(prompt.id.clone(), p.of(&prompt.options).id.clone());
                }
            }
        }
        d
    }
}

fn score(d: &Design) -> Report {
    analyze(d, &lib().catalog, pack_of(d), &AnalysisOptions::default())
}

/// What a finding says about whom, without the wording (which names counts
/// and lists in the order it met them).
fn gist(f: &Finding) -> (String, Vec<String>, napkin::model::Severity) {
    let mut c = f.components.clone();
    c.sort();
    (f.rule.clone(), c, f.severity)
}

fn gists<'a>(
    fs: impl IntoIterator<Item = &'a Finding>,
) -> Vec<(String, Vec<String>, napkin::model::Severity)> {
    let mut v: Vec<_> = fs.into_iter().map(gist).collect();
    v.sort();
    v
}

/// Rules that judge the design as a whole (its size, hours, money): any
/// component changes them, linked or not.
const WHOLE_DESIGN: &[&str] = &[
    "too-many-services",
    "too-many-platforms",
    "ops-over-capacity",
    "over-budget",
];

/// What the file's order may not change: each finding's rule and severity.
/// Which of several equal components a finding names may follow the order
/// (the whole-design rules name the biggest few, ties in file order;
/// `missing-idempotency` names the first caller of a receiver, a service's
/// `dual-write` its first store and queue, `flow-mode-mismatch` the first
/// reachable member of a target).
fn verdicts(fs: &[Finding]) -> Vec<(String, napkin::model::Severity)> {
    let mut v: Vec<_> = fs.iter().map(|f| (f.rule.clone(), f.severity)).collect();
    v.sort();
    v
}

/// Every name a flow of the design or its pack starts from or must reach.
fn flow_names(d: &Design) -> BTreeSet<String> {
    let own = d.context.iter().flat_map(|c| c.flows.iter());
    let pack = pack_of(d).into_iter().flat_map(|p| {
        p.flows
            .iter()
            .chain(p.stages.iter().flat_map(|s| s.context.flows.iter()))
    });
    own.chain(pack)
        .flat_map(|f| f.to.iter().chain(&f.via).chain(std::iter::once(&f.from)))
        .cloned()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn generated_designs_are_valid(d in design()) {
        let lib = lib();
        let packs: Vec<&napkin::model::Pack> = lib.packs().iter().map(|p| &p.pack).collect();
        let errors: Vec<String> = napkin::model::validate::validate_design(&d, &lib.catalog, &packs)
            .into_iter()
            .filter(|p| p.is_error())
            .map(|p| p.to_string())
            .collect();
        prop_assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn the_verdict_does_not_depend_on_the_order_of_the_file(d in design()) {
        let a = score(&d);
        prop_assert_eq!(&a, &score(&d), "the same design judged twice");
        let mut shuffled = d.clone();
        shuffled.components.reverse();
        shuffled.links.reverse();
        let b = score(&shuffled);
        prop_assert_eq!(a.scores, b.scores);
        prop_assert_eq!(verdicts(&a.findings), verdicts(&b.findings));
        // Totals are sums of floats, rounded: another order may land a
        // tenth of an hour or a dollar the other side of a rounding step.
        let (m, n) = (&a.metrics, &b.metrics);
        prop_assert!((m.monthly_cost_usd - n.monthly_cost_usd).abs() <= 1.0);
        prop_assert!((m.ops_hours_per_month - n.ops_hours_per_month).abs() <= 0.1 + 1e-9);
        prop_assert_eq!(&m.spofs, &n.spofs);
        prop_assert_eq!(m.services, n.services);
    }

    #[test]
    fn adding_a_replica_never_lowers_availability(d in design(), which in 0usize..14) {
        let before = score(&d);
        let mut more = d.clone();
        let i = which % more.components.len();
        more.components[i].replicas += 1;
        let after = score(&more);
        prop_assert_eq!(before.availability.len(), after.availability.len());
        for (b, a) in before.availability.iter().zip(&after.availability) {
            prop_assert!(a.availability >= b.availability - 1e-9, "flow {}: {} -> {} adding a replica to {}", b.flow, b.availability, a.availability, d.components[i].id);
        }
        prop_assert!(after.components[i].availability >= before.components[i].availability - 1e-9);
    }

    #[test]
    fn removing_a_component_out_of_the_picture_never_changes_findings_on_others(d in design()) {
        let before = score(&d);
        let named = flow_names(&d);
        let out_of_picture: Vec<String> = d
            .components
            .iter()
            .filter(|c| !d.links.iter().any(|l| l.from == c.id || l.to == c.id) && c.stores.is_empty())
            .filter(|c| {
                let category = lib().catalog.get(&c.kind).map(|k| k.category.as_str());
                category != Some("client")
                    && ![Some(c.id.as_str()), Some(c.kind.as_str()), category].iter().flatten().any(|n| named.contains(*n))
            })
            .map(|c| c.id.clone())
            .collect();
        for id in out_of_picture {
            let mut less = d.clone();
            less.components.retain(|c| c.id != id);
            let after = score(&less);
            let others = |r: &Report| gists(r.findings.iter().filter(|f| {
                !f.components.contains(&id) && !WHOLE_DESIGN.contains(&f.rule.as_str())
            }));
            prop_assert_eq!(others(&before), others(&after), "removing {}", id);
        }
    }

    #[test]
    fn save_then_load_gives_the_same_design(d in design()) {
        let yaml = design_to_yaml(&d).expect("serialises");
        let loaded = load_design_str(&yaml, "random.napkin.yaml", lib())
            .unwrap_or_else(|e| panic!("loads: {e}\n{yaml}"));
        prop_assert_eq!(&loaded.design, &d, "{}", yaml);
    }

    #[test]
    fn a_priced_fix_predicts_the_edited_score(d in design()) {
        let report = napkin::engine::analyze_with_fixes(&d, &lib().catalog, pack_of(&d), &AnalysisOptions::default());
        for fix in report.fixes.iter().take(5) {
            let mut edited = d.clone();
            fix.edit.apply(&mut edited, &lib().catalog);
            let after = score(&edited);
            prop_assert_eq!(i64::from(after.scores.overall) - i64::from(report.scores.overall), fix.overall);
            prop_assert_eq!(i64::from(after.scores.resilience) - i64::from(report.scores.resilience), fix.resilience);
        }
    }
}

/// The generator is rich enough for the properties above to say something
/// about every rule: over a fixed sequence of designs, each rule fires.
#[test]
fn generated_designs_reach_every_rule() {
    let mut runner = TestRunner::deterministic();
    let strategy = design();
    let mut fired: BTreeSet<String> = BTreeSet::new();
    for _ in 0..1500 {
        let d = strategy.new_tree(&mut runner).expect("a design").current();
        fired.extend(score(&d).findings.into_iter().map(|f| f.rule));
    }
    let missed: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !fired.contains(*id))
        .collect();
    assert!(missed.is_empty(), "no generated design triggers {missed:?}");
}

/// One edit of every kind on `d`'s components and links (and one of each
/// on a component that does not exist, which must change nothing).
fn every_edit(d: &Design, p: &mut Picks) -> Vec<Edit> {
    let c = p.of(&d.components).clone();
    let kind = lib().catalog.get(&c.kind).expect("kind");
    let prop = kind
        .props
        .keys()
        .next()
        .cloned()
        .unwrap_or_else(|| "regions".into());
    let other = p.of(KINDS).to_string();
    let mut edits = vec![
        Edit::SetReplicas {
            component: c.id.clone(),
            replicas: 1 + p.next() % 9,
        },
        Edit::SetProp {
            component: c.id.clone(),
            prop: prop.clone(),
            value: PropValue::Int(2),
        },
        Edit::UnsetProp {
            component: c.id.clone(),
            prop,
        },
        Edit::SwapKind {
            component: c.id.clone(),
            kind: other,
        },
        Edit::Remove {
            component: c.id.clone(),
        },
        Edit::SetManaged {
            component: c.id.clone(),
            managed: !c.managed,
        },
        Edit::Remove {
            component: "nowhere".into(),
        },
    ];
    if !d.links.is_empty() {
        let l = p.of(&d.links).clone();
        let flipped = match l.mode {
            LinkMode::Sync => LinkMode::Async,
            LinkMode::Async => LinkMode::Sync,
        };
        edits.push(Edit::SetLinkMode {
            from: l.from.clone(),
            to: l.to.clone(),
            mode: flipped,
        });
        edits.push(Edit::Unlink {
            from: l.from,
            to: l.to,
        });
    }
    let to = p.of(&d.components).id.clone();
    edits.extend([
        Edit::Add {
            component: Component::new("fresh", "redis"),
        },
        Edit::Link {
            from: c.id.clone(),
            to: to.clone(),
            mode: LinkMode::Async,
        },
        Edit::Rename {
            from: c.id.clone(),
            to: "renamed".into(),
        },
        Edit::SetStores {
            component: c.id.clone(),
            stores: vec!["data".into(), "other".into()],
        },
        Edit::SetLabel {
            component: c.id.clone(),
            label: Some("a label".into()),
        },
        Edit::SetLabel {
            component: to,
            label: None,
        },
        Edit::SetStage {
            stage: Some(napkin::model::StageRef::Id("growth".into())),
        },
        Edit::SetContext {
            context: Some(Box::new(napkin::model::Context {
                budget_usd_per_month: Some(800.0),
                ..Default::default()
            })),
        },
        Edit::SetContext { context: None },
        Edit::SetAnswer {
            prompt: "payment-mode".into(),
            option: Some("charge-then-book".into()),
        },
        Edit::SetAnswer {
            prompt: "double-booking".into(),
            option: None,
        },
    ]);
    let both = Edit::All {
        edits: vec![edits[3].clone(), edits[4].clone(), edits[1].clone()],
    };
    edits.push(both);
    edits
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Undo and redo through edits: the inverse puts the design back
    /// exactly, and the inverse of the inverse (redo) makes the edit's
    /// design again.
    #[test]
    fn every_edit_has_an_exact_inverse(d in design(), picks in prop::collection::vec(any::<u32>(), 8)) {
        let catalog = &lib().catalog;
        let mut p = Picks(picks.into_iter());
        for e in every_edit(&d, &mut p) {
            let mut edited = d.clone();
            let undo = e.apply(&mut edited, catalog);
            let mut back = edited.clone();
            let redo = undo.apply(&mut back, catalog);
            prop_assert_eq!(&back, &d, "{:?} undone by {:?}", e, undo);
            let mut again = back;
            redo.apply(&mut again, catalog);
            prop_assert_eq!(&again, &edited, "{:?} redone by {:?}", e, redo);
        }
    }
}

/// The variant's name; no wildcard, so a new variant must be named here
/// (and then reached by [`every_edit`] or an inverse, or the test below fails).
fn variant(e: &Edit) -> &'static str {
    match e {
        Edit::SetReplicas { .. } => "SetReplicas",
        Edit::SetProp { .. } => "SetProp",
        Edit::All { .. } => "All",
        Edit::SwapKind { .. } => "SwapKind",
        Edit::Remove { .. } => "Remove",
        Edit::SetLinkMode { .. } => "SetLinkMode",
        Edit::SetManaged { .. } => "SetManaged",
        Edit::UnsetProp { .. } => "UnsetProp",
        Edit::Unlink { .. } => "Unlink",
        Edit::Add { .. } => "Add",
        Edit::Link { .. } => "Link",
        Edit::Rename { .. } => "Rename",
        Edit::SetStores { .. } => "SetStores",
        Edit::SetLabel { .. } => "SetLabel",
        Edit::SetStage { .. } => "SetStage",
        Edit::SetContext { .. } => "SetContext",
        Edit::SetAnswer { .. } => "SetAnswer",
        Edit::Extract { .. } => "Extract",
        Edit::Reinsert { .. } => "Reinsert",
    }
}

fn variants(e: &Edit, out: &mut BTreeSet<&'static str>) {
    out.insert(variant(e));
    if let Edit::All { edits } = e {
        for x in edits {
            variants(x, out);
        }
    }
}

/// The inverse property above applies, undoes and redoes every variant.
#[test]
fn the_inverse_property_reaches_every_edit() {
    let mut runner = TestRunner::deterministic();
    let strategy = design();
    let mut seen = BTreeSet::new();
    for n in 0..20u32 {
        let d = strategy.new_tree(&mut runner).expect("a design").current();
        let mut p = Picks(vec![n; 8].into_iter());
        for e in every_edit(&d, &mut p) {
            let mut edited = d.clone();
            let undo = e.apply(&mut edited, &lib().catalog);
            let redo = undo.clone().apply(&mut edited, &lib().catalog);
            for x in [&e, &undo, &redo] {
                variants(x, &mut seen);
            }
        }
    }
    let all = [
        "SetReplicas",
        "SetProp",
        "All",
        "SwapKind",
        "Remove",
        "SetLinkMode",
        "SetManaged",
        "UnsetProp",
        "Unlink",
        "Add",
        "Link",
        "Rename",
        "SetStores",
        "SetLabel",
        "SetStage",
        "SetContext",
        "SetAnswer",
        "Extract",
        "Reinsert",
    ];
    let missed: Vec<&str> = all.iter().copied().filter(|v| !seen.contains(v)).collect();
    assert!(missed.is_empty(), "never applied: {missed:?}");
}
