//! The catalog: every component kind napkin knows, with the figures the engine
//! judges by. Loaded from `assets/catalog.yaml`; no kind is special-cased in code.

use super::{Consistency, PropValue};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// What a kind is for. Categories drive generic behaviour (clients are flow
/// entries, externals are someone else's service), never a kind id.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Client,
    Edge,
    Compute,
    Cache,
    Queue,
    Stream,
    Database,
    Storage,
    Search,
    External,
    Platform,
    Observability,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 12] = [
        Category::Client,
        Category::Edge,
        Category::Compute,
        Category::Cache,
        Category::Queue,
        Category::Stream,
        Category::Database,
        Category::Storage,
        Category::Search,
        Category::External,
        Category::Platform,
        Category::Observability,
    ];

    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Client => "client",
            Category::Edge => "edge",
            Category::Compute => "compute",
            Category::Cache => "cache",
            Category::Queue => "queue",
            Category::Stream => "stream",
            Category::Database => "database",
            Category::Storage => "storage",
            Category::Search => "search",
            Category::External => "external",
            Category::Platform => "platform",
            Category::Observability => "observability",
        }
    }

    /// Parses a lowercase category name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Operations per second one instance sustains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Capacity {
    pub read_rps: f64,
    pub write_rps: f64,
    /// Requests one instance passes on when all it does with them is hand
    /// them to a queue or stream (a thin ingest handler): far more than it
    /// serves when each waits on a store. Defaults to `write_rps`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay_rps: Option<f64>,
}

/// A figure that differs between running it yourself and buying it managed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HostedPair {
    pub self_hosted: f64,
    /// `None` where nobody sells it managed.
    #[serde(default)]
    pub managed: Option<f64>,
}

impl HostedPair {
    /// The figure for one instance, managed or not.
    pub fn pick(&self, managed: bool) -> f64 {
        if managed {
            self.managed.unwrap_or(self.self_hosted)
        } else {
            self.self_hosted
        }
    }
}

/// When a kind earns its keep. It is justified when *any* threshold is met;
/// an empty set means it is always justified (clients, a plain app server).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Justification {
    #[serde(default)]
    pub peak_rps: Option<f64>,
    #[serde(default)]
    pub write_rps: Option<f64>,
    #[serde(default)]
    pub events_per_sec: Option<f64>,
    #[serde(default)]
    pub data_gb: Option<f64>,
    #[serde(default)]
    pub users: Option<f64>,
    #[serde(default)]
    pub engineers: Option<f64>,
    /// Independent consumers reading from this component (distinct services
    /// behind its async links): a log many teams replay pays off sooner.
    #[serde(default)]
    pub consumers: Option<f64>,
    /// Availability target in percent.
    #[serde(default)]
    pub availability: Option<f64>,
    /// Thresholds that justify the kind only when all of them are met
    /// (three consumers *and* real traffic), besides any one above.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub together: BTreeMap<Measure, f64>,
    /// One sentence on why these thresholds.
    #[serde(default)]
    pub why: Option<String>,
}

/// A prop and the values of it that make a store strongly consistent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StrongWhen {
    pub prop: String,
    pub values: Vec<String>,
}

/// A number of the context that a kind's justification can name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    PeakRps,
    WriteRps,
    EventsPerSec,
    DataGb,
    Users,
    Engineers,
    /// Independent consumers of the component itself.
    Consumers,
    /// Availability target, in percent.
    Availability,
}

impl Measure {
    /// `value` in words, e.g. "1,000 writes/s" or "a 99.95% availability target".
    pub fn phrase(self, value: f64) -> String {
        let unit = match self {
            Measure::PeakRps => "requests/s at peak",
            Measure::WriteRps => "writes/s",
            Measure::EventsPerSec => "events/s at peak",
            Measure::DataGb => "GB of data",
            Measure::Users => "users",
            Measure::Engineers => "engineers",
            Measure::Consumers => "independent consumers",
            Measure::Availability => {
                return format!("a {} availability target", super::num::pct(value));
            }
        };
        format!("{} {unit}", super::num::fmt(value))
    }
}

impl Justification {
    /// The thresholds set, any one of which justifies the kind.
    pub fn thresholds(&self) -> Vec<(Measure, f64)> {
        [
            (Measure::PeakRps, self.peak_rps),
            (Measure::WriteRps, self.write_rps),
            (Measure::EventsPerSec, self.events_per_sec),
            (Measure::DataGb, self.data_gb),
            (Measure::Users, self.users),
            (Measure::Engineers, self.engineers),
            (Measure::Consumers, self.consumers),
            (Measure::Availability, self.availability),
        ]
        .into_iter()
        .filter_map(|(m, v)| v.map(|v| (m, v)))
        .collect()
    }

    /// True when no threshold is set.
    pub fn always(&self) -> bool {
        self.thresholds().is_empty() && self.together.is_empty()
    }

    /// The thresholds that must all be met together, if any.
    pub fn together(&self) -> Vec<(Measure, f64)> {
        self.together.iter().map(|(&m, &v)| (m, v)).collect()
    }
}

/// Type of a prop value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PropType {
    Bool,
    Int,
    Number,
    Enum,
    String,
}

/// A prop a kind accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PropSpec {
    #[serde(rename = "type")]
    pub ty: PropType,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<PropValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

impl PropSpec {
    /// Checks a value against the spec; `Err` says what was expected.
    pub fn check(&self, v: &PropValue) -> Result<(), String> {
        match (self.ty, v) {
            (PropType::Bool, PropValue::Bool(_)) => Ok(()),
            (PropType::Bool, _) => Err("expected true or false".into()),
            (PropType::Int, PropValue::Int(i)) => self.range(*i as f64),
            (PropType::Int, _) => Err("expected a whole number".into()),
            (PropType::Number, PropValue::Int(i)) => self.range(*i as f64),
            (PropType::Number, PropValue::Float(f)) => self.range(*f),
            (PropType::Number, _) => Err("expected a number".into()),
            (PropType::Enum, v) => {
                let s = v.to_string();
                if self.values.contains(&s) {
                    Ok(())
                } else {
                    Err(format!("expected one of: {}", self.values.join(", ")))
                }
            }
            (PropType::String, PropValue::Str(_)) => Ok(()),
            (PropType::String, _) => Err("expected text".into()),
        }
    }

    fn range(&self, x: f64) -> Result<(), String> {
        if let Some(min) = self.min
            && x < min
        {
            return Err(format!("must be at least {min}"));
        }
        if let Some(max) = self.max
            && x > max
        {
            return Err(format!("must be at most {max}"));
        }
        Ok(())
    }
}

/// One component kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Kind {
    pub id: String,
    pub name: String,
    pub category: Category,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: String,
    /// Per instance. Absent for clients.
    #[serde(default)]
    pub capacity: Option<Capacity>,
    pub cost_usd_month: HostedPair,
    pub ops_hours_month: HostedPair,
    pub consistency: Consistency,
    #[serde(default)]
    pub stateful: bool,
    /// Highly available as bought, whatever the replica count (SQS, S3, providers).
    #[serde(default)]
    pub highly_available: bool,
    /// Highly available when `managed: true` (a managed multi-AZ service).
    #[serde(default)]
    pub ha_when_managed: bool,
    /// Messages put here survive a consumer outage, so an async hop through it
    /// turns "broken" into "delayed".
    #[serde(default)]
    pub durable: bool,
    /// Typical time one call takes, in milliseconds.
    #[serde(default)]
    pub latency_ms: f64,
    /// Works by polling on a timer rather than reacting to events.
    #[serde(default)]
    pub polling: bool,
    /// A deployable service the team writes and ships (counts toward services per engineer).
    #[serde(default)]
    pub deployable: bool,
    /// A prop setting that makes reads strongly consistent where the kind's
    /// default is weaker (DynamoDB `consistent_reads: true`).
    #[serde(default)]
    pub strong_when: Option<StrongWhen>,
    /// One instance (the primary) takes every write; replicas add read
    /// capacity and a standby, not write capacity.
    #[serde(default)]
    pub single_writer: bool,
    /// Typical availability of one instance, in percent.
    #[serde(default = "default_availability")]
    pub availability: f64,
    /// Availability of the managed product (its SLA), where it differs.
    #[serde(default)]
    pub availability_managed: Option<f64>,
    /// Seconds an automatic failover leaves the kind unavailable (detecting
    /// the dead primary, promoting a replica, clients reconnecting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failover_s: Option<f64>,
    #[serde(default)]
    pub justified_when: Justification,
    /// Simpler kinds to suggest instead, best first.
    #[serde(default)]
    pub alternatives: Vec<String>,
    /// What to do instead, in a phrase ("a job table in the Postgres you already run").
    #[serde(default)]
    pub alternative_note: Option<String>,
    #[serde(default)]
    pub props: BTreeMap<String, PropSpec>,
    /// The jobs the kind can do, its main one first (Redis: a cache, a job
    /// queue, a rate limiter...), with what differs per job. Without it, the
    /// kind plays the role its category implies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleSpec>,
    /// Items per write when a consumer draining a queue or stream writes
    /// here and its link gives no `batch`: analytics stores are fed by bulk
    /// inserts, not one row per call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer_batch: Option<f64>,
    /// What one duplicated call does (a second email, a second charge), for
    /// kinds whose calls have effects outside the system; its severity is
    /// how bad one duplicate is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<Duplicate>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
}

/// The harm of one duplicated call to a kind with outside effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duplicate {
    /// How bad one duplicate is.
    pub severity: super::Severity,
    /// What a duplicate is, in a phrase ("a second email to the same person").
    pub what: String,
    /// Calls to the kind may be lookups (a vendor's API): a call counts as
    /// an outside effect only where a flow is routed over it, not where a
    /// service calls it on the side while doing other work. Kinds whose
    /// every call sends something (email, SMS, a charge) leave it out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub may_read: bool,
}

/// The job a component does, whatever its kind.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Keeps data of record.
    Store,
    /// Answers repeated reads in front of or beside a store.
    Cache,
    /// Holds jobs until a worker takes each one.
    Queue,
    /// An ordered, replayable log of events for several consumers.
    Stream,
    /// Broadcasts messages to whoever listens now; nothing is kept.
    Pubsub,
    /// Counts requests per caller to turn the excess away.
    RateLimiter,
    /// Holds logged-in users' sessions.
    SessionStore,
    /// Hands out short leases so one worker at a time does a thing.
    Lock,
    /// Answers text and filter queries over a copy of the data.
    Search,
    /// Starts requests from outside the system: a browser, an app, a device.
    Client,
    /// Passes each request on to a component behind it: a balancer, a
    /// gateway, a proxy, a CDN for what it does not answer.
    Router,
    /// Runs the team's code on requests, jobs or events.
    Service,
    /// Another company's service, reached over the network.
    Provider,
    /// Runs, schedules, configures or coordinates the system's own parts.
    Platform,
    /// Collects the system's logs, metrics or traces.
    Telemetry,
}

impl Role {
    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Store => "store",
            Role::Cache => "cache",
            Role::Queue => "queue",
            Role::Stream => "stream",
            Role::Pubsub => "pubsub",
            Role::RateLimiter => "rate-limiter",
            Role::SessionStore => "session-store",
            Role::Lock => "lock",
            Role::Search => "search",
            Role::Client => "client",
            Role::Router => "router",
            Role::Service => "service",
            Role::Provider => "provider",
            Role::Platform => "platform",
            Role::Telemetry => "telemetry",
        }
    }

    /// Roles that hold work until a consumer takes it.
    pub fn buffers(self) -> bool {
        matches!(self, Role::Queue | Role::Stream)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One role a kind can play and what differs from the kind's own figures
/// when it plays it (anything left out is the kind's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RoleSpec {
    pub role: Role,
    /// When this role pays off; `{}` means it does at any size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justified_when: Option<Justification>,
    /// Capacity per instance in this role, where the job costs more (or
    /// less) than the kind's plain reads and writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// Whether the work or data survives a restart in this role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub durable: Option<bool>,
    /// What readers see in this role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consistency: Option<Consistency>,
    /// Simpler kinds that do this job at a small size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative_note: Option<String>,
}

fn default_availability() -> f64 {
    99.5
}

impl Kind {
    /// Capacity per instance, or unlimited where none is given.
    pub fn capacity(&self) -> Capacity {
        self.capacity.unwrap_or(Capacity {
            read_rps: f64::INFINITY,
            write_rps: f64::INFINITY,
            relay_rps: None,
        })
    }

    /// Availability of one instance, percent, given how it is run.
    pub fn availability(&self, managed: bool) -> f64 {
        if managed {
            self.availability_managed.unwrap_or(self.availability)
        } else {
            self.availability
        }
    }

    /// Highly available given how it is run.
    pub fn inherently_ha(&self, managed: bool) -> bool {
        self.highly_available || (managed && self.ha_when_managed)
    }

    /// The role the kind plays unless told or shown otherwise.
    pub fn main_role(&self) -> Option<Role> {
        self.roles.first().map(|r| r.role).or(match self.category {
            Category::Cache => Some(Role::Cache),
            Category::Queue => Some(Role::Queue),
            Category::Stream => Some(Role::Stream),
            Category::Database | Category::Storage => Some(Role::Store),
            Category::Search => Some(Role::Search),
            _ => None,
        })
    }

    /// What the kind is in a system, whatever data it keeps or carries: a
    /// client, a router, a service, a provider, platform or telemetry. None
    /// for kinds whose only jobs are the data roles (store, cache, queue...).
    pub fn standing(&self) -> Option<Role> {
        match self.category {
            Category::Client => Some(Role::Client),
            Category::Edge => Some(Role::Router),
            Category::Compute => Some(Role::Service),
            Category::External => Some(Role::Provider),
            Category::Platform => Some(Role::Platform),
            Category::Observability => Some(Role::Telemetry),
            _ => None,
        }
    }

    /// True when the kind stands as `role` in a system (see [`Kind::standing`]).
    pub fn is(&self, role: Role) -> bool {
        self.standing() == Some(role)
    }

    /// True when a name in a file (a flow's endpoint, a drill, a prompt's
    /// requirement) means this kind: its id or its category.
    pub fn answers_to(&self, name: &str) -> bool {
        self.id == name || Category::parse(name) == Some(self.category)
    }

    /// Every role the kind can play.
    pub fn plays(&self) -> Vec<Role> {
        if self.roles.is_empty() {
            self.main_role().into_iter().collect()
        } else {
            self.roles.iter().map(|r| r.role).collect()
        }
    }

    /// What differs when the kind plays `role`.
    pub fn role_spec(&self, role: Role) -> Option<&RoleSpec> {
        self.roles.iter().find(|r| r.role == role)
    }
}

/// The file form of the catalog.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
struct CatalogFile {
    version: u32,
    kinds: Vec<Kind>,
    /// Nouns for records many requests write at once (stock, a seat, a
    /// balance): a strongly consistent entity called one of these is
    /// contended unless the design says otherwise.
    #[serde(default)]
    contended_records: Vec<String>,
}

/// All kinds, indexed by id and alias.
#[derive(Debug, Clone)]
pub struct Catalog {
    kinds: Vec<Kind>,
    by_id: HashMap<String, usize>,
    contended_records: Vec<String>,
}

impl Catalog {
    /// Builds a catalog from kinds; later duplicates are reported by [`Catalog::problems`].
    pub fn new(kinds: Vec<Kind>) -> Catalog {
        let mut by_id = HashMap::new();
        for (i, k) in kinds.iter().enumerate() {
            by_id.entry(k.id.clone()).or_insert(i);
        }
        Catalog {
            kinds,
            by_id,
            contended_records: Vec::new(),
        }
    }

    /// The nouns for records many requests write at once (lowercase,
    /// singular), from the catalog's `contended_records`.
    pub fn contended_records(&self) -> &[String] {
        &self.contended_records
    }

    /// Deserialises the catalog from any serde data (the io layer parses the YAML).
    pub fn from_kinds(kinds: Vec<Kind>) -> Catalog {
        Catalog::new(kinds)
    }

    /// Every kind in file order.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// The kind with this id.
    pub fn get(&self, id: &str) -> Option<&Kind> {
        self.by_id.get(id).map(|&i| &self.kinds[i])
    }

    /// The kind whose id or alias is exactly `name`.
    pub fn resolve(&self, name: &str) -> Option<&Kind> {
        self.get(name).or_else(|| {
            self.kinds
                .iter()
                .find(|k| k.aliases.iter().any(|a| a.eq_ignore_ascii_case(name)))
        })
    }

    /// Internal consistency: unique ids, alternatives that exist, sane figures.
    pub fn problems(&self) -> Vec<super::Problem> {
        use super::Problem;
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, k) in self.kinds.iter().enumerate() {
            let at = format!("kinds[{i}]");
            if !seen.insert(k.id.as_str()) {
                out.push(Problem::error(
                    format!("{at}.id"),
                    format!("duplicate kind id `{}`", k.id),
                ));
            }
            for a in &k.alternatives {
                if self.get(a).is_none() {
                    out.push(Problem::error(
                        format!("{at}.alternatives"),
                        format!("kind `{}` suggests unknown kind `{a}`", k.id),
                    ));
                }
            }
            if let Some(c) = k.capacity
                && (c.read_rps <= 0.0 || c.write_rps < 0.0 || c.relay_rps.is_some_and(|r| r <= 0.0))
            {
                out.push(Problem::error(
                    format!("{at}.capacity"),
                    format!("kind `{}` has a capacity that is not positive", k.id),
                ));
            }
            if !(0.0..=100.0).contains(&k.availability) {
                out.push(Problem::error(
                    format!("{at}.availability"),
                    format!("kind `{}` availability must be a percentage", k.id),
                ));
            }
            if let Some(sw) = &k.strong_when {
                match k.props.get(&sw.prop) {
                    None => out.push(Problem::error(
                        format!("{at}.strong_when.prop"),
                        format!("kind `{}`: `strong_when` names prop `{}`, which the kind does not have", k.id, sw.prop),
                    )),
                    Some(spec) => {
                        for v in &sw.values {
                            if let Err(e) = spec.check(&PropValue::parse(v)) {
                                out.push(Problem::error(
                                    format!("{at}.strong_when.values"),
                                    format!("kind `{}`: `strong_when` value `{v}` of `{}`: {e}", k.id, sw.prop),
                                ));
                            }
                        }
                    }
                }
            }
            for (name, spec) in &k.props {
                if let Some(contract) = super::props::engine_prop(name) {
                    out.extend(contract_problems(&at, &k.id, name, spec, contract));
                }
                if let Some(d) = &spec.default
                    && let Err(e) = spec.check(d)
                {
                    out.push(Problem::error(
                        format!("{at}.props.{name}"),
                        format!("default of `{name}` on `{}`: {e}", k.id),
                    ));
                }
            }
        }
        out
    }

    /// Props the engine reads that no kind declares: in a full catalog that
    /// means one was renamed on one side only. (Small test catalogs skip it.)
    pub fn uncovered_engine_props(&self) -> Vec<super::Problem> {
        super::props::ENGINE_PROPS
            .iter()
            .filter(|p| !self.kinds.iter().any(|k| k.props.contains_key(p.name)))
            .map(|p| {
                super::Problem::error(
                    "kinds",
                    format!("no kind declares prop `{}`, which the engine reads", p.name),
                )
                .hint("the engine's props are listed in src/model/props.rs; rename both or neither")
            })
            .collect()
    }
}

/// Where a kind's prop disagrees with what the engine reads of it.
fn contract_problems(
    at: &str,
    kind: &str,
    name: &str,
    spec: &PropSpec,
    contract: &super::props::EngineProp,
) -> Vec<super::Problem> {
    let mut out = Vec::new();
    let compatible =
        spec.ty == contract.ty || (contract.ty == PropType::Number && spec.ty == PropType::Int);
    if !compatible {
        out.push(super::Problem::error(
            format!("{at}.props.{name}.type"),
            format!(
                "kind `{kind}`: prop `{name}` is {:?} here but the engine reads it as {:?}",
                spec.ty, contract.ty
            ),
        ));
    }
    for v in &spec.values {
        if !contract.values.is_empty() && !contract.values.contains(&v.as_str()) {
            out.push(
                super::Problem::error(
                    format!("{at}.props.{name}.values"),
                    format!(
                        "kind `{kind}`: value `{v}` of prop `{name}` means nothing to the engine"
                    ),
                )
                .hint(format!("the engine knows: {}", contract.values.join(", "))),
            );
        }
    }
    out
}

impl JsonSchema for Catalog {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Catalog".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        CatalogFile::json_schema(generator)
    }
}

impl<'de> Deserialize<'de> for Catalog {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let file = CatalogFile::deserialize(d)?;
        let mut catalog = Catalog::new(file.kinds);
        catalog.contended_records = file
            .contended_records
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        Ok(catalog)
    }
}
