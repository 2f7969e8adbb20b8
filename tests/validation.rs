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
