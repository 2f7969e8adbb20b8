//! napkin: system-design practice and architecture review in the terminal.
//!
//! `model` is plain data, `engine` judges designs (pure), `io` reads and writes
//! files, `tui` is the terminal app and `cli` the command line over all of them.

pub mod cli;
pub mod engine;
pub mod io;
pub mod layout;
pub mod model;
pub mod text;
pub mod tui;
pub mod widgets;
