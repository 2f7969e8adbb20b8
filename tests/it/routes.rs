//! The route model: a request of a flow takes its own route to each target,
//! traffic adds up to the context's figures, and per-request judgements
//! (dual writes, fan-outs) follow what one request does. Each test sets up a
//! design a senior reviewer would judge one way and checks the engine agrees.

use crate::common::{lib, must, must_not};
use napkin::engine::report::Report;
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::load::load_design_str;
use napkin::model::Problem;

fn load(yaml: &str) -> (napkin::model::Design, Vec<Problem>) {
    let loaded = load_design_str(yaml, "route.napkin.yaml", &lib())
        .unwrap_or_else(|e| panic!("design loads: {e}"));
    (loaded.design, loaded.warnings)
}

fn judge(yaml: &str) -> Report {
    let (d, _) = load(yaml);
    analyze(&d, &lib().catalog, None, &AnalysisOptions::default())
}

fn util(r: &Report, id: &str) -> f64 {
    r.metrics.utilisation.get(id).copied().unwrap_or(0.0)
}

/// A shop: reads go to the database; orders also queue a job for a worker.
const SHOP: &str = r#"
napkin: 1
name: shop
context:
  load: { users: 100000, peak_rps: 900, write_rps: 100 }
  team: { engineers: 4 }
  entities: [{ id: orders, consistency: strong }]
  flows:
    - { id: browse, from: client, to: [orders], mode: sync, rate: peak_rps }
    - { id: order, from: client, to: [orders, email-provider], mode: any, rate: write_rps }
components:
  - { id: web, kind: web-client }
  - { id: api, kind: app-server, replicas: 2 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [orders], props: { failover: automatic } }
  - { id: jobs, kind: sqs, props: { dlq: true } }
  - { id: worker, kind: worker, props: { idempotency_keys: true } }
  - { id: mail, kind: email-provider, props: { idempotency_keys: true } }
links:
  - { from: web, to: api }
  - { from: api, to: db }
  - { from: api, to: jobs, mode: async }
  - { from: jobs, to: worker, mode: async }
  - { from: worker, to: mail, idempotent: true }
"#;

#[test]
fn a_read_flow_does_not_charge_the_queue_and_its_workers() {
    let r = judge(SHOP);
    let browse_only = SHOP.replace(
        "    - { id: order, from: client, to: [orders, email-provider], mode: any, rate: write_rps }\n",
        "",
    );
    let reads = judge(&browse_only);
    assert!(util(&reads, "api") > 0.0);
    assert_eq!(
        util(&reads, "worker"),
        0.0,
        "{:?}",
        reads.metrics.utilisation
    );
    assert!(util(&r, "worker") > 0.0, "the order flow does reach it");
}

#[test]
fn a_balancer_splits_its_backends_and_losing_one_is_not_a_spof() {
    let yaml = r#"
napkin: 1
name: balanced
context:
  load: { users: 100000, peak_rps: 1600, write_rps: 0 }
  entities: [{ id: data, consistency: eventual }]
  flows: [{ id: read, from: client, to: [data], mode: sync }]
components:
  - { id: web, kind: web-client }
  - { id: lb, kind: load-balancer, managed: true }
  - { id: a, kind: app-server }
  - { id: b, kind: app-server }
  - { id: db, kind: dynamodb, managed: true, stores: [data] }
links:
  - { from: web, to: lb }
  - { from: lb, to: a }
  - { from: lb, to: b }
  - { from: a, to: db }
  - { from: b, to: db }
"#;
    let r = judge(yaml);
    // 1,600 reads split over two 1,000-read instances: 80% each, not 160%.
    assert!(
        (util(&r, "a") - 0.8).abs() < 1e-6,
        "{:?}",
        r.metrics.utilisation
    );
    assert!((util(&r, "b") - 0.8).abs() < 1e-6);
    must_not(&r, "sync-fan-out", None);
    must_not(&r, "single-point-of-failure", Some("a"));
}

#[test]
fn flows_without_a_share_split_their_figure() {
    let two = SHOP.replace(
        "    - { id: order,",
        "    - { id: search, from: client, to: [orders], mode: sync, rate: peak_rps }\n    - { id: order,",
    );
    let one = judge(SHOP);
    let split = judge(&two);
    // The same 800 reads a second, described as two flows, load `api` the same.
    let (a, b) = (util(&one, "api"), util(&split, "api"));
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

#[test]
fn a_write_heavy_ingest_carries_its_writes() {
    let yaml = r#"
napkin: 1
name: ingest
context:
  load: { users: 100, peak_rps: 4000, write_rps: 4000 }
  entities: [{ id: readings, consistency: eventual }]
  flows: [{ id: ingest, from: client, to: [readings], mode: sync }]
components:
  - { id: vans, kind: iot-device }
  - { id: api, kind: app-server, replicas: 4 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [readings], props: { failover: automatic } }
links:
  - { from: vans, to: api }
  - { from: api, to: db }
"#;
    let r = judge(yaml);
    assert!(
        util(&r, "api") > 1.0,
        "4,000 writes over 4 x 500: {:?}",
        r.metrics.utilisation
    );
    must(&r, "over-capacity", Some("db"));
}

#[test]
fn a_batched_link_divides_what_crosses_it() {
    let yaml = |batch: &str| {
        format!(
            r#"
napkin: 1
name: batched
context:
  load: {{ users: 100, peak_rps: 20000, write_rps: 20000 }}
  entities: [{{ id: events, consistency: eventual }}]
  flows: [{{ id: ingest, from: client, to: [events], mode: async }}]
components:
  - {{ id: src, kind: iot-device }}
  - {{ id: bus, kind: kafka, managed: true, replicas: 3 }}
  - {{ id: loader, kind: worker, replicas: 4 }}
  - {{ id: olap, kind: clickhouse, managed: true, replicas: 3, stores: [events] }}
links:
  - {{ from: src, to: bus, mode: async }}
  - {{ from: bus, to: loader, mode: async }}
  - {{ from: loader, to: olap{batch} }}
"#
        )
    };
    let single = judge(&yaml(""));
    let batched = judge(&yaml(", batch: 1000"));
    let (s, b) = (util(&single, "olap"), util(&batched, "olap"));
    // Utilisation is reported to three decimals.
    assert!(s > 1.0 && (b - s / 1000.0).abs() < 1e-3, "{s} vs {b}");
    must_not(&batched, "over-capacity", Some("olap"));
}

#[test]
fn via_pins_the_route() {
    let yaml = |via: &str| {
        format!(
            r#"
napkin: 1
name: via
context:
  load: {{ users: 1000, peak_rps: 100, write_rps: 0 }}
  entities: [{{ id: data, consistency: eventual }}]
  flows: [{{ id: read, from: client, to: [data], mode: sync{via} }}]
components:
  - {{ id: web, kind: web-client }}
  - {{ id: gw, kind: api-gateway, managed: true }}
  - {{ id: api, kind: app-server, replicas: 2 }}
  - {{ id: db, kind: dynamodb, managed: true, stores: [data] }}
links:
  - {{ from: web, to: api }}
  - {{ from: web, to: gw }}
  - {{ from: gw, to: api }}
  - {{ from: api, to: db }}
"#
        )
    };
    let flow_parts = |r: &Report| r.flows[0].components.clone();
    let short = judge(&yaml(""));
    assert!(
        !flow_parts(&short).contains(&"gw".to_string()),
        "{:?}",
        flow_parts(&short)
    );
    let pinned = judge(&yaml(", via: [gw]"));
    assert!(
        flow_parts(&pinned).contains(&"gw".to_string()),
        "{:?}",
        flow_parts(&pinned)
    );
}

#[test]
fn a_flow_declared_from_the_wrong_entry_is_a_warning_not_a_penalty() {
    let yaml = r#"
napkin: 1
name: nightly
context:
  load: { users: 1000, peak_rps: 10, write_rps: 1, peak_events_per_sec: 5 }
  entities: [{ id: orders, consistency: strong }]
  flows:
    - { id: browse, from: client, to: [orders], mode: sync }
    - { id: digest, from: client, to: [email-provider], mode: async, rate: events }
components:
  - { id: web, kind: web-client }
  - { id: api, kind: app-server, replicas: 2 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [orders], props: { failover: automatic } }
  - { id: tick, kind: cron, managed: true }
  - { id: mail, kind: email-provider, props: { idempotency_keys: true } }
links:
  - { from: web, to: api }
  - { from: api, to: db }
  - { from: tick, to: db }
  - { from: tick, to: mail, idempotent: true }
"#;
    let (d, warnings) = load(yaml);
    let w = warnings
        .iter()
        .find(|p| p.message.contains("`digest`"))
        .unwrap_or_else(|| panic!("a warning names the flow: {warnings:?}"));
    assert_eq!(w.path, "context.flows[1].from");
    assert!(w.hint.as_deref().unwrap().contains("`tick`"), "{w:?}");
    let r = analyze(&d, &lib().catalog, None, &AnalysisOptions::default());
    must_not(&r, "unreachable-target", None);
    let without = judge(&yaml.replace(
        "    - { id: digest, from: client, to: [email-provider], mode: async, rate: events }\n",
        "",
    ));
    assert_eq!(
        r.scores.overall, without.scores.overall,
        "the slip is left out of the score, not counted as a product gap"
    );
}

#[test]
fn a_dual_write_is_one_request_writing_both() {
    // `api` reads the database for one flow and queues jobs for another that
    // never writes the database: no request writes both.
    let apart = r#"
napkin: 1
name: apart
context:
  load: { users: 1000, peak_rps: 50, write_rps: 10 }
  entities: [{ id: orders, consistency: strong }]
  flows:
    - { id: browse, from: client, to: [orders], mode: sync }
    - { id: export, from: client, to: [email-provider], mode: async, rate: write_rps }
components:
  - { id: web, kind: web-client }
  - { id: api, kind: app-server, replicas: 2 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [orders], props: { failover: automatic } }
  - { id: jobs, kind: sqs, props: { dlq: true } }
  - { id: worker, kind: worker, props: { idempotency_keys: true } }
  - { id: mail, kind: email-provider, props: { idempotency_keys: true } }
links:
  - { from: web, to: api }
  - { from: api, to: db }
  - { from: api, to: jobs, mode: async }
  - { from: jobs, to: worker, mode: async }
  - { from: worker, to: mail, idempotent: true }
"#;
    must_not(&judge(apart), "dual-write", Some("api"));
    let together = apart.replace(
        "to: [email-provider], mode: async",
        "to: [orders, email-provider], mode: async",
    );
    must(&judge(&together), "dual-write", Some("api"));
}
