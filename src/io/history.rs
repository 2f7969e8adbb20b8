//! Progress over time: one record per finished session under the home
//! folder (`history/<session>.json`, rewritten as the session goes on), and
//! what they add up to: attempts per scenario, scores over time, estimation
//! accuracy, the level reached and the findings that keep coming back.

use crate::model::level::Level;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of records, beside the sessions folder.
pub fn dir(data: &Path) -> PathBuf {
    data.join("history")
}

/// One finished session as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// The session file's name without `.napkin.yaml`: one record per session.
    pub id: String,
    /// The pack.
    pub scenario: String,
    /// The name given with `:name`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When it was recorded, Unix seconds.
    pub at: u64,
    /// `interview` or `practice`.
    pub mode: String,
    /// The stage it was last judged at.
    pub stage: String,
    /// The level it was judged at.
    pub level: Level,
    /// The highest level whose expectations were all shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reached: Option<Level>,
    /// Scores at the last stage, 0-100.
    pub scores: AttemptScores,
    /// Estimates graded good, rough and off.
    #[serde(default)]
    pub estimates: [usize; 3],
    /// Rules with an open finding, once each.
    #[serde(default)]
    pub findings: Vec<String>,
}

/// An attempt's scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct AttemptScores {
    pub overall: u32,
    pub over_engineering: u32,
    pub resilience: u32,
    pub consistency: u32,
    pub capacity: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovery: Option<u32>,
}

impl AttemptScores {
    /// (name, score) per category, in the report's order.
    pub fn categories(&self) -> [(&'static str, u32); 4] {
        [
            ("over-engineering", self.over_engineering),
            ("resilience", self.resilience),
            ("consistency", self.consistency),
            ("capacity", self.capacity),
        ]
    }
}

impl Attempt {
    /// How it is named in lists: its name, else the day it was recorded.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) if !n.trim().is_empty() => crate::text::line(n),
            _ => date(self.at),
        }
    }

    /// The file its record is kept in.
    pub fn path(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}.json", self.id))
    }

    /// The record's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Every record in `dir`, oldest first, and a line per file that could not
/// be read. A missing folder is no records.
pub fn load(dir: &Path) -> (Vec<Attempt>, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (out, warnings);
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some("json") {
            continue;
        }
        let read = super::load::read_bounded(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Attempt>(&t).map_err(|e| e.to_string()));
        match read {
            Ok(a) => out.push(a),
            Err(e) => warnings.push(format!("{}: {e}", path.display())),
        }
    }
    out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    (out, warnings)
}

/// Attempts per scenario, each oldest first.
pub fn by_scenario(attempts: &[Attempt]) -> BTreeMap<&str, Vec<&Attempt>> {
    let mut out: BTreeMap<&str, Vec<&Attempt>> = BTreeMap::new();
    for a in attempts {
        out.entry(a.scenario.as_str()).or_default().push(a);
    }
    out
}

/// Rules found in more than one attempt, most frequent first: (rule, attempts).
pub fn recurring<'a>(attempts: impl IntoIterator<Item = &'a Attempt>) -> Vec<(String, usize)> {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for a in attempts {
        for r in &a.findings {
            *n.entry(r.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = n
        .into_iter()
        .filter(|(_, c)| *c > 1)
        .map(|(r, c)| (r.to_string(), c))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Estimates graded good out of all graded, over the attempts.
pub fn accuracy<'a>(attempts: impl IntoIterator<Item = &'a Attempt>) -> (usize, usize) {
    attempts.into_iter().fold((0, 0), |(g, n), a| {
        (g + a.estimates[0], n + a.estimates.iter().sum::<usize>())
    })
}

/// The weakest category on average over the attempts, with its mean.
pub fn weakest<'a>(attempts: impl IntoIterator<Item = &'a Attempt>) -> Option<(&'static str, u32)> {
    let mut sums = [0u32; 4];
    let mut n = 0u32;
    for a in attempts {
        for (s, (_, v)) in sums.iter_mut().zip(a.scores.categories()) {
            *s += v;
        }
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let names = AttemptScores::default().categories().map(|(c, _)| c);
    names
        .into_iter()
        .zip(sums)
        .map(|(c, s)| (c, s / n))
        .min_by_key(|(_, m)| *m)
}

/// One sentence on what to practise next, from the weakest category and the
/// finding that recurs most.
pub fn practise_next(attempts: &[Attempt]) -> Option<String> {
    let (cat, mean) = weakest(attempts)?;
    let mut s = format!("practise {cat} (averages {mean})");
    if let Some((rule, n)) = recurring(attempts).first() {
        s.push_str(&format!("; `{rule}` came up in {n} attempts"));
    }
    Some(s)
}

/// `YYYY-MM-DD` (UTC) of a Unix time.
pub fn date(unix: u64) -> String {
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = (unix / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(id: &str, at: u64, resil: u32, findings: &[&str]) -> Attempt {
        Attempt {
            id: id.into(),
            scenario: "coffee-ordering".into(),
            name: None,
            at,
            mode: "interview".into(),
            stage: "launch".into(),
            level: Level::Senior,
            reached: Some(Level::Mid),
            scores: AttemptScores {
                overall: 60,
                over_engineering: 90,
                resilience: resil,
                consistency: 80,
                capacity: 100,
                discovery: None,
            },
            estimates: [2, 1, 1],
            findings: findings.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn dates_are_civil_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_796_601_600), "2026-12-07");
    }

    #[test]
    fn records_round_trip_and_add_up() {
        let dir = tempfile::tempdir().unwrap();
        let a = attempt(
            "coffee-ordering-1",
            100,
            40,
            &["single-point-of-failure", "over-budget"],
        );
        let b = attempt("coffee-ordering-2", 50, 60, &["single-point-of-failure"]);
        for x in [&a, &b] {
            std::fs::write(x.path(dir.path()), x.to_json()).unwrap();
        }
        std::fs::write(dir.path().join("bad.json"), "{").unwrap();
        let (all, warnings) = load(dir.path());
        assert_eq!(all, vec![b.clone(), a.clone()]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            recurring(&all),
            vec![("single-point-of-failure".to_string(), 2)]
        );
        assert_eq!(accuracy(&all), (4, 8));
        assert_eq!(weakest(&all), Some(("resilience", 50)));
        assert_eq!(
            practise_next(&all).as_deref(),
            Some(
                "practise resilience (averages 50); `single-point-of-failure` came up in 2 attempts"
            )
        );
        let named = Attempt {
            name: Some("second go".into()),
            ..a
        };
        assert_eq!(named.label(), "second go");
        assert_eq!(b.label(), "1970-01-01");
    }
}
