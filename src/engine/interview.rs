//! Interview mode's judgement calls that need no clock: which pack question
//! a typed question asks, and the order a session shows a prompt's options.
//!
//! Matching is on words, not characters: both sides are cut into content
//! words (question words such as "how" or "many" dropped, plurals and
//! endings trimmed), a typed word matches a question's word when they are
//! equal, share a long prefix or are one typo apart, and each typed word
//! counts by how few questions it points at (rare words decide). A question's
//! words are those of its `ask`, its id and its `synonyms`. A typed
//! question that asks two things ("how many users at peak?") gets both.

use crate::model::{Pack, Question};

/// Words that carry no topic: asking "how many ... do we have" says nothing
/// about which fact is wanted.
const STOP: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "doing", "done", "each", "else", "etc", "every", "expect", "for", "from", "get", "go", "going",
    "got", "had", "has", "have", "having", "how", "i", "if", "in", "into", "is", "it", "its",
    "just", "kind", "know", "let", "like", "look", "lot", "lots", "may", "me", "might", "more",
    "most", "much", "many", "must", "my", "need", "needs", "no", "not", "of", "ok", "okay", "on",
    "or", "other", "our", "out", "over", "please", "really", "say", "shall", "should", "so",
    "some", "sort", "tell", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "thing", "things", "think", "this", "those", "to", "too", "up", "us", "very", "want",
    "was", "we", "were", "what", "whats", "when", "where", "which", "who", "why", "will", "with",
    "would", "you", "your",
];

/// Trims plural and verb endings so that "users", "user" and "paying",
/// "pay" meet.
fn stem(word: &str) -> String {
    let mut w = word.trim_end_matches("'s").to_string();
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
    for suffix in ["ing", "ed"] {
        if w.chars().count() >= suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    if w.chars().count() > 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// The content words of a text, stemmed, each once, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
    {
        let plain = raw.replace('\'', "");
        if STOP.contains(&plain.as_str()) || STOP.contains(&raw) {
            continue;
        }
        let s = stem(&plain);
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Two content words mean the same: equal, one a long prefix of the other
/// ("notif" and "notification"), or one typo apart in a long word.
fn same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let short = la.min(lb);
    if short >= 5 && (a.starts_with(b) || b.starts_with(a)) {
        return true;
    }
    let allowed = match short {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    };
    allowed > 0 && strsim::levenshtein(a, b) <= allowed
}

/// The words a question is known by: its `ask`, its id and its synonyms.
pub fn question_words(q: &Question) -> Vec<String> {
    let mut text = format!("{} {}", q.ask, q.id.replace('-', " "));
    for s in &q.synonyms {
        text.push(' ');
        text.push_str(s);
    }
    words(&text)
}

/// Share of a typed question's weight the matched questions must cover.
const MATCH_AT: f64 = 0.5;

/// Weight of a typed word no question knows: specific, so a question that
/// matches one word of "what font do the emails use" is not enough.
const UNKNOWN_WEIGHT: f64 = 2.0;

/// Most pack questions one typed question answers ("how many users at
/// peak?" asks two).
const MOST: usize = 3;

/// The pack questions a typed question asks, best first; empty when they
/// cover too little of it (the interviewer declines). The best question is
/// the one covering the most weight (on a tie, one not yet `asked`, then
/// the earlier); others join while they cover words it left.
pub fn match_questions<'a>(pack: &'a Pack, typed: &str, asked: &[String]) -> Vec<&'a Question> {
    let query = words(typed);
    if query.is_empty() || pack.questions.is_empty() {
        return Vec::new();
    }
    let known: Vec<Vec<String>> = pack.questions.iter().map(question_words).collect();
    let hits = |t: &str, kw: &[String]| kw.iter().any(|k| same(t, k));
    let n = pack.questions.len() as f64;
    // A word few questions share says more than one many do.
    let weight: Vec<f64> = query
        .iter()
        .map(|t| {
            let df = known.iter().filter(|kw| hits(t, kw)).count();
            if df == 0 {
                UNKNOWN_WEIGHT
            } else {
                1.0 + (n / df as f64).ln()
            }
        })
        .collect();
    let total: f64 = weight.iter().sum();
    let mut covered = vec![false; query.len()];
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < MOST {
        let mut best: Option<(f64, bool, usize)> = None;
        for (i, kw) in known.iter().enumerate() {
            if chosen.contains(&i) {
                continue;
            }
            let got: f64 = query
                .iter()
                .zip(&weight)
                .zip(&covered)
                .filter(|((t, _), c)| !**c && hits(t, kw))
                .map(|((_, w), _)| w)
                .sum();
            if got <= 0.0 {
                continue;
            }
            let fresh = !asked.contains(&pack.questions[i].id);
            let better = match best {
                None => true,
                Some((g, f, _)) => got > g + 1e-9 || ((got - g).abs() <= 1e-9 && fresh && !f),
            };
            if better {
                best = Some((got, fresh, i));
            }
        }
        let Some((_, _, i)) = best else { break };
        for (t, c) in query.iter().zip(covered.iter_mut()) {
            if hits(t, &known[i]) {
                *c = true;
            }
        }
        chosen.push(i);
    }
    let got: f64 = weight
        .iter()
        .zip(&covered)
        .filter(|(_, c)| **c)
        .map(|(w, _)| w)
        .sum();
    if got / total < MATCH_AT {
        return Vec::new();
    }
    chosen
        .into_iter()
        .filter_map(|i| pack.questions.get(i))
        .collect()
}

/// SplitMix64: a small, well-mixed step, enough to deal options.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The order a session with `seed` shows a prompt's `n` options in (indices
/// into the pack's list): the same for the same seed and prompt, different
/// across sessions, so the pack's order (often best first) tells nothing.
pub fn option_order(seed: u32, prompt: &str, n: usize) -> Vec<usize> {
    // FNV-1a of the prompt id, so each prompt is dealt on its own.
    let h = prompt.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    let mut keyed: Vec<(u64, usize)> = (0..n)
        .map(|i| (mix(h ^ mix(u64::from(seed)) ^ (i as u64)), i))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: &str, ask: &str) -> Question {
        Question {
            id: id.into(),
            ask: ask.into(),
            answer: String::new(),
            key: false,
            distractor: false,
            synonyms: Vec::new(),
        }
    }

    /// The questions of the TUI's fixture pack.
    fn pack() -> Pack {
        let mut p: Pack = serde_yaml::from_str(
            "{id: p, title: t, summary: s, brief: b, stages: [{id: launch, title: Today, context: {}}]}",
        )
        .expect("a minimal pack");
        p.questions = vec![
            q("users", "How many customers do we have?"),
            q("volume", "How many emails a day, and what is the peak?"),
            q("duplicates", "What does a duplicate or a lost email cost?"),
            q("team", "Who builds and runs it?"),
            q("analytics", "Do we need real-time analytics on opens?"),
        ];
        p
    }

    fn matched(p: &Pack, typed: &str) -> Option<String> {
        match_questions(p, typed, &[]).first().map(|q| q.id.clone())
    }

    #[test]
    fn words_drop_question_words_and_trim_endings() {
        assert_eq!(words("How many users do we have?"), ["user"]);
        assert_eq!(words("What's the peak traffic?"), ["peak", "traffic"]);
        assert_eq!(words("paying, payments"), ["pay", "payment"]);
        assert!(same("notif", "notification"));
        assert!(same("budgt", "budget"));
        assert!(!same("cost", "post"));
    }

    #[test]
    fn typed_questions_find_the_fact_they_ask_for() {
        let p = pack();
        assert_eq!(matched(&p, "how many customers?").as_deref(), Some("users"));
        assert_eq!(matched(&p, "what's the peak?").as_deref(), Some("volume"));
        assert_eq!(
            matched(&p, "Who is building it?").as_deref(),
            Some("team"),
            "endings trimmed: building/builds"
        );
        assert_eq!(matched(&p, "what colour is the logo?"), None);
        assert_eq!(matched(&p, "how?"), None, "no content word, no match");
        // Already asked: an equal match goes to the question not yet asked.
        let asked = ["users".to_string()];
        assert_eq!(
            match_questions(&p, "customers", &asked)
                .first()
                .map(|q| q.id.as_str()),
            Some("users"),
            "a clear match still answers again"
        );
        // Two questions in one: both answered.
        let both: Vec<&str> = match_questions(&p, "how many customers, and the peak?", &[])
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(both, ["users", "volume"]);
    }

    #[test]
    fn options_are_dealt_per_seed_and_prompt() {
        let a = option_order(7, "send-path", 4);
        assert_eq!(a, option_order(7, "send-path", 4), "stable");
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3], "a permutation");
        // Over many seeds every option leads sometimes: no fixed order.
        let firsts: std::collections::BTreeSet<usize> = (0..64)
            .map(|s| option_order(s, "send-path", 4)[0])
            .collect();
        assert_eq!(firsts.len(), 4);
        assert_ne!(option_order(1, "a", 6), option_order(1, "b", 6));
    }
}
