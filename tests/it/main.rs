//! Every integration test in one binary: one link instead of fifteen keeps
//! CI builds on two cores short. Each module is one suite.

mod common;
mod layout_fixtures;

mod calibration;
mod cli;
mod compose;
mod corpus;
mod drills;
mod export_formats;
mod fitness;
mod fixes;
mod fuzz;
mod interview;
mod layout_diagram;
mod layout_props;
mod panel;
mod properties;
mod roundtrip;
mod routes;
mod tui_e2e;
mod tui_launch;
mod tui_snapshots;
mod user_packs;
mod validation;
