//! Levels: what a mid, a senior and a staff answer covers on a pack
//! (`levels:` in `pack.yaml`), and which of it a session showed. Each
//! expectation is one check napkin can make on the session; the caller
//! gathers the [`Evidence`] (the engine's findings, the stages the design
//! holds at), so this stays plain data.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The level an answer is judged at.
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
#[serde(rename_all = "lowercase")]
pub enum Level {
    Mid,
    /// What an interview is judged at unless another level is chosen.
    #[default]
    Senior,
    Staff,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 3] = [Level::Mid, Level::Senior, Level::Staff];

    /// The id used in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Staff => "staff",
        }
    }

    /// The level with this id.
    pub fn parse(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.id() == id)
    }

    /// The next level up, wrapping to mid after staff (the home screen's
    /// choice cycles).
    pub fn cycle(self) -> Level {
        match self {
            Level::Mid => Level::Senior,
            Level::Senior => Level::Staff,
            Level::Staff => Level::Mid,
        }
    }
}

/// What a pack expects at each level. A level's answer also covers what the
/// levels below it expect.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Levels {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mid: Vec<Expectation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub senior: Vec<Expectation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<Expectation>,
}

impl Levels {
    /// Everything `level` expects, its own and the levels' below it, lowest
    /// level first, each with the level that asks for it.
    pub fn expected(&self, level: Level) -> Vec<(Level, &Expectation)> {
        let mut out = Vec::new();
        for (l, list) in self.each() {
            if l > level {
                break;
            }
            out.extend(list.iter().map(|e| (l, e)));
        }
        out
    }

    /// Each level with what it states, lowest first.
    pub fn each(&self) -> [(Level, &Vec<Expectation>); 3] {
        [
            (Level::Mid, &self.mid),
            (Level::Senior, &self.senior),
            (Level::Staff, &self.staff),
        ]
    }

    /// True when no level states anything.
    pub fn is_empty(&self) -> bool {
        self.mid.is_empty() && self.senior.is_empty() && self.staff.is_empty()
    }
}

/// One thing an answer at a level covers, and how napkin sees it: every
/// check given must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Expectation {
    /// What it is, as the report lists it.
    pub says: String,
    /// Questions (ids) that must have been asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked: Vec<String>,
    /// Rules (ids) with no open finding at the session's stage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoids: Vec<String>,
    /// Prompts (ids) that must have been decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decided: Vec<String>,
    /// Estimator figures (ids) that must be within 2x of the stage's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub estimated: Vec<String>,
    /// Follow-ups (drill ids) that must have been answered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answered: Vec<String>,
    /// A stage (id) the same design must hold at: no high or critical
    /// finding when judged there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holds_at: Option<String>,
}

/// What a session showed, gathered by the caller.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Question ids asked.
    pub asked: BTreeSet<String>,
    /// Rule ids with an open finding at the session's stage.
    pub open_rules: BTreeSet<String>,
    /// Prompt ids decided.
    pub decided: BTreeSet<String>,
    /// Estimator figure ids graded good.
    pub estimated_well: BTreeSet<String>,
    /// Drill ids answered.
    pub answered: BTreeSet<String>,
    /// Stage ids the design holds at.
    pub holds_at: BTreeSet<String>,
    /// Some critical flow does not work at all: a problem is not avoided
    /// by leaving out the part it would be in.
    pub flows_broken: bool,
}

impl Expectation {
    /// True when the session showed it.
    pub fn shown(&self, ev: &Evidence) -> bool {
        self.asked.iter().all(|q| ev.asked.contains(q))
            && (self.avoids.is_empty() || !ev.flows_broken)
            && self.avoids.iter().all(|r| !ev.open_rules.contains(r))
            && self.decided.iter().all(|p| ev.decided.contains(p))
            && self.estimated.iter().all(|q| ev.estimated_well.contains(q))
            && self.answered.iter().all(|d| ev.answered.contains(d))
            && self
                .holds_at
                .as_ref()
                .is_none_or(|s| ev.holds_at.contains(s))
    }
}

/// One line of the level report.
#[derive(Debug, Clone, PartialEq)]
pub struct Met {
    /// The level that expects it.
    pub level: Level,
    /// What it is.
    pub says: String,
    /// The session showed it.
    pub shown: bool,
}

/// What `level` expects, each marked shown or not.
pub fn report(levels: &Levels, level: Level, ev: &Evidence) -> Vec<Met> {
    levels
        .expected(level)
        .into_iter()
        .map(|(l, e)| Met {
            level: l,
            says: e.says.clone(),
            shown: e.shown(ev),
        })
        .collect()
}

/// The highest level whose expectations (and those below it) were all
/// shown; `None` when not even mid's were, or the pack states no levels.
pub fn reached(levels: &Levels, ev: &Evidence) -> Option<Level> {
    if levels.is_empty() {
        return None;
    }
    Level::ALL
        .into_iter()
        .take_while(|l| levels.expected(*l).iter().all(|(_, e)| e.shown(ev)))
        .last()
}

/// Checks naming rules (`avoids`) that are not in `rules`: the engine's
/// registry, which the model does not know, so the caller passes it.
pub fn unknown_rules(pack: &super::Pack, rules: &[&str], out: &mut Vec<super::Problem>) {
    let Some(levels) = &pack.levels else { return };
    for (level, list) in levels.each() {
        let name = level.id();
        for (i, e) in list.iter().enumerate() {
            for r in e.avoids.iter().filter(|r| !rules.contains(&r.as_str())) {
                out.push(
                    super::Problem::error(
                        format!("levels.{name}[{i}].avoids"),
                        format!("no rule `{r}`"),
                    )
                    .hint("`napkin rules` lists them"),
                );
            }
        }
    }
}

/// What is wrong with a pack's levels: checks naming questions, prompts,
/// drills, stages or figures the pack does not have, and expectations with
/// no check at all (they could never be shown or missed).
pub fn pack_problems(pack: &super::Pack, out: &mut Vec<super::Problem>) {
    let Some(levels) = &pack.levels else { return };
    for (level, list) in levels.each() {
        let name = level.id();
        for (i, e) in list.iter().enumerate() {
            let at = format!("levels.{name}[{i}]");
            let mut unknown = |key: &str, id: &str, known: bool| {
                if !known {
                    out.push(
                        super::Problem::error(
                            format!("{at}.{key}"),
                            format!("`{id}` is not in the pack"),
                        )
                        .hint(format!("name one of the pack's own {key} ids")),
                    );
                }
            };
            for q in &e.asked {
                unknown("asked", q, pack.question(q).is_some());
            }
            for p in &e.decided {
                unknown("decided", p, pack.prompt(p).is_some());
            }
            for d in &e.answered {
                unknown("answered", d, pack.drills.iter().any(|x| x.id == *d));
            }
            for q in &e.estimated {
                unknown(
                    "estimated",
                    q,
                    super::estimate::Quantity::parse(q).is_some(),
                );
            }
            if let Some(s) = &e.holds_at {
                unknown("holds_at", s, pack.stages.iter().any(|x| x.id == *s));
            }
            let checks = e.asked.len()
                + e.avoids.len()
                + e.decided.len()
                + e.estimated.len()
                + e.answered.len()
                + usize::from(e.holds_at.is_some());
            if checks == 0 {
                out.push(
                    super::Problem::error(at, "an expectation with nothing to check")
                        .hint("give it `asked`, `avoids`, `decided`, `estimated`, `answered` or `holds_at`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> Levels {
        serde_yaml::from_str(
            "{mid: [{says: asks load, asked: [load]}], \
              senior: [{says: no spof, avoids: [single-point-of-failure]}], \
              staff: [{says: holds a year on, holds_at: growth}]}",
        )
        .expect("parses")
    }

    #[test]
    fn a_level_expects_its_own_and_the_ones_below() {
        let l = levels();
        assert_eq!(l.expected(Level::Mid).len(), 1);
        assert_eq!(l.expected(Level::Staff).len(), 3);
        let mut ev = Evidence::default();
        ev.asked.insert("load".into());
        ev.open_rules.insert("single-point-of-failure".into());
        let r = report(&l, Level::Senior, &ev);
        assert_eq!(r.iter().map(|m| m.shown).collect::<Vec<_>>(), [true, false]);
        assert_eq!(reached(&l, &ev), Some(Level::Mid));
        ev.open_rules.clear();
        ev.holds_at.insert("growth".into());
        assert_eq!(reached(&l, &ev), Some(Level::Staff));
        // A broken flow avoids nothing: the part was left out.
        ev.flows_broken = true;
        assert_eq!(reached(&l, &ev), Some(Level::Mid));
        assert_eq!(reached(&l, &Evidence::default()), None);
    }
}
