//! What a session records of the interviewer's follow-ups: the candidate's
//! answer to each of the pack's drills, and whether the drill has been run
//! on the design since (which reveals the pack's model answer).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The candidate's answer to one follow-up (`session.followups[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FollowupAnswer {
    /// The pack drill it answers.
    pub drill: String,
    /// What the candidate wrote.
    #[serde(default)]
    pub answer: String,
    /// When it was (last) written, on the session clock.
    #[serde(default)]
    pub at_s: u64,
    /// The drill has run on the design since: the model answer is shown.
    #[serde(default, skip_serializing_if = "is_false")]
    pub drilled: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}
