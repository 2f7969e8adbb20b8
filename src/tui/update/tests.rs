//! Unit tests for `update`: every action, on every screen where it acts.

use super::*;
use crate::model::{Component, LinkMode, StageRef};
use crate::tui::action::LoadedReference;
use crate::tui::fixture;
use crate::tui::keys::Keymap;
use crate::tui::state::{HomePane, SessionEntry};

fn app() -> App {
    App::new(
        fixture::library(),
        Keymap::defaults(),
        Some(PathBuf::from("/tmp/napkin-sessions")),
        Vec::new(),
    )
}

fn practice() -> App {
    let mut a = app();
    a.start_practice("mini-notify").unwrap();
    a
}

use fixture::{cmd, send, typed};

fn design(a: &App) -> &Design {
    &a.session.as_ref().unwrap().design
}

fn ids(a: &App) -> Vec<String> {
    design(a).components.iter().map(|c| c.id.clone()).collect()
}

fn err(a: &App) -> String {
    match &a.message {
        Some(m) if m.error => m.text.clone(),
        other => panic!("expected an error, got {other:?}"),
    }
}

fn info(a: &App) -> String {
    match &a.message {
        Some(m) if !m.error => m.text.clone(),
        other => panic!("expected a message, got {other:?}"),
    }
}

/// A small design: web -> api -> db (stores orders).
fn drawn() -> App {
    let mut a = practice();
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    a
}

fn focus(a: &mut App, p: Pane) {
    a.session.as_mut().unwrap().editor.focus = p;
}

fn select(a: &mut App, id: &str) {
    let s = a.session.as_mut().unwrap();
    s.editor.comp_sel = s.design.components.iter().position(|c| c.id == id).unwrap();
    s.editor.insp_sel = 0;
}

fn select_row(a: &mut App, row: InspectorRow) {
    let i = a.inspector_rows().iter().position(|r| *r == row).unwrap();
    let s = a.session.as_mut().unwrap();
    s.editor.focus = Pane::Inspector;
    s.editor.insp_sel = i;
}

// ------------------------------------------------------------ home

#[test]
fn home_moves_searches_and_opens() {
    let mut a = app();
    assert_eq!(a.screen, Screen::Home);
    assert_eq!(a.home.matches.len(), 1);
    send(
        &mut a,
        [
            Action::MoveDown,
            Action::Bottom,
            Action::PageDown,
            Action::MoveUp,
            Action::Top,
            Action::PageUp,
        ],
    );
    assert_eq!(a.home.selected, 0);
    // `/` searches; typed characters filter and highlight.
    send(&mut a, [Action::Search]);
    assert!(a.text_mode());
    send(&mut a, typed("mnot"));
    assert_eq!(a.home.matches.len(), 1);
    assert_eq!(a.home.matches[0].highlight, vec![0, 5, 6, 7]);
    send(&mut a, typed("zzz"));
    assert!(a.home.matches.is_empty());
    send(
        &mut a,
        [Action::Backspace, Action::Backspace, Action::Backspace],
    );
    assert_eq!(a.home.matches.len(), 1);
    send(&mut a, [Action::ClearLine]);
    assert_eq!(a.home.query, "");
    send(&mut a, [Action::Paste("mini\x1b[2J".into())]);
    // The whole escape sequence goes, not just its ESC.
    assert_eq!(a.home.query, "mini");
    send(&mut a, [Action::Cancel]);
    assert!(!a.home.searching);
    assert_eq!(a.home.query, "");
    // Enter on a scenario starts a session on its brief.
    send(&mut a, [Action::Confirm]);
    assert_eq!(a.screen, Screen::Brief);
    let s = a.session.as_ref().unwrap();
    assert_eq!(
        s.path,
        Some(PathBuf::from(
            "/tmp/napkin-sessions/mini-notify-1.napkin.yaml"
        ))
    );
    assert_eq!(s.design.stage, Some(StageRef::Id("launch".into())));
}

#[test]
fn home_search_enter_opens_the_best_match() {
    let mut a = app();
    send(&mut a, [Action::Search]);
    send(&mut a, typed("notify"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(a.screen, Screen::Brief);
    assert!(!a.home.searching);
}

#[test]
fn home_switches_panes_and_resumes_a_session() {
    let mut a = app();
    send(&mut a, [Action::NextPane]);
    assert_eq!(
        a.home.focus,
        HomePane::Scenarios,
        "no sessions: stays on scenarios"
    );
    let mut d = fixture::reference();
    d.asked = vec!["users".into()];
    d.session = Some(crate::model::design::SessionLog {
        elapsed_s: Some(120),
        ..Default::default()
    });
    let entry = SessionEntry {
        path: PathBuf::from("/tmp/napkin-sessions/mini-notify-1.napkin.yaml"),
        design: d,
        score: Some(80),
        when: "just now".into(),
        fingerprint: None,
    };
    let mut a = App::new(
        fixture::library(),
        Keymap::defaults(),
        Some(PathBuf::from("/tmp/s")),
        vec![entry],
    );
    assert!(a.taken.contains("mini-notify-1.napkin.yaml"));
    send(&mut a, [Action::MoveRight]);
    assert_eq!(a.home.focus, HomePane::Sessions);
    send(&mut a, [Action::MoveDown, Action::Confirm]);
    assert_eq!(a.screen, Screen::Brief);
    assert!(
        a.session.as_ref().unwrap().on_disk,
        "a resumed session is saved"
    );
    // Resume restores asked facts, answers, components and the clock.
    assert_eq!(design(&a).asked, vec!["users".to_string()]);
    assert_eq!(
        design(&a).answers.get("send-path").map(String::as_str),
        Some("enqueue")
    );
    assert_eq!(design(&a).components.len(), 6);
    assert_eq!(a.session_clock(), 120);
    send(&mut a, [Action::Tick(30)]);
    assert_eq!(a.session_clock(), 150);
    // A new practice picks the next free file name.
    assert_eq!(
        a.next_session_path("mini-notify"),
        Some(PathBuf::from("/tmp/s/mini-notify-2.napkin.yaml"))
    );
    send(&mut a, [Action::PrevPane]);
}

#[test]
fn search_keeps_its_query_after_enter_and_esc_clears_it() {
    let mut a = app();
    send(&mut a, [Action::Search]);
    send(&mut a, typed("mini"));
    send(&mut a, [Action::NextPane]);
    assert!(!a.home.searching, "tab leaves the field");
    assert_eq!(a.home.query, "mini", "and keeps the filter");
    send(&mut a, [Action::Input('x')]);
    assert_eq!(
        a.home.query, "mini",
        "typed characters outside the field do nothing"
    );
    send(&mut a, [Action::Cancel]);
    assert_eq!(a.home.query, "");
}

#[test]
fn screens_need_a_session() {
    let mut a = app();
    send(&mut a, [Action::ScreenDesign]);
    assert_eq!(a.screen, Screen::Home);
    assert!(err(&a).contains("open a scenario"));
    cmd(&mut a, "add postgres");
    assert!(err(&a).contains("open a scenario"));
    assert!(
        a.start_practice("nope")
            .unwrap_err()
            .contains("unknown scenario")
    );
    assert!(
        a.start_practice("mini-notfy")
            .unwrap_err()
            .contains("did you mean `mini-notify`")
    );
}

// ------------------------------------------------------------ screens, help, quit

#[test]
fn screen_actions_switch_tabs() {
    let mut a = practice();
    send(&mut a, [Action::ScreenDesign]);
    assert_eq!(a.screen, Screen::Design);
    send(&mut a, [Action::ScreenDecisions]);
    assert_eq!(a.screen, Screen::Decisions);
    send(&mut a, [Action::ScreenReport]);
    assert_eq!(a.screen, Screen::Report);
    send(&mut a, [Action::ScreenBrief]);
    assert_eq!(a.screen, Screen::Brief);
    send(&mut a, [Action::NextScreen]);
    assert_eq!(a.screen, Screen::Design);
    send(&mut a, [Action::PrevScreen, Action::PrevScreen]);
    assert_eq!(a.screen, Screen::Report);
    send(&mut a, [Action::NextScreen]);
    assert_eq!(a.screen, Screen::Brief);
    for (line, screen) in [
        ("design", Screen::Design),
        ("decisions", Screen::Decisions),
        ("report", Screen::Report),
        ("brief", Screen::Brief),
    ] {
        cmd(&mut a, line);
        assert_eq!(a.screen, screen, "{line}");
    }
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = practice();
    send(&mut a, [Action::Help]);
    assert_eq!(a.overlay, Overlay::Help { scroll: 0 });
    send(&mut a, [Action::MoveDown, Action::PageDown, Action::MoveUp]);
    assert_eq!(a.overlay, Overlay::Help { scroll: 10 });
    send(&mut a, [Action::PageUp, Action::Top]);
    assert_eq!(a.overlay, Overlay::Help { scroll: 0 });
    send(&mut a, [Action::Cancel]);
    assert_eq!(a.overlay, Overlay::None);
    send(&mut a, [Action::Help, Action::Help]);
    assert_eq!(a.overlay, Overlay::None);
    // `:` from help opens the command line.
    send(&mut a, [Action::Help, Action::CommandLine]);
    assert_eq!(a.overlay, Overlay::None);
    assert!(a.cmdline.is_some());
    send(&mut a, [Action::Cancel]);
    cmd(&mut a, "help");
    assert_eq!(a.overlay, Overlay::Help { scroll: 0 });
}

#[test]
fn quit_saves_a_dirty_session_first() {
    let mut a = app();
    assert_eq!(send(&mut a, [Action::Quit]), vec![Effect::Quit]);
    let mut a = practice();
    assert_eq!(
        send(&mut a, [Action::Quit]),
        vec![Effect::Quit],
        "nothing to save"
    );
    let mut a = practice();
    cmd(&mut a, "add postgres");
    let fx = send(&mut a, [Action::Quit]);
    // The write, the finished session's record (a design in it), quit.
    assert_eq!(fx.len(), 3);
    match &fx[0] {
        Effect::Write {
            path,
            text,
            autosave,
            ..
        } => {
            assert!(path.ends_with("mini-notify-1.napkin.yaml"));
            assert!(text.contains("kind: postgres"));
            assert!(*autosave);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&fx[1], Effect::Record { path, .. } if path.ends_with("history/mini-notify-1.json"))
    );
    assert_eq!(fx[2], Effect::Quit);
    assert!(a.quitting);
    // Ctrl-C arrives as Quit even inside a text field.
    let mut a = practice();
    send(&mut a, [Action::CommandLine]);
    assert_eq!(send(&mut a, [Action::Quit]), vec![Effect::Quit]);
    let mut a = practice();
    assert_eq!(cmd(&mut a, "q"), vec![Effect::Quit]);
}

#[test]
fn wq_writes_then_quits() {
    let mut a = practice();
    let fx = cmd(&mut a, "wq");
    assert!(matches!(
        fx[0],
        Effect::Write {
            autosave: false,
            ..
        }
    ));
    assert_eq!(fx.last(), Some(&Effect::Quit));
}

// ------------------------------------------------------------ brief

#[test]
fn asking_reveals_and_records_timing() {
    let mut a = practice();
    send(&mut a, [Action::Tick(10)]);
    send(&mut a, [Action::Confirm]);
    assert_eq!(design(&a).asked, vec!["users".to_string()]);
    assert!(info(&a).contains("How many customers"));
    send(
        &mut a,
        [Action::MoveDown, Action::Tick(25), Action::Confirm],
    );
    assert_eq!(
        design(&a).asked,
        vec!["users".to_string(), "volume".to_string()]
    );
    let log = design(&a).session.clone().unwrap();
    assert_eq!(
        log.asked_at.iter().map(|x| x.at_s).collect::<Vec<_>>(),
        vec![10, 25]
    );
    // Asking again does not duplicate.
    send(&mut a, [Action::Confirm]);
    assert_eq!(design(&a).asked.len(), 2);
    assert!(info(&a).contains("already asked"));
    // The discovery score appears once questions are asked.
    assert!(
        a.session
            .as_ref()
            .unwrap()
            .report
            .scores
            .discovery
            .is_some()
    );
    // Moving and scrolling.
    send(&mut a, [Action::Bottom]);
    assert_eq!(a.session.as_ref().unwrap().brief.question_sel, 4);
    send(&mut a, [Action::Top, Action::PageDown]);
    assert_eq!(a.session.as_ref().unwrap().brief.brief_scroll, 5);
    send(&mut a, [Action::PageUp, Action::MoveUp]);
    assert_eq!(a.session.as_ref().unwrap().brief.brief_scroll, 0);
    // Tab gives the keys to the facts pane: the arrows and pages scroll it,
    // the question list and the brief stay where they are.
    let sel = a.session.as_ref().unwrap().brief.question_sel;
    send(
        &mut a,
        [Action::NextPane, Action::MoveDown, Action::PageDown],
    );
    let b = &a.session.as_ref().unwrap().brief;
    assert!(b.facts_focus);
    assert_eq!(
        (b.facts_scroll, b.question_sel, b.brief_scroll),
        (6, sel, 0)
    );
    send(&mut a, [Action::MoveUp]);
    assert_eq!(a.session.as_ref().unwrap().brief.facts_scroll, 5);
    send(&mut a, [Action::Top]);
    assert_eq!(a.session.as_ref().unwrap().brief.facts_scroll, 0);
    send(&mut a, [Action::MoveUp]);
    assert_eq!(a.session.as_ref().unwrap().brief.facts_scroll, 0);
    send(&mut a, [Action::PrevPane, Action::MoveDown]);
    let b = &a.session.as_ref().unwrap().brief;
    assert!(!b.facts_focus);
    assert_eq!((b.facts_scroll, b.question_sel), (0, sel + 1));
    send(&mut a, [Action::MoveUp]);
    // :ask works from any screen, with a hint for typos.
    cmd(&mut a, "ask duplicates");
    assert_eq!(design(&a).asked.len(), 3);
    cmd(&mut a, "ask dupes");
    assert!(err(&a).contains("no question `dupes`"));
    // Asking is not undone with the design.
    assert!(a.session.as_ref().unwrap().dirty);
}

#[test]
fn first_component_time_is_recorded_once() {
    let mut a = practice();
    send(&mut a, [Action::Tick(42)]);
    cmd(&mut a, "add postgres");
    send(&mut a, [Action::Tick(50)]);
    cmd(&mut a, "add redis");
    assert_eq!(
        design(&a).session.as_ref().unwrap().first_component_at_s,
        Some(42)
    );
}

// ------------------------------------------------------------ editor

#[test]
fn add_component_through_the_palette() {
    let mut a = practice();
    send(&mut a, [Action::ScreenDesign, Action::AddComponent]);
    assert!(matches!(a.overlay, Overlay::Palette(_)));
    assert!(a.text_mode());
    send(&mut a, typed("kafk"));
    let Overlay::Palette(p) = &a.overlay else {
        panic!()
    };
    assert_eq!(p.current().map(|i| i.value.as_str()), Some("kafka"));
    assert!(
        p.current()
            .unwrap()
            .detail
            .iter()
            .any(|d| d.contains("cost $900/month"))
    );
    send(
        &mut a,
        [
            Action::Backspace,
            Action::ClearLine,
            Action::Paste("pg".into()),
        ],
    );
    send(
        &mut a,
        [
            Action::MoveDown,
            Action::MoveUp,
            Action::NextPane,
            Action::PrevPane,
            Action::Confirm,
        ],
    );
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(ids(&a), vec!["postgres"]);
    assert_eq!(a.selected_component(), Some("postgres"));
    // Nothing matches: Enter says so and keeps the palette.
    send(&mut a, [Action::AddComponent]);
    send(&mut a, typed("zzzz"));
    send(&mut a, [Action::Confirm]);
    assert!(err(&a).contains("nothing matches"));
    send(&mut a, [Action::Cancel]);
    assert_eq!(a.overlay, Overlay::None);
    // Enter on an empty components pane opens the palette too.
    let mut b = practice();
    send(&mut b, [Action::ScreenDesign, Action::Confirm]);
    assert!(matches!(b.overlay, Overlay::Palette(_)));
}

#[test]
fn editor_panes_and_selection() {
    let mut a = drawn();
    assert_eq!(
        a.screen,
        Screen::Design,
        "edits from the brief move to the editor"
    );
    send(&mut a, [Action::Top]);
    assert_eq!(a.selected_component(), Some("web"));
    send(&mut a, [Action::MoveDown]);
    assert_eq!(a.selected_component(), Some("api"));
    send(&mut a, [Action::Bottom, Action::PageUp]);
    assert_eq!(a.selected_component(), Some("web"));
    send(&mut a, [Action::PageDown, Action::MoveUp]);
    assert_eq!(a.selected_component(), Some("api"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Inspector);
    send(&mut a, [Action::MoveDown, Action::MoveDown]);
    assert_eq!(a.session.as_ref().unwrap().editor.insp_sel, 2);
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Findings);
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Components);
    send(&mut a, [Action::PrevPane]);
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Findings);
    send(&mut a, [Action::MoveLeft]);
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Inspector);
    send(&mut a, [Action::MoveRight, Action::Cancel]);
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Components);
    // Enter on a component focuses the inspector.
    send(&mut a, [Action::Confirm]);
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Inspector);
}

#[test]
fn findings_highlight_their_components_and_jump_to_them() {
    let mut a = drawn();
    let report = &a.session.as_ref().unwrap().report;
    assert!(
        !report.findings.is_empty(),
        "a single db and api are findings"
    );
    assert!(
        a.highlighted().is_empty(),
        "only while the findings pane has the focus"
    );
    focus(&mut a, Pane::Findings);
    let f = a.selected_finding().unwrap().clone();
    assert!(!f.components.is_empty());
    assert_eq!(a.highlighted(), f.components.iter().cloned().collect());
    send(
        &mut a,
        [
            Action::Bottom,
            Action::Top,
            Action::MoveDown,
            Action::MoveUp,
        ],
    );
    send(&mut a, [Action::Confirm]);
    assert_eq!(a.selected_component(), Some(f.components[0].as_str()));
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Components);
}

#[test]
fn apply_fix_applies_the_selected_findings_edit() {
    let mut a = drawn();
    focus(&mut a, Pane::Findings);
    let with_fix = a
        .session
        .as_ref()
        .unwrap()
        .report
        .findings
        .iter()
        .position(|f| f.fix.is_some());
    let Some(i) = with_fix else {
        panic!("expected a finding with a fix")
    };
    a.session.as_mut().unwrap().editor.finding_sel = i;
    let before = design(&a).clone();
    let finding = a.session.as_ref().unwrap().report.findings[i].clone();
    // `f` asks first: the finding it answers and its trade-off, no change yet.
    send(&mut a, [Action::ApplyFix]);
    assert_eq!(design(&a), &before);
    let Overlay::ConfirmFix(c) = &a.overlay else {
        panic!("expected the fix confirmation, got {:?}", a.overlay)
    };
    assert_eq!(c.finding, finding);
    let priced = c.priced.as_ref().expect("the fix is priced");
    assert_eq!(Some(&priced.edit), finding.fix.as_ref());
    // Other keys leave the question open; Esc cancels and changes nothing.
    send(&mut a, [Action::MoveDown, Action::Delete]);
    assert!(matches!(a.overlay, Overlay::ConfirmFix(_)));
    assert_eq!(design(&a), &before);
    send(&mut a, [Action::Cancel]);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(design(&a), &before);
    assert!(info(&a).contains("not applied"));
    // Enter applies it.
    send(&mut a, [Action::ApplyFix, Action::Confirm]);
    assert!(matches!(a.overlay, Overlay::None));
    assert_ne!(design(&a), &before);
    assert!(info(&a).starts_with("applied:"));
    send(&mut a, [Action::Undo]);
    assert_eq!(design(&a).components, before.components);
    // A finding without a fix shows its suggestion.
    let mut b = drawn();
    let s = b.session.as_mut().unwrap();
    s.report.findings.iter_mut().for_each(|f| f.fix = None);
    send(&mut b, [Action::ApplyFix]);
    assert!(info(&b).contains("no automatic fix"));
}

#[test]
fn rename_through_the_input() {
    let mut a = drawn();
    select(&mut a, "db");
    send(&mut a, [Action::Rename]);
    assert!(matches!(a.overlay, Overlay::Input(_)));
    send(&mut a, [Action::ClearLine]);
    send(&mut a, typed("Main DB"));
    send(&mut a, [Action::Confirm]);
    assert!(err(&a).contains("not a valid id"));
    assert!(
        matches!(a.overlay, Overlay::Input(_)),
        "stays open on error"
    );
    send(&mut a, [Action::ClearLine, Action::Paste("main-db".into())]);
    send(&mut a, [Action::Backspace]);
    send(&mut a, typed("b"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(a.overlay, Overlay::None);
    assert!(ids(&a).contains(&"main-db".to_string()));
    assert!(design(&a).links.iter().any(|l| l.to == "main-db"));
    assert_eq!(a.selected_component(), Some("main-db"));
    send(&mut a, [Action::Rename, Action::Cancel]);
    assert_eq!(a.overlay, Overlay::None);
    cmd(&mut a, "rename main-db db");
    assert!(ids(&a).contains(&"db".to_string()));
}

#[test]
fn replicas_up_and_down() {
    let mut a = drawn();
    select(&mut a, "api");
    send(&mut a, [Action::ReplicasUp, Action::ReplicasUp]);
    assert_eq!(design(&a).component("api").unwrap().replicas, 3);
    send(&mut a, [Action::ReplicasDown]);
    assert_eq!(design(&a).component("api").unwrap().replicas, 2);
    send(&mut a, [Action::ReplicasDown, Action::ReplicasDown]);
    assert_eq!(design(&a).component("api").unwrap().replicas, 1);
    assert!(err(&a).contains("one replica"));
    cmd(&mut a, "replicas api 4");
    assert_eq!(design(&a).component("api").unwrap().replicas, 4);
    cmd(&mut a, "replicas api 0");
    assert!(err(&a).contains("between 1 and"));
    // The inspector's replicas row opens an input.
    select_row(&mut a, InspectorRow::Replicas);
    send(&mut a, [Action::Confirm, Action::ClearLine]);
    send(&mut a, typed("x"));
    send(&mut a, [Action::Confirm]);
    assert!(err(&a).contains("whole number"));
    send(&mut a, [Action::ClearLine]);
    send(&mut a, typed("2"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(design(&a).component("api").unwrap().replicas, 2);
}

#[test]
fn delete_component_link_and_prop() {
    let mut a = drawn();
    cmd(&mut a, "set db failover automatic");
    select(&mut a, "db");
    select_row(&mut a, InspectorRow::Prop("failover".into()));
    send(&mut a, [Action::Delete]);
    assert!(
        !design(&a)
            .component("db")
            .unwrap()
            .props
            .contains_key("failover")
    );
    select_row(&mut a, InspectorRow::LinkIn("api".into()));
    send(&mut a, [Action::Delete]);
    assert!(!design(&a).links.iter().any(|l| l.to == "db"));
    select(&mut a, "api");
    select_row(&mut a, InspectorRow::LinkIn("web".into()));
    send(&mut a, [Action::Delete]);
    assert!(design(&a).links.is_empty());
    cmd(&mut a, "link api db");
    select(&mut a, "api");
    select_row(&mut a, InspectorRow::LinkOut("db".into()));
    send(&mut a, [Action::Delete]);
    assert!(design(&a).links.is_empty());
    focus(&mut a, Pane::Components);
    send(&mut a, [Action::Delete]);
    assert_eq!(ids(&a), vec!["web", "db"]);
    cmd(&mut a, "rm db");
    assert_eq!(ids(&a), vec!["web"]);
    cmd(&mut a, "rm nothing");
    assert!(err(&a).contains("no component `nothing`"));
    send(&mut a, [Action::Delete]);
    assert!(ids(&a).is_empty());
    send(&mut a, [Action::Delete]);
    assert!(err(&a).contains("no component selected"));
}

#[test]
fn link_through_the_palette_and_toggle_mode() {
    let mut a = practice();
    cmd(&mut a, "add app-server api");
    send(&mut a, [Action::Link]);
    assert!(err(&a).contains("a link needs two"));
    cmd(&mut a, "add sqs jobs");
    select(&mut a, "api");
    send(&mut a, [Action::Link]);
    let Overlay::Palette(p) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    assert_eq!(p.items.len(), 1, "no self link");
    send(&mut a, [Action::Confirm]);
    assert_eq!(design(&a).links[0].mode, LinkMode::Sync);
    // Choosing the same target again toggles sync/async.
    send(&mut a, [Action::Link, Action::Confirm]);
    assert_eq!(design(&a).links[0].mode, LinkMode::Async);
    // Enter on a link row toggles too.
    select_row(&mut a, InspectorRow::LinkOut("jobs".into()));
    send(&mut a, [Action::Confirm]);
    assert_eq!(design(&a).links[0].mode, LinkMode::Sync);
    select(&mut a, "jobs");
    select_row(&mut a, InspectorRow::LinkIn("api".into()));
    send(&mut a, [Action::Confirm]);
    assert_eq!(design(&a).links[0].mode, LinkMode::Async);
    cmd(&mut a, "link api jobs sync");
    assert_eq!(design(&a).links[0].mode, LinkMode::Sync);
    cmd(&mut a, "unlink api jobs");
    assert!(design(&a).links.is_empty());
    cmd(&mut a, "link api nowhere");
    assert!(err(&a).contains("no component `nowhere`"));
}

#[test]
fn toggle_managed_key_and_row() {
    let mut a = drawn();
    select(&mut a, "db");
    send(&mut a, [Action::ToggleManaged]);
    assert!(design(&a).component("db").unwrap().managed);
    select_row(&mut a, InspectorRow::Managed);
    send(&mut a, [Action::Confirm]);
    assert!(!design(&a).component("db").unwrap().managed);
    cmd(&mut a, "set db managed yes");
    assert!(design(&a).component("db").unwrap().managed);
}

#[test]
fn edit_stores_focuses_and_toggles_entities() {
    let mut a = drawn();
    select(&mut a, "db");
    send(&mut a, [Action::EditStores]);
    assert_eq!(a.session.as_ref().unwrap().editor.focus, Pane::Inspector);
    let row = a.inspector_rows()[a.session.as_ref().unwrap().editor.insp_sel].clone();
    assert_eq!(row, InspectorRow::Store("orders".into()));
    send(&mut a, [Action::Confirm]);
    assert!(design(&a).component("db").unwrap().stores.is_empty());
    send(&mut a, [Action::MoveDown, Action::Confirm]);
    assert_eq!(
        design(&a).component("db").unwrap().stores,
        vec!["emails".to_string()]
    );
    cmd(&mut a, "stores db ordrs");
    assert!(err(&a).contains("did you mean `orders`"));
}

#[test]
fn edit_props_cycles_enums_toggles_bools_and_types_text() {
    let mut a = drawn();
    select(&mut a, "db");
    send(&mut a, [Action::EditProps]);
    let s = a.session.as_ref().unwrap();
    assert_eq!(
        a.inspector_rows()[s.editor.insp_sel],
        InspectorRow::Prop("failover".into())
    );
    // none (default) -> manual -> automatic -> none
    send(&mut a, [Action::Confirm]);
    assert_eq!(
        design(&a)
            .component("db")
            .unwrap()
            .prop_str("failover")
            .as_deref(),
        Some("manual")
    );
    send(&mut a, [Action::Confirm]);
    assert_eq!(
        design(&a)
            .component("db")
            .unwrap()
            .prop_str("failover")
            .as_deref(),
        Some("automatic")
    );
    select(&mut a, "api");
    send(&mut a, [Action::EditProps, Action::Confirm]);
    assert_eq!(
        design(&a)
            .component("api")
            .unwrap()
            .prop_bool("idempotency_keys"),
        Some(true)
    );
    send(&mut a, [Action::Confirm]);
    assert_eq!(
        design(&a)
            .component("api")
            .unwrap()
            .prop_bool("idempotency_keys"),
        Some(false)
    );
    // A string prop opens an input; empty unsets.
    cmd(&mut a, "add kafka bus");
    select(&mut a, "bus");
    select_row(&mut a, InspectorRow::Prop("partition_key".into()));
    send(&mut a, [Action::Confirm]);
    assert!(matches!(a.overlay, Overlay::Input(_)));
    send(&mut a, typed("user_id"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(
        design(&a)
            .component("bus")
            .unwrap()
            .prop_str("partition_key")
            .as_deref(),
        Some("user_id")
    );
    send(
        &mut a,
        [Action::Confirm, Action::ClearLine, Action::Confirm],
    );
    assert!(design(&a).component("bus").unwrap().props.is_empty());
    // A kind without props says so.
    select(&mut a, "web");
    send(&mut a, [Action::EditProps]);
    assert!(err(&a).contains("no props"));
    cmd(&mut a, "set db failover sometimes");
    assert!(err(&a).contains("expected one of"));
    cmd(&mut a, "unset db failover");
    assert!(
        !design(&a)
            .component("db")
            .unwrap()
            .props
            .contains_key("failover")
    );
}

#[test]
fn change_kind_palette_row_and_command() {
    let mut a = drawn();
    select(&mut a, "db");
    send(&mut a, [Action::ChangeKind]);
    assert!(matches!(a.overlay, Overlay::Palette(_)));
    send(&mut a, typed("redis"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(design(&a).component("db").unwrap().kind, "redis");
    select_row(&mut a, InspectorRow::Kind);
    send(&mut a, [Action::Confirm]);
    assert!(matches!(a.overlay, Overlay::Palette(_)));
    send(&mut a, [Action::Cancel]);
    select_row(&mut a, InspectorRow::Id);
    send(&mut a, [Action::Confirm]);
    assert!(matches!(a.overlay, Overlay::Input(_)));
    send(&mut a, [Action::Cancel]);
    cmd(&mut a, "kind db postgres");
    assert_eq!(design(&a).component("db").unwrap().kind, "postgres");
    cmd(&mut a, "kind db kafak");
    assert!(err(&a).contains("did you mean `kafka`"));
}

#[test]
fn undo_and_redo_every_edit_but_keep_questions() {
    let mut a = practice();
    cmd(&mut a, "add postgres db");
    cmd(&mut a, "ask users");
    cmd(&mut a, "replicas db 3");
    send(&mut a, [Action::Undo]);
    assert_eq!(design(&a).component("db").unwrap().replicas, 1);
    assert!(
        info(&a).contains("undid: db: 1 replica") || info(&a).contains("undid: db: 3 replicas")
    );
    send(&mut a, [Action::Undo]);
    assert!(ids(&a).is_empty());
    assert_eq!(
        design(&a).asked,
        vec!["users".to_string()],
        "asking is not undone"
    );
    send(&mut a, [Action::Undo]);
    assert_eq!(info(&a), "nothing to undo");
    send(&mut a, [Action::Redo]);
    assert_eq!(ids(&a), vec!["db"]);
    cmd(&mut a, "redo");
    assert_eq!(design(&a).component("db").unwrap().replicas, 3);
    send(&mut a, [Action::Redo]);
    assert_eq!(info(&a), "nothing to redo");
    cmd(&mut a, "undo");
    assert_eq!(design(&a).component("db").unwrap().replicas, 1);
    // A new edit clears the redo stack.
    cmd(&mut a, "add redis");
    send(&mut a, [Action::Redo]);
    assert_eq!(info(&a), "nothing to redo");
    // Failed edits leave nothing to undo.
    let n = a.session.as_ref().unwrap().undo.len();
    cmd(&mut a, "add kafak");
    assert_eq!(a.session.as_ref().unwrap().undo.len(), n);
}

/// Undo and redo go through edits: undoing every kind of edit puts the
/// design back exactly as it was, and redoing them makes it again.
#[test]
fn undoing_every_edit_restores_the_design_exactly() {
    let mut a = practice();
    cmd(&mut a, "add app-server web");
    let start = design(&a).clone();
    let lines = [
        "add postgres db",
        "add app-server api",
        "link web api",
        "link api db",
        "set db failover automatic",
        "set db label Main store",
        "set api managed true",
        "replicas api 3",
        "stores db orders",
        "link api db async",
        "unlink web api",
        "set api idempotency_keys true",
        "unset api idempotency_keys",
        "kind db redis",
        "rename db main-db",
        "answer send-path enqueue",
        "stage growth",
        "rm api",
    ];
    for line in lines {
        let before = a.session.as_ref().unwrap().undo.len();
        cmd(&mut a, line);
        assert_eq!(
            a.session.as_ref().unwrap().undo.len(),
            before + 1,
            "`{line}` did not edit: {:?}",
            a.message
        );
    }
    let end = design(&a).clone();
    for _ in lines {
        cmd(&mut a, "undo");
    }
    assert_eq!(design(&a), &start);
    for _ in lines {
        cmd(&mut a, "redo");
    }
    assert_eq!(design(&a), &end);
}

#[test]
fn cycle_stage_rejudges_at_the_next_stage() {
    let mut a = drawn();
    send(&mut a, [Action::CycleStage]);
    assert_eq!(design(&a).stage, Some(StageRef::Id("growth".into())));
    send(&mut a, [Action::CycleStage]);
    assert_eq!(design(&a).stage, Some(StageRef::Id("scale".into())));
    assert_eq!(
        a.session.as_ref().unwrap().report.context.stage.as_deref(),
        Some("scale")
    );
    send(&mut a, [Action::CycleStage]);
    assert_eq!(design(&a).stage, Some(StageRef::Id("launch".into())));
    cmd(&mut a, "stage 2");
    assert_eq!(design(&a).stage, Some(StageRef::Id("growth".into())));
    cmd(&mut a, "stage mars");
    assert!(err(&a).contains("no stage `mars`"));
}

#[test]
fn editing_with_no_component_selected_says_how_to_add() {
    let mut a = practice();
    send(&mut a, [Action::ScreenDesign]);
    for act in [
        Action::Rename,
        Action::ReplicasUp,
        Action::ReplicasDown,
        Action::Link,
        Action::ToggleManaged,
        Action::EditStores,
        Action::EditProps,
        Action::ChangeKind,
    ] {
        send(&mut a, [act.clone()]);
        assert!(err(&a).contains("no component selected"), "{act:?}");
    }
    send(&mut a, [Action::ApplyFix]);
    assert!(a.message.is_some());
}

// ------------------------------------------------------------ decisions

#[test]
fn decisions_choose_and_clear_answers() {
    let mut a = practice();
    send(&mut a, [Action::ScreenDecisions]);
    send(&mut a, [Action::Confirm]);
    assert!(a.session.as_ref().unwrap().decisions.options_focus);
    send(&mut a, [Action::MoveDown, Action::Confirm]);
    assert_eq!(
        design(&a).answers.get("send-path").map(String::as_str),
        Some("enqueue")
    );
    send(&mut a, [Action::MoveLeft]);
    assert!(!a.session.as_ref().unwrap().decisions.options_focus);
    send(&mut a, [Action::MoveDown]);
    assert_eq!(a.session.as_ref().unwrap().decisions.prompt_sel, 1);
    assert_eq!(a.session.as_ref().unwrap().decisions.option_sel, 0);
    send(&mut a, [Action::MoveUp]);
    assert_eq!(
        a.session.as_ref().unwrap().decisions.option_sel,
        1,
        "cursor starts on the chosen option"
    );
    send(&mut a, [Action::MoveRight, Action::Top, Action::Confirm]);
    assert_eq!(
        design(&a).answers.get("send-path").map(String::as_str),
        Some("inline")
    );
    send(&mut a, [Action::Cancel, Action::Delete]);
    assert!(design(&a).answers.is_empty());
    send(&mut a, [Action::Delete]);
    assert!(err(&a).contains("no answer yet"));
    send(&mut a, [Action::NextPane]);
    assert!(a.session.as_ref().unwrap().decisions.options_focus);
    send(&mut a, [Action::PrevPane]);
    assert!(!a.session.as_ref().unwrap().decisions.options_focus);
    send(&mut a, [Action::Bottom, Action::PageUp, Action::PageDown]);
    cmd(&mut a, "answer queue kafka");
    assert_eq!(
        design(&a).answers.get("queue").map(String::as_str),
        Some("kafka")
    );
    assert!(
        a.session
            .as_ref()
            .unwrap()
            .report
            .findings
            .iter()
            .any(|f| f.rule.contains("decision")
                || f.category == crate::engine::report::FindingCategory::Decision)
    );
    cmd(&mut a, "answer queue carrier-pigeon");
    assert!(err(&a).contains("options: table, kafka"));
    send(&mut a, [Action::Undo]);
    assert!(!design(&a).answers.contains_key("queue"));
}

// ------------------------------------------------------------ report and reference

#[test]
fn report_scrolls_and_reveals_the_reference_on_request() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenReport]);
    send(&mut a, [Action::MoveDown, Action::PageDown, Action::MoveUp]);
    assert_eq!(a.session.as_ref().unwrap().report_view.report_scroll, 10);
    send(&mut a, [Action::PageUp, Action::Bottom]);
    assert_eq!(a.session.as_ref().unwrap().report_view.report_scroll, 500);
    send(&mut a, [Action::Top]);
    assert_eq!(a.session.as_ref().unwrap().report_view.report_scroll, 0);
    let fx = send(&mut a, [Action::RevealReference]);
    assert_eq!(
        fx,
        vec![Effect::LoadReference {
            scenario: "mini-notify".into()
        }]
    );
    assert!(
        !a.session.as_ref().unwrap().report_view.show_reference,
        "hidden until it arrives"
    );
    let design = fixture::reference();
    let report = a.judge(&design);
    send(
        &mut a,
        [Action::ReferenceLoaded(Ok(Box::new(LoadedReference {
            file: "designs/strong.napkin.yaml".into(),
            summary: "boring".into(),
            design,
            report,
        })))],
    );
    assert!(a.session.as_ref().unwrap().report_view.show_reference);
    assert!(info(&a).contains("designs/strong.napkin.yaml"));
    assert!(send(&mut a, [Action::Confirm]).is_empty());
    assert!(!a.session.as_ref().unwrap().report_view.show_reference);
    assert!(
        send(&mut a, [Action::RevealReference]).is_empty(),
        "loaded once"
    );
    assert!(a.session.as_ref().unwrap().report_view.show_reference);
    // :reference toggles from any screen.
    send(&mut a, [Action::ScreenBrief]);
    cmd(&mut a, "reference");
    assert_eq!(a.screen, Screen::Report);
    assert!(!a.session.as_ref().unwrap().report_view.show_reference);
}

#[test]
fn reference_errors_are_shown() {
    let mut a = practice();
    send(&mut a, [Action::ScreenReport, Action::RevealReference]);
    send(&mut a, [Action::ReferenceLoaded(Err("not found".into()))]);
    assert!(err(&a).contains("not found"));
    assert_eq!(
        a.session
            .as_ref()
            .unwrap()
            .report_view
            .reference_error
            .as_deref(),
        Some("not found")
    );
    // A design without a scenario has no reference.
    let mut b = app();
    b.open_design(Design::default(), None);
    assert_eq!(b.screen, Screen::Design);
    send(&mut b, [Action::ScreenReport, Action::RevealReference]);
    assert!(err(&b).contains("no scenario"));
}

// ------------------------------------------------------------ command line

#[test]
fn tab_on_an_empty_command_line_inserts_nothing() {
    let mut a = practice();
    send(&mut a, [Action::CommandLine, Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "");
    assert!(a.cmdline.as_ref().unwrap().completion.is_none());
    send(&mut a, typed("  "));
    send(&mut a, [Action::PrevPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text.trim(), "");
    assert!(a.message.as_ref().unwrap().text.contains("Tab"));
}

#[test]
fn command_line_types_colons_completes_and_remembers() {
    let mut a = practice();
    send(&mut a, [Action::CommandLine]);
    assert!(a.text_mode());
    send(&mut a, typed("set a:b"));
    assert_eq!(
        a.cmdline.as_ref().unwrap().text,
        "set a:b",
        "`:` types a colon in a field"
    );
    send(&mut a, [Action::ClearLine]);
    send(&mut a, typed("ad"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "add ");
    send(&mut a, typed("re"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "add redis ");
    send(&mut a, [Action::ClearLine]);
    send(&mut a, typed("a"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "add");
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "ask");
    send(&mut a, [Action::PrevPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "add");
    assert_eq!(
        a.cmdline
            .as_ref()
            .unwrap()
            .completion
            .as_ref()
            .unwrap()
            .candidates
            .len(),
        3
    );
    send(&mut a, typed(" zzz"));
    send(&mut a, [Action::NextPane]);
    assert!(err(&a).contains("no completions"));
    send(&mut a, [Action::Cancel]);
    assert!(a.cmdline.is_none());
    // Backspace on an empty line closes it.
    send(&mut a, [Action::CommandLine, Action::Backspace]);
    assert!(a.cmdline.is_none());
    // Enter on an empty line does nothing.
    assert!(cmd(&mut a, "").is_empty());
    cmd(&mut a, "add postgres");
    cmd(&mut a, "add redis");
    send(&mut a, [Action::CommandLine, Action::MoveUp]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "add redis");
    send(&mut a, [Action::MoveUp]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "add postgres");
    send(&mut a, [Action::MoveDown]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "add redis");
    send(&mut a, [Action::MoveDown]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "");
    send(
        &mut a,
        [Action::Paste("add\nkafka".into()), Action::Confirm],
    );
    assert!(ids(&a).contains(&"kafka".to_string()));
}

#[test]
fn bad_commands_give_clear_errors() {
    let mut a = practice();
    cmd(&mut a, "ad postgres");
    assert_eq!(err(&a), "unknown command `:ad`; did you mean `:add`?");
    cmd(&mut a, "add kafak");
    assert_eq!(err(&a), "unknown kind `kafak`; did you mean `kafka`?");
    cmd(&mut a, "link");
    assert!(err(&a).contains(":link FROM TO"));
    assert!(ids(&a).is_empty());
    cmd(&mut a, "set x y z");
    assert!(err(&a).contains("no component `x`"));
}

#[test]
fn every_edit_command_works() {
    let mut a = drawn();
    cmd(&mut a, "set api idempotency_keys true");
    assert_eq!(
        design(&a)
            .component("api")
            .unwrap()
            .prop_bool("idempotency_keys"),
        Some(true)
    );
    cmd(&mut a, "set api label Main API");
    assert_eq!(
        design(&a).component("api").unwrap().label.as_deref(),
        Some("Main API")
    );
    cmd(&mut a, "set api replicas 2");
    assert_eq!(design(&a).component("api").unwrap().replicas, 2);
    cmd(&mut a, "set api kind worker");
    assert_eq!(design(&a).component("api").unwrap().kind, "worker");
    cmd(&mut a, "stores db emails");
    assert_eq!(design(&a).component("db").unwrap().stores.len(), 2);
    cmd(&mut a, "add sqs");
    assert!(ids(&a).contains(&"sqs".to_string()));
}

// ------------------------------------------------------------ autosave and effects

#[test]
fn saves_are_checked_against_what_was_read_and_a_conflict_moves_to_the_copy() {
    let mut a = practice();
    cmd(&mut a, "add postgres");
    let fx = send(&mut a, [Action::Tick(2)]);
    let [
        Effect::Write {
            path, text, base, ..
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}");
    };
    assert_eq!(
        *base, None,
        "a new session file has nothing to compare with"
    );
    let written = crate::io::save::fingerprint(text.as_bytes());
    let path = path.clone();
    send(
        &mut a,
        [Action::Saved {
            path: path.clone(),
            error: None,
            autosave: true,
        }],
    );
    assert_eq!(a.session.as_ref().unwrap().disk, Some(written));
    cmd(&mut a, "add redis");
    let fx = send(&mut a, [Action::Tick(60)]);
    assert!(
        matches!(&fx[..], [Effect::Write { base: Some(b), .. }] if *b == written),
        "the next save expects the file as napkin wrote it: {fx:?}"
    );
    let copy = PathBuf::from("/tmp/x/t.mine.napkin.yaml");
    send(
        &mut a,
        [Action::SaveConflict {
            path: path.clone(),
            copy: Ok(copy.clone()),
        }],
    );
    let s = a.session.as_ref().unwrap();
    assert_eq!(s.path.as_ref(), Some(&copy));
    assert!(!s.dirty);
    assert!(a.message.as_ref().unwrap().text.contains("changed on disk"));

    // `:reload` asks for their file; what arrives replaces the design and
    // saves go back there.
    let fx = cmd(&mut a, "reload");
    assert!(
        matches!(&fx[..], [Effect::Reload { path: p }] if *p == path),
        "{fx:?}"
    );
    let mut theirs = design(&a).clone();
    theirs.components.clear();
    send(
        &mut a,
        [Action::Reloaded {
            path: path.clone(),
            result: Ok(Box::new((theirs, 42, String::new()))),
        }],
    );
    let s = a.session.as_ref().unwrap();
    assert_eq!(s.path.as_ref(), Some(&path));
    assert_eq!(s.disk, Some(42));
    assert!(s.design.components.is_empty());
    assert!(s.conflict.is_none());
    cmd(&mut a, "add postgres");
    let fx = cmd(&mut a, "reload");
    assert!(fx.is_empty(), "unsaved edits are never thrown away");
    assert!(a.message.as_ref().unwrap().text.contains("unsaved"));
    a.session.as_mut().unwrap().path = Some(copy.clone());

    cmd(&mut a, "add kafka");
    send(&mut a, [Action::Tick(200)]);
    send(
        &mut a,
        [Action::SaveConflict {
            path: copy.clone(),
            copy: Err("disk full".into()),
        }],
    );
    let s = a.session.as_ref().unwrap();
    assert!(s.dirty, "an unsaved version stays modified");
    assert_eq!(s.path.as_ref(), Some(&copy));
    assert!(a.message.as_ref().unwrap().text.contains("disk full"));
}

#[test]
fn autosave_is_debounced() {
    let mut a = practice();
    assert!(
        send(&mut a, [Action::Tick(1)]).is_empty(),
        "nothing changed"
    );
    cmd(&mut a, "add postgres");
    let fx = send(&mut a, [Action::Tick(2)]);
    assert!(
        matches!(&fx[..], [Effect::Write { autosave: true, .. }]),
        "{fx:?}"
    );
    assert!(
        !a.session.as_ref().unwrap().on_disk,
        "not until the write succeeds"
    );
    let p = a.session.as_ref().unwrap().path.clone().unwrap();
    send(
        &mut a,
        [Action::Saved {
            path: p,
            error: None,
            autosave: true,
        }],
    );
    assert!(a.session.as_ref().unwrap().on_disk);
    cmd(&mut a, "add redis");
    assert!(
        send(&mut a, [Action::Tick(3)]).is_empty(),
        "within two seconds of the last save"
    );
    let fx = send(&mut a, [Action::Tick(4)]);
    let Effect::Write { text, .. } = &fx[0] else {
        panic!("{fx:?}")
    };
    assert!(text.contains("redis"));
    assert!(text.contains("elapsed_s: 4"), "{text}");
    assert!(
        send(&mut a, [Action::Tick(9)]).is_empty(),
        "saved and clean"
    );
    // A failed autosave marks the session dirty again and says so.
    let path = a.session.as_ref().unwrap().path.clone().unwrap();
    send(
        &mut a,
        [Action::Saved {
            path: path.clone(),
            error: Some("disk full".into()),
            autosave: true,
        }],
    );
    assert!(a.session.as_ref().unwrap().dirty);
    assert!(err(&a).contains("disk full"));
    assert_eq!(send(&mut a, [Action::Tick(12)]).len(), 1);
    // No home folder: never autosaves.
    let mut b = App::new(fixture::library(), Keymap::defaults(), None, Vec::new());
    b.start_practice("mini-notify").unwrap();
    cmd(&mut b, "add postgres");
    assert!(send(&mut b, [Action::Tick(5)]).is_empty());
    cmd(&mut b, "w");
    assert!(err(&b).contains("use :w FILE"));
}

#[test]
fn write_commands() {
    let mut a = drawn();
    let fx = cmd(&mut a, "w copy.napkin.yaml");
    let [
        Effect::Write {
            path,
            text,
            autosave,
            ..
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(path, &PathBuf::from("copy.napkin.yaml"));
    assert!(!autosave);
    assert!(text.contains("scenario: mini-notify"));
    assert!(
        a.session.as_ref().unwrap().dirty,
        "a copy leaves the session unsaved"
    );
    send(
        &mut a,
        [Action::Saved {
            path: path.clone(),
            error: None,
            autosave: false,
        }],
    );
    assert_eq!(info(&a), "wrote copy.napkin.yaml");
    let fx = cmd(&mut a, "w");
    assert!(matches!(
        &fx[..],
        [Effect::Write {
            autosave: false,
            ..
        }]
    ));
    assert!(!a.session.as_ref().unwrap().dirty);
    // Saved with no error and autosave says nothing.
    a.message = None;
    send(
        &mut a,
        [Action::Saved {
            path: PathBuf::from("x"),
            error: None,
            autosave: true,
        }],
    );
    assert!(a.message.is_none());
}

#[test]
fn saved_designs_round_trip_through_load() {
    let mut a = drawn();
    cmd(&mut a, "ask users");
    cmd(&mut a, "answer send-path enqueue");
    let fx = cmd(&mut a, "w");
    let [Effect::Write { text, .. }] = &fx[..] else {
        panic!()
    };
    let loaded = crate::io::load::load_design_str(text, "s.napkin.yaml", &a.lib).unwrap();
    assert_eq!(loaded.design.components, design(&a).components);
    assert_eq!(loaded.design.links, design(&a).links);
    assert_eq!(loaded.design.asked, vec!["users".to_string()]);
    assert_eq!(
        loaded.design.answers.get("send-path").map(String::as_str),
        Some("enqueue")
    );
}

#[test]
fn opening_a_plain_design_goes_to_the_editor() {
    let mut a = app();
    let mut d = Design::default();
    d.components.push(Component::new("api", "app-server"));
    a.open_design(d, Some(PathBuf::from("mine.napkin.yaml")));
    assert_eq!(a.screen, Screen::Design);
    assert!(a.pack().is_none());
    send(&mut a, [Action::ScreenBrief, Action::Confirm]);
    assert!(err(&a).contains("no scenario"));
    send(&mut a, [Action::ScreenDecisions, Action::Confirm]);
    assert!(err(&a).contains("no scenario"));
    send(&mut a, [Action::CycleStage]);
    assert!(err(&a).contains("no scenario") || err(&a).contains("has none"));
    cmd(&mut a, "ask users");
    assert!(err(&a).contains("has none"));
}

#[test]
fn tick_only_moves_the_clock() {
    let mut a = practice();
    a.message = None;
    send(&mut a, [Action::Tick(7)]);
    assert_eq!(a.now_s, 7);
    assert_eq!(a.session_clock(), 7);
    assert!(a.message.is_none());
}

mod diagram_keys;
mod export;
mod followups;
mod interview;
mod mentor;
mod mouse;

// ------------------------------------------------------------ priced fixes

#[test]
fn the_report_prices_fixes_and_an_edit_invalidates_them() {
    let mut a = drawn();
    assert!(
        a.session.as_ref().is_some_and(|s| s.fixes.is_none()),
        "not priced in the editor"
    );
    send(&mut a, [Action::ScreenReport]);
    let fixes = a
        .session
        .as_ref()
        .and_then(|s| s.fixes.clone())
        .expect("priced on the report");
    let with_fix = a
        .session
        .as_ref()
        .map(|s| s.report.findings.iter().filter(|f| f.fix.is_some()).count());
    assert!(
        with_fix.is_some_and(|n| n > 0),
        "the drawn design has fixable findings"
    );
    assert!(!fixes.is_empty());
    // Applying the first priced edit gives exactly the predicted overall change.
    let before = a
        .session
        .as_ref()
        .map(|s| s.report.scores.overall)
        .unwrap_or_default();
    let mut edited = design(&a).clone();
    fixes[0].edit.apply(&mut edited, &a.lib.catalog);
    let after = a.judge(&edited).scores.overall;
    assert_eq!(i64::from(after) - i64::from(before), fixes[0].overall);
    // An edit from the command line re-prices while the report is shown.
    cmd(&mut a, ":replicas api 3");
    assert!(a.session.as_ref().is_some_and(|s| s.fixes.is_some()));
    send(&mut a, [Action::ScreenDesign]);
    cmd(&mut a, ":replicas api 2");
    assert!(
        a.session.as_ref().is_some_and(|s| s.fixes.is_none()),
        "stale prices dropped"
    );
}

#[test]
fn a_command_line_runs_several_commands_separated_by_semicolons() {
    let mut a = drawn();
    send(&mut a, [Action::CommandLine]);
    send(&mut a, typed("replicas db 2 ; :set db failover automatic"));
    send(&mut a, [Action::Confirm]);
    let db = design(&a).component("db").cloned().expect("db");
    assert_eq!(db.replicas, 2);
    assert_eq!(db.prop_str("failover").as_deref(), Some("automatic"));
    // The first error stops the rest.
    send(&mut a, [Action::CommandLine]);
    send(&mut a, typed("replicas nope 3 ; replicas db 4"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(design(&a).component("db").map(|c| c.replicas), Some(2));
    assert!(err(&a).contains("nope"), "{}", err(&a));
}

// ------------------------------------------------------------ :context

#[test]
fn context_sets_a_figure_rescored_undoable_and_autosaved() {
    let mut a = drawn();
    let before = a.session.as_ref().map(|s| s.report.context.users);
    cmd(&mut a, ":context users 50,000");
    assert_eq!(info(&a), "context: users 50,000");
    let s = a.session.as_ref().unwrap();
    assert!(s.dirty);
    assert_eq!(s.report.context.users, 50_000.0, "re-judged at once");
    assert_ne!(Some(50_000.0), before);
    assert_eq!(
        design(&a)
            .context
            .as_ref()
            .and_then(|c| c.load.as_ref())
            .and_then(|l| l.users),
        Some(50_000.0)
    );
    // It is saved with the design like any other edit.
    let fx = send(&mut a, [Action::Tick(2)]);
    assert!(
        matches!(&fx[..], [Effect::Write { text, .. }] if text.contains("users: 50000")),
        "{fx:?}"
    );
    cmd(&mut a, ":context budget $800");
    cmd(&mut a, ":context engineers 2");
    cmd(&mut a, ":context availability 99.95%");
    cmd(&mut a, ":context peak_rps 40");
    cmd(&mut a, ":context writes 5");
    let c = a.session.as_ref().unwrap().report.context.clone();
    assert_eq!(c.budget_usd_per_month, Some(800.0));
    assert_eq!((c.engineers, c.availability), (2.0, 99.95));
    assert_eq!((c.peak_rps, c.write_rps), (40.0, 5.0));
    cmd(&mut a, ":undo");
    let c = &a.session.as_ref().unwrap().report.context;
    assert_ne!(c.write_rps, 5.0, "back to the stage's figure");
    assert_eq!(c.peak_rps, 40.0);
}

#[test]
fn context_refuses_what_is_not_a_figure_and_clears_with_a_dash() {
    let mut a = drawn();
    cmd(&mut a, ":context usres 10");
    assert!(err(&a).contains("did you mean `users`"), "{}", err(&a));
    cmd(&mut a, ":context users lots");
    assert!(err(&a).contains("not a figure"), "{}", err(&a));
    cmd(&mut a, ":context availability 120");
    assert!(err(&a).contains("percentage"), "{}", err(&a));
    cmd(&mut a, ":context users");
    assert!(err(&a).contains(":context [KEY VALUE]"), "{}", err(&a));
    assert!(design(&a).context.is_none(), "nothing changed");
    cmd(&mut a, ":context budget 800");
    cmd(&mut a, ":context budget -");
    assert!(info(&a).contains("back to"), "{}", info(&a));
    assert!(
        design(&a).context.is_none(),
        "an emptied context is left out"
    );
    // Alone, it opens the context screen.
    cmd(&mut a, ":context");
    assert!(matches!(a.overlay, Overlay::Context(_)), "{:?}", a.overlay);
}

// ------------------------------------------------------------ context screen

fn panel(a: &App) -> &crate::tui::state::ContextPanel {
    match &a.overlay {
        Overlay::Context(p) => p,
        other => panic!("expected the context screen, got {other:?}"),
    }
}

fn own_users(a: &App) -> Option<f64> {
    design(a)
        .context
        .as_ref()
        .and_then(|c| c.load.as_ref())
        .and_then(|l| l.users)
}

#[test]
fn context_screen_opens_by_key_moves_and_closes() {
    let mut a = drawn();
    send(&mut a, [Action::EditContext]);
    assert_eq!(panel(&a).selected, 0);
    assert!(!a.text_mode(), "not typing until Enter");
    send(&mut a, [Action::MoveDown, Action::MoveDown]);
    assert_eq!(panel(&a).selected, 2);
    send(&mut a, [Action::Bottom]);
    assert_eq!(panel(&a).selected, crate::model::FIGURES.len() - 1);
    send(&mut a, [Action::MoveDown]);
    assert_eq!(panel(&a).selected, crate::model::FIGURES.len() - 1);
    send(&mut a, [Action::Top, Action::MoveUp]);
    assert_eq!(panel(&a).selected, 0);
    // Keys of the screen below do nothing while it shows.
    let before = design(&a).clone();
    send(&mut a, [Action::AddComponent, Action::ScreenReport]);
    assert_eq!(design(&a), &before);
    assert!(matches!(a.overlay, Overlay::Context(_)));
    send(&mut a, [Action::Cancel]);
    assert_eq!(a.overlay, Overlay::None);
    // The key toggles it, and the command opens it too.
    send(&mut a, [Action::EditContext, Action::EditContext]);
    assert_eq!(a.overlay, Overlay::None);
    // Without a session there is nothing to show.
    let mut home = app();
    send(&mut home, [Action::EditContext]);
    assert_eq!(home.overlay, Overlay::None);
    assert!(err(&home).contains("open a scenario"), "{}", err(&home));
}

#[test]
fn context_screen_edits_inline_rescored_and_undoable() {
    let mut a = drawn();
    let before = a.session.as_ref().unwrap().report.context.users;
    send(&mut a, [Action::EditContext, Action::Confirm]);
    assert_eq!(
        panel(&a).editing.as_deref(),
        Some(""),
        "nothing of its own yet"
    );
    assert!(a.text_mode(), "typing: keys are characters");
    send(&mut a, typed("50,000"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(own_users(&a), Some(50_000.0));
    let s = a.session.as_ref().unwrap();
    assert_eq!(s.report.context.users, 50_000.0, "re-judged at once");
    assert!(s.dirty);
    assert_eq!(panel(&a).editing, None);
    assert_eq!(panel(&a).error, None);
    assert_eq!(info(&a), "context: users 50,000");
    // Enter again starts from the design's own value.
    send(&mut a, [Action::Confirm]);
    assert_eq!(panel(&a).editing.as_deref(), Some("50000"));
    send(&mut a, [Action::Cancel]);
    assert_eq!(panel(&a).editing, None, "Esc leaves the field");
    assert!(
        matches!(a.overlay, Overlay::Context(_)),
        "and keeps the screen"
    );
    // Undo from the screen puts the design back, and the score with it.
    send(&mut a, [Action::Undo]);
    assert_eq!(own_users(&a), None);
    assert_eq!(a.session.as_ref().unwrap().report.context.users, before);
    send(&mut a, [Action::Redo]);
    assert_eq!(own_users(&a), Some(50_000.0));
    // The delete key clears the selected figure, back to the stage's.
    send(&mut a, [Action::Delete]);
    assert_eq!(own_users(&a), None);
    assert!(
        design(&a).context.is_none(),
        "an emptied context is left out"
    );
    // Each edit is one `Edit::SetContext` on the undo stack.
    let s = a.session.as_ref().unwrap();
    assert!(s.undo.iter().all(|u| !u.label.starts_with("context")
        || matches!(u.edit, crate::model::Edit::SetContext { .. })),);
    // Another figure, with its own spelling of a value.
    send(&mut a, [Action::Bottom, Action::Confirm]);
    send(&mut a, typed("99.95%"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(
        a.session.as_ref().unwrap().report.context.availability,
        99.95
    );
    // An empty field changes nothing.
    let before = design(&a).clone();
    send(
        &mut a,
        [Action::Confirm, Action::ClearLine, Action::Confirm],
    );
    assert_eq!(design(&a), &before);
    assert_eq!(panel(&a).editing, None);
}

#[test]
fn context_screen_refuses_a_bad_value_inline() {
    let mut a = drawn();
    let before = design(&a).clone();
    let undo = a.session.as_ref().unwrap().undo.len();
    send(&mut a, [Action::EditContext, Action::Confirm]);
    send(&mut a, typed("lots"));
    send(&mut a, [Action::Confirm]);
    let e = panel(&a).error.clone().expect("an error on the screen");
    assert!(e.contains("not a figure"), "{e}");
    assert_eq!(panel(&a).editing.as_deref(), Some("lots"), "still editing");
    assert_eq!(design(&a), &before, "design unchanged");
    assert_eq!(a.session.as_ref().unwrap().undo.len(), undo);
    // Fixing the text and saving clears the error.
    send(&mut a, [Action::ClearLine]);
    send(&mut a, typed("$1,200"));
    send(&mut a, [Action::Confirm]);
    assert_eq!(panel(&a).error, None);
    assert_eq!(own_users(&a), Some(1_200.0));
    // A percentage over 100 for the target.
    send(&mut a, [Action::Bottom, Action::Confirm]);
    send(&mut a, typed("120"));
    send(&mut a, [Action::Confirm]);
    assert!(
        panel(&a)
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("percentage")
    );
    // Esc drops the edit and its error; Esc again closes the screen.
    send(&mut a, [Action::Cancel]);
    assert_eq!(
        (panel(&a).editing.clone(), panel(&a).error.clone()),
        (None, None)
    );
    send(&mut a, [Action::Cancel]);
    assert_eq!(a.overlay, Overlay::None);
    // Pasted control characters never reach the field.
    send(&mut a, [Action::EditContext, Action::Confirm]);
    send(&mut a, [Action::Paste("12\x1b[2J3".into())]);
    let typed_text = panel(&a).editing.clone().unwrap_or_default();
    assert!(!typed_text.contains('\x1b'), "{typed_text:?}");
}

#[test]
fn context_completes_its_keys() {
    let mut a = drawn();
    send(&mut a, [Action::CommandLine]);
    send(&mut a, typed("context pe"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(
        a.cmdline.as_ref().map(|c| c.text.as_str()),
        Some("context peak_rps ")
    );
}
mod progress;
