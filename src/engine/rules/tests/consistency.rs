//! Stale reads, lost and double writes, lost messages, and the safeguards
//! answers require.

use super::{BASE, edit, findings, fires, quiet, shop};

/// [`BASE`] with a job queue and workers behind the API.
fn queued() -> String {
    shop(
        "  - { id: jobs, kind: sqs, props: { dlq: true } }
  - { id: worker, kind: worker, replicas: 2 }
",
        "  - { from: api, to: jobs, mode: async }
  - { from: jobs, to: worker, mode: async }
",
    )
}

#[test]
fn eventual_store_for_strong_entity() {
    let rule = "eventual-store-for-strong-entity";
    let mongo = edit(
        BASE,
        "kind: postgres, managed: true, replicas: 2, stores: [orders], props: { failover: automatic }",
        "kind: mongodb, managed: true, replicas: 3, stores: [orders]",
    );
    fires(rule, &mongo, &[&["db"]]);
    quiet(
        rule,
        &edit(&mongo, "consistency: strong", "consistency: eventual"),
    );
}

#[test]
fn weakened_consistency_when_an_answer_gives_up_what_the_entity_needs() {
    let rule = "weakened-consistency";
    let weak = edit(
        BASE,
        "name: shop\n",
        "name: shop\nscenario: shop\nanswers: { payment: eventual }\n",
    );
    // Named on the entity's system of record.
    fires(rule, &weak, &[&["db"]]);
    quiet(rule, &edit(&weak, "payment: eventual", "payment: sync"));
}

#[test]
fn unguarded_contention_without_locking() {
    let rule = "unguarded-contention";
    let raced = edit(
        &edit(
            BASE,
            "consistency: strong }",
            "consistency: strong, contention: high }",
        ),
        "failover: automatic }",
        "failover: automatic, locking: none }",
    );
    fires(rule, &raced, &[&["db"]]);
    quiet(rule, &edit(&raced, "locking: none", "locking: row"));
}

#[test]
fn unguarded_contention_inferred_from_what_the_record_is() {
    let rule = "unguarded-contention";
    // Nobody declared contention on one item's stock; the catalog's nouns
    // for shared records say it is contended.
    let stock = edit(
        BASE,
        "entities: [{ id: orders, consistency: strong }]",
        "entities: [{ id: orders, consistency: strong, description: \"stock left per product\" }]",
    );
    fires(rule, &stock, &[&["db"]]);
    let f = super::findings(rule, &stock);
    assert_eq!(
        f[0].severity,
        crate::model::Severity::High,
        "inferred, not declared"
    );
    assert!(f[0].message.contains("assumed"), "{}", f[0].message);
    // Declared, it is certain: an oversold item is critical.
    let declared = edit(
        &stock,
        "consistency: strong,",
        "consistency: strong, contention: high,",
    );
    assert_eq!(
        super::findings(rule, &declared)[0].severity,
        crate::model::Severity::Critical
    );
    // The design says each write has its own row, or the store guards writes.
    quiet(
        rule,
        &edit(
            &stock,
            "consistency: strong,",
            "consistency: strong, contention: low,",
        ),
    );
    quiet(
        rule,
        &edit(
            &stock,
            "failover: automatic }",
            "failover: automatic, locking: atomic }",
        ),
    );
    // Orders are not a shared record, and eventual data has no invariant.
    quiet(rule, BASE);
    quiet(
        rule,
        &edit(&stock, "consistency: strong,", "consistency: eventual,"),
    );
}

#[test]
fn active_active_strong() {
    let rule = "active-active-strong";
    let aa = edit(
        BASE,
        "failover: automatic }",
        "failover: automatic, write_mode: active-active }",
    );
    fires(rule, &aa, &[&["db"]]);
    quiet(rule, &edit(&aa, "active-active", "single-writer"));
}

#[test]
fn cache_without_invalidation_in_front_of_strong_data() {
    let rule = "cache-without-invalidation";
    let cached = edit(
        &shop(
            "  - { id: cache, kind: redis, managed: true, replicas: 2, role: cache, props: { invalidation: none } }\n",
            "  - { from: cache, to: db }\n",
        ),
        "  - { from: api, to: db }",
        "  - { from: api, to: cache }",
    );
    fires(rule, &cached, &[&["cache"]]);
    quiet(
        rule,
        &edit(&cached, "invalidation: none", "invalidation: event"),
    );
}

#[test]
fn stale_read_decision_on_a_cached_copy() {
    let rule = "stale-read-decision";
    let cached = shop(
        "  - { id: cache, kind: redis, managed: true, replicas: 2, role: cache, props: { invalidation: ttl } }\n",
        "  - { from: api, to: cache }\n",
    );
    fires(rule, &cached, &[&["cache", "api"]]);
    // The store re-checks the value where it is written.
    quiet(
        rule,
        &edit(
            &cached,
            "props: { failover: automatic } }",
            "props: { failover: automatic, locking: row } }",
        ),
    );
    // A flow that only reads shows what the cache holds; it decides nothing.
    quiet(rule, &edit(&cached, "rate: write_rps", "rate: peak_rps"));
    // Unless what it targets is fought over: contention says requests write it.
    let fought = edit(
        &edit(&cached, "rate: write_rps", "rate: peak_rps"),
        "{ id: orders, consistency: strong }",
        "{ id: orders, consistency: strong, contention: medium }",
    );
    let f = findings(rule, &fought);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, crate::model::Severity::Critical);
}

#[test]
fn a_cache_named_after_some_of_the_data_holds_only_that() {
    let rule = "stale-read-decision";
    let two = |cache: &str| {
        let with = edit(
            &shop(
                &format!(
                    "  - {{ id: {cache}, kind: redis, managed: true, replicas: 2, role: cache, caches: db, props: {{ invalidation: ttl }} }}\n"
                ),
                &format!("  - {{ from: api, to: {cache} }}\n"),
            ),
            "entities: [{ id: orders, consistency: strong }]",
            "entities: [{ id: orders, consistency: strong }, { id: shipping-rates, consistency: eventual }]",
        );
        edit(
            &with,
            "stores: [orders]",
            "stores: [orders, shipping-rates]",
        )
    };
    // A cache of the rates is not where the order's check reads.
    quiet(rule, &two("rates-cache"));
    // One that names nothing may hold anything its store keeps.
    fires(rule, &two("cache"), &[&["cache", "api"]]);
    // One named after the orders holds them.
    fires(rule, &two("order-cache"), &[&["order-cache", "api"]]);
}

#[test]
fn dual_write_of_a_store_and_a_queue() {
    let rule = "dual-write";
    let two = edit(
        &edit(
            &queued(),
            "kind: app-server, replicas: 2",
            "kind: app-server, replicas: 2, props: { outbox: false }",
        ),
        "to: [orders], mode: sync",
        "to: [orders, worker], mode: any",
    );
    fires(rule, &two, &[&["api", "db", "jobs"]]);
    quiet(rule, &edit(&two, "outbox: false", "outbox: true"));
}

#[test]
fn dual_write_of_one_entity_in_two_stores() {
    let rule = "dual-write";
    let two = shop(
        "  - { id: copy, kind: postgres, managed: true, replicas: 2, stores: [orders], props: { failover: automatic } }\n",
        "  - { from: api, to: copy }\n",
    );
    fires(rule, &two, &[&["copy", "db"]]);
    quiet(
        rule,
        &edit(
            &two,
            "stores: [orders], props: { failover: automatic } }\n",
            "props: { failover: automatic } }\n",
        ),
    );
}

#[test]
fn missing_idempotency_on_retried_payments() {
    let rule = "missing-idempotency";
    let retried = shop(
        "  - { id: pay, kind: payment-gateway }\n",
        "  - { from: api, to: pay, retries: 3 }\n",
    );
    fires(rule, &retried, &[&["api", "pay"]]);
    quiet(
        rule,
        &edit(&retried, "retries: 3", "retries: 3, idempotent: true"),
    );
    // Severity follows what a duplicate is: a second charge is critical,
    // a second email medium, a second push low, however many layers retry.
    use crate::model::Severity;
    assert_eq!(
        super::findings(rule, &retried)[0].severity,
        Severity::Critical
    );
    for (kind, severity) in [
        ("email-provider", Severity::Medium),
        ("push-provider", Severity::Low),
    ] {
        let other = edit(&retried, "kind: payment-gateway", &format!("kind: {kind}"));
        assert_eq!(
            super::findings(rule, &other)[0].severity,
            severity,
            "{kind}"
        );
    }
}

#[test]
fn no_dead_letter_queue() {
    let rule = "no-dead-letter-queue";
    let bare = edit(&queued(), "dlq: true", "dlq: false");
    fires(rule, &bare, &[&["jobs"]]);
    quiet(rule, &queued());
}

#[test]
fn async_without_durable_hop() {
    let rule = "async-without-durable-hop";
    let lossy = shop(
        "  - { id: worker, kind: worker, replicas: 2 }\n",
        "  - { from: api, to: worker, mode: async }\n",
    );
    fires(rule, &lossy, &[&["api", "worker"]]);
    quiet(
        rule,
        &edit(&lossy, "to: worker, mode: async", "to: worker, mode: sync"),
    );
}

#[test]
fn unordered_consumers_of_ordered_messages() {
    let rule = "unordered-consumers";
    let spread = edit(
        &format!("{}  - {{ from: worker, to: db }}\n", queued()),
        "consistency: strong }",
        "consistency: strong, ordered: true }",
    );
    fires(rule, &spread, &[&["jobs"]]);
    // One consumer sees every message in order.
    quiet(
        rule,
        &edit(
            &spread,
            "kind: worker, replicas: 2",
            "kind: worker, replicas: 1",
        ),
    );
}

#[test]
fn prompt_requirement_when_the_design_lacks_the_safeguard_its_answer_needs() {
    let rule = "prompt-requirement";
    let queued = edit(
        BASE,
        "name: shop\n",
        "name: shop\nscenario: shop\nanswers: { payment: queued }\n",
    );
    fires(rule, &queued, &[&["api"]]);
    quiet(
        rule,
        &edit(
            &queued,
            "kind: app-server, replicas: 2",
            "kind: app-server, replicas: 2, props: { idempotency_keys: true }",
        ),
    );
}

#[test]
fn missing_idempotency_on_a_write_that_a_retry_repeats() {
    let rule = "missing-idempotency";
    // The app retries the order through a balancer; the API inserts it.
    let retried = edit(
        &edit(
            BASE,
            "  - { id: api, kind: app-server, replicas: 2 }\n",
            "  - { id: lb, kind: load-balancer, managed: true }\n  - { id: api, kind: app-server, replicas: 2 }\n",
        ),
        "  - { from: web, to: api }\n",
        "  - { from: web, to: lb, retries: 3 }\n  - { from: lb, to: api }\n",
    );
    fires(rule, &retried, &[&["api", "db"]]);
    let f = super::findings(rule, &retried);
    assert_eq!(
        f[0].severity,
        crate::model::Severity::High,
        "orders are strong: a second copy is a wrong record"
    );
    // An upsert keyed by the request says so on the link.
    quiet(
        rule,
        &edit(&retried, "to: db }", "to: db, idempotent: true }"),
    );
    // Without the retry, nothing repeats the write.
    quiet(rule, &edit(&retried, "to: lb, retries: 3 }", "to: lb }"));
}

#[test]
fn missing_idempotency_on_a_retried_write_to_the_store() {
    let rule = "missing-idempotency";
    // A commit whose answer was lost is sent again.
    let retried = edit(
        BASE,
        "{ from: api, to: db }",
        "{ from: api, to: db, retries: 2 }",
    );
    fires(rule, &retried, &[&["api", "db"]]);
    quiet(
        rule,
        &edit(&retried, "retries: 2 }", "retries: 2, idempotent: true }"),
    );
}

#[test]
fn a_vendor_api_called_on_the_side_is_a_lookup() {
    let rule = "missing-idempotency";
    let side = shop(
        "  - { id: feed, kind: third-party-api }\n",
        "  - { from: api, to: feed, retries: 3 }\n",
    );
    // No flow is routed over the call: napkin cannot tell it writes.
    quiet(rule, &side);
    // A flow that targets the vendor does something there.
    let routed = edit(
        &side,
        "to: [orders], mode: sync, rate: write_rps }",
        "to: [orders, feed], mode: sync, rate: write_rps }",
    );
    fires(rule, &routed, &[&["api", "feed"]]);
    // Kinds whose every call sends something are judged either way.
    fires(
        rule,
        &edit(&side, "kind: third-party-api", "kind: email-provider"),
        &[&["api", "feed"]],
    );
}

#[test]
fn a_stale_read_of_contended_data_is_raised_beside_the_lock() {
    let rule = "stale-read-decision";
    // The balance check reads the cached balance, and the write is computed
    // from it: a row lock on the store does not catch that.
    let wallet = edit(
        &shop(
            "  - { id: balance-cache, kind: redis, managed: true, replicas: 2, role: cache, caches: db, props: { invalidation: ttl } }\n",
            "  - { from: api, to: balance-cache }\n",
        ),
        "entities: [{ id: orders, consistency: strong }]",
        "entities: [{ id: orders, consistency: strong }, { id: balances, consistency: strong }]",
    );
    let wallet = edit(
        &edit(&wallet, "stores: [orders]", "stores: [orders, balances]"),
        "to: [orders], mode: sync",
        "to: [orders, balances], mode: sync",
    );
    let f = findings(rule, &wallet);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, crate::model::Severity::Critical);
    let mut on = f[0].components.clone();
    on.sort();
    assert_eq!(on, ["api", "balance-cache"]);
    assert!(
        !super::findings("unguarded-contention", &wallet).is_empty(),
        "the store's own finding stays"
    );
    // Read where it is written, the copy decides nothing.
    quiet(
        rule,
        &edit(
            &wallet,
            "props: { failover: automatic } }",
            "props: { failover: automatic, locking: row } }",
        ),
    );
}
