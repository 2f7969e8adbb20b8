//! The estimator: the candidate's back-of-the-envelope figures (peak
//! requests and writes a second, messages a day, storage a year,
//! bandwidth) for the session's stage, saved with the session
//! (`session.estimates`). In practice each is graded as it is typed; in an
//! interview the grades, the real figures and their arithmetic wait for
//! wrap-up, and the figures are final from then on. Keys are in
//! `update::estimator`, the overlay in `view::estimator`.

use super::state::{App, Overlay};
use crate::model::Stage;
use crate::model::estimate::{Checked, Estimate, Quantity, check};

/// The estimator's place: the selected figure and the value being typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EstimatorPanel {
    /// Index into [`Quantity::ALL`].
    pub selected: usize,
    /// The text typed for the selected figure while it is being edited.
    pub editing: Option<String>,
    /// Why the last value typed was refused.
    pub error: Option<String>,
}

/// The stage the session is judged at (the pack's first when unset).
pub fn stage(app: &App) -> Option<&Stage> {
    let pack = app.pack()?;
    let s = app.session.as_ref()?;
    s.design
        .stage
        .as_ref()
        .and_then(|r| pack.stage(r))
        .or_else(|| pack.stages.first())
}

/// The estimates the session recorded.
pub fn recorded(app: &App) -> &[Estimate] {
    app.session
        .as_ref()
        .and_then(|s| s.design.session.as_ref())
        .map(|l| l.estimates.as_slice())
        .unwrap_or(&[])
}

/// Every figure for the session's stage, with what the candidate said.
pub fn rows(app: &App) -> Vec<Checked> {
    stage(app)
        .map(|st| check(st, recorded(app)))
        .unwrap_or_default()
}

/// The figures are final: an interview past wrap-up has graded them.
pub fn locked(app: &App) -> bool {
    app.interview().is_some_and(|l| l.revealed())
}

/// Opens the estimator (`E`, or `:estimate` alone).
pub fn open(app: &mut App) {
    if app.session.is_none() {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return;
    }
    if stage(app).is_none() {
        app.error("estimates are checked against a scenario's stage; this design has none");
        return;
    }
    app.overlay = Overlay::Estimator(EstimatorPanel::default());
}

/// Records the candidate's figure for `quantity` at the session's stage
/// (`None` takes it back). Refused once an interview has graded them, and
/// while its clock is paused.
pub fn set(app: &mut App, quantity: Quantity, value: Option<f64>) -> Result<(), String> {
    if locked(app) {
        return Err("the estimates were graded at wrap-up; they stand as given".into());
    }
    if let Some(e) = super::interview_mode::paused_refusal(app) {
        return Err(e);
    }
    let Some(id) = stage(app).map(|s| s.id.clone()) else {
        return Err("this design has no scenario stage to estimate".into());
    };
    let Some(s) = app.session.as_mut() else {
        return Err("no session".into());
    };
    let log = s.design.session.get_or_insert_with(Default::default);
    log.estimates
        .retain(|e| !(e.stage == id && e.quantity == quantity));
    if let Some(value) = value {
        log.estimates.push(Estimate {
            stage: id,
            quantity,
            value,
        });
    }
    s.dirty = true;
    Ok(())
}

/// Counts of good, rough and off grades among the session's estimates, at
/// every stage they were made for.
pub fn accuracy(app: &App) -> [usize; 3] {
    let mut out = [0; 3];
    let Some(pack) = app.pack() else { return out };
    for st in &pack.stages {
        for c in check(st, recorded(app)) {
            match c.grade {
                Some(crate::model::estimate::Grade::Good) => out[0] += 1,
                Some(crate::model::estimate::Grade::Rough) => out[1] += 1,
                Some(crate::model::estimate::Grade::Off) => out[2] += 1,
                None => {}
            }
        }
    }
    out
}
