//! A whole interview driven through `update` on an injected clock
//! (`Action::Tick`): typed questions matched and declined, options dealt
//! without consequences, phase nudges, the pause, wrap-up's reveal, and
//! resuming from the saved file in the same phase.

use super::*;
use crate::model::interview::Phase;
use crate::tui::interview_mode::DECLINE;

/// An interview of 9 minutes: 1, 1, 3, 3 and 1 minute per phase.
fn interview() -> App {
    let mut a = app();
    a.start_interview("mini-notify", Some(9)).unwrap();
    a
}

fn log(a: &App) -> &crate::model::interview::InterviewLog {
    a.interview().expect("an interview")
}

fn spent(a: &App, p: Phase) -> u64 {
    log(a).phase_log(p).map(|l| l.spent_s).unwrap_or(0)
}

#[test]
fn a_whole_interview_on_an_injected_clock() {
    let mut a = interview();
    send(
        &mut a,
        [Action::Resize {
            width: 100,
            height: 30,
        }],
    );
    assert_eq!(a.screen, Screen::Brief);
    assert!(a.in_interview() && !a.revealed());
    let budgets: Vec<u64> = log(&a).phases.iter().map(|p| p.budget_s).collect();
    assert_eq!(budgets, [60, 60, 180, 180, 60]);
    assert!(
        design(&a).name.starts_with("Interview:"),
        "{}",
        design(&a).name
    );

    // The questions are never listed: the pane offers the input instead.
    let s = fixture::screen(&a);
    assert!(s.contains("Your questions (0 answered)"), "{s}");
    for q in &fixture::pack().questions {
        assert!(!s.contains(&q.ask), "question listed: {}\n{s}", q.ask);
    }
    assert!(s.contains(" interview"), "the phase bar: {s}");
    assert!(!s.contains("score "), "no live score: {s}");

    // A typed question that matches reveals the fact.
    send(&mut a, [Action::Tick(10), Action::Confirm]);
    assert!(matches!(&a.overlay, Overlay::Input(f) if f.purpose == InputPurpose::Ask));
    send(&mut a, typed("how many customers do we have?"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(design(&a).asked, ["users"]);
    assert!(info(&a).contains("interviewer answered"), "{}", info(&a));
    assert!(
        !info(&a).contains("How many customers"),
        "the pack's wording is not handed out"
    );
    assert!(fixture::screen(&a).contains("About 5,000 active customers"));

    // One that does not gets the polite refusal, and is recorded.
    cmd(&mut a, "ask what colour is the logo?");
    assert!(info(&a).contains(DECLINE), "{}", info(&a));
    assert_eq!(design(&a).asked, ["users"]);
    let typed_qs: Vec<(&str, usize)> = log(&a)
        .typed
        .iter()
        .map(|q| (q.text.as_str(), q.matched.len()))
        .collect();
    assert_eq!(
        typed_qs,
        [
            ("how many customers do we have?", 1),
            ("what colour is the logo?", 0)
        ]
    );
    assert!(fixture::screen(&a).contains("✗ what colour is the logo?"));

    // `:ask` offers no completion: the questions stay the candidate's to find.
    send(&mut a, [Action::CommandLine]);
    send(&mut a, typed("ask v"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().map(|c| c.text.as_str()), Some("ask v"));
    assert!(a.cmdline.as_ref().is_some_and(|c| c.completion.is_none()));
    send(&mut a, [Action::Cancel]);

    // The phase runs over its minute: one nudge, and the bar says so.
    send(&mut a, [Action::Tick(59)]);
    assert_eq!(spent(&a, Phase::Requirements), 59);
    a.message = None;
    send(&mut a, [Action::Tick(75)]);
    assert!(info(&a).contains("we should move on"), "{}", info(&a));
    assert!(
        fixture::screen(&a).contains("+00:15 over"),
        "{}",
        fixture::screen(&a)
    );
    a.message = None;
    send(&mut a, [Action::Tick(80)]);
    assert_eq!(a.message, None, "nudged once per phase");

    // Paused, the clock stops and so do edits and questions.
    send(&mut a, [Action::TogglePause, Action::Tick(500)]);
    assert!(log(&a).paused);
    assert_eq!(spent(&a, Phase::Requirements), 80);
    cmd(&mut a, "add web-client web");
    assert!(err(&a).contains("paused"), "{}", err(&a));
    assert!(design(&a).components.is_empty());
    cmd(&mut a, "ask who builds it?");
    assert!(err(&a).contains("paused"));
    assert!(fixture::screen(&a).contains("paused"));
    cmd(&mut a, "resume");
    send(&mut a, [Action::Tick(510)]);
    assert_eq!(spent(&a, Phase::Requirements), 90);

    // On to estimation and high-level design; each phase keeps its time.
    send(&mut a, [Action::NextPhase]);
    assert_eq!(log(&a).phase, Phase::Estimation);
    send(&mut a, [Action::Tick(530)]);
    cmd(&mut a, "phase");
    assert_eq!(log(&a).phase, Phase::HighLevelDesign);
    assert_eq!(
        (spent(&a, Phase::Requirements), spent(&a, Phase::Estimation)),
        (90, 20)
    );
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    assert!(!a.session.as_ref().unwrap().report.findings.is_empty());

    // Findings, fixes, the reference, the figures and exports wait.
    send(&mut a, [Action::ScreenDesign]);
    focus(&mut a, Pane::Findings);
    assert_eq!(a.selected_finding(), None);
    send(&mut a, [Action::ApplyFix]);
    assert!(err(&a).contains("wrap-up"), "{}", err(&a));
    assert_eq!(a.overlay, Overlay::None);
    let s = fixture::screen(&a);
    assert!(s.contains("findings come"), "{s}");
    assert!(!s.contains("f fix"), "no fix key in the footer: {s}");
    send(&mut a, [Action::EditContext]);
    assert!(err(&a).contains("wrap-up"));
    assert!(cmd(&mut a, "export markdown /tmp/x.md").is_empty());
    assert!(err(&a).contains("wrap-up"));
    assert!(cmd(&mut a, "reference").is_empty());
    assert!(err(&a).contains("wrap-up"));
    send(&mut a, [Action::ScreenReport]);
    let s = fixture::screen(&a);
    assert!(s.contains("at wrap-up") && !s.contains("overall"), "{s}");

    // Decisions: the options as dealt, no consequence until chosen, and
    // the first choice stands.
    send(&mut a, [Action::ScreenDecisions]);
    let pack = fixture::pack();
    let pr = &pack.prompts[0];
    let order = crate::engine::interview::option_order(log(&a).seed, &pr.id, pr.options.len());
    assert_eq!(a.option_order(pr), order);
    let s = fixture::screen(&a);
    for o in &pr.options {
        assert!(!s.contains(&o.consequence[..30]), "consequence shown: {s}");
    }
    let first_label = &pr.options[order[0]].label;
    let second_label = &pr.options[order[1]].label;
    let at = |s: &str, l: &str| s.find(l).unwrap_or(usize::MAX);
    assert!(
        at(&s, first_label) < at(&s, second_label),
        "dealt order: {s}"
    );
    // Tab on `:answer PROMPT` offers the options as dealt, too.
    send(&mut a, [Action::CommandLine]);
    send(&mut a, typed(&format!("answer {} ", pr.id)));
    send(&mut a, [Action::NextPane]);
    let offered = a.cmdline.as_ref().and_then(|c| c.completion.clone());
    let dealt: Vec<String> = order.iter().map(|i| pr.options[*i].id.clone()).collect();
    assert_eq!(offered.map(|c| c.candidates), Some(dealt));
    send(&mut a, [Action::Cancel]);
    send(&mut a, [Action::MoveRight, Action::Confirm]);
    let chosen = &pr.options[order[0]];
    assert_eq!(design(&a).answers.get(&pr.id), Some(&chosen.id));
    let s = fixture::screen(&a);
    assert!(s.contains("You chose"), "{s}");
    assert!(s.contains(&chosen.consequence[..20]), "{s}");
    send(&mut a, [Action::MoveDown, Action::Confirm]);
    assert!(err(&a).contains("stands until wrap-up"), "{}", err(&a));
    assert_eq!(design(&a).answers.get(&pr.id), Some(&chosen.id));
    send(&mut a, [Action::Delete]);
    assert!(err(&a).contains("wrap-up"));

    // Wrap-up takes a second press, then reveals everything.
    send(&mut a, [Action::NextPhase]);
    assert_eq!(log(&a).phase, Phase::DeepDive);
    send(&mut a, [Action::Tick(600), Action::NextPhase]);
    assert_eq!(log(&a).phase, Phase::DeepDive, "asks first");
    assert!(info(&a).contains("again to wrap up"), "{}", info(&a));
    send(&mut a, [Action::NextPhase]);
    assert_eq!(log(&a).phase, Phase::WrapUp);
    assert!(a.revealed());
    assert_eq!(a.screen, Screen::Report);
    assert!(a.session.as_ref().unwrap().fixes.is_some(), "fixes priced");
    let s = fixture::screen(&a);
    assert!(s.contains("overall") && s.contains("Interview"), "{s}");
    assert!(s.contains("declined: what colour is the logo?"), "{s}");
    assert!(s.contains("score "), "the bar shows the score now: {s}");

    // The debrief carries the round: each phase's time, the questions as typed.
    let md = cmd(&mut a, "export markdown /tmp/napkin-interview-test.md")
        .into_iter()
        .find_map(|e| match e {
            Effect::Write { text, .. } => Some(text),
            _ => None,
        })
        .expect("the export is written");
    assert!(md.contains("## Interview"), "{md}");
    assert!(
        md.contains("| requirements | 01:30 (over) | 01:00 |"),
        "{md}"
    );
    assert!(
        md.contains("what colour is the logo? at 00:10: declined"),
        "{md}"
    );

    // Now findings and fixes are the candidate's.
    send(&mut a, [Action::ScreenDesign]);
    focus(&mut a, Pane::Findings);
    assert!(a.selected_finding().is_some());

    // Saved and reopened, it is the same interview in the same phase.
    let text = match cmd(&mut a, "w").pop() {
        Some(Effect::Write { text, .. }) => text,
        other => panic!("expected a write, got {other:?}"),
    };
    assert!(
        text.contains("interview:") && text.contains("phase: wrap-up"),
        "{text}"
    );
    let d: Design = crate::io::yaml::parse(&text, "session").expect("the session parses");
    let mut b = app();
    b.open_design(d, None);
    assert_eq!(b.interview().map(|l| l.phase), Some(Phase::WrapUp));
    assert_eq!(b.interview().map(|l| l.typed.len()), Some(2));
    assert!(b.revealed());
}

#[test]
fn reopening_resumes_the_phase_and_the_pause() {
    let mut a = interview();
    send(
        &mut a,
        [Action::Tick(30), Action::NextPhase, Action::Tick(45)],
    );
    send(&mut a, [Action::TogglePause]);
    let effects = send(&mut a, [Action::Quit]);
    let text = effects
        .iter()
        .find_map(|e| match e {
            Effect::Write { text, .. } => Some(text.clone()),
            _ => None,
        })
        .expect("quitting saves the interview");
    let d: Design = crate::io::yaml::parse(&text, "session").expect("parses");
    let mut b = app();
    send(&mut b, [Action::Tick(1000)]);
    b.open_design(d, None);
    assert_eq!(
        b.interview().map(|l| (l.phase, l.paused)),
        Some((Phase::Estimation, true))
    );
    assert_eq!(spent(&b, Phase::Requirements), 30);
    assert_eq!(spent(&b, Phase::Estimation), 15);
    // The clock picks up from the moment it is reopened, not the app's start.
    send(&mut b, [Action::TogglePause, Action::Tick(1010)]);
    assert_eq!(spent(&b, Phase::Estimation), 25);
}

#[test]
fn the_home_screen_starts_an_interview_and_practice_keeps_its_ways() {
    let mut a = app();
    send(&mut a, [Action::StartInterview]);
    assert!(a.in_interview());
    assert_eq!(a.screen, Screen::Brief);
    // Practice: nothing of the interview applies.
    let mut p = practice();
    send(&mut p, [Action::NextPhase]);
    assert!(err(&p).contains("for interviews"));
    send(&mut p, [Action::TogglePause]);
    assert!(err(&p).contains("for interviews"));
    assert!(p.revealed());
    // `:ask` takes words in practice too, and still takes ids.
    cmd(&mut p, "ask who builds it?");
    assert_eq!(design(&p).asked, ["team"]);
    cmd(&mut p, "ask users");
    assert_eq!(design(&p).asked, ["team", "users"]);
    // Options keep the pack's order.
    let pack = fixture::pack();
    assert_eq!(p.option_order(&pack.prompts[1]), [0, 1]);
}

#[test]
fn phases_move_only_forward_and_by_name() {
    let mut a = interview();
    cmd(&mut a, "phase deep-dive");
    assert_eq!(log(&a).phase, Phase::DeepDive);
    cmd(&mut a, "phase estimation");
    assert!(err(&a).contains("only move forward"), "{}", err(&a));
    cmd(&mut a, "phase lunch");
    assert!(err(&a).contains("no phase `lunch`"), "{}", err(&a));
    // Naming wrap-up is deliberate enough: no second press.
    cmd(&mut a, "phase wrap-up");
    assert!(a.revealed());
    send(&mut a, [Action::NextPhase]);
    assert!(info(&a).contains("this is the wrap-up"));
}

#[test]
fn drills_and_follow_ups_wait_for_the_wrap_up() {
    let mut a = interview();
    assert!(
        !fixture::pack().drills.is_empty(),
        "the fixture pack has follow-ups"
    );
    // What breaks under a drill is the judgement the interview hides.
    for c in ["followups", "drill", "spike 8", "fail api"] {
        cmd(&mut a, c);
        assert!(err(&a).contains("after wrap-up"), "{c}: {}", err(&a));
        assert_ne!(a.screen, Screen::Followups, "{c}");
    }
    assert!(!crate::tui::followups::available(&a));
    cmd(&mut a, "phase wrap-up");
    assert_eq!(a.screen, Screen::Report);
    send(&mut a, [Action::ScreenFollowups]);
    assert_eq!(a.screen, Screen::Followups);
    // Answered, then drilled on the design, then the model answer shows.
    send(&mut a, [Action::Confirm]);
    send(&mut a, typed("orders keep going; the emails wait"));
    send(&mut a, [Action::Confirm]);
    let id = crate::tui::followups::current(&a)
        .map(|d| d.id.clone())
        .expect("a follow-up");
    assert!(!crate::tui::followups::revealed(&a, &id));
    send(&mut a, [Action::Confirm]);
    assert!(crate::tui::followups::revealed(&a, &id));
    let saved = design(&a)
        .session
        .as_ref()
        .map(|l| l.followups.clone())
        .unwrap_or_default();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].answer, "orders keep going; the emails wait");
    assert!(saved[0].drilled);
    assert!(a.in_interview(), "still the interview's session");
}
