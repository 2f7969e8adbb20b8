//! The interviewer's follow-ups: asked after the first report, answered,
//! drilled on the design as it is, the model answer revealed; `:drill`,
//! `:fail` and `:spike` from any screen; answers saved and exported.

use super::*;
use crate::model::FlowStatus;

fn followups(a: &App) -> &crate::tui::followups::Followups {
    &a.session.as_ref().unwrap().followups
}

fn answers(a: &App) -> Vec<crate::model::followup::FollowupAnswer> {
    design(a)
        .session
        .as_ref()
        .map(|l| l.followups.clone())
        .unwrap_or_default()
}

fn status(a: &App, flow: &str) -> FlowStatus {
    let run = followups(a).run.as_ref().expect("a drill ran");
    let d = run.report.drill.as_ref().expect("drill outcome");
    d.flows
        .iter()
        .find(|f| f.flow == flow)
        .unwrap_or_else(|| panic!("no flow {flow}: {:?}", d.flows))
        .status
}

/// The small design with the emails handed to a queue and a worker.
fn with_queue() -> App {
    let mut a = drawn();
    for line in [
        "add sqs jobs",
        "add worker sender",
        "add email-provider mail",
        "link api jobs async",
        "link jobs sender async",
        "link sender mail",
    ] {
        cmd(&mut a, line);
    }
    a
}

#[test]
fn follow_ups_come_after_the_first_report_and_are_answered_then_drilled() {
    let mut a = drawn();
    let before = a.screen;
    send(&mut a, [Action::ScreenFollowups]);
    assert_eq!(a.screen, before);
    assert!(err(&a).contains("after your first report"), "{}", err(&a));

    send(&mut a, [Action::ScreenReport, Action::ScreenFollowups]);
    assert_eq!(a.screen, Screen::Followups);
    assert_eq!(
        crate::tui::followups::current(&a).map(|d| d.id.as_str()),
        Some("provider-down")
    );
    assert!(!crate::tui::followups::revealed(&a, "provider-down"));

    // Enter opens the answer field; keys type into it, even `q`.
    send(&mut a, [Action::Confirm]);
    assert!(a.text_mode());
    send(&mut a, typed("orders fail: the api sends the email inline"));
    send(&mut a, [Action::Input('q'), Action::Backspace]);
    assert!(!a.quitting);
    send(&mut a, [Action::Confirm]);
    assert!(!a.text_mode());
    let saved = answers(&a);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].drill, "provider-down");
    assert_eq!(
        saved[0].answer,
        "orders fail: the api sends the email inline"
    );
    assert!(!saved[0].drilled);
    assert!(a.session.as_ref().unwrap().dirty);
    assert!(!crate::tui::followups::revealed(&a, "provider-down"));

    // The candidate changes the design, comes back, and the drill runs on
    // the design as it is then.
    send(&mut a, [Action::ScreenDesign]);
    for line in [
        "add sqs jobs",
        "add worker sender",
        "add email-provider mail",
        "link api jobs async",
        "link jobs sender async",
        "link sender mail",
    ] {
        cmd(&mut a, line);
    }
    send(&mut a, [Action::ScreenFollowups]);
    assert_eq!(a.screen, Screen::Followups);
    assert_eq!(followups(&a).index, 0, "the follow-up is kept");
    send(&mut a, [Action::Confirm]);
    let run = followups(&a).run.clone().expect("the drill ran");
    assert_eq!(run.drill.as_deref(), Some("provider-down"));
    let d = run.report.drill.as_ref().expect("outcome");
    assert_eq!(d.failed, vec!["mail".to_string()], "{d:?}");
    assert!(run.highlight.contains("mail"), "{:?}", run.highlight);
    assert_eq!(status(&a, "place-order"), FlowStatus::Ok);
    assert_eq!(status(&a, "send-email"), FlowStatus::Delayed);
    assert!(crate::tui::followups::revealed(&a, "provider-down"));
    assert!(answers(&a)[0].drilled);
    assert!(info(&a).contains("1 delayed"), "{}", info(&a));

    // Enter again: the next follow-up, its own answer and drill.
    send(&mut a, [Action::Confirm]);
    assert_eq!(
        crate::tui::followups::current(&a).map(|d| d.id.as_str()),
        Some("newsletter-rush")
    );
    assert!(followups(&a).run.is_none());
    send(&mut a, [Action::Confirm]);
    send(&mut a, typed("the one api server melts"));
    send(&mut a, [Action::Confirm, Action::Confirm]);
    let run = followups(&a).run.clone().expect("the drill ran");
    assert!(run.highlight.contains("api"), "{:?}", run.highlight);
    assert_eq!(status(&a, "place-order"), FlowStatus::Degraded);
    assert_eq!(answers(&a).len(), 2);

    // Left goes back; the earlier answer and its reveal are kept.
    send(&mut a, [Action::MoveLeft]);
    assert_eq!(followups(&a).index, 0);
    assert!(crate::tui::followups::revealed(&a, "provider-down"));
}

#[test]
fn an_answer_can_be_rewritten_or_abandoned_and_is_never_empty() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenReport, Action::ScreenFollowups]);
    send(&mut a, [Action::Confirm, Action::Confirm]);
    assert!(err(&a).contains("type an answer first"), "{}", err(&a));
    assert!(a.text_mode(), "the field stays open");
    send(&mut a, typed("first"));
    send(&mut a, [Action::Confirm]);
    send(&mut a, [Action::EditProps]);
    assert_eq!(followups(&a).editing.as_deref(), Some("first"));
    send(&mut a, [Action::ClearLine]);
    send(&mut a, typed("second \x1b[2Jthought"));
    send(&mut a, [Action::Cancel]);
    assert_eq!(answers(&a)[0].answer, "first", "Esc keeps the saved answer");
    send(&mut a, [Action::EditProps, Action::ClearLine]);
    send(&mut a, [Action::Paste("second \x1b[2Jthought".into())]);
    send(&mut a, [Action::Confirm]);
    let saved = &answers(&a)[0].answer;
    assert!(!saved.contains('\x1b'), "{saved:?}");
    assert!(saved.starts_with("second"), "{saved:?}");
    assert_eq!(answers(&a).len(), 1, "one answer per follow-up");
}

#[test]
fn drill_fail_and_spike_run_from_every_screen() {
    for (screen, line) in [
        (Action::ScreenBrief, "fail db"),
        (Action::ScreenDesign, "spike 300"),
        (Action::ScreenDecisions, "drill provider-down"),
        (Action::ScreenReport, "fail postgres,web-client"),
    ] {
        let mut a = with_queue();
        send(&mut a, [screen]);
        cmd(&mut a, line);
        assert_eq!(a.screen, Screen::Followups, ":{line}");
        assert!(followups(&a).run.is_some(), ":{line}");
    }

    let mut a = with_queue();
    cmd(&mut a, "fail db");
    assert_eq!(status(&a, "place-order"), FlowStatus::Broken);
    assert_eq!(followups(&a).run.as_ref().unwrap().drill, None);
    assert!(followups(&a).run.as_ref().unwrap().highlight.contains("db"));
    // A drill typed by hand reveals no model answer.
    assert!(!crate::tui::followups::revealed(&a, "provider-down"));

    cmd(&mut a, "spike x300");
    assert!(
        followups(&a)
            .run
            .as_ref()
            .unwrap()
            .label
            .contains("traffic x300")
    );
    let run = followups(&a).run.as_ref().unwrap();
    assert_eq!(
        status(&a, "place-order"),
        FlowStatus::Degraded,
        "{:?} {:?}",
        run.report.metrics.utilisation,
        run.report.drill
    );

    cmd(&mut a, "drill newsletter-rush");
    assert_eq!(
        crate::tui::followups::current(&a).map(|d| d.id.as_str()),
        Some("newsletter-rush")
    );
    assert!(crate::tui::followups::revealed(&a, "newsletter-rush"));
}

#[test]
fn drill_errors_say_what_is_wrong() {
    let mut a = with_queue();
    cmd(&mut a, "drill redis-dies");
    let e = err(&a);
    assert!(
        e.contains("no drill `redis-dies`") && e.contains("provider-down, newsletter-rush"),
        "{e}"
    );
    cmd(&mut a, "fail mongo");
    let e = err(&a);
    assert!(
        e.contains("`mongo`") && e.contains("its components: web, api, db"),
        "{e}"
    );
    cmd(&mut a, "spike lots");
    assert!(err(&a).contains("`lots` is not a number"), "{}", err(&a));
    cmd(&mut a, "spike 0");
    assert!(err(&a).contains("more than 0"), "{}", err(&a));
    assert_ne!(a.screen, Screen::Followups);
}

#[test]
fn answers_are_saved_with_the_session_and_exported() {
    let mut a = with_queue();
    send(&mut a, [Action::ScreenReport, Action::ScreenFollowups]);
    send(&mut a, [Action::Confirm]);
    send(&mut a, typed("emails wait in the queue"));
    send(&mut a, [Action::Confirm, Action::Confirm]);
    let fx = send(&mut a, [Action::Tick(100)]);
    let text = fx
        .iter()
        .find_map(|e| match e {
            Effect::Write { text, .. } => Some(text.clone()),
            _ => None,
        })
        .expect("autosave");
    assert!(text.contains("followups:"), "{text}");
    assert!(text.contains("emails wait in the queue"), "{text}");
    assert!(text.contains("drilled: true"), "{text}");

    // Resumed, the answers are there and the follow-ups available at once.
    let d = crate::io::load::design_from_text(&text).expect("loads");
    let mut b = app();
    b.open_design(d, None);
    assert!(crate::tui::followups::available(&b));
    send(&mut b, [Action::ScreenFollowups]);
    assert_eq!(b.screen, Screen::Followups);
    assert!(crate::tui::followups::revealed(&b, "provider-down"));

    let fx = cmd(&mut a, "export markdown /tmp/napkin-followups.md");
    let md = fx
        .iter()
        .find_map(|e| match e {
            Effect::Write { text, .. } => Some(text.clone()),
            _ => None,
        })
        .expect("export");
    assert!(md.contains("## Follow-ups"), "{md}");
    assert!(md.contains("### The email provider is down"), "{md}");
    assert!(md.contains("Answer: emails wait in the queue"), "{md}");
    assert!(
        md.contains("What a good answer covers: Orders still succeed"),
        "{md}"
    );
}

#[test]
fn an_edit_retires_the_drill_outcome_and_enter_runs_it_again() {
    let mut a = drawn();
    send(
        &mut a,
        [
            Action::ScreenReport,
            Action::ScreenFollowups,
            Action::MoveRight,
        ],
    );
    send(&mut a, [Action::Confirm]);
    send(&mut a, typed("add a replica"));
    send(&mut a, [Action::Confirm, Action::Confirm]);
    assert_eq!(status(&a, "place-order"), FlowStatus::Degraded);
    // The candidate follows their own advice.
    cmd(&mut a, "replicas api 4");
    assert!(
        followups(&a).run.is_none(),
        "the outcome was for the old design"
    );
    send(&mut a, [Action::ScreenFollowups]);
    assert!(
        crate::tui::followups::revealed(&a, "newsletter-rush"),
        "the model answer stays revealed"
    );
    send(&mut a, [Action::Confirm]);
    assert_eq!(status(&a, "place-order"), FlowStatus::Ok);
}

#[test]
fn drill_ids_and_component_names_complete() {
    let mut a = with_queue();
    send(&mut a, [Action::CommandLine]);
    send(&mut a, typed("drill news"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(
        a.cmdline.as_ref().map(|c| c.text.as_str()),
        Some("drill newsletter-rush ")
    );
    send(&mut a, [Action::ClearLine]);
    send(&mut a, typed("fail sen"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(
        a.cmdline.as_ref().map(|c| c.text.as_str()),
        Some("fail sender ")
    );
}
