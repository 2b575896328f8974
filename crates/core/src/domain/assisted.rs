//! What an envelope says about a case a shelter volunteer filed with the person present, and the
//! identity details a person may choose to give to some bodies.
//!
//! Both travel only inside envelopes: the clear metadata of a case says that it was assisted and
//! nothing else (which shelter would tell where the person is).

use serde::{Deserialize, Serialize};

use super::{Lang, RoutedOrg};

/// How an assisted case was filed. No `Debug`: it names the shelter the person was at.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Assistance {
    /// The shelter whose volunteer filed the case.
    pub shelter: RoutedOrg,
    /// The person was present and agreed to file (the flow does not go on otherwise).
    pub person_present_and_agreed: bool,
    /// The language the person spoke, when Buzón ships it; `None` for another language.
    pub person_language: Option<Lang>,
    /// The volunteer interpreted between the person's language and the one typed in.
    pub interpreted: bool,
    /// The person chose to give the shelter a copy of its own.
    pub shelter_copy: bool,
}

/// A person's identity details, given by their explicit choice to the bodies they chose.
/// No `Debug`: it identifies a person.
#[derive(Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Identity {
    pub name: String,
    pub nationality: String,
    /// Age in years, as the person gave it (empty when they preferred not to say).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub age: String,
    /// How to reach the person, through the shelter (empty when none was given).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
}
