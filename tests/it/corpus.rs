//! The engine against architectures other people wrote: hand translations of
//! public reference designs and docker-compose stacks (tests/fixtures/corpus,
//! each file naming its source, licence and where its numbers come from),
//! with the verdicts a senior reviewer would give them. Only verdicts we agree
//! with are asserted; where the engine disagrees, the assert is left out.

use napkin::engine::report::{FindingCategory, Report};
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::load::load_design;
use napkin::model::Design;
use std::path::{Path, PathBuf};

use crate::common::{lib, listing, must, must_not};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

fn design(name: &str) -> Design {
    let path = corpus_dir().join(name);
    let loaded = load_design(&path, &lib()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
    loaded.design
}

fn judge(d: &Design) -> Report {
    analyze(d, &lib().catalog, None, &AnalysisOptions::default())
}

fn score(name: &str) -> Report {
    judge(&design(name))
}

#[track_caller]
fn message<'a>(r: &'a Report, rule: &str, component: &str) -> &'a str {
    r.findings
        .iter()
        .find(|f| f.rule == rule && f.components.iter().any(|c| c == component))
        .map(|f| f.message.as_str())
        .unwrap_or_else(|| panic!("no `{rule}` on `{component}`:\n{}", listing(r)))
}

fn spof(r: &Report, c: &str) -> bool {
    r.metrics.spofs.iter().any(|s| s == c)
}

#[test]
fn every_corpus_design_names_its_source_and_loads_cleanly() {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".napkin.yaml"))
        .collect();
    names.sort();
    assert!(
        (6..=8).contains(&names.len()),
        "{} corpus designs",
        names.len()
    );
    for name in &names {
        let text = std::fs::read_to_string(corpus_dir().join(name)).expect("readable");
        assert!(text.starts_with("# Source: "), "{name}: no source header");
        assert!(text.contains("Licence: "), "{name}: no licence");
        let d = design(name);
        assert!(
            d.context.is_some(),
            "{name}: judged against its own context"
        );
        assert!(d.scenario.is_none(), "{name}");
    }
}

/// Pastebin serves 40 reads and 4 writes a second on average (132 requests a
/// second at our 3x peak); its memory cache buys nothing a database index
/// would not, while its CDN serves ten million users' static files.
#[test]
fn pastebin_does_not_need_its_memory_cache() {
    let r = score("primer-pastebin.napkin.yaml");
    must(&r, "unjustified-component", Some("cache"));
    assert!(
        message(&r, "unjustified-component", "cache").contains("132 requests/s"),
        "{}",
        listing(&r)
    );
    must_not(&r, "unjustified-component", Some("cdn"));
    must_not(&r, "unjustified-component", Some("sql-write"));
    must_not(&r, "too-many-services", None);
    must_not(&r, "over-capacity", None);
    must_not(&r, "hot-component", None);
    // Every tier is doubled or bought highly available.
    assert!(r.metrics.spofs.is_empty(), "{:?}", r.metrics.spofs);
    assert!(r.scores.resilience == 100, "{:?}", r.scores);
    assert!(r.scores.over_engineering < 100, "{:?}", r.scores);
}

/// At Twitter's stated volume every component earns its place, and the one
/// thing that falls over is the single SQL write master-slave pair, which is
/// what the source itself says (the writes "would overwhelm" it).
#[test]
fn twitter_outgrows_its_single_write_master() {
    let r = score("primer-twitter.napkin.yaml");
    let first = &r.findings[0];
    assert_eq!(first.rule, "over-capacity", "{}", listing(&r));
    assert_eq!(first.components, ["sql-write"], "{}", listing(&r));
    assert!(
        first.message.contains("18,000 writes/s"),
        "{}",
        first.message
    );
    assert!(
        first.message.contains("first thing to fall over"),
        "{}",
        first.message
    );
    // The post returns before the fan-out, and nothing durable holds the
    // tweet in between: a fan-out crash loses deliveries.
    must(&r, "async-without-durable-hop", Some("fan-out"));
    for c in [
        "cache",
        "search-cluster",
        "cdn",
        "fan-out",
        "notify-queue",
        "sql-read",
    ] {
        must_not(&r, "unjustified-component", Some(c));
    }
    must_not(&r, "too-many-services", None);
    must_not(&r, "multi-region-unjustified", None);
    assert!(r.metrics.spofs.is_empty(), "{:?}", r.metrics.spofs);
    assert_eq!(r.scores.resilience, 100, "{:?}", r.scores);
}

/// Stage 1 of "scaling on AWS": one box for one or two users, with no
/// redundancy on purpose. Nothing to criticise once that is accepted.
#[test]
fn scaling_aws_single_box_is_right_for_two_users() {
    let r = score("primer-scaling-aws-single-box.napkin.yaml");
    assert!(r.findings.is_empty(), "{}", listing(&r));
    assert_eq!(r.accepted.len(), 2, "{:?}", r.accepted);
    assert!(
        spof(&r, "box") && spof(&r, "mysql"),
        "{:?}",
        r.metrics.spofs
    );
    assert_eq!(r.scores.over_engineering, 100);
    assert_eq!(r.scores.overall, 100);
    // Without the acceptances the box and its database are open SPOFs.
    let mut d = design("primer-scaling-aws-single-box.napkin.yaml");
    d.accepted.clear();
    let open = judge(&d);
    must(&open, "single-point-of-failure", Some("box"));
    must(&open, "single-point-of-failure", Some("mysql"));
}

/// The last stage of the same walk-through, built on day one and judged at
/// one or two users, then judged at the ten million users it was drawn for:
/// the memory cache, the CDN and the warehouse flip from unjustified to
/// justified, and the whole is worse than the single box at the small stage.
#[test]
fn scaling_aws_full_design_flips_between_day_one_and_ten_million_users() {
    let small_d = design("primer-scaling-aws-full-day-one.napkin.yaml");
    let big_d = design("primer-scaling-aws-full.napkin.yaml");
    let parts = |d: &Design| {
        d.components
            .iter()
            .map(|c| (c.id.clone(), c.kind.clone(), c.managed, c.stores.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(parts(&small_d), parts(&big_d), "same components");
    assert_eq!(small_d.links.len(), big_d.links.len(), "same links");

    let small = judge(&small_d);
    let big = judge(&big_d);
    for c in ["cache", "cdn", "warehouse"] {
        must(&small, "unjustified-component", Some(c));
        must_not(&big, "unjustified-component", Some(c));
    }
    assert!(
        small.scores.over_engineering < big.scores.over_engineering,
        "{:?} vs {:?}",
        small.scores,
        big.scores
    );
    let single = score("primer-scaling-aws-single-box.napkin.yaml");
    assert!(
        small.scores.over_engineering < single.scores.over_engineering,
        "{:?} vs {:?}",
        small.scores,
        single.scores
    );
    // The write servers link to the SQL primary and to the job queue, but
    // the source never says one write request does both: its write flow
    // reaches `user-data` only. A dual write is decided per request (per
    // flow), so the two links alone are no longer called one; this
    // expectation used to hold only because any component linked to a store
    // and a queue was.
    for r in [&small, &big] {
        must_not(r, "dual-write", Some("write-api"));
        assert!(r.metrics.spofs.is_empty(), "{:?}", r.metrics.spofs);
    }
}

/// The voting app at a conference poll: the ballots pass one Redis list and
/// one Postgres, each a single container; the Redis list is an unneeded hop
/// at ten ballots a second, and it loses ballots in flight when it dies.
#[test]
fn voting_app_single_redis_and_single_postgres() {
    let r = score("compose-example-voting-app.napkin.yaml");
    must(&r, "single-point-of-failure", Some("db"));
    must(&r, "single-point-of-failure", Some("redis"));
    must(&r, "single-point-of-failure", Some("result"));
    assert!(spof(&r, "db") && spof(&r, "redis"), "{:?}", r.metrics.spofs);
    assert!(
        message(&r, "single-point-of-failure", "db").contains("see-results"),
        "{}",
        listing(&r)
    );
    // The voter waits on `vote` and `redis` before the ballot is taken:
    // losing either rejects ballots, even though counting them can lag.
    for c in ["vote", "redis"] {
        let m = message(&r, "single-point-of-failure", c);
        assert!(m.contains("losing it breaks"), "{c}: {m}");
    }
    assert!(
        message(&r, "single-point-of-failure", "worker").contains("losing it delays"),
        "{}",
        listing(&r)
    );
    must(&r, "async-without-durable-hop", Some("redis"));
    // Redis here is the ballot queue (an async hand-off to the worker), not a
    // cache: a queue earns its place whenever work leaves the request. The
    // old expectation judged it as "a cache at a few requests a second"; the
    // real problems, a lossy hop and a single instance, are raised above.
    must_not(&r, "unjustified-component", Some("redis"));
    must_not(&r, "unjustified-component", Some("db"));
    must_not(&r, "over-capacity", None);
    must_not(&r, "hot-component", None);
    assert!(r.scores.resilience < 100, "{:?}", r.scores);
}

/// Spring PetClinic's ten containers for one clinic and two engineers: the
/// gateway, the service registry and the tracing server are platform pieces
/// the numbers do not call for, and the team cannot own it all.
#[test]
fn petclinic_microservices_swamp_a_two_person_team() {
    let r = score("compose-spring-petclinic-microservices.napkin.yaml");
    for c in ["api-gateway", "discovery-server", "tracing-server"] {
        must(&r, "unjustified-component", Some(c));
    }
    must(&r, "too-many-services", Some("customers-service"));
    must(&r, "too-many-platforms", None);
    must(&r, "ops-over-capacity", None);
    // One container of each: the gateway is on every path, each service's
    // embedded database on its own.
    must(&r, "single-point-of-failure", Some("api-gateway"));
    for c in ["customers-db", "visits-db", "vets-db"] {
        must(&r, "single-point-of-failure", Some(c));
    }
    must_not(&r, "over-capacity", None);
    assert!(r.scores.over_engineering <= 50, "{:?}", r.scores);
    assert!(r.scores.overall < 50, "{:?}", r.scores);
    assert!(
        r.findings
            .iter()
            .filter(|f| f.category == FindingCategory::OverEngineering)
            .count()
            >= 6,
        "{}",
        listing(&r)
    );
}

/// nginx, Flask and MariaDB for a small internal tool: nothing over-built;
/// the only criticism is that three single containers in a row miss even a
/// 99% target.
#[test]
fn nginx_flask_mariadb_is_plain_and_only_lacks_redundancy() {
    let r = score("compose-nginx-flask-mysql.napkin.yaml");
    assert_eq!(r.scores.over_engineering, 100, "{}", listing(&r));
    assert!(
        r.findings
            .iter()
            .all(|f| f.category == FindingCategory::Spof),
        "{}",
        listing(&r)
    );
    for c in ["proxy", "backend", "db"] {
        must(&r, "single-point-of-failure", Some(c));
    }
    let flow = r
        .availability
        .iter()
        .find(|a| a.flow == "use-app")
        .expect("use-app");
    assert!(!flow.meets_target, "{:?}", flow.availability);

    // The plain stack beats the microservice one for a small team.
    let petclinic = score("compose-spring-petclinic-microservices.napkin.yaml");
    assert!(
        r.scores.overall > petclinic.scores.overall + 30,
        "{} vs {}",
        r.scores.overall,
        petclinic.scores.overall
    );
}
