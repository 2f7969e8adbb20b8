//! The blind panel: designs of real systems written by reviewers who read only
//! the README, docs/FORMAT.md and `napkin catalog`, each with a senior
//! reviewer's expectations frozen before napkin ever ran on it
//! (tests/fixtures/panel/expect.yaml; the reviewers' own files and their
//! sha256 sums are kept in frozen/). This test measures the engine against
//! them and fails when a figure drops below the one recorded in figures.yaml.
//! Figures only move up for the same panel.

use napkin::engine::report::{FindingCategory, Report};
use napkin::engine::{AnalysisOptions, analyze};
use napkin::io::Library;
use napkin::io::load::load_design;
use napkin::model::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Panel {
    designs: BTreeMap<String, Expect>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Expect {
    grade: Grade,
    #[serde(default)]
    must_raise: Vec<Item>,
    #[serde(default)]
    may_raise: Vec<String>,
    #[serde(default)]
    must_not: Vec<Item>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Item {
    #[serde(default)]
    id: Option<String>,
    category: String,
    components: Vec<String>,
    min_severity: String,
    #[serde(default)]
    why: String,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
enum Grade {
    Poor,
    Ok,
    Good,
}

impl Grade {
    /// The overall scores a calibrated tool gives a design of this grade.
    fn band(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Grade::Good => 80..=100,
            Grade::Ok => 50..=79,
            Grade::Poor => 0..=49,
        }
    }
}

/// The figures recorded for the panel; the test fails below any of them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Figures {
    designs: usize,
    recall: f64,
    false_alarms: f64,
    tau_b: f64,
    in_band: f64,
    #[serde(default)]
    #[allow(dead_code)]
    history: Vec<serde_json::Value>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/panel")
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

fn category(name: &str) -> FindingCategory {
    match name {
        "over-engineering" => FindingCategory::OverEngineering,
        "spof" => FindingCategory::Spof,
        "consistency" => FindingCategory::Consistency,
        "capacity" => FindingCategory::Capacity,
        "flow" => FindingCategory::Flow,
        other => panic!("unknown category `{other}` in the panel"),
    }
}

/// True when the report has an open finding that matches the item: same
/// category, naming one of its components (or any, for `any`), at or above
/// its severity.
fn matches(r: &Report, item: &Item) -> bool {
    let cat = category(&item.category);
    let min = Severity::parse(&item.min_severity)
        .unwrap_or_else(|| panic!("unknown severity `{}`", item.min_severity));
    r.findings.iter().any(|f| {
        f.category == cat
            && f.severity >= min
            && (item.components.iter().any(|c| c == "any")
                || f.components.iter().any(|c| item.components.contains(c)))
    })
}

/// Kendall's tau-b between two rankings, ties counted on both sides.
fn tau_b(xs: &[f64], ys: &[f64]) -> f64 {
    let (mut concordant, mut discordant, mut tie_x, mut tie_y) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for i in 0..xs.len() {
        for j in i + 1..xs.len() {
            let dx = xs[i] - xs[j];
            let dy = ys[i] - ys[j];
            match (dx == 0.0, dy == 0.0) {
                (true, true) => {}
                (true, false) => tie_x += 1.0,
                (false, true) => tie_y += 1.0,
                _ if dx * dy > 0.0 => concordant += 1.0,
                _ => discordant += 1.0,
            }
        }
    }
    let denom = ((concordant + discordant + tie_x) * (concordant + discordant + tie_y)).sqrt();
    if denom == 0.0 {
        0.0
    } else {
        (concordant - discordant) / denom
    }
}

#[test]
fn tau_b_matches_known_values() {
    assert_eq!(tau_b(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), 1.0);
    assert_eq!(tau_b(&[1.0, 2.0, 3.0], &[30.0, 20.0, 10.0]), -1.0);
    // Ties on x: (1,1,2) vs (1,2,3): C=2, D=0, tie_x=1 -> 2/sqrt(3*2).
    let t = tau_b(&[1.0, 1.0, 2.0], &[1.0, 2.0, 3.0]);
    assert!((t - 2.0 / 6f64.sqrt()).abs() < 1e-12, "{t}");
}

/// The merged expectations are exactly the reviewers' frozen files.
#[test]
fn expectations_are_the_frozen_ones() {
    let merged: Panel = read(&dir().join("expect.yaml"));
    let mut union = BTreeMap::new();
    let mut frozen: Vec<PathBuf> = std::fs::read_dir(dir().join("frozen"))
        .expect("frozen/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    frozen.sort();
    assert!(!frozen.is_empty());
    for f in frozen {
        let part: Panel = read(&f);
        for (name, e) in part.designs {
            assert!(union.insert(name.clone(), e).is_none(), "{name} twice");
        }
    }
    assert_eq!(merged.designs, union);
}

#[test]
fn panel_figures_hold() {
    let lib = Library::builtin().expect("library");
    let panel: Panel = read(&dir().join("expect.yaml"));
    let figures: Figures = read(&dir().join("figures.yaml"));
    let (mut raised, mut found, mut guards, mut violated, mut banded) = (0, 0, 0, 0, 0);
    let (mut grades, mut scores) = (Vec::new(), Vec::new());
    let mut lines = Vec::new();
    for (name, expect) in &panel.designs {
        let path = dir().join("designs").join(format!("{name}.napkin.yaml"));
        let design = load_design(&path, &lib)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .design;
        let r = analyze(&design, &lib.catalog, None, &AnalysisOptions::default());
        let overall = r.scores.overall;
        let in_band = expect.grade.band().contains(&overall);
        banded += usize::from(in_band);
        grades.push(expect.grade as u8 as f64);
        scores.push(f64::from(overall));
        let mut notes = Vec::new();
        for item in &expect.must_raise {
            raised += 1;
            if matches(&r, item) {
                found += 1;
            } else {
                notes.push(format!(
                    "missed {} ({} {:?} >= {})",
                    item.id.as_deref().unwrap_or("?"),
                    item.category,
                    item.components,
                    item.min_severity
                ));
            }
        }
        for item in &expect.must_not {
            guards += 1;
            if matches(&r, item) {
                violated += 1;
                notes.push(format!(
                    "false alarm: {} {:?} >= {} ({})",
                    item.category, item.components, item.min_severity, item.why
                ));
            }
        }
        lines.push(format!(
            "{name:<34} {:?}/{overall:>3}{}{}",
            expect.grade,
            if in_band { "" } else { " (out of band)" },
            notes
                .iter()
                .map(|n| format!("\n    {n}"))
                .collect::<String>()
        ));
    }
    let n = panel.designs.len();
    let recall = found as f64 / raised.max(1) as f64;
    let false_alarms = violated as f64 / guards.max(1) as f64;
    let tau = tau_b(&grades, &scores);
    let in_band = banded as f64 / n.max(1) as f64;
    println!("{}", lines.join("\n"));
    println!(
        "panel: {n} designs; recall {found}/{raised} = {recall:.4}; false alarms {violated}/{guards} = {false_alarms:.4}; Kendall tau-b {tau:.4}; in band {banded}/{n} = {in_band:.3}"
    );
    assert_eq!(
        n, figures.designs,
        "the panel changed: record new figures in figures.yaml in the same commit"
    );
    let eps = 1e-9;
    assert!(
        recall + eps >= figures.recall,
        "recall fell below {}",
        figures.recall
    );
    assert!(
        false_alarms <= figures.false_alarms + eps,
        "false alarms rose above {}",
        figures.false_alarms
    );
    assert!(
        tau + eps >= figures.tau_b,
        "tau-b fell below {}",
        figures.tau_b
    );
    assert!(
        in_band + eps >= figures.in_band,
        "in-band share fell below {}",
        figures.in_band
    );
}
