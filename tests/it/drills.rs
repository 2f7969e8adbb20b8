//! Every built-in drill on every reference design of its pack: it runs, and
//! what it says about each flow agrees with the critique of the same design
//! under the same conditions.

use napkin::engine::report::Report;
use napkin::engine::{analyze, drill_options};
use napkin::io::load::load_design_str;
use napkin::model::FlowStatus;

use crate::common::lib;

/// (pack, reference file, drill id, report) for every pairing.
fn every_drill() -> Vec<(String, String, String, Report)> {
    let lib = lib();
    let mut out = Vec::new();
    for lp in lib.packs() {
        for r in &lp.pack.references {
            let text = lp.read(&r.file).expect("reference readable");
            let design = load_design_str(&text, &r.file, &lib)
                .expect("reference loads")
                .design;
            for d in &lp.pack.drills {
                let opts = drill_options(&lp.pack, &d.id)
                    .unwrap_or_else(|e| panic!("{} {}: {}", lp.pack.id, d.id, e.message));
                let report = analyze(&design, &lib.catalog, Some(&lp.pack), &opts);
                out.push((lp.pack.id.clone(), r.file.clone(), d.id.clone(), report));
            }
        }
    }
    out
}

#[test]
fn every_drill_runs_on_every_reference_and_reports_its_flows() {
    let all = every_drill();
    assert!(all.len() >= 19 * 4, "{} drill runs", all.len());
    for (pack, file, id, report) in &all {
        let d = report
            .drill
            .as_ref()
            .unwrap_or_else(|| panic!("{pack}/{file} --drill {id}: no drill outcome"));
        assert!(!d.flows.is_empty(), "{pack}/{file} --drill {id}: no flows");
    }
}

#[test]
fn an_over_capacity_component_on_a_flow_is_never_untouched() {
    for (pack, file, id, report) in every_drill() {
        let over: Vec<&String> = report
            .findings
            .iter()
            .filter(|f| f.rule == "over-capacity")
            .flat_map(|f| &f.components)
            .collect();
        let Some(d) = &report.drill else { continue };
        for f in &d.flows {
            if f.status == FlowStatus::Ok {
                for c in &over {
                    assert!(
                        !f.detail.contains(&format!("`{c}`")),
                        "{pack}/{file} --drill {id}: {} ok while `{c}` is over capacity",
                        f.flow
                    );
                }
            }
        }
        if !over.is_empty() && d.failed.is_empty() {
            assert!(
                d.flows.iter().any(|f| f.status != FlowStatus::Ok),
                "{pack}/{file} --drill {id}: {over:?} over capacity and every flow ok: {:#?}",
                d.flows
            );
        }
    }
}

#[test]
fn losing_an_external_provider_is_its_outage() {
    let lib = lib();
    for (pack, file, id, report) in every_drill() {
        let Some(d) = &report.drill else { continue };
        for s in &d.survived {
            let category = report
                .components
                .iter()
                .find(|c| c.id == *s)
                .and_then(|c| lib.catalog.get(&c.kind))
                .map(|k| k.category);
            assert_ne!(
                category,
                Some(napkin::model::Category::External),
                "{pack}/{file} --drill {id}: external `{s}` survived"
            );
        }
    }
}

#[test]
fn a_drill_claims_a_durable_queue_only_when_the_critique_sees_one() {
    for (pack, file, id, report) in every_drill() {
        let Some(d) = &report.drill else { continue };
        for f in &d.flows {
            assert!(
                !f.detail.contains("durable queue"),
                "{pack}/{file} --drill {id}: {} claims a durable queue without naming it",
                f.flow
            );
            if f.status == FlowStatus::Delayed && f.detail.contains("waits in") {
                let lost = report
                    .findings
                    .iter()
                    .filter(|x| x.rule == "async-without-durable-hop")
                    .flat_map(|x| &x.components)
                    .any(|c| f.detail.contains(&format!("waits in `{c}`")));
                assert!(
                    !lost,
                    "{pack}/{file} --drill {id}: {} waits in a buffer the critique calls not durable",
                    f.flow
                );
            }
        }
    }
}

#[test]
fn drill_errors_say_what_is_wrong() {
    let lib = lib();
    let mut pack = lib.pack("ticket-booking").expect("built-in").pack.clone();
    let e = drill_options(&pack, "nope").expect_err("unknown id");
    assert!(e.message.contains("no drill `nope`"), "{}", e.message);
    let hint = e.hint.unwrap_or_default();
    assert!(
        hint.contains("on-sale-10x") && hint.contains("cache-dies"),
        "{hint}"
    );

    let d = &mut pack.drills[0];
    d.spike = None;
    d.fail.clear();
    d.stage = None;
    let e = drill_options(&pack, "on-sale-10x").expect_err("nothing to run");
    assert!(
        e.message.contains("sets no `fail`, `spike` or `stage`"),
        "{}",
        e.message
    );
}

#[test]
fn a_stage_only_drill_runs_and_reports_flows() {
    let lib = lib();
    let lp = lib.pack("ticket-booking").expect("built-in");
    let opts = drill_options(&lp.pack, "stadium-tour").expect("runs");
    assert!(opts.drill && opts.fail.is_empty() && opts.spike.is_none());
}

#[test]
fn drill_markdown_is_markdown() {
    let out = assert_cmd::Command::cargo_bin("napkin")
        .expect("binary")
        .args([
            "drill",
            "--format",
            "markdown",
            "--drill",
            "payment-timeout",
        ])
        .arg(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("scenarios/coffee-ordering/designs/strong.napkin.yaml"),
        )
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("**Drill: Payment provider times out**"),
        "{text}"
    );
    assert!(text.contains("## Drill\n"), "{text}");
    assert!(text.contains("| flow | status | what happens |"), "{text}");
    assert!(!text.contains("\x1b["), "{text}");
}

#[test]
fn validation_rejects_a_drill_that_changes_nothing() {
    let lib = lib();
    let mut pack = lib.pack("coffee-ordering").expect("built-in").pack.clone();
    assert!(napkin::model::validate::validate_pack(&pack, &lib.catalog).is_empty());
    let d = pack
        .drills
        .iter_mut()
        .find(|d| d.id == "oat-milk-runs-out")
        .expect("drill");
    d.stage = None;
    let problems = napkin::model::validate::validate_pack(&pack, &lib.catalog);
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("`oat-milk-runs-out` sets no `fail`, `spike` or `stage`")),
        "{problems:#?}"
    );
}

/// The binary, with an empty home and no colour, and its combined output.
fn run(args: &[&str], design: &str) -> (String, i32) {
    let out = assert_cmd::Command::cargo_bin("napkin")
        .expect("binary")
        .env(
            "NAPKIN_HOME",
            std::env::temp_dir().join("napkin-drill-tests-empty-home"),
        )
        .env("NO_COLOR", "1")
        .args(args)
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(design))
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn every_built_in_drill_exits_zero_on_every_reference() {
    // Before issue 16 the five stage-only drills exited 2 with "a drill
    // needs --fail, --spike or --drill" although --drill was given.
    let lib = lib();
    for lp in lib.packs() {
        for r in &lp.pack.references {
            let design = format!("scenarios/{}/{}", lp.pack.id, r.file);
            for d in &lp.pack.drills {
                let (out, code) = run(&["drill", "--drill", &d.id], &design);
                assert_eq!(code, 0, "{design} --drill {}: {out}", d.id);
                assert!(
                    out.contains("\nDrill\n"),
                    "{design} --drill {}: {out}",
                    d.id
                );
            }
        }
    }
}

#[test]
fn an_unknown_drill_id_names_the_drills_there_are() {
    let (out, code) = run(
        &["drill", "--drill", "redis-dies"],
        "scenarios/coffee-ordering/designs/strong.napkin.yaml",
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("scenario `coffee-ordering` has no drill `redis-dies`"),
        "{out}"
    );
    assert!(
        out.contains("morning-rush-8x") && out.contains("thousand-stores"),
        "{out}"
    );
}

#[test]
fn a_failure_that_matches_nothing_is_an_error_that_lists_the_components() {
    let (out, code) = run(
        &["drill", "--fail", "mongodb"],
        "scenarios/coffee-ordering/designs/strong.napkin.yaml",
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("--fail `mongodb`: nothing in the design has that id, kind or category"),
        "{out}"
    );
    assert!(
        out.contains("its components: ") && out.contains("postgres"),
        "{out}"
    );
}

#[test]
fn a_drill_that_names_a_kind_the_design_lacks_says_so() {
    // The over-engineered design keeps its data in DynamoDB: "the Postgres
    // primary dies" takes nothing down, and the drill must say why rather
    // than call every flow untouched without a word.
    let design = "scenarios/notification-system/designs/over-engineered.napkin.yaml";
    let (out, code) = run(&["drill", "--drill", "postgres-dies"], design);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("not in the design, so nothing of it to lose: postgres"),
        "{out}"
    );
    let (out, code) = run(
        &["drill", "--drill", "postgres-dies", "--format", "markdown"],
        design,
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("- not in the design, so nothing of it to lose: `postgres`"),
        "{out}"
    );
    let (out, code) = run(
        &["drill", "--drill", "postgres-dies", "--format", "json"],
        design,
    );
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["drill"]["absent"], serde_json::json!(["postgres"]));
}

#[test]
fn a_drill_without_a_scenario_says_to_use_fail_or_spike() {
    let (out, code) = run(
        &["drill", "--drill", "morning-rush-8x"],
        "tests/fixtures/designs/boring-monolith.napkin.yaml",
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("--drill needs a design with a `scenario:`"),
        "{out}"
    );
    assert!(out.contains("--fail and --spike"), "{out}");
}

/// The plain critique of every reference, by pack and file.
fn plain_reports() -> std::collections::BTreeMap<(String, String), Report> {
    let lib = lib();
    let mut out = std::collections::BTreeMap::new();
    for lp in lib.packs() {
        for r in &lp.pack.references {
            let text = lp.read(&r.file).expect("reference readable");
            let design = load_design_str(&text, &r.file, &lib)
                .expect("reference loads")
                .design;
            let report = analyze(
                &design,
                &lib.catalog,
                Some(&lp.pack),
                &napkin::engine::AnalysisOptions::default(),
            );
            out.insert((lp.pack.id.clone(), r.file.clone()), report);
        }
    }
    out
}

#[test]
fn a_flow_the_critique_says_a_component_breaks_is_not_ok_when_it_goes_down() {
    let plain = plain_reports();
    let mut checked = 0;
    for (pack, file, id, report) in every_drill() {
        let Some(d) = &report.drill else { continue };
        // Judged at another stage or load, the flows may differ.
        if d.spike != 1.0
            || report.context.stage != plain[&(pack.clone(), file.clone())].context.stage
        {
            continue;
        }
        let base = &plain[&(pack.clone(), file.clone())];
        for c in &d.failed {
            for hit in base.blast_radius.get(c).into_iter().flatten() {
                let Some(f) = d.flows.iter().find(|f| f.flow == hit.flow) else {
                    continue;
                };
                checked += 1;
                assert_ne!(
                    f.status,
                    FlowStatus::Ok,
                    "{pack}/{file} --drill {id}: the critique says losing `{c}` {} `{}`, the drill says ok: {}",
                    hit.status,
                    hit.flow,
                    f.detail
                );
                if hit.status == FlowStatus::Broken {
                    assert_eq!(
                        f.status,
                        FlowStatus::Broken,
                        "{pack}/{file} --drill {id}: the critique says losing `{c}` breaks `{}`: {}",
                        hit.flow,
                        f.detail
                    );
                }
            }
        }
    }
    assert!(checked > 0, "no drill took down a component on a flow");
}

#[test]
fn a_component_the_critique_calls_a_single_point_of_failure_never_survives_a_drill() {
    let plain = plain_reports();
    for (pack, file, id, report) in every_drill() {
        let Some(d) = &report.drill else { continue };
        let base = &plain[&(pack.clone(), file.clone())];
        for s in &d.survived {
            assert!(
                !base.metrics.spofs.contains(s),
                "{pack}/{file} --drill {id}: `{s}` kept going, but the critique calls it a single point of failure"
            );
        }
    }
}

#[test]
fn a_flow_the_critique_calls_unreachable_is_broken_in_every_drill() {
    let plain = plain_reports();
    let mut checked = 0;
    for (pack, file, id, report) in every_drill() {
        let Some(d) = &report.drill else { continue };
        let base = &plain[&(pack.clone(), file.clone())];
        if report.context.stage != base.context.stage {
            continue;
        }
        for f in &base.findings {
            if f.rule != "unreachable-target" {
                continue;
            }
            for flow in &d.flows {
                if f.message.contains(&format!("flow `{}` ", flow.flow)) {
                    checked += 1;
                    assert_eq!(
                        flow.status,
                        FlowStatus::Broken,
                        "{pack}/{file} --drill {id}: `{}` is unreachable ({}) but the drill says: {}",
                        flow.flow,
                        f.message,
                        flow.detail
                    );
                }
            }
        }
    }
    // No reference leaves a flow unreachable when healthy: build one. The
    // strong coffee design without its push provider cannot tell anyone
    // their drink is ready, before any drill and whatever the drill.
    let lib = lib();
    let lp = lib.pack("coffee-ordering").expect("built-in");
    let text = lp.read("designs/strong.napkin.yaml").expect("reference");
    let mut design = load_design_str(&text, "strong.napkin.yaml", &lib)
        .expect("loads")
        .design;
    let gone: Vec<String> = design
        .components
        .iter()
        .filter(|c| c.kind == "push-provider")
        .map(|c| c.id.clone())
        .collect();
    assert!(!gone.is_empty());
    design.components.retain(|c| !gone.contains(&c.id));
    design
        .links
        .retain(|l| !gone.contains(&l.from) && !gone.contains(&l.to));
    for d in ["morning-rush-8x", "payment-timeout", "push-outage"] {
        let opts = drill_options(&lp.pack, d).expect("drill");
        let report = analyze(&design, &lib.catalog, Some(&lp.pack), &opts);
        let flow = report
            .drill
            .as_ref()
            .and_then(|o| o.flows.iter().find(|f| f.flow == "ready-notify"))
            .expect("ready-notify judged");
        checked += 1;
        assert_eq!(
            flow.status,
            FlowStatus::Broken,
            "--drill {d}: {}",
            flow.detail
        );
        assert!(
            flow.detail.starts_with(
                "does not work even before the drill: nothing reaches `push-provider`"
            ),
            "--drill {d}: {}",
            flow.detail
        );
    }
    assert!(checked > 0);
}
