//! Exports: Mermaid checked against flowchart syntax rules, DOT through the
//! real `dot -Tsvg`, SVG parsed as XML, the Markdown debrief's sections, and
//! hostile text escaped in every format.

use crate::layout_fixtures::{catalog, comp, design, notifications, references};
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::Library;
use napkin::io::export::{ExportFormat, Subject, dot, export, markdown, svg};
use napkin::model::{Catalog, Design, Pack};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// Exports `d` in `format` against `cat` and `pack`.
fn run(format: ExportFormat, d: &Design, cat: &Catalog, pack: Option<&Pack>) -> String {
    let report = analyze(d, cat, pack, &AnalysisOptions::default());
    let name = if d.name.is_empty() {
        "design"
    } else {
        d.name.as_str()
    };
    export(
        format,
        &Subject {
            design: d,
            catalog: cat,
            pack,
            report: &report,
            name,
        },
    )
}

/// A design whose every text tries to break out of its format.
fn hostile() -> Design {
    let mut d = design(
        "<script>alert(1)</script> \"quoted\" & `ticked` {braces}",
        vec![
            comp("end", "web-client", 1),
            comp("a-b", "app-server", 2),
            comp("a_b", "postgres", 1),
            comp("x", "kafka", 3),
        ],
        &[
            ("end", "a-b", false),
            ("a-b", "a_b", false),
            ("a-b", "x", true),
        ],
    );
    d.components[1].label = Some(
        "api\"]) --> evil[\"pwn <b>bold</b> \\N #35; | ; `x` [link](javascript:alert(1))".into(),
    );
    d.components[2].kind = "post\"gres\\".into();
    d.components[3].label = Some("数据 \u{1b}[31mred\u{7} ]]> --".into());
    d.links[0].label = Some("orders\"| evil --> x <b>".into());
    d.links[2].label = Some("\u{1b}[31m日志 & events\u{fffe}\u{ffff}".into());
    d.notes.insert(
        "x".into(),
        "<img src=x onerror=alert(1)> [click](javascript:x) | table |".into(),
    );
    d
}

// ---------------------------------------------------------------- mermaid

/// Checks a Mermaid flowchart against the syntax GitHub's renderer accepts:
/// a `flowchart LR` header, node declarations `id["label"]` (or the stadium
/// `(["…"])`, cylinder `[("…")]` and subroutine `[["…"]]` shapes), edges
/// `a --> b` / `a -.-> b` between declared ids, and `classDef` / `class`
/// lines. Labels may hold entity codes (`#quot;`) and `<br/>`, never a raw
/// quote, bracket, parenthesis, brace, angle bracket, pipe or semicolon.
fn validate_mermaid(text: &str) -> Result<(), String> {
    let mut lines = text.lines();
    if lines.next() != Some("flowchart LR") {
        return Err("first line must be `flowchart LR`".into());
    }
    let reserved = [
        "end",
        "graph",
        "subgraph",
        "flowchart",
        "class",
        "classdef",
        "style",
        "click",
        "default",
    ];
    let is_id = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !reserved.contains(&s.to_ascii_lowercase().as_str())
    };
    let mut declared: BTreeSet<String> = BTreeSet::new();
    let mut classes: BTreeSet<String> = BTreeSet::new();
    for (n, raw) in text.lines().enumerate().skip(1) {
        let at = |msg: &str| format!("line {}: {msg}: {raw}", n + 1);
        let Some(line) = raw.strip_prefix("  ") else {
            return Err(at("statements are indented by two spaces"));
        };
        if let Some(rest) = line.strip_prefix("classDef ") {
            let (name, style) = rest
                .split_once(' ')
                .ok_or_else(|| at("classDef NAME STYLES"))?;
            let ok = is_id(name)
                && style.split(',').all(|kv| {
                    kv.split_once(':').is_some_and(|(k, v)| {
                        !k.is_empty() && !v.is_empty() && !kv.contains([';', ' ', '"'])
                    })
                });
            if !ok {
                return Err(at("bad classDef"));
            }
            classes.insert(name.to_string());
        } else if let Some(rest) = line.strip_prefix("class ") {
            let (ids, name) = rest.rsplit_once(' ').ok_or_else(|| at("class IDS NAME"))?;
            if !classes.contains(name) {
                return Err(at("class used before classDef"));
            }
            if !ids.split(',').all(|id| declared.contains(id)) {
                return Err(at("class names an undeclared node"));
            }
        } else if line.contains(" --> ")
            || line.contains(" -.-> ")
            || line.contains(" -->|")
            || line.contains(" -.->|")
        {
            // `a --> b`, or with a label `a -->|"text"| b`.
            let (a, rest) = line.split_once(' ').ok_or_else(|| at("edge"))?;
            let (arrow, b) = rest.rsplit_once(' ').ok_or_else(|| at("edge"))?;
            let (arrow, label) = match arrow.split_once('|') {
                Some((arr, lab)) => (arr, Some(lab)),
                None => (arrow, None),
            };
            let label_ok = label.is_none_or(|l| {
                l.strip_prefix('"')
                    .and_then(|l| l.strip_suffix("\"|"))
                    .is_some_and(|t| {
                        !strip_entities(t)
                            .contains(['"', '[', ']', '(', ')', '{', '}', '<', '>', '|', ';', '`'])
                    })
            });
            let ok = matches!(arrow, "-->" | "-.->")
                && label_ok
                && declared.contains(a)
                && declared.contains(b);
            if !ok {
                return Err(at(
                    "edges are `a --> b` or `a -.->|\"label\"| b` between declared nodes",
                ));
            }
        } else {
            let id_end = line
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .ok_or_else(|| at("node needs a label"))?;
            let (id, shape) = line.split_at(id_end);
            if !is_id(id) {
                return Err(at("node ids are [A-Za-z0-9_] and not a keyword"));
            }
            let shapes = [
                ("[\"", "\"]"),
                ("([\"", "\"])"),
                ("[(\"", "\")]"),
                ("[[\"", "\"]]"),
            ];
            let label = shapes
                .iter()
                .find_map(|(o, c)| shape.strip_prefix(o).and_then(|s| s.strip_suffix(c)))
                .ok_or_else(|| at("node shape"))?;
            let bare = label.replace("<br/>", "");
            if bare.contains(['"', '[', ']', '(', ')', '{', '}', '<', '>', '|', ';', '`']) {
                // `;` is allowed only as the end of an entity code.
                let without_entities = strip_entities(&bare);
                if without_entities
                    .contains(['"', '[', ']', '(', ')', '{', '}', '<', '>', '|', ';', '`'])
                {
                    return Err(at("unescaped character in a label"));
                }
            }
            if !declared.insert(id.to_string()) {
                return Err(at("node declared twice"));
            }
        }
    }
    Ok(())
}

/// Removes `#name;` and `#123;` entity codes.
fn strip_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        match tail.find(';') {
            Some(j) if j > 0 && tail[..j].chars().all(|c| c.is_ascii_alphanumeric()) => {
                rest = &tail[j + 1..]
            }
            _ => {
                out.push('#');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn mermaid_validator_rejects_bad_charts() {
    assert!(validate_mermaid("graph TD\n").is_err());
    assert!(
        validate_mermaid("flowchart LR\n  a[\"x\"]\n  a --> b\n").is_err(),
        "undeclared target"
    );
    assert!(
        validate_mermaid("flowchart LR\n  a[\"x\"y\"]\n").is_err(),
        "raw quote"
    );
    assert!(
        validate_mermaid("flowchart LR\n  end[\"x\"]\n").is_err(),
        "keyword id"
    );
    assert!(
        validate_mermaid("flowchart LR\n  a[\"x #quot; <br/> y\"]\n  b[(\"db\")]\n  a -.-> b\n")
            .is_ok()
    );
}

#[test]
fn mermaid_of_every_reference_design_is_valid() {
    let lib = Library::builtin().expect("library");
    for (name, pack, d) in references() {
        let text = run(
            ExportFormat::Mermaid,
            &d,
            &lib.catalog,
            lib.pack(&pack).map(|p| &p.pack),
        );
        validate_mermaid(&text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        assert_eq!(
            text.matches(" --> ").count() + text.matches(" -.-> ").count(),
            d.links.len(),
            "{name}"
        );
    }
}

#[test]
fn mermaid_escapes_hostile_text_and_styles_spofs() {
    let text = run(ExportFormat::Mermaid, &hostile(), &catalog(), None);
    validate_mermaid(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(text.contains("n_end"), "keyword id renamed: {text}");
    assert!(text.contains("a_b_2"), "ids stay unique: {text}");
    let ok = run(ExportFormat::Mermaid, &notifications(), &catalog(), None);
    validate_mermaid(&ok).unwrap_or_else(|e| panic!("{e}\n{ok}"));
    assert!(
        ok.contains("classDef spof") && ok.contains("  class ") && ok.contains("db"),
        "{ok}"
    );
    assert!(ok.contains("api -.-> jobs"), "{ok}");
}

// ---------------------------------------------------------------- dot

/// Runs `dot -Tsvg`; `None` when Graphviz is not installed.
fn graphviz(text: &str) -> Option<Result<String, String>> {
    let mut child = match Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but Graphviz `dot` is missing: .ci/run installs it"
            );
            eprintln!("note: Graphviz `dot` not found; skipping the dot -Tsvg check");
            return None;
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes()).expect("write to dot");
    }
    let out = child.wait_with_output().expect("dot runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    if out.status.success() && !stderr.contains("Error") && !stderr.contains("syntax error") {
        Some(Ok(String::from_utf8_lossy(&out.stdout).to_string()))
    } else {
        Some(Err(stderr))
    }
}

#[test]
fn dot_of_every_reference_design_passes_graphviz() {
    let lib = Library::builtin().expect("library");
    for (name, pack, d) in references() {
        let text = run(
            ExportFormat::Dot,
            &d,
            &lib.catalog,
            lib.pack(&pack).map(|p| &p.pack),
        );
        assert!(
            text.starts_with("digraph napkin {") && text.contains("rankdir=LR"),
            "{name}"
        );
        match graphviz(&text) {
            None => return,
            Some(Ok(svg)) => assert!(svg.contains("<svg"), "{name}"),
            Some(Err(e)) => panic!("{name}: dot rejected the export: {e}\n{text}"),
        }
    }
}

#[test]
fn dot_escapes_hostile_text() {
    let text = run(ExportFormat::Dot, &hostile(), &catalog(), None);
    assert!(text.contains(r#"\"quoted\""#), "{text}");
    assert!(text.contains(r"\\N"), "backslash doubled: {text}");
    assert!(text.contains("style=dashed"));
    if let Some(res) = graphviz(&text) {
        let svg = res.unwrap_or_else(|e| panic!("dot rejected: {e}\n{text}"));
        assert!(svg.contains("pwn"), "the label survives");
    }
}

#[test]
fn dot_marks_spofs_red() {
    let text = run(ExportFormat::Dot, &notifications(), &catalog(), None);
    let db = text
        .lines()
        .find(|l| l.starts_with("  \"db\" ["))
        .expect("db node");
    assert!(
        db.contains("#c81e1e") && db.contains("shape=cylinder"),
        "{db}"
    );
    let api = text
        .lines()
        .find(|l| l.starts_with("  \"api\" ["))
        .expect("api node");
    assert!(
        !api.contains("#c81e1e"),
        "replicated api is not a SPOF: {api}"
    );
    assert_eq!(dot::quote("a\"b"), "\"a\\\"b\"");
}

// ---------------------------------------------------------------- svg

fn parse_svg(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("SVG is not XML: {e}\n{text}"))
}

#[test]
fn svg_of_every_reference_design_is_xml_with_a_legend() {
    let lib = Library::builtin().expect("library");
    for (name, pack, d) in references() {
        let text = run(
            ExportFormat::Svg,
            &d,
            &lib.catalog,
            lib.pack(&pack).map(|p| &p.pack),
        );
        let doc = parse_svg(&text);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg", "{name}");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let ids: Vec<&str> = root
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        assert!(ids.contains(&"legend"), "{name}: legend");
        for c in &d.components {
            assert!(
                ids.contains(&format!("c-{}", c.id).as_str()),
                "{name}: box for {}",
                c.id
            );
        }
        let lines = root
            .descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .count();
        assert_eq!(lines, d.links.len(), "{name}: one line per link");
    }
}

#[test]
fn svg_escapes_hostile_text() {
    let text = run(ExportFormat::Svg, &hostile(), &catalog(), None);
    let doc = parse_svg(&text);
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("script") || n.has_tag_name("b"))
    );
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(title.contains("<script>"), "shown as text: {title}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert_eq!(svg::escape("<a & 'b'>"), "&lt;a &amp; &apos;b&apos;&gt;");
}

#[test]
fn svg_marks_spofs_and_dashes_async_links() {
    let text = run(ExportFormat::Svg, &notifications(), &catalog(), None);
    let doc = parse_svg(&text);
    let db = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("c-db"))
        .expect("db group");
    assert!(
        db.descendants().any(|n| n.has_tag_name("circle")),
        "SPOF badge"
    );
    assert!(db.descendants().any(|n| n.text() == Some("!")));
    let dashed = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-dasharray").is_some())
        .count();
    assert_eq!(dashed, 2, "api -> jobs and jobs -> worker are async");
}

// ---------------------------------------------------------------- markdown

#[test]
fn debrief_of_every_reference_design_has_every_section() {
    let lib = Library::builtin().expect("library");
    for (name, pack, d) in references() {
        let p = lib.pack(&pack).map(|p| &p.pack).expect("pack");
        let text = run(ExportFormat::Markdown, &d, &lib.catalog, Some(p));
        for heading in [
            "## Context",
            "## Facts discovered",
            "## Decisions",
            "## Diagram",
            "```mermaid\nflowchart LR",
            "## Scores",
            "## Findings",
            "## Decision records",
            "### ADR-1: ",
            "**Reversibility.**",
            "**Revisit when.**",
        ] {
            assert!(text.contains(heading), "{name}: missing {heading:?}");
        }
        for id in &d.asked {
            if let Some(q) = p.question(id) {
                assert!(
                    text.contains(&markdown::md(&q.answer)),
                    "{name}: answer to {id}"
                );
            }
        }
        for (prompt, option) in &d.answers {
            let Some(o) = p
                .prompt(prompt)
                .and_then(|pr| pr.options.iter().find(|o| o.id == *option))
            else {
                continue;
            };
            assert!(
                text.contains(&markdown::md(&o.consequence)),
                "{name}: consequence of {prompt}"
            );
            assert!(
                text.contains(&markdown::md(&o.reasoning)),
                "{name}: reasoning of {prompt}"
            );
        }
        let block = text
            .split("```mermaid\n")
            .nth(1)
            .and_then(|s| s.split("```").next())
            .expect("mermaid block");
        validate_mermaid(block).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn debrief_records_decisions_from_data() {
    let lib = Library::builtin().expect("library");
    let (_, pack, d) = references()
        .into_iter()
        .find(|(n, _, _)| n == "notification-system_over-engineered")
        .expect("reference design");
    let p = lib.pack(&pack).map(|p| &p.pack);
    let text = run(ExportFormat::Markdown, &d, &lib.catalog, p);
    // A stream component gets a record that names the simpler alternatives
    // and the thresholds from the catalog.
    let kafka = lib.catalog.get("kafka").expect("kafka kind");
    let adr = text
        .split("### ADR-")
        .find(|s| s.contains(&format!("as `{}`", "kafka")))
        .expect("kafka ADR");
    assert!(adr.contains("Simpler options not taken"), "{adr}");
    for alt in &kafka.alternatives {
        assert!(
            adr.contains(&format!("`{alt}`")),
            "alternative {alt}: {adr}"
        );
    }
    assert!(adr.contains("Not yet justified by the numbers"), "{adr}");
    // A system of record is a one-way door.
    let store = d
        .components
        .iter()
        .find(|c| !c.stores.is_empty())
        .expect("a store");
    let adr = text
        .split("### ADR-")
        .find(|s| s.contains(&format!("as `{}`", store.id)))
        .expect("store ADR");
    assert!(adr.contains("**Reversibility.** One-way door"), "{adr}");
}

#[test]
fn debrief_escapes_hostile_text() {
    let text = run(ExportFormat::Markdown, &hostile(), &catalog(), None);
    assert!(
        !text.contains("<script>") && !text.contains("<img") && !text.contains("<b>"),
        "{text}"
    );
    assert!(text.contains("&lt;script&gt;"));
    assert!(
        text.contains(r"\[click\](javascript:x)"),
        "links are defused: {text}"
    );
    assert_eq!(
        text.matches("](javascript:").count(),
        text.matches(r"\](javascript:").count()
    );
    assert!(!text.contains('\u{1b}'));
    // Without a pack there are no facts or decisions to report.
    assert!(!text.contains("## Facts discovered") && !text.contains("## Decisions\n"));
}

#[test]
fn reference_exports_snapshot() {
    let lib = Library::builtin().expect("library");
    let (_, pack, d) = references()
        .into_iter()
        .find(|(n, _, _)| n == "notification-system_strong")
        .expect("reference design");
    let p = lib.pack(&pack).map(|p| &p.pack);
    // The debrief quotes pack wording and engine messages verbatim; its
    // structure is checked above instead of pinned here.
    for f in [ExportFormat::Mermaid, ExportFormat::Dot, ExportFormat::Svg] {
        insta::assert_snapshot!(
            format!("export_notification_strong_{}", f.as_str()),
            run(f, &d, &lib.catalog, p)
        );
    }
}

// ---------------------------------------------------------------- cli

#[test]
fn cli_exports_to_stdout_and_files() {
    let file = "scenarios/notification-system/designs/strong.napkin.yaml";
    let out = assert_cmd::Command::cargo_bin("napkin")
        .expect("binary")
        .args(["export", file, "--format", "mermaid"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    validate_mermaid(&String::from_utf8_lossy(&out.stdout)).expect("valid mermaid");

    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("out/design.svg");
    let out = assert_cmd::Command::cargo_bin("napkin")
        .expect("binary")
        .args(["export", file, "--format", "svg", "--stage", "scale", "-o"])
        .arg(&target)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&target).expect("file written");
    parse_svg(&written);

    for bad in [
        vec!["export", file, "--format", "png"],
        vec!["export", file, "--format", "dot", "--stage", "nope"],
        vec!["export", "missing.napkin.yaml", "--format", "dot"],
    ] {
        let out = assert_cmd::Command::cargo_bin("napkin")
            .expect("binary")
            .args(&bad)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

/// A link's label reaches every export, escaped for it.
#[test]
fn link_labels_show_in_every_export() {
    let cat = catalog();
    let d = hostile();
    let mermaid = run(ExportFormat::Mermaid, &d, &cat, None);
    validate_mermaid(&mermaid).unwrap_or_else(|e| panic!("{e}\n{mermaid}"));
    assert!(mermaid.contains("-->|\"orders#quot;#124;"), "{mermaid}");
    assert!(mermaid.contains("日志 #amp; events\"| x"), "{mermaid}");
    assert!(
        !mermaid.contains('\u{1b}'),
        "control characters are stripped"
    );
    let dot = run(ExportFormat::Dot, &d, &cat, None);
    assert!(dot.contains(r#"label="orders\"| evil --> x <b>""#), "{dot}");
    assert!(dot.contains("日志 & events\"];"), "{dot}");
    assert!(dot.contains("[style=dashed, label="), "{dot}");
    if let Some(svg) = graphviz(&dot) {
        svg.unwrap_or_else(|e| panic!("graphviz refused the labels: {e}"));
    }
    let svg = run(ExportFormat::Svg, &d, &cat, None);
    let doc = parse_svg(&svg);
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("link-label"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        labels.iter().any(|l| l.ends_with("日志 & events")),
        "{labels:?}"
    );
}

/// Above the SVG limit the export is refused with a hint, before any layout
/// (a 10,000-component export used to run out of memory).
#[test]
fn svg_export_of_a_huge_design_is_refused_with_a_hint() {
    use napkin::io::export::{MAX_SVG_COMPONENTS, render};
    use napkin::model::Component;
    let lib = Library::builtin().expect("built-in library");
    let mut d = Design {
        name: "huge".into(),
        ..Design::default()
    };
    for i in 0..=MAX_SVG_COMPONENTS {
        d.components
            .push(Component::new(format!("svc-{i}"), "app-server"));
    }
    let Err(problems) = render(&lib, &d, ExportFormat::Svg, None, "huge") else {
        panic!("a design over the limit was drawn");
    };
    let text = problems[0].to_string();
    assert!(text.contains("draws at most"), "{text}");
    assert!(text.contains("--format dot"), "{text}");
}

/// Every decision of the built-in packs says how reversible it is, and
/// why: the debrief never falls back to guessing from effects.
#[test]
fn every_built_in_decision_declares_its_door() {
    let lib = Library::builtin().expect("library");
    for lp in lib.packs() {
        for p in &lp.pack.prompts {
            assert!(p.door.is_some(), "{} / {} has no door", lp.pack.id, p.id);
            assert!(
                !p.door_why.trim().is_empty(),
                "{} / {} has no door_why",
                lp.pack.id,
                p.id
            );
        }
    }
}
