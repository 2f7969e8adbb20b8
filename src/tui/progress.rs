//! Levels and progress: the level a session is judged at (`--level`, or
//! `V` on the home screen), what that level expects that the session showed
//! and did not (the report lists it), and the record of every finished
//! session under the home folder, which `napkin history` and the home
//! screen's progress panel read. A session is finished once an interview
//! reaches wrap-up, or when a practice session with a design in it is
//! left; its record is rewritten on later stage moves and on quit.

use super::state::{App, Screen};
use super::update::Effect;
use crate::engine::{AnalysisOptions, analyze};
use crate::io::history::{Attempt, AttemptScores};
use crate::model::estimate::{Grade, check};
use crate::model::level::{self, Evidence, Level, Met};
use crate::model::{Design, Severity, StageRef};
use std::cell::RefCell;
use std::path::PathBuf;

/// The level report of the design it was worked out for: working it out
/// judges the design at the stages the pack names, so it is kept until the
/// design or the level changes.
#[derive(Debug, Clone, Default)]
pub struct Cache(RefCell<Option<(Design, Level, LevelReport)>>);

/// What the session's level expects, shown or not, and the level reached.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelReport {
    /// The level judged at.
    pub level: Level,
    /// Each expectation of that level and the ones below it.
    pub met: Vec<Met>,
    /// The highest level all of whose expectations were shown.
    pub reached: Option<Level>,
}

/// The level the session is judged at.
pub fn level(app: &App) -> Level {
    app.session
        .as_ref()
        .and_then(|s| s.design.session.as_ref())
        .and_then(|l| l.level)
        .unwrap_or_default()
}

/// Sets the level of the session just started (from `--level` or the home
/// screen's choice).
pub fn set_level(app: &mut App, level: Level) {
    if let Some(s) = app.session.as_mut() {
        s.design.session.get_or_insert_with(Default::default).level = Some(level);
    }
}

/// `V` on the home screen: the next level for sessions started from it.
pub fn cycle_level(app: &mut App) {
    if app.screen != Screen::Home {
        app.info(format!(
            "this session is judged at {}; V on the home screen chooses the level of the next",
            level(app).id()
        ));
        return;
    }
    app.home.level = app.home.level.cycle();
    let l = app.home.level.id();
    app.info(format!(
        "level: {l}; sessions started now are judged as {l} answers"
    ));
}

/// What the session showed, for the level checks.
fn evidence(app: &App, design: &Design) -> Evidence {
    let mut ev = Evidence {
        asked: design.asked.iter().cloned().collect(),
        decided: design.answers.keys().cloned().collect(),
        ..Evidence::default()
    };
    if let Some(s) = app.session.as_ref() {
        ev.open_rules = s.report.findings.iter().map(|f| f.rule.clone()).collect();
        ev.flows_broken = s
            .report
            .findings
            .iter()
            .any(|f| f.category == crate::engine::report::FindingCategory::Flow);
    }
    let Some(pack) = app.pack() else { return ev };
    if let Some(log) = design.session.as_ref() {
        for st in &pack.stages {
            for c in check(st, &log.estimates) {
                if c.grade == Some(Grade::Good) {
                    ev.estimated_well.insert(c.quantity.id().to_string());
                }
            }
        }
        ev.answered = log
            .followups
            .iter()
            .filter(|f| !f.answer.trim().is_empty())
            .map(|f| f.drill.clone())
            .collect();
    }
    let Some(levels) = pack.levels.as_ref() else {
        return ev;
    };
    let stages: std::collections::BTreeSet<&String> = [&levels.mid, &levels.senior, &levels.staff]
        .into_iter()
        .flatten()
        .filter_map(|e| e.holds_at.as_ref())
        .collect();
    for st in stages {
        let opts = AnalysisOptions {
            stage: Some(StageRef::Id(st.clone())),
            ..AnalysisOptions::default()
        };
        let r = analyze(design, &app.lib.catalog, Some(pack), &opts);
        if !design.components.is_empty() && r.findings.iter().all(|f| f.severity < Severity::High) {
            ev.holds_at.insert(st.clone());
        }
    }
    ev
}

/// The level report of the session, when its pack states levels.
pub fn level_report(app: &App) -> Option<LevelReport> {
    let s = app.session.as_ref()?;
    let levels = app.pack()?.levels.as_ref()?;
    let lv = level(app);
    if let Some((d, l, r)) = s.progress.0.borrow().as_ref()
        && *d == s.design
        && *l == lv
    {
        return Some(r.clone());
    }
    let ev = evidence(app, &s.design);
    let r = LevelReport {
        level: lv,
        met: level::report(levels, lv, &ev),
        reached: level::reached(levels, &ev),
    };
    *s.progress.0.borrow_mut() = Some((s.design.clone(), lv, r.clone()));
    Some(r)
}

/// Where records go: `history/` beside the sessions folder.
pub fn history_dir(app: &App) -> Option<PathBuf> {
    let data = app.sessions_dir.as_ref()?.parent()?;
    Some(crate::io::history::dir(data))
}

/// A session is finished: an interview at wrap-up, or a practice session
/// with a design in it.
pub fn finished(app: &App) -> bool {
    let Some(s) = app.session.as_ref() else {
        return false;
    };
    match app.interview() {
        Some(log) => log.revealed(),
        None => !s.design.components.is_empty(),
    }
}

/// The session's record as it stands.
pub fn attempt(app: &App) -> Option<Attempt> {
    let s = app.session.as_ref()?;
    let scenario = s.design.scenario.clone()?;
    let id = s
        .path
        .as_ref()?
        .file_name()?
        .to_string_lossy()
        .trim_end_matches(".napkin.yaml")
        .to_string();
    let sc = &s.report.scores;
    let mut findings: Vec<String> = s.report.findings.iter().map(|f| f.rule.clone()).collect();
    findings.sort();
    findings.dedup();
    let lr = level_report(app);
    Some(Attempt {
        id,
        scenario,
        name: s.design.session.as_ref().and_then(|l| l.name.clone()),
        at: app.epoch_s + app.now_s,
        mode: if app.in_interview() {
            "interview"
        } else {
            "practice"
        }
        .into(),
        stage: s.report.context.stage.clone().unwrap_or_default(),
        level: level(app),
        reached: lr.and_then(|r| r.reached),
        scores: AttemptScores {
            overall: sc.overall,
            over_engineering: sc.over_engineering,
            resilience: sc.resilience,
            consistency: sc.consistency,
            capacity: sc.capacity,
            discovery: sc.discovery,
        },
        estimates: super::estimator::accuracy(app),
        findings,
    })
}

/// Records the session under the home folder, when it is finished and has
/// a file there; also keeps the home screen's list up to date.
pub fn record(app: &mut App) -> Vec<Effect> {
    if !finished(app) {
        return Vec::new();
    }
    let (Some(dir), Some(a)) = (history_dir(app), attempt(app)) else {
        return Vec::new();
    };
    let path = a.path(&dir);
    let text = a.to_json();
    app.home.history.retain(|h| h.id != a.id);
    app.home.history.push(a);
    vec![Effect::Record { path, text }]
}
