//! Built-in data embedded at compile time: the catalog and the scenario packs.

use include_dir::{Dir, include_dir};

/// `assets/catalog.yaml`.
pub const CATALOG_YAML: &str = include_str!("../../assets/catalog.yaml");

/// `assets/starter.napkin.yaml`: the design `napkin new` starts from.
pub const STARTER_YAML: &str = include_str!("../../assets/starter.napkin.yaml");

/// `scenarios/`: one folder per built-in pack.
pub static SCENARIOS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scenarios");
