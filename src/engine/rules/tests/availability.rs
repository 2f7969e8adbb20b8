//! `availability-target`, `region-ceiling`.

use super::{BASE, edit, findings, fires, quiet};
use crate::model::Severity;

/// [`BASE`] whose order flow waits on a payment vendor, at `target` percent.
fn vendor_on_path(target: &str) -> String {
    let with = edit(
        &edit(
            BASE,
            "availability: 99.9",
            &format!("availability: {target}"),
        ),
        "to: [orders]",
        "to: [orders, pay]",
    );
    let with = edit(
        &with,
        "links:\n",
        "  - { id: pay, kind: third-party-api }\nlinks:\n",
    );
    format!("{with}  - {{ from: api, to: pay }}\n")
}

#[test]
fn availability_target_names_the_vendor_that_caps_the_flow() {
    let rule = "availability-target";
    // Four nines promised on a flow that waits on a vendor: no vendor's
    // usual SLA gets there.
    fires(rule, &vendor_on_path("99.99"), &[&["pay"]]);
    let f = findings(rule, &vendor_on_path("99.99"));
    assert_eq!(f[0].severity, Severity::Medium);
    // At three nines the vendor's real SLA may do: a question, low.
    let f = findings(rule, &vendor_on_path("99.9"));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Low);
    assert!(
        f[0].message.contains("check the vendor's SLA"),
        "{}",
        f[0].message
    );
    // A target the arithmetic meets.
    quiet(rule, &vendor_on_path("99"));
    // The design knows the vendor's SLA: not a guess, and a medium miss.
    let known = edit(
        &vendor_on_path("99.9"),
        "kind: third-party-api }",
        "kind: third-party-api, availability: 99.9 }",
    );
    let f = findings(rule, &known);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Medium);
    assert!(
        !f[0].message.contains("check the vendor"),
        "{}",
        f[0].message
    );
    // A vendor that promises four nines leaves a three-nines flow whole.
    quiet(
        rule,
        &edit(&known, "availability: 99.9 }", "availability: 99.99 }"),
    );
    // Off the flow, the vendor holds back nothing the user waits on (the
    // database's failovers are what is left to name).
    let off = edit(
        &vendor_on_path("99.99"),
        "to: [orders, pay]",
        "to: [orders]",
    );
    assert!(
        findings(rule, &off).iter().all(|f| f.components != ["pay"]),
        "{:?}",
        findings(rule, &off)
    );
}

#[test]
fn availability_target_counts_the_failover_a_replica_takes() {
    let rule = "availability-target";
    // Two Postgres instances with automatic failover are not 99.9975%:
    // each time the primary dies, about 90 s pass before the replica serves.
    let four_nines = edit(BASE, "availability: 99.9", "availability: 99.99");
    fires(rule, &four_nines, &[&["db"]]);
    assert!(findings(rule, &four_nines)[0].message.contains("failover"));
    quiet(
        rule,
        &edit(BASE, "availability: 99.9", "availability: 99.95"),
    );
    // A single instance of ours is single-point-of-failure's to say.
    quiet(
        rule,
        &edit(BASE, "app-server, replicas: 2", "app-server, replicas: 1"),
    );
}

#[test]
fn region_ceiling_above_what_one_region_gives() {
    let rule = "region-ceiling";
    let four_nines = edit(BASE, "availability: 99.9", "availability: 99.99");
    fires(rule, &four_nines, &[&["api", "db"]]);
    quiet(
        rule,
        &edit(BASE, "availability: 99.9", "availability: 99.95"),
    );
    quiet(rule, BASE);
}
