//! Invariants of the engine over random valid designs.

use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::Library;
use napkin::model::{Component, Context, Design, Entity, Link, LinkMode, Load, PropValue, Team};
use proptest::prelude::*;
use std::sync::OnceLock;

fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::builtin().expect("built-in library"))
}

const KINDS: &[&str] = &[
    "web-client",
    "load-balancer",
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

prop_compose! {
    fn design()(
        kinds in prop::collection::vec(0..KINDS.len(), 2..14),
        replicas in prop::collection::vec(1u32..4, 14),
        edges in prop::collection::vec((0usize..14, 0usize..14, any::<bool>()), 0..30),
        peak in 1.0f64..20_000.0,
        engineers in 1.0f64..40.0,
        stored in prop::collection::vec(any::<bool>(), 14),
    ) -> Design {
        let n = kinds.len();
        let mut d = Design {
            name: "random".into(),
            context: Some(Context {
                load: Some(Load { users: Some(peak * 100.0), peak_rps: Some(peak), write_rps: Some(peak / 10.0), events_per_day: Some(peak * 1000.0), ..Default::default() }),
                team: Some(Team { engineers: Some(engineers), ops_hours_per_month: None }),
                availability: Some(99.9),
                entities: vec![Entity { id: "data".into(), contention: napkin::model::Contention::High, consistency: napkin::model::Consistency::Strong, ..Default::default() }],
                ..Default::default()
            }),
            ..Design::default()
        };
        for (i, k) in kinds.iter().enumerate() {
            let mut c = Component::new(format!("c{i}"), KINDS[*k]);
            c.replicas = replicas[i];
            let kind = lib().catalog.get(KINDS[*k]).expect("kind");
            if kind.stateful && stored[i] && kind.category != napkin::model::Category::Cache {
                c.stores.push("data".into());
            }
            d.components.push(c);
        }
        for (a, b, asy) in edges {
            let (a, b) = (a % n, b % n);
            if a != b {
                d.links.push(Link::new(format!("c{a}"), format!("c{b}"), if asy { LinkMode::Async } else { LinkMode::Sync }));
            }
        }
        d
    }
}

fn score(d: &Design) -> napkin::engine::report::Report {
    analyze(d, &lib().catalog, None, &AnalysisOptions::default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn scores_are_bounded_and_deterministic(d in design()) {
        let a = score(&d);
        let b = score(&d);
        prop_assert_eq!(&a, &b);
        for s in [a.scores.overall, a.scores.over_engineering, a.scores.resilience, a.scores.consistency, a.scores.capacity] {
            prop_assert!(s <= 100);
        }
    }

    #[test]
    fn making_a_spof_redundant_removes_its_finding(d in design()) {
        let before = score(&d);
        for f in before.findings.iter().filter(|f| f.rule == "single-point-of-failure") {
            let id = &f.components[0];
            let mut fixed = d.clone();
            let kind = lib().catalog.get(&fixed.component(id).expect("component").kind).expect("kind").clone();
            let c = fixed.component_mut(id).expect("component");
            c.replicas = c.replicas.max(2);
            if kind.props.contains_key("failover") {
                c.props.insert("failover".into(), PropValue::Str("automatic".into()));
            }
            let after = score(&fixed);
            prop_assert!(
                !after.findings.iter().any(|g| g.rule == "single-point-of-failure" && g.components.contains(id)),
                "{id} still a SPOF"
            );
        }
    }

    #[test]
    fn removing_an_unlinked_component_never_lowers_resilience(d in design()) {
        let before = score(&d);
        let lonely: Vec<String> = d
            .components
            .iter()
            .filter(|c| !d.links.iter().any(|l| l.from == c.id || l.to == c.id))
            .map(|c| c.id.clone())
            .collect();
        for id in lonely {
            let mut less = d.clone();
            less.components.retain(|c| c.id != id);
            let after = score(&less);
            prop_assert!(after.scores.resilience >= before.scores.resilience, "removing {id}");
        }
    }

    #[test]
    fn a_priced_fix_predicts_the_edited_score(d in design()) {
        let report = napkin::engine::analyze_with_fixes(&d, &lib().catalog, None, &AnalysisOptions::default());
        for fix in report.fixes.iter().take(5) {
            let mut edited = d.clone();
            fix.edit.apply(&mut edited, &lib().catalog);
            let after = score(&edited);
            prop_assert_eq!(i64::from(after.scores.overall) - i64::from(report.scores.overall), fix.overall);
            prop_assert_eq!(i64::from(after.scores.resilience) - i64::from(report.scores.resilience), fix.resilience);
        }
    }
}
