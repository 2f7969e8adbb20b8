//! A design file survives load -> save -> load with every field, the user's
//! own `x-` keys included, wherever they are.

use napkin::io::Library;
use napkin::io::load::{design_to_yaml, load_design_str};

const FULL: &str = r#"napkin: 1
name: Boring but right
scenario: notification-system
stage: launch
context:
  load: { users: 50000, peak_rps: 20, write_rps: 2, events_per_day: 3000, data_gb: 5, x-source: "Q3 dashboard" }
  team: { engineers: 2 }
  budget_usd_per_month: 500
  availability: 99.9
  entities:
    - { id: orders, consistency: strong, contention: high }
components:
  - id: web
    kind: web-client
    x-owner: { team: web, oncall: [ana, bo] }
  - id: api
    kind: app-server
    replicas: 2
    managed: true
    props: { idempotency_keys: true, outbox: true }
  - id: db
    kind: postgres
    replicas: 2
    stores: [notifications, user-preferences, orders]
    props: { failover: automatic, locking: row, isolation: serializable }
    label: Main database
links:
  - { from: web, to: api, mode: sync, label: HTTPS, x-port: 443 }
  - { from: api, to: db, mode: sync, retries: 2, timeout_ms: 500, idempotent: true }
answers: { send-path: enqueue }
asked: [users, volume]
accepted:
  - { rule: single-point-of-failure, components: [db], reason: "single managed DB is fine at this size" }
notes: { db: "nightly backups to object storage" }
session:
  asked_at: [{ id: users, at_s: 12 }, { id: volume, at_s: 40 }]
  first_component_at_s: 95
x-reviewer: "someone's own key that napkin does not know"
x-history:
  - { date: 2026-03-01, change: "db moved to the managed tier" }
"#;

#[test]
fn every_field_round_trips() {
    let lib = Library::builtin().expect("library");
    let first = load_design_str(FULL, "full.napkin.yaml", &lib)
        .expect("loads")
        .design;
    let text = design_to_yaml(&first).expect("serialises");
    let second = load_design_str(&text, "saved.napkin.yaml", &lib)
        .expect("reloads")
        .design;
    assert_eq!(first, second, "saved text:\n{text}");
    assert_eq!(
        second.extra.get("x-reviewer").map(|v| v.0.trim()),
        Some("someone's own key that napkin does not know")
    );
    assert!(second.extra["x-history"].0.starts_with("- "), "{text}");
    let owner = &second.components[0].extra["x-owner"].0;
    assert!(
        owner.contains("oncall") && owner.contains("- bo"),
        "{owner}"
    );
    assert_eq!(second.links[0].label.as_deref(), Some("HTTPS"));
    assert_eq!(second.links[0].extra["x-port"].0.trim(), "443");
    assert!(text.contains("x-source: Q3 dashboard"), "{text}");
    assert_eq!(second.components[1].replicas, 2);
    assert_eq!(second.links[1].timeout_ms, Some(500));
    assert_eq!(
        second.accepted[0].reason,
        "single managed DB is fine at this size"
    );
    // Whole numbers stay whole in the saved file.
    assert!(text.contains("users: 50000"), "{text}");
    assert!(!text.contains("50000.0"));
}

#[test]
fn discovery_scores_key_questions_asked_before_drawing() {
    let lib = Library::builtin().expect("library");
    let pack = &lib.pack("notification-system").expect("pack").pack;
    let mut d = load_design_str(FULL, "full.napkin.yaml", &lib)
        .expect("loads")
        .design;
    let keys: Vec<String> = pack
        .questions
        .iter()
        .filter(|q| q.key)
        .map(|q| q.id.clone())
        .collect();
    assert!(keys.len() >= 4);
    let session = d.session.as_mut().expect("session");
    session.asked_at = keys
        .iter()
        .enumerate()
        .map(|(i, k)| napkin::model::design::AskedAt {
            id: k.clone(),
            at_s: if i == 0 { 500 } else { 10 + i as u64 },
        })
        .collect();
    let got = napkin::engine::discovery::score(&d, pack).expect("discovery");
    // All but one asked early; the first was asked after drawing started.
    assert_eq!(got.key_asked_late, vec![keys[0].clone()]);
    assert!(got.key_missed.is_empty());
    let expected = (100.0 * ((keys.len() - 1) as f64 + 0.5) / keys.len() as f64).round() as u32;
    assert_eq!(got.score, expected);
    d.session = None;
    d.asked = vec![keys[1].clone()];
    let got = napkin::engine::discovery::score(&d, pack).expect("discovery");
    assert_eq!(got.key_missed.len(), keys.len() - 1);
}

/// The user's keys travel with their component or link when the design is
/// edited, and a key that is not `x-` is refused with the key meant.
#[test]
fn own_keys_follow_their_component_and_unknown_keys_are_refused() {
    let lib = Library::builtin().expect("library");
    let mut d = load_design_str(FULL, "full.napkin.yaml", &lib)
        .expect("loads")
        .design;
    d.components.remove(0);
    d.links.remove(0);
    d.components
        .push(napkin::model::Component::new("cache", "redis"));
    let text = design_to_yaml(&d).expect("serialises");
    let again = load_design_str(&text, "saved.napkin.yaml", &lib)
        .expect("reloads")
        .design;
    assert!(
        !text.contains("x-owner"),
        "the removed component took its keys: {text}"
    );
    assert!(
        !text.contains("x-port"),
        "the removed link took its keys: {text}"
    );
    assert!(again.components.iter().all(|c| c.extra.is_empty()));
    assert!(text.contains("x-source"), "{text}");

    let typo = FULL.replace("x-reviewer:", "reviewer:");
    let err = load_design_str(&typo, "typo.napkin.yaml", &lib).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.message, "unknown key `reviewer`");
    assert!(p.line.is_some() && p.column == Some(1), "{p:?}");
}

/// A tagged value under a key of the user's own survives a save.
#[test]
fn tagged_values_under_own_keys_survive() {
    let lib = Library::builtin().expect("library");
    let text = "napkin: 1\nname: tags\nx-thing: !custom { a: 1 }\ncomponents: [{ id: db, kind: postgres }]\n";
    let d = load_design_str(text, "tags.napkin.yaml", &lib)
        .expect("loads")
        .design;
    let saved = design_to_yaml(&d).expect("serialises");
    assert!(saved.contains("x-thing: !custom"), "{saved}");
    let again = load_design_str(&saved, "saved.napkin.yaml", &lib)
        .expect("reloads")
        .design;
    assert_eq!(d.extra, again.extra, "{saved}");
}

/// What napkin saves it can load again: a design at the component limit,
/// with ids at their longest and a link each, saves under the byte limit
/// and reopens whole.
#[test]
fn a_design_at_the_limits_saves_and_reopens() {
    use napkin::io::load::MAX_FILE_BYTES;
    use napkin::model::validate::{MAX_COMPONENTS, MAX_ID_LEN};
    use napkin::model::{Component, Design, Link, LinkMode};
    let lib = Library::builtin().expect("built-in library");
    let id = |i: usize| format!("{i:0>w$}", w = MAX_ID_LEN);
    let mut d = Design {
        name: "at the limits".into(),
        ..Design::default()
    };
    d.components.push(Component::new("web", "web-client"));
    d.links.push(Link::new("web", id(1), LinkMode::Sync));
    for i in 1..MAX_COMPONENTS {
        d.components.push(Component::new(id(i), "app-server"));
        if i + 1 < MAX_COMPONENTS {
            d.links.push(Link::new(id(i), id(i + 1), LinkMode::Async));
        }
    }
    let text = design_to_yaml(&d).expect("it saves");
    assert!(
        (text.len() as u64) < MAX_FILE_BYTES,
        "napkin saved {} bytes, over its own limit of {MAX_FILE_BYTES}",
        text.len()
    );
    let back = match load_design_str(&text, "limits.napkin.yaml", &lib) {
        Ok(l) => l.design,
        Err(e) => panic!("napkin refused what it saved: {e}"),
    };
    assert_eq!(back.components.len(), MAX_COMPONENTS);
    assert_eq!(back.links.len(), d.links.len());
    assert_eq!(back, d);
}
