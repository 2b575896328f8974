//! The state of one unfinished conversation, and the finished submission it turns into.
//!
//! A draft is serialised to JSON and sealed before it is stored; it never leaves the server.

use serde::{Deserialize, Serialize};

use super::AttachmentNote;
use crate::domain::{Lang, OrgId, Perpetrator, StateAnswer, Violation, When};

/// Where the conversation is. Serialised by name, so a stored draft survives a re-ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// No message handled yet.
    #[default]
    Start,
    Language,
    Consent,
    Story,
    Violation,
    Perpetrator,
    State,
    When,
    Recipients,
    Confirm,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Start => "start",
            Step::Language => "language",
            Step::Consent => "consent",
            Step::Story => "story",
            Step::Violation => "violation",
            Step::Perpetrator => "perpetrator",
            Step::State => "state",
            Step::When => "when",
            Step::Recipients => "recipients",
            Step::Confirm => "confirm",
        }
    }
}

/// An unfinished complaint. Deliberately no `Debug`: it holds the reporter's words.
#[derive(Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Draft {
    pub lang: Option<Lang>,
    pub step: Step,
    /// The step to go back to after the language menu, so switching language loses nothing.
    #[serde(default)]
    pub resume: Option<Step>,
    /// Every story message, verbatim and in order.
    #[serde(default)]
    pub story: Vec<String>,
    pub violation: Option<Violation>,
    pub perpetrator: Option<Perpetrator>,
    pub state: Option<StateAnswer>,
    pub when: Option<When>,
    /// The bodies the reporter agreed to send to.
    #[serde(default)]
    pub recipients: Vec<OrgId>,
    #[serde(default)]
    pub civil_society_only: bool,
    /// Files sent with the story, in order; their bytes are sealed elsewhere.
    #[serde(default)]
    pub attachments: Vec<AttachmentNote>,
}

/// A confirmed complaint, ready to be routed, sealed and stored. No `Debug`, like [`Draft`].
#[derive(Clone, PartialEq)]
pub struct Submission {
    pub lang: Lang,
    pub story: Vec<String>,
    pub violation: Violation,
    pub perpetrator: Perpetrator,
    pub state: StateAnswer,
    pub when: When,
    pub recipients: Vec<OrgId>,
    pub civil_society_only: bool,
    pub attachments: Vec<AttachmentNote>,
}
