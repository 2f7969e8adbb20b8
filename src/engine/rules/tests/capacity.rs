//! Load against capacity, and where users wait.

use super::{BASE, edit, fires, quiet, shop};

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
