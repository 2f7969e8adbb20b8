//! `single-point-of-failure`, `shared-dependency`.

use super::{BASE, edit, findings, fires, quiet, shop};
use crate::model::Severity;

#[test]
fn single_point_of_failure_on_a_lone_instance_every_request_passes() {
    let rule = "single-point-of-failure";
    let lone = edit(BASE, "app-server, replicas: 2", "app-server, replicas: 1");
    fires(rule, &lone, &[&["api"]]);
    quiet(rule, &edit(&lone, "replicas: 1", "replicas: 2"));
}

#[test]
fn single_point_of_failure_on_replicas_with_nobody_to_promote_one() {
    let rule = "single-point-of-failure";
    let manual = edit(BASE, "failover: automatic", "failover: manual");
    fires(rule, &manual, &[&["db"]]);
    quiet(
        rule,
        &edit(&manual, "failover: manual", "failover: automatic"),
    );
}

#[test]
fn shared_dependency_when_three_callers_share_one_instance() {
    let rule = "shared-dependency";
    let shared = shop(
        "  - { id: auth, kind: app-server, replicas: 2 }
  - { id: admin, kind: app-server, replicas: 2 }
  - { id: limits, kind: redis }
",
        "  - { from: api, to: limits }
  - { from: auth, to: limits }
  - { from: admin, to: limits }
",
    );
    fires(rule, &shared, &[&["limits"]]);
    // Two callers are a smaller blast radius than the rule is about.
    quiet(
        rule,
        &edit(&shared, "  - { from: admin, to: limits }\n", ""),
    );
}

#[test]
fn a_lone_component_behind_a_queue_breaks_a_realtime_flow() {
    let rule = "single-point-of-failure";
    // Orders go through a durable queue to one worker that pushes them on:
    // losing it only delays the work...
    let queued = edit(
        &shop(
            "  - { id: jobs, kind: sqs }\n  - { id: pusher, kind: worker }\n",
            "  - { from: api, to: jobs, mode: async }\n  - { from: jobs, to: pusher, mode: async }\n  - { from: pusher, to: db }\n",
        ),
        "    - { id: order, from: client, to: [orders], mode: sync, rate: write_rps }\n",
        "    - { id: order, from: client, to: [orders], mode: sync, rate: write_rps }\n    - { id: live, from: client, to: [pusher], mode: async, rate: write_rps }\n",
    );
    quiet(rule, &queued);
    // ...unless the flow exists to show changes as they happen.
    let live = edit(
        &queued,
        "to: [pusher], mode: async, rate: write_rps }",
        "to: [pusher], mode: async, rate: write_rps, realtime: true }",
    );
    let f = findings(rule, &live);
    let pusher = f
        .iter()
        .find(|f| f.components == ["pusher"])
        .expect("pusher is a SPOF");
    assert!(pusher.severity >= Severity::Medium, "{pusher:?}");
}

#[test]
fn a_lone_side_dependency_fails_the_requests_unless_the_call_fails_open() {
    let rule = "single-point-of-failure";
    // Every request the API serves asks a one-node Redis rate limiter.
    let limited = shop(
        "  - { id: limiter, kind: redis, role: rate-limiter }\n",
        "  - { from: api, to: limiter }\n",
    );
    fires(rule, &limited, &[&["limiter"]]);
    let f = findings(rule, &limited);
    assert!(f[0].message.contains("called by `api`"), "{}", f[0].message);
    quiet(
        rule,
        &edit(
            &limited,
            "to: limiter }",
            "to: limiter, on_failure: fail-open }",
        ),
    );
    quiet(
        rule,
        &edit(
            &limited,
            "to: limiter }",
            "to: limiter, on_failure: fallback }",
        ),
    );
}

#[test]
fn a_lone_cache_whose_store_cannot_take_its_reads_is_a_single_point_of_failure() {
    let rule = "single-point-of-failure";
    let lone = super::capacity::cached_reads("", 2);
    fires(rule, &lone, &[&["cache"]]);
    let f = findings(rule, &lone);
    assert_eq!(f[0].severity, Severity::High);
    assert!(
        f[0].message.contains("cannot take its reads") && f[0].message.contains("to 122%"),
        "{}",
        f[0].message
    );
    // A store that takes the reads: losing the cache only slows them.
    quiet(
        rule,
        &edit(&lone, "replicas: 2, stores", "replicas: 3, stores"),
    );
}

#[test]
fn a_lone_instance_whose_flows_meet_the_target_is_a_note() {
    let rule = "single-point-of-failure";
    let lone = edit(
        BASE,
        "kind: app-server, replicas: 2",
        "kind: app-server, replicas: 1",
    );
    // 99.5% for one instance against three nines: high.
    let f = findings(rule, &lone);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::High);
    // Against a 99% target the flow meets it with one instance: low.
    let f = findings(rule, &edit(&lone, "availability: 99.9", "availability: 99"));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Low);
    assert!(
        f[0].message.contains("which its flows still meet"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_lone_timer_is_judged_like_a_lone_queue_consumer() {
    let rule = "single-point-of-failure";
    // A timer that sends reminders: while it is down they wait in the
    // database, as a queue's messages wait for its one consumer.
    let timer = edit(
        &shop(
            "  - { id: tick, kind: cron }\n  - { id: mail, kind: email-provider }\n",
            "  - { from: tick, to: db }\n  - { from: tick, to: mail, idempotent: true }\n",
        ),
        "  flows:\n",
        "  flows:\n    - { id: remind, from: tick, to: [mail], mode: async, rate: events }\n",
    );
    quiet(rule, &timer);
    // A lone service it hands the work to is on the flow's path, not where
    // the work waits: losing it still delays every reminder.
    let relayed = edit(
        &edit(
            &timer,
            "  - { id: tick, kind: cron }\n",
            "  - { id: tick, kind: cron }\n  - { id: sender, kind: app-server }\n",
        ),
        "  - { from: tick, to: mail, idempotent: true }\n",
        "  - { from: tick, to: sender }\n  - { from: sender, to: mail, idempotent: true }\n",
    );
    fires(rule, &relayed, &[&["sender"]]);
}
