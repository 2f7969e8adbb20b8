//! Interview mode's data: the phases of a round, the minutes a pack gives
//! each, and what a session records of an interview (phase times, typed
//! questions, first answers). The matching and shuffling live in
//! `engine::interview`; the clock is the app's.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A phase of an interview round, in the order they run.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Clarifying questions: users, load, team, budget.
    #[default]
    Requirements,
    /// Back-of-the-envelope numbers.
    Estimation,
    /// The boxes and arrows.
    HighLevelDesign,
    /// One or two parts in depth: failure, consistency, capacity.
    DeepDive,
    /// The interviewer's verdict: the report is revealed.
    WrapUp,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 5] = [
        Phase::Requirements,
        Phase::Estimation,
        Phase::HighLevelDesign,
        Phase::DeepDive,
        Phase::WrapUp,
    ];

    /// The id used in files and commands (`high-level-design`).
    pub fn id(self) -> &'static str {
        match self {
            Phase::Requirements => "requirements",
            Phase::Estimation => "estimation",
            Phase::HighLevelDesign => "high-level-design",
            Phase::DeepDive => "deep-dive",
            Phase::WrapUp => "wrap-up",
        }
    }

    /// The name shown on screen.
    pub fn title(self) -> &'static str {
        match self {
            Phase::Requirements => "requirements",
            Phase::Estimation => "estimation",
            Phase::HighLevelDesign => "high-level design",
            Phase::DeepDive => "deep dive",
            Phase::WrapUp => "wrap-up",
        }
    }

    /// The phase with this id.
    pub fn parse(id: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The phase after this one; wrap-up is last.
    pub fn next(self) -> Option<Phase> {
        let i = Phase::ALL.iter().position(|p| *p == self)?;
        Phase::ALL.get(i + 1).copied()
    }

    /// Its place in [`Phase::ALL`].
    pub fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// Minutes a pack gives each phase (`phases:` in `pack.yaml`). A phase left
/// out gets its default; the defaults add up to a 45-minute round.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct PhaseMinutes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimation: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_level_design: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deep_dive: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap_up: Option<u32>,
}

/// Minutes per phase when the pack gives none: 45 in all.
pub const DEFAULT_PHASE_MINUTES: [u32; 5] = [5, 5, 15, 15, 5];

impl PhaseMinutes {
    /// Minutes for each phase, in order, defaults filled in.
    pub fn resolved(&self) -> [u32; 5] {
        let given = [
            self.requirements,
            self.estimation,
            self.high_level_design,
            self.deep_dive,
            self.wrap_up,
        ];
        let mut out = DEFAULT_PHASE_MINUTES;
        for (o, g) in out.iter_mut().zip(given) {
            if let Some(m) = g {
                *o = m;
            }
        }
        out
    }
}

/// Seconds each phase gets in a round of `minutes` (when given) with the
/// pack's split: the split is scaled to the round, so `--minutes 20` keeps
/// the pack's proportions. Without `minutes`, the pack's own minutes.
pub fn phase_budgets(split: &PhaseMinutes, minutes: Option<u32>) -> [u64; 5] {
    let base = split.resolved();
    let total: u64 = base.iter().map(|m| u64::from(*m)).sum();
    let mut out = [0u64; 5];
    let Some(round) = minutes.filter(|_| total > 0) else {
        for (o, m) in out.iter_mut().zip(base) {
            *o = u64::from(m) * 60;
        }
        return out;
    };
    // Rounded where the running total falls, so the phases add up to the
    // round to the second.
    let (mut sum, mut given) = (0u64, 0u64);
    for (o, m) in out.iter_mut().zip(base) {
        sum += u64::from(m);
        let upto = (sum * 60 * u64::from(round) + total / 2) / total;
        *o = upto - given;
        given = upto;
    }
    out
}

/// Seconds each phase gets in an interview on `pack`: the pack's split
/// (`phases`), else the default split of its `minutes`; `minutes` given
/// rescales either.
pub fn pack_budgets(pack: &super::Pack, minutes: Option<u32>) -> [u64; 5] {
    match &pack.phases {
        Some(split) => phase_budgets(split, minutes),
        None => phase_budgets(&PhaseMinutes::default(), minutes.or(Some(pack.minutes))),
    }
}

/// What a session records of an interview (`session.interview` in a
/// design file). Its presence makes the session an interview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InterviewLog {
    /// The phase the round is in.
    #[serde(default)]
    pub phase: Phase,
    /// The clock is stopped.
    #[serde(default, skip_serializing_if = "is_false")]
    pub paused: bool,
    /// Orders the options of constraint prompts for this session.
    #[serde(default)]
    pub seed: u32,
    /// Each phase's time: what it was given and what it took.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<PhaseLog>,
    /// Questions as the candidate typed them, matched or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed: Vec<TypedQuestion>,
    /// Prompt id -> the option first chosen: answers are final until wrap-up.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub decided: BTreeMap<String, String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One phase's time in an interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PhaseLog {
    pub phase: Phase,
    /// Seconds the round gives it.
    pub budget_s: u64,
    /// Seconds spent in it so far (the clock stops while paused).
    #[serde(default)]
    pub spent_s: u64,
    /// The candidate was told it ran over.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nudged: bool,
}

/// A question as the candidate typed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TypedQuestion {
    /// The words typed.
    pub text: String,
    /// The pack questions it matched; empty when the interviewer declined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
    /// When, on the session clock.
    pub at_s: u64,
}

impl InterviewLog {
    /// A new round with these budgets, in the first phase.
    pub fn new(budgets: [u64; 5], seed: u32) -> InterviewLog {
        InterviewLog {
            phase: Phase::Requirements,
            paused: false,
            seed,
            phases: Phase::ALL
                .into_iter()
                .zip(budgets)
                .map(|(phase, budget_s)| PhaseLog {
                    phase,
                    budget_s,
                    spent_s: 0,
                    nudged: false,
                })
                .collect(),
            typed: Vec::new(),
            decided: BTreeMap::new(),
        }
    }

    /// The record of a phase, added (with no budget) if the file lacked it.
    pub fn phase_mut(&mut self, phase: Phase) -> &mut PhaseLog {
        let i = match self.phases.iter().position(|p| p.phase == phase) {
            Some(i) => i,
            None => {
                self.phases.push(PhaseLog {
                    phase,
                    budget_s: 0,
                    spent_s: 0,
                    nudged: false,
                });
                self.phases.len() - 1
            }
        };
        &mut self.phases[i]
    }

    /// The record of a phase, if kept.
    pub fn phase_log(&self, phase: Phase) -> Option<&PhaseLog> {
        self.phases.iter().find(|p| p.phase == phase)
    }

    /// The judgement is shown: the round has reached wrap-up.
    pub fn revealed(&self) -> bool {
        self.phase == Phase::WrapUp
    }

    /// Seconds spent over all phases.
    pub fn spent_s(&self) -> u64 {
        self.phases.iter().map(|p| p.spent_s).sum()
    }

    /// Seconds the whole round is given.
    pub fn budget_s(&self) -> u64 {
        self.phases.iter().map(|p| p.budget_s).sum()
    }
}

/// What is wrong with a pack's interview data: phases that leave no time,
/// synonyms with no words in them.
pub fn pack_problems(pack: &super::Pack, out: &mut Vec<super::Problem>) {
    if let Some(split) = &pack.phases
        && split.resolved().iter().all(|m| *m == 0)
    {
        out.push(
            super::Problem::error("phases", "the phases add up to 0 minutes")
                .hint("give each phase its minutes, e.g. `requirements: 5`"),
        );
    }
    for (i, q) in pack.questions.iter().enumerate() {
        for (j, s) in q.synonyms.iter().enumerate() {
            if !s.chars().any(char::is_alphanumeric) {
                out.push(
                    super::Problem::warning(
                        format!("questions[{i}].synonyms[{j}]"),
                        "a synonym with no words matches nothing",
                    )
                    .hint("remove it, or write the words a candidate would use"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_make_45_minutes_and_scale_to_the_round() {
        let d = PhaseMinutes::default();
        assert_eq!(phase_budgets(&d, None).iter().sum::<u64>(), 45 * 60);
        let b = phase_budgets(&d, Some(20));
        assert_eq!(b.iter().sum::<u64>(), 20 * 60);
        assert!(b[2].abs_diff(b[0] * 3) <= 2, "{b:?}");
        let pack = PhaseMinutes {
            deep_dive: Some(25),
            ..PhaseMinutes::default()
        };
        assert_eq!(pack.resolved(), [5, 5, 15, 25, 5]);
        assert_eq!(phase_budgets(&pack, None)[3], 25 * 60);
    }

    #[test]
    fn packs_with_no_time_or_empty_synonyms_are_told() {
        let mut pack: super::super::Pack = serde_yaml::from_str(
            "{id: p, title: t, summary: s, brief: b, stages: [{id: a, title: A, context: {}}], \
             questions: [{id: q, ask: A?, answer: B, synonyms: [ok, '  ']}], \
             phases: {requirements: 0, estimation: 0, high-level-design: 0, deep-dive: 0, wrap-up: 0}}",
        )
        .expect("parses");
        let mut out = Vec::new();
        pack_problems(&pack, &mut out);
        let paths: Vec<&str> = out.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["phases", "questions[0].synonyms[1]"]);
        pack.phases = Some(PhaseMinutes {
            wrap_up: Some(10),
            ..PhaseMinutes::default()
        });
        pack.questions[0].synonyms.pop();
        out.clear();
        pack_problems(&pack, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn phases_run_in_order_and_round_trip_their_ids() {
        assert_eq!(Phase::Requirements.next(), Some(Phase::Estimation));
        assert_eq!(Phase::WrapUp.next(), None);
        for p in Phase::ALL {
            assert_eq!(Phase::parse(p.id()), Some(p));
        }
        let mut log = InterviewLog::new([60; 5], 7);
        log.phase_mut(Phase::DeepDive).spent_s = 30;
        assert_eq!((log.spent_s(), log.budget_s()), (30, 300));
        assert!(!log.revealed());
    }
}
