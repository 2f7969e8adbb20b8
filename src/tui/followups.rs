//! The interviewer's follow-ups: after the first report, the pack's drills
//! are asked one by one. The candidate writes an answer (saved with the
//! session), may change the design, then the drill runs on the design as it
//! is and the pack's "what a good answer covers" is shown beside the answer.
//! `:drill`, `:fail` and `:spike` run a drill from any screen.
//!
//! Everything here is a pure transition on [`App`], callable by any mode of
//! a session (practice today; an interview's wrap-up can call the same
//! functions).

use super::state::{App, Screen};
use crate::engine::report::Report;
use crate::engine::{AnalysisOptions, analyze, drill_options, failed_set, policy};
use crate::model::FlowStatus;
use crate::model::followup::FollowupAnswer;
use std::collections::BTreeSet;

/// Longest answer kept, in characters.
pub const MAX_ANSWER: usize = 2000;

/// The follow-ups of a session: which is asked, the answer being typed and
/// the last drill run on the design.
#[derive(Debug, Clone, Default)]
pub struct Followups {
    /// Index into the pack's drills of the follow-up being asked.
    pub index: usize,
    /// The answer as typed so far, while the answer field has the keys.
    pub editing: Option<String>,
    /// The last drill run on the design (a pack drill or `:fail`/`:spike`).
    pub run: Option<DrillRun>,
    /// The session has shown its first report: follow-ups may be asked.
    pub ready: bool,
}

/// A drill as run on the design at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillRun {
    /// The pack drill, or `None` for `:fail` / `:spike` typed by hand.
    pub drill: Option<String>,
    /// What was done, for the pane title: "fail redis", "traffic x8".
    pub label: String,
    /// The engine's judgement under the drill; `report.drill` says what
    /// each flow did.
    pub report: Report,
    /// Components the diagram highlights: down, or over capacity.
    pub highlight: BTreeSet<String>,
}

impl DrillRun {
    /// Flows that break, that are delayed or slow, and that hold, by id.
    pub fn grouped(&self) -> [Vec<&crate::engine::report::FlowImpact>; 3] {
        let mut out: [Vec<_>; 3] = Default::default();
        if let Some(d) = &self.report.drill {
            for f in &d.flows {
                let i = match f.status {
                    FlowStatus::Broken => 0,
                    FlowStatus::Delayed | FlowStatus::Degraded => 1,
                    FlowStatus::Ok => 2,
                };
                out[i].push(f);
            }
        }
        out
    }
}

/// The pack's drills of the session, if any.
fn drills(app: &App) -> &[crate::model::scenario::Drill] {
    app.pack().map(|p| p.drills.as_slice()).unwrap_or(&[])
}

/// The drill being asked.
pub fn current(app: &App) -> Option<&crate::model::scenario::Drill> {
    let s = app.session.as_ref()?;
    drills(app).get(s.followups.index)
}

/// The candidate's recorded answer to drill `id`.
pub fn answer<'a>(app: &'a App, id: &str) -> Option<&'a FollowupAnswer> {
    let log = app.session.as_ref()?.design.session.as_ref()?;
    log.followups.iter().find(|f| f.drill == id)
}

/// Why drills wait in an interview: what breaks under them is the
/// judgement the interview hides until wrap-up.
pub const HELD_FOR_WRAP_UP: &str =
    "in an interview the follow-ups and drills come after wrap-up (N moves on)";

/// In an interview before wrap-up, says why drills wait and returns true.
fn held(app: &mut App) -> bool {
    if app.revealed() {
        return false;
    }
    app.error(HELD_FOR_WRAP_UP);
    true
}

/// True when follow-ups can be asked: the pack has drills and the session
/// has shown its first report (or answered one already, when resumed).
pub fn available(app: &App) -> bool {
    let Some(s) = app.session.as_ref() else {
        return false;
    };
    app.revealed()
        && !drills(app).is_empty()
        && (s.followups.ready
            || s.design
                .session
                .as_ref()
                .is_some_and(|l| !l.followups.is_empty()))
}

/// Marks the first report as shown: the follow-ups tab appears.
pub fn report_shown(app: &mut App) {
    if let Some(s) = app.session.as_mut() {
        s.followups.ready = true;
    }
}

/// Shows the follow-ups screen on drill `id` (the current one when `None`).
pub fn open(app: &mut App, id: Option<&str>) {
    if held(app) {
        return;
    }
    if app.session.is_none() {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return;
    }
    if drills(app).is_empty() {
        app.error("this design's scenario has no follow-ups (:fail and :spike still run drills)");
        return;
    }
    if let Some(id) = id {
        let Some(i) = drills(app).iter().position(|d| d.id == id) else {
            app.error(unknown_drill(app, id));
            return;
        };
        select(app, i);
    }
    if !available(app) {
        app.info("the follow-ups come after your first report; here is the first");
    }
    report_shown(app);
    app.screen = Screen::Followups;
    app.overlay = super::state::Overlay::None;
}

/// The error for a drill id the pack does not have, listing those it has.
fn unknown_drill(app: &App, id: &str) -> String {
    let ids: Vec<&str> = drills(app).iter().map(|d| d.id.as_str()).collect();
    format!(
        "no follow-up `{}`; this scenario's: {}",
        crate::text::line(id),
        ids.join(", ")
    )
}

/// Moves to follow-up `i` (kept in range); leaves the answer field.
pub fn select(app: &mut App, i: usize) {
    let n = drills(app).len();
    if let Some(s) = app.session.as_mut() {
        let i = i.min(n.saturating_sub(1));
        if i != s.followups.index {
            s.followups.run = None;
        }
        s.followups.index = i;
        s.followups.editing = None;
    }
}

/// Moves by `delta` follow-ups.
pub fn step(app: &mut App, delta: isize) {
    let Some(s) = app.session.as_ref() else {
        return;
    };
    let i = s.followups.index.saturating_add_signed(delta);
    select(app, i);
}

/// Opens the answer field on the current follow-up, with its answer so far.
pub fn start_answer(app: &mut App) {
    let Some(id) = current(app).map(|d| d.id.clone()) else {
        return;
    };
    let text = answer(app, &id)
        .map(|a| a.answer.clone())
        .unwrap_or_default();
    if let Some(s) = app.session.as_mut() {
        s.followups.editing = Some(text);
    }
}

/// Adds typed or pasted text to the answer field (control characters out).
pub fn type_text(app: &mut App, text: &str) {
    if let Some(field) = app
        .session
        .as_mut()
        .and_then(|s| s.followups.editing.as_mut())
    {
        let clean = crate::text::line(text);
        let room = MAX_ANSWER.saturating_sub(field.chars().count());
        field.extend(clean.chars().take(room));
    }
}

/// Deletes the last character of the answer field.
pub fn backspace(app: &mut App) {
    if let Some(field) = app
        .session
        .as_mut()
        .and_then(|s| s.followups.editing.as_mut())
    {
        field.pop();
    }
}

/// Leaves the answer field without saving.
pub fn cancel_answer(app: &mut App) {
    if let Some(s) = app.session.as_mut() {
        s.followups.editing = None;
    }
}

/// Saves the answer field as the answer to the current follow-up.
pub fn save_answer(app: &mut App) {
    let clock = app.session_clock();
    let Some(id) = current(app).map(|d| d.id.clone()) else {
        return;
    };
    let Some(s) = app.session.as_mut() else {
        return;
    };
    let Some(text) = s.followups.editing.take() else {
        return;
    };
    let text = text.trim().to_string();
    if text.is_empty() {
        app.error("type an answer first (Esc leaves the field)");
        if let Some(s) = app.session.as_mut() {
            s.followups.editing = Some(String::new());
        }
        return;
    }
    let log = s.design.session.get_or_insert_with(Default::default);
    match log.followups.iter_mut().find(|f| f.drill == id) {
        Some(f) => {
            f.answer = text;
            f.at_s = clock;
        }
        None => log.followups.push(FollowupAnswer {
            drill: id,
            answer: text,
            at_s: clock,
            drilled: false,
        }),
    }
    s.dirty = true;
    app.info("answer saved: edit the design if you like, then Enter runs the drill on it");
}

/// Runs pack drill `id` on the design as it is now: the follow-ups screen
/// shows what breaks, waits and holds, and the pack's model answer.
pub fn run_drill(app: &mut App, id: Option<&str>) {
    if held(app) {
        return;
    }
    let id = match id {
        Some(id) => id.to_string(),
        None => match current(app) {
            Some(d) => d.id.clone(),
            None => {
                app.error("this design's scenario has no follow-ups: try :fail NAME or :spike X");
                return;
            }
        },
    };
    let Some(pack) = app.pack() else {
        app.error("follow-ups come from a scenario; this design has none (try :fail or :spike)");
        return;
    };
    let opts = match drill_options(pack, &id) {
        Ok(o) => o,
        Err(p) => {
            let hint = p.hint.map(|h| format!(" ({h})")).unwrap_or_default();
            app.error(format!("{}{hint}", crate::text::line(&p.message)));
            return;
        }
    };
    let title = pack
        .drills
        .iter()
        .find(|d| d.id == id)
        .map(|d| crate::text::line(&d.title))
        .unwrap_or_default();
    open(app, Some(&id));
    if app.screen != Screen::Followups {
        return;
    }
    let Some(run) = judge(app, Some(id.clone()), title, &opts) else {
        return;
    };
    let clock = app.session_clock();
    if let Some(s) = app.session.as_mut() {
        let log = s.design.session.get_or_insert_with(Default::default);
        match log.followups.iter_mut().find(|f| f.drill == id) {
            Some(f) if !f.drilled => {
                f.drilled = true;
                s.dirty = true;
            }
            Some(_) => {}
            None => {
                log.followups.push(FollowupAnswer {
                    drill: id.clone(),
                    answer: String::new(),
                    at_s: clock,
                    drilled: true,
                });
                s.dirty = true;
            }
        }
        s.followups.run = Some(run);
    }
    summarise(app);
}

/// Runs a drill typed by hand: `names` fail (component ids, kinds or
/// categories) and traffic is multiplied by `spike`.
pub fn run_adhoc(app: &mut App, names: Vec<String>, spike: Option<f64>) {
    if held(app) {
        return;
    }
    let Some(s) = app.session.as_ref() else {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return;
    };
    if let Some(x) = spike
        && !(x.is_finite() && x > 0.0 && x <= 1000.0)
    {
        app.error("a spike is a traffic multiple above 0 and at most 1000, e.g. :spike 8");
        return;
    }
    let unknown: Vec<&String> = names
        .iter()
        .filter(|n| failed_set(&s.design, &app.lib.catalog, std::slice::from_ref(n)).is_empty())
        .collect();
    if !unknown.is_empty() {
        let ids: Vec<&str> = s.design.components.iter().map(|c| c.id.as_str()).collect();
        app.error(format!(
            "nothing in the design is called `{}` (an id, kind or category); its components: {}",
            crate::text::line(unknown[0]),
            if ids.is_empty() {
                "none yet".to_string()
            } else {
                ids.join(", ")
            }
        ));
        return;
    }
    let label = match (names.is_empty(), spike) {
        (false, Some(x)) => format!("{} down, traffic x{x}", names.join(", ")),
        (false, None) => format!("{} down", names.join(", ")),
        (true, Some(x)) => format!("traffic x{x}"),
        (true, None) => return,
    };
    let opts = AnalysisOptions {
        fail: names,
        spike,
        drill: true,
        ..Default::default()
    };
    report_shown(app);
    let Some(run) = judge(app, None, crate::text::line(&label), &opts) else {
        return;
    };
    if let Some(s) = app.session.as_mut() {
        s.followups.run = Some(run);
        s.followups.editing = None;
    }
    app.screen = Screen::Followups;
    app.overlay = super::state::Overlay::None;
    summarise(app);
}

/// The session's design judged under `opts`, with what to highlight.
fn judge(
    app: &App,
    drill: Option<String>,
    label: String,
    opts: &AnalysisOptions,
) -> Option<DrillRun> {
    let s = app.session.as_ref()?;
    let report = analyze(&s.design, &app.lib.catalog, app.pack(), opts);
    let mut highlight: BTreeSet<String> = BTreeSet::new();
    if let Some(d) = &report.drill {
        highlight.extend(d.failed.iter().cloned());
    }
    highlight.extend(
        report
            .metrics
            .utilisation
            .iter()
            .filter(|(_, u)| **u > policy::OVERLOAD_UTILISATION)
            .map(|(id, _)| id.clone()),
    );
    Some(DrillRun {
        drill,
        label,
        report,
        highlight,
    })
}

/// Says in the status line how the drill went.
fn summarise(app: &mut App) {
    let Some(run) = app.session.as_ref().and_then(|s| s.followups.run.as_ref()) else {
        return;
    };
    let [broken, delayed, ok] = run.grouped();
    let msg = format!(
        "drill: {} broken, {} delayed or slow, {} hold",
        broken.len(),
        delayed.len(),
        ok.len()
    );
    app.info(msg);
}

/// What happens on Enter: write an answer, then run the drill (which
/// reveals the model answer), then go on to the next follow-up.
pub fn advance(app: &mut App) {
    let Some(id) = current(app).map(|d| d.id.clone()) else {
        return;
    };
    let ran = app
        .session
        .as_ref()
        .and_then(|s| s.followups.run.as_ref())
        .is_some_and(|r| r.drill.as_deref() == Some(id.as_str()));
    let answered = answer(app, &id).is_some_and(|a| !a.answer.is_empty());
    if ran {
        let n = drills(app).len();
        let i = app.session.as_ref().map(|s| s.followups.index).unwrap_or(0);
        if i + 1 < n {
            select(app, i + 1);
        } else {
            app.info("that was the last follow-up: :export markdown keeps your answers");
        }
    } else if answered {
        run_drill(app, Some(&id));
    } else {
        start_answer(app);
    }
}

/// The model answer is shown for drill `id`: its drill ran since the answer.
pub fn revealed(app: &App, id: &str) -> bool {
    answer(app, id).is_some_and(|a| a.drilled)
        || app
            .session
            .as_ref()
            .and_then(|s| s.followups.run.as_ref())
            .is_some_and(|r| r.drill.as_deref() == Some(id))
}
