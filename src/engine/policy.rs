//! Every threshold and default the engine judges by, in one place, each with
//! the reason for its value. Rules read these; a change here is a change of
//! judgement and shows up in the calibration, corpus and panel tests.

// --- Assumptions when a design does not give a figure ---------------------

/// Users assumed when none are given.
pub const DEFAULT_USERS: f64 = 1000.0;
/// Users behind one request a second at peak, when `peak_rps` is missing:
/// a typical web product sees about one request a second per 2,000 users.
pub const USERS_PER_PEAK_RPS: f64 = 2000.0;
/// Share of peak requests that write, when `write_rps` is missing.
pub const DEFAULT_WRITE_SHARE: f64 = 0.1;
/// Peak events a second over the daily average, when `peak_events_per_sec`
/// is missing: background work arrives in bursts.
pub const EVENT_BURST: f64 = 10.0;
/// Data volume assumed when none is given, in GB.
pub const DEFAULT_DATA_GB: f64 = 10.0;
/// Team size assumed when none is given.
pub const DEFAULT_ENGINEERS: f64 = 4.0;
/// Availability target assumed when none is given, in percent.
pub const DEFAULT_AVAILABILITY: f64 = 99.9;
/// Hours a month one engineer can give to operations without the product
/// stalling (about a day in every week and a half).
pub const OPS_HOURS_PER_ENGINEER: f64 = 16.0;
/// Seconds an automatic failover costs for a kind that gives no
/// `failover_s`: detection, promotion and clients reconnecting.
pub const AUTOMATIC_FAILOVER_S: f64 = 60.0;
/// How long one instance's outage lasts when nothing takes over, in hours:
/// with an instance's availability it gives how often its primary fails
/// (99.5% is about one hour-long outage in every eight days).
pub const INSTANCE_OUTAGE_HOURS: f64 = 1.0;
/// The most a design in one region can reach, in percent: zones share a
/// region's control plane and network, and regional events last hours a
/// year. The same line as [`MULTI_REGION_MIN_AVAILABILITY`].
pub const ONE_REGION_AVAILABILITY: f64 = MULTI_REGION_MIN_AVAILABILITY;
/// The best availability (percent) vendors commonly sign up to in an SLA:
/// a target above it cannot rest on one vendor on the request path,
/// whatever that vendor's real figure is.
pub const COMMON_VENDOR_SLA: f64 = 99.95;
/// A flow whose expected downtime is this many times what its target allows
/// misses it badly (high rather than medium).
pub const AVAILABILITY_MISS_HIGH_FACTOR: f64 = 10.0;
/// Availability of one instance of a kind the catalog does not know.
pub const UNKNOWN_KIND_AVAILABILITY: f64 = 99.5;

// --- Capacity --------------------------------------------------------------

/// Utilisation above which a component is hot: latency climbs steeply and
/// there is no room for a retry storm.
pub const HOT_UTILISATION: f64 = 0.7;
/// Utilisation above which a component is over capacity.
pub const OVERLOAD_UTILISATION: f64 = 1.0;
/// Utilisation, against the catalog's rough per-instance figure for a kind,
/// above which an overload is certain enough to be critical: those figures
/// are napkin maths, right to within about a factor of two. A capacity the
/// team measured (`capacity:` on the component) is trusted at 100%.
pub const CERTAIN_OVERLOAD: f64 = 2.0;
/// Attempts one user request may make on the deepest hop of a synchronous
/// chain, retries multiplied along it, before that is a retry storm waiting
/// for a slow day: three layers retrying three times is 64.
pub const RETRY_AMPLIFICATION_LIMIT: f64 = 10.0;
/// Times today's replicas past which a capacity fix stops saying "run more"
/// and says the design must change (a cache, the edge, batching, a queue,
/// partitions): a fleet twenty times larger is a different system.
pub const SANE_REPLICA_MULTIPLE: f64 = 20.0;
/// Utilisation a capacity fix sizes a fleet for.
pub const TARGET_UTILISATION: f64 = 0.6;
/// Utilisation a right-sized fleet runs at when judging idle replicas: half
/// its capacity leaves room for a lost instance and a bad day.
pub const RIGHT_SIZED_UTILISATION: f64 = 0.5;
/// External calls slower than this (ms) on a user's path are worth a finding.
pub const SLOW_EXTERNAL_MS: f64 = 100.0;

// --- Over-engineering --------------------------------------------------------

/// Operations hours a month at or above which an unjustified component is a
/// high finding; the medium threshold follows.
pub const UNJUSTIFIED_HIGH_OPS_HOURS: f64 = 10.0;
/// Monthly cost (USD) at or above which an unjustified component is high.
pub const UNJUSTIFIED_HIGH_COST: f64 = 300.0;
/// Operations hours a month at or above which an unjustified component is medium.
pub const UNJUSTIFIED_MEDIUM_OPS_HOURS: f64 = 3.0;
/// Monthly cost (USD) at or above which an unjustified component is medium.
pub const UNJUSTIFIED_MEDIUM_COST: f64 = 50.0;
/// Availability target (percent) below which one region across zones meets it.
pub const MULTI_REGION_MIN_AVAILABILITY: f64 = 99.95;
/// Regions at or above which an unneeded multi-region setup is high.
pub const MULTI_REGION_HIGH: f64 = 3.0;
/// Services per engineer a team carries on larger teams (small teams get one
/// each plus one): past that, keeping services talking eats the week.
pub const SERVICES_PER_ENGINEER: f64 = 1.5;
/// A limit exceeded by this factor or more turns a medium finding high
/// (services, operations hours, budget).
pub const OVERRUN_HIGH_FACTOR: f64 = 2.0;
/// Availability target (percent) from which any fleet wants a third copy.
pub const QUORUM_AVAILABILITY: f64 = 99.99;
/// Smallest monthly saving (USD) worth an idle-replicas finding.
pub const MIN_IDLE_SAVING: f64 = 50.0;
/// Share of the monthly budget below which an idle-replicas saving is not
/// worth raising.
pub const IDLE_SAVING_BUDGET_SHARE: f64 = 0.02;
/// Extra operations load per replica beyond the first, as a share of the
/// kind's hours, and its cap: more instances are more to patch, not
/// proportionally more.
pub const OPS_PER_EXTRA_REPLICA: f64 = 0.1;
/// Cap on [`OPS_PER_EXTRA_REPLICA`] summed over replicas.
pub const OPS_EXTRA_REPLICAS_CAP: f64 = 0.5;

// --- Scores ------------------------------------------------------------------

/// Points a finding of each severity takes from its category's 100
/// (info, low, medium, high, critical).
pub const SEVERITY_WEIGHTS: [f64; 5] = [0.0, 4.0, 10.0, 22.0, 40.0];
/// Points a finding of this severity takes off its category score.
pub fn penalty(severity: crate::model::Severity) -> f64 {
    SEVERITY_WEIGHTS[severity as usize]
}
/// The highest overall score a design with 0, 1, 2, 3 and 4 or more open
/// high or critical findings can get: one problem a reviewer would block on
/// keeps it out of the good band (80+), three put it in the poor band.
pub const SERIOUS_FINDING_CAPS: [f64; 5] = [100.0, 79.0, 64.0, 49.0, 39.0];
/// Category score from which further losses tail off (each further 40
/// points lost keeps about a third of what is left) rather than going
/// straight to 0.
pub const SCORE_TAIL_FROM: f64 = 40.0;
/// The highest overall score with 0, 1 and 2 or more open critical
/// findings: a design whose database falls over at peak, or that charges a
/// card twice, is not "ok with caveats".
pub const CRITICAL_FINDING_CAPS: [f64; 3] = [100.0, 59.0, 49.0];
/// Share of the worst category's gap to 100 taken off the overall score:
/// one terrible category drags the design down.
pub const WORST_CATEGORY_DRAG: f64 = 0.25;
/// Share of the risky constraint answers' penalty taken off the overall score.
pub const DECISION_PENALTY_SHARE: f64 = 0.5;
/// Discovery credit for a key question asked after drawing began.
pub const LATE_QUESTION_CREDIT: f64 = 0.5;
/// Discovery points lost per distractor question asked.
pub const DISTRACTOR_PENALTY: f64 = 5.0;
/// Fixes priced by re-running the engine, at most, per report.
pub const MAX_PRICED_FIXES: usize = 40;
/// Components times priced fixes one report may spend on pricing: 40 fixes
/// up to 2,500 components, then fewer, so `score` stays within a few
/// seconds on the largest designs napkin takes.
pub const PRICING_BUDGET: usize = 100_000;
/// Fixes priced however large the design: the worst findings keep a price.
pub const MIN_PRICED_FIXES: usize = 3;
/// Designs from this size price their fixes on every core (below it, the
/// threads cost more than they save).
pub const PARALLEL_PRICING_FROM: usize = 1_000;

/// A component whose own routed load is below this share of the rate that
/// justifies its kind is judged by its own load, not the system's.
pub const OWN_LOAD_SHARE: f64 = 0.1;
