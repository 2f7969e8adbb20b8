//! The vocabulary of judgements shared by packs, the engine and the views:
//! how bad a finding is, how risky a choice is, what a reference design must
//! be judged, and what a failure does to a flow.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Parses `info|low|medium|high|critical`.
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "info" => Severity::Info,
            "low" => Severity::Low,
            "medium" => Severity::Medium,
            "high" => Severity::High,
            "critical" => Severity::Critical,
            _ => return None,
        })
    }

    /// One step worse, up to critical.
    pub fn raised(self) -> Severity {
        match self {
            Severity::Info => Severity::Low,
            Severity::Low => Severity::Medium,
            Severity::Medium => Severity::High,
            Severity::High | Severity::Critical => Severity::Critical,
        }
    }

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// All severities, worst first.
    pub const WORST_FIRST: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How risky a constraint answer is: a severity, or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    /// No risk (used in `risk_by_stage` where a choice is fine at one stage).
    None,
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Risk {
    /// The severity of the finding the choice becomes, if any.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Risk::None => None,
            Risk::Info => Some(Severity::Info),
            Risk::Low => Some(Severity::Low),
            Risk::Medium => Some(Severity::Medium),
            Risk::High => Some(Severity::High),
            Risk::Critical => Some(Severity::Critical),
        }
    }
}

impl fmt::Display for Risk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.severity().map_or("none", Severity::as_str))
    }
}

/// The verdict a pack's reference design must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Right for the stage: scores well, no severe findings.
    Strong,
    /// Breaks under the stage's load or failures.
    Fragile,
    /// Works, but costs more than the stage needs.
    OverEngineered,
}

impl Verdict {
    /// Name as written in packs.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Strong => "strong",
            Verdict::Fragile => "fragile",
            Verdict::OverEngineered => "over-engineered",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a failure does to a critical flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FlowStatus {
    /// Still works.
    Ok,
    /// Still answers, but slowly or with timeouts: a component on its path
    /// is over capacity.
    Degraded,
    /// Nobody waits, but the work does: it is held by a buffer the
    /// critique calls durable until the failed part is back, or a backlog
    /// grows at an over-capacity component off the user's path.
    Delayed,
    /// Users see errors, work in flight is lost, or the flow does not work
    /// even on the healthy design.
    Broken,
}

impl FlowStatus {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowStatus::Ok => "ok",
            FlowStatus::Degraded => "degraded",
            FlowStatus::Delayed => "delayed",
            FlowStatus::Broken => "broken",
        }
    }
}

impl fmt::Display for FlowStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
