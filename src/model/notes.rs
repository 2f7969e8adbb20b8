//! What a note in a design's `notes` is about. The keys stay plain text so
//! hand-written files keep working: a component id, `finding/RULE` or
//! `finding/RULE/ID+ID` for a finding (its rule and the components it
//! names), and `_session` for the session as a whole. None of these can be
//! a component id (ids are `[a-z0-9-]`), so the three never collide.

use std::fmt;

/// The key of the note on the whole session.
pub const SESSION_KEY: &str = "_session";

/// The prefix of notes on findings.
const FINDING_PREFIX: &str = "finding/";

/// What one note is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteTarget {
    /// The session as a whole (what went well, what to practise next).
    Session,
    /// A finding, by rule and the components it names (sorted).
    Finding {
        /// The rule id.
        rule: String,
        /// The components it names, sorted; empty for the whole design.
        components: Vec<String>,
    },
    /// One component, by id.
    Component(String),
}

impl NoteTarget {
    /// The note's target for a finding of `rule` on `components`.
    pub fn finding(rule: &str, components: &[String]) -> NoteTarget {
        let mut components = components.to_vec();
        components.sort();
        components.dedup();
        NoteTarget::Finding {
            rule: rule.to_string(),
            components,
        }
    }

    /// Reads a key of `notes`.
    pub fn parse(key: &str) -> NoteTarget {
        if key == SESSION_KEY {
            return NoteTarget::Session;
        }
        match key.strip_prefix(FINDING_PREFIX) {
            Some(rest) => {
                let (rule, comps) = rest.split_once('/').unwrap_or((rest, ""));
                let components = comps
                    .split('+')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>();
                NoteTarget::finding(rule, &components)
            }
            None => NoteTarget::Component(key.to_string()),
        }
    }

    /// The key this note is kept under in `notes`.
    pub fn key(&self) -> String {
        match self {
            NoteTarget::Session => SESSION_KEY.to_string(),
            NoteTarget::Finding { rule, components } if components.is_empty() => {
                format!("{FINDING_PREFIX}{rule}")
            }
            NoteTarget::Finding { rule, components } => {
                format!("{FINDING_PREFIX}{rule}/{}", components.join("+"))
            }
            NoteTarget::Component(id) => id.clone(),
        }
    }

    /// True for keys that are notes on a finding or the session rather than
    /// a component (validation does not look for a component of that id).
    pub fn is_mentor_key(key: &str) -> bool {
        !matches!(NoteTarget::parse(key), NoteTarget::Component(_))
    }
}

impl fmt::Display for NoteTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteTarget::Session => f.write_str("the session"),
            NoteTarget::Finding { rule, components } if components.is_empty() => {
                write!(f, "finding {rule}")
            }
            NoteTarget::Finding { rule, components } => {
                write!(f, "finding {rule} on {}", components.join(", "))
            }
            NoteTarget::Component(id) => write!(f, "{id}"),
        }
    }
}

/// A design's notes grouped: the session's, then findings', then
/// components', each with its target.
pub fn grouped(notes: &std::collections::BTreeMap<String, String>) -> Vec<(NoteTarget, &str)> {
    let mut out: Vec<(NoteTarget, &str)> = notes
        .iter()
        .map(|(k, v)| (NoteTarget::parse(k), v.as_str()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for t in [
            NoteTarget::Session,
            NoteTarget::finding("single-point-of-failure", &["db".into()]),
            NoteTarget::finding("sync-chain", &["b".into(), "a".into()]),
            NoteTarget::finding("over-budget", &[]),
            NoteTarget::Component("db".into()),
        ] {
            assert_eq!(NoteTarget::parse(&t.key()), t, "{}", t.key());
        }
        assert_eq!(
            NoteTarget::finding("sync-chain", &["b".into(), "a".into()]).key(),
            "finding/sync-chain/a+b"
        );
        assert!(NoteTarget::is_mentor_key("_session"));
        assert!(NoteTarget::is_mentor_key("finding/x"));
        assert!(!NoteTarget::is_mentor_key("db"));
    }
}
