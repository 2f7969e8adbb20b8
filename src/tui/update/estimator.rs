//! Keys on the estimator: move through the figures, type one (Enter),
//! take one back (`d`), close.

use super::*;
use crate::model::estimate::{Quantity, parse_value};

/// Longest value the field takes.
const MAX_TYPED: usize = 24;

/// Keys while the estimator shows.
pub(super) fn estimator_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Estimator(p) = &mut app.overlay else {
        return Vec::new();
    };
    if let Some(text) = p.editing.as_mut() {
        match super::type_into(text, action, MAX_TYPED) {
            super::FieldKey::Cancel => {
                p.editing = None;
                p.error = None;
            }
            super::FieldKey::Confirm => commit(app),
            super::FieldKey::Typed => {}
        }
        return Vec::new();
    }
    match action {
        a if is_move(&a) => {
            p.selected = move_index(p.selected, Quantity::ALL.len(), &a, 3);
            p.error = None;
        }
        Action::Confirm => {
            let q = Quantity::ALL.get(p.selected).copied();
            if crate::tui::estimator::locked(app) {
                app.error("the estimates were graded at wrap-up; they stand as given");
                return Vec::new();
            }
            let own = q.and_then(|q| {
                crate::tui::estimator::rows(app)
                    .into_iter()
                    .find(|c| c.quantity == q)?
                    .estimate
            });
            if let Overlay::Estimator(p) = &mut app.overlay {
                p.editing = Some(own.map(crate::model::num::plain).unwrap_or_default());
                p.error = None;
            }
        }
        Action::Delete => {
            if let Some(q) = Quantity::ALL.get(p.selected).copied() {
                let r = crate::tui::estimator::set(app, q, None);
                show(app, r);
            }
        }
        Action::Cancel | Action::OpenEstimator => app.overlay = Overlay::None,
        Action::CommandLine => app.cmdline = Some(CommandLine::default()),
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        _ => {}
    }
    Vec::new()
}

/// Enter in the field: empty changes nothing; a figure is recorded, or
/// why it is not shows under the figures and the field stays open.
fn commit(app: &mut App) {
    let Overlay::Estimator(p) = &app.overlay else {
        return;
    };
    let text = p.editing.clone().unwrap_or_default();
    let Some(q) = Quantity::ALL.get(p.selected).copied() else {
        return;
    };
    if text.trim().is_empty() {
        if let Overlay::Estimator(p) = &mut app.overlay {
            p.editing = None;
            p.error = None;
        }
        return;
    }
    let r = parse_value(&text).and_then(|v| crate::tui::estimator::set(app, q, Some(v)));
    show(app, r);
}

fn show(app: &mut App, r: Result<(), String>) {
    if let Overlay::Estimator(p) = &mut app.overlay {
        match r {
            Ok(()) => {
                p.editing = None;
                p.error = None;
            }
            Err(e) => p.error = Some(e),
        }
    }
}

/// `:estimate FIGURE VALUE` (`-` takes it back); `:estimate` alone opens
/// the estimator.
pub(super) fn estimate_command(app: &mut App, figure: Option<&str>, value: Option<&str>) {
    let (Some(figure), Some(value)) = (figure, value) else {
        crate::tui::estimator::open(app);
        return;
    };
    let Some(q) = Quantity::parse(figure) else {
        let ids: Vec<&str> = Quantity::ALL.iter().map(|q| q.id()).collect();
        app.error(format!(
            "no estimate `{figure}`: the figures are {}",
            ids.join(", ")
        ));
        return;
    };
    let v = if value.trim() == "-" {
        Ok(None)
    } else {
        parse_value(value).map(Some)
    };
    match v.and_then(|v| crate::tui::estimator::set(app, q, v).map(|()| v)) {
        Ok(Some(v)) => app.info(format!(
            "estimate: {} {}",
            q.title(),
            crate::model::num::plain(v)
        )),
        Ok(None) => app.info(format!("estimate of {} taken back", q.title())),
        Err(e) => app.error(e),
    }
}
