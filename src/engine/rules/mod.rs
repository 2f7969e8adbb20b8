//! The rule registry: one list drives the report, `napkin rules` and
//! `docs/RULES.md`. Each rule owns its id, category, story and check.

mod availability;
mod capacity;
mod consistency;
mod flow;
mod overeng;
mod resilience;
#[cfg(test)]
mod tests;

use super::report::FindingCategory;
use super::world::World;
use crate::model::Edit;
use crate::model::Severity;

/// What a check found: the rule and category are added by the registry.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub severity: Severity,
    pub components: Vec<String>,
    pub message: String,
    pub suggestion: String,
    pub fix: Option<Edit>,
}

impl Hit {
    /// A hit without an edit.
    pub fn new(
        severity: Severity,
        components: Vec<String>,
        message: impl Into<String>,
        suggestion: impl Into<String>,
    ) -> Hit {
        Hit {
            severity,
            components,
            message: message.into(),
            suggestion: suggestion.into(),
            fix: None,
        }
    }

    /// Attaches the edit that would resolve it.
    pub fn fix(mut self, edit: Edit) -> Hit {
        self.fix = Some(edit);
        self
    }
}

/// One rule of judgement.
pub struct Rule {
    pub id: &'static str,
    pub category: FindingCategory,
    /// A short title.
    pub title: &'static str,
    /// The failure it prevents, as a short story.
    pub story: &'static str,
    pub check: fn(&World) -> Vec<Hit>,
    /// The file that defines it, for `docs/RULES.md`.
    pub source: &'static str,
}

/// Every rule, in report order.
pub static RULES: &[Rule] = &[
    flow::UNREACHABLE_TARGET,
    flow::FLOW_MODE_MISMATCH,
    flow::RETRY_AMPLIFICATION,
    flow::TIMEOUT_INVERSION,
    flow::SLOW_CHAIN,
    availability::AVAILABILITY_TARGET,
    availability::REGION_CEILING,
    resilience::SINGLE_POINT_OF_FAILURE,
    resilience::SHARED_DEPENDENCY,
    consistency::EVENTUAL_STORE,
    consistency::WEAKENED,
    consistency::UNGUARDED_CONTENTION,
    consistency::ACTIVE_ACTIVE,
    consistency::CACHE_INVALIDATION,
    consistency::STALE_READ_DECISION,
    consistency::DUAL_WRITE,
    consistency::MISSING_IDEMPOTENCY,
    consistency::NO_DLQ,
    consistency::ASYNC_WITHOUT_BUFFER,
    consistency::UNORDERED,
    consistency::PROMPT_REQUIREMENT,
    capacity::OVER_CAPACITY,
    capacity::HOT_COMPONENT,
    capacity::CACHE_STAMPEDE,
    capacity::SLOW_SYNC_EXTERNAL,
    capacity::POLLING,
    capacity::SYNC_FAN_OUT,
    overeng::UNJUSTIFIED,
    overeng::MULTI_REGION,
    overeng::TOO_MANY_SERVICES,
    overeng::TOO_MANY_PLATFORMS,
    overeng::OPS_OVER_CAPACITY,
    overeng::IDLE_REPLICAS,
    overeng::OVER_BUDGET,
    flow::CONSTRAINT_CHOICE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Joins ids as `a`, `b` and `c`.
pub fn list(ids: &[String]) -> String {
    let q: Vec<String> = ids.iter().map(|s| format!("`{s}`")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        n => format!("{} and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// `docs/RULES.md`, generated from the registry (a test keeps the file in sync).
pub fn markdown() -> String {
    let mut s = String::from(
        "# Rules\n\nGenerated from the rule registry (`src/engine/rules`); do not edit by hand. \
Regenerate with `napkin rules --markdown > docs/RULES.md`.\n\n| rule | category | title |\n| --- | --- | --- |\n",
    );
    for r in RULES {
        s.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            r.id, r.id, r.category, r.title
        ));
    }
    for r in RULES {
        s.push_str(&format!(
            "\n## {}\n\n*{}* — {}\n\n{}\n\nDefined in [`{}`](../{}).\n",
            r.id, r.category, r.title, r.story, r.source, r.source
        ));
    }
    s
}
