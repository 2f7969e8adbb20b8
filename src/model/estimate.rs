//! Back-of-the-envelope estimates: the figures a candidate estimates, what a
//! session records of them, the real figures a pack's stage gives, and the
//! grade (within 2x good, within 10x rough, beyond that off).

use super::Stage;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A figure the estimator asks for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Quantity {
    /// Requests a second at peak, all kinds.
    PeakRps,
    /// Writes a second at peak.
    WriteRps,
    /// Messages (events, jobs) a day.
    MessagesPerDay,
    /// Data added in a year, in GB.
    StorageGbPerYear,
    /// Traffic at peak, in megabits a second.
    BandwidthMbps,
}

impl Quantity {
    /// Every figure, in the order the panel lists them.
    pub const ALL: [Quantity; 5] = [
        Quantity::PeakRps,
        Quantity::WriteRps,
        Quantity::MessagesPerDay,
        Quantity::StorageGbPerYear,
        Quantity::BandwidthMbps,
    ];

    /// The id used in files and commands.
    pub fn id(self) -> &'static str {
        match self {
            Quantity::PeakRps => "peak-rps",
            Quantity::WriteRps => "write-rps",
            Quantity::MessagesPerDay => "messages-per-day",
            Quantity::StorageGbPerYear => "storage-gb-per-year",
            Quantity::BandwidthMbps => "bandwidth-mbps",
        }
    }

    /// The name shown on screen.
    pub fn title(self) -> &'static str {
        match self {
            Quantity::PeakRps => "peak requests/s",
            Quantity::WriteRps => "peak writes/s",
            Quantity::MessagesPerDay => "messages a day",
            Quantity::StorageGbPerYear => "storage a year (GB)",
            Quantity::BandwidthMbps => "bandwidth (Mbit/s)",
        }
    }

    /// The figure with this id.
    pub fn parse(id: &str) -> Option<Quantity> {
        Quantity::ALL.into_iter().find(|q| q.id() == id)
    }

    /// The stage's real figure, where the pack gives it.
    pub fn truth(self, stage: &Stage) -> Option<f64> {
        let load = stage.context.load.as_ref();
        let extra = stage.estimates.as_ref();
        match self {
            Quantity::PeakRps => load?.peak_rps,
            Quantity::WriteRps => load?.write_rps,
            Quantity::MessagesPerDay => load?.events_per_day,
            Quantity::StorageGbPerYear => extra?.storage_gb_per_year,
            Quantity::BandwidthMbps => extra?.bandwidth_mbps,
        }
    }
}

/// The figures of a stage that its `context` does not hold, for the
/// estimator, with where they come from and the arithmetic per figure
/// (`estimates:` on a stage in `pack.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StageFigures {
    /// Data the system adds in a year, in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_gb_per_year: Option<f64>,
    /// Traffic at peak, in megabits a second (in and out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_mbps: Option<f64>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Figure id (`peak-rps`, `storage-gb-per-year`, ...) -> the arithmetic
    /// that gets to the stage's figure, shown at wrap-up.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub working: BTreeMap<String, String>,
}

/// One figure the candidate estimated, for one stage (`session.estimates`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Estimate {
    /// The stage it was made for.
    pub stage: String,
    pub quantity: Quantity,
    pub value: f64,
}

/// How close an estimate came.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// Within 2x of the real figure.
    Good,
    /// Within 10x.
    Rough,
    /// Further off.
    Off,
}

impl Grade {
    /// The word shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Good => "good",
            Grade::Rough => "rough",
            Grade::Off => "off",
        }
    }
}

/// How many times apart two figures are (1 when equal); infinite when one
/// of them is 0 and the other is not.
pub fn factor(estimate: f64, truth: f64) -> f64 {
    if estimate == truth {
        return 1.0;
    }
    if estimate <= 0.0 || truth <= 0.0 {
        return f64::INFINITY;
    }
    (estimate / truth).max(truth / estimate)
}

/// The grade of an estimate against the real figure.
pub fn grade(estimate: f64, truth: f64) -> Grade {
    let f = factor(estimate, truth);
    if f <= 2.0 {
        Grade::Good
    } else if f <= 10.0 {
        Grade::Rough
    } else {
        Grade::Off
    }
}

/// One estimate checked against its stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub quantity: Quantity,
    /// What the candidate said, if anything.
    pub estimate: Option<f64>,
    /// The stage's figure, if the pack gives one.
    pub truth: Option<f64>,
    /// Both are known.
    pub grade: Option<Grade>,
    /// The pack's arithmetic for the figure.
    pub working: Option<String>,
}

/// Every figure of the estimator for `stage`, with what the candidate said.
pub fn check(stage: &Stage, estimates: &[Estimate]) -> Vec<Checked> {
    Quantity::ALL
        .into_iter()
        .map(|quantity| {
            let estimate = estimates
                .iter()
                .rev()
                .find(|e| e.stage == stage.id && e.quantity == quantity)
                .map(|e| e.value);
            let truth = quantity.truth(stage);
            let grade = estimate.zip(truth).map(|(e, t)| grade(e, t));
            let working = stage
                .estimates
                .as_ref()
                .and_then(|f| f.working.get(quantity.id()))
                .cloned();
            Checked {
                quantity,
                estimate,
                truth,
                grade,
                working,
            }
        })
        .collect()
}

/// What is wrong with a pack's estimator figures: an unknown figure id in
/// `working`, a figure that is not a finite positive number.
pub fn pack_problems(pack: &super::Pack, out: &mut Vec<super::Problem>) {
    for (i, st) in pack.stages.iter().enumerate() {
        let Some(f) = &st.estimates else { continue };
        for (key, v) in [
            ("storage_gb_per_year", f.storage_gb_per_year),
            ("bandwidth_mbps", f.bandwidth_mbps),
        ] {
            if let Some(v) = v
                && !(v.is_finite() && v > 0.0)
            {
                out.push(
                    super::Problem::error(
                        format!("stages[{i}].estimates.{key}"),
                        format!("{v} is not a positive number"),
                    )
                    .hint("give the figure the estimator checks, e.g. `2.5`"),
                );
            }
        }
        for id in f.working.keys() {
            if Quantity::parse(id).is_none() {
                let ids: Vec<&str> = Quantity::ALL.iter().map(|q| q.id()).collect();
                out.push(
                    super::Problem::error(
                        format!("stages[{i}].estimates.working.{id}"),
                        format!("no estimator figure `{id}`"),
                    )
                    .hint(format!("the figures are {}", ids.join(", "))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_by_how_many_times_off() {
        assert_eq!(grade(10.0, 10.0), Grade::Good);
        assert_eq!(grade(5.0, 10.0), Grade::Good);
        assert_eq!(grade(20.0, 10.0), Grade::Good);
        assert_eq!(grade(21.0, 10.0), Grade::Rough);
        assert_eq!(grade(1.0, 10.0), Grade::Rough);
        assert_eq!(grade(0.9, 10.0), Grade::Off);
        assert_eq!(grade(101.0, 10.0), Grade::Off);
        assert_eq!(grade(0.0, 10.0), Grade::Off);
        assert_eq!(grade(0.0, 0.0), Grade::Good);
    }

    #[test]
    fn checks_the_latest_estimate_for_the_stage() {
        let stage: Stage = serde_yaml::from_str(
            "{id: launch, title: T, context: {load: {peak_rps: 6}}, \
             estimates: {storage_gb_per_year: 2, source: s, working: {peak-rps: '80 / 900 s'}}}",
        )
        .expect("parses");
        let est = |q, v: f64, s: &str| Estimate {
            stage: s.into(),
            quantity: q,
            value: v,
        };
        let said = [
            est(Quantity::PeakRps, 100.0, "launch"),
            est(Quantity::PeakRps, 10.0, "launch"),
            est(Quantity::StorageGbPerYear, 50.0, "launch"),
            est(Quantity::WriteRps, 1.0, "growth"),
        ];
        let c = check(&stage, &said);
        assert_eq!(c[0].grade, Some(Grade::Good));
        assert_eq!(c[0].working.as_deref(), Some("80 / 900 s"));
        assert_eq!((c[1].estimate, c[1].grade), (None, None));
        assert_eq!(c[3].grade, Some(Grade::Off));
        assert_eq!((c[4].truth, c[4].grade), (None, None));
    }
}

/// Reads a figure as people type it: `6`, `25,000`, `2.5k`, `50M`, `1e6`.
pub fn parse_value(typed: &str) -> Result<f64, String> {
    let t: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    let (digits, scale) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1e3),
        Some((i, 'm' | 'M')) => (&t[..i], 1e6),
        Some((i, 'b' | 'B')) => (&t[..i], 1e9),
        _ => (t.as_str(), 1.0),
    };
    match digits.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x * scale),
        _ => Err(format!(
            "`{}` is not a figure: give a number of 0 or more (`25,000`, `2.5k`, `50M`)",
            crate::text::label(typed, 40)
        )),
    }
}

#[cfg(test)]
mod parse_tests {
    use super::parse_value;

    #[test]
    fn reads_figures_as_typed() {
        assert_eq!(parse_value("25,000"), Ok(25_000.0));
        assert_eq!(parse_value("2.5k"), Ok(2_500.0));
        assert_eq!(parse_value(" 50M "), Ok(50_000_000.0));
        assert_eq!(parse_value("1e3"), Ok(1_000.0));
        assert!(parse_value("lots").is_err());
        assert!(parse_value("-3").is_err());
        assert!(parse_value("").is_err());
    }
}
