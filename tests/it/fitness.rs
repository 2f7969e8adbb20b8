//! Architecture fitness: the pure core (`model`, `engine`) never reaches for
//! the terminal, the command line, the file system, the environment or the clock.

use std::path::Path;

const FORBIDDEN: &[&str] = &[
    "ratatui",
    "crossterm",
    "clap",
    "std::fs",
    "std::env",
    "std::time",
    "SystemTime",
    "Instant::now",
    "std::process",
    "std::net",
    "crate::io",
    "crate::tui",
    "crate::cli",
    "println!",
    "eprintln!",
];

fn scan(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            scan(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable source");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for word in FORBIDDEN {
                    if code.contains(word) {
                        out.push(format!("{}:{}: uses `{word}`", path.display(), n + 1));
                    }
                }
            }
        }
    }
}

#[test]
fn model_and_engine_stay_pure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut hits = Vec::new();
    scan(&root.join("model"), &mut hits);
    scan(&root.join("engine"), &mut hits);
    assert!(
        hits.is_empty(),
        "the pure core reaches outside:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_scan_catches_a_violation() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("bad.rs"),
        "fn f() { let _ = std::fs::read(\"x\"); }\n",
    )
    .expect("write");
    let mut hits = Vec::new();
    scan(dir.path(), &mut hits);
    assert_eq!(hits.len(), 1);
}

/// The views and exports show what the engine decided and judge nothing
/// themselves: they reach the engine through `analyze*` and read the
/// `Report`, never its world, costs, context, availability or scores.
#[test]
fn views_and_exports_read_the_report() {
    const JUDGING: &[&str] = &[
        "engine::world",
        "engine::cost",
        "engine::context",
        "engine::availability",
        "engine::discovery",
        "engine::score",
        "World::",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut hits = Vec::new();
    for dir in ["io", "tui", "cli"] {
        scan_for(&root.join(dir), JUDGING, &mut hits);
    }
    assert!(
        hits.is_empty(),
        "a view or export judges for itself:\n{}",
        hits.join("\n")
    );
}

fn scan_for(dir: &Path, words: &[&str], out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            scan_for(&path, words, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable source");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for word in words {
                    if code.contains(word) {
                        out.push(format!("{}:{}: uses `{word}`", path.display(), n + 1));
                    }
                }
            }
        }
    }
}

/// Update reads the geometry the view recorded on the last frame
/// (`App::geometry`) and never calls into the view to lay out the screen.
#[test]
fn update_never_calls_the_view() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/update");
    let mut hits = Vec::new();
    scan_for(&root, &["view::", "layout::Layout"], &mut hits);
    // Its tests draw frames to click on what is shown.
    hits.retain(|h| !h.contains("/tests/") && !h.contains("/tests.rs:"));
    assert!(
        hits.is_empty(),
        "update lays out the screen itself:\n{}",
        hits.join("\n")
    );
}

/// Quoted catalog kind ids in the engine's non-test source, as `file:line`.
fn kind_names(dir: &Path, kinds: &[String], out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            // Rule tests build designs, which name kinds.
            if path.file_name().is_some_and(|n| n != "tests") {
                kind_names(&path, kinds, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable source");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for k in kinds {
                    if code.contains(&format!("\"{k}\"")) {
                        out.push(format!("{}:{}: names `{k}`", path.display(), n + 1));
                    }
                }
            }
        }
    }
}

/// Judgement lives in data: the engine decides by roles and catalog
/// figures, never by naming a kind.
#[test]
fn the_engine_names_no_kind() {
    let lib = napkin::io::Library::builtin().expect("library");
    let kinds: Vec<String> = lib.catalog.kinds().iter().map(|k| k.id.clone()).collect();
    assert!(kinds.iter().any(|k| k == "postgres"), "the catalog is read");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut hits = Vec::new();
    kind_names(&root, &kinds, &mut hits);
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}

/// Rules read roles (a store, a cache, a router, a service, a provider...),
/// not the catalog's categories: the engine's non-test source never names
/// the `Category` type nor reads a kind's `category`. Names in files that
/// mean a category (a flow `from: client`) are resolved by the model
/// (`Kind::answers_to`). `FindingCategory` is the report's grouping.
#[test]
fn the_engine_reads_roles_not_categories() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut hits = Vec::new();
    category_reads(&root, &mut hits);
    assert!(hits.is_empty(), "{}", hits.join("\n"));
    let mut caught = Vec::new();
    let probe = std::env::temp_dir().join(format!("napkin-fitness-{}", std::process::id()));
    std::fs::create_dir_all(&probe).expect("temp dir");
    std::fs::write(
        probe.join("probe.rs"),
        "fn f(k: &Kind) -> bool { k.category == Category::Edge }\n",
    )
    .expect("probe written");
    category_reads(&probe, &mut caught);
    let _ = std::fs::remove_dir_all(&probe);
    assert_eq!(caught.len(), 1, "the scan sees a category read: {caught:?}");
}

/// Lines of non-test engine source that name `Category` or read a kind's
/// `category` field.
fn category_reads(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "tests") {
                category_reads(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable source");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                let code = line
                    .split("//")
                    .next()
                    .unwrap_or("")
                    .replace("FindingCategory", "");
                let names_type = code
                    .match_indices("Category")
                    .any(|(i, _)| !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
                let reads_kind = ["k.category", "kv.category", "kind.category"]
                    .iter()
                    .any(|p| code.contains(p));
                if names_type || reads_kind {
                    out.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
}
