//! Complexity the context does not pay for.

use super::{BASE, edit, fires, quiet, shop};

#[test]
fn unjustified_component_below_its_threshold() {
    let rule = "unjustified-component";
    let kafka = shop(
        "  - { id: bus, kind: kafka, managed: true, replicas: 3 }
  - { id: worker, kind: worker, replicas: 2 }
",
        "  - { from: api, to: bus, mode: async }
  - { from: bus, to: worker, mode: async }
",
    );
    fires(rule, &kafka, &[&["bus"]]);
    // Thousands of events a second are what Kafka is for.
    quiet(
        rule,
        &edit(
            &kafka,
            "write_rps: 20",
            "write_rps: 20, peak_events_per_sec: 5000",
        ),
    );
}

#[test]
fn multi_region_unjustified_below_four_nines() {
    let rule = "multi-region-unjustified";
    let two = edit(
        BASE,
        "app-server, replicas: 2",
        "app-server, replicas: 2, props: { regions: 2 }",
    );
    fires(rule, &two, &[&["api"]]);
    quiet(
        rule,
        &edit(&two, "availability: 99.9", "availability: 99.99"),
    );
}

#[test]
fn too_many_services_for_the_team() {
    let rule = "too-many-services";
    let three = edit(
        &shop(
            "  - { id: stock, kind: app-server, replicas: 2 }
  - { id: pricing, kind: app-server, replicas: 2 }
",
            "  - { from: api, to: stock }
  - { from: api, to: pricing }
",
        ),
        "engineers: 4",
        "engineers: 1",
    );
    fires(rule, &three, &[&["api", "pricing", "stock"]]);
    quiet(rule, &edit(&three, "engineers: 1", "engineers: 2"));
}

#[test]
fn too_many_platforms_run_by_hand() {
    let rule = "too-many-platforms";
    let three = edit(
        &edit(
            &shop(
                "  - { id: cache, kind: redis, replicas: 2 }
  - { id: search, kind: elasticsearch, replicas: 2 }
",
                "  - { from: api, to: cache }
  - { from: api, to: search }
",
            ),
            "engineers: 4",
            "engineers: 1",
        ),
        "kind: postgres, managed: true",
        "kind: postgres, managed: false",
    );
    fires(rule, &three, &[&["cache", "db", "search"]]);
    quiet(
        rule,
        &edit(
            &three,
            "postgres, managed: false",
            "postgres, managed: true",
        ),
    );
}

#[test]
fn ops_over_capacity() {
    let rule = "ops-over-capacity";
    let busy = edit(
        BASE,
        "engineers: 4 }",
        "engineers: 4, ops_hours_per_month: 2 }",
    );
    fires(rule, &busy, &[&["api", "db"]]);
    quiet(
        rule,
        &edit(&busy, "ops_hours_per_month: 2", "ops_hours_per_month: 200"),
    );
}

#[test]
fn idle_replicas_beyond_load_and_redundancy() {
    let rule = "idle-replicas";
    let idle = edit(BASE, "app-server, replicas: 2", "app-server, replicas: 12");
    fires(rule, &idle, &[&["api"]]);
    quiet(rule, &edit(&idle, "replicas: 12", "replicas: 3"));
}

#[test]
fn over_budget() {
    let rule = "over-budget";
    let tight = edit(
        BASE,
        "availability: 99.9\n",
        "availability: 99.9\n  budget_usd_per_month: 50\n",
    );
    fires(rule, &tight, &[&["api", "db"]]);
    quiet(
        rule,
        &edit(
            &tight,
            "budget_usd_per_month: 50",
            "budget_usd_per_month: 5000",
        ),
    );
}

#[test]
fn a_component_is_judged_by_the_load_it_carries() {
    let rule = "unjustified-component";
    // A shop at 2,000 requests a second, whose search cluster the flows
    // send 2 queries a second.
    let quiet_search = |rps: &str| {
        let with = edit(
            &shop(
                "  - { id: search, kind: elasticsearch, managed: true, replicas: 3 }\n",
                "  - { from: api, to: search }\n",
            ),
            "peak_rps: 200",
            "peak_rps: 2000",
        );
        edit(
            &with,
            "    - { id: order, from: client, to: [orders], mode: sync, rate: write_rps }\n",
            &format!(
                "    - {{ id: order, from: client, to: [orders], mode: sync, rate: write_rps }}\n    - {{ id: find, from: client, to: [search], mode: sync, rate: peak_rps, rps: {rps} }}\n"
            ),
        )
    };
    fires(rule, &quiet_search("2"), &[&["search"]]);
    // A hundred queries a second is a real share of the shop's traffic:
    // the shop's total justifies it.
    quiet(rule, &quiet_search("100"));
}
