//! `napkin review` on real Compose files (tests/fixtures/compose, licences in
//! its LICENSES.md): every file imports into a design that loads, with the
//! component and link counts pinned, and the verdicts a senior reviewer would
//! give asserted on the real engine, with the numbers napkin assumes when the
//! command line gives none.

use napkin::engine::report::{FindingCategory, Report};
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::compose::{Import, ImportOptions, import_str};
use napkin::io::load::{design_to_yaml, load_design_str};
use std::path::{Path, PathBuf};

use crate::common::{lib, listing, must, must_not};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compose")
}

/// Imports a fixture, checks the design loads as written, and judges it.
fn review(name: &str) -> (Import, Report) {
    let lib = lib();
    let text = std::fs::read_to_string(dir().join(name)).expect("fixture");
    let opts = ImportOptions {
        name: name.into(),
        ..Default::default()
    };
    let import =
        import_str(&text, name, &lib.catalog, &opts).unwrap_or_else(|p| panic!("{name}: {p:?}"));
    let yaml = design_to_yaml(&import.design).expect("serialises");
    let loaded = load_design_str(&yaml, name, &lib).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
    let report = analyze(
        &loaded.design,
        &lib.catalog,
        None,
        &AnalysisOptions::default(),
    );
    (import, report)
}

fn spof(r: &Report, c: &str) -> bool {
    r.metrics.spofs.iter().any(|s| s == c)
}

/// (file, components, links, single points of failure) for every fixture.
/// Components include the `users` client the import adds when it finds an
/// entry point.
const EVERY_FIXTURE: &[(&str, usize, usize, &[&str])] = &[
    (
        "Azure-Samples__azure-voting-app-redis__docker-compose.yml",
        3,
        2,
        &[],
    ),
    (
        "apache__airflow__airflow-core__docs__howto__docker-compose__docker-compose.yml",
        8,
        15,
        &["airflow-apiserver", "postgres"],
    ),
    (
        "delimitrou__DeathStarBench__hotelReservation__docker-compose.yml",
        25,
        23,
        &["consul", "frontend"],
    ),
    (
        "docker__awesome-compose__elasticsearch-logstash-kibana__compose.yml",
        3,
        2,
        &[],
    ),
    (
        "docker__awesome-compose__flask-redis__compose.yml",
        3,
        2,
        &[],
    ),
    (
        "docker__awesome-compose__gitea-postgres__compose.yml",
        3,
        2,
        &["db", "gitea"],
    ),
    (
        "docker__awesome-compose__nextcloud-redis-mariadb__compose.yml",
        4,
        3,
        &["db", "nc"],
    ),
    (
        "docker__awesome-compose__nginx-flask-mysql__compose.yml",
        4,
        3,
        &["backend", "db", "proxy"],
    ),
    (
        "docker__awesome-compose__nginx-golang-postgres__compose.yml",
        4,
        3,
        &["backend", "db", "proxy"],
    ),
    (
        "docker__awesome-compose__nginx-nodejs-redis__compose.yml",
        4,
        2,
        &["nginx"],
    ),
    (
        "docker__awesome-compose__prometheus-grafana__compose.yml",
        2,
        0,
        &[],
    ),
    (
        "docker__awesome-compose__traefik-golang__compose.yml",
        3,
        2,
        &["backend", "frontend"],
    ),
    (
        "docker__awesome-compose__wasmedge-kafka-mysql__compose.yml",
        4,
        3,
        &["db", "etl", "redpanda"],
    ),
    (
        "docker__awesome-compose__wordpress-mysql__compose.yml",
        3,
        2,
        &["db", "wordpress"],
    ),
    (
        "dockersamples__example-voting-app__docker-compose.yml",
        6,
        2,
        &["result", "votes"],
    ),
    (
        "dotnet-architecture__eShopOnContainers__src__docker-compose.yml",
        22,
        39,
        &[
            "basket-api",
            "catalog-api",
            "identity-api",
            "mobileshoppingapigw",
            "nosqldata",
            "ordering-api",
            "sqldata",
        ],
    ),
    (
        "open-telemetry__opentelemetry-demo__compose.yml",
        19,
        29,
        // Every service runs one container; those the frontend and checkout
        // call on the side (ad, cart, payment, recommendation, shipping)
        // fail the request with them as much as those on the route do.
        &[
            "ad",
            "astronomy-db",
            "cart",
            "checkout",
            "currency",
            "email",
            "flagd",
            "frontend",
            "frontend-proxy",
            "image-provider",
            "payment",
            "product-catalog",
            "quote",
            "recommendation",
            "shipping",
            "telemetry-docs",
        ],
    ),
    (
        "sameersbn__docker-gitlab__docker-compose.yml",
        4,
        3,
        &["gitlab", "postgresql"],
    ),
    (
        "spring-petclinic__spring-petclinic-microservices__docker-compose.yml",
        10,
        10,
        &["api-gateway", "config-server", "discovery-server"],
    ),
    (
        "supabase__supabase__docker__docker-compose.yml",
        13,
        10,
        &["db", "kong"],
    ),
    (
        "temporalio__docker-compose__docker-compose-postgres.yml",
        2,
        1,
        &[],
    ),
];

#[test]
fn every_fixture_imports_with_its_counts_and_single_points_of_failure() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .expect("fixture dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".yml"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = EVERY_FIXTURE.iter().map(|f| f.0.to_string()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every fixture is in the table, and only those"
    );
    for &(name, components, links, spofs) in EVERY_FIXTURE {
        let (import, r) = review(name);
        assert_eq!(
            import.design.components.len(),
            components,
            "{name}: components"
        );
        assert_eq!(import.design.links.len(), links, "{name}: links");
        assert_eq!(
            import.links.len(),
            links,
            "{name}: the report lists every link"
        );
        let mut got = r.metrics.spofs.clone();
        got.sort();
        assert_eq!(got, spofs, "{name}: SPOFs\n{}", listing(&r));
    }
}

/// A Postgres several services share is the single point of failure of all
/// of them (Airflow: the API server, scheduler, triggerer, DAG processor and
/// worker; Supabase: auth, REST, realtime, storage, meta).
#[test]
fn a_postgres_several_services_share_is_a_spof() {
    let (import, r) =
        review("apache__airflow__airflow-core__docs__howto__docker-compose__docker-compose.yml");
    must(&r, "single-point-of-failure", Some("postgres"));
    let callers = import
        .design
        .links
        .iter()
        .filter(|l| l.to == "postgres")
        .count();
    assert_eq!(callers, 5, "{:?}", import.design.links);
    // Supabase's database is raised once, as the dependency six services
    // share, and counted among the single points of failure.
    let (import, r) = review("supabase__supabase__docker__docker-compose.yml");
    assert!(spof(&r, "db"), "{:?}", r.metrics.spofs);
    must(&r, "shared-dependency", Some("db"));
    assert!(import.design.links.iter().filter(|l| l.to == "db").count() >= 3);
}

/// One application service and its database or cache: nothing is over-built,
/// whatever else is said. The engine does call a Redis beside one app an
/// unneeded cache at the assumed 1 request/s (medium); the Compose file cannot
/// say the Redis is the app's store (the flask-redis counter) or sessions.
#[test]
fn a_one_service_app_is_never_over_engineered() {
    for name in [
        "Azure-Samples__azure-voting-app-redis__docker-compose.yml",
        "docker__awesome-compose__flask-redis__compose.yml",
        "docker__awesome-compose__gitea-postgres__compose.yml",
        "docker__awesome-compose__nextcloud-redis-mariadb__compose.yml",
        "docker__awesome-compose__nginx-flask-mysql__compose.yml",
        "docker__awesome-compose__nginx-golang-postgres__compose.yml",
        "docker__awesome-compose__traefik-golang__compose.yml",
        "docker__awesome-compose__wordpress-mysql__compose.yml",
        "sameersbn__docker-gitlab__docker-compose.yml",
    ] {
        let (_, r) = review(name);
        assert!(
            r.scores.over_engineering >= 90,
            "{name}: {:?}\n{}",
            r.scores,
            listing(&r)
        );
        for rule in [
            "too-many-services",
            "too-many-platforms",
            "ops-over-capacity",
        ] {
            must_not(&r, rule, None);
        }
        assert!(
            r.findings
                .iter()
                .filter(|f| f.category == FindingCategory::OverEngineering)
                .all(|f| f.severity <= napkin::model::Severity::Medium),
            "{name}:\n{}",
            listing(&r)
        );
    }
}

/// Collectors, tracing and dashboards stay off the request path: never a
/// single point of failure of the product, never on a flow.
#[test]
fn a_collector_is_not_a_spof() {
    for (name, tooling) in [
        (
            "open-telemetry__opentelemetry-demo__compose.yml",
            "otel-collector",
        ),
        (
            "delimitrou__DeathStarBench__hotelReservation__docker-compose.yml",
            "jaeger",
        ),
        (
            "spring-petclinic__spring-petclinic-microservices__docker-compose.yml",
            "tracing-server",
        ),
        (
            "docker__awesome-compose__prometheus-grafana__compose.yml",
            "prometheus",
        ),
    ] {
        let (import, r) = review(name);
        assert!(
            import.design.component(tooling).is_some(),
            "{name}: {tooling} kept"
        );
        assert!(!spof(&r, tooling), "{name}: {:?}", r.metrics.spofs);
        must_not(&r, "single-point-of-failure", Some(tooling));
        must_not(&r, "shared-dependency", Some(tooling));
        assert!(
            !import.design.links.iter().any(|l| l.to == tooling
                && import
                    .services
                    .iter()
                    .any(|m| m.component == l.from && !m.tooling)),
            "{name}: no product service calls {tooling}"
        );
        assert!(
            r.flows
                .iter()
                .all(|f| !f.components.iter().any(|c| c == tooling)),
            "{name}"
        );
    }
    // The demo's services all send to the collector; those links are listed.
    let (import, _) = review("open-telemetry__opentelemetry-demo__compose.yml");
    assert!(
        import
            .dropped
            .iter()
            .filter(|d| d.to == "otel-collector")
            .count()
            >= 10
    );
}

/// The voting app: the file declares no links (they live in the apps' code),
/// so the import says so instead of guessing, and the Compose worker is a
/// worker by its name.
#[test]
fn voting_app_says_what_it_cannot_see() {
    let (import, _) = review("dockersamples__example-voting-app__docker-compose.yml");
    assert!(
        import
            .notes
            .iter()
            .any(|n| n.contains("no links found") && n.contains("`db`")),
        "{:?}",
        import.notes
    );
    let worker = import
        .services
        .iter()
        .find(|m| m.service == "worker")
        .expect("worker");
    assert_eq!(
        (worker.kind.as_str(), worker.by.as_str()),
        ("worker", "name")
    );
    let fallback: Vec<&str> = import
        .services
        .iter()
        .filter(|m| m.by == "fallback")
        .map(|m| m.service.as_str())
        .collect();
    assert_eq!(fallback, ["result", "votes"]);
}

/// Airflow's Celery worker takes its jobs from Redis: Redis is the queue,
/// fed by the scheduler and feeding the worker; the init job and the optional
/// profiles are left out and listed.
#[test]
fn airflow_redis_is_the_celery_queue() {
    let (import, _) =
        review("apache__airflow__airflow-core__docs__howto__docker-compose__docker-compose.yml");
    let redis = import.design.component("redis").expect("redis");
    assert_eq!(redis.role, Some(napkin::model::Role::Queue));
    assert!(import.design.links.iter().any(|l| l.from == "redis"
        && l.to == "airflow-worker"
        && l.mode == napkin::model::LinkMode::Async));
    let left: Vec<&str> = import.left_out.iter().map(|l| l.service.as_str()).collect();
    assert_eq!(left, ["airflow-cli", "airflow-init", "flower"]);
}

/// Two copies of one build behind nginx are one component with two replicas,
/// so nginx, not the app, is the single point of failure.
#[test]
fn copies_behind_a_balancer_are_replicas() {
    let (import, r) = review("docker__awesome-compose__nginx-nodejs-redis__compose.yml");
    let web = import.design.component("web1").expect("web1");
    assert_eq!(web.replicas, 2);
    assert_eq!(
        import.design.component("nginx").map(|c| c.kind.as_str()),
        Some("load-balancer")
    );
    must(&r, "single-point-of-failure", Some("nginx"));
    must_not(&r, "single-point-of-failure", Some("web1"));
}

/// A Kubernetes manifest is refused with a hint, not half-read.
#[test]
fn a_kubernetes_manifest_is_not_compose() {
    let lib = lib();
    let one = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n";
    let err = import_str(one, "k8s.yaml", &lib.catalog, &ImportOptions::default()).unwrap_err();
    assert!(
        err[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("Kubernetes"),
        "{err:?}"
    );
    let many = format!("{one}---\n{one}");
    assert!(import_str(&many, "k8s.yaml", &lib.catalog, &ImportOptions::default()).is_err());
}

/// An ELK stack is all tooling: the Elasticsearch only Logstash and Kibana
/// use is their log store, not a product search cluster to justify.
#[test]
fn an_elk_stack_is_tooling_with_its_log_store() {
    let (import, r) = review("docker__awesome-compose__elasticsearch-logstash-kibana__compose.yml");
    assert_eq!(
        import
            .design
            .component("elasticsearch")
            .map(|c| c.kind.as_str()),
        Some("log-store")
    );
    assert!(import.services.iter().all(|m| m.tooling));
    must_not(&r, "unjustified-component", Some("elasticsearch"));
    assert!(r.metrics.spofs.is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Whatever the text, the import answers with problems or a design
    /// that loads as napkin writes it, never a panic.
    #[test]
    fn any_text_imports_or_is_refused(text in "(services:\n(  [a-z_]{1,8}:\n(    (image|command|depends_on|environment|ports|volumes|deploy|links): ?[-\\[\\]{}a-z0-9:/@.=$ ]{0,30}\n){0,4}){0,4})?[ -~\n]{0,40}") {
        let lib = lib();
        if let Ok(import) = import_str(&text, "fuzz.yml", &lib.catalog, &ImportOptions::default()) {
            let yaml = design_to_yaml(&import.design).expect("serialises");
            let loaded = load_design_str(&yaml, "fuzz.napkin.yaml", &lib);
            proptest::prop_assert!(loaded.is_ok(), "{text:?}\n{yaml}\n{:?}", loaded.err());
        }
    }
}

/// DeathStarBench's services show only their link to the tracing agent (the
/// rest is in config files): they stay product services, the agent stays
/// tooling, and it is never a single point of failure.
#[test]
fn services_that_only_show_a_tracing_link_stay_product() {
    let lib = lib();
    let text = "services:\n  front:\n    image: shop/app\n    ports: ['80:80']\n    depends_on: [jaeger-agent, api]\n  api:\n    image: shop/app\n    entrypoint: Api\n    depends_on: [jaeger-agent]\n  jaeger-agent:\n    image: jaegertracing/all-in-one\n";
    let import =
        import_str(text, "t.yml", &lib.catalog, &ImportOptions::default()).expect("imports");
    assert!(
        import
            .services
            .iter()
            .filter(|m| m.tooling)
            .all(|m| m.service == "jaeger-agent")
    );
    assert!(!import.design.links.iter().any(|l| l.to == "jaeger-agent"));
    let r = analyze(
        &import.design,
        &lib.catalog,
        None,
        &AnalysisOptions::default(),
    );
    assert!(!spof(&r, "jaeger-agent"), "{:?}", r.metrics.spofs);
}
