//! A starter design for a pack: the smallest thing that connects its flows.
//! Its shape is data (`assets/starter.napkin.yaml`); this fills in the pack.

use crate::model::{Catalog, Category, Design, Pack, Role, StageRef};

/// The built-in starter for `pack`: the template's client takes the kind the
/// pack's flows start from (when that is a client kind), and its store keeps
/// every entity of the pack. Valid, deliberately naive: scoring it shows where
/// to start.
pub fn starter_design(pack: &Pack, catalog: &Catalog) -> Result<Design, String> {
    let mut design: Design = serde_yaml::from_str(super::assets::STARTER_YAML)
        .map_err(|e| format!("the built-in starter design does not parse: {e}"))?;
    let client_kind = pack.flows.iter().map(|f| f.from.as_str()).find(|k| {
        catalog
            .get(k)
            .is_some_and(|k| k.category == Category::Client)
    });
    for c in &mut design.components {
        let Some(kind) = catalog.get(&c.kind) else {
            continue;
        };
        if kind.category == Category::Client
            && let Some(k) = client_kind
        {
            c.kind = k.to_string();
        }
        if kind.main_role() == Some(Role::Store) {
            c.stores = pack.entities.iter().map(|e| e.id.clone()).collect();
        }
    }
    design.name = format!("My answer to {}", pack.title);
    design.scenario = Some(pack.id.clone());
    design.stage = pack.stages.first().map(|s| StageRef::Id(s.id.clone()));
    Ok(design)
}
