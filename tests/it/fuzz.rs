//! A bounded fuzz harness: real designs and packs, mutated the ways people
//! and tools break YAML (stray tokens, cut lines, duplicated or swapped
//! lines, hostile values), fed to the loaders; random `:` command lines fed
//! to the parser and to a running session. Nothing may panic, a design
//! napkin accepts is judged and saved, and whatever it saves loads again.

use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::Library;
use napkin::io::load::{design_to_yaml, load_design_str, load_pack_dir};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::builtin().expect("built-in library"))
}

/// Every file below `dir` whose name ends with `suffix`, sorted.
fn files(dir: &Path, suffix: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, suffix, out);
        } else if p.to_string_lossy().ends_with(suffix)
            && let Ok(text) = std::fs::read_to_string(&p)
        {
            out.push(text);
        }
    }
}

fn seeds(suffix: &str) -> &'static [String] {
    static DESIGNS: OnceLock<Vec<String>> = OnceLock::new();
    static PACKS: OnceLock<Vec<String>> = OnceLock::new();
    let cell = if suffix == "pack.yaml" {
        &PACKS
    } else {
        &DESIGNS
    };
    cell.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        files(&root.join("scenarios"), suffix, &mut out);
        files(&root.join("tests/fixtures/panel"), suffix, &mut out);
        assert!(!out.is_empty(), "no seeds for {suffix}");
        out
    })
}

/// Text that means something to YAML or to napkin, or that should never
/// reach a terminal.
const TOKENS: &[&str] = &[
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\n",
    "  ",
    "\t",
    "&a ",
    "*a",
    "<<: *a",
    "!!binary ",
    "!tag ",
    "'",
    "\"",
    "# ",
    "~",
    "null",
    "1e309",
    "-1",
    ".nan",
    "4294967296",
    "x-own: {a: [1, 2]}",
    "kind: redis",
    "replicas: 0",
    "share: 2",
    "via: [nowhere]",
    "rate: events",
    "\u{202e}",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{1b}[2J",
    "\u{feff}",
    "\u{fffe}",
    "日本",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(p, t)| Mutation::Insert(p, t)),
        (any::<usize>(), 1usize..40).prop_map(|(p, n)| Mutation::Delete(p, n)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// The char boundary nearest below `pos % (len + 1)`.
fn boundary(text: &str, pos: usize) -> usize {
    let mut at = pos % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(mut text: String, ms: &[Mutation]) -> String {
    for m in ms {
        match *m {
            Mutation::Insert(p, t) => {
                let at = boundary(&text, p);
                text.insert_str(at, TOKENS[t]);
            }
            Mutation::Delete(p, n) => {
                let a = boundary(&text, p);
                let mut b = (a + n).min(text.len());
                while !text.is_char_boundary(b) {
                    b += 1;
                }
                text.replace_range(a..b, "");
            }
            Mutation::DuplicateLine(i) => {
                let mut lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let i = i % lines.len();
                    lines.insert(i, lines[i]);
                }
                text = lines.join("\n");
            }
            Mutation::SwapLines(a, b) => {
                let mut lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let n = lines.len();
                    lines.swap(a % n, b % n);
                }
                text = lines.join("\n");
            }
            Mutation::Truncate(p) => {
                let at = boundary(&text, p);
                text.truncate(at);
            }
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// A mutated design loads or is refused with placed problems; one that
    /// loads is judged within bounds, and what napkin saves of it loads again.
    #[test]
    fn mutated_designs_load_judge_and_save(
        seed in any::<prop::sample::Index>(),
        ms in prop::collection::vec(mutation(), 1..6),
    ) {
        let seeds = seeds(".napkin.yaml");
        let text = mutate(seeds[seed.index(seeds.len())].clone(), &ms);
        let lines = text.lines().count() + 1;
        match load_design_str(&text, "fuzz.napkin.yaml", lib()) {
            Err(e) => {
                let problems = e.problems();
                prop_assert!(!problems.is_empty(), "refused without a reason");
                for p in &problems {
                    prop_assert!(!p.message.is_empty());
                    if let Some(line) = p.line {
                        prop_assert!(line >= 1 && line <= lines, "line {line} of {lines}: {p:?}");
                    }
                }
            }
            Ok(loaded) => {
                let pack = loaded.design.scenario.as_deref().and_then(|id| lib().pack(id)).map(|p| &p.pack);
                let report = analyze(&loaded.design, &lib().catalog, pack, &AnalysisOptions::default());
                prop_assert!(report.scores.overall <= 100);
                let saved = design_to_yaml(&loaded.design).map_err(TestCaseError::fail)?;
                let again = load_design_str(&saved, "saved.napkin.yaml", lib());
                prop_assert!(again.is_ok(), "napkin refused what it saved: {:?}\n{saved}", again.err().map(|e| e.to_string()));
            }
        }
    }

    /// A mutated pack loads or is refused with a reason; one that loads has
    /// its references checked without a panic.
    #[test]
    fn mutated_packs_load_or_are_refused(
        seed in any::<prop::sample::Index>(),
        ms in prop::collection::vec(mutation(), 1..6),
    ) {
        let seeds = seeds("pack.yaml");
        let text = mutate(seeds[seed.index(seeds.len())].clone(), &ms);
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        std::fs::write(dir.path().join("pack.yaml"), &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        match load_pack_dir(dir.path(), &lib().catalog) {
            Err(e) => prop_assert!(!e.problems().is_empty(), "refused without a reason"),
            Ok(lp) => {
                let _ = napkin::io::packcheck::check_references(lib(), &lp);
            }
        }
    }

    /// Any line parses to a command or an error; never a panic.
    #[test]
    fn any_command_line_parses_or_is_refused(line in "\\PC{0,60}") {
        let _ = napkin::tui::command::parse(&line);
    }

    /// Random command lines on a running session never panic, and the design
    /// they leave is one napkin saves and loads again.
    #[test]
    fn random_commands_leave_a_design_that_saves_and_loads(
        lines in prop::collection::vec(command_line(), 1..12),
    ) {
        let fixture = napkin::tui::fixture::library();
        let mut app = napkin::tui::state::App::new(
            napkin::tui::fixture::library(),
            napkin::tui::keys::Keymap::defaults(),
            None,
            Vec::new(),
        );
        app.start_practice("mini-notify").map_err(TestCaseError::fail)?;
        for line in &lines {
            let _ = napkin::tui::fixture::cmd(&mut app, line);
            let design = &app.session.as_ref().expect("session").design;
            let saved = design_to_yaml(design).map_err(TestCaseError::fail)?;
            let again = load_design_str(&saved, "session.napkin.yaml", &fixture);
            prop_assert!(again.is_ok(), "after `{line}`: {:?}\n{saved}", again.err().map(|e| e.to_string()));
        }
    }
}

/// A `:` command from napkin's verbs, with arguments drawn from ids, kinds,
/// numbers and junk.
fn command_line() -> impl Strategy<Value = String> {
    const VERBS: &[&str] = &[
        "add", "link", "unlink", "rm", "replicas", "set", "unset", "stores", "kind", "rename",
        "answer", "stage", "undo", "redo", "flow", "ask",
    ];
    const ARGS: &[&str] = &[
        "web",
        "api",
        "db",
        "cache",
        "queue",
        "worker",
        "postgres",
        "redis",
        "app-server",
        "sqs",
        "web-client",
        "orders",
        "managed",
        "replicas",
        "label",
        "kind",
        "failover",
        "automatic",
        "async",
        "sync",
        "0",
        "1",
        "3",
        "10001",
        "-2",
        "1e309",
        "nan",
        "true",
        "x-own",
        "Ünïcode",
        "\u{1b}[31m",
        "a b",
        "",
    ];
    (
        0..VERBS.len(),
        prop::collection::vec(
            prop_oneof![
                (0..ARGS.len()).prop_map(|i| ARGS[i].to_string()),
                "[a-z-]{1,8}",
            ],
            0..4,
        ),
    )
        .prop_map(|(v, args)| {
            let mut s = VERBS[v].to_string();
            for a in args {
                s.push(' ');
                s.push_str(&a);
            }
            s
        })
}
