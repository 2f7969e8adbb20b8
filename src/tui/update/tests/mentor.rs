//! The mentor view: only with `--mentor`, hidden at the start of an
//! interview, toggled by a key; notes per component, finding and session;
//! named attempts; the diff against an earlier attempt of the scenario.

use super::*;
use crate::model::notes::NoteTarget;

/// An earlier attempt of mini-notify, saved: the fixture reference.
fn earlier() -> SessionEntry {
    let mut d = fixture::reference();
    d.session = Some(crate::model::design::SessionLog {
        name: Some("first try".into()),
        ..Default::default()
    });
    SessionEntry {
        path: PathBuf::from("/tmp/napkin-sessions/mini-notify-1.napkin.yaml"),
        design: d,
        score: Some(80),
        when: "1 h ago".into(),
        fingerprint: None,
    }
}

fn mentored(interview: bool) -> App {
    let mut a = App::new(
        fixture::library(),
        Keymap::defaults(),
        Some(PathBuf::from("/tmp/napkin-sessions")),
        vec![earlier()],
    );
    if interview {
        a.start_interview("mini-notify", Some(9)).unwrap();
    } else {
        a.start_practice("mini-notify").unwrap();
    }
    crate::tui::mentor::enable(&mut a);
    a
}

#[test]
fn the_key_does_nothing_without_mentor_and_says_how() {
    let mut a = practice();
    send(&mut a, [Action::ToggleMentor]);
    assert_eq!(a.screen, Screen::Brief);
    assert!(err(&a).contains("--mentor"), "{}", err(&a));
}

#[test]
fn practice_shows_it_and_the_key_hides_and_shows_it() {
    let mut a = mentored(false);
    assert_eq!(a.screen, Screen::Mentor);
    send(&mut a, [Action::ToggleMentor]);
    assert_eq!(a.screen, Screen::Brief, "back where the session was");
    send(&mut a, [Action::ScreenDesign, Action::ToggleMentor]);
    assert_eq!(a.screen, Screen::Mentor);
    send(&mut a, [Action::ToggleMentor]);
    assert_eq!(a.screen, Screen::Design);
}

#[test]
fn an_interview_starts_with_it_hidden() {
    let mut a = mentored(true);
    assert_eq!(a.screen, Screen::Brief, "the candidate may be looking");
    send(&mut a, [Action::ToggleMentor]);
    assert_eq!(a.screen, Screen::Mentor);
}

#[test]
fn showing_it_asks_for_the_reference_without_showing_it_on_the_report() {
    let mut a = mentored(false);
    send(&mut a, [Action::ToggleMentor]);
    let fx = send(&mut a, [Action::ToggleMentor]);
    assert!(
        fx.iter().any(|e| matches!(e, Effect::LoadReference { .. })),
        "{fx:?}"
    );
    let design = fixture::reference();
    let report = a.judge(&design);
    send(
        &mut a,
        [Action::ReferenceLoaded(Ok(Box::new(LoadedReference {
            file: "designs/strong.napkin.yaml".into(),
            summary: String::new(),
            design,
            report,
        })))],
    );
    let s = a.session.as_ref().unwrap();
    assert!(s.report_view.reference.is_some());
    assert!(
        !s.report_view.show_reference,
        "the candidate's report stays as it was"
    );
}

#[test]
fn notes_go_to_the_session_a_component_or_the_chosen_finding() {
    let mut a = mentored(false);
    send(&mut a, [Action::ToggleMentor]);
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    cmd(&mut a, "note session asked good questions early");
    cmd(&mut a, "note db why postgres and not a document store?");
    send(&mut a, [Action::ToggleMentor, Action::MoveDown]);
    assert_eq!(a.screen, Screen::Mentor);
    let f = a.session.as_ref().unwrap().report.findings[1].clone();
    cmd(&mut a, "note this is the one to talk about");
    let notes = &design(&a).notes;
    assert_eq!(notes["_session"], "asked good questions early");
    assert_eq!(notes["db"], "why postgres and not a document store?");
    let key = NoteTarget::finding(&f.rule, &f.components).key();
    assert_eq!(notes[&key], "this is the one to talk about", "{notes:?}");
    assert!(a.session.as_ref().unwrap().dirty);
    cmd(&mut a, "note db -");
    assert!(!design(&a).notes.contains_key("db"));
    // A note on a finding is not a note on a missing component.
    let problems = crate::model::validate::validate_design(design(&a), &a.lib.catalog, &[]);
    assert!(
        !problems.iter().any(|p| p.path.starts_with("notes.")),
        "{problems:?}"
    );
}

#[test]
fn the_editor_notes_the_selected_component() {
    let mut a = drawn();
    select(&mut a, "api");
    cmd(&mut a, "note the only server");
    assert_eq!(design(&a).notes["api"], "the only server");
}

#[test]
fn name_sets_and_clears_the_attempt_name() {
    let mut a = practice();
    cmd(&mut a, "name after feedback");
    let name = |a: &App| design(a).session.as_ref().and_then(|l| l.name.clone());
    assert_eq!(name(&a).as_deref(), Some("after feedback"));
    let text = crate::io::load::design_to_yaml(design(&a)).unwrap();
    assert!(text.contains("name: after feedback"), "{text}");
    cmd(&mut a, "name -");
    assert_eq!(name(&a), None);
}

#[test]
fn it_compares_with_the_earlier_attempt_and_cycles() {
    let mut a = mentored(false);
    let against = |a: &App| {
        a.mentor
            .as_ref()
            .and_then(|m| m.against.as_ref())
            .map(|x| x.name.clone())
    };
    assert_eq!(against(&a).as_deref(), Some("first try (mini-notify-1)"));
    send(&mut a, [Action::MoveRight]);
    assert_eq!(against(&a), None, "past the oldest: no comparison");
    send(&mut a, [Action::MoveRight]);
    assert!(against(&a).is_some());
    let m = a.mentor.as_ref().unwrap().against.as_ref().unwrap();
    let s = a.session.as_ref().unwrap();
    let d = crate::engine::diff::diff(&m.design, &m.report, &s.design, &s.report);
    assert!(
        !d.components_removed.is_empty(),
        "the new attempt has drawn nothing yet"
    );
}

#[test]
fn the_reference_follows_the_stage() {
    let mut a = mentored(false);
    let design = fixture::reference();
    let report = a.judge(&design);
    crate::tui::mentor::reference_ready(
        &mut a,
        LoadedReference {
            file: "designs/strong.napkin.yaml".into(),
            summary: String::new(),
            design,
            report,
        },
    );
    // A stage move drops the reference judged at the old stage and asks
    // for the one at the new stage (it may be another file).
    let effects = cmd(&mut a, "stage 2");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadReference { .. }))
    );
    let s = a.session.as_ref().unwrap();
    assert!(s.report_view.reference.is_none());
    assert!(s.report.context.stage.is_some());
}
