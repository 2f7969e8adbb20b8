//! Snapshots of every screen on ratatui's `TestBackend`, at 80x24 and
//! 120x40, plus an error state, overlays and a tiny window. The app runs on
//! the fixed fixture catalog and pack so screens change only when the UI or
//! the engine's verdicts do.

use napkin::tui::action::{Action, LoadedReference};
use napkin::tui::fixture;
use napkin::tui::keys::Keymap;
use napkin::tui::state::{App, Pane, SessionEntry};
use napkin::tui::view::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use std::path::PathBuf;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn render(app: &App, w: u16, h: u16, color: bool) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(&View::new(app, color), f.area()))
        .unwrap();
    t
}

fn send(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    fixture::send(app, actions);
}

fn cmd(app: &mut App, line: &str) {
    fixture::cmd(app, line);
}

fn home() -> App {
    let mut d = fixture::reference();
    d.name = "Tuesday practice".into();
    let entry = SessionEntry {
        path: PathBuf::from("/home/me/.local/share/napkin/sessions/mini-notify-1.napkin.yaml"),
        design: d,
        score: Some(84),
        when: "2 h ago".into(),
        fingerprint: None,
    };
    App::new(
        fixture::library(),
        Keymap::defaults(),
        Some(PathBuf::from("/home/me/.local/share/napkin/sessions")),
        vec![entry],
    )
}

fn practice() -> App {
    let mut a = home();
    a.start_practice("mini-notify").unwrap();
    a
}

/// A session part-way through: two questions asked, a small design drawn.
fn drawn() -> App {
    let mut a = practice();
    send(&mut a, [Action::Tick(30)]);
    cmd(&mut a, "ask users");
    send(&mut a, [Action::Tick(75)]);
    cmd(&mut a, "ask volume");
    send(&mut a, [Action::Tick(140)]);
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    a.message = None;
    a
}

macro_rules! snap {
    ($name:expr, $app:expr) => {
        for (w, h) in SIZES {
            let t = render(&$app, w, h, true);
            insta::assert_snapshot!(format!("{}_{w}x{h}", $name), t.backend());
        }
    };
}

#[test]
fn home_screen() {
    snap!("home", home());
}

#[test]
fn home_search_with_highlighted_matches() {
    let mut a = home();
    send(&mut a, [Action::Search]);
    send(&mut a, "mnot".chars().map(Action::Input));
    snap!("home_search", a);
    // The matched characters are styled (underlined and bold).
    let t = render(&a, 80, 24, false);
    let buf = t.backend().buffer();
    let styled: String = (0..80u16)
        .flat_map(|x| (0..24u16).map(move |y| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::UNDERLINED))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(
        styled.chars().filter(|c| *c != ' ').count(),
        4,
        "{styled:?}"
    );
}

#[test]
fn brief_screen() {
    let mut a = drawn();
    send(
        &mut a,
        [Action::ScreenBrief, Action::MoveDown, Action::MoveDown],
    );
    snap!("brief", a);
}

#[test]
fn brief_screen_facts_focused_and_scrolled() {
    let mut a = drawn();
    for q in ["duplicates", "team", "analytics"] {
        cmd(&mut a, &format!("ask {q}"));
    }
    a.message = None;
    send(
        &mut a,
        [
            Action::ScreenBrief,
            Action::NextPane,
            Action::MoveDown,
            Action::MoveDown,
        ],
    );
    snap!("brief_facts_scrolled", a);
}

#[test]
fn brief_screen_before_asking() {
    snap!("brief_fresh", practice());
}

#[test]
fn design_editor() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign]);
    snap!("design", a);
}

#[test]
fn design_editor_inspector_focus() {
    let mut a = drawn();
    send(
        &mut a,
        [Action::ScreenDesign, Action::Bottom, Action::EditProps],
    );
    snap!("design_inspector", a);
}

#[test]
fn design_editor_selected_finding_highlights_components() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign]);
    a.session.as_mut().unwrap().editor.focus = Pane::Findings;
    snap!("design_findings", a);
}

#[test]
fn design_editor_empty() {
    let mut a = practice();
    send(&mut a, [Action::ScreenDesign]);
    snap!("design_empty", a);
}

#[test]
fn add_component_palette() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign, Action::AddComponent]);
    send(&mut a, "que".chars().map(Action::Input));
    snap!("palette", a);
}

#[test]
fn rename_input() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign, Action::Rename]);
    snap!("input", a);
}

#[test]
fn decisions_screen() {
    let mut a = drawn();
    cmd(&mut a, "answer send-path enqueue");
    send(&mut a, [Action::ScreenDecisions, Action::MoveRight]);
    a.message = None;
    snap!("decisions", a);
}

#[test]
fn report_screen() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenReport]);
    snap!("report", a);
}

/// The fixture pack's strong reference, loaded with `report`.
fn strong_reference(
    design: napkin::model::Design,
    report: napkin::engine::report::Report,
) -> LoadedReference {
    LoadedReference {
        file: "designs/strong.napkin.yaml".into(),
        summary: "App server, Postgres, a queue and a worker.".into(),
        design,
        report,
    }
}

#[test]
fn report_with_reference_revealed() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenReport, Action::RevealReference]);
    let design = fixture::reference();
    let report = a.judge(&design);
    send(
        &mut a,
        [Action::ReferenceLoaded(Ok(Box::new(strong_reference(
            design, report,
        ))))],
    );
    a.message = None;
    snap!("report_reference", a);
}

#[test]
fn fix_confirmation_overlay() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign]);
    let s = a.session.as_mut().unwrap();
    s.editor.focus = Pane::Findings;
    s.editor.finding_sel = s
        .report
        .findings
        .iter()
        .position(|f| f.fix.is_some())
        .expect("a finding with a fix");
    send(&mut a, [Action::ApplyFix]);
    snap!("fix_confirm", a);
}

#[test]
fn help_overlay() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign, Action::Help]);
    snap!("help", a);
}

#[test]
fn command_line_with_completion() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign, Action::CommandLine]);
    send(&mut a, "link api ".chars().map(Action::Input));
    send(&mut a, [Action::NextPane]);
    snap!("cmdline", a);
}

#[test]
fn error_state_after_a_bad_command() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign]);
    cmd(&mut a, "add kafak");
    snap!("error", a);
    let t = render(&a, 80, 24, false);
    assert!(t.backend().to_string().contains("did you mean `kafka`?"));
}

#[test]
fn context_screen() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign]);
    cmd(&mut a, "context users 50,000");
    cmd(&mut a, "context budget $800");
    send(
        &mut a,
        [Action::EditContext, Action::MoveDown, Action::MoveDown],
    );
    a.message = None;
    snap!("context", a);
    let text = render(&a, 80, 24, false).backend().to_string();
    assert!(
        text.contains("50,000") && text.contains("this design"),
        "{text}"
    );
}

/// A review: a design with no scenario, so every figure is the design's
/// own or assumed, being edited with a value the field refuses.
#[test]
fn context_screen_editing_with_an_error() {
    let mut a = home();
    let mut d = fixture::reference();
    d.scenario = None;
    d.stage = None;
    d.name = "Orders as they run".into();
    a.open_design(d, None);
    cmd(&mut a, "context engineers 3");
    send(&mut a, [Action::EditContext]);
    send(&mut a, [Action::Bottom, Action::Confirm]);
    send(&mut a, "120".chars().map(Action::Input));
    send(&mut a, [Action::Confirm]);
    send(
        &mut a,
        [Action::Backspace, Action::Backspace, Action::Backspace],
    );
    send(&mut a, "99.95%x".chars().map(Action::Input));
    a.message = None;
    snap!("context_edit", a);
}

#[test]
fn context_screen_keeps_the_selected_figure_in_a_short_window() {
    let mut a = drawn();
    send(&mut a, [Action::EditContext, Action::Bottom]);
    let text = render(&a, 60, 14, false).backend().to_string();
    assert!(text.contains("▶ availability"), "{text}");
}

#[test]
fn context_screen_cleans_stage_ids() {
    let mut lib = fixture::library();
    lib.packs_mut()[0].pack.stages[0].id = "launch\x1b[2J".into();
    let mut a = App::new(lib, Keymap::defaults(), None, Vec::new());
    a.start_practice("mini-notify").unwrap();
    send(&mut a, [Action::EditContext]);
    let text = render(&a, 120, 40, false).backend().to_string();
    assert!(text.contains("Context: the figures"), "{text}");
    assert!(!text.contains('\x1b'), "{text}");
}

#[test]
fn tiny_terminal_says_so() {
    let a = drawn();
    let t = render(&a, 20, 5, true);
    insta::assert_snapshot!("tiny_20x5", t.backend());
    assert!(t.backend().to_string().contains("too small"));
}

#[test]
fn every_size_renders_without_panicking() {
    let mut apps = vec![home(), practice(), drawn()];
    for screen in [
        Action::ScreenDesign,
        Action::ScreenDecisions,
        Action::ScreenReport,
        Action::Help,
        Action::AddComponent,
        Action::EditContext,
    ] {
        let mut a = drawn();
        send(&mut a, [Action::ScreenDesign, screen]);
        apps.push(a);
    }
    for a in &apps {
        for w in [0u16, 1, 2, 10, 43, 44, 45, 60, 79, 80, 81, 109, 110, 200] {
            for h in [0u16, 1, 3, 11, 12, 13, 24, 60] {
                let _ = render(a, w, h, w % 2 == 0);
            }
        }
    }
}

#[test]
fn no_color_uses_no_colours() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign]);
    a.session.as_mut().unwrap().editor.focus = Pane::Findings;
    let t = render(&a, 120, 40, false);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    // With colour on, something is coloured.
    let t = render(&a, 120, 40, true);
    assert!(
        t.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn untrusted_text_is_sanitised() {
    let mut lib = fixture::library();
    lib.packs_mut()[0].pack.title = "Evil\x1b[2J title".into();
    lib.packs_mut()[0].pack.brief = "Brief with \x1b]0;pwned\x07 escapes".into();
    let mut a = App::new(lib, Keymap::defaults(), None, Vec::new());
    let t = render(&a, 80, 24, true);
    assert!(!t.backend().to_string().contains('\x1b'));
    a.start_practice("mini-notify").unwrap();
    let t = render(&a, 80, 24, true);
    let text = t.backend().to_string();
    assert!(!text.contains('\x1b') && !text.contains('\x07'));
    // The whole title-setting sequence goes, payload included.
    assert!(text.contains("Brief with escapes"), "{text}");
    assert!(!text.contains("pwned"), "{text}");
}

// ------------------------------------------------------------ diagram

/// A design too big for the diagram pane at 80x24: the reference design
/// plus a cache, a second store and a stream.
fn big() -> App {
    let mut a = drawn();
    for line in fixture::BIG_DESIGN_EXTRA {
        cmd(&mut a, line);
    }
    a.message = None;
    a
}

#[test]
fn design_editor_with_the_diagram() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign, Action::ToggleDiagram]);
    a.message = None;
    snap!("design_diagram", a);
    let text = render(&a, 80, 24, true).backend().to_string();
    assert!(text.contains("Diagram"), "{text}");
    // SPOFs are marked with `!` (api and db are single instances).
    assert!(text.contains("!api"), "{text}");
}

#[test]
fn design_diagram_highlights_the_selected_finding() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign, Action::ToggleDiagram]);
    a.session.as_mut().unwrap().editor.focus = Pane::Findings;
    send(&mut a, [Action::MoveDown]);
    a.message = None;
    snap!("design_diagram_finding", a);
}

#[test]
fn design_diagram_large_suggests_zoom_and_pans() {
    let mut a = big();
    send(&mut a, [Action::ScreenDesign, Action::ToggleDiagram]);
    a.message = None;
    snap!("design_diagram_large", a);
    let text = render(&a, 80, 24, true).backend().to_string();
    assert!(text.contains("z zooms out"), "{text}");
    assert!(text.contains("more"), "{text}");
}

#[test]
fn design_diagram_compact() {
    let mut a = big();
    send(
        &mut a,
        [
            Action::ScreenDesign,
            Action::ToggleDiagram,
            Action::CompactDiagram,
        ],
    );
    a.message = None;
    snap!("design_diagram_compact", a);
    let text = render(&a, 120, 40, true).backend().to_string();
    assert!(text.contains("compact"), "{text}");
}

#[test]
fn design_diagram_focus_mode_shows_one_flow() {
    let mut a = big();
    send(
        &mut a,
        [
            Action::ScreenDesign,
            Action::ToggleDiagram,
            Action::FocusFlow,
        ],
    );
    snap!("design_diagram_flow", a);
    let text = render(&a, 120, 40, true).backend().to_string();
    assert!(text.contains("flow place-order"), "{text}");
    // Boxes read `│ audit  │`; the list's rows `│  audit`.
    assert!(
        !text.contains("│ audit ") && !text.contains("┃ audit "),
        "other flows' components are hidden:\n{text}"
    );
    // `web` calls `api` directly as well as through `lb`: a request takes
    // the shorter route, so the balancer is not on this flow.
    assert!(text.contains("│!api "), "{text}");
    assert!(!text.contains("│ lb "), "{text}");
}

#[test]
fn report_with_the_diagram() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenReport, Action::ToggleDiagram]);
    a.message = None;
    snap!("report_diagram", a);
}

#[test]
fn diagram_without_colour_keeps_its_marks() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign, Action::ToggleDiagram]);
    let t = render(&a, 120, 40, false);
    for cell in t.backend().buffer().content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let text = t.backend().to_string();
    assert!(
        text.contains("!api"),
        "the SPOF mark needs no colour:\n{text}"
    );
    // The selected component (db) has a heavy border.
    assert!(text.contains('┏'), "{text}");
}

#[test]
fn diagram_renders_at_every_size() {
    let mut apps = Vec::new();
    for extra in [
        vec![],
        vec![Action::CompactDiagram],
        vec![Action::FocusFlow],
        vec![Action::PanRight, Action::PanDown, Action::PanDown],
    ] {
        for screen in [Action::ScreenDesign, Action::ScreenReport] {
            let mut a = big();
            send(&mut a, [screen, Action::ToggleDiagram]);
            send(&mut a, extra.clone());
            apps.push(a);
        }
    }
    for a in &apps {
        for w in [0u16, 1, 10, 43, 44, 45, 60, 80, 109, 110, 200] {
            for h in [0u16, 1, 11, 12, 13, 24, 60] {
                let _ = render(a, w, h, w % 2 == 0);
            }
        }
    }
}

#[test]
fn help_lists_the_diagram_keys_and_export() {
    let mut a = drawn();
    send(&mut a, [Action::ScreenDesign, Action::Help]);
    let text = render(&a, 120, 200, true).backend().to_string();
    for needle in [
        "Diagram (design editor and report)",
        "show or hide the diagram",
        "zoom out to compact boxes",
        "show only the next critical flow",
        "H, shift-←",
        ":export FORMAT [FILE]",
        ":flow [FLOW|all]",
    ] {
        assert!(text.contains(needle), "help lacks `{needle}`:\n{text}");
    }
}

/// An interview 9 minutes long, seeded, part-way through: two typed
/// questions (one declined), a small design, in the high-level design
/// phase with the requirements phase having run over.
fn interviewing() -> App {
    let mut a = home();
    a.start_interview("mini-notify", Some(9)).unwrap();
    send(&mut a, [Action::Tick(20)]);
    cmd(&mut a, "ask how many customers, and what is the peak?");
    send(&mut a, [Action::Tick(40)]);
    cmd(&mut a, "ask what colour is the logo?");
    send(
        &mut a,
        [Action::Tick(95), Action::NextPhase, Action::Tick(130)],
    );
    send(&mut a, [Action::NextPhase, Action::Tick(200)]);
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    a.message = None;
    a
}

#[test]
fn interview_status_bar_on_the_brief() {
    let mut a = interviewing();
    send(&mut a, [Action::ScreenBrief]);
    snap!("interview_brief", a);
}

#[test]
fn interview_status_bar_hides_findings_in_the_editor() {
    let mut a = interviewing();
    send(&mut a, [Action::ScreenDesign]);
    snap!("interview_design", a);
}

#[test]
fn interview_status_bar_paused_and_over_time() {
    let mut a = interviewing();
    // High-level design has 3 minutes; 4 have passed.
    send(
        &mut a,
        [
            Action::Tick(440),
            Action::TogglePause,
            Action::ScreenDecisions,
        ],
    );
    a.message = None;
    snap!("interview_paused", a);
}

#[test]
fn interview_wrap_up_reveals_the_report() {
    let mut a = interviewing();
    send(&mut a, [Action::Tick(300)]);
    cmd(&mut a, "phase wrap-up");
    a.message = None;
    snap!("interview_wrap_up", a);
}

/// The second follow-up answered and drilled on the small design: the
/// answer beside the model answer, the flows by what happened to them, and
/// (at 120x40) the diagram with the overloaded server highlighted.
#[test]
fn follow_up_with_the_model_answer_revealed() {
    let mut a = drawn();
    send(
        &mut a,
        [
            Action::ScreenReport,
            Action::ScreenFollowups,
            Action::MoveRight,
            Action::Confirm,
        ],
    );
    send(
        &mut a,
        fixture::typed("The one api server saturates; add a replica and a load balancer."),
    );
    send(&mut a, [Action::Confirm, Action::Confirm]);
    a.message = None;
    snap!("followup_revealed", a);
    let text = render(&a, 80, 24, true).backend().to_string();
    assert!(text.contains("What a good answer covers"), "{text}");
    assert!(text.contains("The single app server saturates"), "{text}");
    assert!(text.contains("The one api server saturates"), "{text}");
    let wide = render(&a, 120, 40, true).backend().to_string();
    assert!(wide.contains("Diagram"), "{wide}");
    for (w, h) in [(44, 12), (60, 16), (100, 20), (220, 70)] {
        render(&a, w, h, false);
    }
}

/// The first follow-up while its answer is typed: the model answer hidden.
#[test]
fn follow_up_being_answered() {
    let mut a = drawn();
    send(
        &mut a,
        [
            Action::ScreenReport,
            Action::ScreenFollowups,
            Action::Confirm,
        ],
    );
    send(
        &mut a,
        fixture::typed("Orders fail, since the api sends the email"),
    );
    a.message = None;
    snap!("followup_answering", a);
    let text = render(&a, 80, 24, true).backend().to_string();
    assert!(!text.contains("Orders still succeed"), "{text}");
}

/// A practice session on the fixture pack with levels and estimator
/// figures, the small design drawn, three estimates made.
fn with_progress() -> App {
    let mut a = App::new(
        fixture::library_with_progress(),
        Keymap::defaults(),
        Some(PathBuf::from("/home/me/.local/share/napkin/sessions")),
        Vec::new(),
    );
    a.start_practice("mini-notify").unwrap();
    cmd(&mut a, "ask volume");
    for line in fixture::SMALL_DESIGN {
        cmd(&mut a, line);
    }
    cmd(&mut a, "estimate peak-rps 8");
    cmd(&mut a, "estimate write-rps 30");
    cmd(&mut a, "estimate messages-per-day 1500");
    a.message = None;
    a
}

#[test]
fn estimator_graded() {
    let mut a = with_progress();
    send(&mut a, [Action::OpenEstimator]);
    snap!("estimator_graded", a);
}

#[test]
fn estimator_in_an_interview_before_wrap_up() {
    let mut a = App::new(
        fixture::library_with_progress(),
        Keymap::defaults(),
        None,
        Vec::new(),
    );
    a.start_interview("mini-notify", Some(9)).unwrap();
    cmd(&mut a, "estimate peak-rps 8");
    send(
        &mut a,
        [Action::OpenEstimator, Action::MoveDown, Action::Confirm],
    );
    send(&mut a, fixture::typed("2.5k"));
    a.message = None;
    snap!("estimator_interview", a);
}

#[test]
fn stage_diff_a_year_later() {
    let mut a = with_progress();
    cmd(&mut a, "add kafka bus");
    cmd(&mut a, "link api bus async");
    cmd(&mut a, "stage scale");
    let design = fixture::reference();
    let report = napkin::engine::analyze(
        &design,
        &a.lib.catalog,
        a.pack(),
        &napkin::engine::AnalysisOptions {
            stage: Some(napkin::model::StageRef::Id("scale".into())),
            ..Default::default()
        },
    );
    send(
        &mut a,
        [Action::ReferenceLoaded(Ok(Box::new(strong_reference(
            design, report,
        ))))],
    );
    a.message = None;
    snap!("stage_diff", a);
}

#[test]
fn report_lists_the_level() {
    let mut a = with_progress();
    send(&mut a, [Action::ScreenReport, Action::Bottom]);
    snap!("report_level", a);
}

#[test]
fn home_with_progress_panel() {
    use napkin::io::history::{Attempt, AttemptScores};
    use napkin::model::level::Level;
    let mut a = App::new(
        fixture::library_with_progress(),
        Keymap::defaults(),
        Some(PathBuf::from("/home/me/.local/share/napkin/sessions")),
        Vec::new(),
    );
    let attempt =
        |id: &str, name: Option<&str>, at: u64, overall, resil, est, findings: &[&str]| Attempt {
            id: id.into(),
            scenario: "mini-notify".into(),
            name: name.map(str::to_string),
            at,
            mode: "interview".into(),
            stage: "launch".into(),
            level: Level::Senior,
            reached: (overall > 50).then_some(Level::Mid),
            scores: AttemptScores {
                overall,
                over_engineering: 100,
                resilience: resil,
                consistency: 70,
                capacity: 100,
                discovery: Some(60),
            },
            estimates: est,
            findings: findings.iter().map(|s| s.to_string()).collect(),
        };
    a.home.history = vec![
        attempt(
            "mini-notify-1",
            None,
            1_796_601_600,
            34,
            40,
            [1, 1, 2],
            &["single-point-of-failure", "missing-idempotency"],
        ),
        attempt(
            "mini-notify-2",
            Some("after the SPOF drill"),
            1_796_688_000,
            58,
            62,
            [2, 1, 0],
            &["single-point-of-failure"],
        ),
        attempt(
            "mini-notify-3",
            None,
            1_796_774_400,
            71,
            78,
            [3, 0, 0],
            &["missing-idempotency"],
        ),
    ];
    snap!("home_progress", a);
}

/// A session part-way through with the mentor view on: the reference read,
/// a note on the session and one on the first finding, compared with the
/// earlier attempt the home screen lists.
fn mentoring() -> App {
    let mut a = drawn();
    napkin::tui::mentor::enable(&mut a);
    let design = fixture::reference();
    let report = a.judge(&design);
    napkin::tui::mentor::reference_ready(&mut a, strong_reference(design, report));
    cmd(
        &mut a,
        "note session Asked about volume early; never asked about retries.",
    );
    cmd(&mut a, "note Ask what happens when db is down.");
    a.message = None;
    a
}

/// The mentor view: scores beside the reference's, the key questions not
/// yet asked, the hidden facts, the rubric, the findings with their notes
/// and the follow-ups with their model answers.
#[test]
fn mentor_view() {
    let a = mentoring();
    snap!("mentor_view", a);
    let text = render(&a, 120, 40, true).backend().to_string();
    assert!(text.contains("Mentor view"), "{text}");
    assert!(text.contains("Key questions not yet asked"), "{text}");
    assert!(text.contains("[noted]"), "{text}");
    assert!(text.contains("[x]"), "{text}");
    let tabs = render(&a, 120, 40, true).backend().to_string();
    assert!(tabs.contains("Mentor"), "{tabs}");
    // Hidden, nothing of it is on the screen.
    let mut hidden = a.clone();
    send(&mut hidden, [Action::ToggleMentor]);
    let text = render(&hidden, 120, 40, true).backend().to_string();
    assert!(!text.contains("Mentor"), "{text}");
    assert!(!text.contains("Hidden facts"), "{text}");
}

/// The mentor view scrolled to the follow-ups' model answers and the
/// changes since the earlier attempt.
#[test]
fn mentor_view_diff() {
    let mut a = mentoring();
    send(&mut a, [Action::PageDown, Action::PageDown]);
    a.message = None;
    snap!("mentor_diff", a);
    let text = render(&a, 120, 40, true).backend().to_string();
    assert!(text.contains("Changes since mini-notify-1"), "{text}");
    assert!(text.contains("Components removed"), "{text}");
}
