//! "It's a year later": moving a session to another stage re-judges the same
//! design, and this shows what changed: the findings that are new, the
//! over-engineering the new numbers now justify, what stopped being a
//! problem, the scores before and after, and what the pack's reference
//! design does at the new stage (loaded as an effect; shown once it comes).
//! In an interview the move waits for wrap-up, like every judgement.

use super::action::Action;
use super::state::{App, Overlay};
use super::update::Effect;
use crate::engine::report::{FindingCategory, Report};
use crate::model::Severity;

/// One finding as the diff lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The rule.
    pub rule: String,
    /// How bad it is (at the stage it is open at).
    pub severity: Severity,
    /// The engine's message at that stage.
    pub message: String,
}

/// What changed between two stages for the same design.
#[derive(Debug, Clone, PartialEq)]
pub struct StageDiff {
    /// Stage titles: from, to.
    pub from: String,
    /// The stage moved to.
    pub to: String,
    /// The stage id moved to (the reference is matched on it).
    pub to_id: String,
    /// The move goes forward in time.
    pub forward: bool,
    /// (category, before, after) for overall and each category.
    pub scores: Vec<(&'static str, u32, u32)>,
    /// Findings open now that were not before.
    pub new_problems: Vec<Change>,
    /// Over-engineering findings gone: the numbers now call for it.
    pub justified: Vec<Change>,
    /// Other findings gone.
    pub resolved: Vec<Change>,
    /// Lines scrolled.
    pub scroll: usize,
}

fn key(f: &crate::engine::report::Finding) -> (String, Vec<String>) {
    let mut c = f.components.clone();
    c.sort();
    (f.rule.clone(), c)
}

fn change(f: &crate::engine::report::Finding) -> Change {
    Change {
        rule: f.rule.clone(),
        severity: f.severity,
        message: crate::text::line(&f.message),
    }
}

/// The difference between the design's report at one stage and at another.
pub fn diff(before: &Report, after: &Report, from: &str, to: &str, forward: bool) -> StageDiff {
    let was: Vec<_> = before.findings.iter().map(key).collect();
    let now: Vec<_> = after.findings.iter().map(key).collect();
    let new_problems = after
        .findings
        .iter()
        .filter(|f| !was.contains(&key(f)))
        .map(change)
        .collect();
    let gone: Vec<_> = before
        .findings
        .iter()
        .filter(|f| !now.contains(&key(f)))
        .collect();
    let justified = gone
        .iter()
        .filter(|f| f.category == FindingCategory::OverEngineering)
        .map(|f| change(f))
        .collect();
    let resolved = gone
        .iter()
        .filter(|f| f.category != FindingCategory::OverEngineering)
        .map(|f| change(f))
        .collect();
    let (b, a) = (&before.scores, &after.scores);
    StageDiff {
        from: from.to_string(),
        to: to.to_string(),
        to_id: after.context.stage.clone().unwrap_or_default(),
        forward,
        scores: vec![
            ("overall", b.overall, a.overall),
            ("over-engineering", b.over_engineering, a.over_engineering),
            ("resilience", b.resilience, a.resilience),
            ("consistency", b.consistency, a.consistency),
            ("capacity", b.capacity, a.capacity),
        ],
        new_problems,
        justified,
        resolved,
        scroll: 0,
    }
}

/// The stage's title for an id, else the id.
pub fn title(app: &App, id: Option<&str>) -> String {
    let id = id.unwrap_or_default();
    app.pack()
        .and_then(|p| p.stages.iter().find(|s| s.id == id))
        .map(|s| crate::text::line(&s.title))
        .unwrap_or_else(|| id.to_string())
}

/// Why a stage move must wait: an interview before wrap-up hides the
/// judgement the move would show.
pub fn held(app: &App) -> Option<&'static str> {
    (!app.revealed())
        .then_some("in an interview, \u{201c}a year later\u{201d} comes after wrap-up (N moves on)")
}

/// After the stage changed from the one `before` was judged at: opens the
/// diff, forgets a reference judged at the old stage, and asks for the
/// reference at the new one.
pub fn stage_changed(app: &mut App, before: Report) -> Vec<Effect> {
    let Some(s) = app.session.as_ref() else {
        return Vec::new();
    };
    if s.report.context.stage == before.context.stage {
        return Vec::new();
    }
    let ids: Vec<String> = app
        .pack()
        .map(|p| p.stages.iter().map(|s| s.id.clone()).collect())
        .unwrap_or_default();
    let pos = |id: &Option<String>| id.as_ref().and_then(|i| ids.iter().position(|x| x == i));
    let forward = pos(&s.report.context.stage) > pos(&before.context.stage);
    let from = title(app, before.context.stage.as_deref());
    let to = title(app, s.report.context.stage.as_deref());
    let d = diff(&before, &s.report, &from, &to, forward);
    let scenario = app.pack().map(|p| p.id.clone());
    if let Some(s) = app.session.as_mut() {
        s.report_view.reference = None;
        s.report_view.reference_error = None;
    }
    app.overlay = Overlay::StageDiff(Box::new(d));
    let mut out = Vec::new();
    if let Some(scenario) = scenario {
        out.push(Effect::LoadReference { scenario });
    }
    out.extend(super::progress::record(app));
    out
}

/// Keys while the diff shows: scroll, close.
pub fn diff_key(app: &mut App, action: &Action) {
    let Overlay::StageDiff(d) = &mut app.overlay else {
        return;
    };
    match action {
        Action::MoveDown => d.scroll = (d.scroll + 1).min(300),
        Action::MoveUp => d.scroll = d.scroll.saturating_sub(1),
        Action::PageDown => d.scroll = (d.scroll + 10).min(300),
        Action::PageUp => d.scroll = d.scroll.saturating_sub(10),
        Action::Top => d.scroll = 0,
        Action::Cancel | Action::Confirm => app.overlay = Overlay::None,
        Action::CommandLine => app.cmdline = Some(Default::default()),
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        _ => {}
    }
}
