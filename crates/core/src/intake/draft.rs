//! The state of one unfinished conversation, and the finished submission it turns into.
//!
//! A draft is serialised to JSON and sealed before it is stored; it never leaves the server.

use serde::{Deserialize, Serialize};

use super::AttachmentNote;
use crate::domain::{Identity, Lang, OrgId, Perpetrator, StateAnswer, Violation, When};

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
    // Assisted filing (a shelter volunteer with the person), in the order they are asked.
    /// Is the person present, and do they agree to file?
    AssistConsent,
    /// Which language did the person speak?
    PersonLanguage,
    /// Did the volunteer interpret?
    Interpreted,
    /// Does the person want the shelter to have a copy?
    ShelterCopy,
    /// Does the person want to give their identity to the human-rights commission(s)?
    IdentityConsent,
    IdentityName,
    IdentityNationality,
    IdentityAge,
    IdentityContact,
    /// May the shelter's copy carry the identity too?
    IdentityInCopy,
}

impl Step {
    /// Every step, in the order a conversation meets them (the assisted ones last).
    pub const ALL: [Step; 20] = [
        Step::Start,
        Step::Language,
        Step::Consent,
        Step::Story,
        Step::Violation,
        Step::Perpetrator,
        Step::State,
        Step::When,
        Step::Recipients,
        Step::Confirm,
        Step::AssistConsent,
        Step::PersonLanguage,
        Step::Interpreted,
        Step::ShelterCopy,
        Step::IdentityConsent,
        Step::IdentityName,
        Step::IdentityNationality,
        Step::IdentityAge,
        Step::IdentityContact,
        Step::IdentityInCopy,
    ];

    /// Whether only an assisted filing has this step (`flow::assisted` answers it).
    pub fn is_assisted(self) -> bool {
        self.kind() != StepKind::Ordinary
    }

    /// Whether this step asks for one of the person's own choices or their identity, which
    /// are typed, never sent as a file.
    pub fn is_persons_choice(self) -> bool {
        self.kind() == StepKind::PersonsChoice
    }

    /// Which part of the conversation a step belongs to: spelled once, for every step, so
    /// that a new step must say where it goes.
    fn kind(self) -> StepKind {
        match self {
            Step::Start
            | Step::Language
            | Step::Consent
            | Step::Story
            | Step::Violation
            | Step::Perpetrator
            | Step::State
            | Step::When
            | Step::Recipients
            | Step::Confirm => StepKind::Ordinary,
            Step::AssistConsent | Step::PersonLanguage | Step::Interpreted => {
                StepKind::AssistOpening
            }
            Step::ShelterCopy
            | Step::IdentityConsent
            | Step::IdentityName
            | Step::IdentityNationality
            | Step::IdentityAge
            | Step::IdentityContact
            | Step::IdentityInCopy => StepKind::PersonsChoice,
        }
    }

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
            Step::AssistConsent => "assist-consent",
            Step::PersonLanguage => "person-language",
            Step::Interpreted => "interpreted",
            Step::ShelterCopy => "shelter-copy",
            Step::IdentityConsent => "identity-consent",
            Step::IdentityName => "identity-name",
            Step::IdentityNationality => "identity-nationality",
            Step::IdentityAge => "identity-age",
            Step::IdentityContact => "identity-contact",
            Step::IdentityInCopy => "identity-in-copy",
        }
    }
}

/// The parts of the conversation, for [`Step::is_assisted`] and [`Step::is_persons_choice`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum StepKind {
    /// Every conversation has it.
    Ordinary,
    /// An assisted filing's opening: presence and consent, language, interpretation.
    AssistOpening,
    /// An assisted filing's choices of the person: the shelter's copy, the identity.
    PersonsChoice,
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
    /// Set when an enrolled volunteer files with a person (`NUEVA`, `/new`).
    #[serde(default)]
    pub assist: Option<Assist>,
    /// A bare `0` was just sent where it would erase a story: erased only if the next message
    /// is `0` again (one step earlier `0` may have meant "don't know").
    #[serde(default)]
    pub erase_asked: bool,
}

/// The answers of an assisted filing. No `Debug`: it may hold a person's identity.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Assist {
    /// The shelter the volunteer was enrolled for when the filing started.
    pub shelter: OrgId,
    /// The person's language when Buzón ships it; `None` for another one (or not yet asked).
    pub person_lang: Option<Lang>,
    pub interpreted: Option<bool>,
    pub shelter_copy: Option<bool>,
    pub identity_consent: Option<bool>,
    pub identity: Identity,
    pub identity_in_copy: Option<bool>,
}

impl Assist {
    pub fn new(shelter: OrgId) -> Self {
        Self {
            shelter,
            person_lang: None,
            interpreted: None,
            shelter_copy: None,
            identity_consent: None,
            identity: Identity::default(),
            identity_in_copy: None,
        }
    }
}

/// The person's choices in an assisted submission. No `Debug`, like [`Assist`].
#[derive(Clone, PartialEq)]
pub struct AssistedChoices {
    pub shelter: OrgId,
    pub person_lang: Option<Lang>,
    pub interpreted: bool,
    pub shelter_copy: bool,
    /// The identity, when the person chose to give it, and the bodies it goes to (never empty
    /// when the identity is present).
    pub identity: Option<(Identity, Vec<OrgId>)>,
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
    pub assisted: Option<AssistedChoices>,
}

#[cfg(test)]
mod tests {
    use super::Step;

    #[test]
    fn every_step_is_listed_once_and_the_assisted_ones_last() {
        let names: std::collections::BTreeSet<_> = Step::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(names.len(), Step::ALL.len(), "a step listed twice");
        let first_assisted = Step::ALL
            .iter()
            .position(|s| s.is_assisted())
            .expect("assisted steps");
        assert_eq!(Step::ALL[first_assisted], Step::AssistConsent);
        assert!(Step::ALL[first_assisted..].iter().all(|s| s.is_assisted()));
        // Each step survives a stored draft by its name.
        for s in Step::ALL {
            let json = serde_json::to_string(&s).expect("json");
            assert_eq!(serde_json::from_str::<Step>(&json).ok(), Some(s));
        }
    }

    #[test]
    fn the_persons_choices_are_the_assisted_steps_after_the_recipients() {
        let choices: Vec<_> = Step::ALL
            .into_iter()
            .filter(|s| s.is_persons_choice())
            .collect();
        assert_eq!(choices.first(), Some(&Step::ShelterCopy));
        assert_eq!(choices.last(), Some(&Step::IdentityInCopy));
        assert!(choices.iter().all(|s| s.is_assisted()));
        assert!(!Step::Interpreted.is_persons_choice());
    }
}
