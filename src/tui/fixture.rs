//! A small, fixed catalog and scenario pack for tests, snapshots and
//! benchmarks of the TUI. Independent of the built-in data, so screens and
//! timings stay comparable while the real catalog grows.

use crate::io::Library;
use crate::io::load::{LoadedPack, Origin, load_catalog};
use crate::model::Pack;

/// A handful of kinds, enough to build and judge a notification system.
pub const CATALOG_YAML: &str = r#"
version: 1
kinds:
  - id: web-client
    name: Web client
    category: client
    aliases: [browser]
    summary: A browser talking to your backend.
    cost_usd_month: { self_hosted: 0 }
    ops_hours_month: { self_hosted: 0 }
    consistency: none
  - id: load-balancer
    name: Load balancer
    category: edge
    aliases: [lb, alb]
    summary: Spreads requests over replicas.
    capacity: { read_rps: 10000, write_rps: 10000 }
    cost_usd_month: { self_hosted: 20, managed: 25 }
    ops_hours_month: { self_hosted: 4, managed: 0.5 }
    consistency: none
    ha_when_managed: true
  - id: app-server
    name: App server
    category: compute
    aliases: [api, backend, monolith]
    summary: Your application code behind an HTTP API.
    capacity: { read_rps: 500, write_rps: 200 }
    cost_usd_month: { self_hosted: 40, managed: 60 }
    ops_hours_month: { self_hosted: 3, managed: 1 }
    consistency: none
    deployable: true
    latency_ms: 20
    props:
      idempotency_keys: { type: bool, default: false, doc: Deduplicate retried requests by key. }
      outbox: { type: bool, default: false, doc: Write the row and the message in one transaction. }
  - id: worker
    name: Background worker
    category: compute
    aliases: [consumer, job-runner]
    summary: Processes jobs off a queue.
    capacity: { read_rps: 200, write_rps: 100 }
    cost_usd_month: { self_hosted: 30, managed: 45 }
    ops_hours_month: { self_hosted: 2, managed: 1 }
    consistency: none
    deployable: true
    props:
      idempotency_keys: { type: bool, default: false, doc: Deduplicate retried jobs by key. }
  - id: postgres
    name: PostgreSQL
    category: database
    aliases: [pg, sql]
    summary: The boring, reliable relational database.
    capacity: { read_rps: 5000, write_rps: 1000 }
    cost_usd_month: { self_hosted: 60, managed: 120 }
    ops_hours_month: { self_hosted: 8, managed: 1 }
    consistency: strong
    stateful: true
    ha_when_managed: false
    latency_ms: 5
    props:
      failover: { type: enum, values: [none, manual, automatic], default: none, doc: What happens when the primary dies. }
      isolation: { type: enum, values: [read-committed, repeatable-read, serializable], default: read-committed }
  - id: redis
    name: Redis
    category: cache
    aliases: [cache]
    summary: In-memory key-value store.
    capacity: { read_rps: 50000, write_rps: 50000 }
    cost_usd_month: { self_hosted: 30, managed: 50 }
    ops_hours_month: { self_hosted: 4, managed: 0.5 }
    consistency: eventual
    stateful: true
    justified_when: { peak_rps: 2000, why: A cache earns its keep when the database strains. }
    alternatives: [postgres]
    props:
      invalidation: { type: enum, values: [none, ttl, write-through, event], default: none }
  - id: kafka
    name: Apache Kafka
    category: stream
    aliases: [msk, event-bus]
    summary: A distributed, replayable log.
    capacity: { read_rps: 100000, write_rps: 50000 }
    cost_usd_month: { self_hosted: 900, managed: 500 }
    ops_hours_month: { self_hosted: 40, managed: 8 }
    consistency: eventual
    stateful: true
    durable: true
    justified_when: { events_per_sec: 5000, engineers: 10, why: Kafka pays off at tens of thousands of events a second. }
    alternatives: [sqs]
    props:
      partition_key: { type: string }
  - id: sqs
    name: Amazon SQS
    category: queue
    aliases: [queue, job-queue]
    summary: A managed queue you never operate.
    capacity: { read_rps: 3000, write_rps: 3000 }
    cost_usd_month: { self_hosted: 5, managed: 5 }
    ops_hours_month: { self_hosted: 0.5, managed: 0.5 }
    consistency: eventual
    highly_available: true
    durable: true
    props:
      dlq: { type: bool, default: false, doc: Park messages that keep failing. }
  - id: email-provider
    name: Email provider
    category: external
    aliases: [ses, sendgrid]
    summary: Someone else's mail servers and reputation.
    capacity: { read_rps: 100, write_rps: 100 }
    cost_usd_month: { self_hosted: 20 }
    ops_hours_month: { self_hosted: 0.5 }
    consistency: none
    highly_available: true
    props:
      idempotency_keys: { type: bool, default: false }
"#;

/// A short pack in the shape of the built-in ones.
pub const PACK_YAML: &str = r#"
id: mini-notify
title: Notifications for a small shop
summary: Order emails for 5k customers, one engineer, a tempting Kafka quote.
difficulty: easy
minutes: 30
brief: |
  We run a small online shop. Customers should get an email when they order
  and when the parcel ships. Today the web app sends them inline and some
  never arrive.

  Design what we should build. Ask me anything.
questions:
  - id: users
    ask: How many customers do we have?
    answer: About 5,000 active customers, growing slowly.
    key: true
  - id: volume
    ask: How many emails a day, and what is the peak?
    answer: About 400 a day; the peak is a few a minute after a newsletter.
    key: true
  - id: duplicates
    ask: What does a duplicate or a lost email cost?
    answer: A duplicate is embarrassing; a lost shipping email means a support call.
    key: true
  - id: team
    ask: Who builds and runs it?
    answer: One engineer, part time.
  - id: analytics
    ask: Do we need real-time analytics on opens?
    answer: No. The provider's dashboard is plenty.
    distractor: true
stages:
  - id: launch
    title: Today
    summary: 5k customers, 400 emails a day, one engineer.
    context:
      load: { users: 5000, peak_rps: 5, write_rps: 1, events_per_day: 400, data_gb: 1 }
      team: { engineers: 1, ops_hours_per_month: 10 }
      budget_usd_per_month: 200
      availability: 99.5
  - id: growth
    title: A year on
    summary: 20k customers, 4,000 emails a day.
    context:
      load: { users: 20000, peak_rps: 20, write_rps: 4, events_per_day: 4000, data_gb: 5 }
      team: { engineers: 2, ops_hours_per_month: 20 }
      budget_usd_per_month: 500
      availability: 99.9
  - id: scale
    title: At scale
    summary: 2M customers and marketing campaigns.
    context:
      load: { users: 2000000, peak_rps: 3000, write_rps: 500, events_per_day: 20000000, peak_events_per_sec: 8000, data_gb: 800 }
      team: { engineers: 12, ops_hours_per_month: 200 }
      budget_usd_per_month: 20000
      availability: 99.95
entities:
  - id: orders
    consistency: strong
  - id: emails
    consistency: eventual
flows:
  - id: place-order
    title: Place an order
    from: client
    to: [orders]
    mode: sync
    rate: write_rps
  - id: send-email
    title: Email the customer
    from: client
    to: [email-provider]
    mode: async
    rate: events
prompts:
  - id: send-path
    question: Does the order request send the email itself, or hand it off?
    options:
      - id: inline
        label: Send inline in the request
        consequence: The order waits on the provider; a provider outage fails orders.
        reasoning: Simple, but couples checkout to someone else's uptime.
        risk: medium
      - id: enqueue
        label: Enqueue a job and answer at once
        consequence: Orders succeed while the provider is down; emails go out later.
        reasoning: The boring, right answer at any scale.
  - id: queue
    question: What carries the jobs?
    options:
      - id: table
        label: A jobs table in Postgres
        consequence: No new moving part; polling adds a little load.
        reasoning: Plenty at 400 a day.
      - id: kafka
        label: Kafka
        consequence: A cluster to run for 400 messages a day.
        reasoning: Over-engineering for a one-person team.
        risk: high
references:
  - file: designs/strong.napkin.yaml
    verdict: strong
    summary: App server, Postgres, a queue and a worker.
drills:
  - id: provider-down
    title: The email provider is down
    question: >-
      The email provider fails for an hour on a busy afternoon. What happens
      to orders, and to their emails?
    fail: [email-provider]
    expect: >-
      Orders still succeed: the email is a job in a durable queue, not part of
      the request. Jobs wait and are retried with the same idempotency key
      when the provider is back; the ones that keep failing land in a
      dead-letter queue.
  - id: newsletter-rush
    title: A newsletter brings 300x traffic
    question: A newsletter goes out and traffic jumps 300 times for ten minutes. What breaks first?
    spike: 300
    expect: >-
      The single app server saturates first; a second replica behind a load
      balancer keeps orders flowing, and the queue absorbs the burst of emails.
"#;

/// The reference design of [`PACK_YAML`].
pub const REFERENCE_YAML: &str = r#"
napkin: 1
name: Boring but right
scenario: mini-notify
stage: launch
components:
  - { id: web, kind: web-client }
  - { id: api, kind: app-server, replicas: 2, props: { idempotency_keys: true } }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [orders, emails], props: { failover: automatic } }
  - { id: jobs, kind: sqs, managed: true, props: { dlq: true } }
  - { id: worker, kind: worker, replicas: 2, props: { idempotency_keys: true } }
  - { id: mail, kind: email-provider, props: { idempotency_keys: true } }
links:
  - { from: web, to: api, mode: sync }
  - { from: api, to: db, mode: sync }
  - { from: api, to: jobs, mode: async }
  - { from: jobs, to: worker, mode: async }
  - { from: worker, to: mail, mode: sync }
answers: { send-path: enqueue, queue: table }
"#;

/// The fixture pack, parsed.
pub fn pack() -> Pack {
    match crate::io::yaml::parse(PACK_YAML, "<fixture>/pack.yaml") {
        Ok(p) => p,
        Err(p) => panic!("fixture pack does not parse: {p}"),
    }
}

/// A library holding the fixture catalog and pack only.
pub fn library() -> Library {
    let catalog = match load_catalog(CATALOG_YAML, "<fixture>/catalog.yaml") {
        Ok(c) => c,
        Err(e) => panic!("fixture catalog does not load: {e}"),
    };
    Library::from_parts(
        catalog,
        vec![LoadedPack {
            pack: pack(),
            origin: Origin::BuiltIn,
            warnings: Vec::new(),
        }],
    )
}

/// The fixture reference design, parsed.
pub fn reference() -> crate::model::Design {
    match crate::io::yaml::parse(REFERENCE_YAML, "<fixture>/strong.napkin.yaml") {
        Ok(d) => d,
        Err(p) => panic!("fixture reference does not parse: {p}"),
    }
}

// ------------------------------------------------------------ driving the app

/// Sends actions to the app, one after another, each on a freshly drawn
/// frame as in the terminal loop (the view records the geometry update
/// reads); every effect they return.
pub fn send(
    app: &mut crate::tui::state::App,
    actions: impl IntoIterator<Item = crate::tui::action::Action>,
) -> Vec<crate::tui::update::Effect> {
    let mut effects = Vec::new();
    for a in actions {
        draw(app);
        effects.extend(crate::tui::update::update(app, a));
    }
    effects
}

/// Draws the app at its terminal size into a buffer, as the terminal loop
/// does after an action.
pub fn draw(app: &crate::tui::state::App) -> ratatui::buffer::Buffer {
    use ratatui::widgets::Widget;
    let (w, h) = app.term_size;
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    (&crate::tui::view::View::new(app, false)).render(area, &mut buf);
    buf
}

/// The screen as text, as the terminal would show it.
pub fn screen(app: &crate::tui::state::App) -> String {
    let buf = draw(app);
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The actions that type `text`.
pub fn typed(text: &str) -> Vec<crate::tui::action::Action> {
    text.chars()
        .map(crate::tui::action::Action::Input)
        .collect()
}

/// Types a `:` command and presses Enter.
pub fn cmd(app: &mut crate::tui::state::App, line: &str) -> Vec<crate::tui::update::Effect> {
    use crate::tui::action::Action;
    let mut acts = vec![Action::CommandLine];
    acts.extend(typed(line));
    acts.push(Action::Confirm);
    // One frame: typing on the command line needs no geometry.
    draw(app);
    acts.into_iter()
        .flat_map(|a| crate::tui::update::update(app, a))
        .collect()
}

/// A small design as `:` commands: web -> api -> db (stores orders).
pub const SMALL_DESIGN: [&str; 6] = [
    "add web-client web",
    "add app-server api",
    "add postgres db",
    "link web api",
    "link api db",
    "stores db orders",
];

/// Seven more components linked onto [`SMALL_DESIGN`]: ten in all, wider
/// than the diagram pane at 80x24.
pub const BIG_DESIGN_EXTRA: [&str; 15] = [
    "add load-balancer lb",
    "add redis cache",
    "add sqs jobs",
    "add worker sender",
    "add email-provider mail",
    "add kafka events",
    "add postgres audit",
    "link web lb",
    "link lb api",
    "link api cache",
    "link api jobs async",
    "link jobs sender async",
    "link sender mail",
    "link api events async",
    "link events audit async",
];

/// Levels and estimator figures for [`PACK_YAML`]'s pack, kept apart so the
/// screens of the plain fixture do not change.
pub const PROGRESS_YAML: &str = r#"
levels:
  mid:
    - { says: "Asks how many emails a day", asked: [volume] }
    - { says: "Estimates the peak load within 2x", estimated: [peak-rps] }
  senior:
    - { says: "No single machine takes orders down", avoids: [single-point-of-failure] }
    - { says: "Decides the send path", decided: [send-path] }
  staff:
    - { says: "Holds a year on", holds_at: growth }
estimates:
  launch:
    storage_gb_per_year: 0.3
    bandwidth_mbps: 1
    source: "~2 KB per email record; ~20 KB per request"
    working:
      peak-rps: "a few orders a minute plus browsing: ~5 requests/s"
      messages-per-day: "400 emails a day"
"#;

/// The fixture library with [`PROGRESS_YAML`]'s levels and estimator
/// figures on its pack.
pub fn library_with_progress() -> Library {
    #[derive(serde::Deserialize)]
    struct Extra {
        levels: crate::model::level::Levels,
        estimates: std::collections::BTreeMap<String, crate::model::estimate::StageFigures>,
    }
    let extra: Extra = match serde_yaml::from_str(PROGRESS_YAML) {
        Ok(e) => e,
        Err(e) => panic!("fixture progress does not parse: {e}"),
    };
    let mut lib = library();
    for lp in lib.packs_mut() {
        lp.pack.levels = Some(extra.levels.clone());
        for st in &mut lp.pack.stages {
            st.estimates = extra.estimates.get(&st.id).cloned();
        }
    }
    lib
}
