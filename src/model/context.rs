//! The numbers a design is judged against: load, team, budget, availability,
//! the entities it must keep and the flows that must work.

use super::num;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Load, team, money and correctness needs. Every field is optional: a design
/// may give only what it knows, and the engine says which assumptions it used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Context {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<Load>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Team>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub budget_usd_per_month: Option<f64>,
    /// Target availability in percent, e.g. `99.9`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub availability: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
}

/// Traffic and data volume at peak.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Load {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub users: Option<f64>,
    /// Requests per second at peak, all kinds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub peak_rps: Option<f64>,
    /// Writes per second at peak.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub write_rps: Option<f64>,
    /// Background events (messages, jobs) per day.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub events_per_day: Option<f64>,
    /// Peak events per second; defaults to a burst over `events_per_day`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub peak_events_per_sec: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub data_gb: Option<f64>,
}

/// Who builds and runs the system.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Team {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub engineers: Option<f64>,
    /// Hours a month the team can spend keeping things running.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub ops_hours_per_month: Option<f64>,
}

/// How strongly readers must see the latest write.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Consistency {
    /// No guarantee needed (caches of public data, metrics).
    None,
    /// Readers may lag behind writers for a while.
    #[default]
    Eventual,
    /// Readers must see the latest committed write; no lost or double writes.
    Strong,
}

impl Consistency {
    /// Lowercase name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Consistency::None => "none",
            Consistency::Eventual => "eventual",
            Consistency::Strong => "strong",
        }
    }
}

/// How many writers fight over the same rows at once.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Contention {
    #[default]
    Low,
    Medium,
    High,
}

/// A piece of data the system must keep, with its correctness needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    pub id: String,
    #[serde(default)]
    pub consistency: Consistency,
    /// How many writers fight over the same rows, when the design says;
    /// left out, the engine infers it (see [`Entity::contention`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contention: Option<Contention>,
    /// Messages about one key must be processed in order.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// How much of this data there is, in GB, when the design says: a
    /// component is then judged by the data it keeps, not the system's total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_gb: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Entity {
    /// The contention the design declares (low when it says nothing).
    pub fn contention(&self) -> Contention {
        self.contention.unwrap_or_default()
    }

    /// The words of the entity's id and description, lowercase, a plural
    /// `s` dropped: what it is called, for matching against the catalog's
    /// nouns for records many requests write at once.
    pub fn words(&self) -> impl Iterator<Item = String> + '_ {
        self.id
            .split(|c: char| !c.is_alphanumeric())
            .chain(
                self.description
                    .as_deref()
                    .unwrap_or("")
                    .split(|c: char| !c.is_alphanumeric()),
            )
            .filter(|w| !w.is_empty())
            .map(|w| {
                let w = w.to_lowercase();
                match w.strip_suffix('s') {
                    Some(stem) if stem.len() > 2 => stem.to_string(),
                    _ => w,
                }
            })
    }
}

/// Which hop style a flow accepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FlowMode {
    /// The user waits for the answer.
    Sync,
    /// The work may finish later; the user needs only an acknowledgement.
    Async,
    #[default]
    Any,
}

/// Which load figure drives a flow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RateSource {
    /// Reads: `peak_rps` less writes.
    #[default]
    PeakRps,
    /// Writes: `write_rps`.
    WriteRps,
    /// Background events: `peak_events_per_sec` or a burst over `events_per_day`.
    Events,
}

impl RateSource {
    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            RateSource::PeakRps => "peak_rps",
            RateSource::WriteRps => "write_rps",
            RateSource::Events => "events",
        }
    }
}

/// A fraction as a short decimal: `1.15`, `0.5`.
pub fn fraction(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A critical flow: from an entry point to what must be reached.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Flow {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A component id, a kind id, or a category (e.g. `client`).
    pub from: String,
    /// Each target: an entity id, a kind id, a category, or a component id.
    pub to: Vec<String>,
    #[serde(default)]
    pub mode: FlowMode,
    /// End-to-end budget the user tolerates, in milliseconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub latency_ms: Option<f64>,
    #[serde(default)]
    pub rate: RateSource,
    /// Fraction of the rate's figure that takes this flow. Flows that give
    /// neither `share` nor `rps` split what the others leave of the figure.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub share: Option<f64>,
    /// Requests (or events) per second at peak, given outright instead of a share.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::ser_opt"
    )]
    pub rps: Option<f64>,
    /// Components the flow's requests pass through, in order, where the
    /// shortest route is not the one they take.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    /// The user must see changes as they happen (push, not polling).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub realtime: bool,
}

impl Context {
    /// Layers `over` on top of `self`: any field `over` sets wins.
    pub fn overlay(&self, over: &Context) -> Context {
        let mut out = self.clone();
        if let Some(l) = &over.load {
            let base = out.load.take().unwrap_or_default();
            out.load = Some(Load {
                users: l.users.or(base.users),
                peak_rps: l.peak_rps.or(base.peak_rps),
                write_rps: l.write_rps.or(base.write_rps),
                events_per_day: l.events_per_day.or(base.events_per_day),
                peak_events_per_sec: l.peak_events_per_sec.or(base.peak_events_per_sec),
                data_gb: l.data_gb.or(base.data_gb),
            });
        }
        if let Some(t) = &over.team {
            let base = out.team.take().unwrap_or_default();
            out.team = Some(Team {
                engineers: t.engineers.or(base.engineers),
                ops_hours_per_month: t.ops_hours_per_month.or(base.ops_hours_per_month),
            });
        }
        out.budget_usd_per_month = over.budget_usd_per_month.or(out.budget_usd_per_month);
        out.availability = over.availability.or(out.availability);
        for e in &over.entities {
            match out.entities.iter_mut().find(|x| x.id == e.id) {
                Some(x) => *x = e.clone(),
                None => out.entities.push(e.clone()),
            }
        }
        for f in &over.flows {
            match out.flows.iter_mut().find(|x| x.id == f.id) {
                Some(x) => *x = f.clone(),
                None => out.flows.push(f.clone()),
            }
        }
        out
    }
}
