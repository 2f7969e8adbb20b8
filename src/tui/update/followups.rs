//! Keys of the follow-ups screen: Enter writes an answer, runs the drill,
//! then moves on; left/right (and up/down) go through the follow-ups; the
//! answer field takes typed text until Enter saves it or Esc leaves it.

use super::Action;
use crate::tui::followups as fu;
use crate::tui::state::App;

/// True while the answer field has the keys.
pub(super) fn editing(app: &App) -> bool {
    app.session
        .as_ref()
        .is_some_and(|s| s.followups.editing.is_some())
}

/// A key in the answer field.
pub(super) fn answer_key(app: &mut App, action: Action) {
    match action {
        Action::Input(c) => fu::type_text(app, &c.to_string()),
        Action::Paste(text) => fu::type_text(app, &text),
        Action::Backspace => fu::backspace(app),
        Action::ClearLine => {
            if let Some(s) = app.session.as_mut() {
                s.followups.editing = Some(String::new());
            }
        }
        Action::Confirm => fu::save_answer(app),
        Action::Cancel => fu::cancel_answer(app),
        _ => {}
    }
}

/// A key on the follow-ups screen outside the answer field.
pub(super) fn followups_key(app: &mut App, action: Action) {
    match action {
        Action::Confirm => fu::advance(app),
        // `e` (edit) opens the answer again, whatever step the follow-up is at.
        Action::EditProps | Action::Rename => fu::start_answer(app),
        Action::MoveRight | Action::MoveDown | Action::PageDown => fu::step(app, 1),
        Action::MoveLeft | Action::MoveUp | Action::PageUp => fu::step(app, -1),
        Action::Top => fu::select(app, 0),
        Action::Bottom => fu::select(app, usize::MAX),
        _ => {}
    }
}
