//! Files in and out: YAML parsing with line numbers, built-in assets, user
//! folders, atomic saves, imports and exports.

pub mod assets;
pub mod compose;
pub mod export;
pub mod history;
pub mod home;
pub mod load;
pub mod locate;
pub mod packcheck;
pub mod preserve;
pub mod render;

pub mod save;
pub mod starter;
pub mod yaml;

pub use load::{Library, LoadError, load_design, load_design_str, load_pack_dir};
