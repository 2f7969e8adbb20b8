//! Mouse clicks, checked against what the view actually draws: the test
//! finds a label on the rendered screen and clicks on it.

use super::*;
use crate::tui::view::View;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

const W: u16 = 100;
const H: u16 = 30;

fn sized(mut a: App) -> App {
    update(
        &mut a,
        Action::Resize {
            width: W,
            height: H,
        },
    );
    a
}

/// The cell where `text` first appears on screen, drawn as the app looks now.
fn find(a: &App, text: &str) -> (u16, u16) {
    let area = Rect::new(0, 0, W, H);
    let mut buf = Buffer::empty(area);
    (&View::new(a, false)).render(area, &mut buf);
    for y in 0..H {
        let cells: Vec<&str> = (0..W).map(|x| buf[(x, y)].symbol()).collect();
        let line: String = cells.concat();
        if let Some(byte) = line.find(text) {
            let col = line[..byte].chars().count() as u16;
            return (col, y);
        }
    }
    panic!("`{text}` is not on screen");
}

fn click_on(a: &mut App, text: &str) -> Vec<Effect> {
    let (x, y) = find(a, text);
    update(a, Action::Click { x: x + 1, y })
}

#[test]
fn clicking_a_tab_switches_screens() {
    let mut a = sized(practice());
    assert_eq!(a.screen, Screen::Brief);
    click_on(&mut a, "3 Decisions");
    assert_eq!(a.screen, Screen::Decisions);
    click_on(&mut a, "4 Report");
    assert_eq!(a.screen, Screen::Report);
    click_on(&mut a, "1 Brief");
    assert_eq!(a.screen, Screen::Brief);
}

#[test]
fn clicking_a_scenario_selects_it_and_a_second_click_opens_it() {
    let lib = crate::io::Library::builtin().unwrap();
    let mut a = sized(App::new(
        lib,
        Keymap::defaults(),
        Some(PathBuf::from("/tmp/napkin-sessions")),
        Vec::new(),
    ));
    assert!(a.home.matches.len() > 1);
    let last = a.home.matches.len() - 1;
    let id = a.lib.packs()[a.home.matches[last].index].pack.id.clone();
    click_on(&mut a, &id);
    assert_eq!(a.home.selected, last);
    assert!(a.session.is_none(), "one click only selects");
    click_on(&mut a, &id);
    let s = a
        .session
        .as_ref()
        .expect("a second click opens the scenario");
    assert_eq!(s.design.scenario.as_deref(), Some(id.as_str()));
}

#[test]
fn clicking_a_question_selects_it_and_a_second_click_asks_it() {
    let mut a = sized(practice());
    let q = a.pack().unwrap().questions[2].clone();
    let words: String = q.ask.chars().take(12).collect();
    click_on(&mut a, &words);
    assert_eq!(a.session.as_ref().unwrap().brief.question_sel, 2);
    assert!(design(&a).asked.is_empty());
    click_on(&mut a, &words);
    assert_eq!(design(&a).asked, [q.id]);
}

#[test]
fn clicking_a_component_selects_it() {
    let mut a = sized(practice());
    cmd(
        &mut a,
        "add web-client web ; add app-server api ; add postgres db",
    );
    send(&mut a, [Action::ScreenDesign]);
    click_on(&mut a, "api ");
    let s = a.session.as_ref().unwrap();
    assert_eq!(s.editor.comp_sel, 1);
    assert_eq!(s.editor.focus, Pane::Components);
    click_on(&mut a, "web ");
    assert_eq!(a.session.as_ref().unwrap().editor.comp_sel, 0);
}

#[test]
fn clicks_are_ignored_while_the_command_line_is_open_and_off_target() {
    let mut a = sized(practice());
    let at = find(&a, "3 Decisions");
    send(&mut a, [Action::CommandLine]);
    update(
        &mut a,
        Action::Click {
            x: at.0 + 1,
            y: at.1,
        },
    );
    assert_eq!(a.screen, Screen::Brief);
    assert!(a.cmdline.is_some());
    send(&mut a, [Action::Cancel]);
    // The score bar and the footer are not targets.
    update(&mut a, Action::Click { x: 5, y: 1 });
    update(&mut a, Action::Click { x: 5, y: H - 1 });
    assert_eq!(a.screen, Screen::Brief);
    // A window too small to draw has no targets.
    update(
        &mut a,
        Action::Resize {
            width: 20,
            height: 5,
        },
    );
    update(&mut a, Action::Click { x: 1, y: 0 });
    assert_eq!(a.screen, Screen::Brief);
}

#[test]
fn the_wheel_scrolls_the_facts_under_the_pointer_and_moves_the_list_elsewhere() {
    let mut a = sized(practice());
    assert_eq!(a.screen, Screen::Brief);
    let (x, y) = find(&a, "Facts (newest first)");
    // Below the title, inside the pane.
    update(
        &mut a,
        Action::Wheel {
            x: x + 1,
            y: y + 2,
            down: true,
        },
    );
    update(
        &mut a,
        Action::Wheel {
            x: x + 1,
            y: y + 2,
            down: true,
        },
    );
    let b = &a.session.as_ref().unwrap().brief;
    assert_eq!((b.facts_scroll, b.question_sel), (6, 0));
    update(
        &mut a,
        Action::Wheel {
            x: x + 1,
            y: y + 2,
            down: false,
        },
    );
    assert_eq!(a.session.as_ref().unwrap().brief.facts_scroll, 3);
    // Over the question list the wheel moves the selection.
    let (qx, qy) = find(&a, "Questions (");
    update(
        &mut a,
        Action::Wheel {
            x: qx,
            y: qy + 2,
            down: true,
        },
    );
    let b = &a.session.as_ref().unwrap().brief;
    assert_eq!((b.facts_scroll, b.question_sel), (3, 1));
}
