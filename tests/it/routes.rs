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
  - { id: api, kind: app-server, replicas: 3 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [readings], props: { failover: automatic } }
links:
  - { from: vans, to: api }
  - { from: api, to: db }
"#;
    let r = judge(yaml);
    assert!(
        util(&r, "api") > 1.0,
        "4,000 writes over 3 x 1,000: {:?}",
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
    let single = judge(&yaml(", batch: 1"));
    let batched = judge(&yaml(", batch: 1000"));
    let (s, b) = (util(&single, "olap"), util(&batched, "olap"));
    // Utilisation is reported to three decimals.
    assert!(s > 1.0 && (b - s / 1000.0).abs() < 1e-3, "{s} vs {b}");
    must_not(&batched, "over-capacity", Some("olap"));
    // A consumer draining a stream into an analytics store inserts in bulk
    // when the link says nothing: the kind's `consumer_batch`.
    let unsaid = judge(&yaml(""));
    assert!(
        (util(&unsaid, "olap") - b).abs() < 1e-3,
        "{:?}",
        unsaid.metrics.utilisation
    );
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

/// A small notification service: a Redis between the API and a worker.
const QUEUE: &str = r#"
napkin: 1
name: notifications
context:
  load: { users: 5000, peak_rps: 20, write_rps: 5 }
  team: { engineers: 2 }
  entities: [{ id: notices, consistency: strong }]
  flows:
    - { id: send, from: client, to: [notices, email-provider], mode: async, rate: write_rps }
components:
  - { id: web, kind: web-client }
  - { id: api, kind: app-server, replicas: 2 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [notices], props: { failover: automatic } }
  - { id: jobs, kind: redis, managed: true }
  - { id: worker, kind: worker, replicas: 2, props: { idempotency_keys: true } }
  - { id: mail, kind: email-provider, props: { idempotency_keys: true } }
links:
  - { from: web, to: api }
  - { from: api, to: db }
  - { from: api, to: jobs, mode: async }
  - { from: jobs, to: worker, mode: async }
  - { from: worker, to: mail, idempotent: true }
"#;

#[test]
fn a_redis_job_queue_is_judged_as_a_queue_not_a_cache() {
    let r = judge(QUEUE);
    must_not(&r, "unjustified-component", Some("jobs"));
    must_not(&r, "cache-without-invalidation", Some("jobs"));
    assert!(
        !r.context.assumptions.iter().any(|a| a.contains("`jobs`")),
        "the links show the role: {:?}",
        r.context.assumptions
    );
    // The same Redis consulted beside the database at 20 requests a second
    // is a cache that has not earned its place yet.
    let cache = QUEUE
        .replace(
            "  - { from: api, to: jobs, mode: async }\n",
            "  - { from: api, to: jobs }\n",
        )
        .replace("  - { from: jobs, to: worker, mode: async }\n", "");
    must(&judge(&cache), "unjustified-component", Some("jobs"));
}

#[test]
fn a_declared_role_is_checked_and_changes_what_the_component_absorbs() {
    let limiter = QUEUE
        .replace(
            "{ id: jobs, kind: redis, managed: true }",
            "{ id: jobs, kind: redis, managed: true, role: rate-limiter }",
        )
        .replace(
            "  - { from: api, to: jobs, mode: async }\n",
            "  - { from: api, to: jobs }\n",
        )
        .replace("  - { from: jobs, to: worker, mode: async }\n", "")
        .replace("rate: write_rps }", "rate: peak_rps }");
    let as_limiter = judge(&limiter);
    let as_cache = judge(&limiter.replace(", role: rate-limiter", ", role: cache"));
    // A rate limiter answers no reads for the database; a cache does.
    assert!(
        util(&as_limiter, "db") > util(&as_cache, "db"),
        "{} vs {}",
        util(&as_limiter, "db"),
        util(&as_cache, "db")
    );
    must_not(&as_limiter, "unjustified-component", Some("jobs"));

    let wrong = QUEUE.replace(
        "{ id: jobs, kind: redis, managed: true }",
        "{ id: jobs, kind: sqs, role: cache }",
    );
    let err = load_design_str(&wrong, "wrong.napkin.yaml", &lib()).expect_err("sqs is no cache");
    let p = err
        .problems()
        .into_iter()
        .find(|p| p.path.ends_with(".role"))
        .expect("role problem");
    assert!(p.message.contains("cannot be a cache"), "{p:?}");
}

#[test]
fn a_cache_absorbs_reads_only_for_the_store_it_caches() {
    let yaml = |caches: &str| {
        format!(
            r#"
napkin: 1
name: two stores
context:
  load: {{ users: 100000, peak_rps: 3000, write_rps: 0 }}
  entities: [{{ id: a-data, consistency: eventual }}, {{ id: b-data, consistency: eventual }}]
  flows:
    - {{ id: read-b, from: client, to: [b-data], mode: sync }}
components:
  - {{ id: web, kind: web-client }}
  - {{ id: api, kind: app-server, replicas: 6 }}
  - {{ id: a, kind: postgres, managed: true, replicas: 2, stores: [a-data], props: {{ failover: automatic }} }}
  - {{ id: b, kind: postgres, managed: true, replicas: 2, stores: [b-data], props: {{ failover: automatic }} }}
  - {{ id: cache, kind: redis, managed: true{caches} }}
links:
  - {{ from: web, to: api }}
  - {{ from: api, to: a }}
  - {{ from: api, to: b }}
  - {{ from: api, to: cache }}
"#
        )
    };
    let of_a = judge(&yaml(", caches: a"));
    let of_b = judge(&yaml(", caches: b"));
    assert!(
        util(&of_a, "b") > util(&of_b, "b") * 2.0,
        "{} vs {}",
        util(&of_a, "b"),
        util(&of_b, "b")
    );
}

#[test]
fn events_load_the_consumers_behind_the_hand_off_not_the_front() {
    let yaml = r#"
napkin: 1
name: clicks
context:
  load: { users: 1000000, peak_rps: 4000, write_rps: 0, peak_events_per_sec: 4000 }
  entities: [{ id: links, consistency: eventual }, { id: stats, consistency: eventual }]
  flows:
    - { id: redirect, from: client, to: [links], mode: sync }
    - { id: count-click, from: client, to: [stats], mode: async, rate: events }
components:
  - { id: web, kind: web-client }
  - { id: redirector, kind: app-server, replicas: 6 }
  - { id: links-db, kind: dynamodb, managed: true, stores: [links] }
  - { id: clicks, kind: sqs, managed: true, props: { dlq: true } }
  - { id: counter, kind: worker, replicas: 10, props: { idempotency_keys: true } }
  - { id: stats-db, kind: dynamodb, managed: true, stores: [stats] }
links:
  - { from: web, to: redirector }
  - { from: redirector, to: links-db }
  - { from: redirector, to: clicks, mode: async }
  - { from: clicks, to: counter, mode: async }
  - { from: counter, to: stats-db }
"#;
    let r = judge(yaml);
    // 4,000 redirects over 6 x 1,000 reads: the click is the same request.
    assert!(
        (util(&r, "redirector") - 4000.0 / 6000.0).abs() < 1e-3,
        "{:?}",
        r.metrics.utilisation
    );
    assert!(util(&r, "counter") > 0.0, "the worker sees the events");
}

#[test]
fn a_balancer_sends_a_flow_to_the_service_named_after_it() {
    let yaml = r#"
napkin: 1
name: telemetry
context:
  load: { users: 100, peak_rps: 1000, write_rps: 1000 }
  entities: [{ id: readings, consistency: eventual }]
  flows:
    - { id: ingest, from: vans, to: [readings], mode: async, rate: write_rps }
components:
  - { id: vans, kind: iot-device }
  - { id: alb, kind: load-balancer, managed: true }
  - { id: ingest, kind: app-server, replicas: 4 }
  - { id: q, kind: sqs, managed: true, props: { dlq: true } }
  - { id: writer, kind: worker, replicas: 2, props: { idempotency_keys: true } }
  - { id: tsdb, kind: timeseries-db, managed: true, replicas: 2, stores: [readings], props: { failover: automatic } }
  - { id: console, kind: app-server, replicas: 2 }
links:
  - { from: vans, to: alb }
  - { from: alb, to: ingest }
  - { from: ingest, to: q, mode: async }
  - { from: q, to: writer, mode: async }
  - { from: writer, to: tsdb }
  - { from: alb, to: console }
  - { from: console, to: tsdb }
"#;
    let r = judge(yaml);
    let parts = &r.flows[0].components;
    assert!(
        parts.contains(&"ingest".to_string()) && !parts.contains(&"console".to_string()),
        "{parts:?}"
    );
    assert_eq!(util(&r, "console"), 0.0);
}

/// Forecasts behind a CDN; the app also calls the balancer directly for
/// what the CDN does not serve.
const FORECASTS: &str = r#"
napkin: 1
name: forecasts
context:
  load: { users: 1000000, peak_rps: 20000, write_rps: 20 }
  entities:
    - { id: forecasts, consistency: eventual }
    - { id: places, consistency: strong }
  flows:
    - { id: forecast, from: client, to: [forecasts], mode: sync, rate: peak_rps, share: 0.9 }
    - { id: place, from: client, to: [places], mode: sync, rate: peak_rps, share: 0.1 }
components:
  - { id: app, kind: mobile-client }
  - { id: edge, kind: cdn, managed: true, props: { hit_ratio: 0.9 } }
  - { id: lb, kind: load-balancer, managed: true }
  - { id: api, kind: app-server, replicas: 10 }
  - { id: store, kind: dynamodb, managed: true, stores: [forecasts] }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [places], props: { failover: automatic } }
links:
  - { from: app, to: edge }
  - { from: app, to: lb, label: uncached calls }
  - { from: edge, to: lb }
  - { from: lb, to: api }
  - { from: api, to: store }
  - { from: api, to: db }
"#;

#[test]
fn a_read_that_may_lag_goes_through_the_clients_cdn() {
    let r = judge(FORECASTS);
    // 18,000 forecast reads, 90% answered at the edge: 1,800 reach the API,
    // plus the 2,000 place reads that must be fresh and go straight there.
    let api = util(&r, "api");
    assert!((api - 0.38).abs() < 0.02, "{api}");
    must_not(&r, "over-capacity", Some("api"));
    // Without the CDN link the same reads all reach the API.
    let direct = judge(&FORECASTS.replace("  - { from: app, to: edge }\n", ""));
    assert!(
        util(&direct, "api") > 1.5,
        "{:?}",
        direct.metrics.utilisation
    );
}

#[test]
fn a_cdn_in_front_of_static_files_does_not_answer_api_calls() {
    let yaml = r#"
napkin: 1
name: spa
context:
  load: { users: 1000, peak_rps: 3000, write_rps: 10 }
  entities: [{ id: tasks, consistency: eventual }]
  flows: [{ id: board, from: client, to: [tasks], mode: sync, rate: peak_rps }]
components:
  - { id: browser, kind: web-client }
  - { id: cdn, kind: cdn, managed: true, props: { hit_ratio: 0.95 } }
  - { id: bucket, kind: object-storage, managed: true }
  - { id: api, kind: app-server, replicas: 2 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [tasks], props: { failover: automatic } }
links:
  - { from: browser, to: cdn }
  - { from: cdn, to: bucket }
  - { from: browser, to: api }
  - { from: api, to: db }
"#;
    let r = judge(yaml);
    // Every board read reaches the API: the CDN serves the app's files.
    let api = util(&r, "api");
    assert!(api > 1.4, "{api}");
    must(&r, "over-capacity", Some("api"));
}

#[test]
fn a_consumers_bulk_inserts_do_not_batch_the_queries_it_serves() {
    let yaml = r#"
napkin: 1
name: index
context:
  load: { users: 1000, peak_rps: 1000, write_rps: 10 }
  entities: [{ id: docs, consistency: eventual }]
  flows: [{ id: search, from: client, to: [docs], mode: sync, rate: peak_rps }]
components:
  - { id: browser, kind: web-client }
  - { id: svc, kind: app-server, replicas: 2 }
  - { id: bus, kind: sqs, managed: true, props: { dlq: true } }
  - { id: index, kind: elasticsearch, managed: true, replicas: 2, stores: [docs] }
links:
  - { from: browser, to: svc }
  - { from: bus, to: svc, mode: async, label: reindex }
  - { from: svc, to: index }
"#;
    let r = judge(yaml);
    // `svc` drains a queue, so its writes to the index go in bulk; the
    // 990 searches a second it sends are still 990 queries.
    let searches = util(&r, "index");
    assert!(searches > 0.1, "{:?}", r.metrics.utilisation);
}

#[test]
fn every_kind_stands_as_a_role_or_does_a_data_job() {
    use napkin::model::Role;
    let lib = lib();
    for k in lib.catalog.kinds() {
        // Each kind is something the rules can read: what it stands as in
        // the system, or the data job it does.
        assert!(
            k.standing().is_some() || k.main_role().is_some(),
            "{} has no role",
            k.id
        );
        // A name in a file means it by its id or its category.
        assert!(k.answers_to(&k.id) && k.answers_to(k.category.as_str()));
    }
    let cdn = lib.catalog.get("cdn").expect("cdn");
    assert!(cdn.is(Role::Router) && cdn.main_role() == Some(Role::Cache));
    let pay = lib.catalog.get("payment-gateway").expect("gateway");
    assert!(pay.is(Role::Provider) && !pay.answers_to("database"));
}
