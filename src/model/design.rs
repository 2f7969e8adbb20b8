//! A design file: components, links, the author's answers and accepted trade-offs.

use super::{Context, Extra};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The current design file format version.
pub const FORMAT_VERSION: u32 = 1;

/// A whole design (`*.napkin.yaml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Design {
    #[serde(default = "format_version")]
    pub napkin: u32,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<StageRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    #[serde(default)]
    pub components: Vec<Component>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
    /// Timing of a practice session, for the discovery score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionLog>,
    /// The user's own top-level `x-` keys; kept on save.
    #[serde(skip)]
    #[schemars(skip)]
    pub extra: Extra,
    /// The user's `x-` keys deeper in the file (under `context`, `session`,
    /// `accepted`), by the path of the mapping that holds them; kept on save.
    #[serde(skip)]
    #[schemars(skip)]
    pub nested_extra: Vec<NestedExtra>,
}

fn format_version() -> u32 {
    FORMAT_VERSION
}

impl Default for Design {
    fn default() -> Self {
        Design {
            napkin: FORMAT_VERSION,
            name: String::new(),
            scenario: None,
            stage: None,
            context: None,
            components: Vec::new(),
            links: Vec::new(),
            answers: BTreeMap::new(),
            asked: Vec::new(),
            accepted: Vec::new(),
            notes: BTreeMap::new(),
            session: None,
            extra: Extra::new(),
            nested_extra: Vec::new(),
        }
    }
}

/// One of the user's `x-` keys in a nested mapping, such as `context.load`.
#[derive(Debug, Clone, PartialEq)]
pub struct NestedExtra {
    /// Logical path of the mapping, e.g. `context.flows[1]`.
    pub path: super::contract::KeyPath,
    pub key: String,
    pub value: super::UserValue,
}

/// A stage named by id (`launch`) or by 1-based position (`2`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum StageRef {
    Index(usize),
    Id(String),
}

impl fmt::Display for StageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StageRef::Index(i) => write!(f, "{i}"),
            StageRef::Id(s) => f.write_str(s),
        }
    }
}

impl StageRef {
    /// Parses a command-line stage: digits are an index, anything else an id.
    pub fn parse(s: &str) -> StageRef {
        match s.parse::<usize>() {
            Ok(i) => StageRef::Index(i),
            Err(_) => StageRef::Id(s.to_string()),
        }
    }
}

/// Operations per second one instance of a component was measured to
/// sustain; a figure left out keeps the kind's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Measured {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_rps: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_rps: Option<f64>,
}

/// One box on the diagram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Component {
    pub id: String,
    pub kind: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub replicas: u32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub managed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stores: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub props: BTreeMap<String, PropValue>,
    /// Display label; defaults to the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The job it does, where its kind can do several (`queue` for a Redis
    /// holding jobs); inferred from its links when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<super::Role>,
    /// For a cache: the component whose data it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caches: Option<String>,
    /// What one instance was measured to sustain (a load test, production
    /// dashboards), in place of the catalog's rough figure for its kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Measured>,
    /// Availability of one instance, percent, where it is known (a vendor's
    /// SLA, your own uptime), in place of the catalog's figure for the kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    /// The user's own `x-` keys on this component; kept on save.
    #[serde(skip)]
    #[schemars(skip)]
    pub extra: Extra,
}

impl Component {
    /// A component with defaults.
    pub fn new(id: impl Into<String>, kind: impl Into<String>) -> Self {
        Component {
            id: id.into(),
            kind: kind.into(),
            replicas: 1,
            managed: false,
            stores: Vec::new(),
            props: BTreeMap::new(),
            label: None,
            role: None,
            caches: None,
            capacity: None,
            availability: None,
            extra: Extra::new(),
        }
    }

    /// A prop as a string, if set.
    pub fn prop_str(&self, key: &str) -> Option<String> {
        self.props.get(key).map(|v| v.to_string())
    }

    /// A prop read as a boolean, if set to one.
    pub fn prop_bool(&self, key: &str) -> Option<bool> {
        match self.props.get(key) {
            Some(PropValue::Bool(b)) => Some(*b),
            Some(PropValue::Str(s)) if s == "true" => Some(true),
            Some(PropValue::Str(s)) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// A prop read as a number, if set to one.
    pub fn prop_num(&self, key: &str) -> Option<f64> {
        match self.props.get(key) {
            Some(PropValue::Int(i)) => Some(*i as f64),
            Some(PropValue::Float(f)) => Some(*f),
            Some(PropValue::Str(s)) => s.parse().ok(),
            _ => None,
        }
    }
}

fn one() -> u32 {
    1
}

fn is_one(v: &u32) -> bool {
    *v == 1
}

/// A scalar prop value as written in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PropValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

impl PropValue {
    /// Reads a value typed on a command line: `true`, `3`, `0.5` or text.
    pub fn parse(s: &str) -> PropValue {
        match s {
            "true" => PropValue::Bool(true),
            "false" => PropValue::Bool(false),
            _ => {
                if let Ok(i) = s.parse::<i64>() {
                    PropValue::Int(i)
                } else if let Ok(f) = s.parse::<f64>() {
                    PropValue::Float(f)
                } else {
                    PropValue::Str(s.to_string())
                }
            }
        }
    }
}

impl fmt::Display for PropValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PropValue::Bool(b) => write!(f, "{b}"),
            PropValue::Int(i) => write!(f, "{i}"),
            PropValue::Float(x) => write!(f, "{x}"),
            PropValue::Str(s) => f.write_str(s),
        }
    }
}

/// How a hop behaves when the callee is down.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LinkMode {
    /// The caller waits; a failure downstream fails the caller.
    #[default]
    Sync,
    /// Through something durable; a failure downstream delays the work.
    Async,
}

/// What the caller does when a synchronous call fails.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OnFailure {
    /// The request fails with the call.
    #[default]
    FailClosed,
    /// The request goes on as if the call had said yes (a rate limiter
    /// that lets traffic through, a feature flag left at its default).
    FailOpen,
    /// The request goes on with a fallback answer (a snapshot, a default,
    /// a degraded page).
    Fallback,
}

impl OnFailure {
    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            OnFailure::FailClosed => "fail-closed",
            OnFailure::FailOpen => "fail-open",
            OnFailure::Fallback => "fallback",
        }
    }
}

impl fmt::Display for LinkMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkMode::Sync => "sync",
            LinkMode::Async => "async",
        })
    }
}

/// A directed link: caller -> callee, producer -> queue -> consumer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Link {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub mode: LinkMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotent: Option<bool>,
    /// Calls made downstream per call received (fan-out); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fanout: Option<f64>,
    /// Items carried by one call over this link (batched inserts, bulk
    /// sends): the callee sees the callers' rate divided by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<f64>,
    /// What the caller does when a synchronous call fails; fail-closed when
    /// left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_failure: Option<OnFailure>,
    /// What travels over the link (`orders`, `HTTPS`); shown on diagram edges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The user's own `x-` keys on this link; kept on save.
    #[serde(skip)]
    #[schemars(skip)]
    pub extra: Extra,
}

impl Link {
    /// A plain link.
    pub fn new(from: impl Into<String>, to: impl Into<String>, mode: LinkMode) -> Self {
        Link {
            from: from.into(),
            to: to.into(),
            mode,
            retries: None,
            timeout_ms: None,
            idempotent: None,
            fanout: None,
            batch: None,
            on_failure: None,
            label: None,
            extra: Extra::new(),
        }
    }
}

/// A finding the author accepts as a trade-off, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Accepted {
    pub rule: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    #[serde(default)]
    pub reason: String,
}

/// When questions were asked and the first component added, in seconds from
/// the session's start. Recorded by the TUI; read by the discovery score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SessionLog {
    /// The attempt's name, set with `:name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Present when the session is an interview (phases, typed questions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview: Option<super::interview::InterviewLog>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked_at: Vec<AskedAt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_component_at_s: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_s: Option<u64>,
    /// Answers to the interviewer's follow-ups (the pack's drills).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<super::followup::FollowupAnswer>,
    /// The level the session is judged at (`--level`, or the home screen's
    /// choice); senior when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<super::level::Level>,
    /// The candidate's back-of-the-envelope figures, per stage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub estimates: Vec<super::estimate::Estimate>,
}

/// One question asked at a moment of the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AskedAt {
    pub id: String,
    pub at_s: u64,
}

impl Design {
    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Mutable access to the component with this id.
    pub fn component_mut(&mut self, id: &str) -> Option<&mut Component> {
        self.components.iter_mut().find(|c| c.id == id)
    }
}
