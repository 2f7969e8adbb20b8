//! `:export FORMAT [FILE]`: the effect it returns, default file names,
//! errors and completion.

use super::*;
use crate::io::export::ExportFormat;
use crate::tui::update::export::{default_file, export_title, file_stem};

fn write_of(fx: &[Effect]) -> (&PathBuf, &String, bool) {
    match fx {
        [
            Effect::Write {
                path,
                text,
                autosave,
                ..
            },
        ] => (path, text, *autosave),
        other => panic!("expected one write, got {other:?}"),
    }
}

#[test]
fn export_returns_a_write_of_the_rendered_design() {
    let mut a = drawn();
    let fx = cmd(&mut a, "export mermaid out/design.mmd");
    let (path, text, autosave) = write_of(&fx);
    assert_eq!(path, &PathBuf::from("out/design.mmd"));
    assert!(text.starts_with("flowchart"), "{text}");
    assert!(text.contains("web") && text.contains("db"), "{text}");
    assert!(!autosave, "an export is not the session's file");
    assert!(info(&a).contains("exporting mermaid to out/design.mmd"));
    // The runtime answers; the status line says where it went.
    send(
        &mut a,
        [Action::Saved {
            path: path.clone(),
            error: None,
            autosave: false,
        }],
    );
    assert_eq!(info(&a), "wrote out/design.mmd");
    assert!(
        !a.session.as_ref().unwrap().on_disk,
        "the session file is not the export"
    );
    send(
        &mut a,
        [Action::Saved {
            path: PathBuf::from("/nope/x.svg"),
            error: Some("permission denied".into()),
            autosave: false,
        }],
    );
    assert_eq!(err(&a), "could not write /nope/x.svg: permission denied");
}

#[test]
fn every_format_renders_with_its_default_file() {
    let mut a = drawn();
    for (format, file, starts) in [
        (
            "mermaid",
            "practice-notifications-for-a-small-shop.mmd",
            "flowchart",
        ),
        (
            "dot",
            "practice-notifications-for-a-small-shop.dot",
            "digraph",
        ),
        ("svg", "practice-notifications-for-a-small-shop.svg", "<svg"),
        ("md", "practice-notifications-for-a-small-shop.md", "# "),
    ] {
        let fx = cmd(&mut a, &format!("export {format}"));
        let (path, text, _) = write_of(&fx);
        assert_eq!(path, &PathBuf::from(file), "{format}");
        assert!(
            text.trim_start().starts_with(starts),
            "{format}: {}",
            text.lines().next().unwrap_or_default()
        );
    }
    // The markdown debrief is titled after the design.
    let fx = cmd(&mut a, "export markdown");
    let (_, text, _) = write_of(&fx);
    assert!(
        text.contains("Practice: Notifications for a small shop"),
        "{text}"
    );
}

#[test]
fn default_file_names_are_safe_slugs() {
    let mut d = Design {
        name: "Practice: Notifications for a small shop".into(),
        ..Design::default()
    };
    assert_eq!(file_stem(&d), "practice-notifications-for-a-small-shop");
    d.name = "  Café ☕ orders / v2 ".into();
    assert_eq!(file_stem(&d), "caf-orders-v2");
    d.name = "../../etc/passwd".into();
    assert_eq!(file_stem(&d), "etc-passwd");
    d.name = "x".repeat(300);
    assert_eq!(file_stem(&d).len(), 60);
    d.name = "☕".into();
    d.scenario = Some("mini-notify".into());
    assert_eq!(file_stem(&d), "mini-notify");
    assert_eq!(
        default_file(&d, ExportFormat::Markdown),
        PathBuf::from("mini-notify.md")
    );
    d.scenario = None;
    assert_eq!(file_stem(&d), "design");
    assert_eq!(export_title(&d), "☕");
    d.name = String::new();
    assert_eq!(export_title(&d), "design");
}

#[test]
fn export_errors_are_clear() {
    let mut a = drawn();
    let fx = cmd(&mut a, "export png");
    assert!(fx.is_empty());
    let e = err(&a);
    assert!(e.contains("unknown format `png`"), "{e}");
    assert!(e.contains("mermaid, dot, svg or markdown"), "{e}");
    assert!(cmd(&mut a, "export").is_empty());
    assert_eq!(err(&a), "missing arguments: :export FORMAT [FILE]");
    assert!(cmd(&mut a, "export svg a.svg b.svg").is_empty());
    assert!(err(&a).contains("too many arguments"));
    // Never over the session's own file.
    let own = a.session.as_ref().unwrap().path.clone().unwrap();
    let fx = cmd(&mut a, &format!("export mermaid {}", own.display()));
    assert!(fx.is_empty());
    assert!(err(&a).contains("this session's own file"), "{}", err(&a));
    // Nothing to export before a session starts.
    let mut home = app();
    assert!(cmd(&mut home, "export mermaid x.mmd").is_empty());
    assert!(err(&home).contains("open a scenario"));
}

#[test]
fn export_completes_formats() {
    let mut a = drawn();
    send(&mut a, [Action::CommandLine]);
    send(&mut a, typed("exp"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "export ");
    send(&mut a, [Action::NextPane]);
    let cl = a.cmdline.as_ref().unwrap();
    assert_eq!(cl.text, "export mermaid");
    let c = cl.completion.as_ref().unwrap();
    assert_eq!(c.candidates, ["mermaid", "dot", "svg", "markdown"]);
    send(&mut a, [Action::NextPane, Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "export svg");
    send(&mut a, [Action::ClearLine]);
    send(&mut a, typed("export ma"));
    send(&mut a, [Action::NextPane]);
    assert_eq!(a.cmdline.as_ref().unwrap().text, "export markdown ");
    send(&mut a, typed("notes.md"));
    let fx = send(&mut a, [Action::Confirm]);
    assert_eq!(write_of(&fx).0, &PathBuf::from("notes.md"));
}
