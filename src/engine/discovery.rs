//! The discovery score: did the candidate ask the questions that matter
//! before drawing boxes?

use crate::model::{Design, Pack};

/// How well the clarifying questions went.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Discovery {
    /// 0-100.
    pub score: u32,
    /// Key questions asked before the first component.
    pub key_asked_early: Vec<String>,
    /// Key questions asked, but only after drawing started.
    pub key_asked_late: Vec<String>,
    /// Key questions never asked.
    pub key_missed: Vec<String>,
    /// Distractors asked.
    pub distractors: Vec<String>,
}

/// Scores discovery when the design records questions asked and the pack has
/// key questions; `None` otherwise. Without timings, every recorded question
/// counts as asked before drawing.
///
/// Formula: 100 x (early key + half of late key) / all key, minus 5 per
/// distractor asked, clamped to 0-100.
pub fn score(design: &Design, pack: &Pack) -> Option<Discovery> {
    let keys: Vec<&str> = pack
        .questions
        .iter()
        .filter(|q| q.key)
        .map(|q| q.id.as_str())
        .collect();
    if keys.is_empty() || (design.asked.is_empty() && design.session.is_none()) {
        return None;
    }
    let first = design.session.as_ref().and_then(|s| s.first_component_at_s);
    let asked_at = |id: &str| -> Option<Option<u64>> {
        if let Some(s) = &design.session
            && let Some(a) = s.asked_at.iter().find(|a| a.id == id)
        {
            return Some(Some(a.at_s));
        }
        design.asked.iter().any(|a| a == id).then_some(None)
    };
    let mut d = Discovery {
        score: 0,
        key_asked_early: Vec::new(),
        key_asked_late: Vec::new(),
        key_missed: Vec::new(),
        distractors: Vec::new(),
    };
    for k in &keys {
        match asked_at(k) {
            None => d.key_missed.push(k.to_string()),
            Some(Some(t)) if first.is_some_and(|f| t > f) => d.key_asked_late.push(k.to_string()),
            Some(_) => d.key_asked_early.push(k.to_string()),
        }
    }
    for q in pack.questions.iter().filter(|q| q.distractor) {
        if asked_at(&q.id).is_some() {
            d.distractors.push(q.id.clone());
        }
    }
    let credit = d.key_asked_early.len() as f64
        + super::policy::LATE_QUESTION_CREDIT * d.key_asked_late.len() as f64;
    let raw = 100.0 * credit / keys.len() as f64
        - super::policy::DISTRACTOR_PENALTY * d.distractors.len() as f64;
    d.score = raw.clamp(0.0, 100.0).round() as u32;
    Some(d)
}
