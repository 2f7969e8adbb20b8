//! A starter design for a pack: the smallest thing that connects its flows.

use crate::model::{Catalog, Category, Component, Design, Link, LinkMode, Pack, StageRef};

/// A client, an app server and a database that stores every entity of the pack.
/// Valid, deliberately naive: scoring it shows where to start.
pub fn starter_design(pack: &Pack, catalog: &Catalog) -> Design {
    let client_kind = pack
        .flows
        .iter()
        .map(|f| f.from.as_str())
        .find(|k| {
            catalog
                .get(k)
                .is_some_and(|k| k.category == Category::Client)
        })
        .unwrap_or("web-client");
    let mut client = Component::new("client", client_kind);
    client.label = Some("users".into());
    let app = Component::new("app", "app-server");
    let mut db = Component::new("db", "postgres");
    db.stores = pack.entities.iter().map(|e| e.id.clone()).collect();
    Design {
        name: format!("My answer to {}", pack.title),
        scenario: Some(pack.id.clone()),
        stage: pack.stages.first().map(|s| StageRef::Id(s.id.clone())),
        components: vec![client, app, db],
        links: vec![
            Link::new("client", "app", LinkMode::Sync),
            Link::new("app", "db", LinkMode::Sync),
        ],
        ..Design::default()
    }
}
