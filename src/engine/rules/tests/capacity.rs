//! Load against capacity, and where users wait.

use super::{BASE, edit, findings, fires, quiet, shop};
use crate::model::Severity;

#[test]
fn over_capacity_names_what_falls_over() {
    let rule = "over-capacity";
    let flood = edit(
        &edit(BASE, "write_rps: 20", "write_rps: 3000"),
        "app-server, replicas: 2",
        "app-server, replicas: 10",
    );
    // Postgres takes every write on its one primary.
    fires(rule, &flood, &[&["db"]]);
    quiet(rule, &edit(&flood, "write_rps: 3000", "write_rps: 300"));
}

#[test]
fn hot_component_between_hot_and_overloaded() {
    let rule = "hot-component";
    let hot = edit(
        &edit(BASE, "write_rps: 20", "write_rps: 850"),
        "app-server, replicas: 2",
        "app-server, replicas: 4",
    );
    fires(rule, &hot, &[&["db"]]);
    quiet(rule, &edit(&hot, "write_rps: 850", "write_rps: 400"));
}

#[test]
fn slow_sync_external_over_the_latency_budget() {
    let rule = "slow-sync-external";
    let slow = edit(
        &shop(
            "  - { id: mail, kind: email-provider }\n",
            "  - { from: api, to: mail }\n",
        ),
        "to: [orders], mode: sync, rate: write_rps",
        "to: [orders, email-provider], mode: sync, rate: write_rps, latency_ms: 100",
    );
    fires(rule, &slow, &[&["mail"]]);
    quiet(rule, &edit(&slow, "latency_ms: 100", "latency_ms: 5000"));
}

#[test]
fn polling_for_realtime() {
    let rule = "polling-for-realtime";
    let polled = edit(
        &shop(
            "  - { id: poller, kind: cron }\n",
            "  - { from: poller, to: db }\n",
        ),
        "rate: write_rps }",
        "rate: write_rps, realtime: true }",
    );
    fires(rule, &polled, &[&["poller"]]);
    quiet(rule, &edit(&polled, "realtime: true", "realtime: false"));
}

#[test]
fn sync_fan_out_where_the_work_could_wait() {
    let rule = "sync-fan-out";
    let fan = edit(
        &shop(
            "  - { id: stock, kind: app-server, replicas: 2 }
  - { id: pricing, kind: app-server, replicas: 2 }
  - { id: pay, kind: payment-gateway }
",
            "  - { from: api, to: stock }
  - { from: api, to: pricing }
  - { from: api, to: pay }
",
        ),
        "to: [orders], mode: sync, rate: write_rps",
        "to: [orders, stock, pricing, payment-gateway], mode: any, rate: write_rps",
    );
    fires(rule, &fan, &[&["api", "pay", "pricing", "stock"]]);
    // A flow that must answer with all of it is allowed to wait on it.
    quiet(rule, &edit(&fan, "mode: any", "mode: sync"));
}

/// The severity of `rule`'s finding on component `id`, if it has one.
fn severity_on(rule: &str, yaml: &str, id: &str) -> Option<Severity> {
    findings(rule, yaml)
        .into_iter()
        .find(|f| f.components.iter().any(|c| c == id))
        .map(|f| f.severity)
}

/// 3,000 writes/s through ten app servers onto a Postgres primary: 300% of
/// the catalog's rough figure for it, certain enough to be critical.
fn flooded() -> String {
    edit(
        &edit(BASE, "write_rps: 20", "write_rps: 3000"),
        "app-server, replicas: 2",
        "app-server, replicas: 10",
    )
}

#[test]
fn an_overload_within_the_catalogs_error_is_high_and_a_measured_one_critical() {
    let rule = "over-capacity";
    assert_eq!(
        severity_on(rule, &flooded(), "db"),
        Some(Severity::Critical)
    );
    // 1,500 writes/s: 150% of the rough figure, within its error.
    let near = edit(&flooded(), "write_rps: 3000", "write_rps: 1500");
    assert_eq!(severity_on(rule, &near, "db"), Some(Severity::High));
    // The team measured the primary at 1,200 writes/s: 125% is certain.
    let measured = edit(
        &near,
        "replicas: 2, stores: [orders]",
        "replicas: 2, capacity: { write_rps: 1200 }, stores: [orders]",
    );
    assert_eq!(severity_on(rule, &measured, "db"), Some(Severity::Critical));
}

/// Twenty app servers reading 12,000 times a second, with a side call from the
/// service to a config store that no flow names.
fn side_called(flows: &str) -> String {
    let d = edit(
        &edit(
            BASE,
            "peak_rps: 200, write_rps: 20",
            "peak_rps: 12000, write_rps: 20",
        ),
        "app-server, replicas: 2",
        "app-server, replicas: 20",
    );
    let d = edit(
        &d,
        "    - { id: order, from: client, to: [orders], mode: sync, rate: write_rps }\n",
        flows,
    );
    let d = edit(
        &d,
        "links:\n",
        "  - { id: config, kind: postgres, managed: true, replicas: 2, props: { failover: automatic } }\nlinks:\n",
    );
    format!("{d}  - {{ from: api, to: config }}\n")
}

#[test]
fn a_side_call_one_flow_makes_is_counted_but_never_the_first_to_fall_over() {
    let rule = "over-capacity";
    let one = side_called(
        "    - { id: order, from: client, to: [orders], mode: sync, rate: peak_rps }\n",
    );
    let f = findings(rule, &one);
    let config = f
        .iter()
        .find(|f| f.components == ["config"])
        .expect("config is over");
    assert_eq!(config.severity, Severity::High);
    assert!(
        config.message.contains("counting one call from `api`"),
        "{}",
        config.message
    );
    assert!(
        !config.message.contains("first thing"),
        "{}",
        config.message
    );
}

#[test]
fn a_side_call_of_a_service_serving_several_flows_is_a_question() {
    let rule = "over-capacity";
    // Two read flows through the same service: one call per request of
    // both overloads the store; one call per request of the quieter does not.
    let two = side_called(
        "    - { id: order, from: client, to: [orders], mode: sync, rate: peak_rps, rps: 11000 }\n    - { id: history, from: client, to: [orders], mode: sync, rate: peak_rps, rps: 1000 }\n",
    );
    let f = findings(rule, &two);
    let config = f
        .iter()
        .find(|f| f.components == ["config"])
        .expect("config is over");
    assert_eq!(config.severity, Severity::Medium);
    assert!(
        config.message.contains("if only its quietest flow does"),
        "{}",
        config.message
    );
    // A flow that names the store settles it: its route carries the load.
    let named = edit(
        &two,
        "id: history, from: client, to: [orders]",
        "id: history, from: client, to: [config]",
    );
    assert_eq!(severity_on(rule, &named, "config"), None);
}

#[test]
fn a_service_that_only_relays_to_a_stream_counts_against_its_relay_figure() {
    let rule = "over-capacity";
    // 12,000 events/s into Kafka through four app servers: 3,000 each is
    // over their 1,000 writes/s, but under the 5,000 a relay passes on.
    let ingest = "napkin: 1
name: ingest
context:
  load: { users: 1000000, peak_rps: 12000, write_rps: 12000 }
  team: { engineers: 6 }
  entities: [{ id: events, consistency: eventual }]
  flows:
    - { id: ingest, from: device, to: [bus], mode: sync, rate: write_rps }
components:
  - { id: device, kind: iot-device }
  - { id: api, kind: app-server, replicas: 4 }
  - { id: bus, kind: kafka, managed: true, replicas: 3 }
  - { id: sink, kind: worker, replicas: 4 }
  - { id: store, kind: cassandra, replicas: 6, stores: [events] }
links:
  - { from: device, to: api }
  - { from: api, to: bus }
  - { from: bus, to: sink, mode: async }
  - { from: sink, to: store, batch: 500 }
";
    assert_eq!(severity_on(rule, ingest, "api"), None);
    // The same service writing each event to a database as well is no relay.
    let writes = edit(
        &edit(
            ingest,
            "to: [bus], mode: sync",
            "to: [bus, events], mode: sync",
        ),
        "  - { from: api, to: bus }\n",
        "  - { from: api, to: bus }\n  - { from: api, to: store }\n",
    );
    assert!(severity_on(rule, &writes, "api").is_some());
}

#[test]
fn polling_beside_events_that_already_reach_the_flow_is_not_the_delivery() {
    let rule = "polling-for-realtime";
    let polled = edit(
        &shop(
            "  - { id: poller, kind: cron }\n",
            "  - { from: poller, to: db }\n",
        ),
        "rate: write_rps }",
        "rate: write_rps, realtime: true }",
    );
    // The flow reads from a gateway that subscribes to a bus the API
    // publishes to: changes are pushed; the timer refreshes something else.
    let pushed = edit(
        &edit(
            &polled,
            "  - { id: poller, kind: cron }\n",
            "  - { id: poller, kind: cron }\n  - { id: bus, kind: redis, role: pubsub, managed: true }\n  - { id: ws, kind: websocket-gateway, replicas: 2 }\n",
        ),
        "  - { from: web, to: api }\n",
        "  - { from: web, to: ws }\n  - { from: ws, to: api }\n  - { from: ws, to: bus }\n  - { from: api, to: bus, mode: async }\n",
    );
    quiet(rule, &pushed);
    fires(rule, &polled, &[&["poller"]]);
}

#[test]
fn events_travel_through_the_buffer_named_after_their_flow() {
    let rule = "over-capacity";
    // Clicks are published by the redirect service into `clicks`; the stats
    // API beside it is a shorter way to the same store, for reading.
    let clicks = "napkin: 1
name: clicks
context:
  load: { users: 1000000, peak_rps: 2000, write_rps: 10, peak_events_per_sec: 20000 }
  team: { engineers: 6 }
  entities: [{ id: links, consistency: eventual }, { id: click-stats, consistency: eventual }]
  flows:
    - { id: redirect, from: visitor, to: [links], mode: sync, rate: peak_rps }
    - { id: count-clicks, from: visitor, to: [click-stats], mode: async, rate: events }
components:
  - { id: visitor, kind: web-client }
  - { id: lb, kind: load-balancer, managed: true }
  - { id: redirect-svc, kind: app-server, replicas: 4 }
  - { id: stats-api, kind: app-server, replicas: 2 }
  - { id: links-db, kind: dynamodb, managed: true, stores: [links] }
  - { id: clicks, kind: kinesis, managed: true, replicas: 40 }
  - { id: rollup, kind: worker, replicas: 4 }
  - { id: stats-db, kind: clickhouse, managed: true, replicas: 3, stores: [click-stats] }
links:
  - { from: visitor, to: lb }
  - { from: lb, to: redirect-svc }
  - { from: lb, to: stats-api }
  - { from: redirect-svc, to: links-db }
  - { from: redirect-svc, to: clicks, mode: async }
  - { from: clicks, to: rollup, mode: async }
  - { from: rollup, to: stats-db, batch: 1000 }
  - { from: stats-api, to: stats-db }
";
    assert_eq!(severity_on(rule, clicks, "stats-api"), None);
    assert!(severity_on(rule, clicks, "rollup").is_some());
    // A buffer named after nothing in the flow leaves the shortest route.
    let unnamed = clicks
        .replace("clicks, kind: kinesis", "kds, kind: kinesis")
        .replace(
            "to: clicks, mode: async }\n  - { from: clicks,",
            "to: kds, mode: async }\n  - { from: kds,",
        );
    assert!(severity_on(rule, &unnamed, "stats-api").is_some());
}

#[test]
fn a_jobs_table_is_judged_by_what_a_job_costs() {
    // 400 orders a second, each queued as a job in a Postgres jobs table:
    // an insert, a claim and a completion each, past its ~300 jobs/s.
    let jobs = edit(
        &shop(
            "  - { id: jobs, kind: postgres, managed: true, replicas: 2, role: queue, props: { failover: automatic } }\n  - { id: worker, kind: worker, replicas: 4 }\n",
            "  - { from: api, to: jobs, mode: async, label: order }\n  - { from: jobs, to: worker, mode: async }\n  - { from: worker, to: db }\n",
        ),
        "write_rps: 20",
        "write_rps: 400",
    );
    let jobs = edit(
        &jobs,
        "mode: sync, rate: write_rps }",
        "mode: async, rate: write_rps, via: [jobs] }",
    );
    let overloaded = |yaml: &str| {
        ["over-capacity", "hot-component"]
            .iter()
            .any(|r| findings(r, yaml).iter().any(|f| f.components == ["jobs"]))
    };
    assert!(overloaded(&jobs), "the jobs table at 400 jobs/s");
    // Fewer jobs fit; and the same Postgres judged by its plain write
    // figure would take these 400 with room to spare.
    assert!(!overloaded(&edit(
        &jobs,
        "write_rps: 400",
        "write_rps: 150"
    )));
    assert!(!overloaded(&edit(&jobs, "role: queue", "role: store")));
}

#[test]
fn a_fleet_twenty_times_larger_is_a_different_design() {
    let rule = "over-capacity";
    // 60,000 orders a second on two app servers: the arithmetic says 100.
    let swamped = edit(BASE, "write_rps: 20", "write_rps: 60000");
    let f = findings(rule, &swamped);
    let api = f
        .iter()
        .find(|f| f.components == ["api"])
        .expect("api is over capacity");
    assert!(
        api.fix.is_none(),
        "no '100 replicas' to apply: {:?}",
        api.fix
    );
    assert!(
        api.suggestion.contains("different design") && api.suggestion.contains("queue"),
        "{}",
        api.suggestion
    );
    // Three times over: more replicas are the answer.
    let busy = edit(BASE, "write_rps: 20", "write_rps: 3000");
    let f = findings(rule, &busy);
    let api = f.iter().find(|f| f.components == ["api"]).expect("api");
    assert!(
        matches!(api.fix, Some(crate::model::Edit::SetReplicas { .. })),
        "{:?}",
        api.fix
    );
}

/// Product pages read at 12,000/s through a cache beside a two-instance
/// store (10,000 reads/s between them): fine warm, swamped cold.
pub(super) fn cached_reads(cache_props: &str, db_replicas: u32) -> String {
    let with = edit(
        &edit(
            &edit(BASE, "peak_rps: 200", "peak_rps: 12000"),
            "entities: [{ id: orders, consistency: strong }]",
            "entities: [{ id: orders, consistency: strong }, { id: products, consistency: eventual }]",
        ),
        "    - { id: order, from: client, to: [orders], mode: sync, rate: write_rps }\n",
        "    - { id: order, from: client, to: [orders], mode: sync, rate: write_rps }\n    - { id: browse, from: client, to: [products], mode: sync, rate: peak_rps }\n",
    );
    let with = edit(
        &with,
        "kind: app-server, replicas: 2",
        "kind: app-server, replicas: 20",
    );
    let with = edit(
        &with,
        "replicas: 2, stores: [orders]",
        &format!("replicas: {db_replicas}, stores: [orders, products]"),
    );
    format!(
        "{}  - {{ from: api, to: cache }}\n",
        edit(
            &with,
            "links:\n",
            &format!(
                "  - {{ id: cache, kind: redis, managed: true, role: cache, caches: db, props: {{ hit_ratio: 0.9, invalidation: ttl{cache_props} }} }}\nlinks:\n"
            ),
        )
    )
}

#[test]
fn cache_stampede_when_a_cold_cache_swamps_the_store() {
    let rule = "cache-stampede";
    // Replicated with failover: it keeps its data through a failover, but
    // a flush or a change of keys empties it.
    let warm = edit(
        &cached_reads(", failover: automatic", 2),
        "kind: redis, managed: true,",
        "kind: redis, managed: true, replicas: 2,",
    );
    fires(rule, &warm, &[&["cache", "db"]]);
    let f = findings(rule, &warm);
    assert_eq!(f[0].severity, Severity::Low);
    assert!(f[0].message.contains("to 122%"), "{}", f[0].message);
    // A store that takes every read on its own.
    quiet(
        rule,
        &edit(&warm, "replicas: 2, stores", "replicas: 3, stores"),
    );
    // A lone cache instance is the SPOF rule's, not this one's.
    quiet(rule, &cached_reads("", 2));
}

#[test]
fn workers_are_sized_by_how_long_their_jobs_take() {
    let rule = "over-capacity";
    // 20 receipts a second, each read for 20 s by 2 workers running 4 at once.
    let slow = shop(
        "  - { id: jobs, kind: sqs, managed: true, props: { dlq: true } }\n  - { id: ocr, kind: worker, replicas: 2, props: { idempotency_keys: true, job_ms: 20000, concurrency: 4 } }\n",
        "  - { from: api, to: jobs, mode: async }\n  - { from: jobs, to: ocr, mode: async }\n  - { from: ocr, to: db, idempotent: true }\n",
    );
    let slow = edit(
        &slow,
        "to: [orders], mode: sync",
        "to: [orders, ocr], mode: any",
    );
    let f = findings(rule, &slow);
    let ocr = f
        .iter()
        .find(|f| f.components == ["ocr"])
        .expect("ocr falls behind");
    assert!(
        ocr.message
            .contains("20 jobs/s of ~20 s each against 2 instances x 4 at once = 0.40 jobs/s"),
        "{}",
        ocr.message
    );
    assert!(
        ocr.suggestion
            .contains("~400 jobs running at once and has 8")
            && ocr.suggestion.contains("queue's lag"),
        "{}",
        ocr.suggestion
    );
    // Jobs of a tenth of a second: 80 a second between them.
    let quick = edit(&slow, "job_ms: 20000", "job_ms: 100");
    assert!(
        findings(rule, &quick)
            .iter()
            .all(|f| f.components != ["ocr"])
    );
}
