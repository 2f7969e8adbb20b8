//! The real binary on real files: output, formats and exit codes.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn napkin() -> Command {
    let mut c = Command::cargo_bin("napkin").expect("binary built");
    // A fresh home so the user's own packs never leak into tests.
    c.env(
        "NAPKIN_HOME",
        std::env::temp_dir().join("napkin-cli-tests-empty-home"),
    );
    c.env("NO_COLOR", "1");
    c
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn stdout(c: &mut Command) -> (String, i32) {
    let out = c.output().expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn score_json_follows_the_schema() {
    let out = napkin()
        .args(["score", "--format", "json"])
        .arg(fixture("designs/flash-sale.napkin.yaml"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for k in [
        "overall",
        "over_engineering",
        "resilience",
        "consistency",
        "capacity",
    ] {
        let s = v["scores"][k].as_u64().expect("score");
        assert!(s <= 100);
    }
    let f = &v["findings"][0];
    for k in [
        "rule",
        "category",
        "severity",
        "components",
        "message",
        "suggestion",
    ] {
        assert!(!f[k].is_null(), "finding lacks {k}: {f}");
    }
    assert!(
        ["info", "low", "medium", "high", "critical"]
            .contains(&f["severity"].as_str().expect("severity"))
    );
    for k in ["monthly_cost_usd", "ops_hours_per_month", "spofs"] {
        assert!(!v["metrics"][k].is_null(), "metrics lacks {k}");
    }
    assert!(v["fixes"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["availability"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn fail_under_exits_one() {
    let (_, code) = stdout(
        napkin()
            .args(["score", "--fail-under", "90"])
            .arg(fixture("designs/flash-sale.napkin.yaml")),
    );
    assert_eq!(code, 1);
    let (_, code) = stdout(
        napkin()
            .args(["score", "--fail-under", "50"])
            .arg(fixture("designs/boring-monolith.napkin.yaml")),
    );
    assert_eq!(code, 0);
}

#[test]
fn text_report_groups_by_severity_without_colour_when_piped() {
    let (out, code) = stdout(
        napkin()
            .arg("score")
            .arg(fixture("designs/flash-sale.napkin.yaml")),
    );
    assert_eq!(code, 0);
    assert!(!out.contains('\x1b'), "no escape codes when piped");
    let crit = out.find("CRITICAL").expect("critical group");
    let high = out.find("HIGH").expect("high group");
    assert!(crit < high);
    assert!(out.contains("Availability per flow"));
}

#[test]
fn bad_input_exits_two_with_every_problem() {
    let (out, code) = stdout(
        napkin()
            .arg("score")
            .arg(fixture("broken/many-problems.napkin.yaml")),
    );
    assert_eq!(code, 2);
    assert!(
        out.contains("many-problems.napkin.yaml:5:5: error: unknown kind `app-servr`"),
        "{out}"
    );
    assert!(out.contains("hint: did you mean `app-server`?"), "{out}");
    assert!(out.contains("duplicate component id"), "{out}");
    assert!(!out.contains("panicked"));
    let (_, code) = stdout(napkin().arg("score").arg("no/such/file.yaml"));
    assert_eq!(code, 2);
}

#[test]
fn validate_packs_and_folders() {
    let (out, code) = stdout(
        napkin()
            .arg("validate")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors"), "{out}");
    let (out, code) = stdout(napkin().arg("validate").arg(fixture("broken")));
    assert_eq!(code, 2);
    assert!(out.contains("errors"), "{out}");
}

#[test]
fn a_pack_whose_reference_misses_its_verdict_fails_validation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/coffee-ordering");
    let dst = dir.path().join("my-coffee");
    std::fs::create_dir_all(dst.join("designs")).expect("mkdir");
    let pack = std::fs::read_to_string(src.join("pack.yaml"))
        .expect("pack")
        .replace("id: coffee-ordering", "id: my-coffee");
    std::fs::write(dst.join("pack.yaml"), pack).expect("write");
    for e in std::fs::read_dir(src.join("designs")).expect("designs") {
        let p = e.expect("entry").path();
        let text = std::fs::read_to_string(&p)
            .expect("design")
            .replace("scenario: coffee-ordering", "scenario: my-coffee");
        std::fs::write(dst.join("designs").join(p.file_name().expect("name")), text)
            .expect("write");
    }
    let (out, code) = stdout(napkin().arg("validate").arg(&dst));
    assert_eq!(code, 0, "{out}");
    // Break the strong answer: its database loses its standby.
    let strong = dst.join("designs/strong.napkin.yaml");
    let text = std::fs::read_to_string(&strong).expect("strong");
    let broken = text.replace("failover: automatic", "failover: none");
    assert_ne!(text, broken);
    std::fs::write(&strong, broken).expect("write");
    let (out, code) = stdout(napkin().arg("validate").arg(&dst));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("reference `designs/strong.napkin.yaml` (strong)"),
        "{out}"
    );
}

#[test]
fn scenarios_list_and_show_hide_answers() {
    let (out, code) = stdout(napkin().args(["scenarios", "list"]));
    assert_eq!(code, 0);
    for id in ["notification-system", "coffee-ordering", "ticket-booking"] {
        assert!(out.contains(id));
    }
    let (out, code) = stdout(napkin().args(["scenarios", "show", "notification-system"]));
    assert_eq!(code, 0);
    assert!(out.contains("Stages"));
    let lib = napkin::io::Library::builtin().expect("lib");
    let pack = &lib.pack("notification-system").expect("pack").pack;
    for q in &pack.questions {
        assert!(
            !out.contains(q.answer.trim()),
            "hidden answer shown: {}",
            q.answer
        );
        // The questions are the candidate's to think of.
        assert!(!out.contains(q.ask.trim()), "question listed: {}", q.ask);
    }
    assert!(out.contains("--questions lists them"), "{out}");
    // Mentors and pack authors ask for them.
    let (out, code) =
        stdout(napkin().args(["scenarios", "show", "notification-system", "--questions"]));
    assert_eq!(code, 0);
    for q in &pack.questions {
        assert!(out.contains(q.ask.trim()), "question missing: {}", q.ask);
        assert!(!out.contains(q.answer.trim()), "hidden answer shown");
    }
    let (out, code) = stdout(napkin().args(["scenarios", "show", "notifications"]));
    assert_eq!(code, 2);
    assert!(out.contains("did you mean `notification-system`?"), "{out}");
}

#[test]
fn new_prints_a_design_that_validates_and_scores() {
    let out = napkin()
        .args(["new", "ticket-booking"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("mine.napkin.yaml");
    std::fs::write(&f, &out.stdout).expect("write");
    let (text, code) = stdout(napkin().arg("validate").arg(&f));
    assert_eq!(code, 0, "{text}");
    let (text, code) = stdout(napkin().arg("score").arg(&f));
    assert_eq!(code, 0);
    assert!(text.contains("single-point-of-failure"), "{text}");
}

#[test]
fn drill_reports_broken_and_surviving_flows() {
    let (out, code) = stdout(
        napkin()
            .args(["drill", "--fail", "db"])
            .arg(fixture("designs/accepted-single-db.napkin.yaml")),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("BROKEN"), "{out}");
    let (out, code) = stdout(
        napkin()
            .args(["drill", "--fail", "db"])
            .arg(fixture("designs/boring-monolith.napkin.yaml")),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("kept going: db"), "{out}");
    let (out, code) = stdout(
        napkin()
            .args(["drill", "--spike", "50"])
            .arg(fixture("designs/boring-monolith.napkin.yaml")),
    );
    assert_eq!(code, 0);
    assert!(out.contains("over-capacity"), "{out}");
}

#[test]
fn rules_doc_is_in_sync_with_the_registry() {
    let out = napkin()
        .args(["rules", "--markdown"])
        .output()
        .expect("runs");
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/RULES.md"))
        .expect("docs/RULES.md");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        doc,
        "docs/RULES.md is stale: run `napkin rules --markdown > docs/RULES.md`"
    );
    let (out, code) = stdout(napkin().args(["rules", "single-point-of-failre"]));
    assert_eq!(code, 2);
    assert!(out.contains("did you mean `single-point-of-failure`?"));
}

#[test]
fn help_has_examples() {
    for cmd in [
        "score",
        "drill",
        "validate",
        "new",
        "scenarios",
        "catalog",
        "rules",
    ] {
        let (out, code) = stdout(napkin().args([cmd, "--help"]));
        assert_eq!(code, 0);
        assert!(out.contains("Example"), "{cmd} --help has no example");
    }
}

#[test]
fn standard_input_completions_man_and_colour() {
    let design = std::fs::read_to_string(fixture("broken/misspelled-keys.napkin.yaml")).unwrap();
    let mut cmd = napkin();
    cmd.arg("validate").arg("-").write_stdin(design);
    let (out, code) = stdout(&mut cmd);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("<stdin>:5:25: error: unknown key `peek_rps`"),
        "{out}"
    );

    let starter = napkin()
        .args(["new", "coffee-ordering"])
        .output()
        .unwrap()
        .stdout;
    let mut cmd = napkin();
    cmd.args(["score", "-", "--format", "json"])
        .write_stdin(starter);
    let (out, code) = stdout(&mut cmd);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\"scores\""), "{out}");

    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (out, code) = stdout(napkin().args(["completions", shell]));
        assert_eq!(code, 0);
        assert!(
            out.contains("score") && out.contains("validate"),
            "{shell}: {out}"
        );
    }
    let (man, code) = stdout(napkin().arg("man"));
    assert_eq!(code, 0);
    assert!(
        man.contains(".TH napkin 1") && man.contains("validate"),
        "{man}"
    );

    let (plain, _) = stdout(napkin().args(["rules", "--color", "never"]));
    assert!(!plain.contains('\u{1b}'));
    let (forced, _) = stdout(napkin().arg("rules").env("CLICOLOR_FORCE", "1"));
    assert!(
        forced.contains("\u{1b}[1m"),
        "CLICOLOR_FORCE colours a pipe"
    );
    let (never, _) = stdout(
        napkin()
            .args(["rules", "--color", "never"])
            .env("CLICOLOR_FORCE", "1"),
    );
    assert!(!never.contains('\u{1b}'), "--color never wins");
}

/// A file cannot write to the terminal through napkin's messages: escape
/// sequences in keys, ids and names are removed whole (here one that would
/// write the clipboard and one that would clear the screen).
#[test]
fn escape_sequences_from_files_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.napkin.yaml");
    std::fs::write(
        &file,
        "napkin: 1\nname: evil\ncomponents:\n  - { id: api, kind: app-server, \"\\e]52;c;aGk=\\a\\e[2Jreplica\": 2, label: \"\\u202egpj.exe\" }\n",
    )
    .unwrap();
    let (out, code) = stdout(napkin().arg("validate").arg(&file));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("unknown key `replica`"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        !out.contains("52;c;"),
        "the payload goes with its sequence: {out:?}"
    );
}

/// File names are untrusted too: a name holding escape sequences is
/// printed without them, in `validate`'s listing and in errors.
#[cfg(unix)]
#[test]
fn escape_sequences_in_file_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil\u{1b}]52;c;aGk=\u{7}x.napkin.yaml");
    std::fs::write(
        &file,
        "napkin: 1\nname: evil\ncomponents:\n  - { id: api, kind: app-server }\n",
    )
    .unwrap();
    let (out, code) = stdout(napkin().arg("validate").arg(dir.path()));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("ok ") && out.contains("evilx.napkin.yaml"),
        "{out:?}"
    );
    let missing = dir.path().join("gone\u{1b}[2J.napkin.yaml");
    let (out, code) = stdout(napkin().arg("score").arg(&missing));
    assert_eq!(code, 2, "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

/// `score --format markdown` escapes what the design says as the Markdown
/// export does: no raw HTML, links or images from a design's text.
#[test]
fn markdown_report_escapes_the_design() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("md.napkin.yaml");
    std::fs::write(
        &file,
        "napkin: 1\nname: \"<script>alert(1)</script> [click](javascript:x) ![i](http://e/x.png)\"\ncomponents:\n  - { id: web, kind: web-client }\n  - { id: db, kind: postgres }\nlinks:\n  - { from: web, to: db }\n",
    )
    .unwrap();
    let (out, code) = stdout(napkin().args(["score", "--format", "markdown"]).arg(&file));
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("<script>"), "{out}");
    assert!(!out.contains("[click]("), "a link survives: {out}");
    assert!(!out.contains("!["), "{out}");
}

#[test]
fn review_prints_the_import_and_the_critique() {
    let (out, code) = stdout(
        napkin()
            .args(["review", "--users", "50", "--engineers", "1"])
            .arg(fixture(
                "compose/docker__awesome-compose__nginx-flask-mysql__compose.yml",
            )),
    );
    assert_eq!(code, 0, "{out}");
    for want in [
        "Services (3):",
        "proxy                    -> reverse-proxy (by name)",
        "Unmapped, judged as app-server (no rule in the table matched): backend",
        "single-point-of-failure",
        "50 users",
        "peak_rps not given: assumed",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(!out.contains("users not given"), "{out}");
}

#[test]
fn review_json_and_markdown_carry_the_import() {
    let out = napkin()
        .args(["review", "--format", "json"])
        .arg(fixture(
            "compose/docker__awesome-compose__prometheus-grafana__compose.yml",
        ))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["import"]["services"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["import"]["services"][0]["tooling"], true);
    assert!(v["report"]["scores"]["overall"].is_u64());
    let (md, code) = stdout(
        napkin()
            .args(["review", "--format", "markdown"])
            .arg(fixture(
                "compose/docker__awesome-compose__gitea-postgres__compose.yml",
            )),
    );
    assert_eq!(code, 0, "{md}");
    assert!(md.contains("| gitea | `gitea` | app-server |"), "{md}");
}

#[test]
fn review_writes_a_design_that_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_file = dir.path().join("voting.napkin.yaml");
    let (out, code) = stdout(
        napkin()
            .args(["review", "--availability", "99.5", "-o"])
            .arg(&out_file)
            .arg(fixture(
                "compose/dockersamples__example-voting-app__docker-compose.yml",
            )),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("napkin open"), "{out}");
    let (scored, code) = stdout(napkin().arg("score").arg(&out_file));
    assert_eq!(code, 0, "{scored}");
    assert!(scored.contains("99.5% target"), "{scored}");
    // A second run never overwrites the file.
    let (again, code) = stdout(napkin().args(["review", "-o"]).arg(&out_file).arg(fixture(
        "compose/dockersamples__example-voting-app__docker-compose.yml",
    )));
    assert_eq!(code, 2, "{again}");
    assert!(again.contains("already exists"), "{again}");
}

#[test]
fn review_refuses_bad_numbers_and_files_that_are_not_compose() {
    let compose = fixture("compose/docker__awesome-compose__flask-redis__compose.yml");
    let (out, code) = stdout(
        napkin()
            .args(["review", "--availability", "120"])
            .arg(&compose),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not a percentage"), "{out}");
    let (out, code) = stdout(napkin().args(["review", "--users", "-5"]).arg(&compose));
    assert_eq!(code, 2, "{out}");
    let (out, code) = stdout(
        napkin()
            .args(["review", "-"])
            .write_stdin("apiVersion: v1\nkind: Service\n"),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("Kubernetes manifest"), "{out}");
    let (out, code) = stdout(napkin().args(["review", "-"]).write_stdin("services: [\n"));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("<stdin>:"), "{out}");
}

#[test]
fn history_lists_attempts_per_scenario_with_their_progress() {
    use napkin::io::history::{Attempt, AttemptScores};
    use napkin::model::level::Level;
    let home = tempfile::tempdir().unwrap();
    let (text, code) = stdout(napkin().env("NAPKIN_HOME", home.path()).arg("history"));
    assert_eq!(code, 0);
    assert!(text.contains("no finished sessions yet"), "{text}");

    let dir = napkin::io::history::dir(home.path());
    std::fs::create_dir_all(&dir).unwrap();
    let attempt =
        |id: &str, scenario: &str, name: Option<&str>, at, resil, findings: &[&str]| Attempt {
            id: id.into(),
            scenario: scenario.into(),
            name: name.map(str::to_string),
            at,
            mode: "interview".into(),
            stage: "launch".into(),
            level: Level::Senior,
            reached: Some(Level::Mid),
            scores: AttemptScores {
                overall: resil / 2,
                over_engineering: 90,
                resilience: resil,
                consistency: 80,
                capacity: 100,
                discovery: None,
            },
            estimates: [2, 1, 0],
            findings: findings.iter().map(|s| s.to_string()).collect(),
        };
    for a in [
        attempt(
            "coffee-ordering-1",
            "coffee-ordering",
            None,
            1_796_601_600,
            40,
            &["single-point-of-failure"],
        ),
        attempt(
            "coffee-ordering-2",
            "coffee-ordering",
            Some("with a replica"),
            1_796_688_000,
            80,
            &["single-point-of-failure", "over-budget"],
        ),
        attempt(
            "ticket-booking-1",
            "ticket-booking",
            None,
            1_796_700_000,
            30,
            &["unguarded-contention"],
        ),
    ] {
        std::fs::write(a.path(&dir), a.to_json()).unwrap();
    }
    let (text, code) = stdout(napkin().env("NAPKIN_HOME", home.path()).arg("history"));
    assert_eq!(code, 0, "{text}");
    for want in [
        "coffee-ordering  2 attempts",
        "2026-12-07   interview launch  overall  20",
        "with a replica",
        "over time: overall 20→40",
        "resilience 40→80",
        "estimates: 4 of 6 within 2x",
        "recurring: single-point-of-failure (2)",
        "ticket-booking  1 attempt",
        "level senior (reached mid)",
        "next: practise resilience (averages 50)",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    let (json, code) = stdout(napkin().env("NAPKIN_HOME", home.path()).args([
        "history",
        "--scenario",
        "ticket-booking",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(v[0]["id"], "ticket-booking-1");
    assert_eq!(v[0]["findings"][0], "unguarded-contention");
}

#[test]
fn practice_refuses_an_unknown_level() {
    let (text, code) =
        stdout(napkin().args(["practice", "coffee-ordering", "--level", "principal"]));
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a level: mid, senior or staff"), "{text}");
}

/// `napkin diff` in text: what changed between two attempts, section by
/// section, with the scores and figures before and after.
#[test]
fn diff_text_lists_what_changed() {
    let (out, code) = stdout(
        napkin()
            .arg("diff")
            .arg(fixture("mentor/ticket-booking-1.napkin.yaml"))
            .arg(fixture("mentor/ticket-booking-2.napkin.yaml")),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("first try -> after feedback"), "{out}");
    for part in [
        "Scores\n  overall ",
        "Cost and operations\n  cost $",
        "Components removed\n  - inventory (app-server)\n  - seat-cache (redis)",
        "Components changed\n  ~ api: replicas 1 -> 2",
        "Links added\n  + api -> db (sync)",
        "Links changed\n  ~ api -> email: sync -> async",
        "Findings closed\n",
    ] {
        assert!(out.contains(part), "missing {part:?} in:\n{out}");
    }
    // The same file twice: nothing changed.
    let f = fixture("mentor/ticket-booking-2.napkin.yaml");
    let (same, code) = stdout(napkin().arg("diff").arg(&f).arg(&f));
    assert_eq!(code, 0);
    assert!(same.contains("No changes."), "{same}");
}

/// `napkin diff --format json`: the same diff as data.
#[test]
fn diff_json_has_every_part() {
    let out = napkin()
        .args(["diff", "--format", "json"])
        .arg(fixture("mentor/ticket-booking-1.napkin.yaml"))
        .arg(fixture("mentor/ticket-booking-2.napkin.yaml"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["before"], "first try");
    assert_eq!(v["after"], "after feedback");
    let d = &v["diff"];
    let ids = |k: &str| -> Vec<String> {
        d[k].as_array()
            .expect(k)
            .iter()
            .map(|x| x["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(ids("components_removed"), ["inventory", "seat-cache"]);
    assert!(ids("components_added").is_empty());
    assert_eq!(d["links_changed"][0]["after"], "async");
    let overall = &d["scores"][0];
    assert_eq!(overall["category"], "overall");
    assert!(
        overall["after"].as_u64() > overall["before"].as_u64(),
        "{overall}"
    );
    assert!(!d["findings_closed"].as_array().expect("closed").is_empty());
    assert!(d["cost_usd_per_month"]["before"].is_number());
    assert!(d["ops_hours_per_month"]["after"].is_number());
}

/// A session is named by its `:name` under `$NAPKIN_HOME/sessions`; a name
/// that is neither a file nor a session is an input error with a hint.
#[test]
fn diff_takes_session_names_and_refuses_unknown_ones() {
    let home = tempfile::tempdir().expect("tmp");
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    for n in ["1", "2"] {
        std::fs::copy(
            fixture(&format!("mentor/ticket-booking-{n}.napkin.yaml")),
            sessions.join(format!("ticket-booking-{n}.napkin.yaml")),
        )
        .unwrap();
    }
    let (out, code) = stdout(napkin().env("NAPKIN_HOME", home.path()).args([
        "diff",
        "first try",
        "ticket-booking-2",
    ]));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("first try -> after feedback"), "{out}");
    let (out, code) = stdout(napkin().env("NAPKIN_HOME", home.path()).args([
        "diff",
        "no-such-attempt",
        "ticket-booking-2",
    ]));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("no file or saved session `no-such-attempt`"),
        "{out}"
    );
}

/// The debrief of a recorded session: the question timeline with the key
/// questions missed, the decisions with how reversible each is (the pack's
/// door, not a default), the follow-up answers beside the model answers,
/// the mentor's notes, and the changes since the previous attempt (found
/// in the sessions folder, or named with --against).
#[test]
fn debrief_of_a_recorded_session() {
    let home = tempfile::tempdir().expect("tmp");
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let first = sessions.join("ticket-booking-1.napkin.yaml");
    let second = sessions.join("ticket-booking-2.napkin.yaml");
    std::fs::copy(fixture("mentor/ticket-booking-1.napkin.yaml"), &first).unwrap();
    // Saved later than the first attempt.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::copy(fixture("mentor/ticket-booking-2.napkin.yaml"), &second).unwrap();
    let (md, code) = stdout(
        napkin()
            .env("NAPKIN_HOME", home.path())
            .args(["export", "--format", "markdown"])
            .arg(&second),
    );
    assert_eq!(code, 0, "{md}");
    for part in [
        // The timeline, in order, with the drawing's start and the misses.
        "## Question timeline",
        "| 00:30 | asked **",
        "| 05:00 | first component on the diagram |",
        "| 25:00 | answered the follow-up The primary database dies mid-sale |",
        "Key questions asked only after the drawing began: `holds`.",
        "Key questions never asked: ",
        // Decisions and their doors.
        "- Reversibility: One-way door: A seat sold twice cannot be unsold",
        // Follow-ups beside the model answers, drilled or not.
        "Answer: Bookings stop until the standby takes over, about a minute.",
        "What a good answer covers: Automatic failover to a synchronous standby",
        "Answer: The buyer waits; the timeout is five seconds.",
        "What a good answer covers: Holds outlive a pending payment",
        // Notes per session, finding and component.
        "- On the session: Much better on payments; still guessed the seat race.",
        "- On finding `constraint-choice`: Talk through the double-booking race again.",
        "- `db`: Asked why one Postgres: good instinct.",
        // The diff against the earlier attempt.
        "## Changes from first try to after feedback",
        "### Components removed",
        "- `inventory` (`app-server`)",
    ] {
        assert!(md.contains(part), "missing {part:?} in:\n{md}");
    }
    assert!(!md.contains("Easy:"), "no decision defaults to easy:\n{md}");
    // Named explicitly, the same comparison; the first attempt has none.
    let (md2, _) = stdout(
        napkin()
            .env("NAPKIN_HOME", home.path())
            .args(["export", "--format", "markdown", "--against"])
            .arg(&first)
            .arg(&second),
    );
    assert!(
        md2.contains("## Changes from first try to after feedback"),
        "{md2}"
    );
    let (md1, _) = stdout(
        napkin()
            .env("NAPKIN_HOME", home.path())
            .args(["export", "--format", "markdown"])
            .arg(&first),
    );
    assert!(!md1.contains("## Changes from"), "{md1}");
}

/// `napkin diff --format markdown`: a score table and a list per change,
/// with ids as code spans.
#[test]
fn diff_markdown_is_a_document() {
    let (md, code) = stdout(
        napkin()
            .args(["diff", "--format", "markdown"])
            .arg(fixture("mentor/ticket-booking-1.napkin.yaml"))
            .arg(fixture("mentor/ticket-booking-2.napkin.yaml")),
    );
    assert_eq!(code, 0, "{md}");
    assert!(
        md.starts_with("# Changes from first try to after feedback"),
        "{md}"
    );
    assert!(md.contains("| score | before | after | change |"), "{md}");
    assert!(
        md.contains("## Components removed\n\n- `inventory` (`app-server`)"),
        "{md}"
    );
    assert!(md.contains("## Findings closed"), "{md}");
}

/// The packs are read only by a command that needs them: a broken pack of
/// the user's is reported by `scenarios` and by scoring a design that names
/// a scenario, and not by `catalog`, `rules` or by scoring and validating a
/// design that names none (those never parse a pack).
#[test]
fn only_commands_that_need_packs_read_them() {
    let home = tempfile::tempdir().unwrap();
    let broken = home.path().join("scenarios/broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("pack.yaml"), "id: [\n").unwrap();
    let plain = fixture("designs/boring-monolith.napkin.yaml");
    let practice = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/coffee-ordering/designs/strong.napkin.yaml");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = napkin()
            .env("NAPKIN_HOME", home.path())
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    for args in [
        vec![os("catalog")],
        vec![os("catalog"), os("kafka")],
        vec![os("rules")],
        vec![os("score"), plain.as_os_str()],
        vec![os("validate"), plain.as_os_str()],
    ] {
        let (code, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!err.contains("broken"), "{args:?} read the packs: {err}");
    }
    for args in [
        vec![os("scenarios")],
        vec![os("score"), practice.as_os_str()],
    ] {
        let (code, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            err.contains("broken/pack.yaml"),
            "{args:?} does not tell the broken pack: {err}"
        );
    }
}
