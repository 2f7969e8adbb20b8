//! One design per rule that triggers it and a close one, differing by one
//! meaningful change, that must not. Designs are YAML over a small healthy
//! shop ([`BASE`]) with the built-in catalog, parsed and validated here (the
//! engine stays pure: no `io`), then judged by [`analyze`].

mod availability;
mod capacity;
mod consistency;
mod flow;
mod overeng;
mod resilience;

use crate::engine::report::Finding;
use crate::engine::{AnalysisOptions, analyze};
use crate::model::validate::{validate_design, validate_pack};
use crate::model::{Catalog, Design, Pack};
use serde::de::DeserializeOwned;

/// A shop with one critical write flow and nothing to criticise: every
/// test changes it until one rule fires.
pub const BASE: &str = "napkin: 1
name: shop
context:
  load: { users: 100000, peak_rps: 200, write_rps: 20, data_gb: 10 }
  team: { engineers: 4 }
  availability: 99.9
  entities: [{ id: orders, consistency: strong }]
  flows:
    - { id: order, from: client, to: [orders], mode: sync, rate: write_rps }
components:
  - { id: web, kind: web-client }
  - { id: api, kind: app-server, replicas: 2 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [orders], props: { failover: automatic } }
links:
  - { from: web, to: api }
  - { from: api, to: db }
";

/// `yaml` with `from` replaced by `to`; panics when `from` is missing, so a
/// test never compares a design with itself by accident.
#[track_caller]
pub fn edit(yaml: &str, from: &str, to: &str) -> String {
    assert!(yaml.contains(from), "`{from}` is not in the design");
    yaml.replacen(from, to, 1)
}

/// [`BASE`] with extra components and links.
pub fn shop(components: &str, links: &str) -> String {
    let with = edit(BASE, "links:\n", &format!("{components}links:\n"));
    format!("{with}{links}")
}

/// Parses `text`, failing on any key the type does not know (a misspelt
/// key would otherwise silently test a different design).
#[track_caller]
fn parse<T: DeserializeOwned>(text: &str) -> T {
    let mut unknown = Vec::new();
    let de = serde_yaml::Deserializer::from_str(text);
    let value = serde_ignored::deserialize(de, |path| unknown.push(path.to_string()))
        .unwrap_or_else(|e| panic!("parses: {e}\n{text}"));
    assert!(unknown.is_empty(), "unknown keys {unknown:?} in\n{text}");
    value
}

fn catalog() -> Catalog {
    parse(include_str!("../../../../assets/catalog.yaml"))
}

/// A pack with one prompt, `payment`, whose options are `sync` (no effect),
/// `risky` (a high risk), `eventual` (weakens `orders` to eventual) and
/// `queued` (requires `idempotency_keys: true` on every `app-server`).
pub const PACK: &str = r#"
id: shop
title: Shop
summary: A shop
brief: Design a shop.
entities: [{ id: orders, consistency: strong }]
stages:
  - id: launch
    title: Launch
    context: { load: { users: 100000 } }
prompts:
  - id: payment
    question: How is the card charged?
    options:
      - { id: sync, label: While the buyer waits, consequence: Slow but simple., reasoning: Fine. }
      - { id: risky, label: Charge twice to be sure, consequence: Some buyers pay twice., reasoning: Never., risk: high }
      - id: eventual
        label: Reconcile orders later
        consequence: Two buyers can get the last item.
        reasoning: Cheap, wrong for orders.
        effects: { consistency: { orders: eventual } }
      - id: queued
        label: From a queue
        consequence: The buyer is told later.
        reasoning: Needs idempotency.
        effects:
          require:
            - { "on": app-server, prop: idempotency_keys, value: true, why: A redelivered message must not charge twice. }
"#;

/// Every finding of `rule` on the design, judged with [`PACK`] when the
/// design names it.
#[track_caller]
pub fn findings(rule: &str, yaml: &str) -> Vec<Finding> {
    assert!(super::rule(rule).is_some(), "no rule `{rule}`");
    let catalog = catalog();
    let pack: Pack = parse(PACK);
    let bad: Vec<_> = validate_pack(&pack, &catalog)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(bad.is_empty(), "the test pack is invalid: {bad:?}");
    let design: Design = parse(yaml);
    let bad: Vec<_> = validate_design(&design, &catalog, &[&pack])
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(bad.is_empty(), "invalid design: {bad:?}\n{yaml}");
    let pack = design.scenario.as_ref().map(|_| &pack);
    analyze(&design, &catalog, pack, &AnalysisOptions::default())
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// Asserts `rule` fires on `yaml` exactly once per entry of `on`, each
/// finding naming those components (in any order).
#[track_caller]
pub fn fires(rule: &str, yaml: &str, on: &[&[&str]]) {
    let mut got: Vec<Vec<String>> = findings(rule, yaml)
        .into_iter()
        .map(|f| {
            let mut c = f.components;
            c.sort();
            c
        })
        .collect();
    got.sort();
    let mut want: Vec<Vec<String>> = on
        .iter()
        .map(|c| {
            let mut c: Vec<String> = c.iter().map(|s| s.to_string()).collect();
            c.sort();
            c
        })
        .collect();
    want.sort();
    assert_eq!(got, want, "`{rule}` on\n{yaml}");
}

/// Asserts `rule` does not fire on `yaml`.
#[track_caller]
pub fn quiet(rule: &str, yaml: &str) {
    let got = findings(rule, yaml);
    assert!(got.is_empty(), "`{rule}` fired: {got:#?}\non\n{yaml}");
}

#[test]
fn the_base_design_has_no_findings() {
    for r in super::RULES {
        quiet(r.id, BASE);
    }
}

/// Every rule in the registry is triggered by a test in this folder.
#[test]
fn every_rule_has_a_trigger_test() {
    let sources = [
        include_str!("availability.rs"),
        include_str!("capacity.rs"),
        include_str!("consistency.rs"),
        include_str!("flow.rs"),
        include_str!("overeng.rs"),
        include_str!("resilience.rs"),
    ]
    .concat();
    let missing: Vec<&str> = super::RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !sources.contains(&format!("\"{id}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a trigger test: {missing:?}"
    );
}
