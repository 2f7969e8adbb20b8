//! Keys on the context screen: move through the figures, edit one inline
//! (the same reading as `:context`), clear it, undo, close.

use super::*;
use crate::model::FIGURES;
use crate::tui::state::ContextPanel;

/// Longest value the inline field takes; a figure is a few characters.
const MAX_TYPED: usize = 40;

/// Opens the context screen on the first figure (`:context` alone, or the
/// `edit-context` key).
pub(super) fn open_context(app: &mut App) {
    if app.session.is_none() {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return;
    }
    app.overlay = Overlay::Context(ContextPanel::default());
}

/// Keys while the context screen shows.
pub(super) fn context_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Context(p) = &mut app.overlay else {
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
            p.selected = move_index(p.selected, FIGURES.len(), &a, 3);
            p.error = None;
        }
        Action::Confirm => {
            // Start from the design's own value, so a small change is a
            // small edit; empty when the stage or an assumption gives it.
            let own = FIGURES.get(p.selected).and_then(|f| {
                let s = app.session.as_ref()?;
                s.design.context.as_ref().and_then(f.get)
            });
            if let Overlay::Context(p) = &mut app.overlay {
                p.editing = Some(own.map(crate::model::num::plain).unwrap_or_default());
                p.error = None;
            }
        }
        Action::Delete => {
            if let Some(f) = FIGURES.get(p.selected) {
                set(app, f.name, "-");
            }
        }
        Action::Cancel | Action::EditContext => app.overlay = Overlay::None,
        Action::Undo => undo(app),
        Action::Redo => redo(app),
        Action::CommandLine => app.cmdline = Some(CommandLine::default()),
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        _ => {}
    }
    Vec::new()
}

/// Enter in the field: an empty field changes nothing; otherwise the value
/// goes through `:context`'s edit, or its error shows under the figures and
/// the field stays open to correct it.
fn commit(app: &mut App) {
    let Overlay::Context(p) = &app.overlay else {
        return;
    };
    let text = p.editing.clone().unwrap_or_default();
    let Some(f) = FIGURES.get(p.selected) else {
        return;
    };
    if text.trim().is_empty() {
        if let Overlay::Context(p) = &mut app.overlay {
            p.editing = None;
            p.error = None;
        }
        return;
    }
    set(app, f.name, &text);
}

/// Sets (or with `-` clears) one figure through the undoable edit, and
/// shows the outcome on the screen.
fn set(app: &mut App, name: &str, value: &str) {
    let ok = edit(app, |d, _, _| edit::set_context(d, name, value));
    let error = (!ok)
        .then(|| app.message.as_ref().map(|m| m.text.clone()))
        .flatten();
    if let Overlay::Context(p) = &mut app.overlay {
        if ok {
            p.editing = None;
        }
        p.error = error;
    }
}
