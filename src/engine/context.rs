//! Resolves what a design is judged against: its own `context`, or its
//! scenario stage, with prompt answers applied and missing numbers assumed.

use crate::model::scenario::Requirement;
use crate::model::{Consistency, Context, Design, Entity, Flow, Pack, StageRef};

pub use super::policy::OPS_HOURS_PER_ENGINEER;
use super::policy::{
    DEFAULT_AVAILABILITY, DEFAULT_DATA_GB, DEFAULT_ENGINEERS, DEFAULT_USERS, DEFAULT_WRITE_SHARE,
    EVENT_BURST, USERS_PER_PEAK_RPS,
};
use crate::model::num::fmt;

pub use super::report::{FigureRow, Source};

/// A chosen option that carries a risk.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskyChoice {
    pub prompt: String,
    pub option: String,
    pub label: String,
    pub severity: crate::model::Severity,
    pub consequence: String,
    pub reasoning: String,
}

/// An entity weakened by an answer below what the scenario needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Weakened {
    pub entity: String,
    pub needed: Consistency,
    pub chosen: Consistency,
    pub prompt: String,
    pub option: String,
}

/// Everything the rules need about the world the design lives in.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub scenario: Option<String>,
    pub stage: Option<String>,
    pub users: f64,
    pub peak_rps: f64,
    pub write_rps: f64,
    /// Average events per second over the day.
    pub events_per_sec: f64,
    /// Peak events per second (bursts).
    pub peak_events_per_sec: f64,
    pub data_gb: f64,
    pub engineers: f64,
    pub team_ops_hours: f64,
    pub budget: Option<f64>,
    pub availability: f64,
    pub entities: Vec<Entity>,
    pub flows: Vec<Flow>,
    /// Ids of the flows the design declares itself (not its scenario's).
    pub own_flows: std::collections::BTreeSet<String>,
    pub requirements: Vec<(String, Requirement)>,
    pub risky: Vec<RiskyChoice>,
    pub weakened: Vec<Weakened>,
    pub assumptions: Vec<String>,
}

impl Resolved {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Multiplies every load figure (a traffic drill).
    pub fn spike(&mut self, x: f64) {
        self.users *= x;
        self.peak_rps *= x;
        self.write_rps *= x;
        self.events_per_sec *= x;
        self.peak_events_per_sec *= x;
    }
}

/// Resolves the context for `design`. `stage` overrides the design's own stage.
pub fn resolve(design: &Design, pack: Option<&Pack>, stage: Option<&StageRef>) -> Resolved {
    let mut assumptions = Vec::new();
    let stage_ref = stage.or(design.stage.as_ref());
    let (base, stage_id) = scenario_base(pack, stage_ref, &mut assumptions);
    let own_flows = design
        .context
        .iter()
        .flat_map(|c| c.flows.iter())
        .filter(|f| !base.flows.iter().any(|b| b.id == f.id))
        .map(|f| f.id.clone())
        .collect();
    let ctx = match &design.context {
        Some(own) => base.overlay(own),
        None => base,
    };
    let load = ctx.load.clone().unwrap_or_default();
    let users = load.users.unwrap_or_else(|| {
        assumptions.push(format!("users not given: assumed {}", fmt(DEFAULT_USERS)));
        DEFAULT_USERS
    });
    let peak_rps = load.peak_rps.unwrap_or_else(|| {
        // Roughly one request a second per 2,000 users at peak: typical for
        // business apps where a user acts a few times an hour.
        let v = (users / USERS_PER_PEAK_RPS).max(1.0);
        assumptions.push(format!(
            "peak_rps not given: assumed {} (one request a second per {} users)",
            fmt(v),
            fmt(USERS_PER_PEAK_RPS)
        ));
        v
    });
    let write_rps = load.write_rps.unwrap_or_else(|| {
        let v = peak_rps * DEFAULT_WRITE_SHARE;
        assumptions.push(format!(
            "write_rps not given: assumed {} ({}% of peak)",
            fmt(v),
            fmt(DEFAULT_WRITE_SHARE * 100.0)
        ));
        v
    });
    let events_per_day = load.events_per_day.unwrap_or(0.0);
    let events_per_sec = events_per_day / 86_400.0;
    // Events bunch up; without a stated peak assume a burst over the average.
    let peak_events_per_sec = load
        .peak_events_per_sec
        .unwrap_or(events_per_sec * EVENT_BURST);
    let data_gb = load.data_gb.unwrap_or_else(|| {
        assumptions.push(format!(
            "data_gb not given: assumed {} GB",
            fmt(DEFAULT_DATA_GB)
        ));
        DEFAULT_DATA_GB
    });
    let team = ctx.team.clone().unwrap_or_default();
    let engineers = team.engineers.unwrap_or_else(|| {
        assumptions.push(format!(
            "team size not given: assumed {} engineers",
            fmt(DEFAULT_ENGINEERS)
        ));
        DEFAULT_ENGINEERS
    });
    let team_ops_hours = team
        .ops_hours_per_month
        .unwrap_or(engineers * OPS_HOURS_PER_ENGINEER);
    let availability = ctx.availability.unwrap_or_else(|| {
        assumptions.push(format!(
            "availability target not given: assumed {}%",
            fmt(DEFAULT_AVAILABILITY)
        ));
        DEFAULT_AVAILABILITY
    });

    let mut entities = ctx.entities.clone();
    let mut flows = ctx.flows.clone();
    let Answered {
        requirements,
        risky,
        weakened,
    } = apply_answers(design, pack, stage_id.as_deref(), &mut entities, &mut flows);
    Resolved {
        scenario: design.scenario.clone(),
        stage: stage_id,
        users,
        peak_rps,
        write_rps,
        events_per_sec,
        peak_events_per_sec,
        data_gb,
        engineers: engineers.max(1.0),
        team_ops_hours,
        budget: ctx.budget_usd_per_month,
        availability,
        entities,
        flows,
        own_flows,
        requirements,
        risky,
        weakened,
        assumptions,
    }
}

/// The context a scenario's stage gives (the first stage when none is
/// named, which is assumed aloud), and the stage's id; an empty context
/// without a scenario.
fn scenario_base(
    pack: Option<&Pack>,
    stage_ref: Option<&StageRef>,
    assumptions: &mut Vec<String>,
) -> (Context, Option<String>) {
    match pack {
        Some(p) => {
            let st = stage_ref
                .and_then(|r| p.stage(r))
                .or_else(|| p.stages.first());
            if stage_ref.is_none()
                && let Some(s) = st
            {
                assumptions.push(format!(
                    "no stage given: judged at the first stage, `{}`",
                    s.id
                ));
            }
            match st {
                Some(s) => (p.stage_context(s), Some(s.id.clone())),
                None => (
                    Context {
                        entities: p.entities.clone(),
                        flows: p.flows.clone(),
                        ..Context::default()
                    },
                    None,
                ),
            }
        }
        None => (Context::default(), None),
    }
}

/// What the design's answers to the scenario's prompts bring.
struct Answered {
    requirements: Vec<(String, Requirement)>,
    risky: Vec<RiskyChoice>,
    weakened: Vec<Weakened>,
}

/// Applies the design's answers: consistency they settle for and flow modes
/// they choose change `entities` and `flows`; the safeguards they require,
/// the risks they carry and the consistency they give up are returned.
fn apply_answers(
    design: &Design,
    pack: Option<&Pack>,
    stage_id: Option<&str>,
    entities: &mut [Entity],
    flows: &mut [Flow],
) -> Answered {
    let mut requirements = Vec::new();
    let mut risky = Vec::new();
    let mut weakened = Vec::new();
    if let Some(p) = pack {
        for (prompt_id, option_id) in &design.answers {
            let Some(prompt) = p.prompt(prompt_id) else {
                continue;
            };
            let Some(opt) = prompt.options.iter().find(|o| o.id == *option_id) else {
                continue;
            };
            for (entity, chosen) in &opt.effects.consistency {
                if let Some(e) = entities.iter_mut().find(|e| e.id == *entity) {
                    if *chosen < e.consistency {
                        weakened.push(Weakened {
                            entity: entity.clone(),
                            needed: e.consistency,
                            chosen: *chosen,
                            prompt: prompt_id.clone(),
                            option: option_id.clone(),
                        });
                    }
                    e.consistency = *chosen;
                }
            }
            for (flow, mode) in &opt.effects.flow_mode {
                if let Some(f) = flows.iter_mut().find(|f| f.id == *flow) {
                    f.mode = *mode;
                }
            }
            for r in &opt.effects.require {
                requirements.push((format!("{prompt_id}={option_id}"), r.clone()));
            }
            let risk = stage_id
                .and_then(|st| opt.risk_by_stage.get(st))
                .or(opt.risk.as_ref())
                .and_then(|r| r.severity());
            if let Some(risk) = risk {
                risky.push(RiskyChoice {
                    prompt: prompt_id.clone(),
                    option: option_id.clone(),
                    label: opt.label.clone(),
                    severity: risk,
                    consequence: opt.consequence.clone(),
                    reasoning: opt.reasoning.clone(),
                });
            }
        }
    }
    Answered {
        requirements,
        risky,
        weakened,
    }
}

/// Every figure of [`crate::model::FIGURES`] as the engine judges `design`
/// with `r` (resolved at `stage`, else the design's own): the value judged
/// against, the design's own value, and whether the design, the scenario
/// stage or an assumption gives it.
pub fn figures(
    design: &Design,
    pack: Option<&Pack>,
    stage: Option<&StageRef>,
    r: &Resolved,
) -> Vec<FigureRow> {
    use crate::model::FigureId as F;
    let (stage, stage_id) = scenario_base(pack, stage.or(design.stage.as_ref()), &mut Vec::new());
    crate::model::FIGURES
        .iter()
        .map(|f| {
            let own = design.context.as_ref().and_then(f.get);
            let staged = (f.get)(&stage);
            let value = match f.id {
                F::Users => Some(r.users),
                F::PeakRps => Some(r.peak_rps),
                F::WriteRps => Some(r.write_rps),
                F::EventsPerDay => Some(r.events_per_sec * 86_400.0),
                F::DataGb => Some(r.data_gb),
                F::Engineers => Some(r.engineers),
                F::OpsHours => Some(r.team_ops_hours),
                F::Budget => r.budget,
                F::Availability => Some(r.availability),
            };
            let source = if own.is_some() {
                Source::Design
            } else if staged.is_some() {
                Source::Stage(stage_id.clone().unwrap_or_default())
            } else {
                match f.id {
                    F::Users | F::DataGb | F::Engineers | F::Availability => {
                        Source::Assumed("a typical figure".into())
                    }
                    F::PeakRps => Source::Assumed(format!(
                        "one a second per {} users",
                        fmt(USERS_PER_PEAK_RPS)
                    )),
                    F::WriteRps => {
                        Source::Assumed(format!("{}% of peak", fmt(DEFAULT_WRITE_SHARE * 100.0)))
                    }
                    F::OpsHours => {
                        Source::Assumed(format!("{} h per engineer", fmt(OPS_HOURS_PER_ENGINEER)))
                    }
                    F::EventsPerDay => Source::Unset("no background work".into()),
                    F::Budget => Source::Unset("cost not held to a budget".into()),
                }
            };
            FigureRow {
                figure: f,
                own,
                value,
                source,
            }
        })
        .collect()
}

#[cfg(test)]
mod figure_tests {
    use super::*;
    use crate::model::FigureId;

    fn row(rows: &[FigureRow], id: FigureId) -> &FigureRow {
        rows.iter()
            .find(|r| r.figure.id == id)
            .expect("every figure")
    }

    #[test]
    fn each_figure_says_where_it_comes_from() {
        let pack: Pack = serde_yaml::from_str(
            "id: shop\ntitle: Shop\nsummary: A shop\nbrief: Design a shop.\nstages:\n  - id: launch\n    title: Launch\n    context: { load: { users: 100, peak_rps: 5 } }\n",
        )
        .expect("a pack");
        let mut d = Design {
            scenario: Some(pack.id.clone()),
            ..Design::default()
        };
        d.context =
            crate::model::figure::figure("users").and_then(|f| f.with(None, Some(50_000.0)));
        let r = resolve(&d, Some(&pack), None);
        let rows = figures(&d, Some(&pack), None, &r);
        assert_eq!(rows.len(), crate::model::FIGURES.len());
        let users = row(&rows, FigureId::Users);
        assert_eq!((users.value, users.own), (Some(50_000.0), Some(50_000.0)));
        assert_eq!(users.source, Source::Design);
        let first = pack
            .stages
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let peak = row(&rows, FigureId::PeakRps);
        assert_eq!(peak.source, Source::Stage(first));
        assert_eq!(peak.value, Some(r.peak_rps));
        // Without a scenario: assumed, or judged without one.
        let alone = Design::default();
        let r = resolve(&alone, None, None);
        let rows = figures(&alone, None, None, &r);
        let users = row(&rows, FigureId::Users);
        assert!(matches!(users.source, Source::Assumed(_)), "{users:?}");
        assert_eq!(users.value, Some(DEFAULT_USERS));
        let ops = row(&rows, FigureId::OpsHours);
        assert_eq!(ops.value, Some(DEFAULT_ENGINEERS * OPS_HOURS_PER_ENGINEER));
        let budget = row(&rows, FigureId::Budget);
        assert_eq!(budget.value, None);
        assert!(matches!(budget.source, Source::Unset(_)), "{budget:?}");
    }
}
