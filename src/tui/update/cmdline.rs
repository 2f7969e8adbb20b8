//! The `:` command line: typing, completion, history and running commands.

use super::diagram_keys::{clear_flow, focus_flow, next_flow, toggle_diagram};
use super::editor::{add, select_component};
use super::export::export;
use super::screens::toggle_reference;
use super::*;

// ---------------------------------------------------------------- command line

pub(super) fn cmdline_key(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(cl) = app.cmdline.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Input(c) => {
            if cl.text.chars().count() < 512 {
                cl.text.push(c);
            }
            cl.completion = None;
            cl.history_pos = None;
        }
        Action::Paste(s) => {
            push_text(&mut cl.text, &s);
            cl.completion = None;
        }
        Action::Backspace => {
            if cl.text.pop().is_none() {
                app.cmdline = None;
            } else {
                cl.completion = None;
            }
        }
        Action::ClearLine => {
            cl.text.clear();
            cl.completion = None;
        }
        Action::Cancel => app.cmdline = None,
        Action::NextPane => complete(app, true),
        Action::PrevPane => complete(app, false),
        Action::MoveUp | Action::MoveDown => {
            let n = app.history.len();
            if n == 0 {
                return Vec::new();
            }
            let pos = match (cl.history_pos, action == Action::MoveUp) {
                (None, true) => Some(n - 1),
                (None, false) => None,
                (Some(p), true) => Some(p.saturating_sub(1)),
                (Some(p), false) if p + 1 < n => Some(p + 1),
                (Some(_), false) => None,
            };
            cl.history_pos = pos;
            cl.text = pos
                .and_then(|p| app.history.get(p).cloned())
                .unwrap_or_default();
            cl.completion = None;
        }
        Action::Confirm => {
            let text = cl.text.trim().to_string();
            app.cmdline = None;
            if text.is_empty() {
                return Vec::new();
            }
            if app.history.last() != Some(&text) {
                app.history.push(text.clone());
                if app.history.len() > 100 {
                    app.history.remove(0);
                }
            }
            // `a ; b` runs both (fix suggestions are written that way);
            // the first error stops the rest.
            let mut effects = Vec::new();
            for part in text.split(" ; ").map(str::trim).filter(|p| !p.is_empty()) {
                app.message = None;
                match command::parse(part) {
                    Ok(c) => effects.extend(run_command(app, c)),
                    Err(e) => app.error(e),
                }
                if app.message.as_ref().is_some_and(|m| m.error) {
                    break;
                }
            }
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

pub(super) fn complete(app: &mut App, forward: bool) {
    let Some(cl) = app.cmdline.as_ref() else {
        return;
    };
    // An empty line has nothing to complete: inserting the first command of
    // the list would type a command the user never chose.
    if cl.text.trim().is_empty() {
        app.info("type the start of a command, then Tab; :help lists them");
        return;
    }
    // An interview never lists the questions it will answer.
    if app.in_interview() && crate::tui::interview_mode::completes_questions(&cl.text) {
        app.info("in an interview you ask in your own words: no completion");
        return;
    }
    if let Some(c) = &cl.completion
        && !c.candidates.is_empty()
    {
        let n = c.candidates.len();
        let index = if forward {
            (c.index + 1) % n
        } else {
            (c.index + n - 1) % n
        };
        let (start, cand) = (c.start, c.candidates[index].clone());
        let candidates = c.candidates.clone();
        if let Some(cl) = app.cmdline.as_mut() {
            cl.text.truncate(start);
            cl.text.push_str(&cand);
            cl.completion = Some(Completion {
                start,
                candidates,
                index,
            });
        }
        return;
    }
    let design = app.session.as_ref().map(|s| &s.design);
    let flows = app
        .session
        .as_ref()
        .map(|s| s.report.flows.as_slice())
        .unwrap_or_default();
    let ctx = command::Ctx {
        design,
        catalog: &app.lib.catalog,
        pack: app.pack(),
        flows,
    };
    let (start, mut candidates) = command::complete(&cl.text, ctx);
    crate::tui::interview_mode::deal_completions(app, &cl.text, &mut candidates);
    let Some(cl) = app.cmdline.as_mut() else {
        return;
    };
    match candidates.len() {
        0 => app.error("no completions"),
        1 => {
            cl.text.truncate(start);
            cl.text.push_str(&candidates[0]);
            cl.text.push(' ');
        }
        _ => {
            cl.text.truncate(start);
            cl.text.push_str(&candidates[0]);
            cl.completion = Some(Completion {
                start,
                candidates,
                index: 0,
            });
        }
    }
}

/// Runs a parsed command.
pub fn run_command(app: &mut App, c: LineCommand) -> Vec<Effect> {
    let design_edit = matches!(
        c,
        LineCommand::Add { .. }
            | LineCommand::Link { .. }
            | LineCommand::Unlink { .. }
            | LineCommand::Rm { .. }
            | LineCommand::Replicas { .. }
            | LineCommand::Set { .. }
            | LineCommand::Unset { .. }
            | LineCommand::Stores { .. }
            | LineCommand::Kind { .. }
            | LineCommand::Rename { .. }
            | LineCommand::Context { value: Some(_), .. }
    );
    if app.session.is_none()
        && !matches!(
            c,
            LineCommand::Quit | LineCommand::WriteQuit | LineCommand::Help
        )
    {
        app.error("open a scenario or a session first (Enter on the home screen)");
        return Vec::new();
    }
    if let Some(effects) = crate::tui::interview_mode::command(app, &c) {
        return effects;
    }
    let ok = match c {
        LineCommand::Add { kind, id } => add(app, &kind, id.as_deref()),
        LineCommand::Link { from, to, mode } => {
            edit(app, |d, _, _| edit::link(d, &from, &to, mode))
        }
        LineCommand::Unlink { from, to } => edit(app, |d, _, _| edit::unlink(d, &from, &to)),
        LineCommand::Rm { id } => edit(app, |d, c, _| edit::remove(d, c, &id)),
        LineCommand::Replicas { id, n } => {
            let ok = edit(app, |d, _, _| edit::set_replicas(d, &id, n));
            select_component(app, &id);
            ok
        }
        LineCommand::Set { id, key, value } => {
            let ok = edit(app, |d, c, _| edit::set(d, c, &id, &key, &value));
            select_component(app, &id);
            ok
        }
        LineCommand::Unset { id, key } => edit(app, |d, _, _| edit::unset(d, &id, &key)),
        LineCommand::Stores { id, entity } => {
            let known = app
                .session
                .as_ref()
                .map(|s| edit::entities(&s.design, app.pack()))
                .unwrap_or_default();
            let ok = edit(app, |d, _, _| edit::toggle_store(d, &known, &id, &entity));
            select_component(app, &id);
            ok
        }
        LineCommand::Kind { id, kind } => edit(app, |d, c, _| edit::change_kind(d, c, &id, &kind)),
        LineCommand::Rename { id, new_id } => {
            let ok = edit(app, |d, _, _| edit::rename(d, &id, &new_id));
            select_component(app, &new_id);
            ok
        }
        LineCommand::Ask { question } => {
            ask(app, &question);
            false
        }
        LineCommand::Answer { prompt, option } => {
            edit(app, |d, _, p| edit::answer(d, p, &prompt, &option))
        }
        LineCommand::Stage { stage } => return move_stage(app, &stage),
        LineCommand::Context {
            key: Some(key),
            value: Some(value),
        } => edit(app, |d, _, _| edit::set_context(d, &key, &value)),
        LineCommand::Context { .. } => {
            super::context::open_context(app);
            false
        }
        LineCommand::Estimate { figure, value } => {
            super::estimator::estimate_command(app, figure.as_deref(), value.as_deref());
            false
        }
        LineCommand::Write { file } => return write(app, file),
        LineCommand::Reload => return reload(app),
        LineCommand::Quit => return quit(app),
        LineCommand::WriteQuit => {
            let mut out = write(app, None);
            out.extend(quit(app));
            return out;
        }
        LineCommand::Undo => {
            undo(app);
            false
        }
        LineCommand::Redo => {
            redo(app);
            false
        }
        LineCommand::Help => {
            app.overlay = Overlay::Help { scroll: 0 };
            false
        }
        LineCommand::Brief => return goto(app, Screen::Brief),
        LineCommand::Design => return goto(app, Screen::Design),
        LineCommand::Decisions => return goto(app, Screen::Decisions),
        LineCommand::Report => return goto(app, Screen::Report),
        LineCommand::Reference => {
            app.screen = Screen::Report;
            app.price_fixes();
            return toggle_reference(app);
        }
        LineCommand::Export { format, file } => return export(app, format, file),
        LineCommand::Pause => {
            crate::tui::interview_mode::toggle_pause(app);
            false
        }
        LineCommand::Resume => {
            crate::tui::interview_mode::resume(app);
            false
        }
        LineCommand::Phase { phase } => {
            return crate::tui::interview_mode::next_phase(app, phase.as_deref());
        }
        LineCommand::Diagram => {
            toggle_diagram(app);
            false
        }
        LineCommand::Followups { drill } => {
            crate::tui::followups::open(app, drill.as_deref());
            false
        }
        LineCommand::Drill { drill } => {
            crate::tui::followups::run_drill(app, drill.as_deref());
            false
        }
        LineCommand::Fail { names } => {
            crate::tui::followups::run_adhoc(app, names, None);
            false
        }
        LineCommand::Spike { times } => {
            let x = times.trim_start_matches(['x', 'X']).parse().ok();
            crate::tui::followups::run_adhoc(app, Vec::new(), x);
            false
        }
        LineCommand::Name { text } => {
            crate::tui::mentor::name(app, &text);
            false
        }
        LineCommand::Note { text } => {
            crate::tui::mentor::note(app, &text);
            false
        }
        LineCommand::Mentor => return crate::tui::mentor::toggle(app),
        LineCommand::Flow { flow } => {
            match flow.as_deref() {
                None => next_flow(app),
                Some("all") => clear_flow(app),
                Some(id) => focus_flow(app, id),
            }
            false
        }
    };
    if ok && design_edit && matches!(app.screen, Screen::Brief | Screen::Decisions) {
        app.screen = Screen::Design;
    }
    Vec::new()
}

/// Asks for the session's file as it is on disk: after a conflict, the file
/// the other writer changed; otherwise the session's own. Unsaved edits are
/// never thrown away.
fn reload(app: &mut App) -> Vec<Effect> {
    let Some(s) = app.session.as_ref() else {
        return Vec::new();
    };
    let Some(path) = s.conflict.clone().or_else(|| s.path.clone()) else {
        app.error("this session has no file to reload");
        return Vec::new();
    };
    if s.dirty {
        app.error("unsaved edits: :w saves them first (or :w FILE keeps a copy)");
        return Vec::new();
    }
    vec![Effect::Reload { path }]
}

pub(super) fn write(app: &mut App, file: Option<String>) -> Vec<Effect> {
    match file {
        None => {
            if app.session.as_ref().is_some_and(|s| s.path.is_none()) {
                app.error("this session has no file (no home folder): use :w FILE");
                return Vec::new();
            }
            autosave(app)
                .into_iter()
                .map(|e| match e {
                    Effect::Write {
                        path, text, base, ..
                    } => Effect::Write {
                        path,
                        text,
                        autosave: false,
                        base,
                    },
                    other => other,
                })
                .collect()
        }
        Some(f) => {
            let clock = app.session_clock();
            let Some(s) = app.session.as_mut() else {
                return Vec::new();
            };
            let mut copy = s.design.clone();
            if let Some(log) = copy.session.as_mut() {
                log.elapsed_s = Some(clock);
            }
            match crate::io::load::design_to_yaml(&copy) {
                Ok(text) => {
                    let path = PathBuf::from(f);
                    // `:w` naming the session's own file is checked like autosave.
                    let base = if s.path.as_ref() == Some(&path) {
                        s.writing = Some(crate::io::save::fingerprint(text.as_bytes()));
                        s.disk
                    } else {
                        None
                    };
                    vec![Effect::Write {
                        path,
                        text,
                        autosave: false,
                        base,
                    }]
                }
                Err(e) => {
                    app.error(format!("could not save: {e}"));
                    Vec::new()
                }
            }
        }
    }
}
