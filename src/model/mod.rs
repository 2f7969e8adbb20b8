//! Plain data: the catalog of component kinds, design files and scenario packs,
//! plus their validation. Nothing here touches files, the terminal or the clock.

pub mod catalog;
pub mod context;
pub mod contract;
pub mod design;
pub mod edit;
pub mod estimate;
pub mod figure;
pub mod followup;
pub mod interview;
pub mod judgement;
pub mod level;
pub mod notes;
pub mod num;
pub mod problem;
pub mod props;
pub mod scenario;
pub mod validate;

pub use catalog::{Catalog, Category, Kind, Measure, PropSpec, PropType, Role, RoleSpec};
pub use context::{
    Consistency, Contention, Context, Entity, Flow, FlowMode, Load, RateSource, Team,
};
pub use design::{
    Accepted, Component, Design, Link, LinkMode, Measured, NestedExtra, OnFailure, PropValue,
    StageRef,
};
pub use edit::Edit;
pub use figure::{FIGURES, Figure, FigureId};
pub use judgement::{FlowStatus, Risk, Severity, Verdict};
pub use problem::{Problem, ProblemSeverity};
pub use scenario::{Drill, Pack, Prompt, PromptOption, Question, Reference, Stage};

/// Unknown keys kept so that a file round-trips without losing what we do not model.
pub type Extra = std::collections::BTreeMap<String, UserValue>;

/// The value under one of the user's `x-` keys, as the file's own text (tags,
/// nesting and all): napkin never reads it, only writes it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserValue(pub String);
