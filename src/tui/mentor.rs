//! The mentor view: a panel of the same session for the person running it.
//! It shows what the candidate's screens hold back (the pack's hidden facts
//! and rubric, the key questions not yet asked, the reference's score at
//! the stage beside the mentee's, the follow-ups' model answers), the
//! changes since an earlier attempt of the same scenario, and takes notes
//! (`:note`) per component, per finding and per session into the design's
//! `notes`. It exists only when napkin was started with `--mentor`, and a
//! key hides it (a mentor sharing their screen); an interview starts with
//! it hidden.
//!
//! Pure transitions on [`App`]; the earlier attempts are the sessions the
//! home screen listed at start-up, so nothing here reads a file.

use super::state::{App, Screen, SessionEntry};
use crate::engine::report::Report;
use crate::model::notes::NoteTarget;
use std::path::PathBuf;

/// Longest note kept, in characters.
pub const MAX_NOTE: usize = 2000;

/// Longest attempt name kept, in characters.
pub const MAX_NAME: usize = 80;

/// The mentor view's place in an app started with `--mentor`.
#[derive(Debug, Clone, PartialEq)]
pub struct MentorState {
    /// The screen to go back to when the view is hidden.
    pub back: Screen,
    /// Index into the report's findings of the one a `:note` goes to.
    pub finding_sel: usize,
    /// Lines scrolled.
    pub scroll: usize,
    /// The earlier attempt the view diffs against, judged when chosen.
    pub against: Option<Against>,
}

/// An earlier attempt, judged, to compare the session with.
#[derive(Debug, Clone, PartialEq)]
pub struct Against {
    /// Its session file.
    pub path: PathBuf,
    /// What to call it: its `:name`, else its file name.
    pub name: String,
    /// Its design.
    pub design: crate::model::Design,
    /// Its judgement.
    pub report: Report,
}

/// Turns the mentor view on for this run: shown now unless the session is
/// an interview (the candidate may be looking), where it starts hidden.
pub fn enable(app: &mut App) {
    let back = if app.screen == Screen::Mentor {
        Screen::Brief
    } else {
        app.screen
    };
    app.mentor = Some(MentorState {
        back,
        finding_sel: 0,
        scroll: 0,
        against: None,
    });
    pick_latest(app);
    if app.session.is_some() && !app.in_interview() {
        app.screen = Screen::Mentor;
    }
}

/// Shows or hides the mentor view; showing it asks for the reference
/// design when it is not loaded yet.
pub fn toggle(app: &mut App) -> Vec<super::update::Effect> {
    if app.session.is_none() {
        app.error("the mentor view is for a session: open a scenario or a file first");
        return Vec::new();
    }
    let screen = app.screen;
    let Some(m) = app.mentor.as_mut() else {
        app.error(
            "the mentor view is off: start napkin with --mentor (napkin practice ID --mentor)",
        );
        return Vec::new();
    };
    if screen == Screen::Mentor {
        app.screen = m.back;
        Vec::new()
    } else {
        m.back = screen;
        app.screen = Screen::Mentor;
        app.overlay = super::state::Overlay::None;
        if app.pack().is_some() {
            load_reference(app)
        } else {
            Vec::new()
        }
    }
}

/// Keeps the reference design read at start-up for the mentor view, without
/// showing it on the candidate's report.
pub fn reference_ready(app: &mut App, reference: super::action::LoadedReference) {
    if let Some(s) = app.session.as_mut() {
        s.report_view.reference = Some(reference);
    }
}

/// Earlier attempts of the session's scenario, newest first: the saved
/// sessions listed at start-up, other than the session's own file.
pub fn earlier(app: &App) -> Vec<&SessionEntry> {
    let Some(s) = app.session.as_ref() else {
        return Vec::new();
    };
    let Some(scenario) = s.design.scenario.as_deref() else {
        return Vec::new();
    };
    app.home
        .sessions
        .iter()
        .filter(|e| e.design.scenario.as_deref() == Some(scenario))
        .filter(|e| s.path.as_ref() != Some(&e.path))
        .collect()
}

/// What an attempt is called: its `:name`, else its file name.
pub fn attempt_name(e: &SessionEntry) -> String {
    let file = crate::io::export::diff::file_stem(&e.path);
    match e.design.session.as_ref().and_then(|l| l.name.as_deref()) {
        Some(n) if !n.trim().is_empty() => format!("{} ({file})", crate::text::line(n)),
        _ => file,
    }
}

fn against(app: &App, e: &SessionEntry) -> Against {
    Against {
        path: e.path.clone(),
        name: attempt_name(e),
        design: e.design.clone(),
        report: app.judge(&e.design),
    }
}

/// Compares with the newest earlier attempt, when there is one.
fn pick_latest(app: &mut App) {
    let chosen = earlier(app).first().map(|e| against(app, e));
    if let Some(m) = app.mentor.as_mut() {
        m.against = chosen;
    }
}

/// Compares with the next older attempt (`forward`) or the next newer
/// one; past either end, with none.
pub fn cycle_against(app: &mut App, forward: bool) {
    let list = earlier(app);
    if list.is_empty() {
        app.error("no earlier attempt of this scenario in the sessions folder to compare with");
        return;
    }
    let now = app
        .mentor
        .as_ref()
        .and_then(|m| m.against.as_ref())
        .and_then(|a| list.iter().position(|e| e.path == a.path));
    let next = match (now, forward) {
        (None, true) => Some(0),
        (None, false) => Some(list.len() - 1),
        (Some(i), true) => (i + 1 < list.len()).then_some(i + 1),
        (Some(i), false) => i.checked_sub(1),
    };
    let chosen = next.and_then(|i| list.get(i)).map(|e| against(app, e));
    let msg = match &chosen {
        Some(a) => format!("comparing with {}", a.name),
        None => "not comparing with an earlier attempt".to_string(),
    };
    if let Some(m) = app.mentor.as_mut() {
        m.against = chosen;
        m.scroll = 0;
    }
    app.info(msg);
}

/// Moves the finding a `:note` goes to.
pub fn step_finding(app: &mut App, delta: isize) {
    let n = app
        .session
        .as_ref()
        .map(|s| s.report.findings.len())
        .unwrap_or(0);
    if let Some(m) = app.mentor.as_mut() {
        m.finding_sel = m
            .finding_sel
            .saturating_add_signed(delta)
            .min(n.saturating_sub(1));
    }
}

/// Scrolls the view by `lines`, towards the end when `down`.
pub fn scroll(app: &mut App, down: bool, lines: usize) {
    if let Some(m) = app.mentor.as_mut() {
        m.scroll = if down {
            (m.scroll + lines).min(500)
        } else {
            m.scroll.saturating_sub(lines)
        };
    }
}

/// What a `:note` without a target is about: on the mentor view the
/// selected finding; in the editor the selected finding while the findings
/// pane has the focus, else the selected component; elsewhere the session.
pub fn focus_target(app: &App) -> NoteTarget {
    let Some(s) = app.session.as_ref() else {
        return NoteTarget::Session;
    };
    let finding = |i: usize| {
        s.report
            .findings
            .get(i)
            .map(|f| NoteTarget::finding(&f.rule, &f.components))
    };
    match app.screen {
        Screen::Mentor => app
            .mentor
            .as_ref()
            .and_then(|m| finding(m.finding_sel))
            .unwrap_or(NoteTarget::Session),
        Screen::Design => match s.editor.focus {
            super::state::Pane::Findings if app.revealed() => {
                finding(s.editor.finding_sel).unwrap_or(NoteTarget::Session)
            }
            _ => app
                .selected_component()
                .map(|c| NoteTarget::Component(c.to_string()))
                .unwrap_or(NoteTarget::Session),
        },
        _ => NoteTarget::Session,
    }
}

/// `:note [session|ID] TEXT`: writes the note (`-` removes it). The first
/// word names the target when it is `session` or a component id; otherwise
/// the whole text is the note on what has the focus.
pub fn note(app: &mut App, text: &str) {
    let Some(s) = app.session.as_ref() else {
        app.error("notes belong to a session: open a scenario or a file first");
        return;
    };
    let text = text.trim();
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let (target, body) = if first == "session" {
        (NoteTarget::Session, rest.trim())
    } else if s.design.component(first).is_some() {
        (NoteTarget::Component(first.to_string()), rest.trim())
    } else {
        (focus_target(app), text)
    };
    if body.is_empty() {
        app.error("type the note: :note [session|ID] TEXT (- removes it)");
        return;
    }
    let key = target.key();
    let Some(s) = app.session.as_mut() else {
        return;
    };
    // Notes are the mentor's record, not the design: they change no
    // judgement, so they are written like answers to follow-ups, not as
    // an undoable edit.
    let msg = if body == "-" {
        if s.design.notes.remove(&key).is_none() {
            app.error(format!("no note on {target} to remove"));
            return;
        }
        format!("note on {target} removed")
    } else {
        let clean: String = crate::text::line(body).chars().take(MAX_NOTE).collect();
        s.design.notes.insert(key, clean);
        format!("note on {target} saved")
    };
    s.dirty = true;
    app.info(msg);
}

/// `:name TEXT`: names the attempt (`session.name`); `-` clears it.
pub fn name(app: &mut App, text: &str) {
    let Some(s) = app.session.as_mut() else {
        app.error("only a session has a name: open a scenario or a file first");
        return;
    };
    let text = text.trim();
    let log = s.design.session.get_or_insert_with(Default::default);
    let msg = if text == "-" {
        log.name = None;
        "the attempt's name is cleared".to_string()
    } else {
        let clean: String = crate::text::line(text).chars().take(MAX_NAME).collect();
        let msg = format!("this attempt is named \"{clean}\"");
        log.name = Some(clean);
        msg
    };
    s.dirty = true;
    app.info(msg);
}

/// Keys on the mentor view: up and down choose the finding a `:note` goes
/// to, left and right the earlier attempt compared with, page keys scroll,
/// Enter loads the reference design when it is not yet.
pub fn mentor_key(app: &mut App, action: super::action::Action) -> Vec<super::update::Effect> {
    use super::action::Action;
    match action {
        Action::MoveUp => step_finding(app, -1),
        Action::MoveDown => step_finding(app, 1),
        Action::MoveRight => cycle_against(app, true),
        Action::MoveLeft => cycle_against(app, false),
        Action::PageDown => scroll(app, true, 10),
        Action::PageUp => scroll(app, false, 10),
        Action::Top => scroll(app, false, usize::MAX),
        Action::Cancel => return toggle(app),
        Action::Confirm => return load_reference(app),
        _ => {}
    }
    Vec::new()
}

/// Asks for the pack's reference design, for the score beside the mentee's.
pub fn load_reference(app: &mut App) -> Vec<super::update::Effect> {
    let Some(scenario) = app.pack().map(|p| p.id.clone()) else {
        app.error("no reference design: this design has no scenario");
        return Vec::new();
    };
    if app
        .session
        .as_ref()
        .is_some_and(|s| s.report_view.reference.is_some())
    {
        return Vec::new();
    }
    vec![super::update::Effect::LoadReference { scenario }]
}

/// The reference design judged again when the session's stage moved (the
/// scores side by side must be at one stage); `None` while they agree.
pub fn rejudged_reference(app: &App, now: &Report) -> Option<Report> {
    let r = app.session.as_ref()?.report_view.reference.as_ref()?;
    if r.report.context.stage == now.context.stage {
        return None;
    }
    let stage = now
        .context
        .stage
        .as_ref()
        .map(|s| crate::model::StageRef::Id(s.clone()));
    let opts = crate::engine::AnalysisOptions {
        stage,
        ..Default::default()
    };
    Some(crate::engine::analyze(
        &r.design,
        &app.lib.catalog,
        app.pack(),
        &opts,
    ))
}
