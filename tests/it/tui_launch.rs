//! Launching the app without a terminal: `prepare` lists sessions, reads
//! keys.yaml and opens the scenario or file, with the built-in library.

use napkin::io::Library;
use napkin::io::home::Home;
use napkin::tui::action::Action;
use napkin::tui::state::Screen;
use napkin::tui::update::{Effect, update};
use napkin::tui::{Launch, prepare};

fn home(dir: &std::path::Path) -> Home {
    Home::discover(Some(dir.to_path_buf())).expect("a home under NAPKIN_HOME")
}

fn lib() -> Library {
    Library::builtin().expect("built-in library")
}

#[test]
fn practice_starts_on_the_brief_with_a_session_file() {
    let dir = tempfile::tempdir().unwrap();
    let h = home(dir.path());
    let app = prepare(
        lib(),
        Some(&h),
        Launch::Practice("notification-system".into()),
    )
    .unwrap();
    assert_eq!(app.screen, Screen::Brief);
    let s = app.session.as_ref().unwrap();
    assert_eq!(
        s.path.as_deref(),
        Some(
            h.sessions()
                .join("notification-system-1.napkin.yaml")
                .as_path()
        )
    );
    assert!(app.warnings.is_empty(), "{:?}", app.warnings);
}

#[test]
fn unknown_scenario_is_an_error_before_the_screen_changes() {
    let err = prepare(lib(), None, Launch::Practice("notifcation-system".into())).unwrap_err();
    assert!(
        err.to_string()
            .contains("did you mean `notification-system`"),
        "{err}"
    );
}

#[test]
fn sessions_are_listed_and_new_ones_get_the_next_number() {
    let dir = tempfile::tempdir().unwrap();
    let h = home(dir.path());
    std::fs::create_dir_all(h.sessions()).unwrap();
    let text = napkin::io::assets::SCENARIOS
        .get_file("notification-system/designs/strong.napkin.yaml")
        .and_then(|f| f.contents_utf8())
        .unwrap();
    std::fs::write(h.sessions().join("notification-system-1.napkin.yaml"), text).unwrap();
    std::fs::write(
        h.sessions().join("notification-system-2.napkin.yaml"),
        "napkin: [",
    )
    .unwrap();
    let mut app = prepare(lib(), Some(&h), Launch::Home).unwrap();
    assert_eq!(app.home.sessions.len(), 1);
    assert!(app.home.sessions[0].score.is_some_and(|s| s > 50));
    assert_eq!(
        app.warnings.len(),
        1,
        "the broken file is reported: {:?}",
        app.warnings
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("1 problem"))
    );
    // Both names are taken, loaded or not.
    assert_eq!(
        app.next_session_path("notification-system"),
        Some(h.sessions().join("notification-system-3.napkin.yaml"))
    );
    // Resume it from the sessions pane.
    update(&mut app, Action::NextPane);
    update(&mut app, Action::Confirm);
    assert_eq!(app.screen, Screen::Brief);
    assert_eq!(app.session.as_ref().unwrap().design.components.len(), 9);
}

#[test]
fn open_edits_a_file_in_place_and_creates_missing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("idea.napkin.yaml");
    let mut app = prepare(lib(), None, Launch::Open(file.clone())).unwrap();
    assert_eq!(app.screen, Screen::Design);
    assert_eq!(app.session.as_ref().unwrap().design.name, "idea");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("written on the first edit")
    );
    for c in ":add postgres db".chars().map(Action::Input) {
        if c == Action::Input(':') {
            update(&mut app, Action::CommandLine);
        } else {
            update(&mut app, c);
        }
    }
    update(&mut app, Action::Confirm);
    let fx = update(&mut app, Action::Tick(1));
    let [
        Effect::Write {
            path,
            text,
            autosave: true,
            ..
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(path, &file);
    assert!(text.contains("kind: postgres"));
    // An invalid file is an error with its place.
    std::fs::write(
        &file,
        "napkin: 1\ncomponents:\n  - { id: a, kind: kafak }\n",
    )
    .unwrap();
    let err = prepare(lib(), None, Launch::Open(file)).unwrap_err();
    assert!(err.to_string().contains("kafak"), "{err}");
}

#[test]
fn keys_yaml_overrides_apply_and_mistakes_stop_the_launch() {
    let dir = tempfile::tempdir().unwrap();
    let h = home(dir.path());
    std::fs::write(h.keys(), "add-component: n\nx-mine: kept for me\n").unwrap();
    let app = prepare(lib(), Some(&h), Launch::Home).unwrap();
    assert_eq!(
        app.keys.first_key(&Action::AddComponent).as_deref(),
        Some("n")
    );
    assert!(app.warnings.is_empty(), "{:?}", app.warnings);
    std::fs::write(h.keys(), "add-component: n\nteleprot: x\n").unwrap();
    let Err(err) = prepare(lib(), Some(&h), Launch::Home) else {
        panic!("an unknown action stops the launch");
    };
    let text = err.to_string();
    assert!(
        text.contains("keys.yaml:2:1: error: unknown action `teleprot`"),
        "{text}"
    );
}

#[test]
fn without_a_home_autosave_is_off_and_says_so() {
    let app = prepare(lib(), None, Launch::Practice("coffee-ordering".into())).unwrap();
    assert!(app.session.as_ref().unwrap().path.is_none());
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("autosave is off")
    );
}

#[cfg(unix)]
#[test]
fn opening_a_read_only_file_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("locked.napkin.yaml");
    std::fs::write(
        &file,
        "napkin: 1\nname: locked\ncomponents: [{ id: db, kind: postgres }]\n",
    )
    .unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let app = prepare(lib(), None, Launch::Open(file.clone())).unwrap();
    let msg = &app.message.as_ref().expect("a message").text;
    assert!(msg.contains("read-only"), "{msg}");
}

/// A hand-written file keeps its shape: `napkin open` on a commented file,
/// each kind of edit, saved by the real dispatcher; every comment, the key
/// order, the flow-style maps and the anchor outside the edits stay as
/// written, the first save keeps a `.bak` of the original, and every save
/// reads back as the design in the app.
#[test]
fn a_hand_written_file_keeps_its_comments_and_a_backup() {
    use napkin::tui::terminal::{Outcome, dispatch};
    const HAND: &str = "# Orders, as they run today.\nname: Orders   # the public name\nnapkin: 1\n\nx-owner: payments\ncontext:\n  load: { users: 20000, peak_rps: 40 }   # March's dashboards\n\ncomponents:\n  # The browser.\n  - { id: web, kind: web-client }\n  - id: api\n    kind: app-server\n    replicas: 2    # two since the outage\n  # Orders live here.\n  - id: db\n    kind: postgres\n    props: &pg { failover: automatic }\n    x-ticket: OPS-1\n\nlinks:\n  - { from: web, to: api }   # HTTPS\n  - { from: api, to: db }\n# end of file\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("orders.napkin.yaml");
    std::fs::write(&file, HAND).unwrap();
    let mut app = prepare(lib(), None, Launch::Open(file.clone())).unwrap();
    let mut outcome = Outcome::default();
    let mut now = 10;
    let mut run = |app: &mut napkin::tui::state::App, line: &str| {
        let mut acts = vec![Action::CommandLine];
        acts.extend(line.chars().map(Action::Input));
        acts.push(Action::Confirm);
        for a in acts {
            dispatch(app, a, &mut outcome);
        }
        now += 10;
        dispatch(app, Action::Tick(now), &mut outcome);
        let text = std::fs::read_to_string(&file).unwrap();
        let read = napkin::io::load::design_from_text(&text).expect("reads back");
        assert_eq!(
            &read,
            &app.session.as_ref().unwrap().design,
            "{line}:\n{text}"
        );
        text
    };
    let keep = [
        "# Orders, as they run today.\nname: Orders   # the public name\nnapkin: 1\n",
        "x-owner: payments\n",
        "  # The browser.\n  - { id: web, kind: web-client }\n",
        "  # Orders live here.\n  - id: db\n    kind: postgres\n    props: &pg { failover: automatic }\n    x-ticket: OPS-1\n",
    ];
    // Each kind of edit the app makes, one save each.
    for line in [
        ":replicas api 3",
        ":add redis cache",
        ":link api cache",
        ":set api label Orders API",
        ":context budget 800",
        ":rename cache session-cache",
    ] {
        let text = run(&mut app, line);
        for k in keep {
            assert!(text.contains(k), "{line} lost {k:?}:\n{text}");
        }
        // A context edit touches only its figure's line.
        assert!(
            text.contains("  load: { users: 20000, peak_rps: 40 }   # March's dashboards\n"),
            "{line}:\n{text}"
        );
    }
    let text = run(&mut app, ":unlink web api");
    assert!(!text.contains("{ from: web, to: api }"), "{text}");
    assert!(
        text.ends_with("# end of file\n") || text.contains("# end of file\n"),
        "{text}"
    );
    // The original is kept once, beside the file.
    let bak = dir.path().join("orders.napkin.yaml.bak");
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), HAND);
    assert!(!dir.path().join("orders.napkin.yaml.bak-2").exists());
    // An edit inside the anchored component rewrites the file whole, still
    // reading back as the design.
    let text = run(&mut app, ":set db failover manual");
    assert!(text.contains("failover: manual"), "{text}");
    assert!(outcome.saved.contains(&bak), "{:?}", outcome.saved);
}

/// A review's context keeps its shape through the context screen: each
/// kind of figure edit (change, add, clear), made by keys and saved by the
/// real dispatcher, changes only the lines of the figures it touches.
#[test]
fn context_edits_change_only_their_lines() {
    use napkin::tui::terminal::{Outcome, dispatch};
    const HAND: &str = "# Invoices, as they run today.\nnapkin: 1\nname: Invoices\ncontext:\n  # From the March dashboards.\n  load:\n    users: 20000        # monthly actives\n    peak_rps: 40        # the worst minute\n  team: { engineers: 3 }   # platform team only\n  # Finance signed this off.\n  budget_usd_per_month: 800\n  availability: 99.9    # the SLA we sell\ncomponents:\n  - { id: web, kind: web-client }\n  - { id: api, kind: app-server }   # one box\nlinks:\n  - { from: web, to: api }\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("invoices.napkin.yaml");
    std::fs::write(&file, HAND).unwrap();
    let mut app = prepare(lib(), None, Launch::Open(file.clone())).unwrap();
    let mut outcome = Outcome::default();
    let mut now = 10;
    // On the context screen: select a figure, type its value, save.
    let mut edit = |app: &mut napkin::tui::state::App, row: usize, acts: Vec<Action>| {
        let mut all = vec![Action::EditContext, Action::Top];
        all.extend(std::iter::repeat_n(Action::MoveDown, row));
        all.extend(acts);
        all.push(Action::Cancel);
        for a in all {
            dispatch(app, a, &mut outcome);
        }
        assert_eq!(app.overlay, napkin::tui::state::Overlay::None);
        now += 10;
        dispatch(app, Action::Tick(now), &mut outcome);
        let text = std::fs::read_to_string(&file).unwrap();
        let read = napkin::io::load::design_from_text(&text).expect("reads back");
        assert_eq!(&read, &app.session.as_ref().unwrap().design, "{text}");
        text
    };
    let typed = |s: &str| {
        let mut v = vec![Action::Confirm, Action::ClearLine];
        v.extend(s.chars().map(Action::Input));
        v.push(Action::Confirm);
        v
    };
    // Change: users (row 0).
    let text = edit(&mut app, 0, typed("50,000"));
    let mut want = HAND.replace("    users: 20000 ", "    users: 50000 ");
    assert_eq!(text, want);
    // Add: write_rps (row 2), after peak_rps.
    let text = edit(&mut app, 2, typed("5"));
    want = want.replace(
        "# the worst minute\n",
        "# the worst minute\n    write_rps: 5\n",
    );
    assert_eq!(text, want);
    // Clear: availability (row 8), by the delete key.
    let text = edit(&mut app, 8, vec![Action::Delete]);
    want = want.replace("  availability: 99.9    # the SLA we sell\n", "");
    assert_eq!(text, want);
    // Undo puts the line back as napkin writes it, comment gone with the value.
    dispatch(&mut app, Action::Undo, &mut outcome);
    now += 10;
    dispatch(&mut app, Action::Tick(now), &mut outcome);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("  availability: 99.9\n"), "{text}");
    assert!(
        text.contains("  # Finance signed this off.\n  budget_usd_per_month: 800\n"),
        "{text}"
    );
    // The original is kept beside it.
    let bak = dir.path().join("invoices.napkin.yaml.bak");
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), HAND);
}

/// `napkin open` reads and checks the file, then hands the app the design
/// it parsed: the app opens it as read, without parsing it again.
#[test]
fn a_design_read_by_the_caller_opens_as_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("read.napkin.yaml");
    let text = "napkin: 1\nname: read once\ncomponents:\n  - { id: db, kind: postgres }\n";
    std::fs::write(&file, text).unwrap();
    let design = napkin::io::load::load_design_str(text, "read.napkin.yaml", &lib())
        .unwrap()
        .design;
    let app = prepare(
        lib(),
        None,
        Launch::Loaded(file.clone(), Box::new(design), text.to_string()),
    )
    .unwrap();
    let s = app.session.as_ref().unwrap();
    assert_eq!(s.design.name, "read once");
    assert_eq!(s.path.as_deref(), Some(file.as_path()));
    assert!(s.on_disk);
    assert_eq!(s.source.as_deref(), Some(text));
}

/// An app on a 120x40 terminal with `d` open and its diagram shown.
fn diagram_shown(d: napkin::model::Design) -> napkin::tui::state::App {
    let mut app = napkin::tui::state::App::new(
        lib(),
        napkin::tui::keys::Keymap::defaults(),
        None,
        Vec::new(),
    );
    app.term_size = (120, 40);
    app.open_design(d, None);
    update(&mut app, Action::ToggleDiagram);
    app
}

/// A design of one component more than the diagram draws box by box,
/// `svc-0`, `svc-1`, ... of the kinds `kind(i)` gives.
fn one_more_than_drawn(kind: impl Fn(usize) -> String) -> napkin::model::Design {
    use napkin::model::{Component, Design};
    let mut d = Design {
        name: "many".into(),
        ..Design::default()
    };
    for i in 0..=napkin::tui::diagram_state::MAX_DRAWN {
        d.components
            .push(Component::new(format!("svc-{i}"), kind(i)));
    }
    d
}

/// Above the diagram's limit the pane draws the design folded by kind (a
/// 10,000-component layout once froze the app for minutes): one box per
/// kind, the selection's box highlighted, and the title says so.
#[test]
fn a_design_too_large_to_draw_is_drawn_by_kind() {
    use napkin::model::{Component, Design, Link, LinkMode};
    use napkin::tui::diagram_state::MAX_DRAWN;
    let mut d = Design {
        name: "many".into(),
        ..Design::default()
    };
    d.components.push(Component::new("web", "web-client"));
    d.components.push(Component::new("db", "postgres"));
    for i in 0..MAX_DRAWN {
        let id = format!("svc-{i}");
        d.components.push(Component::new(id.clone(), "app-server"));
        d.links.push(Link::new("web", id.clone(), LinkMode::Sync));
        d.links.push(Link::new(id, "db", LinkMode::Sync));
    }
    let app = diagram_shown(d);
    assert!(app.session.as_ref().unwrap().diagram.shown);
    let text = napkin::tui::fixture::screen(&app);
    assert!(text.contains("by kind, 502 components"), "{text}");
    assert!(text.contains("app-server x500"), "{text}");
    assert!(text.contains("500 links"), "{text}");
    assert!(!text.contains("too many to draw"), "{text}");
    let s = app.session.as_ref().unwrap();
    let fold = s
        .diagram
        .fold(&s.design, &app.lib.catalog, &s.report.flows)
        .expect("folded");
    assert_eq!(fold.design.components.len(), 3);
    // The selection is drawn as its kind's box.
    let selected = app.selected_component().map(str::to_string);
    let highlight = napkin::tui::diagram_state::highlight(&app);
    let expected = selected.as_deref().map(|id| fold.box_of(id).to_string());
    assert_eq!(highlight.into_iter().next(), expected);
}

/// Keys never lay a design out, folded or not: a hidden diagram is never
/// laid out, and a shown one only when a frame draws it.
#[test]
fn keys_do_not_lay_out_a_design_too_large_to_draw() {
    let mut app = diagram_shown(one_more_than_drawn(|_| "app-server".into()));
    update(&mut app, Action::ToggleDiagram);
    let cached = |a: &napkin::tui::state::App| a.session.as_ref().unwrap().diagram.is_cached();
    for action in [Action::MoveDown, Action::ReplicasUp, Action::MoveDown] {
        let name = format!("{action:?}");
        update(&mut app, action);
        napkin::tui::fixture::screen(&app);
        assert!(!cached(&app), "hidden, laid out after {name}");
    }
    update(&mut app, Action::ToggleDiagram);
    napkin::tui::fixture::screen(&app);
    assert!(cached(&app), "drawn");
    // The edit drops the layout; the next key (which re-centres on the
    // selection) must not build it again: only the frame does.
    update(&mut app, Action::ReplicasUp);
    update(&mut app, Action::MoveDown);
    assert!(!cached(&app), "laid out by a key");
    napkin::tui::fixture::screen(&app);
    assert!(cached(&app), "drawn again");
}

/// With more kinds than the diagram draws boxes, even the fold is too
/// large: the pane says what is there and how to get a picture, and lays
/// nothing out.
#[test]
fn a_design_of_too_many_kinds_shows_a_summary() {
    let mut app = diagram_shown(one_more_than_drawn(|i| format!("kind-{i}")));
    let text = napkin::tui::fixture::screen(&app);
    assert!(text.contains("501 components of 501 kinds"), "{text}");
    assert!(text.contains("too many to draw"), "{text}");
    update(&mut app, Action::PanDown);
    let msg = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(msg.contains("too large to draw"), "{msg:?}");
}

/// `napkin practice ID --mentor`: the mentor view shows at once with the
/// pack's reference read and judged, compared with the earlier attempt in
/// the sessions folder; `--interview --mentor` starts with it hidden.
#[test]
fn mentor_launch_reads_the_reference_and_the_earlier_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let h = home(dir.path());
    std::fs::create_dir_all(h.sessions()).unwrap();
    let earlier = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mentor/ticket-booking-1.napkin.yaml");
    std::fs::copy(&earlier, h.sessions().join("ticket-booking-1.napkin.yaml")).unwrap();
    let mut app = prepare(lib(), Some(&h), Launch::Practice("ticket-booking".into())).unwrap();
    napkin::tui::with_mentor(&mut app);
    assert_eq!(app.screen, Screen::Mentor);
    let s = app.session.as_ref().unwrap();
    let r = s.report_view.reference.as_ref().expect("reference read");
    assert!(r.report.scores.overall > 0);
    assert!(!s.report_view.show_reference);
    let m = app.mentor.as_ref().unwrap();
    assert_eq!(
        m.against.as_ref().map(|a| a.name.as_str()),
        Some("first try (ticket-booking-1)")
    );

    let mut app = prepare(
        lib(),
        Some(&h),
        Launch::Interview("ticket-booking".into(), None),
    )
    .unwrap();
    napkin::tui::with_mentor(&mut app);
    assert_eq!(app.screen, Screen::Brief, "hidden until M");
    update(&mut app, Action::ToggleMentor);
    assert_eq!(app.screen, Screen::Mentor);
}
