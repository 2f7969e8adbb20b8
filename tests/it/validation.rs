//! Each validation error on a real broken file: file, line, column and hint.

use napkin::io::Library;
use napkin::io::load::{LoadError, load_design};
use napkin::model::Problem;
use std::path::Path;

fn problems(name: &str) -> Vec<Problem> {
    let lib = Library::builtin().expect("built-in library loads");
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/broken")
        .join(name);
    match load_design(&path, &lib) {
        Ok(d) => d.warnings,
        Err(LoadError::Invalid(p)) => p,
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn find<'a>(ps: &'a [Problem], needle: &str) -> &'a Problem {
    ps.iter()
        .find(|p| p.message.contains(needle))
        .unwrap_or_else(|| panic!("no problem mentioning {needle:?} in {ps:#?}"))
}

#[test]
fn unknown_kind_suggests_the_closest_kind() {
    let ps = problems("unknown-kind.napkin.yaml");
    let p = find(&ps, "unknown kind `postgress`");
    assert_eq!((p.line, p.column), (Some(7), Some(5)));
    assert!(
        p.hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `postgres`?"),
        "{p:?}"
    );
    assert!(
        p.file
            .as_deref()
            .unwrap_or("")
            .ends_with("unknown-kind.napkin.yaml")
    );
}

#[test]
fn dangling_link_names_the_missing_component() {
    let ps = problems("dangling-link.napkin.yaml");
    let p = find(&ps, "link to `cache`");
    assert_eq!(p.line, Some(11));
    assert!(p.hint.as_deref().unwrap_or("").contains("cache"));
}

#[test]
fn duplicate_id_points_at_the_second_one() {
    let ps = problems("duplicate-id.napkin.yaml");
    let p = find(&ps, "duplicate component id `api`");
    assert_eq!(p.line, Some(6));
    assert!(p.hint.as_deref().unwrap_or("").contains("components[0]"));
}

#[test]
fn props_are_checked_against_the_catalog() {
    let ps = problems("bad-prop.napkin.yaml");
    let enum_value = find(&ps, "failover: sometimes");
    assert_eq!(enum_value.line, Some(7));
    assert!(enum_value.message.contains("automatic"));
    let unknown = find(&ps, "has no prop `lockin`");
    assert_eq!(unknown.line, Some(8));
    assert!(unknown.hint.as_deref().unwrap_or("").contains("`locking`"));
    let wrong_type = find(&ps, "dlq: 3");
    assert_eq!(wrong_type.line, Some(11));
}

#[test]
fn unknown_scenario_and_stage() {
    let ps = problems("unknown-scenario.napkin.yaml");
    let p = find(&ps, "unknown scenario `notification-sytem`");
    assert_eq!(p.line, Some(3));
    assert!(
        p.hint
            .as_deref()
            .unwrap_or("")
            .contains("notification-system")
    );
    let ps = problems("unknown-stage.napkin.yaml");
    let p = find(&ps, "has no stage `someday`");
    assert_eq!(p.line, Some(4));
    assert!(p.hint.as_deref().unwrap_or("").contains("launch"));
}

#[test]
fn entities_stored_nowhere_and_unknown() {
    let ps = problems("entity-nowhere.napkin.yaml");
    let unknown = find(&ps, "unknown entity `ordrs`");
    assert_eq!(unknown.line, Some(9));
    assert!(unknown.hint.as_deref().unwrap_or("").contains("`orders`"));
    let nowhere = find(&ps, "entity `orders` is stored nowhere");
    assert_eq!(nowhere.line, Some(5));
}

#[test]
fn every_problem_is_reported_at_once() {
    let ps = problems("many-problems.napkin.yaml");
    assert!(ps.len() >= 4, "{ps:#?}");
    find(&ps, "unknown kind `app-servr`");
    find(&ps, "duplicate component id `api`");
    find(&ps, "replicas must be at least 1");
    find(&ps, "link to `nowhere`");
}

#[test]
fn syntax_and_type_errors_carry_positions() {
    let ps = problems("syntax.napkin.yaml");
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].line, Some(5), "{ps:?}");
    let ps = problems("wrong-type.napkin.yaml");
    assert_eq!(ps[0].line, Some(6), "{ps:?}");
    assert!(
        ps[0].message.contains("replicas") || ps[0].message.contains("invalid"),
        "{ps:?}"
    );
}

/// The input contract: a misspelled key anywhere is an error at its place
/// with the key meant, never a silently ignored setting.
#[test]
fn misspelled_keys_are_errors_with_the_key_meant() {
    let ps = problems("misspelled-keys.napkin.yaml");
    let expect = [
        ("unknown key `peek_rps`", (5, 25), "`peak_rps`"),
        (
            "unknown key `budget_usd_month`",
            (6, 3),
            "`budget_usd_per_month`",
        ),
        ("unknown key `avilability`", (7, 3), "`availability`"),
        ("unknown key `replica`", (14, 34), "`replicas`"),
        ("unknown key `managd`", (17, 5), "`managed`"),
        ("unknown key `lable`", (20, 27), "`label`"),
        ("starts at `web-clinet`", (9, 18), "`web-client`"),
        ("targets `ledgr`", (9, 41), "`ledger`"),
        (
            "unknown rule `single-point-of-falure`",
            (23, 7),
            "`single-point-of-failure`",
        ),
    ];
    for (needle, (line, col), meant) in expect {
        let p = find(&ps, needle);
        assert!(p.is_error(), "{p:?}");
        assert_eq!(
            (p.line, p.column),
            (Some(line), Some(col)),
            "{needle}: {p:?}"
        );
        let hint = p.hint.as_deref().unwrap_or_default();
        assert!(hint.contains(meant), "{needle}: hint {hint:?}");
    }
    assert_eq!(
        ps.iter().filter(|p| p.is_error()).count(),
        expect.len(),
        "{ps:#?}"
    );
    assert!(
        !ps.iter().any(|p| p.message.contains("x-")),
        "`x-` keys are the user's own: {ps:#?}"
    );
}

/// A pack's self-test cannot check nothing: a misspelled expectation is an
/// error, not an empty check.
#[test]
fn misspelled_pack_keys_are_errors() {
    let lib = Library::builtin().expect("library");
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/coffee-ordering/pack.yaml");
    let text = std::fs::read_to_string(src)
        .expect("pack")
        .replace("id: coffee-ordering", "id: my-coffee")
        .replacen("overall_min:", "overal_min:", 1)
        .replacen("distractor:", "x-distractor-note: mine\n    distractor:", 1);
    std::fs::create_dir_all(dir.path().join("p")).expect("mkdir");
    std::fs::write(dir.path().join("p/pack.yaml"), text).expect("write");
    let err = napkin::io::load::load_pack_dir(&dir.path().join("p"), &lib.catalog)
        .expect_err("a misspelled expectation is refused");
    let ps = err.problems();
    assert_eq!(ps.len(), 1, "only the typo, not the `x-` key: {ps:#?}");
    let p = find(&ps, "unknown key `overal_min`");
    assert!(
        p.line.is_some() && p.path.ends_with("expect.overal_min"),
        "{p:?}"
    );
    assert!(
        p.hint.as_deref().unwrap().contains("`overall_min`"),
        "{p:?}"
    );
}

/// The catalog is checked against the props the engine reads: renaming a
/// value or a prop on one side only is a load error, not a silent change of
/// every verdict that depends on it.
#[test]
fn the_catalog_keeps_the_engine_props_contract() {
    use napkin::io::assets::CATALOG_YAML;
    use napkin::io::load::load_catalog;
    let renamed_value = CATALOG_YAML.replace("[none, manual, automatic]", "[none, manual, auto]");
    let err = load_catalog(&renamed_value, "catalog.yaml").expect_err("`auto` means nothing");
    let ps = err.problems();
    let p = find(&ps, "value `auto` of prop `failover`");
    assert!(p.line.is_some(), "{p:?}");
    assert!(p.hint.as_deref().unwrap().contains("automatic"), "{p:?}");

    let renamed_prop = CATALOG_YAML.replace("      failover:", "      fail_over:");
    let cat = load_catalog(&renamed_prop, "catalog.yaml").expect("each kind still parses");
    let uncovered = cat.uncovered_engine_props();
    assert_eq!(uncovered.len(), 1, "{uncovered:#?}");
    assert!(uncovered[0].message.contains("`failover`"));

    let retyped = CATALOG_YAML.replacen(
        "      dlq:\n        type: bool",
        "      dlq:\n        type: string",
        1,
    );
    assert_ne!(retyped, CATALOG_YAML, "the fixture edit applies");
    let err = load_catalog(&retyped, "catalog.yaml").expect_err("the engine reads dlq as a bool");
    find(&err.problems(), "prop `dlq` is String here");

    let typo = CATALOG_YAML.replacen("ha_when_managed: true", "ha_when_manged: true", 1);
    let err = load_catalog(&typo, "catalog.yaml").expect_err("unknown key");
    let ps = err.problems();
    let p = find(&ps, "unknown key `ha_when_manged`");
    assert!(
        p.hint.as_deref().unwrap().contains("`ha_when_managed`"),
        "{p:?}"
    );

    let strong = CATALOG_YAML.replace("values: [majority, linearizable]", "values: [majorty]");
    let err = load_catalog(&strong, "catalog.yaml").expect_err("strong_when names a real value");
    find(&err.problems(), "`strong_when` value `majorty`");
}

/// Numbers a design cannot mean are refused with their place, and what is
/// not a regular file is never read; a byte-order mark is fine.
#[test]
fn impossible_numbers_and_odd_files_are_refused() {
    let lib = Library::builtin().expect("library");
    let yaml = "napkin: 1\nname: numbers\ncontext:\n  load: { users: .nan, peak_rps: -5, write_rps: .inf }\n  availability: 19900\ncomponents:\n  - { id: api, kind: app-server, replicas: 4294967295 }\n  - { id: pay, kind: payment-gateway, availability: 999 }\nlinks: []\n";
    let err = napkin::io::load::load_design_str(yaml, "n.napkin.yaml", &lib).expect_err("refused");
    let ps = err.problems();
    for needle in [
        "`NaN`",
        "`-5`",
        "`inf`",
        "availability `19900`",
        "4294967295 replicas",
        "availability `999`",
    ] {
        let p = find(&ps, needle);
        assert!(p.line.is_some(), "{p:?}");
    }
    let zero = load_design(Path::new("/dev/zero"), &lib).expect_err("a device is refused");
    assert!(zero.to_string().contains("not a regular file"), "{zero}");
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("bom.napkin.yaml");
    std::fs::write(
        &bom,
        "\u{feff}napkin: 1\nname: bom\ncomponents: [{ id: db, kind: postgres }]\n",
    )
    .unwrap();
    assert!(
        load_design(&bom, &lib).is_ok(),
        "a byte-order mark is accepted"
    );
}

/// Pathological files answer at once: nesting past the limit is refused
/// before parsing, and thousands of problems are all counted but only the
/// first are placed and shown (placing each reads the text again).
#[test]
fn pathological_files_are_answered_quickly() {
    let lib = Library::builtin().expect("library");
    let deep = format!(
        "napkin: 1\nname: deep\nx-deep: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err =
        napkin::io::load::load_design_str(&deep, "deep.napkin.yaml", &lib).expect_err("too deep");
    let p = &err.problems()[0];
    assert!(p.message.contains("nested deeper than"), "{p:?}");
    assert_eq!(p.line, Some(3));

    let mut dups = String::from("napkin: 1\nname: dups\ncomponents:\n");
    for _ in 0..5_000 {
        dups.push_str("  - { id: api, kind: app-server }\n");
    }
    let ps = napkin::io::load::load_design_str(&dups, "dups.napkin.yaml", &lib)
        .expect_err("duplicates")
        .problems();
    assert_eq!(ps.iter().filter(|p| p.is_error()).count(), 4_999);
    let placed = ps.iter().filter(|p| p.line.is_some()).count();
    assert_eq!(placed, napkin::io::load::MAX_PROBLEMS);
}

/// A design past the component limit is refused with the count, rather
/// than judged for minutes.
#[test]
fn too_many_components_are_refused() {
    let lib = Library::builtin().expect("library");
    let n = napkin::model::validate::MAX_COMPONENTS + 1;
    let mut big = String::from("napkin: 1\nname: big\ncomponents:\n");
    for i in 0..n {
        big.push_str(&format!("  - {{ id: w{i}, kind: worker }}\n"));
    }
    let ps = napkin::io::load::load_design_str(&big, "big.napkin.yaml", &lib)
        .expect_err("too many components")
        .problems();
    let p = ps
        .iter()
        .find(|p| p.message.contains("components; napkin judges at most"))
        .expect("the count is reported");
    assert!(p.is_error(), "{p:?}");
    assert_eq!(p.line, Some(3));
}

/// One id syntax everywhere: a pack's option, stage or drill id and a
/// design's entity or flow id are checked like component ids, since every
/// one of them is typed back in commands and printed in reports.
#[test]
fn ids_follow_one_syntax_in_packs_and_designs() {
    let lib = Library::builtin().expect("library");
    let mut pack = napkin::tui::fixture::pack();
    pack.prompts[0].options[0].id = "Yes Please".into();
    pack.stages[0].id = "launch\u{1b}[2J".into();
    let problems = napkin::model::validate::validate_pack(&pack, &lib.catalog);
    let bad: Vec<&str> = problems
        .iter()
        .filter(|p| p.message.contains("is not a valid id"))
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        bad,
        ["stages[0].id", "prompts[0].options[0].id"],
        "{problems:?}"
    );

    let design = "napkin: 1\nname: ids\ncontext:\n  entities:\n    - { id: Orders }\n  flows:\n    - { id: place_order, from: web, to: [api] }\ncomponents:\n  - { id: web, kind: web-client }\n  - { id: api, kind: app-server, stores: [Orders] }\nlinks:\n  - { from: web, to: api }\n";
    let ps = napkin::io::load::load_design_str(design, "ids.napkin.yaml", &lib)
        .expect_err("bad ids")
        .problems();
    let lines: Vec<Option<usize>> = ps
        .iter()
        .filter(|p| p.message.contains("is not a valid id"))
        .map(|p| p.line)
        .collect();
    assert_eq!(lines, [Some(5), Some(7)], "{ps:?}");
    assert!(ps.iter().any(|p| {
        p.hint
            .as_deref()
            .is_some_and(|h| h.contains("`place-order`"))
    }));
}

/// A FIFO is refused before it is opened (opening one blocks until a
/// writer comes), as a design and as a file in the sessions folder, so
/// neither `napkin score` nor the home screen can hang on one.
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let lib = Library::builtin().expect("library");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("stuck.napkin.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let err = load_design(&fifo, &lib).expect_err("a FIFO is refused");
    assert!(err.to_string().contains("not a regular file"), "{err}");
    let listing = napkin::tui::store::list_sessions(dir.path(), &lib, std::time::SystemTime::now());
    assert!(listing.sessions.is_empty());
    assert!(
        listing
            .warnings
            .iter()
            .any(|w| w.contains("not a regular file")),
        "{:?}",
        listing.warnings
    );
    assert!(fifo.exists(), "a FIFO is not moved aside as corrupt");
}

#[test]
fn entity_sizes_beyond_the_total_are_a_warning_on_the_entities() {
    let ps = problems("entity-sizes.napkin.yaml");
    let p = find(
        &ps,
        "add up to 70 GB, more than the load's data_gb of 50 GB",
    );
    assert!(!p.is_error(), "{p:?}");
    assert_eq!(p.line, Some(5), "{p:?}");
}
