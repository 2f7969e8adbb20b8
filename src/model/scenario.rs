//! Scenario packs: a brief, hidden facts, growth stages, prompts, drills and
//! reference designs. Packs are data; a new pack needs no Rust change.

use super::{Consistency, Context, Entity, Flow};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A scenario pack (`scenarios/<id>/pack.yaml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Pack {
    pub id: String,
    pub title: String,
    /// One line for lists.
    pub summary: String,
    #[serde(default = "medium")]
    pub difficulty: String,
    /// Length of a practice round.
    #[serde(default = "minutes")]
    pub minutes: u32,
    /// Minutes of each phase of an interview round, where the pack sets them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phases: Option<super::interview::PhaseMinutes>,
    /// The interviewer's opening words.
    pub brief: String,
    #[serde(default)]
    pub questions: Vec<Question>,
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub flows: Vec<Flow>,
    #[serde(default)]
    pub prompts: Vec<Prompt>,
    #[serde(default)]
    pub drills: Vec<Drill>,
    #[serde(default)]
    pub references: Vec<Reference>,
    /// What a mid, a senior and a staff answer covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<super::level::Levels>,
}

fn medium() -> String {
    "medium".into()
}

fn minutes() -> u32 {
    45
}

/// A clarifying question and the fact it reveals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Question {
    pub id: String,
    /// What the candidate asks.
    pub ask: String,
    /// What the interviewer answers.
    pub answer: String,
    /// Asking it early is what a senior engineer would do.
    #[serde(default)]
    pub key: bool,
    /// It sounds clever but wastes time.
    #[serde(default)]
    pub distractor: bool,
    /// Other words a candidate may use for it; an interview matches typed
    /// questions on these as well as on `ask`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
}

/// A growth stage: today, about a year on, at scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stage {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub context: Context,
    /// The figures the estimator checks that `context` lacks, with their
    /// source and arithmetic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimates: Option<super::estimate::StageFigures>,
}

/// A constraint prompt: a decision the candidate must make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Prompt {
    pub id: String,
    pub question: String,
    pub options: Vec<PromptOption>,
    /// How hard the decision is to walk back once built on; the debrief's
    /// decision records say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub door: Option<Door>,
    /// Why it is that kind of door, in a sentence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub door_why: String,
}

/// How reversible a decision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Door {
    /// Costly or impossible to undo: the data model, the system of record,
    /// regions, what the business has promised (sold seats, charged cards).
    OneWay,
    /// Cheap to change and try again: configuration, a cache, replicas.
    TwoWay,
}

impl Door {
    /// How the debrief names it.
    pub fn title(self) -> &'static str {
        match self {
            Door::OneWay => "One-way door",
            Door::TwoWay => "Two-way door",
        }
    }
}

/// One answer to a prompt, with what follows from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PromptOption {
    pub id: String,
    pub label: String,
    /// What happens to the system if you choose this.
    pub consequence: String,
    /// Why a reviewer would (or would not) pick it.
    pub reasoning: String,
    /// Where choosing this is a risk, how big; it becomes a finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<super::Risk>,
    /// Stage id -> risk at that stage, where it differs (`none` for no risk):
    /// one queue is fine at launch and a risk at scale.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub risk_by_stage: std::collections::BTreeMap<String, super::Risk>,
    #[serde(default, skip_serializing_if = "Effects::is_empty")]
    pub effects: Effects,
    /// This option's door, where it differs from the prompt's (going
    /// multi-region where the others stay in one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub door: Option<Door>,
    /// Why, where `door` is given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub door_why: String,
}

/// How a chosen option changes what the design is judged against.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Effects {
    /// Entity id -> consistency the candidate settled for.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub consistency: std::collections::BTreeMap<String, Consistency>,
    /// Flow id -> the hop style now expected.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub flow_mode: std::collections::BTreeMap<String, super::FlowMode>,
    /// Props that components of a kind or category must then have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<Requirement>,
}

impl Effects {
    /// True when the option changes nothing.
    pub fn is_empty(&self) -> bool {
        self.consistency.is_empty() && self.flow_mode.is_empty() && self.require.is_empty()
    }
}

/// "Every component of this kind/category must set this prop to this value."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Requirement {
    /// A kind id or a category. (`target` is accepted too: YAML 1.1 tools
    /// read a bare `on` as a boolean.)
    #[serde(alias = "target")]
    pub on: String,
    pub prop: String,
    pub value: super::PropValue,
    /// Why, in one sentence.
    pub why: String,
}

/// A follow-up: "what happens when ...?"
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Drill {
    pub id: String,
    pub title: String,
    pub question: String,
    /// Multiply every load figure by this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spike: Option<f64>,
    /// Kinds or categories that fail: every component of them is down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fail: Vec<String>,
    /// Switch to this stage (id) before judging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// What a good answer covers.
    #[serde(default)]
    pub expect: String,
}

/// A reference design shipped with the pack and the verdict it must get.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// Path relative to the pack folder.
    pub file: String,
    /// `strong`, `over-engineered` or `fragile`.
    pub verdict: super::Verdict,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub expect: Expectation,
}

/// What a reference design's report must show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Expectation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_max: Option<f64>,
    /// Findings that must appear (rule, optionally on these components).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub must: Vec<FindingMatch>,
    /// Findings that must not appear.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub must_not: Vec<FindingMatch>,
    /// No open finding more severe than this (`medium` allows medium, fails on high).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_severity: Option<super::Severity>,
}

/// Matches findings by rule and, optionally, components they name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FindingMatch {
    pub rule: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
}

impl Pack {
    /// Resolves a stage by id or 1-based index.
    pub fn stage(&self, r: &super::StageRef) -> Option<&Stage> {
        match r {
            super::StageRef::Index(i) => i.checked_sub(1).and_then(|i| self.stages.get(i)),
            super::StageRef::Id(id) => self.stages.iter().find(|s| s.id == *id),
        }
    }

    /// The context of a stage with the pack's entities and flows filled in.
    pub fn stage_context(&self, stage: &Stage) -> Context {
        let base = Context {
            entities: self.entities.clone(),
            flows: self.flows.clone(),
            ..Context::default()
        };
        base.overlay(&stage.context)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The prompt with this id.
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }
}
