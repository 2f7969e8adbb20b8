//! The engine against designs with known verdicts: every reference design of
//! every built-in pack, hand-made designs across the rules (the seeds' stories
//! among them), and the same designs at contexts where the verdict must flip.

use napkin::engine::report::Report;
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::load::load_design;
use napkin::io::packcheck;
use napkin::model::Severity;
use napkin::model::{Design, Load, Team};
use std::path::Path;

use crate::common::{has, lib, must, must_not};

fn design(name: &str) -> Design {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/designs")
        .join(name);
    load_design(&path, &lib())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .design
}

fn judge(d: &Design) -> Report {
    let lib = lib();
    let pack = d
        .scenario
        .as_deref()
        .and_then(|id| lib.pack(id))
        .map(|p| p.pack.clone());
    analyze(d, &lib.catalog, pack.as_ref(), &AnalysisOptions::default())
}

#[test]
fn every_reference_design_gets_its_declared_verdict() {
    let lib = lib();
    assert_eq!(lib.packs().len(), 3);
    for lp in lib.packs() {
        let verdicts: Vec<&str> = lp
            .pack
            .references
            .iter()
            .map(|r| r.verdict.as_str())
            .collect();
        for v in ["strong", "over-engineered", "fragile"] {
            assert!(verdicts.contains(&v), "{} has no {v} reference", lp.pack.id);
        }
        let problems = packcheck::check_references(&lib, lp);
        assert!(problems.is_empty(), "{}: {problems:#?}", lp.pack.id);
    }
}

#[test]
fn strong_references_have_no_high_finding_and_score_80() {
    let lib = lib();
    for lp in lib.packs() {
        for r in lp
            .pack
            .references
            .iter()
            .filter(|r| r.verdict == napkin::model::Verdict::Strong)
        {
            let text = lp.read(&r.file).expect("reference readable");
            let d = napkin::io::load::load_design_str(&text, &r.file, &lib)
                .expect("loads")
                .design;
            let report = analyze(
                &d,
                &lib.catalog,
                Some(&lp.pack),
                &AnalysisOptions::default(),
            );
            assert!(
                report.scores.overall >= 80,
                "{}/{}: {}",
                lp.pack.id,
                r.file,
                report.scores.overall
            );
            assert!(
                report.worst().is_none_or(|s| s <= Severity::Medium),
                "{}/{}",
                lp.pack.id,
                r.file
            );
        }
    }
}

#[test]
fn notification_story_kafka_flink_and_a_global_store() {
    let r = judge(&design("notification-kafka-flink.napkin.yaml"));
    for c in ["bus", "stream", "store", "gateway"] {
        must(&r, "unjustified-component", Some(c));
    }
    must(&r, "multi-region-unjustified", Some("store"));
    must(&r, "too-many-services", None);
    must(&r, "over-budget", None);
    assert!(r.scores.over_engineering < 30, "{:?}", r.scores);
    let kafka = r
        .findings
        .iter()
        .find(|f| f.components == ["bus"])
        .expect("kafka finding");
    assert!(kafka.message.contains("events/s"), "{}", kafka.message);
}

#[test]
fn notification_story_flips_at_scale() {
    let mut d = design("notification-kafka-flink.napkin.yaml");
    let ctx = d.context.as_mut().expect("context");
    ctx.load = Some(Load {
        users: Some(20_000_000.0),
        peak_rps: Some(8000.0),
        write_rps: Some(2000.0),
        events_per_day: Some(2_000_000_000.0),
        peak_events_per_sec: Some(50_000.0),
        data_gb: Some(20_000.0),
    });
    ctx.team = Some(Team {
        engineers: Some(40.0),
        ops_hours_per_month: None,
    });
    ctx.budget_usd_per_month = Some(100_000.0);
    ctx.availability = Some(99.99);
    let r = judge(&d);
    for c in ["bus", "stream", "store", "gateway"] {
        must_not(&r, "unjustified-component", Some(c));
    }
    must_not(&r, "multi-region-unjustified", None);
    must_not(&r, "too-many-services", None);
}

#[test]
fn school_enrolment_on_kafka_and_kubernetes() {
    let r = judge(&design("school-enrolment.napkin.yaml"));
    must(&r, "unjustified-component", Some("events"));
    must(&r, "unjustified-component", Some("cluster"));
    must_not(&r, "unjustified-component", Some("db"));
    must_not(&r, "single-point-of-failure", Some("db"));
}

#[test]
fn flash_sale_with_client_retries_and_one_hot_database() {
    let r = judge(&design("flash-sale.napkin.yaml"));
    must(&r, "unguarded-contention", Some("db"));
    must(&r, "single-point-of-failure", Some("db"));
    must(&r, "missing-idempotency", Some("pay"));
    must(&r, "missing-idempotency", Some("api"));
    must(&r, "over-capacity", Some("db"));
    assert!(r.findings[0].severity == Severity::Critical, "worst first");
    // The database at peak is certain to fall over, and says so.
    assert!(r.findings.iter().any(|f| f.rule == "over-capacity"
        && f.severity == Severity::Critical
        && f.message.contains("first thing to fall over")));
}

#[test]
fn flash_sale_is_fine_on_a_quiet_day_once_guarded() {
    let mut d = design("flash-sale.napkin.yaml");
    let db = d.component_mut("db").expect("db");
    db.props.insert(
        "locking".into(),
        napkin::model::PropValue::Str("row".into()),
    );
    d.context.as_mut().expect("ctx").load = Some(Load {
        users: Some(2000.0),
        peak_rps: Some(20.0),
        write_rps: Some(5.0),
        ..Default::default()
    });
    let r = judge(&d);
    must_not(&r, "over-capacity", None);
    must_not(&r, "unguarded-contention", None);
}

#[test]
fn one_redis_shared_by_auth_sessions_and_limits() {
    let r = judge(&design("shared-redis.napkin.yaml"));
    must(&r, "shared-dependency", Some("shared"));
    assert!(r.metrics.spofs.contains(&"shared".to_string()));
}

#[test]
fn ha_cluster_with_one_shared_state() {
    let r = judge(&design("ha-shared-state.napkin.yaml"));
    must(&r, "single-point-of-failure", Some("state"));
    must_not(&r, "single-point-of-failure", Some("app"));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "single-point-of-failure")
        .expect("spof");
    assert!(f.message.contains("failover: none"), "{}", f.message);
}

#[test]
fn boring_monolith_is_strong() {
    let r = judge(&design("boring-monolith.napkin.yaml"));
    assert!(r.scores.overall >= 85, "{:?} {:#?}", r.scores, r.findings);
    assert!(
        r.worst().is_none_or(|s| s <= Severity::Low),
        "{:#?}",
        r.findings
    );
    assert!(r.metrics.spofs.is_empty());
}

#[test]
fn strong_entity_in_an_eventual_store() {
    let r = judge(&design("orders-in-mongo.napkin.yaml"));
    must(&r, "eventual-store-for-strong-entity", Some("docs"));
}

#[test]
fn cache_in_front_of_strong_prices() {
    let r = judge(&design("stale-prices.napkin.yaml"));
    must(&r, "cache-without-invalidation", Some("cache"));
    let mut d = design("stale-prices.napkin.yaml");
    d.component_mut("cache").expect("cache").props.insert(
        "invalidation".into(),
        napkin::model::PropValue::Str("event".into()),
    );
    must_not(&judge(&d), "cache-without-invalidation", None);
}

#[test]
fn commit_then_publish_is_a_dual_write() {
    let r = judge(&design("publish-after-commit.napkin.yaml"));
    must(&r, "dual-write", Some("api"));
    must(&r, "no-dead-letter-queue", Some("bus"));
    must(&r, "unordered-consumers", Some("bus"));
    must_not(&r, "unjustified-component", Some("bus"));
}

#[test]
fn active_active_writes_on_a_ledger() {
    let r = judge(&design("active-active-ledger.napkin.yaml"));
    must(&r, "active-active-strong", Some("db"));
    must_not(&r, "multi-region-unjustified", None);
}

#[test]
fn launch_day_overload() {
    let r = judge(&design("one-small-server.napkin.yaml"));
    must(&r, "over-capacity", Some("app"));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "over-capacity")
        .expect("over-capacity");
    // 4,800 reads and 200 writes over 2 x 1,000 requests/s = 2.5.
    assert!(f.message.contains("250%"), "{}", f.message);
}

#[test]
fn hot_but_standing() {
    let mut d = design("one-small-server.napkin.yaml");
    d.context.as_mut().expect("ctx").load = Some(Load {
        peak_rps: Some(1600.0),
        write_rps: Some(100.0),
        ..Default::default()
    });
    let r = judge(&d);
    must(&r, "hot-component", Some("app"));
    must_not(&r, "over-capacity", None);
}

#[test]
fn email_sent_inside_the_request() {
    let r = judge(&design("email-in-request.napkin.yaml"));
    must(&r, "slow-sync-external", Some("email"));
    must(&r, "flow-mode-mismatch", Some("email"));
}

#[test]
fn polling_for_live_status() {
    let r = judge(&design("polling-status.napkin.yaml"));
    must(&r, "polling-for-realtime", Some("poller"));
}

#[test]
fn five_platforms_for_two_engineers() {
    let r = judge(&design("platform-zoo.napkin.yaml"));
    must(&r, "too-many-platforms", None);
    must(&r, "ops-over-capacity", None);
    must(&r, "over-budget", None);
    must(&r, "unjustified-component", Some("search"));
}

#[test]
fn a_flow_with_nowhere_to_go() {
    let r = judge(&design("missing-store.napkin.yaml"));
    must(&r, "unreachable-target", None);
    assert!(r.scores.resilience < 100);
}

#[test]
fn accepted_trade_off_is_listed_not_counted() {
    let r = judge(&design("accepted-single-db.napkin.yaml"));
    must_not(&r, "single-point-of-failure", Some("db"));
    assert_eq!(r.accepted.len(), 1);
    assert_eq!(
        r.accepted[0].reason,
        "single managed DB is fine at this size"
    );
    assert_eq!(r.scores.resilience, 100);
    let mut d = design("accepted-single-db.napkin.yaml");
    d.accepted.clear();
    let open = judge(&d);
    must(&open, "single-point-of-failure", Some("db"));
    assert!(open.scores.resilience < 100);
}

#[test]
fn checkout_fans_out_synchronously() {
    let r = judge(&design("fan-out-checkout.napkin.yaml"));
    must(&r, "sync-fan-out", Some("checkout"));
}

#[test]
fn ordered_messages_need_a_partition_key() {
    let r = judge(&design("ordered-queue.napkin.yaml"));
    must(&r, "unordered-consumers", Some("q"));
    let mut d = design("ordered-queue.napkin.yaml");
    d.component_mut("q").expect("q").props.insert(
        "partition_key".into(),
        napkin::model::PropValue::Str("order_id".into()),
    );
    must_not(&judge(&d), "unordered-consumers", None);
}

#[test]
fn same_kafka_flips_with_context() {
    // Over-engineering at 3,000 events a day, the right call at 50,000 a second.
    let lib = lib();
    let pack = lib.pack("notification-system").expect("pack").clone();
    let text = pack
        .read("designs/scale.napkin.yaml")
        .expect("scale design");
    let d = napkin::io::load::load_design_str(&text, "scale", &lib)
        .expect("loads")
        .design;
    let at = |stage: &str| {
        analyze(
            &d,
            &lib.catalog,
            Some(&pack.pack),
            &AnalysisOptions {
                stage: Some(napkin::model::StageRef::Id(stage.into())),
                ..Default::default()
            },
        )
    };
    let launch = at("launch");
    let scale = at("scale");
    assert!(
        has(&launch, "unjustified-component", None),
        "{:#?}",
        launch.findings
    );
    assert!(
        !has(&scale, "unjustified-component", None),
        "{:#?}",
        scale.findings
    );
    assert!(launch.scores.over_engineering < scale.scores.over_engineering);
}

#[test]
fn every_finding_names_numbers_or_components() {
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/designs"))
            .expect("dir")
    {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .to_string();
        let r = judge(&design(&name));
        for f in &r.findings {
            assert!(!f.suggestion.is_empty(), "{name}: {f:?}");
            assert!(
                !f.components.is_empty() || f.message.chars().any(|c| c.is_ascii_digit()),
                "{name}: finding without evidence: {f:?}"
            );
        }
    }
}

/// The example in the README's "Design files" section is a real design and
/// gets the verdict the README describes.
#[test]
fn readme_design_example_gets_the_verdict_the_readme_describes() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## Design files")
        .nth(1)
        .expect("README has a Design files section");
    let yaml = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("the section holds a yaml block");
    let d = napkin::io::load::load_design_str(yaml, "README.md", &lib())
        .unwrap_or_else(|e| panic!("README example: {e}"))
        .design;
    let r = judge(&d);
    assert_eq!(
        r.context.budget_usd_per_month,
        Some(800.0),
        "the example's budget is read, not dropped"
    );
    must(&r, "missing-idempotency", Some("worker"));
    must_not(&r, "single-point-of-failure", Some("worker"));
    assert!(
        r.accepted
            .iter()
            .any(|a| a.finding.rule == "dual-write" && a.reason.contains("nightly")),
        "the dual write is accepted with its reason"
    );
    let flow = &r.availability[0];
    assert!(flow.meets_target, "{}", flow.arithmetic);
    assert!(
        flow.arithmetic
            .ends_with("= 99.9825%, capped at 99.95% in one region"),
        "{}",
        flow.arithmetic
    );
    assert_eq!(flow.decoupled, ["jobs", "worker", "mail"]);
}

/// A design that serves none of its pack's critical flows cannot score well
/// on the categories that have nothing to judge: overall is scaled by the
/// share of required flow targets reached, and the flows show as not served.
#[test]
fn designs_that_do_not_serve_their_flows_score_by_coverage() {
    let empty = napkin::io::load::load_design_str(
        "napkin: 1\nname: empty\nscenario: ticket-booking\nstage: launch\ncomponents: []\nlinks: []\n",
        "empty.napkin.yaml",
        &lib(),
    )
    .expect("an empty design loads")
    .design;
    let r = judge(&empty);
    assert_eq!(r.scores.overall, 0);
    assert!(
        r.availability
            .iter()
            .all(|a| !a.meets_target && a.arithmetic.contains("not served")),
        "{:?}",
        r.availability
    );

    // The notification starter serves preferences but reaches neither provider.
    let lib = lib();
    let pack = &lib.pack("notification-system").expect("pack").pack;
    let starter = napkin::io::starter::starter_design(pack, &lib.catalog).expect("starter");
    let r = judge(&starter);
    assert!(r.scores.overall < 50, "starter scored {}", r.scores.overall);
    let served: Vec<_> = r
        .availability
        .iter()
        .filter(|a| !a.arithmetic.contains("not served"))
        .collect();
    assert_eq!(served.len(), 1, "{:?}", r.availability);
    assert_eq!(served[0].flow, "update-preferences");
}

fn inline(yaml: &str) -> Report {
    let d = napkin::io::load::load_design_str(yaml, "inline.napkin.yaml", &lib())
        .unwrap_or_else(|e| panic!("{e}"))
        .design;
    judge(&d)
}

/// Replicas of a single-primary database add reads, not writes: a write
/// overload is not "fixed" by more replicas, while a store that partitions
/// writes takes the same load.
#[test]
fn replicas_do_not_spread_writes_on_one_primary() {
    let design = |kind: &str, replicas: u32| {
        format!(
            "napkin: 1\nname: writes\ncontext:\n  load: {{ users: 100000, peak_rps: 1500, write_rps: 1500 }}\n  team: {{ engineers: 8 }}\n  availability: 99.9\n  entities:\n    - {{ id: events, consistency: strong }}\ncomponents:\n  - {{ id: web, kind: web-client }}\n  - {{ id: api, kind: app-server, replicas: 4 }}\n  - {{ id: db, kind: {kind}, replicas: {replicas}, stores: [events], props: {{ failover: automatic }} }}\nlinks:\n  - {{ from: web, to: api }}\n  - {{ from: api, to: db }}\n"
        )
    };
    let one_primary = inline(&design("postgres", 3));
    must(&one_primary, "over-capacity", Some("db"));
    let f = one_primary
        .findings
        .iter()
        .find(|f| f.rule == "over-capacity")
        .unwrap();
    assert!(
        f.fix.is_none(),
        "no replica count fixes writes on one primary"
    );
    assert!(f.suggestion.contains("shard"), "{}", f.suggestion);
    assert!(
        one_primary.fixes.iter().all(|x| x.rule != "over-capacity"),
        "no priced replica fix for a write overload"
    );

    let partitioned = inline(&design("cockroachdb", 3));
    assert!(
        !has(&partitioned, "over-capacity", Some("db"))
            && !has(&partitioned, "hot-component", Some("db")),
        "three CockroachDB nodes take 1,500 writes/s"
    );
}

/// A store's consistency follows the props that strengthen it.
#[test]
fn consistency_props_make_a_store_strong() {
    let design = |props: &str| {
        format!(
            "napkin: 1\nname: ledger\ncontext:\n  load: {{ users: 1000, peak_rps: 5, write_rps: 1 }}\n  team: {{ engineers: 2 }}\n  availability: 99.9\n  entities:\n    - {{ id: ledger, consistency: strong }}\ncomponents:\n  - {{ id: web, kind: web-client }}\n  - {{ id: api, kind: app-server, replicas: 2 }}\n  - {{ id: store, kind: dynamodb, stores: [ledger], props: {{ {props} }} }}\nlinks:\n  - {{ from: web, to: api }}\n  - {{ from: api, to: store }}\n"
        )
    };
    must(
        &inline(&design("")),
        "eventual-store-for-strong-entity",
        Some("store"),
    );
    must(
        &inline(&design("consistent_reads: false")),
        "eventual-store-for-strong-entity",
        Some("store"),
    );
    assert!(!has(
        &inline(&design("consistent_reads: true")),
        "eventual-store-for-strong-entity",
        None
    ));
}

/// Where a cache is drawn (in front of the store or beside it, cache-aside)
/// does not change what the store sees: only the misses.
#[test]
fn a_cache_beside_the_store_absorbs_reads_like_one_in_front() {
    let design = |links: &str| {
        format!(
            "napkin: 1\nname: reads\ncontext:\n  load: {{ users: 1000000, peak_rps: 20000, write_rps: 10 }}\n  team: {{ engineers: 8 }}\n  availability: 99.9\n  entities:\n    - {{ id: items, consistency: eventual }}\ncomponents:\n  - {{ id: web, kind: web-client }}\n  - {{ id: api, kind: app-server, replicas: 40 }}\n  - {{ id: cache, kind: redis, replicas: 2, props: {{ hit_ratio: 0.9, failover: automatic, invalidation: ttl }} }}\n  - {{ id: db, kind: postgres, replicas: 2, stores: [items], props: {{ failover: automatic }} }}\nlinks:\n  - {{ from: web, to: api }}\n{links}"
        )
    };
    let no_cache = inline(&design("  - { from: api, to: db }\n"));
    must(&no_cache, "over-capacity", Some("db"));
    for links in [
        "  - { from: api, to: cache }\n  - { from: api, to: db }\n",
        "  - { from: api, to: cache }\n  - { from: cache, to: db }\n",
    ] {
        let r = inline(&design(links));
        let u = r.metrics.utilisation["db"];
        assert!((u - 0.2).abs() < 0.01, "{links}: db at {u}");
    }
}

/// A load balancer sends each request to one of its next hops: two API tiers
/// behind it share the flow instead of each taking all of it.
#[test]
fn an_edge_router_splits_a_flow_between_its_next_hops() {
    let r = inline(
        "napkin: 1\nname: split\ncontext:\n  load: { users: 100000, peak_rps: 1600, write_rps: 0 }\n  team: { engineers: 8 }\n  availability: 99.9\n  entities:\n    - { id: items, consistency: eventual }\ncomponents:\n  - { id: web, kind: web-client }\n  - { id: lb, kind: load-balancer, managed: true }\n  - { id: read-api, kind: app-server, replicas: 2 }\n  - { id: search-api, kind: app-server, replicas: 2 }\n  - { id: db, kind: postgres, replicas: 2, stores: [items], props: { failover: automatic } }\nlinks:\n  - { from: web, to: lb }\n  - { from: lb, to: read-api }\n  - { from: lb, to: search-api }\n  - { from: read-api, to: db }\n  - { from: search-api, to: db }\n",
    );
    for api in ["read-api", "search-api"] {
        let u = r.metrics.utilisation[api];
        assert!((u - 0.4).abs() < 0.01, "{api} at {u}");
    }
    // The store behind both still sees the whole flow.
    assert!(
        (r.metrics.utilisation["db"] - 0.16).abs() < 0.01,
        "{:?}",
        r.metrics.utilisation
    );
}

/// A fleet sized far past both redundancy and the peak is flagged with what
/// it costs; the same fleet at a peak that needs it is not.
#[test]
fn idle_replicas_flip_with_the_peak() {
    let design = |rps: u32, replicas: u32| {
        format!(
            "napkin: 1\nname: fleet\ncontext:\n  load: {{ users: 100000, peak_rps: {rps}, write_rps: 1 }}\n  team: {{ engineers: 8 }}\n  availability: 99.9\n  entities:\n    - {{ id: items, consistency: eventual }}\ncomponents:\n  - {{ id: web, kind: web-client }}\n  - {{ id: api, kind: app-server, replicas: {replicas} }}\n  - {{ id: db, kind: postgres, replicas: 2, managed: true, stores: [items], props: {{ failover: automatic }} }}\nlinks:\n  - {{ from: web, to: api }}\n  - {{ from: api, to: db }}\n"
        )
    };
    let idle = inline(&design(1000, 20));
    must(&idle, "idle-replicas", Some("api"));
    let f = idle
        .findings
        .iter()
        .find(|f| f.rule == "idle-replicas")
        .unwrap();
    assert!(f.message.contains("saving ~$"), "{}", f.message);
    let d = napkin::io::load::load_design_str(&design(1000, 20), "fleet.napkin.yaml", &lib())
        .unwrap()
        .design;
    let priced =
        napkin::engine::analyze_with_fixes(&d, &lib().catalog, None, &AnalysisOptions::default());
    assert!(
        priced.fixes.iter().any(|x| x.rule == "idle-replicas"
            && x.monthly_cost_usd < 0.0
            && x.over_engineering > 0),
        "the fix is priced as a saving: {:?}",
        priced.fixes
    );
    // 1,200 requests/s want three instances at half load: four are not idle.
    assert!(!has(&inline(&design(1200, 4)), "idle-replicas", None));
    assert!(!has(&inline(&design(8000, 20)), "idle-replicas", None));
}

/// The three rules that judge a session's answers: a risky answer becomes a
/// `constraint-choice` at its risk, an answer that lowers an entity below
/// what the scenario needs is `weakened-consistency`, and an answer whose
/// safeguard the design lacks is `prompt-requirement`. The strong reference
/// raises none of them.
#[test]
fn answers_are_judged_by_their_risk_consistency_and_safeguards() {
    let lib = lib();
    let pack = lib.pack("ticket-booking").expect("pack").clone();
    let text = pack
        .read("designs/strong.napkin.yaml")
        .expect("strong design");
    let strong = napkin::io::load::load_design_str(&text, "strong", &lib)
        .expect("loads")
        .design;
    let r = judge(&strong);
    for rule in [
        "constraint-choice",
        "weakened-consistency",
        "prompt-requirement",
    ] {
        must_not(&r, rule, None);
    }

    let mut risky = strong.clone();
    risky
        .answers
        .insert("double-booking".into(), "check-then-insert".into());
    let r = judge(&risky);
    must(&r, "constraint-choice", None);
    let choice = r
        .findings
        .iter()
        .find(|f| f.rule == "constraint-choice")
        .unwrap();
    assert_eq!(choice.severity, Severity::Critical, "{}", choice.message);
    must(&r, "weakened-consistency", None);

    let mut unguarded = strong.clone();
    unguarded
        .answers
        .insert("payment-mode".into(), "sync-with-hold".into());
    for c in unguarded.components.iter_mut() {
        c.props.remove("idempotency_keys");
    }
    let r = judge(&unguarded);
    must(&r, "prompt-requirement", None);
    let close = judge(&strong);
    must_not(&close, "prompt-requirement", None);
}
