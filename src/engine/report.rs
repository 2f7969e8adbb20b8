//! The report: scores, findings, metrics. Serialises to the JSON schema fixed
//! in the design brief (extra sections are additions, never renames).

use crate::model::{FlowStatus, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Which score a finding counts against.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCategory {
    OverEngineering,
    Spof,
    Consistency,
    Capacity,
    /// A critical flow that does not work at all.
    Flow,
    /// A risky answer to a constraint prompt.
    Decision,
}

impl FindingCategory {
    /// Name used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCategory::OverEngineering => "over-engineering",
            FindingCategory::Spof => "spof",
            FindingCategory::Consistency => "consistency",
            FindingCategory::Capacity => "capacity",
            FindingCategory::Flow => "flow",
            FindingCategory::Decision => "decision",
        }
    }
}

impl fmt::Display for FindingCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One verdict with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    pub rule: String,
    pub category: FindingCategory,
    pub severity: Severity,
    pub components: Vec<String>,
    pub message: String,
    pub suggestion: String,
    /// The edit that would resolve it, where one can be written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<crate::model::Edit>,
}

/// A finding the author accepted, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AcceptedFinding {
    #[serde(flatten)]
    pub finding: Finding,
    pub reason: String,
}

/// Category scores, 0-100, higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default, schemars::JsonSchema)]
pub struct Scores {
    pub overall: u32,
    pub over_engineering: u32,
    pub resilience: u32,
    pub consistency: u32,
    pub capacity: u32,
    /// Present when the design records which questions were asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovery: Option<u32>,
}

/// Numbers about the design as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Default, schemars::JsonSchema)]
pub struct Metrics {
    pub monthly_cost_usd: f64,
    pub ops_hours_per_month: f64,
    pub spofs: Vec<String>,
    /// Component id -> peak load over capacity (1.0 = full).
    pub utilisation: BTreeMap<String, f64>,
    /// Hours a month the team can spend on operations.
    pub team_ops_hours_per_month: f64,
    /// Deployable services the team writes and ships.
    pub services: usize,
}

/// What the engine worked out for one component: views and exports show
/// these figures and never compute their own.
#[derive(Debug, Clone, PartialEq, Serialize, Default, schemars::JsonSchema)]
pub struct ComponentSummary {
    pub id: String,
    pub kind: String,
    /// The job it does (declared, shown by its links, or assumed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub monthly_cost_usd: f64,
    pub ops_hours_per_month: f64,
    /// Peak load over capacity (1.0 = full), where the kind has a capacity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utilisation: Option<f64>,
    /// Percent of the time it answers, replicas that take over included.
    pub availability: f64,
    /// Distinct services that consume from it over async links.
    #[serde(skip_serializing_if = "is_zero")]
    pub consumers: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The context the design was judged against, for the reader.
#[derive(Debug, Clone, PartialEq, Serialize, Default, schemars::JsonSchema)]
pub struct ContextSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    pub users: f64,
    pub peak_rps: f64,
    pub write_rps: f64,
    pub events_per_sec: f64,
    pub data_gb: f64,
    pub engineers: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_usd_per_month: Option<f64>,
    pub availability: f64,
    /// Figures the design did not give and the engine assumed.
    pub assumptions: Vec<String>,
    /// Every figure a person can set (`:context`, the context screen), with
    /// the value judged against and where it comes from. For the app's
    /// context screen; the fields above carry the same numbers in files.
    #[serde(skip)]
    #[schemars(skip)]
    pub figures: Vec<FigureRow>,
}

/// Where the figure a design is judged by comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The design's own `context`.
    Design,
    /// The scenario's stage, by id.
    Stage(String),
    /// Nobody gave it: the engine assumed it, for the reason given.
    Assumed(String),
    /// Nobody gave it and nothing is assumed (no budget, no background
    /// events): judged without it, for the reason given.
    Unset(String),
}

/// One figure as judged: the value the engine uses and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// Which figure.
    pub figure: &'static crate::model::Figure,
    /// The design's own value, if it gives one.
    pub own: Option<f64>,
    /// The value judged against (`None`: judged without one).
    pub value: Option<f64>,
    /// Where `value` comes from.
    pub source: Source,
}

/// What happens to one critical flow when components fail.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FlowImpact {
    pub flow: String,
    pub status: FlowStatus,
    /// Why, naming the components.
    pub detail: String,
}

/// A critical flow as judged: which components it runs through.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FlowSummary {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Inferred from the graph rather than declared by the scenario or context.
    pub inferred: bool,
    /// Components on some path from the flow's entry to its targets.
    pub components: Vec<String>,
}

/// The whole judgement of a design.
#[derive(Debug, Clone, PartialEq, Serialize, Default, schemars::JsonSchema)]
pub struct Report {
    pub scores: Scores,
    pub findings: Vec<Finding>,
    pub metrics: Metrics,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<AcceptedFinding>,
    pub context: ContextSummary,
    /// Each component's cost, operations load, utilisation, role and
    /// availability, in design order.
    pub components: Vec<ComponentSummary>,
    /// Component id -> flows that break (`broken`) or wait (`delayed`) when it fails.
    pub blast_radius: BTreeMap<String, Vec<FlowImpact>>,
    /// The critical flows and the components each runs through.
    pub flows: Vec<FlowSummary>,
    /// Estimated availability of each critical flow.
    pub availability: Vec<super::availability::FlowAvailability>,
    /// Which key questions were asked, late or missed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovery: Option<super::discovery::Discovery>,
    /// Each proposed edit with what it would change.
    pub fixes: Vec<super::price::PricedFix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drill: Option<DrillOutcome>,
}

/// The outcome of a drill: what was failed or spiked and what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Default, schemars::JsonSchema)]
pub struct DrillOutcome {
    pub failed: Vec<String>,
    /// Named components that lost an instance and failed over.
    pub survived: Vec<String>,
    /// Names the drill fails that match nothing in the design: there is
    /// none of it to lose, which is itself the answer to the drill.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
    pub spike: f64,
    pub flows: Vec<FlowImpact>,
}

impl Report {
    /// The worst open severity, if any finding is open.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}
