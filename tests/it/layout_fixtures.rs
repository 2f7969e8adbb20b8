//! Designs and a small catalog built in code, so layout, diagram and export
//! tests do not depend on the built-in catalog.
#![allow(dead_code)]

use napkin::model::{Catalog, Component, Design, Link, LinkMode};

/// A catalog with one or two kinds of every category the layout cares about.
pub const CATALOG_YAML: &str = r#"
version: 1
kinds:
  - { id: web-client, name: Web client, category: client, consistency: none,
      cost_usd_month: { self_hosted: 0 }, ops_hours_month: { self_hosted: 0 } }
  - { id: mobile-client, name: Mobile app, category: client, consistency: none,
      cost_usd_month: { self_hosted: 0 }, ops_hours_month: { self_hosted: 0 } }
  - { id: load-balancer, name: Load balancer, category: edge, consistency: none,
      capacity: { read_rps: 10000, write_rps: 10000 },
      cost_usd_month: { self_hosted: 20, managed: 25 }, ops_hours_month: { self_hosted: 2, managed: 0.5 } }
  - { id: cdn, name: CDN, category: edge, consistency: eventual, highly_available: true,
      cost_usd_month: { self_hosted: 50, managed: 50 }, ops_hours_month: { self_hosted: 1, managed: 0.5 } }
  - { id: api-gateway, name: API gateway, category: edge, consistency: none,
      cost_usd_month: { self_hosted: 40, managed: 60 }, ops_hours_month: { self_hosted: 4, managed: 1 } }
  - { id: app-server, name: Application server, category: compute, consistency: none, deployable: true,
      capacity: { read_rps: 500, write_rps: 200 },
      cost_usd_month: { self_hosted: 40 }, ops_hours_month: { self_hosted: 4 } }
  - { id: worker, name: Background worker, category: compute, consistency: none, deployable: true,
      capacity: { read_rps: 200, write_rps: 200 },
      cost_usd_month: { self_hosted: 30 }, ops_hours_month: { self_hosted: 3 } }
  - { id: redis, name: Redis, category: cache, consistency: eventual, stateful: true,
      summary: "In-memory key-value store",
      capacity: { read_rps: 50000, write_rps: 50000 },
      cost_usd_month: { self_hosted: 30, managed: 60 }, ops_hours_month: { self_hosted: 6, managed: 1 },
      justified_when: { peak_rps: 2000, why: "Postgres serves a few thousand reads a second" },
      alternatives: [postgres], alternative_note: "read from the database you already run" }
  - { id: sqs, name: Amazon SQS, category: queue, consistency: eventual, durable: true, highly_available: true,
      summary: "Managed message queue",
      cost_usd_month: { self_hosted: 5, managed: 5 }, ops_hours_month: { self_hosted: 0.5, managed: 0.5 } }
  - { id: kafka, name: Apache Kafka, category: stream, consistency: eventual, durable: true, stateful: true,
      summary: "Partitioned, replicated log",
      capacity: { read_rps: 100000, write_rps: 50000 },
      cost_usd_month: { self_hosted: 600, managed: 900 }, ops_hours_month: { self_hosted: 30, managed: 8 },
      justified_when: { events_per_sec: 5000, engineers: 8, why: "a log pays off at tens of thousands of events a second" },
      alternatives: [sqs], alternative_note: "a managed queue" }
  - { id: postgres, name: PostgreSQL, category: database, consistency: strong, stateful: true, ha_when_managed: true,
      summary: "Relational database",
      capacity: { read_rps: 5000, write_rps: 1000 },
      cost_usd_month: { self_hosted: 60, managed: 150 }, ops_hours_month: { self_hosted: 10, managed: 2 } }
  - { id: cassandra, name: Apache Cassandra, category: database, consistency: eventual, stateful: true,
      summary: "Wide-column store",
      capacity: { read_rps: 20000, write_rps: 20000 },
      cost_usd_month: { self_hosted: 900 }, ops_hours_month: { self_hosted: 40 },
      justified_when: { write_rps: 10000, why: "write volume one SQL primary cannot take" },
      alternatives: [postgres] }
  - { id: elasticsearch, name: Elasticsearch, category: search, consistency: eventual, stateful: true,
      cost_usd_month: { self_hosted: 300, managed: 400 }, ops_hours_month: { self_hosted: 15, managed: 4 } }
  - { id: object-storage, name: Object storage, category: storage, consistency: strong, stateful: true, highly_available: true,
      cost_usd_month: { self_hosted: 10, managed: 10 }, ops_hours_month: { self_hosted: 0.5, managed: 0.5 } }
  - { id: email-provider, name: Email provider, category: external, consistency: none, highly_available: true,
      cost_usd_month: { self_hosted: 20, managed: 20 }, ops_hours_month: { self_hosted: 0.5, managed: 0.5 } }
  - { id: payment-gateway, name: Payment gateway, category: external, consistency: strong, highly_available: true,
      cost_usd_month: { self_hosted: 0, managed: 0 }, ops_hours_month: { self_hosted: 1, managed: 1 } }
  - { id: kubernetes, name: Kubernetes, category: platform, consistency: none,
      cost_usd_month: { self_hosted: 200, managed: 300 }, ops_hours_month: { self_hosted: 40, managed: 15 } }
"#;

/// The test catalog.
pub fn catalog() -> Catalog {
    napkin::io::load::load_catalog(CATALOG_YAML, "tests/layout_fixtures catalog")
        .expect("test catalog parses")
}

/// A component with `replicas`.
pub fn comp(id: &str, kind: &str, replicas: u32) -> Component {
    let mut c = Component::new(id, kind);
    c.replicas = replicas;
    c
}

/// A design from components and `(from, to, async?)` links.
pub fn design(name: &str, comps: Vec<Component>, links: &[(&str, &str, bool)]) -> Design {
    Design {
        name: name.into(),
        components: comps,
        links: links
            .iter()
            .map(|&(f, t, a)| Link::new(f, t, if a { LinkMode::Async } else { LinkMode::Sync }))
            .collect(),
        ..Design::default()
    }
}

/// The "boring but right" notification design.
pub fn notifications() -> Design {
    design(
        "Boring but right",
        vec![
            comp("web", "web-client", 1),
            comp("mobile", "mobile-client", 1),
            comp("lb", "load-balancer", 1),
            comp("api", "app-server", 2),
            comp("db", "postgres", 1),
            comp("jobs", "sqs", 1),
            comp("worker", "worker", 2),
            comp("email", "email-provider", 1),
            comp("push", "email-provider", 1),
        ],
        &[
            ("web", "lb", false),
            ("mobile", "lb", false),
            ("lb", "api", false),
            ("api", "db", false),
            ("api", "jobs", true),
            ("jobs", "worker", true),
            ("worker", "db", false),
            ("worker", "email", false),
            ("worker", "push", false),
        ],
    )
}

/// An event-driven design with a cycle (a worker that publishes back to the
/// stream it consumes) and a self-link.
pub fn cyclic() -> Design {
    design(
        "Cycles",
        vec![
            comp("web", "web-client", 1),
            comp("gw", "api-gateway", 1),
            comp("booking", "app-server", 3),
            comp("events", "kafka", 3),
            comp("payments", "worker", 2),
            comp("pay-db", "postgres", 2),
            comp("psp", "payment-gateway", 1),
            comp("cron", "worker", 1),
        ],
        &[
            ("web", "gw", false),
            ("gw", "booking", false),
            ("booking", "events", true),
            ("events", "payments", true),
            ("payments", "events", true),
            ("payments", "pay-db", false),
            ("payments", "psp", false),
            ("cron", "payments", false),
            ("booking", "booking", false),
        ],
    )
}

/// A realistic 30-component design: clients, edge, eight services, caches,
/// queues, workers, stores and providers.
pub fn thirty() -> Design {
    let mut comps = vec![
        comp("web", "web-client", 1),
        comp("ios", "mobile-client", 1),
        comp("android", "mobile-client", 1),
        comp("cdn", "cdn", 1),
        comp("lb", "load-balancer", 2),
        comp("gw", "api-gateway", 2),
    ];
    let services = [
        "users", "orders", "menu", "pay", "search", "notify", "stock", "admin",
    ];
    for s in services {
        comps.push(comp(&format!("{s}-svc"), "app-server", 2));
    }
    comps.extend([
        comp("sessions", "redis", 2),
        comp("menu-cache", "redis", 1),
        comp("jobs", "sqs", 1),
        comp("events", "kafka", 3),
        comp("mailer", "worker", 2),
        comp("indexer", "worker", 1),
        comp("billing", "worker", 1),
        comp("users-db", "postgres", 2),
        comp("orders-db", "postgres", 2),
        comp("stock-db", "postgres", 1),
        comp("es", "elasticsearch", 3),
        comp("images", "object-storage", 1),
        comp("email", "email-provider", 1),
        comp("psp", "payment-gateway", 1),
        comp("k8s", "kubernetes", 1),
        comp("reports", "worker", 1),
    ]);
    let mut links: Vec<(String, String, bool)> = vec![
        ("web".into(), "cdn".into(), false),
        ("ios".into(), "lb".into(), false),
        ("android".into(), "lb".into(), false),
        ("cdn".into(), "lb".into(), false),
        ("lb".into(), "gw".into(), false),
    ];
    for s in services {
        links.push(("gw".into(), format!("{s}-svc"), false));
    }
    let more: &[(&str, &str, bool)] = &[
        ("users-svc", "sessions", false),
        ("users-svc", "users-db", false),
        ("orders-svc", "orders-db", false),
        ("orders-svc", "events", true),
        ("menu-svc", "menu-cache", false),
        ("menu-svc", "images", false),
        ("pay-svc", "psp", false),
        ("pay-svc", "orders-db", false),
        ("search-svc", "es", false),
        ("notify-svc", "jobs", true),
        ("stock-svc", "stock-db", false),
        ("stock-svc", "events", true),
        ("admin-svc", "users-db", false),
        ("jobs", "mailer", true),
        ("mailer", "email", false),
        ("events", "indexer", true),
        ("indexer", "es", false),
        ("events", "billing", true),
        ("billing", "psp", false),
        ("k8s", "gw", false),
        ("reports", "orders-db", false),
        ("reports", "images", false),
    ];
    links.extend(
        more.iter()
            .map(|&(a, b, m)| (a.to_string(), b.to_string(), m)),
    );
    let refs: Vec<(&str, &str, bool)> = links
        .iter()
        .map(|(a, b, m)| (a.as_str(), b.as_str(), *m))
        .collect();
    design("Thirty boxes", comps, &refs)
}

/// Renders a diagram into plain text rows (symbols only).
pub fn render(diagram: &napkin::widgets::Diagram, width: u16, height: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    term.draw(|f| f.render_widget(diagram, f.area()))
        .expect("draw");
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                // The cell is covered by the wide character before it.
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = napkin::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Every reference design of every built-in pack: `(pack_design name,
/// pack id, design)`.
pub fn references() -> Vec<(String, String, Design)> {
    let lib = napkin::io::Library::builtin().expect("built-in library loads");
    let mut out = Vec::new();
    for lp in lib.packs() {
        for r in &lp.pack.references {
            let text = lp.read(&r.file).expect("reference readable");
            let d = napkin::io::load::load_design_str(&text, &r.file, &lib)
                .expect("reference loads")
                .design;
            let stem = r
                .file
                .rsplit('/')
                .next()
                .unwrap_or(&r.file)
                .trim_end_matches(".napkin.yaml");
            out.push((format!("{}_{}", lp.pack.id, stem), lp.pack.id.clone(), d));
        }
    }
    out
}
