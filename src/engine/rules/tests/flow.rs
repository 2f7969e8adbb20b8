//! `unreachable-target`, `flow-mode-mismatch`, `retry-amplification`, `timeout-inversion`, `constraint-choice`.

use super::{BASE, edit, findings, fires, quiet, shop};

#[test]
fn unreachable_target_when_no_link_leads_to_the_store() {
    let rule = "unreachable-target";
    let cut = edit(BASE, "  - { from: api, to: db }\n", "");
    fires(rule, &cut, &[&["db"]]);
    quiet(rule, BASE);
}

#[test]
fn unreachable_target_when_nothing_stores_the_entity() {
    let rule = "unreachable-target";
    let unstored = edit(BASE, ", stores: [orders]", "");
    // Nothing to name but where the flow enters.
    fires(rule, &unstored, &[&["web"]]);
    quiet(
        rule,
        &edit(
            &unstored,
            "replicas: 2, props",
            "replicas: 2, stores: [orders], props",
        ),
    );
}

#[test]
fn flow_mode_mismatch_when_work_that_may_wait_is_done_in_the_request() {
    let rule = "flow-mode-mismatch";
    let mail = edit(
        &shop(
            "  - { id: mail, kind: email-provider }\n",
            "  - { from: api, to: mail }\n",
        ),
        "to: [orders], mode: sync",
        "to: [orders, email-provider], mode: async",
    );
    fires(rule, &mail, &[&["mail"]]);
    // The same design where the flow must finish while the user waits.
    quiet(rule, &edit(&mail, "mode: async", "mode: sync"));
}

#[test]
fn constraint_choice_when_an_answer_carries_a_risk() {
    let rule = "constraint-choice";
    let risky = edit(
        BASE,
        "name: shop\n",
        "name: shop\nscenario: shop\nanswers: { payment: risky }\n",
    );
    // A decision, not a component: the finding names none.
    fires(rule, &risky, &[&[]]);
    quiet(rule, &edit(&risky, "payment: risky", "payment: sync"));
}

#[test]
fn retry_amplification_along_a_synchronous_chain() {
    let rule = "retry-amplification";
    // The app retries three times into an API that retries three times into
    // a payment provider: 16 attempts at the provider for one tap.
    let chained = edit(
        &shop(
            "  - { id: pay, kind: payment-gateway }\n",
            "  - { from: api, to: pay, retries: 3, idempotent: true }\n",
        ),
        "  - { from: web, to: api }\n",
        "  - { from: web, to: api, retries: 3 }\n",
    );
    let chained = edit(
        &chained,
        "to: [orders], mode: sync",
        "to: [orders, payment-gateway], mode: sync",
    );
    fires(rule, &chained, &[&["web", "api", "pay"]]);
    // Retrying in one place is the cure.
    quiet(rule, &edit(&chained, "to: api, retries: 3 }", "to: api }"));
}

#[test]
fn timeout_inversion_where_an_inner_call_outlives_its_caller() {
    let rule = "timeout-inversion";
    // The app gives the API 2 s; the API waits 4 s on the provider, twice.
    let inverted = edit(
        &edit(
            &shop(
                "  - { id: pay, kind: payment-gateway }\n",
                "  - { from: api, to: pay, timeout_ms: 4000, retries: 1, idempotent: true }\n",
            ),
            "  - { from: web, to: api }\n",
            "  - { from: web, to: api, timeout_ms: 2000 }\n",
        ),
        "to: [orders], mode: sync",
        "to: [orders, payment-gateway], mode: sync",
    );
    fires(rule, &inverted, &[&["api", "pay"]]);
    let f = super::findings(rule, &inverted);
    assert_eq!(f[0].severity, crate::model::Severity::Medium);
    // 500 ms twice fits inside 2 s.
    quiet(
        rule,
        &edit(&inverted, "timeout_ms: 4000", "timeout_ms: 500"),
    );
}

#[test]
fn slow_chain_when_the_hops_add_up_past_the_budget() {
    let rule = "slow-chain";
    // web -> api (~10 ms) -> search (~20 ms) -> db (~5 ms): 35 ms.
    let chain = edit(
        &shop(
            "  - { id: search, kind: elasticsearch, managed: true, replicas: 3 }\n",
            "  - { from: api, to: search }\n",
        ),
        "rate: write_rps }",
        "rate: write_rps, latency_ms: 30 }",
    );
    fires(rule, &chain, &[&["api", "db", "search"]]);
    let f = findings(rule, &chain);
    assert!(
        f[0].message.contains("3 hops") && f[0].message.contains("~35 ms"),
        "{}",
        f[0].message
    );
    // A budget the hops fit in.
    quiet(rule, &edit(&chain, "latency_ms: 30", "latency_ms: 50"));
    // A flow that may finish later has no one waiting.
    quiet(rule, &edit(&chain, "mode: sync", "mode: async"));
}
