//! Complexity the context does not pay for.

use super::{BASE, edit, findings, fires, quiet, shop};

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

#[test]
fn a_store_is_justified_by_the_data_it_keeps_not_the_systems() {
    let rule = "unjustified-component";
    // 150 TB of video lives in object storage; the ring holds counters.
    let video = edit(
        &edit(
            &shop(
                "  - { id: blobs, kind: object-storage, stores: [videos] }
  - { id: ring, kind: cassandra, replicas: 3, stores: [view-counts] }
",
                "  - { from: api, to: blobs }
  - { from: api, to: ring }
",
            ),
            "data_gb: 10",
            "data_gb: 150000",
        ),
        "entities: [{ id: orders, consistency: strong }]",
        "entities: [{ id: orders, consistency: strong, data_gb: 20 }, { id: videos, data_gb: 149900 }, { id: view-counts, data_gb: 30 }]",
    );
    fires(rule, &video, &[&["ring"]]);
    let found = findings(rule, &video);
    let ring = &found[0];
    assert!(
        ring.message.contains("30 GB of data of its own"),
        "{}",
        ring.message
    );
    // With no entity sized, the system's total is all there is to go on.
    quiet(
        rule,
        &edit(
            &video,
            "{ id: orders, consistency: strong, data_gb: 20 }, { id: videos, data_gb: 149900 }, { id: view-counts, data_gb: 30 }",
            "{ id: orders, consistency: strong }, { id: videos }, { id: view-counts }",
        ),
    );
    // Sized, but big enough to need the ring.
    quiet(
        rule,
        &edit(
            &video,
            "{ id: view-counts, data_gb: 30 }",
            "{ id: view-counts, data_gb: 8000 }",
        ),
    );
}

#[test]
fn a_search_cluster_on_a_sliver_of_the_requests_needs_its_data_sized() {
    let rule = "unjustified-component";
    // The back office searches twice a second; the shop holds 300 GB.
    let search = edit(
        &edit(
            &shop(
                "  - { id: staff, kind: web-client }
  - { id: back-office, kind: app-server, replicas: 2 }
  - { id: search, kind: elasticsearch, managed: true, replicas: 2, stores: [disputes] }
",
                "  - { from: staff, to: back-office }
  - { from: back-office, to: search }
",
            ),
            "data_gb: 10",
            "data_gb: 300",
        ),
        "entities: [{ id: orders, consistency: strong }]",
        "entities: [{ id: orders, consistency: strong }, { id: disputes }]",
    );
    let search = edit(
        &search,
        "    - { id: order, from: client, to: [orders], mode: sync, rate: write_rps }\n",
        "    - { id: order, from: web, to: [orders], mode: sync, rate: write_rps }\n    - { id: lookup, from: staff, to: [disputes], mode: sync, rate: peak_rps, rps: 2 }\n",
    );
    fires(rule, &search, &[&["search"]]);
    let f = findings(rule, &search);
    assert!(
        f[0].message.contains("no data the design sizes as its own"),
        "{}",
        f[0].message
    );
    // Sized, the disputes are what justify it (or not).
    quiet(
        rule,
        &edit(
            &search,
            "{ id: disputes }",
            "{ id: disputes, data_gb: 120 }",
        ),
    );
    // Most of the requests go there: it is not a side part.
    quiet(rule, &edit(&search, "rps: 2 }", "rps: 150 }"));
}
