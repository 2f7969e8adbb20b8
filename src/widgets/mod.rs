//! Reusable ratatui widgets that draw library data (no app state).

pub mod diagram;

pub use diagram::Diagram;
