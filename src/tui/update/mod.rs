//! `update(app, action) -> effects`: the only place state changes. Pure: no
//! terminal, no files, no clock (time arrives as `Action::Tick`). Effects
//! (writing a file, reading a reference design, quitting) are returned for
//! the runtime to carry out.

use super::action::Action;
use super::command::{self, LineCommand};
use super::edit;
use super::state::{
    AUTOSAVE_EVERY_S, App, CommandLine, Completion, HomePane, InputField, InputPurpose,
    InspectorRow, Overlay, Palette, PaletteItem, PalettePurpose, Pane, Screen, UNDO_LIMIT, Undo,
};
use crate::model::design::AskedAt;
use crate::model::{Catalog, Design, Pack, PropType, PropValue};
use crate::text;
use std::path::PathBuf;

mod cmdline;
mod context;
mod diagram_keys;
mod editor;
mod estimator;
mod export;
mod followups;
mod screens;

use cmdline::cmdline_key;
pub use cmdline::run_command;
use context::{context_key, open_context};
use diagram_keys::{diagram_key, is_diagram_action};
use editor::{confirm_fix_key, editor_key, help_key, input_key, palette_key};
use screens::{brief_key, decisions_key, home_key, report_key, search_key};

/// Something for the runtime to do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write `text` to `path` atomically; answer with `Action::Saved`.
    Write {
        /// Where.
        path: PathBuf,
        /// The design file text.
        text: String,
        /// The session's own file (clears "modified" once written).
        autosave: bool,
        /// The fingerprint the file had when napkin last read or wrote it:
        /// when it differs now, someone else wrote it, and `text` goes to a
        /// copy beside it instead (answered with `Action::SaveConflict`).
        base: Option<u64>,
    },
    /// Copy the file at `path` to a `.bak` beside it before the write that
    /// follows; when that fails, the write is dropped and answered with an
    /// `Action::Saved` error.
    Backup {
        /// The file about to be rewritten.
        path: PathBuf,
    },
    /// Read a design file again; answer with `Action::Reloaded`.
    Reload {
        /// The file.
        path: PathBuf,
    },
    /// Read the scenario's reference design; answer with `Action::ReferenceLoaded`.
    LoadReference {
        /// The pack id.
        scenario: String,
    },
    /// Write a finished session's record (`io::history`); a failure is
    /// answered with an `Action::Saved` error.
    Record {
        /// The record's file.
        path: PathBuf,
        /// Its JSON.
        text: String,
    },
    /// Leave the app (after the effects before it).
    Quit,
}

/// Applies one action. Returns what the runtime must do, in order.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // A new selection (or screen) re-centres the diagram on it.
    let before = (app.screen, crate::tui::diagram_state::target_component(app));
    let effects = apply(app, action);
    if (app.screen, crate::tui::diagram_state::target_component(app)) != before
        && let Some(s) = app.session.as_mut()
    {
        s.diagram.pan = None;
    }
    effects
}

fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Tick(now) => return tick(app, now),
        Action::Resize { width, height } => {
            app.term_size = (width, height);
            return Vec::new();
        }
        Action::Saved {
            path,
            error,
            autosave,
        } => {
            saved(app, path, error, autosave);
            return Vec::new();
        }
        Action::SaveConflict { path, copy } => {
            save_conflict(app, path, copy);
            return Vec::new();
        }
        Action::Reloaded { path, result } => {
            reloaded(app, path, result);
            return Vec::new();
        }
        Action::ReferenceLoaded(result) => {
            reference_loaded(app, result);
            return Vec::new();
        }
        Action::Quit => return quit(app),
        Action::Click { x, y } => return click(app, x, y),
        Action::Wheel { x, y, down } => return wheel(app, x, y, down),
        _ => {}
    }
    app.message = None;
    if app.cmdline.is_some() {
        return cmdline_key(app, action);
    }
    match &app.overlay {
        Overlay::Palette(_) => return palette_key(app, action),
        Overlay::Input(_) => {
            input_key(app, action);
            return Vec::new();
        }
        Overlay::ConfirmFix(_) => {
            confirm_fix_key(app, action);
            return Vec::new();
        }
        Overlay::Context(_) => return context_key(app, action),
        Overlay::Estimator(_) => return estimator::estimator_key(app, action),
        Overlay::StageDiff(_) => {
            // The next stage from the diff moves on again.
            if action == Action::CycleStage {
                app.overlay = Overlay::None;
                return cycle_stage(app);
            }
            crate::tui::growth::diff_key(app, &action);
            return Vec::new();
        }
        Overlay::Help { .. } => {
            if help_key(app, &action) {
                return Vec::new();
            }
        }
        Overlay::None => {}
    }
    if app.screen == Screen::Home && app.home.searching {
        search_key(app, action);
        return Vec::new();
    }
    // Text typed into a follow-up answer is the answer, not a key binding
    // (an interview's `p` or `N` among them).
    if app.screen == Screen::Followups && followups::editing(app) {
        followups::answer_key(app, action);
        return Vec::new();
    }
    if let Some(effects) = super::interview_mode::intercept(app, &action) {
        return effects;
    }
    match action {
        Action::Help => {
            app.overlay = Overlay::Help { scroll: 0 };
            Vec::new()
        }
        Action::CommandLine => {
            app.cmdline = Some(CommandLine::default());
            Vec::new()
        }
        Action::ScreenBrief => goto(app, Screen::Brief),
        Action::ScreenDesign => goto(app, Screen::Design),
        Action::ScreenDecisions => goto(app, Screen::Decisions),
        Action::ScreenReport => goto(app, Screen::Report),
        Action::ToggleMentor => crate::tui::mentor::toggle(app),
        Action::ScreenFollowups => {
            if app.session.is_some() && !crate::tui::followups::available(app) {
                let report = app
                    .keys
                    .first_key(&Action::ScreenReport)
                    .unwrap_or_default();
                app.error(if !app.revealed() {
                    crate::tui::followups::HELD_FOR_WRAP_UP.to_string()
                } else if app.pack().is_some_and(|p| !p.drills.is_empty()) {
                    format!("the follow-ups come after your first report ({report} shows it)")
                } else {
                    "this design's scenario has no follow-ups (:fail and :spike still run drills)"
                        .to_string()
                });
                return Vec::new();
            }
            crate::tui::followups::open(app, None);
            Vec::new()
        }
        Action::NextScreen | Action::PrevScreen => {
            let i = Screen::SESSION.iter().position(|s| *s == app.screen);
            let n = Screen::SESSION.len();
            let next = match (i, action == Action::NextScreen) {
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
                (None, _) => 0,
            };
            goto(app, Screen::SESSION[next])
        }
        Action::Undo => {
            undo(app);
            Vec::new()
        }
        Action::Redo => {
            redo(app);
            Vec::new()
        }
        Action::CycleStage => cycle_stage(app),
        Action::CycleLevel => {
            crate::tui::progress::cycle_level(app);
            Vec::new()
        }
        Action::EditContext => {
            open_context(app);
            Vec::new()
        }
        Action::OpenEstimator => {
            crate::tui::estimator::open(app);
            Vec::new()
        }
        a if is_diagram_action(&a) => {
            diagram_key(app, &a);
            Vec::new()
        }
        other => match app.screen {
            Screen::Home => home_key(app, other),
            Screen::Brief => {
                brief_key(app, other);
                Vec::new()
            }
            Screen::Design => {
                editor_key(app, other);
                Vec::new()
            }
            Screen::Decisions => {
                decisions_key(app, other);
                Vec::new()
            }
            Screen::Report => report_key(app, other),
            Screen::Followups => {
                followups::followups_key(app, other);
                Vec::new()
            }
            Screen::Mentor => crate::tui::mentor::mentor_key(app, other),
        },
    }
}

// ---------------------------------------------------------------- runtime

pub(super) fn tick(app: &mut App, now: u64) -> Vec<Effect> {
    app.now_s = now;
    super::interview_mode::tick(app);
    let due = app.session.as_ref().is_some_and(|s| {
        s.dirty
            && s.path.is_some()
            && s.last_save_s
                .is_none_or(|t| now.saturating_sub(t) >= AUTOSAVE_EVERY_S)
    });
    if due { autosave(app) } else { Vec::new() }
}

/// The autosave write for the session, if it has a file (after a backup,
/// the first time napkin rewrites a file it did not write); marks it clean.
pub(super) fn autosave(app: &mut App) -> Vec<Effect> {
    let clock = app.session_clock();
    let now = app.now_s;
    let Some(s) = app.session.as_mut() else {
        return Vec::new();
    };
    let Some(path) = s.path.clone() else {
        return Vec::new();
    };
    if let Some(log) = s.design.session.as_mut() {
        log.elapsed_s = Some(clock);
    }
    match save_text(s) {
        Ok((text, backup)) => {
            s.dirty = false;
            s.last_save_s = Some(now);
            s.writing = Some(crate::io::save::fingerprint(text.as_bytes()));
            s.writing_text = Some(text.clone());
            let mut out = Vec::new();
            if backup {
                s.backed_up = true;
                out.push(Effect::Backup { path: path.clone() });
            }
            out.push(Effect::Write {
                path,
                text,
                autosave: true,
                base: s.disk,
            });
            out
        }
        Err(e) => {
            app.error(format!("could not save: {e}"));
            Vec::new()
        }
    }
}

/// The text a save of the session's file writes, and whether to back the
/// file up first. A file napkin did not write (comments, its own layout)
/// keeps its text wherever the edits do not reach, and is copied to a
/// `.bak` before napkin first rewrites it.
fn save_text(s: &crate::tui::state::Session) -> Result<(String, bool), String> {
    use crate::io::load::{design_from_text, design_to_yaml};
    let full = design_to_yaml(&s.design)?;
    let Some(source) = s.source.as_deref() else {
        return Ok((full, false));
    };
    let napkins = design_from_text(source)
        .and_then(|d| design_to_yaml(&d).ok())
        .is_some_and(|t| t == source);
    if napkins {
        return Ok((full, false));
    }
    let text = crate::io::preserve::preserve(source, &s.design).unwrap_or(full);
    Ok((text, !s.backed_up))
}

pub(super) fn saved(app: &mut App, path: PathBuf, error: Option<String>, autosave: bool) {
    match error {
        Some(e) => {
            if let Some(s) = app.session.as_mut()
                && (autosave || s.path.as_ref() == Some(&path))
            {
                s.dirty = true;
                // The next save backs the file up again if it must (a
                // backup holding the same bytes is not made twice).
                s.backed_up = false;
            }
            app.error(format!("could not write {}: {e}", path.display()));
        }
        None => {
            if let Some(s) = app.session.as_mut()
                && s.path.as_ref() == Some(&path)
            {
                s.on_disk = true;
                s.disk = s.writing.take().or(s.disk);
                if let Some(text) = s.writing_text.take() {
                    s.source = Some(text);
                }
            }
            if !autosave {
                app.info(format!("wrote {}", path.display()));
            }
        }
    }
}

/// Someone else wrote the session's file since napkin read it: it was left
/// as they wrote it, and the user's version went to `copy`, where the
/// session now saves.
pub(super) fn save_conflict(app: &mut App, path: PathBuf, copy: Result<PathBuf, String>) {
    let Some(s) = app.session.as_mut() else {
        return;
    };
    match copy {
        Ok(copy) => {
            s.path = Some(copy.clone());
            s.disk = s.writing.take();
            s.source = s.writing_text.take();
            s.on_disk = true;
            s.conflict = Some(path.clone());
            app.error(format!(
                "{} changed on disk since napkin read it and was left as it is; \
                 your version is in {} and edits now save there \
                 (:reload opens theirs)",
                path.display(),
                copy.display(),
            ));
        }
        Err(e) => {
            s.dirty = true;
            s.writing = None;
            app.error(format!(
                "{} changed on disk since napkin read it and was left as it is; \
                 your copy could not be written ({e}): :w FILE saves it elsewhere",
                path.display()
            ));
        }
    }
}

/// A design file was read again for `:reload`: it replaces the session's
/// design, and saves go back to that file.
pub(super) fn reloaded(
    app: &mut App,
    path: PathBuf,
    result: Result<Box<(crate::model::Design, u64, String)>, String>,
) {
    match result {
        Ok(loaded) => {
            let (design, fingerprint, text) = *loaded;
            app.open_design(design, Some(path.clone()));
            if let Some(s) = app.session.as_mut() {
                s.on_disk = true;
                s.disk = Some(fingerprint);
                s.source = Some(text);
            }
            app.info(format!("reloaded {}", path.display()));
        }
        Err(e) => app.error(format!("could not reload {}: {e}", path.display())),
    }
}

pub(super) fn quit(app: &mut App) -> Vec<Effect> {
    app.quitting = true;
    // An interview's clock is saved with it, edits or not.
    super::interview_mode::settle(app);
    if app.in_interview()
        && let Some(s) = app.session.as_mut()
    {
        s.dirty = true;
    }
    let mut out = Vec::new();
    if app.session.as_ref().is_some_and(|s| s.dirty) {
        out.extend(autosave(app));
    }
    out.extend(crate::tui::progress::record(app));
    out.push(Effect::Quit);
    out
}

pub(super) fn reference_loaded(
    app: &mut App,
    result: Result<Box<super::action::LoadedReference>, String>,
) {
    let in_diff = matches!(app.overlay, Overlay::StageDiff(_));
    let Some(s) = app.session.as_mut() else {
        return;
    };
    match result {
        Ok(r) => {
            let file = r.file.clone();
            s.report_view.reference = Some(*r);
            s.report_view.reference_error = None;
            // Asked for by a stage move: the diff shows it; the report
            // stays as it was.
            if in_diff {
                return;
            }
            // Loaded for the mentor view, it stays off the candidate's report.
            s.report_view.show_reference = app.screen != Screen::Mentor;
            if s.report_view.show_reference {
                app.info(format!("reference design: {file} (press again to hide)"));
            }
        }
        Err(e) => {
            s.report_view.reference_error = Some(e.clone());
            app.error(format!("could not load the reference design: {e}"));
        }
    }
}

/// Lines one turn of the wheel scrolls a pane.
const WHEEL_LINES: usize = 3;

/// A turn of the wheel: over the brief's facts pane it scrolls the facts;
/// anywhere else it moves through the list as the arrow keys do.
fn wheel(app: &mut App, x: u16, y: u16, down: bool) -> Vec<Effect> {
    let at = ratatui::layout::Position { x, y };
    let over_facts = app.screen == Screen::Brief
        && app.cmdline.is_none()
        && matches!(app.overlay, Overlay::None)
        && app.geometry.borrow().facts.is_some_and(|r| r.contains(at));
    if over_facts {
        if let Some(s) = app.session.as_mut() {
            s.brief.scroll_facts(down, WHEEL_LINES);
        }
        return Vec::new();
    }
    update(
        app,
        if down {
            Action::MoveDown
        } else {
            Action::MoveUp
        },
    )
}

/// A left click: a tab switches screens; a row of the scenario, question or
/// component list is selected, and a click on the selected row opens or asks
/// it (as Enter would). Ignored while a field, overlay or search has the keys.
fn click(app: &mut App, x: u16, y: u16) -> Vec<Effect> {
    use super::state::ClickTarget;
    if app.cmdline.is_some() || !matches!(app.overlay, Overlay::None) || app.home.searching {
        return Vec::new();
    }
    // Where the user clicked on the frame they saw.
    let Some(target) = app.geometry.borrow().click(x, y) else {
        return Vec::new();
    };
    app.message = None;
    match target {
        ClickTarget::Screen(screen) => goto(app, screen),
        ClickTarget::Scenario(i) => {
            let again = app.home.selected == i && app.home.focus == HomePane::Scenarios;
            app.home.focus = HomePane::Scenarios;
            app.home.selected = i;
            if again {
                home_key(app, Action::Confirm)
            } else {
                Vec::new()
            }
        }
        ClickTarget::Question(i) => {
            let Some(s) = app.session.as_mut() else {
                return Vec::new();
            };
            let again = s.brief.question_sel == i;
            s.brief.question_sel = i;
            if again {
                brief_key(app, Action::Confirm);
            }
            Vec::new()
        }
        ClickTarget::Component(i) => {
            if let Some(s) = app.session.as_mut() {
                s.editor.comp_sel = i;
                s.editor.focus = Pane::Components;
            }
            Vec::new()
        }
    }
}

// ---------------------------------------------------------------- helpers

pub(super) fn goto(app: &mut App, screen: Screen) -> Vec<Effect> {
    if app.session.is_none() {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return Vec::new();
    }
    app.screen = screen;
    app.overlay = Overlay::None;
    if screen == Screen::Report {
        app.price_fixes();
        crate::tui::followups::report_shown(app);
    }
    Vec::new()
}

pub(super) fn pack_of<'a>(lib: &'a crate::io::Library, design: &Design) -> Option<&'a Pack> {
    design
        .scenario
        .as_deref()
        .and_then(|id| lib.pack(id))
        .map(|p| &p.pack)
}

/// Runs an undoable edit on the current design and re-scores it.
pub(super) fn edit(
    app: &mut App,
    f: impl FnOnce(&mut Design, &Catalog, Option<&Pack>) -> edit::Outcome,
) -> bool {
    let clock = app.session_clock();
    if let Some(e) = super::interview_mode::paused_refusal(app) {
        app.error(e);
        return false;
    }
    let Some(s) = app.session.as_mut() else {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return false;
    };
    let pack = pack_of(&app.lib, &s.design);
    match f(&mut s.design, &app.lib.catalog, pack) {
        Ok((msg, undo)) => {
            s.undo.push(Undo {
                edit: undo,
                label: msg.clone(),
            });
            if s.undo.len() > UNDO_LIMIT {
                s.undo.remove(0);
            }
            s.redo.clear();
            s.dirty = true;
            if !s.design.components.is_empty()
                && let Some(log) = s.design.session.as_mut()
                && log.first_component_at_s.is_none()
            {
                log.first_component_at_s = Some(clock);
            }
            app.info(msg);
            app.rescore();
            true
        }
        // Edits check before they change anything: nothing to put back.
        Err(e) => {
            app.error(e);
            false
        }
    }
}

pub(super) fn undo(app: &mut App) {
    let Some(s) = app.session.as_mut() else {
        return;
    };
    let Some(step) = s.undo.pop() else {
        app.info("nothing to undo");
        return;
    };
    // Edits leave what was asked and the session's timing alone.
    let redo = step.edit.apply(&mut s.design, &app.lib.catalog);
    s.redo.push(Undo {
        edit: redo,
        label: step.label.clone(),
    });
    s.dirty = true;
    app.info(format!("undid: {}", step.label));
    app.rescore();
}

pub(super) fn redo(app: &mut App) {
    let Some(s) = app.session.as_mut() else {
        return;
    };
    let Some(step) = s.redo.pop() else {
        app.info("nothing to redo");
        return;
    };
    let undo = step.edit.apply(&mut s.design, &app.lib.catalog);
    s.undo.push(Undo {
        edit: undo,
        label: step.label.clone(),
    });
    s.dirty = true;
    app.info(format!("redid: {}", step.label));
    app.rescore();
}

pub(super) fn cycle_stage(app: &mut App) -> Vec<Effect> {
    let Some(p) = app.pack() else {
        app.error("stages come from a scenario; this design has none");
        return Vec::new();
    };
    let ids: Vec<String> = p.stages.iter().map(|s| s.id.clone()).collect();
    let current = app
        .session
        .as_ref()
        .and_then(|s| s.design.stage.as_ref())
        .and_then(|r| p.stage(r))
        .and_then(|st| ids.iter().position(|i| *i == st.id))
        .unwrap_or(0);
    let Some(next) = ids.get((current + 1) % ids.len().max(1)).cloned() else {
        return Vec::new();
    };
    move_stage(app, &next)
}

/// Moves the session to `stage` and shows what changed (held in an
/// interview until wrap-up).
pub(super) fn move_stage(app: &mut App, stage: &str) -> Vec<Effect> {
    if let Some(why) = crate::tui::growth::held(app) {
        app.error(why);
        return Vec::new();
    }
    let before = app.session.as_ref().map(|s| s.report.clone());
    edit(app, |d, _, p| edit::set_stage(d, p, stage));
    match before {
        Some(before) => crate::tui::growth::stage_changed(app, before),
        None => Vec::new(),
    }
}

pub(super) fn ask(app: &mut App, id: &str) {
    let clock = app.session_clock();
    let Some(p) = app.pack() else {
        app.error("questions come from a scenario; this design has none");
        return;
    };
    let Some(q) = p.question(id) else {
        let hint = crate::tui::edit::suggest(
            id,
            p.questions.iter().map(|q| (q.id.as_str(), q.id.as_str())),
        )
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
        app.error(format!("no question `{id}`{hint}"));
        return;
    };
    let ask_text = text::line(&q.ask);
    let index = p.questions.iter().position(|x| x.id == id).unwrap_or(0);
    let Some(s) = app.session.as_mut() else {
        return;
    };
    s.brief.question_sel = index;
    if s.design.asked.iter().any(|a| a == id) {
        app.info(format!("already asked: {ask_text}"));
        return;
    }
    s.design.asked.push(id.to_string());
    let log = s.design.session.get_or_insert_with(Default::default);
    log.asked_at.push(AskedAt {
        id: id.to_string(),
        at_s: clock,
    });
    s.dirty = true;
    app.info(format!("asked: {ask_text}"));
    app.rescore();
}

pub(super) fn move_index(sel: usize, len: usize, action: &Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::MoveUp => sel.saturating_sub(1),
        Action::MoveDown => (sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (sel + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => sel.min(last),
    }
}

pub(super) fn is_move(action: &Action) -> bool {
    matches!(
        action,
        Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
    )
}

/// What a key did to a one-line field being typed.
pub(super) enum FieldKey {
    /// Typed into, or nothing to do.
    Typed,
    /// Esc: leave the field.
    Cancel,
    /// Enter: take the value.
    Confirm,
}

/// Applies `action` to a one-line field of at most `max` characters.
pub(super) fn type_into(text: &mut String, action: Action, max: usize) -> FieldKey {
    match action {
        Action::Input(c) if text.chars().count() < max => text.push(c),
        Action::Paste(s) => {
            push_text(text, &s);
            let keep: String = text.chars().take(max).collect();
            *text = keep;
        }
        Action::Backspace => {
            text.pop();
        }
        Action::ClearLine => text.clear(),
        Action::Cancel => return FieldKey::Cancel,
        Action::Confirm => return FieldKey::Confirm,
        _ => {}
    }
    FieldKey::Typed
}

pub(super) fn push_text(text: &mut String, s: &str) {
    let clean = text::line(s);
    let room = 512usize.saturating_sub(text.chars().count());
    text.extend(clean.chars().take(room));
}

#[cfg(test)]
mod tests;
