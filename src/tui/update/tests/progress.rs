//! Issue 17 through `update` on an injected clock: the estimator graded at
//! wrap-up, "a year later" and its diff, the level report, and the record
//! a finished session leaves for `napkin history`.

use super::*;
use crate::model::estimate::Grade;
use crate::model::level::Level;
use crate::tui::growth::StageDiff;

/// 2026-12-07 00:00 UTC.
const EPOCH: u64 = 1_796_601_600;

fn app_p() -> App {
    let mut a = App::new(
        fixture::library_with_progress(),
        Keymap::defaults(),
        Some(PathBuf::from("/tmp/napkin-test/sessions")),
        Vec::new(),
    );
    a.epoch_s = EPOCH;
    a
}

fn grades(a: &App) -> Vec<Option<Grade>> {
    crate::tui::estimator::rows(a)
        .into_iter()
        .map(|c| c.grade)
        .collect()
}

fn records(effects: &[Effect]) -> Vec<crate::io::history::Attempt> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Record { path, text } => {
                assert_eq!(
                    path.parent(),
                    Some(std::path::Path::new("/tmp/napkin-test/history"))
                );
                Some(serde_json::from_str(text).expect("a record"))
            }
            _ => None,
        })
        .collect()
}

fn diff(a: &App) -> &StageDiff {
    match &a.overlay {
        Overlay::StageDiff(d) => d,
        other => panic!("expected the stage diff, got {other:?}"),
    }
}

#[test]
fn estimates_are_hidden_until_wrap_up_then_graded_and_final() {
    let mut a = app_p();
    a.start_interview("mini-notify", Some(9)).unwrap();
    send(
        &mut a,
        [
            Action::Resize {
                width: 100,
                height: 30,
            },
            Action::Tick(20),
        ],
    );
    // Peak requests/s: 5 for real; 8 is within 2x.
    send(&mut a, [Action::OpenEstimator, Action::Confirm]);
    send(&mut a, typed("8"));
    send(&mut a, [Action::Confirm]);
    // Writes/s: 1 for real; 30 is off.
    send(&mut a, [Action::MoveDown, Action::Confirm]);
    send(&mut a, typed("30"));
    send(&mut a, [Action::Confirm]);
    // A value napkin cannot read keeps the field open with the reason.
    send(&mut a, [Action::MoveDown, Action::Confirm]);
    send(&mut a, typed("lots"));
    send(&mut a, [Action::Confirm]);
    match &a.overlay {
        Overlay::Estimator(p) => {
            assert!(p.error.as_deref().unwrap_or("").contains("not a figure"));
            assert!(p.editing.is_some());
        }
        other => panic!("{other:?}"),
    }
    send(&mut a, [Action::Cancel, Action::Cancel]);
    // Messages a day: 400 for real; 1.5k is rough.
    cmd(&mut a, "estimate messages-per-day 1.5k");
    assert!(info(&a).contains("messages a day 1500"), "{}", info(&a));
    let saved = &design(&a).session.as_ref().unwrap().estimates;
    assert_eq!(saved.len(), 3);
    assert!(saved.iter().all(|e| e.stage == "launch"));

    // Before wrap-up nothing is graded on screen.
    send(&mut a, [Action::OpenEstimator]);
    let s = fixture::screen(&a);
    assert!(s.contains("grades them at wrap-up"), "{s}");
    assert!(!s.contains("good") && !s.contains("How:"), "{s}");
    send(&mut a, [Action::Cancel]);

    // Through the phases on the clock, into wrap-up.
    let mut effects = Vec::new();
    for (t, n) in [(60, 1), (120, 1), (300, 1), (480, 2)] {
        effects.extend(send(&mut a, [Action::Tick(t)]));
        for _ in 0..n {
            effects.extend(send(&mut a, [Action::NextPhase]));
        }
    }
    assert!(a.revealed());
    assert_eq!(
        grades(&a),
        [
            Some(Grade::Good),
            Some(Grade::Off),
            Some(Grade::Rough),
            None,
            None
        ]
    );
    assert_eq!(crate::tui::estimator::accuracy(&a), [1, 1, 1]);
    send(&mut a, [Action::OpenEstimator]);
    let s = fixture::screen(&a);
    assert!(
        s.contains("good") && s.contains("off") && s.contains("rough"),
        "{s}"
    );
    assert!(s.contains("How: a few orders a minute"), "{s}");
    // Final from wrap-up on.
    send(&mut a, [Action::Confirm]);
    assert!(err(&a).contains("graded at wrap-up"));
    send(&mut a, [Action::Cancel]);
    cmd(&mut a, "estimate peak-rps 5");
    assert!(err(&a).contains("graded at wrap-up"));

    // Wrap-up recorded the session, dated on the app's clock.
    let rec = records(&effects);
    assert_eq!(rec.len(), 1, "{effects:?}");
    assert_eq!(rec[0].id, "mini-notify-1");
    assert_eq!(rec[0].at, EPOCH + 480);
    assert_eq!(rec[0].mode, "interview");
    assert_eq!(rec[0].estimates, [1, 1, 1]);
    assert_eq!(a.home.history.len(), 1);
}

#[test]
fn a_year_later_rejudges_the_same_design_and_shows_the_diff() {
    let mut a = app_p();
    a.start_practice("mini-notify").unwrap();
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    // Kafka is over-engineering at 400 emails a day.
    cmd(&mut a, "add kafka bus");
    cmd(&mut a, "link api bus async");
    let before = a.session.as_ref().unwrap().report.clone();
    assert!(
        before
            .findings
            .iter()
            .any(|f| f.rule == "unjustified-component")
    );
    send(&mut a, [Action::Tick(100)]);
    let effects = cmd(&mut a, "stage scale");
    let d = diff(&a).clone();
    assert!(d.forward);
    assert_eq!((d.from.as_str(), d.to.as_str()), ("Today", "At scale"));
    assert!(
        d.justified
            .iter()
            .any(|c| c.rule == "unjustified-component"),
        "{:?}",
        d.justified
    );
    let after = a.session.as_ref().unwrap().report.clone();
    // Every new problem is open now and was not before.
    assert!(!d.new_problems.is_empty());
    for c in &d.new_problems {
        assert!(after.findings.iter().any(|f| f.rule == c.rule));
    }
    assert!(
        d.new_problems.iter().any(|c| c.rule == "over-capacity"),
        "{:?}",
        d.new_problems
    );
    assert_eq!(
        d.scores[0],
        ("overall", before.scores.overall, after.scores.overall)
    );
    // The reference at the new stage is asked for, and the practice
    // session (a design in it) is recorded at its new stage.
    assert!(effects.contains(&Effect::LoadReference {
        scenario: "mini-notify".into()
    }));
    let rec = records(&effects);
    assert_eq!(rec.len(), 1);
    assert_eq!((rec[0].stage.as_str(), rec[0].at), ("scale", EPOCH + 100));

    // The reference arrives while the diff shows: the diff uses it, the
    // report does not switch to it.
    let reference = fixture::reference();
    let report = crate::engine::analyze(
        &reference,
        &a.lib.catalog,
        a.pack(),
        &crate::engine::AnalysisOptions {
            stage: Some(StageRef::Id("scale".into())),
            ..Default::default()
        },
    );
    send(
        &mut a,
        [
            Action::Resize {
                width: 120,
                height: 40,
            },
            Action::ReferenceLoaded(Ok(Box::new(LoadedReference {
                file: "designs/strong.napkin.yaml".into(),
                summary: "App server, Postgres, a queue and a worker.".into(),
                design: reference,
                report,
            }))),
        ],
    );
    assert!(!a.session.as_ref().unwrap().report_view.show_reference);
    assert!(
        fixture::screen(&a).contains("designs/strong.napkin.yaml scores"),
        "{}",
        fixture::screen(&a)
    );

    // `v` on the report uses it (it is at the session's stage) ...
    send(&mut a, [Action::Cancel, Action::ScreenReport]);
    assert!(send(&mut a, [Action::RevealReference]).is_empty());
    assert!(a.session.as_ref().unwrap().report_view.show_reference);
    send(&mut a, [Action::RevealReference]);
    // ... and after another move, asks for the one at the new stage.
    send(&mut a, [Action::CycleStage]);
    assert!(!diff(&a).forward, "scale wraps around to today");
    send(&mut a, [Action::Cancel]);
    let fx = send(&mut a, [Action::RevealReference]);
    assert_eq!(
        fx,
        vec![Effect::LoadReference {
            scenario: "mini-notify".into()
        }]
    );
}

#[test]
fn an_interview_moves_a_stage_on_only_after_wrap_up() {
    let mut a = app_p();
    a.start_interview("mini-notify", Some(9)).unwrap();
    send(&mut a, [Action::CycleStage]);
    assert!(err(&a).contains("after wrap-up"));
    assert_eq!(design(&a).stage, Some(StageRef::Id("launch".into())));
    cmd(&mut a, "stage growth");
    assert!(err(&a).contains("after wrap-up"));
    cmd(&mut a, "phase wrap-up");
    let fx = send(&mut a, [Action::CycleStage]);
    assert_eq!(design(&a).stage, Some(StageRef::Id("growth".into())));
    assert_eq!(diff(&a).to, "A year on");
    assert_eq!(records(&fx).len(), 1);
}

#[test]
fn the_level_report_lists_what_the_level_expects_shown_and_not() {
    let mut a = app_p();
    // The home screen's choice: senior, then staff.
    assert_eq!(a.home.level, Level::Senior);
    send(&mut a, [Action::CycleLevel]);
    assert_eq!(a.home.level, Level::Staff);
    assert!(info(&a).contains("staff"));
    a.start_practice("mini-notify").unwrap();
    assert_eq!(
        design(&a).session.as_ref().unwrap().level,
        Some(Level::Staff)
    );
    send(&mut a, [Action::CycleLevel]);
    assert!(info(&a).contains("judged at staff"));

    cmd(&mut a, "ask volume");
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    let r = crate::tui::progress::level_report(&a).expect("levels");
    let shown: Vec<(&str, bool)> = r.met.iter().map(|m| (m.says.as_str(), m.shown)).collect();
    assert_eq!(
        shown,
        [
            ("Asks how many emails a day", true),
            ("Estimates the peak load within 2x", false),
            ("No single machine takes orders down", false),
            ("Decides the send path", false),
            ("Holds a year on", false),
        ]
    );
    assert_eq!(r.reached, None);
    cmd(&mut a, "estimate peak-rps 4");
    let r = crate::tui::progress::level_report(&a).unwrap();
    assert_eq!(r.reached, Some(Level::Mid));
    // The report lists them.
    send(
        &mut a,
        [
            Action::Resize {
                width: 120,
                height: 60,
            },
            Action::ScreenReport,
        ],
    );
    let s = fixture::screen(&a);
    assert!(s.contains("LEVEL STAFF: 2 of 5 shown; reached: mid"), "{s}");
    assert!(
        s.contains("✗ No single machine takes orders down (senior)"),
        "{s}"
    );
    assert!(s.contains("ESTIMATES"), "{s}");

    // The record carries the level judged at and the one reached.
    let rec = crate::tui::progress::attempt(&a).unwrap();
    assert_eq!((rec.level, rec.reached), (Level::Staff, Some(Level::Mid)));
}

#[test]
fn a_practice_session_is_recorded_on_quit_with_its_name() {
    let mut a = app_p();
    a.start_practice("mini-notify").unwrap();
    // An empty practice session is not an attempt.
    assert!(records(&send(&mut a, [Action::Quit])).is_empty());
    let mut a = app_p();
    a.start_practice("mini-notify").unwrap();
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    if let Some(log) = a.session.as_mut().unwrap().design.session.as_mut() {
        log.name = Some("first go".into());
    }
    send(&mut a, [Action::Tick(42)]);
    let rec = records(&send(&mut a, [Action::Quit]));
    assert_eq!(rec.len(), 1);
    let r = &rec[0];
    let scores = a.session.as_ref().unwrap().report.scores;
    assert_eq!(r.scores.overall, scores.overall);
    assert_eq!(r.scores.resilience, scores.resilience);
    assert_eq!(
        (r.mode.as_str(), r.label()),
        ("practice", "first go".to_string())
    );
    assert!(r.findings.contains(&"single-point-of-failure".to_string()));
}
