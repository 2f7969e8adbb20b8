//! The user's own packs under NAPKIN_HOME, and untrusted input kept in bounds.

use assert_cmd::Command;
use std::path::Path;

fn napkin(home: &Path) -> Command {
    let mut c = Command::cargo_bin("napkin").expect("binary");
    c.env("NAPKIN_HOME", home).env("NO_COLOR", "1");
    c
}

fn run(c: &mut Command) -> (String, i32) {
    let o = c.output().expect("runs");
    (
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        o.status.code().unwrap_or(-1),
    )
}

const PACK: &str = "id: school-lunch
title: School lunch orders
summary: \"Parents pre-order lunches for \\e[31m400 pupils\\e[0m.\"
brief: |
  A primary school wants parents to order lunch the day before.
stages:
  - id: today
    title: Today
    context:
      load: { users: 400, peak_rps: 2, write_rps: 1 }
      team: { engineers: 1 }
entities:
  - { id: lunch-orders, consistency: strong }
flows:
  - { id: order, from: client, to: [lunch-orders], rate: write_rps }
references:
  - file: designs/simple.napkin.yaml
    verdict: strong
    expect: { overall_min: 60 }
";

const DESIGN: &str = "napkin: 1
name: Simple
scenario: school-lunch
components:
  - { id: web, kind: web-client }
  - { id: app, kind: app-server, replicas: 2 }
  - { id: db, kind: postgres, managed: true, replicas: 2, stores: [lunch-orders], props: { failover: automatic } }
links:
  - { from: web, to: app }
  - { from: app, to: db }
";

fn home_with_pack() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("scenarios/school-lunch/designs");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(home.path().join("scenarios/school-lunch/pack.yaml"), PACK).expect("pack");
    std::fs::write(dir.join("simple.napkin.yaml"), DESIGN).expect("design");
    home
}

#[test]
fn a_user_pack_is_listed_scored_and_validated() {
    let home = home_with_pack();
    let (out, code) = run(napkin(home.path()).args(["scenarios", "list"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("school-lunch"), "{out}");
    assert!(
        !out.contains('\x1b'),
        "control characters from the pack reach the terminal: {out:?}"
    );
    let design = home
        .path()
        .join("scenarios/school-lunch/designs/simple.napkin.yaml");
    let (out, code) = run(napkin(home.path()).arg("score").arg(&design));
    assert_eq!(code, 0, "{out}");
    let (out, code) = run(napkin(home.path())
        .arg("validate")
        .arg(home.path().join("scenarios/school-lunch")));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_broken_user_pack_is_a_warning_not_a_failure() {
    let home = home_with_pack();
    let bad = home.path().join("scenarios/broken");
    std::fs::create_dir_all(&bad).expect("mkdir");
    std::fs::write(bad.join("pack.yaml"), "id: broken\ntitle: [unclosed\n").expect("write");
    let (out, code) = run(napkin(home.path()).args(["scenarios", "list"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("school-lunch"));
    assert!(
        out.contains("broken/pack.yaml"),
        "the warning names the file: {out}"
    );
}

#[test]
fn a_reference_outside_the_pack_folder_is_refused() {
    let home = home_with_pack();
    let secret = home.path().join("secret.napkin.yaml");
    std::fs::write(&secret, DESIGN).expect("write");
    let pack = home.path().join("scenarios/school-lunch/pack.yaml");
    std::fs::write(
        &pack,
        PACK.replace("designs/simple.napkin.yaml", "../../secret.napkin.yaml"),
    )
    .expect("write");
    let (out, code) = run(napkin(home.path())
        .arg("validate")
        .arg(home.path().join("scenarios/school-lunch")));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("outside the pack"), "{out}");
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let home = tempfile::tempdir().expect("tempdir");
    let big = home.path().join("big.napkin.yaml");
    let mut text = String::from("napkin: 1\nname: big\nnotes:\n");
    while text.len() as u64 <= napkin::io::load::MAX_FILE_BYTES {
        text.push_str("  filler: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n");
    }
    std::fs::write(&big, text).expect("write");
    let (out, code) = run(napkin(home.path()).arg("score").arg(&big));
    assert_eq!(code, 2);
    assert!(out.contains("napkin reads files up to"), "{out}");
}

#[test]
fn alias_bombs_are_rejected_with_a_message() {
    let home = tempfile::tempdir().expect("tempdir");
    let f = home.path().join("bomb.napkin.yaml");
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    text.push_str("napkin: 1\nname: bomb\nasked: *a11\n");
    std::fs::write(&f, text).expect("write");
    let (out, code) = run(napkin(home.path()).arg("validate").arg(&f));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("bomb.napkin.yaml"), "{out}");
    assert!(!out.contains("panicked"));
}
