//! `single-point-of-failure`, `shared-dependency`.

use super::{BASE, edit, fires, quiet, shop};

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
